"""Pipeline health: a hand-made pipeline with stage history gives exact values by stage,
velocity medians (only visits that ended in the last 365 days, the stage before the first
recorded change from the creation), win rates by stage, source and segment, stalled and
ageing flags and coverage; the 30-day stall default; an organization without opportunities;
bad target / periodEnd; organization scoping; a constant number of statements; the
demo world; and `pipelineHealth` through GraphQL."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.demo.service import generate_world
from domain.enums import ForecastCategory, OpportunityStage, Role, Stage
from domain.errors import ValidationFailed
from domain.models import Customer, Lead, Opportunity, OpportunityStageChange, Organization
from domain.pipeline.health import PipelineHealth, StageHealth
from domain.pipeline.queries import pipeline_health_of
from tests.support.api import Gql, count_statements

S = OpportunityStage
AS_OF = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


@dataclass
class World:
    org: Organization
    customers: dict[str, int]
    opps: dict[str, int]

    async def customer(self, name: str, segment: str | None, *sources: str) -> None:
        row = await Customer.create(organization_id=self.org.id, name=name,
                                    created_at=day(2024, 1, 1), segment=segment,
                                    stage=Stage.CUSTOMER)
        self.customers[name] = row.id
        for k, source in enumerate(sources):  # the first is the earliest lead
            await Lead.create(organization_id=self.org.id, customer_id=row.id,
                              source=source, created_at=day(2024, 1, 1 + k))

    async def opp(self, name: str, customer: str, amount: float, stage: S, probability: float,
                  close: date, created: datetime, moves: list[tuple[S | None, S, datetime]],
                  ) -> None:
        closed = stage in (S.CLOSED_WON, S.CLOSED_LOST)
        row = await Opportunity.create(
            organization_id=self.org.id, customer_id=self.customers[customer], name=name,
            amount=Decimal(str(amount)), stage=stage, probability=probability,
            forecast_category=ForecastCategory.CLOSED if closed else ForecastCategory.PIPELINE,
            close_date=close, is_closed=closed, is_won=stage is S.CLOSED_WON,
            created_at=created)
        self.opps[name] = row.id
        for frm, to, at in moves:
            await OpportunityStageChange.create(organization_id=self.org.id,
                                                opportunity_id=row.id, from_stage=frm,
                                                to_stage=to, at=at)


async def build(org: Organization) -> World:
    """as of 2026-06-01 12:00 (lookback from 2025-06-01 12:00); days in brackets.

    closed (in the lookback unless said):
      W1 C1 won  prospecting Jan 1 [10] qualification [20] proposal [10] negotiation [20]
                 won Mar 2 2026                                      cycle 60
      W2 C2 won  prospecting Feb 1 [20] qualification [30] proposal [10] won Apr 2  cycle 60
      W3 C2 won  prospecting 2025-03-01 [31, left before the lookback] qualification [91]
                 won 2025-07-01                                     cycle 122
      L1 C3 lost prospecting Mar 1 [30] qualification [10] lost Apr 10
      L3 C3 lost first change qualification -> lost Feb 20, created Feb 1: qualification [19]
      L2 C1 lost no history, closed May 1
      OLD C1 won closed 2025-01-01: outside the lookback
    open:
      O1 C2 qualification since May 11 (prospecting May 1 [10]) 1000 x .25, close Jun 20
      O2 C1 proposal since Feb 1 (prospecting Jan 15 [17])      5000 x .5,  close Jun 15
      O3 C3 negotiation, no history, created May 25             2000 x .75, close Sep 15
      O4 C2 prospecting, no history, created Apr 1               300 x .1,  close May 15
    """
    w = World(org=org, customers={}, opps={})
    await w.customer("C1", "champions", "referral", "organic")
    await w.customer("C2", None, "outbound")
    await w.customer("C3", "at_risk")
    await w.opp("W1", "C1", 800, S.CLOSED_WON, 1.0, date(2026, 3, 2), day(2026, 1, 1), [
        (None, S.PROSPECTING, day(2026, 1, 1)), (S.PROSPECTING, S.QUALIFICATION, day(2026, 1, 11)),
        (S.QUALIFICATION, S.PROPOSAL, day(2026, 1, 31)), (S.PROPOSAL, S.NEGOTIATION,
                                                          day(2026, 2, 10)),
        (S.NEGOTIATION, S.CLOSED_WON, day(2026, 3, 2))])
    await w.opp("W2", "C2", 900, S.CLOSED_WON, 1.0, date(2026, 4, 2), day(2026, 2, 1), [
        (None, S.PROSPECTING, day(2026, 2, 1)), (S.PROSPECTING, S.QUALIFICATION, day(2026, 2, 21)),
        (S.QUALIFICATION, S.PROPOSAL, day(2026, 3, 23)),
        (S.PROPOSAL, S.CLOSED_WON, day(2026, 4, 2))])
    await w.opp("W3", "C2", 700, S.CLOSED_WON, 1.0, date(2025, 7, 1), day(2025, 3, 1), [
        (None, S.PROSPECTING, day(2025, 3, 1)), (S.PROSPECTING, S.QUALIFICATION, day(2025, 4, 1)),
        (S.QUALIFICATION, S.CLOSED_WON, day(2025, 7, 1))])
    await w.opp("L1", "C3", 400, S.CLOSED_LOST, 0.0, date(2026, 4, 10), day(2026, 3, 1), [
        (None, S.PROSPECTING, day(2026, 3, 1)), (S.PROSPECTING, S.QUALIFICATION, day(2026, 3, 31)),
        (S.QUALIFICATION, S.CLOSED_LOST, day(2026, 4, 10))])
    await w.opp("L3", "C3", 450, S.CLOSED_LOST, 0.0, date(2026, 2, 20), day(2026, 2, 1), [
        (S.QUALIFICATION, S.CLOSED_LOST, day(2026, 2, 20))])
    await w.opp("L2", "C1", 500, S.CLOSED_LOST, 0.0, date(2026, 5, 1), day(2026, 4, 1), [])
    await w.opp("OLD", "C1", 9999, S.CLOSED_WON, 1.0, date(2025, 1, 1), day(2024, 11, 1), [
        (None, S.PROSPECTING, day(2024, 11, 1)), (S.PROSPECTING, S.CLOSED_WON, day(2025, 1, 1))])
    await w.opp("O1", "C2", 1000, S.QUALIFICATION, 0.25, date(2026, 6, 20), day(2026, 5, 1), [
        (None, S.PROSPECTING, day(2026, 5, 1)), (S.PROSPECTING, S.QUALIFICATION, day(2026, 5, 11))])
    await w.opp("O2", "C1", 5000, S.PROPOSAL, 0.5, date(2026, 6, 15), day(2026, 1, 15), [
        (None, S.PROSPECTING, day(2026, 1, 15)), (S.PROSPECTING, S.PROPOSAL, day(2026, 2, 1))])
    await w.opp("O3", "C3", 2000, S.NEGOTIATION, 0.75, date(2026, 9, 15), day(2026, 5, 25), [])
    await w.opp("O4", "C2", 300, S.PROSPECTING, 0.1, date(2026, 5, 15), day(2026, 4, 1), [])
    return w


@pytest.fixture
async def world(org: Organization, other_org: Organization) -> World:
    w = await build(org)
    other = World(org=other_org, customers={}, opps={})
    await other.customer("X", "champions", "referral")
    await other.opp("XO", "X", 1_000_000, S.PROPOSAL, 0.9, date(2026, 6, 10), day(2025, 1, 1),
                    [(None, S.PROPOSAL, day(2025, 1, 1))])
    await other.opp("XL", "X", 50, S.CLOSED_LOST, 0.0, date(2026, 5, 5), day(2026, 5, 1),
                    [(None, S.PROSPECTING, day(2026, 5, 1)),
                     (S.PROSPECTING, S.CLOSED_LOST, day(2026, 5, 5))])
    return w


def by_stage(h: PipelineHealth) -> dict[S, StageHealth]:
    return {s.stage: s for s in h.stages}


async def test_value_count_and_weighted_value_by_stage(world: World) -> None:
    h = await pipeline_health_of(world.org.id, as_of=AS_OF)
    stages = by_stage(h)
    assert [s.stage for s in h.stages] == [S.PROSPECTING, S.QUALIFICATION, S.PROPOSAL,
                                           S.NEGOTIATION]
    assert {s: (v.count, v.value, v.weighted_value) for s, v in stages.items()} == {
        S.PROSPECTING: (1, 300.0, pytest.approx(30.0)),
        S.QUALIFICATION: (1, 1000.0, 250.0), S.PROPOSAL: (1, 5000.0, 2500.0),
        S.NEGOTIATION: (1, 2000.0, 1500.0)}
    assert (h.open_count, h.open_value, h.weighted_value) == (4, 8300.0, pytest.approx(4280.0))


async def test_velocity_medians_only_count_visits_that_ended_in_the_lookback(
        world: World) -> None:
    stages = by_stage(await pipeline_health_of(world.org.id, as_of=AS_OF))
    # prospecting: W1 10, W2 20, L1 30, O1 10, O2 17 (W3's 31 ended before the lookback)
    # qualification: W1 20, W2 30, W3 91, L1 10, L3 19 (from its creation to the change)
    assert {s: (v.median_days, v.velocity_sample) for s, v in stages.items()} == {
        S.PROSPECTING: (17.0, 5), S.QUALIFICATION: (20.0, 5), S.PROPOSAL: (10.0, 2),
        S.NEGOTIATION: (20.0, 1)}
    assert {s: v.stall_after_days for s, v in stages.items()} == {
        S.PROSPECTING: 34.0, S.QUALIFICATION: 40.0, S.PROPOSAL: 20.0, S.NEGOTIATION: 40.0}


async def test_win_rates_by_stage_source_and_segment(world: World) -> None:
    h = await pipeline_health_of(world.org.id, as_of=AS_OF)
    # closed in the lookback: W1 W2 W3 won, L1 L2 L3 lost (OLD closed before it)
    assert (h.win_rate.won, h.win_rate.closed, h.win_rate.rate) == (3, 6, 0.5)
    assert {s: (v.win_rate.won, v.win_rate.closed) for s, v in by_stage(h).items()} == {
        S.PROSPECTING: (3, 4), S.QUALIFICATION: (3, 5), S.PROPOSAL: (2, 2),
        S.NEGOTIATION: (1, 1)}
    # C1's earliest lead is a referral; C3 has no lead
    assert [(r.key, r.won, r.closed) for r in h.win_rate_by_source] == [
        ("outbound", 2, 2), ("referral", 1, 2), (None, 0, 2)]
    assert [(r.key, r.rate) for r in h.win_rate_by_segment] == [
        ("at_risk", 0.0), ("champions", 0.5), (None, 1.0)]


async def test_stalled_and_ageing_deals(world: World) -> None:
    h = await pipeline_health_of(world.org.id, as_of=AS_OF)
    ids = {v: k for k, v in world.opps.items()}
    # O2: 120.5 days in proposal > 20; O4: 61.5 days since creation > 34 (prospecting);
    # O1: 21.5 < 40; O3: 7.5 < 40
    assert [(ids[d.opportunity_id], d.days_in_stage) for d in h.stalled.deals] == [
        ("O2", 120.5), ("O4", 61.5)]
    assert (h.stalled.count, h.stalled.value) == (2, 5300.0)
    # won cycles 60, 60, 122: 90th percentile 60 + 0.8 x 62 = 109.6; O2 is 137.5 days old
    assert h.ageing_after_days == pytest.approx(109.6)
    assert [(ids[d.opportunity_id], d.age_days) for d in h.ageing.deals] == [("O2", 137.5)]
    assert h.ageing.deals[0].customer_id == world.customers["C1"]


async def test_coverage_against_a_target(world: World) -> None:
    h = await pipeline_health_of(world.org.id, target=4000.0, as_of=AS_OF)
    c = h.coverage
    # default period: today .. end of quarter: O1 (Jun 20) and O2 (Jun 15); O4 is overdue
    assert (c.period_start, c.period_end, c.count, c.value) == (
        date(2026, 6, 1), date(2026, 6, 30), 2, 6000.0)
    assert (c.ratio, c.weighted_ratio) == (1.5, pytest.approx(2750 / 4000))
    assert any("1 open deals (value 300.00) have a close date before 2026-06-01" in n
               for n in h.notes)
    longer = await pipeline_health_of(world.org.id, target=4000.0,
                                      period_end=date(2026, 9, 30), as_of=AS_OF)
    assert (longer.coverage.count, longer.coverage.ratio) == (3, 2.0)
    untargeted = await pipeline_health_of(world.org.id, as_of=AS_OF)
    assert untargeted.coverage.ratio is None and untargeted.coverage.value == 6000.0
    assert "no target given: coverage is null" in untargeted.notes


async def test_unknown_median_stalls_after_30_days(org: Organization) -> None:
    w = World(org=org, customers={}, opps={})
    await w.customer("C", None)
    for name, created in (("fresh", day(2026, 5, 3)), ("idle", day(2026, 5, 1))):
        await w.opp(name, "C", 100, S.QUALIFICATION, 0.2, date(2026, 7, 1), created,
                    [(None, S.QUALIFICATION, created)])
    h = await pipeline_health_of(org.id, as_of=AS_OF)
    assert by_stage(h)[S.QUALIFICATION].median_days is None
    assert by_stage(h)[S.QUALIFICATION].stall_after_days == 30.0
    # 29.5 and 31.5 days without a change
    assert [d.opportunity_id for d in h.stalled.deals] == [w.opps["idle"]]
    assert h.ageing_after_days is None and h.ageing.count == 0
    assert any("no deal won in the last 365 days" in n for n in h.notes)
    assert any("no opportunity left qualification" in n for n in h.notes)


async def test_no_opportunities_gives_zeros_nulls_and_a_note(org: Organization) -> None:
    h = await pipeline_health_of(org.id, target=1000.0, as_of=AS_OF)
    assert (h.open_count, h.open_value, h.weighted_value) == (0, 0.0, 0.0)
    assert all(s.count == 0 and s.median_days is None and s.win_rate.rate is None
               for s in h.stages)
    assert h.win_rate.rate is None and h.win_rate_by_source == [] and h.ageing_after_days is None
    assert (h.stalled.count, h.coverage.value, h.coverage.ratio) == (0, 0.0, 0.0)
    assert any(n.startswith("no opportunities in this organization") for n in h.notes)


@pytest.mark.parametrize(("target", "period_end", "field"), [
    (0.0, None, "target"), (-5.0, None, "target"), (float("nan"), None, "target"),
    (float("inf"), None, "target"), (1e-300, None, "target"),
    (None, date(2026, 5, 31), "periodEnd")])
async def test_bad_input_names_the_field(org: Organization, target: float | None,
                                         period_end: date | None, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await pipeline_health_of(org.id, target=target, period_end=period_end, as_of=AS_OF)
    assert caught.value.field == field and field in caught.value.message


async def test_other_organizations_never_leak(world: World, other_org: Organization) -> None:
    h = await pipeline_health_of(world.org.id, as_of=AS_OF)
    assert h.open_value == 8300.0 and h.win_rate.closed == 6
    assert by_stage(h)[S.PROSPECTING].median_days == 17.0  # XL's 4 days not in it
    theirs = await pipeline_health_of(other_org.id, as_of=AS_OF)
    assert (theirs.open_count, theirs.open_value, theirs.win_rate.closed) == (1, 1e6, 1)
    assert [r.key for r in theirs.win_rate_by_source] == ["referral"]


async def test_a_constant_number_of_statements(world: World) -> None:
    with count_statements() as small:
        await pipeline_health_of(world.org.id, as_of=AS_OF)
    org = await Organization.create(name="Demo", slug=f"demo-{uuid.uuid4().hex[:10]}")
    await generate_world(org.id, customers=300, seed=5, now=AS_OF)
    with count_statements() as large:
        h = await pipeline_health_of(org.id, as_of=AS_OF)
    assert h.open_count > 10 and h.win_rate.closed > 10
    assert len(small) == len(large) == 3


async def test_demo_world(org: Organization) -> None:
    await generate_world(org.id, customers=400, seed=3, now=AS_OF)
    h = await pipeline_health_of(org.id, target=50_000.0, as_of=AS_OF)
    assert h.open_count == sum(s.count for s in h.stages)
    assert h.open_count == await Opportunity.filter(organization_id=org.id,
                                                    is_closed=False).count()
    assert 0 < h.weighted_value < h.open_value
    assert all(s.median_days is not None and s.median_days > 0 for s in h.stages)
    # lost deals drop out at every stage, won deals pass them all: the further a deal got,
    # the likelier it was won
    rates = [s.win_rate.rate for s in h.stages]
    assert all(r is not None for r in rates)
    assert rates[3] > rates[0]  # type: ignore[operator]
    assert sum(r.closed for r in h.win_rate_by_source) == h.win_rate.closed
    assert sum(r.won for r in h.win_rate_by_segment) == h.win_rate.won
    assert h.coverage.ratio is not None and h.coverage.ratio >= 0


HEALTH = """query($target: Float, $end: Date) { pipelineHealth(target: $target, periodEnd: $end) {
  asOf openCount openValue weightedValue
  stages { stage count value weightedValue medianDays velocitySample stallAfterDays
           winRate { key won closed rate } }
  winRate { won closed rate } winRateBySource { key won closed rate }
  winRateBySegment { key won closed rate }
  stalled { count value deals { opportunityId customerId name stage amount closeDate ageDays
                                daysInStage } }
  ageing { count value deals { opportunityId } } ageingAfterDays
  coverage { periodStart periodEnd target count value weightedValue ratio weightedRatio }
  notes } }"""


async def test_graphql_end_to_end(gql: Gql, org: Organization) -> None:
    w = World(org=org, customers={}, opps={})
    await w.customer("C", "loyal", "partner")
    now = datetime.now(UTC)
    created = datetime(now.year - 1, 1, 1, tzinfo=UTC)
    won_at = now - timedelta(days=10)  # 10 days in prospecting, then won
    await w.opp("Won", "C", 100, S.CLOSED_WON, 1.0, won_at.date(), won_at - timedelta(days=10),
                [(None, S.PROSPECTING, won_at - timedelta(days=10)),
                 (S.PROSPECTING, S.CLOSED_WON, won_at)])
    await w.opp("Open", "C", 400, S.PROSPECTING, 0.5, date(now.year + 1, 1, 1), created,
                [(None, S.PROSPECTING, created)])
    end = date(now.year + 1, 1, 1).isoformat()
    data = (await gql.data(HEALTH, {"target": 800.0, "end": end}, role=Role.ANALYST))
    h = data["pipelineHealth"]
    assert "NaN" not in json.dumps(data)
    assert (h["openCount"], h["openValue"], h["weightedValue"]) == (1, 400.0, 200.0)
    assert h["stages"][0]["stage"] == "PROSPECTING" and h["stages"][0]["count"] == 1
    assert h["winRate"] == {"won": 1, "closed": 1, "rate": 1.0}
    assert h["winRateBySource"] == [{"key": "partner", "won": 1, "closed": 1, "rate": 1.0}]
    assert h["winRateBySegment"][0]["key"] == "loyal"
    assert h["stages"][0]["medianDays"] == 10.0 and h["stages"][0]["stallAfterDays"] == 20.0
    assert h["stalled"]["deals"][0]["opportunityId"] == str(w.opps["Open"])
    assert h["ageing"]["deals"] == [{"opportunityId": str(w.opps["Open"])}]
    assert h["coverage"]["ratio"] == 0.5 and h["coverage"]["periodEnd"] == end
    assert h["stages"][1]["medianDays"] is None and h["notes"]

    plain = HEALTH.replace("query($target: Float, $end: Date) { pipelineHealth(target: "
                           "$target, periodEnd: $end)", "query { pipelineHealth")
    untargeted = (await gql.data(plain, role=Role.ANALYST))["pipelineHealth"]
    assert untargeted["coverage"]["ratio"] is None and untargeted["coverage"]["target"] is None
    bad = await gql(HEALTH, {"target": -1.0}, role=Role.ANALYST)
    error = bad["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["extensions"]["field"] == "target" and "positive" in error["message"]
    denied = await gql(HEALTH, role=Role.VIEWER)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
