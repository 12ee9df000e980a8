"""The bandit's vocabulary, shared by decisions, outcomes and ROI (no heavy imports):
the context of a customer, "segment|risk level|value tier", and the no-incentive arm."""

from __future__ import annotations

NONE_ARM = "none"  # the arm of customers given no incentive (and of the control group)
SEPARATOR = "|"


def context_key(segment: str | None, risk_level: str, tier: str) -> str:
    """"segment|risk level|value tier" (an unknown segment is "")."""
    return f"{segment or ''}{SEPARATOR}{risk_level}{SEPARATOR}{tier}"


def context_parts(key: str) -> tuple[str, str, str]:
    """(segment, risk level, value tier) of a context key (missing parts are "")."""
    segment, level, tier = [*key.split(SEPARATOR), "", "", ""][:3]
    return segment, level, tier
