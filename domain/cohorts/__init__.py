"""Acquisition-month (or quarter) cohorts: logo retention, GRR, NRR and average CLV as
matrices (`matrix`: the computation; `queries`: the organization-scoped reads)."""
