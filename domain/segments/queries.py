"""Segment reads: the summary per segment, the migration matrix between two dates, and the
current and past segments of customers. Each is one or two statements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationFailed
from domain.models import SegmentSnapshot
from domain.segments.rfm import ACTIONS, Segment
from domain.sql import (
    columns,
    latest_per_parent_sql,
    placeholders,
    select_dicts,
    select_models,
)

MAX_HISTORY = 100
NONE = "(none)"  # not segmented on that date (no revenue yet, or not a customer yet)


@dataclass(frozen=True)
class SegmentSummary:
    name: str
    count: int
    revenue: float
    avg_clv: float | None
    avg_risk: float | None
    recommended_action: str
    on: date


@dataclass(frozen=True)
class MigrationCell:
    source: str
    target: str
    count: int


@dataclass(frozen=True)
class Migration:
    source_date: date
    target_date: date
    cells: list[MigrationCell]
    segments: list[str]


async def latest_date(org_id: int, on_or_before: date | None = None) -> date | None:
    q = SegmentSnapshot.filter(organization_id=org_id)
    if on_or_before is not None:
        q = q.filter(taken_on__lte=on_or_before)
    found = await q.order_by("-taken_on").only("id", "taken_on").first()
    return found.taken_on if found is not None else None


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def segments(org_id: int, on: date | None = None) -> list[SegmentSummary]:
    """Per named segment at the latest snapshot (on or before `on`): customers, their
    revenue, mean CLV and mean churn probability (of those valued / scored)."""
    day = await latest_date(org_id, on)
    if day is None:
        return []
    rows = await select_dicts(
        "SELECT s.segment AS segment, COUNT(*) AS n, SUM(s.revenue) AS revenue, "
        "AVG(v.value) AS avg_clv, AVG(r.probability) AS avg_risk "
        'FROM "segment_snapshot" s '
        'LEFT JOIN "customer_value" v ON v.customer_id = s.customer_id '
        'LEFT JOIN "customer_risk" r ON r.customer_id = s.customer_id '
        "WHERE s.organization_id = ? AND s.taken_on = ? GROUP BY s.segment", [org_id, day])
    by_name = {str(r["segment"]): r for r in rows}
    out = []
    for seg in Segment:
        r = by_name.get(seg.value)
        if r is None:
            continue
        out.append(SegmentSummary(
            name=seg.value, count=int(r["n"]), revenue=round(float(r["revenue"] or 0.0), 2),
            avg_clv=None if r["avg_clv"] is None else round(float(r["avg_clv"]), 2),
            avg_risk=None if r["avg_risk"] is None else round(float(r["avg_risk"]), 4),
            recommended_action=ACTIONS[seg], on=day))
    return out


async def migration(org_id: int, source: date, target: date) -> Migration:
    """How many customers moved from each segment on `source` to each on `target` (the
    latest snapshots on or before those dates); NONE stands for "no segment then"."""
    if target < source:
        raise ValidationFailed("`to` must not be before `from`", field="to")
    a = await latest_date(org_id, source)
    b = await latest_date(org_id, target)
    if a is None:
        raise ValidationFailed(f"no segment snapshot on or before {source.isoformat()}",
                               field="from")
    assert b is not None  # b >= a exists
    rows = await select_dicts(
        "SELECT x.segment AS source, y.segment AS target, COUNT(*) AS n FROM "
        '(SELECT customer_id, segment FROM "segment_snapshot" WHERE organization_id = ? '
        "AND taken_on = ?) x FULL OUTER JOIN "
        '(SELECT customer_id, segment FROM "segment_snapshot" WHERE organization_id = ? '
        "AND taken_on = ?) y ON x.customer_id = y.customer_id "
        "GROUP BY x.segment, y.segment", [org_id, a, org_id, b])
    cells = sorted((MigrationCell(str(r["source"] or NONE), str(r["target"] or NONE),
                                  int(r["n"])) for r in rows),
                   key=lambda c: (c.source, c.target))
    order = [s.value for s in Segment] + [NONE]
    present = {c.source for c in cells} | {c.target for c in cells}
    return Migration(_day(a), _day(b), cells, [s for s in order if s in present])


async def current_segments(org_id: int, ids: Sequence[int]) -> dict[int, SegmentSnapshot]:
    """Each customer's latest snapshot (one statement)."""
    if not ids:
        return {}
    day = await latest_date(org_id)
    if day is None:
        return {}
    found = await select_models(
        SegmentSnapshot,
        f'SELECT {columns(SegmentSnapshot)} FROM "segment_snapshot" WHERE organization_id = ? '
        f"AND taken_on = ? AND customer_id IN ({placeholders(len(ids))})", [org_id, day, *ids])
    return {s.customer_id: s for s in found}


async def segment_history(org_id: int, ids: Sequence[int], limit: int
                          ) -> dict[int, list[SegmentSnapshot]]:
    """Up to `limit` snapshots per customer, newest first (one statement)."""
    out: dict[int, list[SegmentSnapshot]] = {int(i): [] for i in ids}
    if not ids:
        return out
    sql = latest_per_parent_sql(SegmentSnapshot, "customer_id", ["taken_on DESC", "id DESC"],
                                len(ids))
    for row in await select_models(SegmentSnapshot, sql, [org_id, *ids, limit]):
        out[row.customer_id].append(row)
    return out
