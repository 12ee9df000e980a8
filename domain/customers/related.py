"""Batched reads of a page of customers' related rows, one statement per relation.

Every function takes the organization and a list of customer ids and returns a list per id,
in the order of the ids, so DataLoaders can call them directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from tortoise.models import Model

from domain.models import (
    Invoice,
    Lead,
    LifecycleTransition,
    Opportunity,
    Subscription,
    SupportTicket,
    UsageEvent,
)
from domain.sql import (
    db_value,
    latest_per_parent_sql,
    placeholders,
    select_dicts,
    select_models,
)

M = TypeVar("M", bound=Model)


def group_by_parent(
    rows: Sequence[M], ids: Sequence[int], key: str = "customer_id"
) -> list[list[M]]:
    grouped: dict[int, list[M]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return [grouped.get(i, []) for i in ids]


async def _all_for(
    model: type[M], org_id: int, ids: Sequence[int], *order: str
) -> list[list[M]]:
    rows = await model.filter(organization_id=org_id, customer_id__in=ids).order_by(
        "customer_id", *order)
    return group_by_parent(rows, ids)


async def journeys(org_id: int, ids: Sequence[int]) -> list[list[LifecycleTransition]]:
    return await _all_for(LifecycleTransition, org_id, ids, "at", "id")


async def subscriptions(org_id: int, ids: Sequence[int]) -> list[list[Subscription]]:
    return await _all_for(Subscription, org_id, ids, "-started_at", "-id")


async def opportunities(org_id: int, ids: Sequence[int]) -> list[list[Opportunity]]:
    return await _all_for(Opportunity, org_id, ids, "-close_date", "-id")


async def leads(org_id: int, ids: Sequence[int]) -> list[list[Lead]]:
    return await _all_for(Lead, org_id, ids, "created_at", "id")


async def latest_tickets(org_id: int, ids: Sequence[int], n: int) -> list[list[SupportTicket]]:
    sql = latest_per_parent_sql(SupportTicket, "customer_id", ["opened_at DESC", "id DESC"],
                                len(ids))
    rows = await select_models(SupportTicket, sql, [org_id, *ids, n])
    return group_by_parent(rows, ids)


async def latest_invoices(
    org_id: int, ids: Sequence[int], n: int, before: tuple[datetime, int] | None = None
) -> list[list[Invoice]]:
    """At most `n` invoices per customer, newest first, optionally older than a cursor."""
    extra, params = "", []
    if before is not None:
        issued = db_value(Invoice, "issued_at", before[0])
        extra = " AND (issued_at < ? OR (issued_at = ? AND id < ?))"
        params = [issued, issued, before[1]]
    sql = latest_per_parent_sql(Invoice, "customer_id", ["issued_at DESC", "id DESC"], len(ids),
                                extra)
    rows = await select_models(Invoice, sql, [org_id, *ids, *params, n])
    return group_by_parent(rows, ids)


async def invoice_counts(org_id: int, ids: Sequence[int]) -> list[int]:
    rows = await select_dicts(
        "SELECT customer_id, COUNT(*) AS n FROM invoice WHERE organization_id = ? "
        f"AND customer_id IN ({placeholders(len(ids))}) GROUP BY customer_id",
        [org_id, *ids],
    )
    counts = {int(r["customer_id"]): int(r["n"]) for r in rows}
    return [counts.get(i, 0) for i in ids]


@dataclass(frozen=True, slots=True)
class UsageWeek:
    week_start: date
    total: int
    by_type: tuple[tuple[str, int], ...]


def week_start(at: datetime) -> date:
    day = at.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


async def weekly_usage(
    org_id: int, ids: Sequence[int], weeks: int, now: datetime | None = None
) -> list[list[UsageWeek]]:
    """Usage per ISO week (Monday start) for the last `weeks` weeks, oldest first."""
    now = now or datetime.now(UTC)
    since = datetime.combine(week_start(now) - timedelta(weeks=weeks - 1), datetime.min.time(),
                             tzinfo=UTC)
    rows = await UsageEvent.filter(
        organization_id=org_id, customer_id__in=ids, at__gte=since
    ).values_list("customer_id", "at", "type", "quantity")
    buckets: dict[int, dict[date, dict[str, int]]] = defaultdict(lambda: defaultdict(
        lambda: defaultdict(int)))
    for customer_id, at, kind, quantity in rows:
        buckets[customer_id][week_start(at)][kind] += quantity
    result: list[list[UsageWeek]] = []
    for i in ids:
        weeks_of: dict[date, dict[str, int]] = buckets.get(i, {})
        result.append([
            UsageWeek(week_start=w, total=sum(t.values()), by_type=tuple(sorted(t.items())))
            for w, t in sorted(weeks_of.items())
        ])
    return result

