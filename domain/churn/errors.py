"""Typed errors of the churn use cases (importable without the ML libraries)."""

from __future__ import annotations

from domain.errors import ValidationFailed


class NotEnoughHistory(ValidationFailed):
    code = "NOT_ENOUGH_HISTORY"


class NoChurnInWindow(ValidationFailed):
    code = "NO_CHURN_IN_WINDOW"
