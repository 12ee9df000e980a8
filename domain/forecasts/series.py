"""The monthly revenue series of an organization.

Revenue of a month = invoices paid in that month (status paid, by `paid_at`, amount above 0)
plus one-off purchases (`transaction`, by `at`, amount above 0), in UTC months. The series
runs from the first month with revenue to the last complete month before `now`; months in
between without revenue are kept as 0 and listed (`gaps`). Purchases of 0 or less (refunds,
returns, free orders) are left out and counted. Amounts in several currencies are added as
they are, and said so. Two statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from domain.db import is_postgres
from domain.models import Invoice
from domain.sql import db_value, select_dicts
from domain.times import month_from_index, month_index


def month_start(at: datetime | date) -> date:
    return date(at.year, at.month, 1)


def add_months(month: date, k: int) -> date:
    return month_from_index(month_index(month) + k)


def month_label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(label: str) -> date:
    year, month = label.split("-")
    return date(int(year), int(month), 1)


def last_complete_month(now: datetime) -> date:
    """The first day of the month before `now`'s month."""
    return add_months(month_start(now.astimezone(UTC)), -1)


@dataclass(frozen=True)
class MonthlySeries:
    end: date  # the last complete month (first day), whether or not it had revenue
    months: list[date] = field(default_factory=list)  # first days, oldest first
    values: list[float] = field(default_factory=list)
    gaps: list[date] = field(default_factory=list)  # months inside the series without revenue
    excluded_purchases: int = 0  # purchases of 0 or less, left out
    currencies: list[str] = field(default_factory=list)

    @property
    def start(self) -> date | None:
        return self.months[0] if self.months else None

    @property
    def labels(self) -> list[str]:
        return [month_label(m) for m in self.months]

    def value_at(self, month: date) -> float | None:
        """Revenue of a month up to `end` (0 for a month without revenue), None after it."""
        if month > self.end:
            return None
        by_month = dict(zip(self.months, self.values, strict=True))
        return by_month.get(month, 0.0)

    def notes(self) -> list[str]:
        out: list[str] = []
        if self.gaps:
            listed = ", ".join(month_label(m) for m in self.gaps[:6])
            more = f" and {len(self.gaps) - 6} more" if len(self.gaps) > 6 else ""
            out.append(f"{len(self.gaps)} month(s) without revenue counted as 0: "
                       f"{listed}{more}")
        if self.excluded_purchases:
            out.append(f"{self.excluded_purchases} purchase(s) of 0 or less (refunds, returns) "
                       "left out")
        if len(self.currencies) > 1:
            out.append(f"amounts in {', '.join(self.currencies)} were added without "
                       "conversion")
        return out


def _month_sql(column: str) -> str:
    if is_postgres():
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"
    return f"strftime('%Y-%m', {column})"


async def monthly_revenue(org_id: int, now: datetime) -> MonthlySeries:
    """The organization's revenue per complete month before `now` (see the module)."""
    end = last_complete_month(now)
    cutoff = db_value(Invoice, "paid_at",
                      datetime(*add_months(end, 1).timetuple()[:3], tzinfo=UTC))
    rows = await select_dicts(
        "SELECT month, CAST(SUM(amount) AS DOUBLE PRECISION) AS revenue FROM ("
        f'SELECT {_month_sql("paid_at")} AS month, amount FROM "invoice" '
        "WHERE organization_id = ? AND status = 'paid' AND paid_at IS NOT NULL "
        "AND amount > 0 AND paid_at < ? UNION ALL "
        f'SELECT {_month_sql("at")} AS month, amount FROM "transaction" '
        "WHERE organization_id = ? AND amount > 0 AND at < ?) AS r GROUP BY month",
        [org_id, cutoff, org_id, cutoff])
    extra = await select_dicts(
        "SELECT currency, SUM(bad) AS bad, SUM(1 - bad) AS good FROM ("
        "SELECT currency, 0 AS bad FROM \"invoice\" WHERE organization_id = ? "
        "AND status = 'paid' AND paid_at IS NOT NULL AND amount > 0 AND paid_at < ? UNION ALL "
        "SELECT currency, CASE WHEN amount > 0 THEN 0 ELSE 1 END AS bad FROM \"transaction\" "
        "WHERE organization_id = ? AND at < ?) AS c GROUP BY currency",
        [org_id, cutoff, org_id, cutoff])
    return build_series(rows, extra, end)


def build_series(rows: list[dict[str, Any]], extra: list[dict[str, Any]], end: date
                 ) -> MonthlySeries:
    """The series from per-month sums (`month` "YYYY-MM", `revenue`)."""
    revenue = {parse_month(str(r["month"])): float(r["revenue"] or 0.0) for r in rows
               if r["month"]}
    revenue = {m: v for m, v in revenue.items() if v > 0 and m <= end}
    excluded = sum(int(r["bad"] or 0) for r in extra)
    currencies = sorted({str(r["currency"]) for r in extra
                         if r["currency"] and int(r["good"] or 0) > 0})
    if not revenue:
        return MonthlySeries(end=end, excluded_purchases=excluded, currencies=currencies)
    months, month = [], min(revenue)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    values = [revenue.get(m, 0.0) for m in months]
    gaps = [m for m in months if m not in revenue]
    return MonthlySeries(end, months, values, gaps, excluded, currencies)
