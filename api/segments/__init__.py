"""RFM segments API."""
