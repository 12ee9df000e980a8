"""Acquisition cohorts: every cell of the four matrices against a hand-computed world
(expansion, contraction, churn, reactivation), quarter grouping, unobservable cells,
from / to windows and their errors, predicted CLV, organization scoping, the statement
count, and the `cohorts` GraphQL field (same matrix, role, errors)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.cohorts.matrix import CohortMatrix, CohortMetric, CohortPeriod
from domain.cohorts.queries import cohorts
from domain.enums import InvoiceStatus, Role, SubscriptionStatus, ValueModel, ValueTier
from domain.errors import ValidationFailed
from domain.models import (
    Customer,
    CustomerValue,
    Invoice,
    Organization,
    Subscription,
    Transaction,
)
from tests.support.api import Gql, count_statements

M = CohortMetric
AS_OF = datetime(2025, 5, 10, 12, 0, tzinfo=UTC)  # May is open: Jan..Apr are observable


def at(month: int, day: int = 15, year: int = 2025, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@dataclass
class World:
    org: Organization
    ids: dict[str, int]
    _tx: int = 0

    async def customer(self, name: str) -> int:
        row = await Customer.create(organization_id=self.org.id, name=name,
                                    created_at=at(1, 1))
        self.ids[name] = row.id
        return row.id

    async def invoice(self, name: str, amount: int, when: datetime,
                      status: InvoiceStatus = InvoiceStatus.PAID) -> None:
        await Invoice.create(organization_id=self.org.id, customer_id=self.ids[name],
                             amount=Decimal(amount), status=status, issued_at=when,
                             paid_at=when if status is InvoiceStatus.PAID else None)

    async def tx(self, name: str, amount: int, when: datetime) -> None:
        self._tx += 1
        await Transaction.create(organization_id=self.org.id, customer_id=self.ids[name],
                                 external_id=f"{name}-{self._tx}", at=when,
                                 amount=Decimal(amount))

    async def sub(self, name: str, started: datetime, canceled: datetime | None = None
                  ) -> None:
        await Subscription.create(
            organization_id=self.org.id, customer_id=self.ids[name], plan="growth",
            status=SubscriptionStatus.CANCELED if canceled else SubscriptionStatus.ACTIVE,
            mrr=Decimal(100), started_at=started, canceled_at=canceled)

    async def value(self, name: str, value: float) -> None:
        await CustomerValue.create(
            organization_id=self.org.id, customer_id=self.ids[name], model=ValueModel.SBG,
            value=value, lower=value / 2, upper=value * 2, horizon_months=24,
            tier=ValueTier.MEDIUM, computed_at=AS_OF)


async def build_world(org: Organization) -> World:
    """Revenue per customer and month (Jan..May 2025; "-" none):

        cohort  customer  Jan  Feb  Mar  Apr  May   subscription live
        Jan     A         100  100  150  150   -    Jan 5 .. (open)          expansion
        Jan     B         200  200   -    50   -    Jan 10 .. Feb 20         churn, back in Apr
        Jan     C         100   -    30   -    -    none                     contraction
        Feb     D          -   300  300  250   -    Feb 1 .. (open)          contraction
        Feb     E          -    40   -    -   (25)  Feb 15 .. Mar 1 00:00    churn
        Mar     F          -    -   500  600   -    none                     expansion
        May     G          -    -    -    -    70   none
    plus rows that must not count: B's failed March invoice, D's open January and void
    April invoices, C's February refund (negative), E's May 20 purchase (after AS_OF),
    H (a subscription but no revenue)."""
    w = World(org=org, ids={})
    for name in "ABCDEFGH":
        await w.customer(name)
    for month, amount in ((1, 100), (2, 100), (3, 150), (4, 150)):
        await w.invoice("A", amount, at(month, 5))
    await w.sub("A", at(1, 5))
    await w.invoice("B", 200, at(1, 10))
    await w.invoice("B", 200, at(2, 10))
    await w.invoice("B", 200, at(3, 10), InvoiceStatus.FAILED)
    await w.sub("B", at(1, 10), canceled=at(2, 20))
    await w.tx("B", 50, at(4, 28))
    await w.tx("C", 80, at(1, 10))
    await w.tx("C", 20, at(1, 31, hour=23))  # still January in UTC
    await w.tx("C", -20, at(2, 3))
    await w.tx("C", 30, at(3, 1, hour=0))
    await w.invoice("D", 300, at(1, 20), InvoiceStatus.OPEN)
    for month, amount in ((2, 300), (3, 300), (4, 250)):
        await w.invoice("D", amount, at(month, 1))
    await w.invoice("D", 999, at(4, 2), InvoiceStatus.VOID)
    await w.sub("D", at(2, 1))
    await w.tx("E", 40, at(2, 15))
    await w.sub("E", at(2, 15), canceled=datetime(2025, 3, 1, tzinfo=UTC))
    await w.tx("E", 25, at(5, 20))
    await w.invoice("F", 500, at(3, 3))
    await w.invoice("F", 600, at(4, 3))
    await w.tx("G", 70, at(5, 3))
    await w.sub("H", at(1, 1))
    await w.value("A", 1000.0)
    await w.value("B", 2000.0)
    await w.value("F", 800.0)
    return w


@pytest.fixture
async def world(org: Organization, other_org: Organization) -> World:
    w = await build_world(org)
    # another organization: a January customer with revenue and a predicted value
    other = World(org=other_org, ids={})
    await other.customer("X")
    await other.invoice("X", 10_000, at(1, 7))
    await other.sub("X", at(1, 7))
    await other.value("X", 99_999.0)
    return w


def grid(matrix: CohortMatrix) -> dict[str, list[float | None]]:
    return {row.label: row.values for row in matrix.rows}


def approx(expected: Mapping[str, Sequence[float | None]]) -> Any:
    return {label: [None if v is None else pytest.approx(v, abs=1e-9) for v in values]
            for label, values in expected.items()}


_: None = None  # not observable yet: the period ends after AS_OF

EXPECTED_MONTHLY: dict[CohortMetric, dict[str, list[float | None]]] = {
    M.LOGO_RETENTION: {
        # Jan: A,B,C active in Jan; Feb A,B (C idle); Mar A,C (B's sub ended Feb 20, its
        # March invoice failed); Apr A,B (B back with a purchase)
        "2025-01": [3 / 3, 2 / 3, 2 / 3, 2 / 3],
        # Feb: Mar D + E (E's sub, canceled Mar 1 00:00, is live in March); Apr only D
        "2025-02": [2 / 2, 2 / 2, 1 / 2, _],
        "2025-03": [1 / 1, 1 / 1, _, _],
        "2025-05": [_, _, _, _],
    },
    M.NRR: {
        # period 0 = 100 + 200 + 100 = 400; Feb 100+200 = 300; Mar 150+30 = 180;
        # Apr 150+50 = 200
        "2025-01": [400 / 400, 300 / 400, 180 / 400, 200 / 400],
        # period 0 = 300 + 40 = 340; Mar 300; Apr 250
        "2025-02": [340 / 340, 300 / 340, 250 / 340, _],
        "2025-03": [500 / 500, 600 / 500, _, _],  # F expands 500 -> 600
        "2025-05": [_, _, _, _],
    },
    M.GRR: {
        # Mar: min(150,100) + 0 + min(30,100) = 130; Apr: min(150,100) + min(50,200) = 150
        "2025-01": [400 / 400, (100 + 200) / 400, (100 + 30) / 400, (100 + 50) / 400],
        "2025-02": [340 / 340, 300 / 340, 250 / 340, _],
        "2025-03": [1.0, min(600, 500) / 500, _, _],
        "2025-05": [_, _, _, _],
    },
    M.AVG_CLV: {
        # cumulative revenue / 3: 400, 400+300, 700+180, 880+200
        "2025-01": [400 / 3, 700 / 3, 880 / 3, 1080 / 3],
        # cumulative / 2: 340, 340+300, 640+250
        "2025-02": [340 / 2, 640 / 2, 890 / 2, _],
        "2025-03": [500 / 1, 1100 / 1, _, _],
        "2025-05": [_, _, _, _],
    },
}


@pytest.mark.parametrize("metric", list(CohortMetric))
async def test_every_cell_of_the_monthly_matrix(world: World, metric: CohortMetric) -> None:
    matrix = await cohorts(world.org.id, metric, as_of=AS_OF)
    assert matrix.metric is metric and matrix.period is CohortPeriod.MONTH
    assert matrix.as_of == AS_OF
    assert matrix.periods == [0, 1, 2, 3]  # Jan (oldest) .. Apr: the months ended by AS_OF
    assert grid(matrix) == approx(EXPECTED_MONTHLY[metric])  # no April cohort: nobody
    rows = {r.label: r for r in matrix.rows}
    assert [r.start for r in matrix.rows] == [date(2025, m, 1) for m in (1, 2, 3, 5)]
    # sizes: A,B,C | D,E | F | G  (the other organization's January customer, and H
    # without revenue, are in no cohort)
    assert {k: r.size for k, r in rows.items()} == {
        "2025-01": 3, "2025-02": 2, "2025-03": 1, "2025-05": 1}
    assert {k: r.start_revenue for k, r in rows.items()} == {
        "2025-01": 400.0, "2025-02": 340.0, "2025-03": 500.0,
        "2025-05": 70.0}  # G's 70; E's May 20 purchase is after AS_OF
    # predicted CLV: Jan (1000 + 2000) / 2 (C has none); Feb none; Mar F's 800
    assert {k: r.predicted_avg_clv for k, r in rows.items()} == {
        "2025-01": 1500.0, "2025-02": None, "2025-03": 800.0, "2025-05": None}


async def test_grr_never_exceeds_nrr_nor_one(world: World) -> None:
    nrr = grid(await cohorts(world.org.id, M.NRR, as_of=AS_OF))
    grr = grid(await cohorts(world.org.id, M.GRR, as_of=AS_OF))
    cells = [(g, n) for label in grr for g, n in zip(grr[label], nrr[label], strict=True)
             if g is not None]
    assert len(cells) == 9
    assert all(g is not None and n is not None and g <= n + 1e-12 and g <= 1.0
               for g, n in cells)
    assert any(g < n for g, n in cells if g is not None and n is not None)  # F's expansion


async def test_quarter_cohorts(world: World) -> None:
    july = datetime(2025, 7, 15, tzinfo=UTC)  # Q3 is open: Q1 and Q2 are observable
    # Q1 cohort A..F (6). Q1 revenue: A 350, B 400, C 130, D 600, E 40, F 500 = 2020.
    # Q2 revenue: A 150, B 50, C 0, D 250, E 25 (May 20), F 600 = 1075.
    # Q2 cohort: G, 70 in Q2.
    expected: dict[CohortMetric, dict[str, list[float | None]]] = {
        M.LOGO_RETENTION: {"2025-Q1": [1.0, 5 / 6], "2025-Q2": [1.0, _]},  # C idle in Q2
        M.NRR: {"2025-Q1": [1.0, 1075 / 2020], "2025-Q2": [1.0, _]},
        # min per customer: 150 + 50 + 0 + 250 + 25 + min(600, 500) = 975
        M.GRR: {"2025-Q1": [1.0, 975 / 2020], "2025-Q2": [1.0, _]},
        M.AVG_CLV: {"2025-Q1": [2020 / 6, (2020 + 1075) / 6], "2025-Q2": [70.0, _]},
    }
    for metric, cells in expected.items():
        matrix = await cohorts(world.org.id, metric, CohortPeriod.QUARTER, as_of=july)
        assert matrix.periods == [0, 1]
        assert grid(matrix) == approx(cells), metric
        assert [(r.start, r.size, r.start_revenue) for r in matrix.rows] == [
            (date(2025, 1, 1), 6, 2020.0), (date(2025, 4, 1), 1, 70.0)]
        # Q1: mean of A 1000, B 2000, F 800
        assert [r.predicted_avg_clv for r in matrix.rows] == [
            pytest.approx(3800 / 3), None]


async def test_cells_become_observable_as_periods_end(world: World) -> None:
    # On April 1 00:00 March has just ended: Jan..Mar observable, nothing of April
    matrix = await cohorts(world.org.id, M.NRR, as_of=datetime(2025, 4, 1, tzinfo=UTC))
    assert matrix.periods == [0, 1, 2]
    assert grid(matrix) == approx({"2025-01": [1.0, 300 / 400, 180 / 400],
                                   "2025-02": [1.0, 300 / 340, _],
                                   "2025-03": [1.0, _, _]})
    # Mid-January: the January cohort exists (so far) but none of its cells is observable
    early = await cohorts(world.org.id, M.LOGO_RETENTION, as_of=at(1, 10, hour=11))
    assert early.periods == [] and [(r.label, r.size, r.values) for r in early.rows] == [
        ("2025-01", 1, [])]  # A (Jan 5); B and C pay on Jan 10 at 12:00, after as_of


async def test_from_and_to_pick_cohorts(world: World) -> None:
    matrix = await cohorts(world.org.id, M.LOGO_RETENTION, start=date(2025, 2, 14),
                           end=date(2025, 3, 31), as_of=AS_OF)
    assert matrix.periods == [0, 1, 2]  # Feb .. Apr
    assert grid(matrix) == approx({"2025-02": [1.0, 1.0, 0.5], "2025-03": [1.0, 1.0, _]})
    only_may = await cohorts(world.org.id, M.AVG_CLV, start=date(2025, 4, 1), as_of=AS_OF)
    assert [(r.label, r.values) for r in only_may.rows] == [("2025-05", [])]


@pytest.mark.parametrize(("start", "end", "period", "field", "words"), [
    (date(2025, 3, 1), date(2025, 1, 1), CohortPeriod.MONTH, "from", "on or before to"),
    (date(2020, 1, 1), date(2025, 1, 31), CohortPeriod.MONTH, "from", "61 months"),
    (date(2000, 1, 1), date(2015, 3, 1), CohortPeriod.QUARTER, "from", "61 quarters"),
    (date(2030, 1, 1), None, CohortPeriod.MONTH, "from", "after the last cohort"),
])
async def test_bad_windows_name_the_field(org: Organization, start: date, end: date | None,
                                          period: CohortPeriod, field: str, words: str
                                          ) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await cohorts(org.id, M.NRR, period, start=start, end=end, as_of=AS_OF)
    assert caught.value.field == field and words in caught.value.message


async def test_sixty_cohorts_are_allowed_and_the_default_is_24(world: World) -> None:
    wide = await cohorts(world.org.id, M.NRR, start=date(2020, 6, 1), end=date(2025, 5, 1),
                         as_of=AS_OF)
    assert [r.label for r in wide.rows] == ["2025-01", "2025-02", "2025-03", "2025-05"]
    # 24 months back from May 2027 reaches June 2025: none of the 2025 H1 cohorts
    later = datetime(2027, 5, 10, tzinfo=UTC)
    assert (await cohorts(world.org.id, M.NRR, as_of=later)).rows == []
    back = await cohorts(world.org.id, M.NRR, as_of=datetime(2027, 1, 10, tzinfo=UTC))
    assert [r.label for r in back.rows] == ["2025-02", "2025-03", "2025-05"]


async def test_empty_organization_gives_an_empty_matrix(org: Organization) -> None:
    for metric in CohortMetric:
        matrix = await cohorts(org.id, metric, CohortPeriod.QUARTER, as_of=AS_OF)
        assert matrix.rows == [] and matrix.periods == []
    # the default window stops at the first representable month
    ancient = await cohorts(org.id, M.NRR, end=date(1, 3, 1), as_of=AS_OF)
    assert ancient.rows == [] and ancient.periods == []


async def test_other_organizations_never_leak(world: World, other_org: Organization) -> None:
    theirs = await cohorts(other_org.id, M.AVG_CLV, as_of=AS_OF)
    # only X: January, 10,000 in its first month and none after (its subscription is live)
    assert [(r.label, r.size, r.start_revenue, r.predicted_avg_clv) for r in theirs.rows] == [
        ("2025-01", 1, 10_000.0, 99_999.0)]
    assert theirs.rows[0].values == [10_000.0] * 4
    ours = await cohorts(world.org.id, M.AVG_CLV, as_of=AS_OF)
    assert sum(r.size for r in ours.rows) == 7
    assert max(v for r in ours.rows for v in r.values if v is not None) < 10_000


async def test_a_constant_number_of_statements(world: World) -> None:
    with count_statements() as statements:
        await cohorts(world.org.id, M.LOGO_RETENTION, as_of=AS_OF)
    assert len(statements) == 3  # revenue, subscriptions, predicted values
    for name in "IJKLMNOPQR":  # ten more January customers with two months each
        await world.customer(name)
        await world.tx(name, 10, at(1, 9))
        await world.invoice(name, 10, at(2, 9))
        await world.sub(name, at(1, 9))
    with count_statements() as more:
        matrix = await cohorts(world.org.id, M.LOGO_RETENTION, as_of=AS_OF)
    assert len(more) == 3
    # 13 January customers: Feb A, B and the ten; later months A + the ten, plus C / B
    assert matrix.rows[0].size == 13
    assert matrix.rows[0].values == approx({"x": [1.0, 12 / 13, 12 / 13, 12 / 13]})["x"]


QUERY = """query($metric: CohortMetric!, $period: CohortPeriod!, $from: Date, $to: Date) {
  cohorts(metric: $metric, period: $period, from: $from, to: $to) {
    metric period asOf periods
    rows { start label size startRevenue values predictedAvgClv } } }"""


async def test_graphql_returns_the_same_matrix(gql: Gql, world: World) -> None:
    for metric, period in ((M.GRR, CohortPeriod.MONTH), (M.LOGO_RETENTION,
                                                         CohortPeriod.QUARTER)):
        variables = {"metric": metric.name, "period": period.name, "from": "2025-01-01",
                     "to": "2025-06-30"}
        data = (await gql.data(QUERY, variables, role=Role.ANALYST))["cohorts"]
        as_of = datetime.fromisoformat(data["asOf"])
        expected = await cohorts(world.org.id, metric, period, start=date(2025, 1, 1),
                                 end=date(2025, 6, 30), as_of=as_of)
        assert data["metric"] == metric.name and data["period"] == period.name
        assert data["periods"] == expected.periods and len(data["periods"]) >= 4
        assert data["rows"] == [
            {"start": r.start.isoformat(), "label": r.label, "size": r.size,
             "startRevenue": r.start_revenue, "values": r.values,
             "predictedAvgClv": r.predicted_avg_clv} for r in expected.rows]
        assert [r["size"] for r in data["rows"]] == ([3, 2, 1, 1] if period is
                                                     CohortPeriod.MONTH else [6, 1])
    # GRR months: January's first four cells as computed by hand
    monthly = (await gql.data(QUERY, {"metric": "GRR", "period": "MONTH",
                                      "from": "2025-01-01", "to": "2025-01-31"}))["cohorts"]
    assert monthly["rows"][0]["values"][:4] == pytest.approx([1.0, 0.75, 0.325, 0.375])


async def test_graphql_default_period_and_empty(gql: Gql) -> None:
    data = await gql.data("{ cohorts(metric: NRR) { period periods rows { label } } }")
    assert data["cohorts"] == {"period": "MONTH", "periods": [], "rows": []}


async def test_graphql_bad_input_and_role(gql: Gql) -> None:
    body = await gql(QUERY, {"metric": "NRR", "period": "MONTH", "from": "2025-05-01",
                             "to": "2025-01-01"})
    error = body["errors"][0]
    assert body["data"] is None
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["extensions"]["field"] == "from" and "on or before to" in error["message"]
    body = await gql(QUERY, {"metric": "NRR", "period": "MONTH"}, role=Role.VIEWER)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
