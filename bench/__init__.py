"""Benchmarks (run from the repository root, e.g. `.venv/bin/python bench/api_read.py`)."""
