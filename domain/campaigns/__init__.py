"""Retention campaigns: executing decided actions and delivering them through channels."""
