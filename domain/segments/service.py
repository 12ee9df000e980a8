"""Nightly segment update: RFM scores and named segments, combined with churn risk and the
value tier, stored as the day's snapshot and as `Customer.segment`.

Inputs per customer with revenue (kept purchases and paid invoices up to the day): days
since the last purchase (R), purchase days (F) and total spend (M), scored by quintile of
the organization (`domain.segments.rfm`). Churn risk, where the customer has a current
score, adjusts the segment: a customer in a healthy segment (Champions, Loyal Customers,
Potential Loyalists, New Customers, Promising, Need Attention) whose risk level is high or
critical is moved to "Cannot Lose Them" when its M score is 4 or 5, else to "At Risk" —
the RFM map cannot see a paying subscriber disengaging, the churn model can. The value tier
is the one of the customer's stored CLV. Behavioural clusters are stored with the
snapshot when they can be fitted. One snapshot per customer and day: a second run on the
same day replaces that day's rows; customers without revenue have no segment.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.clv import reads
from domain.enums import RiskLevel, ValueTier
from domain.errors import DomainError
from domain.models import CustomerRisk, CustomerValue, SegmentSnapshot
from domain.segments.rfm import Segment, score_customers
from domain.sql import dialect_sql
from domain.times import utc_timestamp

log = logging.getLogger(__name__)
HEALTHY = {Segment.CHAMPIONS, Segment.LOYAL, Segment.POTENTIAL_LOYALISTS, Segment.NEW,
           Segment.PROMISING, Segment.NEED_ATTENTION}
RISKY = {RiskLevel.HIGH.value, RiskLevel.CRITICAL.value}
WRITE_CHUNK = 2000


@dataclass(frozen=True)
class SegmentOutcome:
    on: date
    segmented: int
    counts: dict[str, int]
    risk_adjusted: int
    clusters: int | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"on": self.on.isoformat(), "segmented": self.segmented, "counts": self.counts,
                "risk_adjusted": self.risk_adjusted, "clusters": self.clusters,
                "warnings": self.warnings}


def rfm_inputs(revenue: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """days_since_last, purchases (distinct days) and spend per customer."""
    if revenue.empty:
        return pd.DataFrame(columns=["days_since_last", "purchases", "spend"], dtype=float)
    day = revenue["at"].dt.floor("D")
    daily = revenue.assign(day=day).groupby(["customer_id", "day"])["amount"].sum().reset_index()
    g = daily.groupby("customer_id")
    return pd.DataFrame({
        "days_since_last": (at - g["day"].max()).dt.total_seconds() / 86400.0,
        "purchases": g["day"].size().astype(float), "spend": g["amount"].sum()})


def combine_with_risk(scored: pd.DataFrame, risk_levels: pd.Series) -> tuple[pd.Series, int]:
    """The segment after the churn-risk rule (see the module docstring), and how many moved."""
    level = risk_levels.reindex(scored.index)
    healthy = scored["segment"].isin([s.value for s in HEALTHY])
    risky = level.isin(RISKY) & healthy
    moved = np.where(scored["m"] >= 4, Segment.CANNOT_LOSE.value, Segment.AT_RISK.value)
    return pd.Series(np.where(risky, moved, scored["segment"]), index=scored.index), int(
        risky.sum())


async def _risk_levels(org_id: int) -> pd.Series:
    rows = await CustomerRisk.filter(organization_id=org_id).values_list("customer_id", "level")
    return pd.Series({int(c): str(getattr(lv, "value", lv)) for c, lv in rows}, dtype=object)


async def _tiers(org_id: int) -> dict[int, str]:
    rows = await CustomerValue.filter(organization_id=org_id).values_list("customer_id", "tier")
    return {int(c): str(getattr(t, "value", t)) for c, t in rows}


async def _clusters(org_id: int, fit_in: Any, at: datetime) -> tuple[dict[int, int], str | None]:
    try:
        from domain.segments import clusters
    except ImportError:  # pragma: no cover - clusters ship with this package
        return {}, None
    try:
        fitted = await clusters.fit_clusters(org_id, fit_in=fit_in, at=at)
    except DomainError as exc:
        return {}, f"no behavioural clusters: {exc.message}"
    return dict(fitted.labels), None


async def _write(org_id: int, on: date, frame: pd.DataFrame) -> None:
    rows = [SegmentSnapshot(
        organization_id=org_id, customer_id=int(cid), taken_on=on, segment=r["segment"],
        recency=int(r["r"]), frequency=int(r["f"]), monetary=int(r["m"]),
        revenue=round(float(r["spend"]), 2),
        tier=ValueTier(r["tier"]) if isinstance(r["tier"], str) else None,
        cluster=int(r["cluster"]) if pd.notna(r["cluster"]) else None)
        for cid, r in frame.iterrows()]
    async with in_transaction():
        await SegmentSnapshot.filter(organization_id=org_id, taken_on=on).delete()
        for start in range(0, len(rows), WRITE_CHUNK):
            await SegmentSnapshot.bulk_create(rows[start:start + WRITE_CHUNK])
        # Customer.segment from the day's snapshot, in one statement whatever the size
        await connections.get("default").execute_query(dialect_sql(
            'UPDATE "customer" SET segment = (SELECT s.segment FROM "segment_snapshot" s '
            'WHERE s.customer_id = "customer".id AND s.taken_on = ?) '
            "WHERE organization_id = ?"), [on, org_id])


async def update_segments(org_id: int, *, at: datetime | None = None, fit_in: Any = None,
                          with_clusters: bool = True) -> SegmentOutcome:
    now = at or datetime.now(UTC)
    when = utc_timestamp(now)
    revenue = await reads.revenue(org_id, now)
    inputs = rfm_inputs(revenue, when)
    warnings: list[str] = []
    if inputs.empty:
        await _write(org_id, when.date(), pd.DataFrame(
            columns=["segment", "r", "f", "m", "spend", "tier", "cluster"]))
        return SegmentOutcome(when.date(), 0, {}, 0, None,
                              ["no customer has revenue yet: nothing to segment"])
    scored = score_customers(inputs)
    scored["segment"], adjusted = combine_with_risk(scored, await _risk_levels(org_id))
    scored["spend"] = inputs["spend"]
    tiers = await _tiers(org_id)
    scored["tier"] = [tiers.get(int(c)) for c in scored.index]
    labels: dict[int, int] = {}
    if with_clusters:
        labels, warning = await _clusters(org_id, fit_in, now)
        if warning:
            warnings.append(warning)
    scored["cluster"] = [labels.get(int(c)) for c in scored.index]
    await _write(org_id, when.date(), scored)
    counts = {str(k): int(v) for k, v in scored["segment"].value_counts().items()}
    return SegmentOutcome(when.date(), len(scored), counts, adjusted,
                          len(set(labels.values())) if labels else None, warnings)
