"""The migrations create the schema the models describe, for the dialect under test."""

from __future__ import annotations

import copy

from aerich.utils import get_models_describe

from domain.schema_migrations import APP, diff_states, drift, location
from domain.settings import Settings


def test_models_and_migrations_do_not_drift(settings: Settings) -> None:
    assert list(location(settings).glob("models/*.py")), "no migrations for this dialect"
    assert drift(settings) == []


def test_drift_check_notices_a_model_change() -> None:
    current = get_models_describe(APP)
    changed = copy.deepcopy(current)
    customer = next(k for k in changed if k.endswith(".Customer"))
    changed[customer]["data_fields"] = changed[customer]["data_fields"][:-1]
    assert diff_states(current, current) == []
    assert diff_states(changed, current) == [customer]
