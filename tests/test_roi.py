"""ROI of retention incentives against the random control group."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.campaigns.roi import newcombe, roi, wilson
from domain.enums import (
    ActionStatus,
    CampaignKind,
    Outcome,
    RiskLevel,
    Route,
    Stage,
    ValueTier,
)
from domain.errors import ValidationFailed
from domain.models import Action, Campaign, Customer, Organization
from tests.support.api import count_statements

DECIDED = datetime(2026, 1, 10, tzinfo=UTC)
Z = 1.959963984540054


def wilson_by_roots(x: int, n: int) -> tuple[float, float]:
    """The Wilson interval as the roots of (p - pi)^2 = z^2 pi (1 - pi) / n, i.e.
    (n + z^2) pi^2 - (2 x + z^2) pi + x^2 / n = 0 (independent of the code's form)."""
    a, b, c = n + Z * Z, -(2 * x + Z * Z), x * x / n
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def newcombe_by_hand(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = wilson_by_roots(x1, n1), wilson_by_roots(x2, n2)
    d = p1 - p2
    return d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


async def _campaign(org_id: int, name: str, decided: datetime = DECIDED) -> Campaign:
    return await Campaign.create(organization_id=org_id, kind=CampaignKind.MANUAL, name=name,
                                 decided_at=decided, window_ends_at=decided + timedelta(days=60))


async def _actions(campaign: Campaign, n: int, retained: int, *, status: ActionStatus,
                   arm: str = "none", segment: str = "At Risk", route: Route = Route.AUTO,
                   clv: float = 1000.0, cost: float = 50.0, outcome: bool = True,
                   explanation: dict[str, Any] | None = None) -> None:
    """`n` actions of one kind, the first `retained` of them retained, the rest churned."""
    org_id = campaign.organization_id
    tag = f"{campaign.id}-{status.value}-{arm}-{segment}-{route.value}-{n}-{outcome}"
    await Customer.bulk_create([Customer(organization_id=org_id, name=f"{tag} {i}",
                                         stage=Stage.CUSTOMER, created_at=DECIDED)
                                for i in range(n)])
    people = await Customer.filter(organization_id=org_id, name__startswith=f"{tag} "
                                   ).order_by("id")
    await Action.bulk_create([Action(
        organization_id=org_id, campaign_id=campaign.id, customer_id=c.id, arm=arm,
        segment=segment, risk_level=RiskLevel.HIGH, tier=ValueTier.MEDIUM, route=route,
        status=status, control=status is ActionStatus.CONTROL, churn_probability=0.5,
        clv=clv, cost=cost if arm != "none" else 0.0, decided_at=campaign.decided_at,
        explanation=explanation or {},
        outcome=(Outcome.RETAINED if i < retained else Outcome.CHURNED) if outcome else None)
        for i, c in enumerate(people)])


async def test_hand_computed_total(org: Organization) -> None:
    campaign = await _campaign(org.id, "spring")
    await _actions(campaign, 100, 80, status=ActionStatus.EXECUTED, arm="disc10")
    await _actions(campaign, 20, 12, status=ActionStatus.CONTROL)
    # none of these take part: no outcome, not executed, or executed without an incentive
    await _actions(campaign, 7, 0, status=ActionStatus.EXECUTED, arm="disc10", outcome=False)
    await _actions(campaign, 5, 5, status=ActionStatus.APPROVED, arm="disc10")
    await _actions(campaign, 6, 0, status=ActionStatus.MONITORING)
    await _actions(campaign, 4, 4, status=ActionStatus.EXECUTED, arm="none")
    await _actions(campaign, 3, 3, status=ActionStatus.CONTROL,  # the policy gave nothing
                   explanation={"chosen": None})

    with count_statements() as statements:
        (row,) = await roi(org.id, "total")

    assert len(statements) == 1
    assert (row.treated.n, row.treated.retained, row.control.n, row.control.retained) == (
        100, 80, 20, 12)
    assert row.treated.rate is not None and row.treated.rate.value == pytest.approx(0.8)
    assert (row.treated.rate.low, row.treated.rate.high) == pytest.approx(
        wilson_by_roots(80, 100))
    low, high = newcombe_by_hand(80, 100, 12, 20)
    assert row.uplift is not None and row.uplift.value == pytest.approx(0.20)
    assert (row.uplift.low, row.uplift.high) == pytest.approx((low, high))
    assert (row.uplift.low, row.uplift.high) == pytest.approx((-0.0018, 0.4236), abs=1e-4)
    assert row.incremental_retained is not None
    assert row.incremental_retained.value == pytest.approx(20.0)
    assert row.incremental_retained.low == pytest.approx(100 * low)
    assert row.saved_revenue is not None and row.saved_revenue.value == pytest.approx(20_000)
    assert row.saved_revenue.high == pytest.approx(100 * high * 1000)
    assert row.cost == pytest.approx(5_000) and row.mean_clv == pytest.approx(1000)
    assert row.net is not None and row.net.value == pytest.approx(15_000)
    assert row.net.low == pytest.approx(100 * low * 1000 - 5000)
    assert row.roi is not None and row.roi.value == pytest.approx(3.0)
    assert (row.roi.low, row.roi.high) == pytest.approx(
        ((100_000 * low - 5000) / 5000, (100_000 * high - 5000) / 5000))
    assert row.cost_per_retained == pytest.approx(250.0)
    assert row.control_basis == "group" and row.notes == []


def test_newcombe_matches_the_published_examples() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10
    for (x1, n1, x2, n2), expected in {(56, 70, 48, 80): (0.0524, 0.3339),
                                       (9, 10, 3, 10): (0.1705, 0.8090),
                                       (6, 7, 2, 7): (0.0582, 0.8062),
                                       (5, 56, 0, 29): (-0.0381, 0.1926)}.items():
        found = newcombe(x1, n1, x2, n2)
        assert (found.low, found.high) == pytest.approx(expected, abs=5e-5)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


async def _two_incentives(org_id: int) -> tuple[Campaign, Campaign]:
    spring, summer = await _campaign(org_id, "spring"), await _campaign(
        org_id, "summer", DECIDED + timedelta(days=30))
    await _actions(spring, 100, 80, status=ActionStatus.EXECUTED, arm="disc10")
    await _actions(spring, 20, 12, status=ActionStatus.CONTROL, route=Route.MONITOR,
                   explanation={"chosen": "disc10"})
    await _actions(summer, 40, 30, status=ActionStatus.EXECUTED, arm="credit25",
                   segment="Loyal", route=Route.REVIEW, clv=2000.0, cost=100.0)
    await _actions(summer, 10, 5, status=ActionStatus.CONTROL, segment="Loyal",
                   route=Route.MONITOR, explanation={"chosen": "credit25"})
    # the policy would have given these nothing: not comparable with any treated group
    await _actions(summer, 5, 0, status=ActionStatus.CONTROL, segment="Loyal",
                   route=Route.MONITOR, explanation={"chosen": "none"})
    return spring, summer


def _summary(rows: list[Any]) -> dict[str, tuple[Any, ...]]:
    return {r.key: (r.treated.n, r.treated.retained, r.control.n, r.control.retained,
                    r.control_basis) for r in rows}


async def test_group_by_variants(org: Organization) -> None:
    spring, summer = await _two_incentives(org.id)

    by_incentive = await roi(org.id, "incentive")
    by_segment = await roi(org.id, "segment")
    by_campaign = await roi(org.id, "campaign")
    by_route = await roi(org.id, "route")
    (total,) = await roi(org.id, "total")
    (tier,) = await roi(org.id, "tier")
    (risk,) = await roi(org.id, "risk_level")

    assert _summary(by_incentive) == {"credit25": (40, 30, 10, 5, "group"),
                                      "disc10": (100, 80, 20, 12, "group")}
    credit = by_incentive[0]
    assert credit.uplift is not None and credit.uplift.value == pytest.approx(0.25)
    assert (credit.uplift.low, credit.uplift.high) == pytest.approx(
        newcombe_by_hand(30, 40, 5, 10))
    assert credit.saved_revenue is not None
    assert credit.saved_revenue.value == pytest.approx(0.25 * 40 * 2000)
    assert credit.roi is not None and credit.roi.value == pytest.approx((20_000 - 4000) / 4000)
    assert _summary(by_segment) == {"At Risk": (100, 80, 20, 12, "group"),
                                    "Loyal": (40, 30, 10, 5, "group")}
    assert [(r.label, r.key) for r in by_campaign] == [("summer", str(summer.id)),
                                                       ("spring", str(spring.id))]
    assert _summary(by_campaign)[str(summer.id)] == (40, 30, 10, 5, "group")
    assert _summary([total]) == {"total": (140, 110, 30, 17, "group")}
    assert total.cost == pytest.approx(100 * 50 + 40 * 100)
    assert total.mean_clv == pytest.approx((100 * 1000 + 40 * 2000) / 140)
    assert _summary([tier])["medium"] == (140, 110, 30, 17, "group")
    assert _summary([risk])["high"] == (140, 110, 30, 17, "group")
    # control actions sit on the monitor route: each treated route is compared with the
    # control customers of its contexts, and says so
    routes = _summary(by_route)
    assert routes["auto"] == (100, 80, 20, 12, "contexts")
    assert routes["review"] == (40, 30, 10, 5, "contexts")
    assert routes["monitor"] == (0, 0, 30, 17, "group")
    auto = next(r for r in by_route if r.key == "auto")
    assert any("same contexts" in n for n in auto.notes)
    monitor = next(r for r in by_route if r.key == "monitor")
    assert monitor.uplift is None and any("no executed incentive" in n for n in monitor.notes)


async def test_without_control_or_outcomes_figures_are_null_with_a_note(
        org: Organization, other_org: Organization) -> None:
    (empty,) = await roi(org.id, "total")
    assert empty.uplift is None and empty.treated.n == 0
    assert any("no action has an outcome yet" in n for n in empty.notes)
    assert await roi(org.id, "segment") == []

    campaign = await _campaign(org.id, "no hold-out")
    await _actions(campaign, 30, 20, status=ActionStatus.EXECUTED, arm="disc10")
    await _two_incentives(other_org.id)  # another organization's control does not count

    (row,) = await roi(org.id, "total")
    assert (row.treated.n, row.control.n, row.control_basis) == (30, 0, "none")
    assert row.uplift is None and row.roi is None and row.net is None
    assert row.saved_revenue is None and row.cost_per_retained is None
    assert row.cost == pytest.approx(1500)
    assert any("no control customer has an outcome yet" in n for n in row.notes)


async def test_free_incentives_and_negative_uplift_explain_their_nulls(
        org: Organization) -> None:
    campaign = await _campaign(org.id, "free")
    await _actions(campaign, 10, 5, status=ActionStatus.EXECUTED, arm="feature", cost=0.0)
    await _actions(campaign, 10, 8, status=ActionStatus.CONTROL)

    (row,) = await roi(org.id, "total")

    assert row.uplift is not None and row.uplift.value == pytest.approx(-0.3)
    assert row.roi is None and row.cost_per_retained is None
    assert row.net is not None and row.net.value == pytest.approx(-0.3 * 10 * 1000)
    assert any("cost nothing" in n for n in row.notes)
    assert any("uplift <= 0" in n for n in row.notes)


async def test_since_and_unknown_group(org: Organization) -> None:
    await _two_incentives(org.id)

    (later,) = await roi(org.id, "total", since=DECIDED + timedelta(days=1))

    assert _summary([later]) == {"total": (40, 30, 10, 5, "group")}
    with pytest.raises(ValidationFailed) as bad:
        await roi(org.id, "country")  # type: ignore[arg-type]
    assert bad.value.field == "groupBy"
