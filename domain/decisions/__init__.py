"""Retention decisions: which incentive (if any) each at-risk customer gets, learned from
outcomes by contextual Thompson sampling, routed, and written as the day's campaign."""
