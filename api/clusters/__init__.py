"""Behavioural clusters in GraphQL: the `clusters` query field."""
