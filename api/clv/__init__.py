"""Customer value (CLV) API."""
