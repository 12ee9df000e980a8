"""Revenue metrics in the domain: every MRR movement cell and logo count of a hand-computed
six-month book (several subscriptions per customer, an upgrade, downgrades, a cancellation
that is not churn, then churn, a reactivation, month-boundary and same-month cases), KPIs
on a small book by hand, CAC / payback with and without spend, revenue series with gaps,
bad inputs naming the field, an empty organization, organization scoping and the
statement count."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.enums import InvoiceStatus, SubscriptionStatus
from domain.errors import ValidationFailed
from domain.models import AcquisitionSpend, Customer, Invoice, Organization, Subscription
from domain.revenue.metrics import RevenueMetrics
from domain.revenue.movements import MovementRow
from domain.revenue.queries import mrr_movements, revenue_metrics
from domain.revenue.spend import SpendEntry, SpendRejected, record_spend
from tests.support.api import count_statements

AS_OF = datetime(2025, 7, 10, tzinfo=UTC)


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@dataclass
class Book:
    org: Organization
    ids: dict[str, int]

    async def customer(self, name: str) -> int:
        row = await Customer.create(organization_id=self.org.id, name=name,
                                    created_at=at(2024, 1, 1))
        self.ids[name] = row.id
        return row.id

    async def sub(self, name: str, mrr: str, started: datetime,
                  canceled: datetime | None = None,
                  status: SubscriptionStatus | None = None) -> None:
        if name not in self.ids:
            await self.customer(name)
        await Subscription.create(
            organization_id=self.org.id, customer_id=self.ids[name], plan="p",
            status=status or (SubscriptionStatus.CANCELED if canceled
                              else SubscriptionStatus.ACTIVE),
            mrr=Decimal(mrr), started_at=started, canceled_at=canceled)


async def build_movements_book(org: Organization) -> Book:
    """MRR at month ends (Dec 2024 .. Jun 2025); `|` separates subscriptions:

        A  A1 100 Dec 10 .. Mar 20 (upgraded) | A2 250 Mar 20 .. | A3 50 May 5 ..
        B  B1 200 Jan 15 .. Apr 10 (downgraded) | B2 120 Apr 10 .. Jun 3 | B3 80 Feb 1 .. May 15
        C  C1 90 Nov 1 2024 .. Feb 10 | C2 60 Apr 22 ..            (churn, then reactivation)
        D  D1 500 Mar 3 .. Mar 25 (never at a month end) | D2 40 May 10 ..   (new in May)
        E  E1 70 canceled without a date: ended, never counted
        F  F1 30 Feb 1 00:00 .. Jun 1 00:00: live at the ends of Feb..May
        X  X1 -25: negative, left out

             Dec  Jan  Feb  Mar  Apr  May  Jun
        A    100  100  100  250  250  300  300
        B      0  200  280  280  200  120    0
        C     90   90    0    0   60   60   60
        D      0    0    0    0    0   40   40
        F      0    0   30   30   30   30    0
        total 190 390  410  560  540  550  400
    """
    b = Book(org, {})
    await b.sub("A", "100", at(2024, 12, 10), at(2025, 3, 20))
    await b.sub("A", "250", at(2025, 3, 20))
    await b.sub("A", "50", at(2025, 5, 5))
    await b.sub("B", "200", at(2025, 1, 15), at(2025, 4, 10))
    await b.sub("B", "120", at(2025, 4, 10), at(2025, 6, 3))
    await b.sub("B", "80", at(2025, 2, 1), at(2025, 5, 15))
    await b.sub("C", "90", at(2024, 11, 1), at(2025, 2, 10))
    await b.sub("C", "60", at(2025, 4, 22))
    await b.sub("D", "500", at(2025, 3, 3), at(2025, 3, 25))
    await b.sub("D", "40", at(2025, 5, 10))
    await b.sub("E", "70", at(2025, 1, 5), status=SubscriptionStatus.CANCELED)
    await b.sub("F", "30", datetime(2025, 2, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC))
    await b.sub("X", "-25", at(2025, 1, 5))
    return b


# month: starting, new, expansion, contraction, churn, reactivation, net, ending,
#        counts (new, exp, contr, churn, react, starting customers, ending customers)
EXPECTED = {
    "2025-01": (190, 200, 0, 0, 0, 0, 200, 390, (1, 0, 0, 0, 0, 2, 3)),
    "2025-02": (390, 30, 80, 0, -90, 0, 20, 410, (1, 1, 0, 1, 0, 3, 3)),
    "2025-03": (410, 0, 150, 0, 0, 0, 150, 560, (0, 1, 0, 0, 0, 3, 3)),
    "2025-04": (560, 0, 0, -80, 0, 60, -20, 540, (0, 0, 1, 0, 1, 3, 4)),
    "2025-05": (540, 40, 50, -80, 0, 0, 10, 550, (1, 1, 1, 0, 0, 4, 5)),
    "2025-06": (550, 0, 0, 0, -150, 0, -150, 400, (0, 0, 0, 2, 0, 5, 3)),
}
TOTALS = (190, 270, 280, -160, -240, 60, 210, 400, (3, 3, 2, 3, 1, 2, 3))


def _cells(r: MovementRow) -> tuple[object, ...]:
    c = r.counts
    return (r.starting_mrr, r.new, r.expansion, r.contraction, r.churn, r.reactivation,
            r.net_new, r.ending_mrr,
            (c.new, c.expansion, c.contraction, c.churn, c.reactivation,
             c.starting_customers, c.ending_customers))


def _expected(cells: tuple[int, int, int, int, int, int, int, int, tuple[int, ...]]
              ) -> tuple[object, ...]:
    return (*(Decimal(v).quantize(Decimal("0.01")) for v in cells[:8]), cells[8])


async def test_movements_match_the_hand_computed_book(org: Organization) -> None:
    await build_movements_book(org)
    result = await mrr_movements(org.id, date(2025, 1, 1), date(2025, 6, 30), as_of=AS_OF)
    assert [m.label for m in result.months] == list(EXPECTED)
    for row in result.months:
        assert _cells(row) == _expected(EXPECTED[row.label]), row.label
        assert row.starting_mrr + row.net_new == row.ending_mrr
    assert result.totals.label == "2025-01..2025-06"
    assert _cells(result.totals) == _expected(TOTALS)
    assert any("negative MRR" in n for n in result.notes)
    assert any("without a cancellation date" in n for n in result.notes)


async def test_one_of_two_cancellations_is_contraction_then_the_last_is_churn(
        org: Organization) -> None:
    await build_movements_book(org)
    may = (await mrr_movements(org.id, date(2025, 5, 1), date(2025, 5, 1), as_of=AS_OF))
    jun = (await mrr_movements(org.id, date(2025, 6, 1), date(2025, 6, 1), as_of=AS_OF))
    # B3 canceled in May while B2 stays: contraction; B2 (the last) in June: churn
    assert may.months[0].contraction == Decimal("-80.00") and may.months[0].churn == 0
    assert jun.months[0].churn == Decimal("-150.00") and jun.months[0].counts.churn == 2
    # a window starting later still knows C had MRR before (reactivation, not new)
    apr = await mrr_movements(org.id, date(2025, 4, 1), date(2025, 4, 30), as_of=AS_OF)
    assert apr.months[0].reactivation == Decimal("60.00") and apr.months[0].new == 0
    assert apr.totals.starting_mrr == Decimal("560.00")


async def build_kpi_book(org: Organization) -> Book:
    """MRR at the end of Jun 2024 (the NRR base) and of May / Jun 2025:

        P  100 since Jan 2024, upgraded to 150 in Feb 2025     100 -> 150, 150
        Q  200 Mar 2024 .. Jan 2025                             200 ->   0,   0
        R  100 since May 2024, downgraded to 60 in Mar 2025     100 ->  60,  60
        T   80 since Aug 2024 (not in the base)                   -  ->  80,  80
        U   40 Sep 2024 .. Jun 15 2025 (churn in June)            -  ->  40,   0
        S   50 from Jun 10 2025 (new in June)                     -  ->   0,  50
    """
    b = Book(org, {})
    await b.sub("P", "100", at(2024, 1, 5), at(2025, 2, 3))
    await b.sub("P", "150", at(2025, 2, 3))
    await b.sub("Q", "200", at(2024, 3, 5), at(2025, 1, 20))
    await b.sub("R", "100", at(2024, 5, 5), at(2025, 3, 9))
    await b.sub("R", "60", at(2025, 3, 9))
    await b.sub("T", "80", at(2024, 8, 1))
    await b.sub("U", "40", at(2024, 9, 1), at(2025, 6, 15))
    await b.sub("S", "50", at(2025, 6, 10))
    return b


def _finite(m: RevenueMetrics) -> None:
    for value in (m.nrr, m.grr, m.logo_churn_rate, m.revenue_churn_rate, m.payback_months):
        assert value is None or math.isfinite(value)


async def test_kpis_by_hand(org: Organization) -> None:
    await build_kpi_book(org)
    m = await revenue_metrics(org.id, date(2025, 6, 20), as_of=AS_OF)
    assert (m.mrr, m.arr, m.paying_customers) == (Decimal("340.00"), Decimal("4080.00"), 4)
    assert m.arpa == Decimal("85.00")  # 340 / 4
    assert m.nrr == pytest.approx(210 / 400)  # (150 + 0 + 60) / (100 + 200 + 100)
    assert m.grr == pytest.approx(160 / 400)  # (min(150, 100) + 0 + min(60, 100)) / 400
    assert m.logo_churn_rate == pytest.approx(1 / 4)  # U of P, R, T, U
    assert m.revenue_churn_rate == pytest.approx(40 / 330)  # U's 40 of 150 + 60 + 80 + 40
    assert m.ltv == Decimal("701.25")  # 85 / (40 / 330)
    assert (m.new_customers, m.new_mrr) == (1, Decimal("50.00"))
    assert (m.spend, m.cac, m.payback_months) == (None, None, None)
    assert "CAC and payback are null: no spend recorded" in m.notes
    _finite(m)


async def test_cac_and_payback_from_recorded_spend(org: Organization) -> None:
    await build_kpi_book(org)
    recorded = await record_spend(org.id, [
        SpendEntry(month=date(2025, 6, 1), amount=Decimal("300"), channel="ads"),
        SpendEntry(month=date(2025, 6, 18), amount=Decimal("200"), channel="events"),
        SpendEntry(month=date(2025, 4, 1), amount=Decimal("999")),
    ])
    assert (recorded.created, recorded.updated) == (3, 0)
    assert recorded.entries[1].month == date(2025, 6, 1)  # stored as the month's first day
    m = await revenue_metrics(org.id, date(2025, 6, 1), as_of=AS_OF)
    assert m.spend == Decimal("500.00") and m.cac == Decimal("500.00")  # 500 / 1 new
    assert m.payback_months == pytest.approx(10.0)  # CAC 500 / S's ARPA 50
    # upsert: the same month and channel replaces, nothing else changes
    again = await record_spend(org.id, [
        SpendEntry(month=date(2025, 6, 30), amount=Decimal("100"), channel="ads")])
    assert (again.created, again.updated) == (0, 1)
    assert await AcquisitionSpend.filter(organization_id=org.id).count() == 3
    m = await revenue_metrics(org.id, date(2025, 6, 1), as_of=AS_OF)
    assert m.cac == Decimal("300.00") and m.payback_months == pytest.approx(6.0)
    # spend exists, but not for May: null with the month named
    may = await revenue_metrics(org.id, date(2025, 5, 1), as_of=AS_OF)
    assert may.cac is None and "no spend recorded for 2025-05" in " ".join(may.notes)
    # April has spend but no new customer
    apr = await revenue_metrics(org.id, date(2025, 4, 1), as_of=AS_OF)
    assert apr.cac is None and any("no new customers in 2025-04" in n for n in apr.notes)


async def test_a_range_pools_the_months(org: Organization) -> None:
    await build_kpi_book(org)
    m = await revenue_metrics(org.id, start=date(2025, 1, 1), end=date(2025, 6, 30),
                              as_of=AS_OF)
    # starting customers Jan..Jun: 5 (P Q R T U), 4, 4, 4, 4, 4 = 25; churned Q and U
    assert m.logo_churn_rate == pytest.approx(2 / 25)
    # starting MRR: 520, 320, 370, 330, 330, 330 = 2200; lost: Q 200 + R 40 + U 40
    assert m.revenue_churn_rate == pytest.approx(280 / 2200)
    assert m.mrr == Decimal("340.00") and m.new_customers == 1


async def test_no_churn_gives_a_null_ltv_with_a_reason(org: Organization) -> None:
    await build_kpi_book(org)
    m = await revenue_metrics(org.id, date(2025, 4, 1), as_of=AS_OF)
    assert m.revenue_churn_rate == 0 and m.ltv is None
    assert any("LTV is null: no revenue churn in 2025-04" in n for n in m.notes)


async def test_an_empty_organization_gives_zeros_and_notes(org: Organization) -> None:
    m = await revenue_metrics(org.id, as_of=AS_OF)  # default: the last complete month
    assert (m.window.first, m.window.last) == (2025 * 12 + 5, 2025 * 12 + 5)
    assert (m.mrr, m.arr, m.paying_customers, m.new_customers) == (0, 0, 0, 0)
    assert None is m.arpa is m.nrr is m.grr is m.logo_churn_rate is m.ltv is m.cac
    joined = " ".join(m.notes)
    for reason in ("ARPA is null", "NRR and GRR are null", "churn rates are null",
                   "no spend recorded"):
        assert reason in joined
    _finite(m)
    movements = await mrr_movements(org.id, date(2025, 1, 1), date(2025, 1, 1), as_of=AS_OF)
    assert movements.months[0].ending_mrr == 0 and movements.totals.net_new == 0
    assert "no subscription with MRR: every figure is 0" in movements.notes


async def test_bad_inputs_name_the_field(org: Organization) -> None:
    with pytest.raises(ValidationFailed) as err:
        await mrr_movements(org.id, date(2025, 5, 1), date(2025, 1, 1))
    assert err.value.field == "from" and "on or before to" in err.value.message
    with pytest.raises(ValidationFailed) as err:
        await mrr_movements(org.id, date(2010, 1, 1), date(2020, 1, 1))  # 121 months
    assert err.value.field == "to" and "121 months" in err.value.message
    with pytest.raises(ValidationFailed) as err:
        await revenue_metrics(org.id, date(2025, 1, 1), start=date(2025, 1, 1),
                              end=date(2025, 2, 1))
    assert err.value.field == "month"
    with pytest.raises(ValidationFailed) as err:
        await revenue_metrics(org.id, start=date(2025, 1, 1))
    assert err.value.field == "to"
    with pytest.raises(SpendRejected) as rejected:
        await record_spend(org.id, [
            SpendEntry(month=date(2025, 1, 1), amount=Decimal("10")),
            SpendEntry(month=date(2025, 2, 1), amount=Decimal("-5")),
            SpendEntry(month=date(2025, 1, 9), amount=Decimal("1.005"), currency="dollars"),
        ])
    fields = [e.field for e in rejected.value.errors]
    assert fields == ["entries[1].amount", "entries[2].amount", "entries[2].currency",
                      "entries[2].month"]
    assert "must be 0 or more (got -5)" in rejected.value.message
    assert await AcquisitionSpend.filter(organization_id=org.id).count() == 0  # nothing
    with pytest.raises(ValidationFailed) as err:
        await record_spend(org.id, [])
    assert err.value.field == "entries"


async def test_other_organizations_never_leak(org: Organization, other_org: Organization
                                              ) -> None:
    await build_movements_book(org)
    await record_spend(org.id, [SpendEntry(month=date(2025, 6, 1), amount=Decimal("500"))])
    theirs = Book(other_org, {})
    await theirs.sub("Z", "1000", at(2025, 3, 1))
    result = await mrr_movements(other_org.id, date(2025, 1, 1), date(2025, 6, 1),
                                 as_of=AS_OF)
    assert [m.ending_mrr for m in result.months] == [Decimal(0)] * 2 + [Decimal(1000)] * 4
    assert result.totals.counts.new == 1 and result.notes == []
    m = await revenue_metrics(other_org.id, date(2025, 6, 1), as_of=AS_OF)
    assert m.mrr == Decimal("1000.00") and m.cac is None
    assert "CAC and payback are null: no spend recorded" in m.notes
    ours = await mrr_movements(org.id, date(2025, 6, 1), date(2025, 6, 1), as_of=AS_OF)
    assert ours.months[0].ending_mrr == Decimal("400.00")


async def test_a_constant_number_of_statements(org: Organization) -> None:
    book = await build_movements_book(org)
    with count_statements() as statements:
        await mrr_movements(org.id, date(2025, 1, 1), date(2025, 6, 1), as_of=AS_OF)
    assert len(statements) == 2
    for i in range(20):
        await book.sub(f"N{i}", "10", at(2025, 1 + i % 5, 3), at(2025, 6, 20) if i % 2 else None)
    with count_statements() as more:
        result = await mrr_movements(org.id, date(2025, 1, 1), date(2025, 6, 1), as_of=AS_OF)
    assert len(more) == 2
    assert result.totals.counts.new == 3 + 20 and result.totals.counts.churn == 3 + 10
    with count_statements() as kpis:
        await revenue_metrics(org.id, as_of=AS_OF)
    assert len(kpis) == 3


async def test_the_open_month_is_flagged(org: Organization) -> None:
    await build_movements_book(org)
    result = await mrr_movements(org.id, date(2025, 6, 1), date(2025, 7, 1), as_of=AS_OF)
    assert any("2025-07 has not ended" in n for n in result.notes)
    # C2, D2 and A's subscriptions are still live: July is flat
    assert result.months[1].net_new == 0 and result.months[1].ending_mrr == Decimal("400.00")


async def test_invoices_do_not_change_mrr(org: Organization) -> None:
    """MRR is read from subscriptions: an invoice with tax or a proration is revenue, not
    an MRR movement."""
    book = await build_kpi_book(org)
    await Invoice.create(organization_id=org.id, customer_id=book.ids["T"],
                         amount=Decimal("96.00"), status=InvoiceStatus.PAID,
                         issued_at=at(2025, 6, 1), paid_at=at(2025, 6, 2))
    m = await mrr_movements(org.id, date(2025, 6, 1), date(2025, 6, 1), as_of=AS_OF)
    assert m.months[0].expansion == 0 and m.months[0].ending_mrr == Decimal("340.00")
