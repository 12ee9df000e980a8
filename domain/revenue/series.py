"""Calendar helpers (months and ISO weeks in UTC, the from..to window and its limits) and
the revenue series: money received per month or week, gaps filled with 0.

Revenue: paid invoices (status `paid`, amount > 0) dated by `paid_at` (by `issued_at` when
a paid invoice has no `paid_at`), plus one-off transactions (amount > 0) dated by `at`,
summed in the amounts as stored (no currency conversion). Negative amounts (refunds,
credits) are not revenue: they are left out and the notes say how many and how much.
Periods without revenue are points with amount 0, listed in `filled_periods`. Pure code:
the reads are in `domain.revenue.queries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.errors import ValidationFailed
from domain.times import month_from_index, month_index, utc

MAX_MONTHS = 120
CENT = Decimal("0.01")


class RevenuePeriod(StrEnum):
    MONTH = "month"
    WEEK = "week"


def money(cents: int) -> Decimal:
    """Integer cents as a 2-place Decimal."""
    return (Decimal(int(cents)) / 100).quantize(CENT)


def to_cents(amount: Decimal | float | int | str) -> int:
    return int((Decimal(str(amount)) * 100).to_integral_value())


month_start = month_from_index  # the first day of a month index (its name in the API layer)


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def last_complete_month(as_of: datetime) -> int:
    """The month before the one holding `as_of` (UTC)."""
    return month_index(utc(as_of).date()) - 1


@dataclass(frozen=True)
class MonthWindow:
    """Months `first`..`last` (month indexes, both inclusive)."""

    first: int
    last: int

    @property
    def months(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def label(self) -> str:
        first, last = month_label(self.first), month_label(self.last)
        return first if first == last else f"{first}..{last}"


def month_window(start: date, end: date, *, start_field: str = "from",
                 end_field: str = "to") -> MonthWindow:
    """The months holding `start` ("from") to `end` ("to"), both inclusive, at most
    MAX_MONTHS. Raises ValidationFailed naming the field at fault."""
    if start > end:
        raise ValidationFailed(f"{start_field} ({start.isoformat()}) must be on or before "
                               f"{end_field} ({end.isoformat()})", field=start_field)
    first, last = month_index(start), month_index(end)
    if last - first + 1 > MAX_MONTHS:
        raise ValidationFailed(
            f"{start_field}..{end_field} covers {last - first + 1} months; at most "
            f"{MAX_MONTHS} are allowed (move {end_field} earlier or {start_field} later)",
            field=end_field)
    return MonthWindow(first, last)


@dataclass(frozen=True)
class DailyRevenue:
    """One day's money in one currency, as read: positive amounts summed (`cents`), and
    the negative ones counted and summed apart."""

    day: date
    currency: str
    cents: int
    negative_count: int = 0
    negative_cents: int = 0


@dataclass(frozen=True)
class RevenuePoint:
    start: date
    label: str
    amount: Decimal
    filled: bool  # no revenue in the period: the 0 fills a gap


@dataclass(frozen=True)
class RevenueSeries:
    period: RevenuePeriod
    start: date  # first day of the first period
    end: date  # first day after the last period
    points: list[RevenuePoint]
    total: Decimal
    filled_periods: list[date] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def series_bounds(period: RevenuePeriod, start: date, end: date) -> tuple[date, date]:
    """[first day of the first period, first day after the last one) for `start`..`end`
    (validated: from <= to, at most MAX_MONTHS)."""
    window = month_window(start, end)
    if period is RevenuePeriod.MONTH:
        return month_from_index(window.first), month_from_index(window.last + 1)
    return week_start(start), week_start(end) + timedelta(days=7)


def _period_starts(period: RevenuePeriod, first: date, stop: date) -> list[date]:
    if period is RevenuePeriod.MONTH:
        return [month_from_index(i) for i in range(month_index(first), month_index(stop))]
    return [first + timedelta(days=7 * k) for k in range((stop - first).days // 7)]


def _period_of(period: RevenuePeriod, day: date) -> date:
    return month_from_index(month_index(day)) if period is RevenuePeriod.MONTH else week_start(day)


def revenue_series(days: Iterable[DailyRevenue], period: RevenuePeriod, start: date,
                   end: date) -> RevenueSeries:
    """Revenue per period from `start`'s period to `end`'s, zeros where nothing came in."""
    first, stop = series_bounds(period, start, end)
    starts = _period_starts(period, first, stop)
    sums = dict.fromkeys(starts, 0)
    currencies: set[str] = set()
    neg_count = neg_cents = 0
    for d in days:
        if not first <= d.day < stop:
            continue
        key = _period_of(period, d.day)
        sums[key] += d.cents
        neg_count += d.negative_count
        neg_cents += d.negative_cents
        if d.cents or d.negative_count:
            currencies.add(d.currency)
    label = month_label if period is RevenuePeriod.MONTH else None
    points = [RevenuePoint(start=s, label=label(month_index(s)) if label else week_label(s),
                           amount=money(sums[s]), filled=sums[s] == 0) for s in starts]
    filled = [p.start for p in points if p.filled]
    noun = "months" if period is RevenuePeriod.MONTH else "weeks"
    notes: list[str] = []
    if len(points) == 1:
        notes.append(f"a single {noun[:-1]}: there is no trend to read from one period")
    if filled and len(filled) == len(points):
        notes.append(f"no revenue in any of the {len(points)} {noun}: every point is 0")
    elif filled:
        notes.append(f"{len(filled)} of {len(points)} {noun} had no revenue and are shown "
                     f"as 0 (see filledPeriods)")
    if neg_count:
        notes.append(f"{neg_count} negative amounts (refunds or credits, {money(neg_cents)} in "
                     f"all) are not revenue and were left out")
    if len(currencies) > 1:
        notes.append(f"amounts in {', '.join(sorted(currencies))} are summed as stored, "
                     f"without conversion")
    return RevenueSeries(period=period, start=first, end=stop, points=points,
                         total=money(sum(sums.values())), filled_periods=filled, notes=notes)
