"""Churn scoring on a demo world: scores, levels, factors, recommendations, time to churn,
idempotent history, risk changes and their events, drift, organization scoping, at-risk
pages and typed errors."""

from __future__ import annotations

import math
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from domain.churn import playbook
from domain.churn.drift import feature_bins, psi
from domain.churn.queries import at_risk_page, latest_drift, risk_for_customers, risk_history
from domain.churn.scoring import levels_of, parse_levels, score_customers
from domain.db import is_postgres
from domain.demo.service import generate_world
from domain.enums import InvoiceStatus, PaymentStatus, RiskLevel
from domain.errors import ValidationFailed
from domain.events import risk_channel
from domain.ml import registry
from domain.models import (
    CustomerRisk,
    DriftReport,
    Invoice,
    Organization,
    Payment,
    RiskChange,
    RiskScore,
    Subscription,
    UsageEvent,
)
from domain.settings import Settings
from tests.support.churn import copy_model, trained_world

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=14)
DAY = timedelta(days=1)


class RecordingBus:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    async def publish(self, channel: str, payload: dict[str, Any]) -> None:
        self.events.append((channel, payload))

    def subscription(self, channel: str) -> Any:
        raise NotImplementedError


def _changes(bus: RecordingBus) -> list[dict[str, Any]]:
    """The risk changes published, in order (one message per committed chunk)."""
    return [change for _, message in bus.events for change in message["changes"]]


@pytest.fixture(scope="module")
async def world() -> AsyncIterator[Organization]:
    yield await trained_world("Risky", customers=1200, seed=33, now=NOW)


@pytest.fixture(scope="module")
async def neighbour(world: Organization) -> AsyncIterator[Organization]:
    """Another organization scored with a copy of the world's model."""
    org = await Organization.create(name="Nearby", slug=f"nearby-{uuid.uuid4().hex[:10]}")
    await generate_world(org.id, customers=200, seed=4, now=NOW)
    await copy_model(world.id, org.id)
    yield org


def test_levels_follow_thresholds() -> None:
    assert parse_levels("0.2,0.4,0.7") == (0.2, 0.4, 0.7)
    for bad in ("0.4,0.2,0.7", "0.2,0.4", "a,b,c", "0,0.4,0.7", "0.2,0.4,1"):
        with pytest.raises(ValidationFailed) as err:
            parse_levels(bad)
        assert err.value.field == "churn_levels"
    got = levels_of(np.array([0.0, 0.19, 0.2, 0.39, 0.4, 0.69, 0.7, 1.0]), (0.2, 0.4, 0.7))
    L = RiskLevel
    assert got == [L.LOW, L.LOW, L.MEDIUM, L.MEDIUM, L.HIGH, L.HIGH, L.CRITICAL, L.CRITICAL]


def test_playbook_overrides_and_psi() -> None:
    book = playbook.playbook({"usage": "Run a training session", "support": ""})
    assert playbook.recommend(["usage_change_4w", "failed_payments_90d", "logins_4w"],
                              book) == ["Run a training session", playbook.PAYMENT]
    assert playbook.recommend(["tickets_30d"], book) == [book["default"]]
    with pytest.raises(ValidationFailed) as err:
        playbook.playbook({"no_such_feature": "x"})
    assert err.value.field == "churn_playbook"
    same = pd.DataFrame({"a": range(100)}, dtype=float)
    bins = feature_bins(same)["features"]["a"]
    assert len(bins["proportions"]) == len(bins["edges"]) + 2
    assert psi(bins["proportions"], bins["proportions"]) == 0.0


async def test_no_active_model_is_a_typed_error(org: Organization, settings: Settings) -> None:
    with pytest.raises(registry.NoActiveModel) as err:
        await score_customers(org.id, bus=None, settings=settings, now=NOW)
    assert err.value.code == "NO_ACTIVE_MODEL" and err.value.field == "kind"


async def test_scoring_then_rescoring_then_changes(
        world: Organization, neighbour: Organization, settings: Settings) -> None:
    # the neighbour is scored first; scoring the world must leave it alone
    near = await score_customers(neighbour.id, bus=None, settings=settings, now=NOW)
    near_rows = sorted(await CustomerRisk.filter(organization_id=neighbour.id).values_list(
        "customer_id", "probability", "scored_at"))
    assert near.scored == len(near_rows) > 50

    bus = RecordingBus()
    steps: list[float] = []

    async def progress(fraction: float, _message: str) -> None:
        steps.append(fraction)

    first = await score_customers(world.id, bus=bus, settings=settings, now=NOW, chunk=400,
                                  progress=progress)
    dialect = "postgres" if is_postgres() else "sqlite"
    print(f"\n[{dialect}] scored {first.scored:,} live customers of a 1,200-account world in "
          f"{first.seconds:.2f}s (chunks of 400); levels {first.levels}; drift {first.drift}")
    assert first.scored == first.population > 300 and first.skipped == 0
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps)
    scores = await RiskScore.filter(organization_id=world.id)
    assert len(scores) == first.scored
    current = await CustomerRisk.filter(organization_id=world.id)
    assert len(current) == len({c.customer_id for c in current}) == first.scored
    thresholds = parse_levels(settings.churn_levels)
    with_days = 0
    for s in scores:
        assert 0.0 <= s.probability <= 1.0
        assert s.level is levels_of(np.asarray([s.probability]), thresholds)[0]
        assert s.recommendations and all(isinstance(r, str) and r for r in s.recommendations)
        assert len(s.factors) <= 3
        impacts = [f["impact"] for f in s.factors]
        assert impacts == sorted(impacts, reverse=True) and all(i > 0 for i in impacts)
        assert all(f["label"] and f["feature"] for f in s.factors)
        if s.time_to_churn_days is not None:
            with_days += 1
            low, high = s.time_to_churn_low, s.time_to_churn_high
            assert low is not None and low <= s.time_to_churn_days
            assert high is None or s.time_to_churn_days <= high
    assert sum(1 for s in scores if s.factors) > 0.9 * len(scores)
    assert with_days > 0
    assert {lv for lv, n in first.levels.items() if n} >= {"low", "high"}
    # first scores are changes from nothing
    assert {ch for ch, _ in bus.events} == {risk_channel(world.id)}
    assert all(m["organization_id"] == world.id for _, m in bus.events)
    published = _changes(bus)
    assert first.changes == first.scored == len(published)
    assert all(p["organization_id"] == world.id and p["from_level"] is None
               for p in published)

    report = await latest_drift(world.id)
    assert report is not None and first.drift and report.id == first.drift["report_id"]
    assert report.rows == first.population and len(report.psi) >= 50
    assert all(v >= 0 and math.isfinite(v) for v in report.psi.values())
    assert report.max_psi == max(report.psi.values())
    assert report.flagged == (report.max_psi > settings.drift_psi_threshold)

    # same `now` again: nothing new
    again = await score_customers(world.id, bus=bus, settings=settings, now=NOW)
    assert again.scored == 0 and again.skipped == first.population and again.changes == 0
    assert await RiskScore.filter(organization_id=world.id).count() == first.scored
    assert await RiskChange.filter(organization_id=world.id).count() == first.changes
    assert await DriftReport.filter(organization_id=world.id).count() == 1
    assert len(_changes(bus)) == first.changes

    # two weeks later, some low-risk customers stop using the product and stop paying, one
    # cancels
    low = [c.customer_id for c in sorted(current, key=lambda c: c.probability)[:40]]
    await _sour(world.id, low)
    gone = sorted(current, key=lambda c: c.probability)[-1].customer_id
    await Subscription.filter(organization_id=world.id, customer_id=gone,
                              canceled_at=None).update(canceled_at=NOW + DAY)
    bus.events.clear()
    later = await score_customers(world.id, bus=bus, settings=settings, now=LATER)
    assert later.scored == later.population == first.population - 1 and later.removed == 1
    assert 0 < later.changes == len(_changes(bus))
    moved = {p["customer_id"] for p in _changes(bus)}
    assert len(moved & set(low)) >= 20
    assert {ch for ch, _ in bus.events} == {risk_channel(world.id)}
    for p in _changes(bus):
        assert p["organization_id"] == world.id
        assert p["from_level"] is not None and p["at"] == LATER.isoformat()
        assert p["from_level"] != p["to_level"] or abs(
            p["to_probability"] - p["from_probability"]) > settings.risk_change_delta
    stored = await RiskChange.filter(organization_id=world.id, at=LATER).count()
    assert stored == later.changes
    now_risk = await risk_for_customers(world.id, low)
    assert sum(r.probability for r in now_risk.values()) > sum(
        c.probability for c in current if c.customer_id in set(low))
    assert gone not in await risk_for_customers(world.id, [gone])
    history = await risk_history(world.id, [low[0], gone], 5)
    assert [s.scored_at for s in history[low[0]]] == [LATER, NOW]
    assert [s.scored_at for s in history[gone]] == [NOW]
    assert await DriftReport.filter(organization_id=world.id).count() == 2

    # the neighbour's scores are untouched
    assert sorted(await CustomerRisk.filter(organization_id=neighbour.id).values_list(
        "customer_id", "probability", "scored_at")) == near_rows
    assert await RiskScore.filter(organization_id=neighbour.id).count() == near.scored
    assert not await RiskChange.filter(organization_id=neighbour.id, at=LATER).exists()

    await _pages(world.id, later.population)


async def _sour(org_id: int, customer_ids: list[int]) -> None:
    await UsageEvent.filter(organization_id=org_id, customer_id__in=customer_ids,
                            at__gte=NOW - 60 * DAY).delete()
    for cid in customer_ids:
        for k in range(3):
            at = NOW - (40 - 10 * k) * DAY
            invoice = await Invoice.create(
                organization_id=org_id, customer_id=cid, amount=Decimal(500),
                status=InvoiceStatus.OPEN, issued_at=at)
            await Payment.create(
                organization_id=org_id, customer_id=cid, invoice_id=invoice.id,
                amount=Decimal(500), status=PaymentStatus.FAILED, failure_code="card_declined",
                at=at + DAY, stripe_id=f"ch_sour_{cid}_{k}")


async def _pages(org_id: int, population: int) -> None:
    every = await at_risk_page(org_id, first=100, max_page_size=100, with_total=True)
    assert every.total == population
    floor = 0.3
    expected = await CustomerRisk.filter(organization_id=org_id, probability__gte=floor
                                         ).order_by("-probability", "-customer_id")
    seen: list[CustomerRisk] = []
    after = None
    while True:
        page = await at_risk_page(org_id, min_probability=floor, first=7, after=after,
                                  max_page_size=10)
        seen.extend(page.items)
        assert page.has_previous == (after is not None)
        if not page.has_next:
            break
        after = page.cursors[-1]
    assert [r.customer_id for r in seen] == [r.customer_id for r in expected]
    assert len(seen) > 7 and all(r.probability >= floor for r in seen)
    for bad in ({"min_probability": 1.5}, {"after": "nonsense"}, {"first": 11}):
        args: dict[str, Any] = {"first": 5, "max_page_size": 10, **bad}
        with pytest.raises(ValidationFailed):
            await at_risk_page(org_id, **args)
