"""Incentive catalogue (costs, eligibility, cooldowns, validation) and decision rules (routes,
webhook settings), per organization."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import numpy as np
import pytest

from domain.enums import Channel, CostBasis, IncentiveKind, Route
from domain.errors import NotFound, ValidationFailed
from domain.incentives.catalogue import (
    DEFAULT_CATALOGUE,
    IncentiveSpec,
    cooldown_mask,
    cost_matrix,
    eligibility_mask,
    spec,
)
from domain.incentives.queries import incentive_by_code, incentives
from domain.incentives.rules import (
    DASH,
    DEFAULT_ROUTES,
    RouteRule,
    assign_routes,
    overlap,
    parse_routes,
    rules_as_dicts,
)
from domain.incentives.service import (
    IncentiveInput,
    RulesInput,
    configure_decision_rules,
    create_incentive,
    ensure_catalogue,
    get_rules,
    rules_config,
    set_incentive_active,
    update_incentive,
    webhook_secret,
)
from domain.models import DecisionRules, Incentive, Organization
from domain.settings import Settings

MRR = IncentiveSpec(code="d10", name="10%", kind=IncentiveKind.PERCENT_DISCOUNT, percent=10,
                    cost_basis=CostBasis.MRR, rate=0.1, duration_months=3, cooldown_days=90,
                    max_cost_by_tier={"low": 60.0})
CLV = IncentiveSpec(code="loyal", name="Loyalty", kind=IncentiveKind.LOYALTY_BONUS,
                    cost_basis=CostBasis.CLV, rate=0.02, tiers=("medium", "high"),
                    cooldown_days=365)
FIXED = IncentiveSpec(code="c50", name="Credit", kind=IncentiveKind.FIXED_CREDIT,
                      cost_basis=CostBasis.FIXED, amount=50.0, cooldown_days=0)


def test_cost_matrix_per_basis() -> None:
    mrr = np.array([100.0, 0.0, np.nan, 400.0])
    clv = np.array([1000.0, 5000.0, 200.0, -10.0])
    costs = cost_matrix([MRR, CLV, FIXED], mrr, clv)
    assert costs.dtype == np.float64
    expected = [[30.0, 20.0, 50.0],  # 0.1 x 100 x 3 months; 0.02 x 1000; fixed
                [0.0, 100.0, 50.0],
                [0.0, 4.0, 50.0],  # unknown MRR counts as 0
                [120.0, 0.0, 50.0]]  # negative CLV counts as 0
    np.testing.assert_allclose(costs, expected)


def test_default_catalogue_costs_rise_with_the_discount() -> None:
    specs = [s for s in DEFAULT_CATALOGUE if s.kind == IncentiveKind.PERCENT_DISCOUNT]
    assert [s.code for s in specs] == ["discount_5", "discount_10", "discount_15", "discount_20"]
    costs = cost_matrix(specs, np.array([100.0]), np.array([0.0]))[0]
    np.testing.assert_allclose(costs, [15.0, 30.0, 45.0, 60.0])
    lifts = [s.prior_lift for s in specs]
    assert lifts == sorted(lifts) and len(set(lifts)) == 4
    assert len({s.code for s in DEFAULT_CATALOGUE}) == len(DEFAULT_CATALOGUE)


def test_eligibility_by_tier_restriction_and_cap() -> None:
    tiers = np.array(["low", "low", "medium", "high", ""], dtype=object)
    costs = np.array([[60.0, 1.0, 50.0], [60.01, 1.0, 50.0], [500.0, 1.0, 50.0],
                      [500.0, 1.0, 50.0], [500.0, 1.0, np.nan]])
    mask = eligibility_mask([MRR, CLV, FIXED], tiers, costs)
    assert mask.tolist() == [
        [True, False, True],  # at the low-tier cap; loyalty is for medium and high only
        [False, False, True],  # over the low-tier cap
        [True, True, True],  # no cap for medium
        [True, True, True],
        [True, False, False],  # unknown tier: no cap, not in a restriction; NaN cost
    ]


def test_cooldown_blocks_the_same_kind_only() -> None:
    last = {"percent_discount": np.array([np.nan, 30.0, 89.9, 90.0, 400.0])}
    mask = cooldown_mask([MRR, CLV, FIXED], last)
    assert mask[:, 0].tolist() == [True, False, False, True, True]
    assert mask[:, 1].all() and mask[:, 2].all()  # other kinds: never given
    assert cooldown_mask([MRR], {}, n=3).tolist() == [[True], [True], [True]]
    zero = dataclasses.replace(MRR, cooldown_days=0)
    assert cooldown_mask([zero], last)[:, 0].all()


def test_default_routes_are_disjoint_and_round_trip() -> None:
    for i, a in enumerate(DEFAULT_ROUTES):
        for b in DEFAULT_ROUTES[i + 1:]:
            assert overlap(a, b) is None, (a.name, b.name)
    assert parse_routes(rules_as_dicts(DEFAULT_ROUTES)) == DEFAULT_ROUTES


def test_default_routes_assign_the_design_examples() -> None:
    p = np.array([0.85, 0.5, 0.5, 0.3, 0.3, 1.0, 0.7, np.nan])
    clv = np.array([3000.0, 6000.0, 1000.0, 500.0, 500.0, 2500.0, 1500.0, 100.0])
    cost = np.array([80.0, 80.0, 0.0, 20.0, 500.0, 10.0, 100.0, 1.0])
    routes, names = assign_routes(DEFAULT_ROUTES, Route.REVIEW, p, clv, cost)
    assert routes.tolist() == [Route.URGENT, Route.REVIEW, Route.MONITOR, Route.AUTO,
                               Route.REVIEW, Route.URGENT, Route.AUTO, Route.REVIEW]
    assert names.tolist() == ["urgent", "review", "monitor", "auto_low_risk", "",
                              "urgent", "auto_high_risk", ""]
    # in no box (p 0.7, CLV 3,000 lies between the boxes) -> the given fallback
    gap, gap_name = assign_routes(DEFAULT_ROUTES, Route.MONITOR, np.array([0.7]),
                                  np.array([3000.0]), np.array([1.0]))
    assert gap.tolist() == [Route.MONITOR] and gap_name.tolist() == [""]


def _with(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [*rules_as_dicts(DEFAULT_ROUTES), *extra]


def test_overlap_names_both_rules_and_the_region() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_routes(_with({"name": "vip", "route": "urgent", "min_probability": 0.5,
                            "min_clv": 5000}))
    assert err.value.field == "routes[5]"
    assert err.value.message == ("rule 'vip' (routes[5]) overlaps rule 'urgent' (routes[0]) "
                                 f"for churn probability 0.8{DASH}1 and CLV 5,000{DASH}∞")
    with pytest.raises(ValidationFailed) as err:
        parse_routes([{"name": "a", "route": "auto", "max_probability": 0.5, "max_clv": 100},
                      {"name": "b", "route": "review", "min_probability": 0.25,
                       "min_clv": 50.5}])
    assert err.value.field == "routes[1]"
    assert f"0.25{DASH}0.5 and CLV 50.50{DASH}100" in err.value.message
    # touching boxes (half-open) do not overlap
    parse_routes([{"name": "a", "route": "auto", "max_probability": 0.5},
                  {"name": "b", "route": "review", "min_probability": 0.5}])


@pytest.mark.parametrize(("rule", "field", "words"), [
    ({"name": "x", "route": "later"}, "routes[0].route", "unknown route"),
    ({"name": " ", "route": "auto"}, "routes[0].name", "needs a name"),
    ({"name": "x", "route": "auto", "min_probability": 0.6, "max_probability": 0.4},
     "routes[0].maxProbability", "above minProbability"),
    ({"name": "x", "route": "auto", "max_probability": 1.5}, "routes[0].maxProbability",
     "at most 1"),
    ({"name": "x", "route": "auto", "min_probability": -0.1}, "routes[0].minProbability",
     "[0, 1)"),
    ({"name": "x", "route": "auto", "min_clv": 10, "max_clv": 10}, "routes[0].maxClv",
     "above minClv"),
    ({"name": "x", "route": "auto", "max_cost": -1}, "routes[0].maxCost", "negative"),
    ({"name": "x", "route": "auto", "min_clv": "a lot"}, "routes[0].minClv", "not a number"),
    ({"name": "x", "route": "auto", "colour": "red"}, "routes[0].colour", "unknown"),
])
def test_bad_route_rules(rule: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_routes([rule])
    assert err.value.field == field
    assert words in err.value.message


def test_duplicate_route_names() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_routes([{"name": "a", "route": "auto", "max_probability": 0.5},
                      {"name": "a", "route": "review", "min_probability": 0.5}])
    assert err.value.field == "routes[1].name"
    assert "routes[0] and routes[1]" in err.value.message


def test_max_cost_sends_costly_decisions_to_the_fallback() -> None:
    rules = parse_routes([{"name": "cheap", "route": "auto", "maxCost": 25}])
    routes, names = assign_routes(rules, Route.URGENT, np.array([0.1, 0.1, 0.1]),
                                  np.array([1.0, 1.0, 1.0]), np.array([25.0, 25.01, np.nan]))
    assert routes.tolist() == [Route.AUTO, Route.URGENT, Route.URGENT]
    assert names.tolist() == ["cheap", "", ""]


def _input(code: str = "winback", **kw: Any) -> IncentiveInput:
    base: dict[str, Any] = {"name": "Win-back", "kind": IncentiveKind.PERCENT_DISCOUNT,
                            "cost_basis": CostBasis.MRR, "percent": 25.0,
                            "duration_months": 2}
    base.update(kw)
    return IncentiveInput(code=code, **base)


async def test_ensure_catalogue_seeds_once(org: Organization, other_org: Organization
                                           ) -> None:
    first, second = await asyncio.gather(ensure_catalogue(org.id), ensure_catalogue(org.id))
    codes = sorted(s.code for s in DEFAULT_CATALOGUE)
    assert [i.code for i in first] == codes and [i.code for i in second] == codes
    assert [i.code for i in await ensure_catalogue(org.id)] == codes
    assert await Incentive.filter(organization_id=org.id).count() == len(DEFAULT_CATALOGUE)
    stored = {i.code: spec(i) for i in await incentives(org.id)}
    assert all(stored[s.code] == s for s in DEFAULT_CATALOGUE)
    # an organization with its own incentive is not seeded
    await create_incentive(other_org.id, _input())
    assert [i.code for i in await ensure_catalogue(other_org.id)] == ["winback"]


async def test_create_update_and_deactivate(org: Organization) -> None:
    row = await create_incentive(org.id, _input(tiers=["high", "high"],
                                                max_cost_by_tier={"medium": 80}))
    assert row.rate == pytest.approx(0.25)  # percent / 100 on the MRR basis
    assert row.tiers == ["high"] and row.max_cost_by_tier == {"medium": 80.0}
    zero = await create_incentive(org.id, IncentiveInput(
        code="free-tips", name="Tips", kind=IncentiveKind.FEATURE_UNLOCK,
        cost_basis=CostBasis.FIXED, amount=0))
    assert float(zero.amount) == 0.0
    updated = await update_incentive(org.id, "winback", _input(percent=30.0, rate=0.3,
                                                               cooldown_days=10))
    again = await incentive_by_code(org.id, "winback")
    assert again is not None and again.id == updated.id == row.id
    assert (again.percent, again.cooldown_days, again.tiers) == (30.0, 10, [])
    await set_incentive_active(org.id, "winback", False)
    assert [i.code for i in await incentives(org.id, active=True)] == ["free-tips"]
    assert [i.code for i in await incentives(org.id, active=False)] == ["winback"]
    with pytest.raises(NotFound) as err:
        await update_incentive(org.id, "nothing", _input("nothing"))
    assert err.value.field == "code"
    with pytest.raises(ValidationFailed) as bad:
        await update_incentive(org.id, "winback", _input("renamed"))
    assert bad.value.field == "code"


@pytest.mark.parametrize(("data", "field"), [
    (_input(rate=-0.1), "rate"),
    (_input("c", kind=IncentiveKind.FIXED_CREDIT, cost_basis=CostBasis.FIXED, percent=None,
            amount=-5), "amount"),
    (_input(percent=0.0), "percent"),
    (_input(percent=None), "percent"),
    (_input("c", kind=IncentiveKind.BUNDLE, percent=10.0, rate=0.2), "percent"),
    (_input("existing"), "code"),
    (_input(tiers=["gold"]), "tiers"),
    (_input(max_cost_by_tier={"platinum": 10}), "maxCostByTier"),
    (_input(max_cost_by_tier={"low": -1}), "maxCostByTier"),
    (_input("none"), "code"),
    (_input("Big Deal"), "code"),
    (_input(duration_months=37), "durationMonths"),
    (_input(cooldown_days=-1), "cooldownDays"),
    (_input(prior_lift=1.0), "priorLift"),
    (_input(name=" "), "name"),
])
async def test_bad_incentive_input_writes_nothing(org: Organization, data: IncentiveInput,
                                                  field: str) -> None:
    await create_incentive(org.id, _input("existing"))
    before = await Incentive.filter(organization_id=org.id).values("code", "rate", "percent")
    with pytest.raises(ValidationFailed) as err:
        await create_incentive(org.id, data)
    assert err.value.field == field
    if field in ("rate", "amount"):
        assert err.value.message.startswith("cost must not be negative")
    if field != "code":  # the same bad input as an update changes nothing either
        with pytest.raises(ValidationFailed) as again:
            await update_incentive(org.id, "existing", dataclasses.replace(data, code="existing"))
        assert again.value.field == field
    after = await Incentive.filter(organization_id=org.id).values("code", "rate", "percent")
    assert after == before


async def test_organizations_are_isolated(org: Organization, other_org: Organization,
                                          settings: Settings) -> None:
    await ensure_catalogue(org.id)
    assert await incentives(other_org.id) == []
    assert await incentive_by_code(other_org.id, "discount_10") is None
    with pytest.raises(NotFound):
        await update_incentive(other_org.id, "discount_10", _input("discount_10"))
    with pytest.raises(NotFound):
        await set_incentive_active(other_org.id, "discount_10", False)
    own = await create_incentive(other_org.id, _input("discount_10"))  # same code elsewhere
    mine = await incentive_by_code(org.id, "discount_10")
    assert mine is not None and mine.active and mine.percent == 10.0 and mine.id != own.id
    await configure_decision_rules(other_org.id, RulesInput(control_share=0.3), settings)
    assert (await get_rules(org.id)).control_share == pytest.approx(0.1)


async def test_rules_default_and_once(org: Organization) -> None:
    a, b = await asyncio.gather(get_rules(org.id), get_rules(org.id))
    assert a.id == b.id
    assert await DecisionRules.filter(organization_id=org.id).count() == 1
    config = rules_config(a)
    assert config.routes == DEFAULT_ROUTES and config.fallback == Route.REVIEW
    assert config.channels == (Channel.ONSITE,)
    assert len(a.widget_key) >= 32


async def test_webhook_secret_is_stored_encrypted(org: Organization, settings: Settings
                                                  ) -> None:
    secret = "s3cret-value-for-hooks"
    before = (await get_rules(org.id)).widget_key
    row = await configure_decision_rules(org.id, RulesInput(
        channels=["webhook", "onsite"], webhook_url="https://hooks.example.com/retention",
        webhook_secret=secret, rotate_widget_key=True), settings)
    stored = await DecisionRules.get(organization_id=org.id)
    assert secret not in stored.webhook_secret_encrypted and stored.webhook_secret_encrypted
    assert webhook_secret(stored, settings) == secret
    assert stored.webhook_url == "https://hooks.example.com/retention"
    assert stored.widget_key != before and stored.widget_key == row.widget_key
    assert rules_config(stored).channels == (Channel.WEBHOOK, Channel.ONSITE)
    # a later change keeps the stored secret and URL
    await configure_decision_rules(org.id, RulesInput(window_days=30), settings)
    stored = await DecisionRules.get(organization_id=org.id)
    assert webhook_secret(stored, settings) == secret and stored.window_days == 30


@pytest.mark.parametrize(("data", "field"), [
    (RulesInput(channels=["webhook"], webhook_secret="0123456789abcdef"), "webhookUrl"),
    (RulesInput(channels=["webhook"], webhook_url="https://h.example.com"), "webhookSecret"),
    (RulesInput(channels=["webhook"], webhook_url="ftp://h.example.com",
                webhook_secret="0123456789abcdef"), "webhookUrl"),
    (RulesInput(webhook_secret="short"), "webhookSecret"),
    (RulesInput(channels=["onsite", "sms"]), "channels"),
    (RulesInput(channels=["onsite", "onsite"]), "channels[1]"),
    (RulesInput(control_share=0.6), "controlShare"),
    (RulesInput(min_probability=1.0), "minProbability"),
    (RulesInput(prior_strength=0.0), "priorStrength"),
    (RulesInput(window_days=6), "windowDays"),
    (RulesInput(fallback_route="later"), "fallbackRoute"),  # type: ignore[arg-type]
    (RulesInput(control_share=0.05, routes=_with(
        {"name": "vip", "route": "urgent", "min_probability": 0.5, "min_clv": 5000})),
     "routes[5]"),
])
async def test_failed_configure_changes_nothing(org: Organization, settings: Settings,
                                                data: RulesInput, field: str) -> None:
    routes = [{"name": "all", "route": "review"}]
    await configure_decision_rules(org.id, RulesInput(routes=routes, control_share=0.2),
                                   settings)
    before = await DecisionRules.filter(organization_id=org.id).values()
    with pytest.raises(ValidationFailed) as err:
        await configure_decision_rules(org.id, data, settings)
    assert err.value.field == field
    after = await DecisionRules.filter(organization_id=org.id).values()
    assert after == before
    config = rules_config(await get_rules(org.id))
    assert config.control_share == pytest.approx(0.2)
    assert config.routes == (RouteRule("all", Route.REVIEW),)
