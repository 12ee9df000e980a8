"""Reads of churn risk for the API: at-risk pages (keyset), current risk and score history
per customer (batched for DataLoaders), the latest drift report. A constant number of
statements per call."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tortoise.expressions import Q, Subquery

from domain.errors import ValidationFailed
from domain.models import Customer, CustomerRisk, DriftReport, ModelVersion, RiskScore
from domain.pagination import Page, check_first, decode_keyset, keyset_cursor
from domain.sql import latest_per_parent_sql, select_models

AT_RISK_ORDERING = "risk:probability:desc"
MAX_HISTORY = 100


def _check_probability(value: float, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
            value) or not 0.0 <= value <= 1.0:
        raise ValidationFailed(f"{field} must be a probability between 0 and 1", field=field)
    return float(value)


async def at_risk_page(
    org_id: int,
    *,
    min_probability: float = 0.0,
    first: int,
    after: str | None = None,
    max_page_size: int = 100,
    with_total: bool = False,
) -> Page[CustomerRisk]:
    """Current scores with probability >= `min_probability`, riskiest first (probability
    descending, then customer id descending: the index order read backwards). Cursors hold
    (probability, customer id)."""
    check_first(first, max_page_size)
    floor = _check_probability(min_probability, "minProbability")
    base = CustomerRisk.filter(organization_id=org_id, probability__gte=floor)
    qs = base
    if after:
        raw, last_id = decode_keyset(after, AT_RISK_ORDERING)
        value = _check_probability(raw, "after") if isinstance(raw, int | float) else None
        if value is None:
            raise ValidationFailed("not a cursor returned by this API", field="after")
        qs = qs.filter(Q(probability__lt=value) | Q(probability=value, customer_id__lt=last_id))
    rows = await qs.order_by("-probability", "-customer_id").limit(first + 1)
    items = rows[:first]
    cursors = [keyset_cursor(AT_RISK_ORDERING, r.probability, r.customer_id) for r in items]
    total = await base.count() if with_total else None
    return Page(items=items, cursors=cursors, has_next=len(rows) > first,
                has_previous=after is not None, total=total)


async def at_risk_customers(
    org_id: int,
    *,
    min_probability: float = 0.0,
    first: int,
    after: str | None = None,
    max_page_size: int = 100,
    with_total: bool = False,
) -> Page[Customer]:
    """`at_risk_page` as customers, in its order and with its cursors. Two statements."""
    page = await at_risk_page(org_id, min_probability=min_probability, first=first,
                              after=after, max_page_size=max_page_size, with_total=with_total)
    ids = [r.customer_id for r in page.items]
    found = {c.id: c for c in await Customer.filter(organization_id=org_id, id__in=ids)
             } if ids else {}
    keep = [k for k, i in enumerate(ids) if i in found]
    return Page(items=[found[ids[k]] for k in keep], cursors=[page.cursors[k] for k in keep],
                has_next=page.has_next, has_previous=page.has_previous, total=page.total)


async def risk_for_customers(org_id: int, customer_ids: Sequence[int]
                             ) -> dict[int, CustomerRisk]:
    """Current score per customer id (customers never scored, or no longer live, are
    missing)."""
    if not customer_ids:
        return {}
    rows = await CustomerRisk.filter(organization_id=org_id,
                                     customer_id__in=list(dict.fromkeys(customer_ids)))
    return {r.customer_id: r for r in rows}


async def current_scores(org_id: int, customer_ids: Sequence[int]) -> dict[int, RiskScore]:
    """The current score row (factors, recommendations, time to churn) per customer id: the
    `RiskScore` its `CustomerRisk` points at. One statement."""
    ids = list(dict.fromkeys(customer_ids))
    if not ids:
        return {}
    current = CustomerRisk.filter(organization_id=org_id, customer_id__in=ids)
    rows = await RiskScore.filter(organization_id=org_id,
                                  id__in=Subquery(current.values("score_id")))
    return {r.customer_id: r for r in rows}


async def version_numbers(org_id: int, version_ids: Sequence[int]) -> dict[int, int]:
    """Model version number per model version id. One statement."""
    ids = list(dict.fromkeys(version_ids))
    if not ids:
        return {}
    rows = await ModelVersion.filter(organization_id=org_id, id__in=ids).values_list(
        "id", "version")
    return {int(i): int(v) for i, v in rows}


async def risk_history(org_id: int, customer_ids: Sequence[int], limit_per_customer: int = 10
                       ) -> dict[int, list[RiskScore]]:
    """Up to `limit_per_customer` scores per customer, newest first. One statement."""
    if not 1 <= limit_per_customer <= MAX_HISTORY:
        raise ValidationFailed(f"limit must be between 1 and {MAX_HISTORY}", field="limit")
    ids = list(dict.fromkeys(customer_ids))
    out: dict[int, list[RiskScore]] = {i: [] for i in ids}
    if not ids:
        return out
    sql = latest_per_parent_sql(RiskScore, "customer_id", ["scored_at DESC", "id DESC"],
                                len(ids))
    for row in await select_models(RiskScore, sql, [org_id, *ids, limit_per_customer]):
        out[row.customer_id].append(row)
    return out


async def drift_reports(org_id: int, model_version_id: int | None = None, first: int = 10
                        ) -> list[DriftReport]:
    """Drift reports newest first (of one model version, if given)."""
    check_first(first, MAX_HISTORY)
    qs = DriftReport.filter(organization_id=org_id)
    if model_version_id is not None:
        qs = qs.filter(model_version_id=model_version_id)
    return await qs.order_by("-computed_at", "-id").limit(first)


async def latest_drift(org_id: int, model_version_id: int | None = None
                       ) -> DriftReport | None:
    """The newest drift report (of one model version, if given)."""
    newest = await drift_reports(org_id, model_version_id, first=1)
    return newest[0] if newest else None
