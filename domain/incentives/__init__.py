"""Retention incentives: the catalogue an organization may offer (costs, eligibility) and its
decision rules (which route a decision takes, control share, channels)."""
