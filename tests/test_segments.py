"""Segment updates (RFM combined with churn risk and value tiers, stored as dated
snapshots and as Customer.segment), the segment summary and the migration matrix."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.enums import RiskLevel, Stage, ValueModel, ValueTier
from domain.errors import ValidationFailed
from domain.ml import registry
from domain.models import (
    Customer,
    CustomerRisk,
    CustomerValue,
    Organization,
    RiskScore,
    SegmentSnapshot,
    Transaction,
)
from domain.segments import queries
from domain.segments.service import update_segments

AT = datetime(2025, 3, 1, tzinfo=UTC)


async def _org(name: str) -> Organization:
    return await Organization.create(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:8]}")


async def _ladder(org: Organization) -> list[Customer]:
    """Customer i (0..9): last purchase 10 (i + 1) days ago, 10 - i purchase days,
    spend 100 (10 - i): R = F = M = 5 for i = 0, 1; 4 for 2, 3; ...; 1 for 8, 9."""
    made = []
    for i in range(10):
        c = await Customer.create(organization_id=org.id, name=f"L{i}", stage=Stage.CUSTOMER,
                                  created_at=AT - timedelta(days=400))
        last = AT - timedelta(days=10 * (i + 1))
        for k in range(10 - i):
            await Transaction.create(organization_id=org.id, customer_id=c.id,
                                     external_id=f"{i}-{k}", at=last - timedelta(days=k),
                                     amount=Decimal("100.00") if k == 0 else Decimal("0.01"))
        made.append(c)
    return made


async def _risk(org: Organization, customer: Customer, level: RiskLevel, p: float) -> None:
    version = await registry.register_candidate(
        org.id, "churn", model_bytes={"m": b"x"}, params={}, features=[], metrics={},
        calibration=[], importance={}, window=(AT, AT), cutoffs=[AT], horizon_days=90)
    score = await RiskScore.create(organization_id=org.id, customer_id=customer.id,
                                   model_version_id=version.id, probability=p, level=level,
                                   scored_at=AT)
    await CustomerRisk.create(organization_id=org.id, customer_id=customer.id, probability=p,
                              level=level, model_version_id=version.id, scored_at=AT,
                              score_id=score.id)


async def test_rfm_segments_risk_rule_tiers_and_snapshots() -> None:
    org = await _org("Ladder")
    made = await _ladder(org)
    await _risk(org, made[0], RiskLevel.HIGH, 0.6)  # Champions, M 5 -> Cannot Lose Them
    await _risk(org, made[3], RiskLevel.CRITICAL, 0.9)  # Loyal, M 4 -> Cannot Lose Them
    await _risk(org, made[4], RiskLevel.HIGH, 0.5)  # Need Attention, M 3 -> At Risk
    await _risk(org, made[6], RiskLevel.HIGH, 0.5)  # Hibernating: not a healthy segment
    await _risk(org, made[1], RiskLevel.MEDIUM, 0.3)  # medium risk changes nothing
    await CustomerValue.create(organization_id=org.id, customer_id=made[1].id,
                               model=ValueModel.BGNBD, value=500.0, lower=400.0, upper=600.0,
                               horizon_months=12, tier=ValueTier.HIGH, computed_at=AT)
    outcome = await update_segments(org.id, at=AT, with_clusters=False)
    assert outcome.segmented == 10 and outcome.risk_adjusted == 3
    expected = ["Cannot Lose Them", "Champions", "Loyal Customers", "Cannot Lose Them",
                "At Risk", "Need Attention", "Hibernating", "Hibernating", "Lost", "Lost"]
    snaps = {s.customer_id: s for s in await SegmentSnapshot.filter(organization_id=org.id)}
    scores = [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    for c, segment, score in zip(made, expected, scores, strict=True):
        s = snaps[c.id]
        assert (s.segment, s.recency, s.frequency, s.monetary) == (segment, score, score, score)
        assert (await Customer.get(id=c.id)).segment == segment
        assert s.taken_on == AT.date()
    assert snaps[made[1].id].tier is ValueTier.HIGH and snaps[made[2].id].tier is None
    assert outcome.counts["Lost"] == 2 and outcome.counts["Cannot Lose Them"] == 2

    summary = {s.name: s for s in await queries.segments(org.id)}
    assert summary["Lost"].count == 2 and summary["Lost"].avg_risk is None
    assert summary["Cannot Lose Them"].avg_risk == pytest.approx(0.75)
    assert summary["Champions"].avg_clv == pytest.approx(500.0)
    assert summary["Champions"].revenue == pytest.approx(100.0 + 8 * 0.01)
    assert summary["Champions"].recommended_action.startswith("Reward")
    assert list(summary) == [n for n in ("Champions", "Loyal Customers", "Need Attention",
                                         "At Risk", "Cannot Lose Them", "Hibernating", "Lost")]

    # the same day again replaces that day's snapshot; a later day adds one
    await update_segments(org.id, at=AT + timedelta(hours=3), with_clusters=False)
    assert await SegmentSnapshot.filter(organization_id=org.id).count() == 10
    await update_segments(org.id, at=AT + timedelta(days=1), with_clusters=False)
    assert await SegmentSnapshot.filter(organization_id=org.id).count() == 20


async def test_an_organization_without_revenue_has_no_segments() -> None:
    org = await _org("Quiet")
    c = await Customer.create(organization_id=org.id, name="Q", stage=Stage.LEAD,
                              created_at=AT, segment="Lost")
    outcome = await update_segments(org.id, at=AT, with_clusters=False)
    assert outcome.segmented == 0 and "nothing to segment" in outcome.warnings[0]
    assert (await Customer.get(id=c.id)).segment is None
    assert await queries.segments(org.id) == []


async def _snap(org: Organization, customer: Customer, on: date, segment: str) -> None:
    await SegmentSnapshot.create(organization_id=org.id, customer_id=customer.id, taken_on=on,
                                 segment=segment, recency=3, frequency=3, monetary=3,
                                 revenue=10.0)


async def test_migration_matrix_by_hand() -> None:
    org, other = await _org("Moves"), await _org("Elsewhere")
    cs = [await Customer.create(organization_id=org.id, name=f"M{i}", stage=Stage.CUSTOMER,
                                created_at=AT) for i in range(5)]
    d1, d2 = date(2025, 1, 1), date(2025, 2, 1)
    for c, seg in zip(cs[:4], ["Champions", "Champions", "Lost", "At Risk"], strict=True):
        await _snap(org, c, d1, seg)
    for c, seg in ((cs[0], "Champions"), (cs[1], "At Risk"), (cs[3], "At Risk"),
                   (cs[4], "New Customers")):
        await _snap(org, c, d2, seg)
    stranger = await Customer.create(organization_id=other.id, name="X", stage=Stage.CUSTOMER,
                                     created_at=AT)
    await _snap(other, stranger, d1, "Champions")
    await _snap(other, stranger, d2, "Lost")

    moved = await queries.migration(org.id, d1, date(2025, 2, 15))  # latest on or before
    assert (moved.source_date, moved.target_date) == (d1, d2)
    cells = {(c.source, c.target): c.count for c in moved.cells}
    assert cells == {("Champions", "Champions"): 1, ("Champions", "At Risk"): 1,
                     ("Lost", "(none)"): 1, ("At Risk", "At Risk"): 1,
                     ("(none)", "New Customers"): 1}
    assert moved.segments == ["Champions", "New Customers", "At Risk", "Lost", "(none)"]

    with pytest.raises(ValidationFailed) as no_snapshot:
        await queries.migration(org.id, date(2024, 12, 1), d2)
    assert no_snapshot.value.field == "from"
    with pytest.raises(ValidationFailed) as backwards:
        await queries.migration(org.id, d2, d1)
    assert backwards.value.field == "to"
