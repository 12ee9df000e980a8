"""Shared ML plumbing (numpy/pandas only): evaluation metrics for binary probabilities."""
