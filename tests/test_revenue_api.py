"""Revenue metrics through GraphQL: `mrrMovements` on the hand-computed book, `revenueMetrics`
with and without spend, `revenueSeries` by month and week with gaps and refunds,
`recordSpend` (upsert, all-or-nothing, errors naming the field), roles, bad input as
errors with a field, and organization scoping."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from domain.enums import InvoiceStatus, Role
from domain.models import AcquisitionSpend, Customer, Invoice, Organization, Transaction
from domain.revenue.queries import revenue_series
from domain.revenue.series import RevenuePeriod
from tests.support.api import Gql, count_statements
from tests.test_revenue import EXPECTED, TOTALS, build_kpi_book, build_movements_book

MOVEMENTS = """query($from: Date!, $to: Date!) { mrrMovements(from: $from, to: $to) {
  from to notes
  months { month label startingMrr new expansion contraction churn reactivation netNew endingMrr
           counts { new expansion contraction churn reactivation startingCustomers
                    endingCustomers } }
  totals { label startingMrr new expansion contraction churn reactivation netNew endingMrr
           counts { new expansion contraction churn reactivation startingCustomers
                    endingCustomers } } } }"""

METRICS = """query($month: Date, $from: Date, $to: Date) {
  revenueMetrics(month: $month, from: $from, to: $to) {
    from to mrr arr payingCustomers arpa nrr grr logoChurnRate revenueChurnRate ltv
    newCustomers newMrr spend cac paybackMonths notes } }"""

SERIES = """query($period: RevenuePeriod!, $from: Date!, $to: Date!) {
  revenueSeries(period: $period, from: $from, to: $to) {
    period from to total filledPeriods notes points { start label amount filled } } }"""

RECORD = """mutation($entries: [SpendInput!]!) { recordSpend(entries: $entries) {
  __typename
  ... on SpendRecorded { created updated entries { month channel amount currency } }
  ... on SpendRejectedError { code field message errors { field message } }
  ... on ValidationError { code field message } } }"""


def _money(value: int) -> str:
    return f"{Decimal(value):.2f}"


def _cells(row: dict[str, Any]) -> tuple[object, ...]:
    c = row["counts"]
    return (*(Decimal(row[k]) for k in ("startingMrr", "new", "expansion", "contraction",
                                        "churn", "reactivation", "netNew", "endingMrr")),
            (c["new"], c["expansion"], c["contraction"], c["churn"], c["reactivation"],
             c["startingCustomers"], c["endingCustomers"]))


def _expected(cells: tuple[Any, ...]) -> tuple[object, ...]:
    return (*(Decimal(v) for v in cells[:8]), cells[8])


async def test_mrr_movements_end_to_end(gql: Gql, org: Organization,
                                        other_org: Organization) -> None:
    await build_movements_book(org)
    await build_movements_book(other_org)  # the same book twice elsewhere: must not add up
    data = (await gql.data(MOVEMENTS, {"from": "2025-01-01", "to": "2025-06-30"},
                           role=Role.ANALYST))["mrrMovements"]
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-06-01")
    assert [m["label"] for m in data["months"]] == list(EXPECTED)
    for row in data["months"]:
        assert _cells(row) == _expected(EXPECTED[row["label"]]), row["label"]
    assert data["months"][1]["churn"] == "-90.00" and data["months"][0]["month"] == "2025-01-01"
    assert _cells(data["totals"]) == _expected(TOTALS)
    assert data["totals"]["label"] == "2025-01..2025-06"
    assert any("negative MRR" in n for n in data["notes"])


async def test_revenue_metrics_end_to_end(gql: Gql, org: Organization) -> None:
    await build_kpi_book(org)
    data = (await gql.data(METRICS, {"month": "2025-06-01"}, role=Role.ANALYST)
            )["revenueMetrics"]
    assert {k: data[k] for k in ("from", "to", "mrr", "arr", "payingCustomers", "arpa", "ltv",
                                 "newCustomers", "newMrr", "spend", "cac",
                                 "paybackMonths")} == {
        "from": "2025-06-01", "to": "2025-06-01", "mrr": "340.00", "arr": "4080.00",
        "payingCustomers": 4, "arpa": "85.00", "ltv": "701.25", "newCustomers": 1,
        "newMrr": "50.00", "spend": None, "cac": None, "paybackMonths": None}
    assert abs(data["nrr"] - 0.525) < 1e-9 and abs(data["grr"] - 0.4) < 1e-9
    assert abs(data["logoChurnRate"] - 0.25) < 1e-9
    assert "CAC and payback are null: no spend recorded" in data["notes"]

    recorded = (await gql.data(RECORD, {"entries": [
        {"month": "2025-06-15", "amount": "300", "channel": "ads", "currency": "usd"},
        {"month": "2025-06-01", "amount": "200.50"}]}, role=Role.OPERATOR))["recordSpend"]
    assert recorded == {"__typename": "SpendRecorded", "created": 2, "updated": 0, "entries": [
        {"month": "2025-06-01", "channel": "ads", "amount": "300.00", "currency": "USD"},
        {"month": "2025-06-01", "channel": "all", "amount": "200.50", "currency": "USD"}]}
    data = (await gql.data(METRICS, {"month": "2025-06-30"}))["revenueMetrics"]
    assert (data["spend"], data["cac"]) == ("500.50", "500.50")  # one new customer
    assert abs(data["paybackMonths"] - 500.5 / 50) < 1e-9  # CAC / S's 50 of new MRR
    ranged = (await gql.data(METRICS, {"from": "2025-01-01", "to": "2025-06-30"})
              )["revenueMetrics"]
    assert ranged["from"] == "2025-01-01" and abs(ranged["logoChurnRate"] - 2 / 25) < 1e-9
    assert any("spend is recorded for 1 of the 6 months" in n for n in ranged["notes"])


async def test_empty_organization_has_no_nan(gql: Gql) -> None:
    data = (await gql.data(METRICS, {}))["revenueMetrics"]
    assert data["mrr"] == "0.00" and data["payingCustomers"] == 0
    for key in ("arpa", "nrr", "grr", "logoChurnRate", "revenueChurnRate", "ltv", "cac",
                "paybackMonths"):
        assert data[key] is None, key
    assert len(data["notes"]) >= 4
    series = (await gql.data(SERIES, {"period": "MONTH", "from": "2025-03-01",
                                      "to": "2025-03-31"}))["revenueSeries"]
    assert series["points"] == [{"start": "2025-03-01", "label": "2025-03", "amount": "0.00",
                                 "filled": True}]
    assert series["filledPeriods"] == ["2025-03-01"] and series["total"] == "0.00"
    assert any("a single month" in n for n in series["notes"])


async def _revenue_world(org: Organization, other: Organization) -> None:
    async def customer(o: Organization) -> int:
        return (await Customer.create(organization_id=o.id, name="R",
                                      created_at=datetime(2024, 1, 1, tzinfo=UTC))).id

    async def invoice(o: Organization, cid: int, amount: str, issued: datetime,
                      paid: datetime | None, status: InvoiceStatus = InvoiceStatus.PAID
                      ) -> None:
        await Invoice.create(organization_id=o.id, customer_id=cid, amount=Decimal(amount),
                             status=status, issued_at=issued, paid_at=paid)

    def d(month: int, day: int, hour: int = 12) -> datetime:
        return datetime(2025, month, day, hour, tzinfo=UTC)

    cid = await customer(org)
    await invoice(org, cid, "100", d(1, 15), d(1, 20))  # Monday Jan 20 (2025-W04)
    await invoice(org, cid, "50", d(1, 28), d(2, 2))  # paid Sunday Feb 2: February, W05
    await invoice(org, cid, "999", d(3, 1), None, InvoiceStatus.FAILED)
    await invoice(org, cid, "70", d(5, 10), None)  # paid, no paid_at: by issued_at
    for ext, amount, when in (("t1", "30", d(3, 5)), ("t2", "-20", d(3, 6))):
        await Transaction.create(organization_id=org.id, customer_id=cid, external_id=ext,
                                 at=when, amount=Decimal(amount))
    theirs = await customer(other)
    await invoice(other, theirs, "10000", d(1, 10), d(1, 10))


async def test_revenue_series_months_and_weeks(gql: Gql, org: Organization,
                                               other_org: Organization) -> None:
    await _revenue_world(org, other_org)
    data = (await gql.data(SERIES, {"period": "MONTH", "from": "2025-01-01",
                                    "to": "2025-06-30"}, role=Role.ANALYST))["revenueSeries"]
    assert [(p["label"], p["amount"], p["filled"]) for p in data["points"]] == [
        ("2025-01", "100.00", False), ("2025-02", "50.00", False),
        ("2025-03", "30.00", False), ("2025-04", "0.00", True),
        ("2025-05", "70.00", False), ("2025-06", "0.00", True)]
    assert data["total"] == "250.00" and data["to"] == "2025-07-01"
    assert data["filledPeriods"] == ["2025-04-01", "2025-06-01"]
    assert any("1 negative amounts" in n and "-20.00" in n for n in data["notes"])
    assert any("2 of 6 months had no revenue" in n for n in data["notes"])
    weeks = (await gql.data(SERIES, {"period": "WEEK", "from": "2025-01-15",
                                     "to": "2025-02-04"}))["revenueSeries"]
    assert [(p["start"], p["label"], p["amount"]) for p in weeks["points"]] == [
        ("2025-01-13", "2025-W03", "0.00"), ("2025-01-20", "2025-W04", "100.00"),
        ("2025-01-27", "2025-W05", "50.00"), ("2025-02-03", "2025-W06", "0.00")]
    assert weeks["filledPeriods"] == ["2025-01-13", "2025-02-03"]
    with count_statements() as statements:
        series = await revenue_series(org.id, RevenuePeriod.WEEK, date(2025, 1, 1),
                                      date(2025, 6, 30))
    assert len(statements) == 1 and series.total == Decimal("250.00")


async def test_record_spend_rejects_everything_naming_the_field(gql: Gql, org: Organization
                                                                ) -> None:
    body = (await gql.data(RECORD, {"entries": [
        {"month": "2025-01-01", "amount": "10"},
        {"month": "2025-02-01", "amount": "-5", "channel": "ads"},
        {"month": "2025-02-01", "amount": "1", "channel": " "}]}, role=Role.OPERATOR)
            )["recordSpend"]
    assert body["__typename"] == "SpendRejectedError"
    assert body["code"] == "VALIDATION_FAILED" and body["field"] == "entries[1].amount"
    assert body["errors"] == [
        {"field": "entries[1].amount", "message": "must be 0 or more (got -5)"},
        {"field": "entries[2].channel", "message": "must not be blank"}]
    assert await AcquisitionSpend.filter(organization_id=org.id).count() == 0
    empty = (await gql.data(RECORD, {"entries": []}))["recordSpend"]
    assert (empty["__typename"], empty["field"]) == ("ValidationError", "entries")
    denied = await gql(RECORD, {"entries": [{"month": "2025-01-01", "amount": "1"}]},
                       role=Role.ANALYST)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert await AcquisitionSpend.filter(organization_id=org.id).count() == 0


async def test_bad_input_and_roles(gql: Gql) -> None:
    body = await gql(MOVEMENTS, {"from": "2025-05-01", "to": "2025-01-01"})
    error = body["errors"][0]
    assert body["data"] is None and error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["extensions"]["field"] == "from" and "on or before to" in error["message"]
    body = await gql(SERIES, {"period": "WEEK", "from": "2000-01-01", "to": "2025-01-01"})
    assert body["errors"][0]["extensions"]["field"] == "to"
    assert "at most 120" in body["errors"][0]["message"]
    body = await gql(METRICS, {"month": "2025-01-01", "from": "2025-01-01"})
    assert body["errors"][0]["extensions"]["field"] == "month"
    for query, variables in ((MOVEMENTS, {"from": "2025-01-01", "to": "2025-02-01"}),
                             (METRICS, {}),
                             (SERIES, {"period": "MONTH", "from": "2025-01-01",
                                       "to": "2025-02-01"})):
        denied = await gql(query, variables, role=Role.VIEWER)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
