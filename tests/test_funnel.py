"""The funnel: hand-made journeys give exact conversion rates and median days per stage pair
(forward skips convert, recycling does not, a unit counts from its first entry), the
history measured at the same age as the window, the bottleneck overall and by source,
grouping by source and segment, leads without an account, the lead-date fallback, an empty
organization, bad windows, organization scoping, a constant number of statements, the demo
world against an independent count, and `funnel` through GraphQL."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest

from domain.demo.service import generate_world
from domain.enums import Role, Source, Stage
from domain.errors import ValidationFailed
from domain.funnel.analysis import Funnel, FunnelGroup, FunnelGroupBy
from domain.funnel.queries import funnel_of
from domain.models import Customer, Lead, LifecycleTransition, Organization
from tests.support.api import Gql, count_statements

G = FunnelGroupBy
START = date(2026, 4, 1)  # window [Apr 1, May 1): 30 days
END = date(2026, 5, 1)
AS_OF = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # 61.5 days after START
L, M, Q, OP, C = Stage.LEAD, Stage.MQL, Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER

# Journeys, in days from the window's start (Apr 1 = 0; the window is days 0..29, the
# preceding windows -30..-1, -60..-31, ...): name -> (lead source, segment, moves).
JOURNEYS: dict[str, tuple[str, str | None, list[tuple[Stage, int]]]] = {
    "A": ("referral", "champions", [(L, 1), (M, 4), (Q, 14), (OP, 19), (C, 49)]),
    "B": ("referral", None, [(L, 2), (M, 9)]),
    "Cs": ("organic", "champions", [(L, 9), (C, 23)]),  # self-serve: lead -> customer
    "D": ("organic", None, [(L, 19)]),
    "E": ("organic", None, [(L, -7), (M, 3), (Q, 7)]),  # entered lead before the window
    "F": ("referral", None, [(L, 6), (M, 8), (Q, 10), (OP, 12), (M, 27)]),  # lost, recycled
    "G": ("organic", None, [(L, -27), (M, -24), (Q, -20), (OP, -12), (C, 9)]),
    "H": ("organic", None, [(L, -22), (M, -20), (Q, -12), (OP, -7), (M, 24)]),  # lost
    "I": ("organic", None, [(L, -17), (M, -12), (Q, 39)]),  # sql after its history cutoff
    "J": ("referral", None, [(L, -55), (M, -54), (Q, -50), (OP, -45), (C, -31)]),
}
BARE_LEADS = [("paid_search", 11), ("paid_search", 24)]  # leads without an account


@dataclass
class World:
    org: Organization
    start: date
    ids: dict[str, int]


async def build(org: Organization, start: date = START) -> World:
    base = datetime.combine(start, time.min, UTC)
    w = World(org=org, start=start, ids={})
    for name, (source, segment, moves) in JOURNEYS.items():
        first = base + timedelta(days=moves[0][1])
        row = await Customer.create(organization_id=org.id, name=name, created_at=first,
                                    segment=segment, stage=moves[-1][0])
        w.ids[name] = row.id
        await Lead.create(organization_id=org.id, customer_id=row.id, source=source,
                          created_at=first)
        previous = None
        for stage, offset in moves:
            await LifecycleTransition.create(
                organization_id=org.id, customer_id=row.id, from_stage=previous,
                to_stage=stage, at=base + timedelta(days=offset), source=Source.API)
            previous = stage
    for source, offset in BARE_LEADS:
        await Lead.create(organization_id=org.id, source=source,
                          created_at=base + timedelta(days=offset))
    return w


@pytest.fixture
async def world(org: Organization, other_org: Organization) -> World:
    w = await build(org)
    theirs = await Customer.create(organization_id=other_org.id, name="X", segment="champions",
                                   created_at=AS_OF - timedelta(days=50))
    await Lead.create(organization_id=other_org.id, customer_id=theirs.id, source="referral",
                      created_at=datetime(2026, 4, 3, tzinfo=UTC))
    for stage, at in ((L, 3), (M, 5)):
        await LifecycleTransition.create(organization_id=other_org.id, customer_id=theirs.id,
                                         to_stage=stage, at=datetime(2026, 4, at, tzinfo=UTC),
                                         source=Source.API)
    for k in range(5):
        await Lead.create(organization_id=other_org.id, source="event",
                          created_at=datetime(2026, 4, 10 + k, tzinfo=UTC))
    return w


def table(group: FunnelGroup) -> list[tuple[object, ...]]:
    return [(s.from_stage, s.to_stage, s.entered, s.converted, s.rate, s.median_days)
            for s in group.steps]


EXPECTED = [
    # lead: A B Cs D F + 2 bare leads; converted A (3 d), B (7), Cs (14, skipping), F (2)
    (L, M, 7, 4, pytest.approx(4 / 7), 5.0),
    # mql: A B E F (E entered lead before the window); converted A (10), E (4), F (2)
    (M, Q, 4, 3, 0.75, 4.0),
    # sql: A E F; converted A (5), F (2)
    (Q, OP, 3, 2, pytest.approx(2 / 3), 3.5),
    # opportunity: A F; converted A (30); F went back to mql
    (OP, C, 2, 1, 0.5, 30.0),
]


async def test_conversion_and_median_days_per_pair(world: World) -> None:
    f = await funnel_of(world.org.id, START, END, as_of=AS_OF)
    assert table(f.overall) == EXPECTED
    assert f.groups == [] and f.history_start == date(2025, 12, 2)
    assert any(n.startswith("2 leads without an account entered lead") for n in f.notes)


async def test_history_is_measured_at_the_same_age(world: World) -> None:
    f = await funnel_of(world.org.id, START, END, as_of=AS_OF)
    # preceding windows: G H I E (lead), G H I (mql), G H (sql), G H (opp) in [-30, 0),
    # J in [-60, -30). I reached sql on day 39, after that window's cutoff (day 31.5): not
    # converted then, though it is now.
    assert [(s.previous_entered, s.previous_converted) for s in f.overall.steps] == [
        (5, 5), (4, 3), (3, 3), (3, 2)]
    assert [s.drop_points for s in f.overall.steps] == [
        pytest.approx(300 / 7), 0.0, pytest.approx(100 / 3), pytest.approx(100 / 6)]


async def test_bottleneck_is_the_largest_fall(world: World) -> None:
    f = await funnel_of(world.org.id, START, END, as_of=AS_OF)
    b = f.overall.bottleneck
    assert b is not None and (b.from_stage, b.to_stage) == (L, M)
    assert (b.rate, b.previous_rate) == (pytest.approx(4 / 7), 1.0)
    assert (b.drop_points, b.relative_drop) == (pytest.approx(300 / 7), pytest.approx(3 / 7))


async def test_grouped_by_source(world: World) -> None:
    f = await funnel_of(world.org.id, START, END, G.SOURCE, as_of=AS_OF)
    assert [g.key for g in f.groups] == ["referral", "organic", "paid_search"]
    referral, organic, paid = f.groups
    assert [(s.entered, s.converted) for s in referral.steps] == [(3, 3), (3, 2), (2, 2),
                                                                 (2, 1)]
    assert [(s.entered, s.converted, s.rate) for s in organic.steps] == [
        (2, 1, 0.5), (1, 1, 1.0), (1, 0, 0.0), (0, 0, None)]
    assert (paid.steps[0].entered, paid.steps[0].rate, paid.steps[0].median_days) == (
        2, 0.0, None)
    for k in range(4):  # the groups add up to the whole
        assert sum(g.steps[k].entered for g in f.groups) == f.overall.steps[k].entered
    # referral's history is J alone (all converted): its opportunity -> customer fell most
    b = referral.bottleneck
    assert b is not None and (b.from_stage, b.drop_points) == (OP, 50.0)
    assert paid.bottleneck is None and any("no bottleneck" in n for n in paid.notes)
    assert table(f.overall) == EXPECTED


async def test_grouped_by_segment(world: World) -> None:
    f = await funnel_of(world.org.id, START, END, G.SEGMENT, as_of=AS_OF)
    groups = {g.key: g for g in f.groups}
    assert set(groups) == {"champions", None}
    assert [(s.entered, s.converted) for s in groups["champions"].steps] == [
        (2, 2), (1, 1), (1, 1), (1, 1)]
    assert groups[None].steps[0].entered == 5  # B D F and the two bare leads


async def test_no_history_and_no_fall_leave_no_bottleneck(world: World) -> None:
    early = await funnel_of(world.org.id, date(2025, 1, 1), date(2026, 1, 1), as_of=AS_OF)
    assert all(s.entered == 0 for s in early.overall.steps)
    assert early.overall.bottleneck is None
    assert any("no stage pair has entries" in n for n in early.overall.notes)
    # the 30 days before: G H I E against J alone; H went back to mql from opportunity
    before = await funnel_of(world.org.id, date(2026, 3, 2), START, as_of=AS_OF)
    b = before.overall.bottleneck
    assert b is not None and (b.from_stage, b.rate, b.previous_rate) == (OP, 0.5, 1.0)
    # the same rates now as before: nothing fell
    steady = await Organization.create(name="Steady", slug=f"steady-{uuid.uuid4().hex[:10]}")
    for name, days in (("now", (2, 3)), ("then", (-20, -19))):
        row = await Customer.create(organization_id=steady.id, name=name, created_at=AS_OF)
        for stage, offset in zip((L, M), days, strict=True):
            await LifecycleTransition.create(
                organization_id=steady.id, customer_id=row.id, to_stage=stage,
                at=datetime(2026, 4, 1, tzinfo=UTC) + timedelta(days=offset),
                source=Source.API)
    flat = await funnel_of(steady.id, START, END, as_of=AS_OF)
    assert [s.drop_points for s in flat.overall.steps] == [0.0, 0.0, None, None]
    assert flat.overall.steps[1].relative_drop is None  # 0 before: it cannot fall
    assert flat.overall.bottleneck is None
    assert any("no stage's conversion fell" in n for n in flat.overall.notes)


async def test_customer_without_a_lead_transition_enters_at_its_lead(org: Organization
                                                                     ) -> None:
    row = await Customer.create(organization_id=org.id, name="K", created_at=AS_OF,
                                stage=Stage.SQL)
    await Lead.create(organization_id=org.id, customer_id=row.id, source="event",
                      created_at=datetime(2026, 4, 5, tzinfo=UTC))
    for stage, day in ((M, 6), (Q, 9)):
        await LifecycleTransition.create(organization_id=org.id, customer_id=row.id,
                                         to_stage=stage, at=datetime(2026, 4, day, tzinfo=UTC),
                                         source=Source.HUBSPOT)
    f = await funnel_of(org.id, START, END, G.SOURCE, as_of=AS_OF)
    assert table(f.overall)[:2] == [(L, M, 1, 1, 1.0, 1.0), (M, Q, 1, 1, 1.0, 3.0)]
    assert [g.key for g in f.groups] == ["event"]


async def test_empty_organization_gives_zeros_nulls_and_a_note(org: Organization) -> None:
    f = await funnel_of(org.id, START, END, G.SOURCE, as_of=AS_OF)
    assert [(s.entered, s.rate, s.median_days, s.previous_rate) for s in f.overall.steps] == [
        (0, None, None, None)] * 4
    assert f.groups == [] and f.overall.bottleneck is None
    assert any(n.startswith("no leads or funnel transitions") for n in f.notes)


@pytest.mark.parametrize(("start", "end", "field", "words"), [
    (END, START, "from", "must be before to"), (START, START, "from", "must be before to"),
    (date(2026, 6, 2), date(2026, 7, 1), "from", "in the future"),
    (date(1, 1, 1), START, "from", "on or after 1900-01-01"),
    (date(2000, 1, 1), date(9999, 12, 31), "to", "at most 3660 days")])
async def test_bad_windows_name_the_field(org: Organization, start: date, end: date,
                                          field: str, words: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await funnel_of(org.id, start, end, as_of=AS_OF)
    assert caught.value.field == field and words in caught.value.message


async def test_other_organizations_never_leak(world: World, other_org: Organization) -> None:
    f = await funnel_of(world.org.id, START, END, G.SOURCE, as_of=AS_OF)
    assert table(f.overall) == EXPECTED and "event" not in {g.key for g in f.groups}
    theirs = await funnel_of(other_org.id, START, END, G.SEGMENT, as_of=AS_OF)
    assert [(s.entered, s.converted) for s in theirs.overall.steps][:2] == [(6, 1), (1, 0)]


async def test_a_constant_number_of_statements(world: World) -> None:
    org = await Organization.create(name="Demo", slug=f"demo-{uuid.uuid4().hex[:10]}")
    await generate_world(org.id, customers=300, seed=5, now=AS_OF)
    for group_by, expected in ((G.NONE, 2), (G.SOURCE, 2), (G.SEGMENT, 3)):
        with count_statements() as small:
            await funnel_of(world.org.id, START, END, group_by, as_of=AS_OF)
        with count_statements() as large:
            big = await funnel_of(org.id, date(2025, 6, 1), date(2026, 3, 1), group_by,
                                  as_of=AS_OF)
        assert big.overall.steps[0].entered > 100
        assert len(small) == len(large) == expected


async def test_demo_world_against_an_independent_count(org: Organization) -> None:
    await generate_world(org.id, customers=400, seed=3, now=AS_OF)
    start, end = date(2024, 6, 1), date(2025, 6, 1)
    f: Funnel = await funnel_of(org.id, start, end, G.SOURCE, as_of=AS_OF)
    # independently: every demo lead is one unit entering lead at its creation; it
    # converted when its account ever moved past lead
    lo, hi = (datetime.combine(d, time.min, UTC) for d in (start, end))
    leads = await Lead.filter(organization_id=org.id, created_at__gte=lo,
                              created_at__lt=hi).values_list("customer_id", flat=True)
    moved = set(await LifecycleTransition.filter(
        organization_id=org.id, to_stage__in=[M, Q, OP, C]).values_list("customer_id",
                                                                       flat=True))
    first = f.overall.steps[0]
    assert first.entered == len(leads)
    assert first.converted == sum(1 for c in leads if c is not None and c in moved)
    rates = {g.key: g.steps[0].rate for g in f.groups}
    assert rates["referral"] > rates["paid_search"]  # type: ignore[operator]
    for k in range(4):
        assert sum(g.steps[k].entered for g in f.groups) == f.overall.steps[k].entered
        step = f.overall.steps[k]
        assert step.entered > 0 and step.median_days is not None and step.median_days > 0


FUNNEL = """query($from: Date!, $to: Date!, $by: FunnelGroup) {
  funnel(from: $from, to: $to, groupBy: $by) {
    from to asOf groupBy historyFrom notes
    overall { key notes steps { fromStage toStage entered converted conversionRate medianDays
      previousEntered previousConverted previousRate dropPoints relativeDrop }
      bottleneck { fromStage toStage conversionRate previousRate dropPoints relativeDrop } }
    groups { key steps { entered converted conversionRate } bottleneck { fromStage } }
    bottleneck { fromStage toStage dropPoints } } }"""


async def test_graphql_end_to_end(gql: Gql, org: Organization) -> None:
    start = datetime.now(UTC).date() - timedelta(days=61)  # the same ages as AS_OF
    await build(org, start)
    variables = {"from": start.isoformat(), "to": (start + timedelta(days=30)).isoformat(),
                 "by": "SOURCE"}
    data = await gql.data(FUNNEL, variables, role=Role.ANALYST)
    f = data["funnel"]
    assert "NaN" not in json.dumps(data)
    steps = f["overall"]["steps"]
    assert [(s["fromStage"], s["entered"], s["converted"], s["medianDays"]) for s in steps] == [
        ("LEAD", 7, 4, 5.0), ("MQL", 4, 3, 4.0), ("SQL", 3, 2, 3.5), ("OPPORTUNITY", 2, 1, 30.0)]
    assert steps[3]["conversionRate"] == 0.5 and steps[3]["previousRate"] == pytest.approx(2 / 3)
    assert f["bottleneck"] == {"fromStage": "LEAD", "toStage": "MQL",
                               "dropPoints": pytest.approx(300 / 7)}
    assert [g["key"] for g in f["groups"]] == ["referral", "organic", "paid_search"]
    assert f["groups"][2]["bottleneck"] is None
    assert f["groupBy"] == "SOURCE" and f["from"] == variables["from"]

    plain = await gql.data(FUNNEL, {**variables, "by": None}, role=Role.ANALYST)
    assert plain["funnel"]["groups"] == [] and plain["funnel"]["groupBy"] == "NONE"
    bad = await gql(FUNNEL, {**variables, "to": variables["from"]}, role=Role.ANALYST)
    error = bad["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["extensions"]["field"] == "from" and "before to" in error["message"]
    denied = await gql(FUNNEL, variables, role=Role.VIEWER)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
