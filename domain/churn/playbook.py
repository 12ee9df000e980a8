"""Recommended actions for a customer's risk factors.

A playbook maps a feature name, a feature family (`feature_specs.FeatureSpec.family`:
subscription, invoices, payments, usage, support, journey) or "default" to one action. For
each risk factor, most risk-raising first, the feature's own entry wins over its family's;
actions are listed once each, in that order. "default" is used when no factor matched.
`Settings.churn_playbook` overrides entries (an empty text removes one)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.churn.feature_specs import FEATURE_NAMES, FEATURES, spec
from domain.errors import ValidationFailed

PAYMENT = "Update the payment method with the customer"
OVERDUE = "Chase the overdue invoices with the billing contact"
ADOPTION = "Book an adoption review"
SUPPORT = "Escalate to the support lead"
CANCELLATION = "Call the customer before the cancellation goes through"
PLAN = "Review plan fit and pricing with the account owner"
HEALTH = "Schedule a health check with the account owner"

DEFAULT_PLAYBOOK: dict[str, str] = {
    # families
    "payments": PAYMENT,
    "invoices": OVERDUE,
    "usage": ADOPTION,
    "support": SUPPORT,
    "subscription": PLAN,
    "journey": HEALTH,
    # features whose action differs from their family's
    "cancellation_tickets_90d": CANCELLATION,
    "seats": ADOPTION,
    "default": HEALTH,
}

FAMILIES: frozenset[str] = frozenset(f.family for f in FEATURES)
KEYS: frozenset[str] = frozenset({*FEATURE_NAMES, *FAMILIES, "default"})


def playbook(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The default playbook with `overrides` applied (typed error for an unknown key)."""
    merged = dict(DEFAULT_PLAYBOOK)
    for key, action in (overrides or {}).items():
        if key not in KEYS:
            raise ValidationFailed(
                f"churn playbook key {key!r} is not a feature, a feature family or 'default'",
                field="churn_playbook", key=key)
        if not isinstance(action, str):
            raise ValidationFailed(f"churn playbook entry {key!r} must be a text",
                                   field="churn_playbook", key=key)
        if action.strip():
            merged[key] = action.strip()
        else:
            merged.pop(key, None)
    return merged


def recommend(features: Iterable[str], book: Mapping[str, str]) -> list[str]:
    """Actions for risk factors `features` (most risk-raising first)."""
    out: list[str] = []
    for name in features:
        action = book.get(name) or book.get(spec(name).family)
        if action and action not in out:
            out.append(action)
    if not out and book.get("default"):
        out.append(book["default"])
    return out
