"""Revenue forecast API."""
