"""Cohort matrices in GraphQL: the `cohorts` query field and its types."""
