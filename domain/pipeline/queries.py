"""Pipeline health reads: three statements, each scoped to one organization, whatever the
number of opportunities.

1. The opportunities that are open, or closed with a close date in the lookback (365 days),
   with their customer's segment (one join). Raw SQL with columns read into pandas: the
   ORM would build an object per row.
2. The stage history of those opportunities.
3. The leads of their customers (customer id and source, oldest first): the earliest gives
   the customer's lead source.

The numbers are computed in `domain.pipeline.health`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from tortoise.expressions import Q, Subquery

from domain.models import Lead, Opportunity
from domain.pipeline.health import (
    CHANGE_COLUMNS,
    LOOKBACK_DAYS,
    OPPORTUNITY_COLUMNS,
    PipelineHealth,
    check_inputs,
    pipeline_health,
)
from domain.sql import db_value, select_rows
from domain.times import utc_series

# open (created before as_of), or closed with a close date in the lookback
_SCOPE = ("o.organization_id = ? AND o.created_at < ? AND (o.is_closed = ? "
          "OR o.close_date >= ?)")


def _day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


async def pipeline_frames(org_id: int, as_of: datetime) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(opportunities, stage changes) as `health` expects them."""
    since = (as_of - timedelta(days=LOOKBACK_DAYS)).date()
    scope = [org_id, db_value(Opportunity, "created_at", as_of), False,
             db_value(Opportunity, "close_date", since)]
    rows = await select_rows(
        "SELECT o.id, o.customer_id, o.name, o.stage, CAST(o.amount AS DOUBLE PRECISION), "
        "o.probability, o.close_date, o.is_closed, o.is_won, o.created_at, o.currency, "
        'c.segment FROM "opportunity" o JOIN "customer" c ON c.id = o.customer_id '
        f"AND c.organization_id = o.organization_id WHERE {_SCOPE}", scope)
    history = await select_rows(
        'SELECT ch.opportunity_id, ch.from_stage, ch.to_stage, ch.at FROM '
        '"opportunity_stage_change" ch JOIN "opportunity" o ON o.id = ch.opportunity_id '
        f"WHERE ch.organization_id = ? AND ch.at < ? AND {_SCOPE} "
        "ORDER BY ch.opportunity_id, ch.at, ch.id",
        [org_id, db_value(Opportunity, "created_at", as_of), *scope])
    in_scope = Q(Q(organization_id=org_id), Q(created_at__lt=as_of),
                 Q(is_closed=False) | Q(close_date__gte=since))
    leads = await Lead.filter(
        organization_id=org_id,
        customer_id__in=Subquery(Opportunity.filter(in_scope).values("customer_id")),
    ).order_by("customer_id", "created_at", "id").values_list("customer_id", "source")
    source: dict[int, str] = {}
    for customer_id, lead_source in leads:
        source.setdefault(customer_id, lead_source)
    opps = pd.DataFrame({
        "id": np.array([r[0] for r in rows], np.int64),
        "customer_id": np.array([r[1] for r in rows], np.int64),
        "name": pd.Series([r[2] for r in rows], dtype=object),
        "stage": pd.Series([r[3] for r in rows], dtype=object),
        "amount": np.array([r[4] for r in rows], np.float64),
        "probability": np.array([r[5] or 0.0 for r in rows], np.float64),
        "close_date": pd.Series([_day(r[6]) for r in rows], dtype=object),
        "is_closed": np.array([bool(r[7]) for r in rows], bool),
        "is_won": np.array([bool(r[8]) for r in rows], bool),
        "created_at": utc_series([r[9] for r in rows]),
        "currency": pd.Series([r[10] for r in rows], dtype=object),
        "segment": pd.Series([r[11] for r in rows], dtype=object),
        "source": pd.Series([source.get(r[1]) for r in rows], dtype=object),
    }, columns=list(OPPORTUNITY_COLUMNS))
    changes = pd.DataFrame({
        "opportunity_id": np.array([r[0] for r in history], np.int64),
        "from_stage": pd.Series([r[1] for r in history], dtype=object),
        "to_stage": pd.Series([r[2] for r in history], dtype=object),
        "at": utc_series([r[3] for r in history]),
    }, columns=list(CHANGE_COLUMNS))
    return opps, changes


async def pipeline_health_of(org_id: int, *, target: float | None = None,
                             period_end: date | None = None, as_of: datetime | None = None
                             ) -> PipelineHealth:
    """The organization's pipeline health at `as_of` (default now). Raises
    ValidationFailed (field "target" or "periodEnd") for bad input, before any read."""
    as_of = as_of.astimezone(UTC) if as_of is not None else datetime.now(UTC)
    check_inputs(as_of, target, period_end)
    opps, changes = await pipeline_frames(org_id, as_of)
    return pipeline_health(opps, changes, as_of=as_of, target=target, period_end=period_end)
