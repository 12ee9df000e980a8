"""Pipeline health: open pipeline by stage, velocity, win rates, stalled and ageing deals and
coverage against a target (`health`: the computation; `queries`: the organization-scoped
reads)."""
