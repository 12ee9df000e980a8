"""Funnel reads: two statements (three when grouped by segment), each scoped to one
organization, whatever the number of customers and leads.

1. The customers' transitions into funnel stages before `as_of` (all of them: a unit's
   entry into a stage is its first one ever). Statements 1 and 2 are raw SQL with columns
   read into pandas: the ORM would build an object per row.
2. The leads created before `as_of` (id, customer, source, created_at): leads without an
   account are units of their own, the earliest lead of a customer gives its source.
3. For SEGMENT only: the segmented customers' segments.

The funnel itself is computed in `domain.funnel.analysis`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd

from domain.funnel.analysis import (
    MOVE_COLUMNS,
    UNIT_COLUMNS,
    Funnel,
    FunnelGroupBy,
    check_window,
    funnel,
    funnel_moves,
)
from domain.journeys.rules import FUNNEL
from domain.models import Customer, LifecycleTransition
from domain.sql import db_value, placeholders, select_rows
from domain.times import utc_series


async def funnel_frames(org_id: int, as_of: datetime, group_by: FunnelGroupBy
                        ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(moves, units) as `analysis.funnel` expects them."""
    before = db_value(LifecycleTransition, "at", as_of)
    stages = [s.value for s in FUNNEL]
    rows = await select_rows(
        'SELECT customer_id, to_stage, at FROM "lifecycle_transition" WHERE '
        f"organization_id = ? AND at < ? AND to_stage IN ({placeholders(len(stages))})",
        [org_id, before, *stages])
    lead_rows = await select_rows(
        'SELECT id, customer_id, source, created_at FROM "lead" WHERE organization_id = ? '
        "AND created_at < ? ORDER BY created_at, id", [org_id, before])
    transitions = pd.DataFrame({
        "customer_id": np.array([r[0] for r in rows], np.int64),
        "stage": pd.Series([r[1] for r in rows], dtype=object),
        "at": utc_series([r[2] for r in rows]),
    })
    leads = pd.DataFrame({
        "id": np.array([r[0] for r in lead_rows], np.int64),
        "customer_id": pd.Series([r[1] for r in lead_rows], dtype="Int64"),
        "created_at": utc_series([r[3] for r in lead_rows]),
    })
    moves = funnel_moves(transitions, leads)[list(MOVE_COLUMNS)]
    keys: dict[int, str | None] = {}
    if group_by is FunnelGroupBy.SOURCE:
        for lead_id, customer_id, source, _ in lead_rows:  # oldest first
            keys.setdefault(customer_id if customer_id is not None else -lead_id, source)
    elif group_by is FunnelGroupBy.SEGMENT:
        segments = await Customer.filter(organization_id=org_id, segment__isnull=False
                                         ).values_list("id", "segment")
        keys = {int(i): s for i, s in segments}
    units = pd.DataFrame({"unit": np.array(list(keys), np.int64),
                          "key": pd.Series(list(keys.values()), dtype=object)},
                         columns=list(UNIT_COLUMNS))
    return moves, units


async def funnel_of(org_id: int, start: date, end: date,
                    group_by: FunnelGroupBy = FunnelGroupBy.NONE,
                    *, as_of: datetime | None = None) -> Funnel:
    """The organization's funnel over [start, end) at `as_of` (default now). Raises
    ValidationFailed (field "from") for a bad window, before any read."""
    as_of = as_of.astimezone(UTC) if as_of is not None else datetime.now(UTC)
    check_window(start, end, as_of)
    moves, units = await funnel_frames(org_id, as_of, group_by)
    return funnel(moves, units, start=start, end=end, as_of=as_of, group_by=group_by)
