"""Revenue metric types: the MRR bridge, the KPIs and the revenue series. Money fields are
Decimal strings with 2 places, in the amounts as stored (no currency conversion)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from domain.revenue import metrics as domain_metrics
from domain.revenue import movements as domain_movements
from domain.revenue import series as domain_series
from domain.revenue.series import RevenuePeriod, month_start

strawberry.enum(RevenuePeriod, description=(
    "Revenue series period: MONTH (calendar months, UTC) or WEEK (ISO weeks from Monday, "
    "UTC)."))

MRR_DEFINITION = (
    "A customer's MRR at an instant is the sum of the mrr of its subscriptions live then "
    "(started at or before it, not canceled or canceled after it; canceled without a "
    "cancellation date counts as ended), taken at each month end (UTC). Plan changes are "
    "read from the subscription rows: an upgrade or downgrade closes one row and opens "
    "another.")


@strawberry.type(description="Customers (logos) in each movement of a month or window.")
class MrrMovementCounts:
    new: int
    expansion: int
    contraction: int
    churn: int
    reactivation: int
    starting_customers: int = strawberry.field(
        description="Customers with MRR > 0 at the end of the month before")
    ending_customers: int = strawberry.field(
        description="Customers with MRR > 0 at the end of the month (or window)")


@strawberry.type(description=(
    "One month's MRR bridge, per customer comparing the MRR at the end of the month before "
    "with the end of this one: new (0 -> > 0, never had MRR at a month end before), "
    "reactivation (0 -> > 0, had MRR before), expansion (up), contraction (down, still > 0), "
    "churn (> 0 -> 0: canceling one of two subscriptions is a contraction, the last one is "
    "churn). Contraction and churn are negative; netNew is the sum of the five and "
    "startingMrr + netNew = endingMrr."))
class MrrMonth:
    month: date = strawberry.field(description="First day of the month")
    label: str = strawberry.field(description="The month, e.g. 2025-03")
    starting_mrr: Decimal
    new: Decimal
    expansion: Decimal
    contraction: Decimal
    churn: Decimal
    reactivation: Decimal
    net_new: Decimal
    ending_mrr: Decimal
    counts: MrrMovementCounts

    @classmethod
    def of(cls, row: domain_movements.MovementRow) -> MrrMonth:
        c = row.counts
        return cls(month=row.month, label=row.label, starting_mrr=row.starting_mrr,
                   new=row.new, expansion=row.expansion, contraction=row.contraction,
                   churn=row.churn, reactivation=row.reactivation, net_new=row.net_new,
                   ending_mrr=row.ending_mrr, counts=MrrMovementCounts(
                       new=c.new, expansion=c.expansion, contraction=c.contraction,
                       churn=c.churn, reactivation=c.reactivation,
                       starting_customers=c.starting_customers,
                       ending_customers=c.ending_customers))


@strawberry.type(description="MRR movements per month of a window and their totals. "
                             + MRR_DEFINITION)
class MrrMovements:
    start: date = strawberry.field(name="from", description="First day of the first month")
    end: date = strawberry.field(name="to", description="First day of the last month")
    months: list[MrrMonth]
    totals: MrrMonth = strawberry.field(description=(
        "The window's sums: startingMrr of its first month, endingMrr of its last, each "
        "movement summed; counts sum the months (a customer moving twice counts twice); "
        "month is the first month and label the range"))
    notes: list[str] = strawberry.field(description="What was left out, and why, in words")

    @classmethod
    def of(cls, m: domain_movements.MrrMovements) -> MrrMovements:
        return cls(start=month_start(m.window.first), end=month_start(m.window.last),
                   months=[MrrMonth.of(r) for r in m.months], totals=MrrMonth.of(m.totals),
                   notes=list(m.notes))


@strawberry.type(description=(
    "Revenue KPIs of a month (or a range of months: figures at its end, rates per month "
    "pooled over its months). " + MRR_DEFINITION + " Every figure that cannot be computed is "
    "null and `notes` says why; none is ever NaN."))
class RevenueMetrics:
    start: date = strawberry.field(name="from", description="First day of the first month")
    end: date = strawberry.field(name="to", description="First day of the last month")
    mrr: Decimal | None = strawberry.field(description="MRR at the end of the last month")
    arr: Decimal | None = strawberry.field(description="12 x MRR")
    paying_customers: int = strawberry.field(
        description="Customers with MRR > 0 at the end of the last month")
    arpa: Decimal | None = strawberry.field(
        description="MRR / paying customers; null when there are none")
    nrr: float | None = strawberry.field(description=(
        "Net revenue retention over the trailing 12 months: the MRR now of the customers "
        "that had MRR 12 months before the last month's end / their MRR then"))
    grr: float | None = strawberry.field(description=(
        "Gross revenue retention over the trailing 12 months: the same cohort's sum of "
        "min(MRR now, MRR then) / their MRR then (no expansion; <= 1 and <= NRR)"))
    logo_churn_rate: float | None = strawberry.field(description=(
        "Monthly: customers churned / customers paying at the start of the month"))
    revenue_churn_rate: float | None = strawberry.field(description=(
        "Monthly gross revenue churn: (churned + contraction MRR) / starting MRR"))
    ltv: Decimal | None = strawberry.field(description=(
        "ARPA / monthly revenue churn rate; null when that rate is 0"))
    new_customers: int = strawberry.field(description="New customers (movement `new`)")
    new_mrr: Decimal = strawberry.field(description="Their new MRR")
    spend: Decimal | None = strawberry.field(
        description="Acquisition spend recorded for the months (all channels)")
    cac: Decimal | None = strawberry.field(description=(
        "Spend / new customers; null (with a note) without recorded spend"))
    payback_months: float | None = strawberry.field(description=(
        "CAC / ARPA of the new customers (their new MRR / their number)"))
    notes: list[str] = strawberry.field(description="Why each null figure is null, and "
                                                    "what was left out")

    @classmethod
    def of(cls, m: domain_metrics.RevenueMetrics) -> RevenueMetrics:
        return cls(start=month_start(m.window.first), end=month_start(m.window.last),
                   mrr=m.mrr, arr=m.arr, paying_customers=m.paying_customers, arpa=m.arpa,
                   nrr=m.nrr, grr=m.grr, logo_churn_rate=m.logo_churn_rate,
                   revenue_churn_rate=m.revenue_churn_rate, ltv=m.ltv,
                   new_customers=m.new_customers, new_mrr=m.new_mrr, spend=m.spend,
                   cac=m.cac, payback_months=m.payback_months, notes=list(m.notes))


@strawberry.type(description="Revenue of one period")
class RevenuePoint:
    start: date = strawberry.field(description="First day of the period")
    label: str = strawberry.field(description="e.g. 2025-03 or 2025-W11")
    amount: Decimal
    filled: bool = strawberry.field(description="No revenue in the period: the 0 fills a gap")


@strawberry.type(description=(
    "Revenue per period: paid invoices by their payment date (their issue date when it is "
    "missing) plus one-off transactions, amounts > 0 (refunds and credits are left out "
    "and counted in the notes), summed as stored; periods without revenue are 0 and listed "
    "in filledPeriods."))
class RevenueSeries:
    period: RevenuePeriod
    start: date = strawberry.field(name="from", description="First day of the first period")
    end: date = strawberry.field(name="to", description="First day after the last period")
    points: list[RevenuePoint]
    total: Decimal
    filled_periods: list[date] = strawberry.field(
        description="Start of each period without revenue (shown as 0)")
    notes: list[str]

    @classmethod
    def of(cls, s: domain_series.RevenueSeries) -> RevenueSeries:
        return cls(period=s.period, start=s.start, end=s.end,
                   points=[RevenuePoint(start=p.start, label=p.label, amount=p.amount,
                                        filled=p.filled) for p in s.points],
                   total=s.total, filled_periods=list(s.filled_periods), notes=list(s.notes))
