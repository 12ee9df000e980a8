"""Revenue reads, each scoped to one organization and a constant number of statements:

* `mrr_movements`: 2 (the MRR changes, the subscription data-quality summary);
* `revenue_metrics`: 3 (the same two, and the acquisition spend by month);
* `revenue_series`: 1 (money received per day and currency, aggregated in SQL).

Months and days are computed by the database in UTC (`date_part` / `to_char` on
PostgreSQL, `strftime` on SQLite, which reads the stored ISO text with its offset); money
is summed in integer cents. The computations are in `movements`, `metrics` and `series`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any

import pandas as pd

from domain.db import is_postgres
from domain.enums import InvoiceStatus, SubscriptionStatus
from domain.errors import ValidationFailed
from domain.models import Invoice
from domain.revenue.metrics import RevenueMetrics
from domain.revenue.metrics import revenue_metrics as compute_metrics
from domain.revenue.movements import DELTA_COLUMNS, MrrChanges, MrrMovements, mrr_changes
from domain.revenue.movements import mrr_movements as compute_movements
from domain.revenue.series import (
    DailyRevenue,
    MonthWindow,
    RevenuePeriod,
    RevenueSeries,
    last_complete_month,
    month_index,
    month_label,
    month_window,
    series_bounds,
    utc,
)
from domain.revenue.series import (
    revenue_series as compute_series,
)
from domain.sql import db_value, month_index_sql, select_rows

CANCELED = SubscriptionStatus.CANCELED.value


def _day(column: str) -> str:
    if is_postgres():
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
    return f"strftime('%Y-%m-%d', {column})"


def _cents(column: str) -> str:
    return f"CAST(ROUND({column} * 100) AS BIGINT)"


def _ts(moment: datetime) -> Any:
    return db_value(Invoice, "issued_at", utc(moment))


# A subscription is live at instant t when started_at <= t and (canceled_at is null or
# canceled_at > t); `canceled` without canceled_at counts as ended (it is never counted),
# and so does one canceled at or before it started. At month ends: it adds its MRR at the
# end of its start month and takes it away at the end of its cancellation month.
_COUNTED = (f"mrr > 0 AND NOT (status = '{CANCELED}' AND canceled_at IS NULL) "
            "AND (canceled_at IS NULL OR canceled_at > started_at)")


async def mrr_deltas(org_id: int, last_month: int) -> pd.DataFrame:
    """customer_id, month, delta (cents): the MRR changes of every customer up to the end of
    `last_month`, summed per customer and month."""
    sql = (
        f"SELECT customer_id, m, SUM(d) FROM ("
        f"SELECT customer_id, {month_index_sql('started_at')} AS m, {_cents('mrr')} AS d "
        f'FROM "subscription" WHERE organization_id = ? AND {_COUNTED} '
        f"UNION ALL SELECT customer_id, {month_index_sql('canceled_at')} AS m, "
        f"-{_cents('mrr')} AS d "
        f'FROM "subscription" WHERE organization_id = ? AND {_COUNTED} '
        "AND canceled_at IS NOT NULL"
        ") AS s WHERE m <= ? GROUP BY customer_id, m")
    rows = await select_rows(sql, [org_id, org_id, last_month])
    return pd.DataFrame([(int(c), int(m), int(d)) for c, m, d in rows],
                        columns=list(DELTA_COLUMNS))


async def subscription_notes(org_id: int) -> list[str]:
    """What was left out of MRR, and mixed currencies, in words."""
    sql = ("SELECT currency, SUM(CASE WHEN mrr < 0 THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN status = '{CANCELED}' AND canceled_at IS NULL THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN canceled_at IS NOT NULL AND canceled_at <= started_at "
           "THEN 1 ELSE 0 END), SUM(CASE WHEN mrr > 0 THEN 1 ELSE 0 END) "
           'FROM "subscription" WHERE organization_id = ? GROUP BY currency')
    rows = await select_rows(sql, [org_id])
    negative = sum(int(r[1] or 0) for r in rows)
    undated = sum(int(r[2] or 0) for r in rows)
    inverted = sum(int(r[3] or 0) for r in rows)
    currencies = sorted(str(r[0]) for r in rows if int(r[4] or 0))
    notes = []
    if negative:
        notes.append(f"{negative} subscriptions with negative MRR were left out")
    if undated:
        notes.append(f"{undated} canceled subscriptions without a cancellation date count as "
                     "ended and were left out")
    if inverted:
        notes.append(f"{inverted} subscriptions canceled at or before their start were left "
                     "out")
    if len(currencies) > 1:
        notes.append(f"MRR in {', '.join(currencies)} is summed as stored, without conversion")
    return notes


def _open_note(window: MonthWindow, as_of: datetime) -> list[str]:
    current = month_index(utc(as_of).date())
    if window.last >= current:
        return [f"{month_label(window.last)} has not ended: its figures are so far, and "
                "count cancellations already scheduled"]
    return []


async def _changes(org_id: int, window: MonthWindow) -> tuple[MrrChanges, list[str]]:
    changes = mrr_changes(await mrr_deltas(org_id, window.last))
    return changes, await subscription_notes(org_id)


async def mrr_movements(org_id: int, start: date, end: date,
                        as_of: datetime | None = None) -> MrrMovements:
    """The MRR bridge of every month from `start`'s to `end`'s (both inclusive, at most
    120). Raises ValidationFailed naming "from" or "to"."""
    window = month_window(start, end)
    changes, notes = await _changes(org_id, window)
    notes += _open_note(window, as_of or datetime.now(UTC))
    return compute_movements(changes, window, notes)


async def spend_by_month(org_id: int) -> tuple[dict[int, int], bool]:
    """Recorded acquisition spend in cents by month index (all channels), and whether the
    organization has any spend row."""
    sql = (f"SELECT month, {_cents('SUM(amount)')} "
           'FROM "acquisition_spend" WHERE organization_id = ? GROUP BY month')
    rows = await select_rows(sql, [org_id])
    spend: dict[int, int] = defaultdict(int)
    for day, cents in rows:
        spend[month_index(date.fromisoformat(str(day)[:10]))] += int(cents)
    return dict(spend), bool(rows)


def metrics_window(month: date | None, start: date | None, end: date | None,
                   as_of: datetime) -> MonthWindow:
    """One month (`month`, default the last complete month before `as_of`) or a range
    (`start`..`end`, both given). Raises ValidationFailed naming the field."""
    if month is not None and (start is not None or end is not None):
        raise ValidationFailed("give either month or from and to, not both", field="month")
    if (start is None) != (end is None):
        missing = "to" if end is None else "from"
        raise ValidationFailed(f"a range needs both from and to; {missing} is missing",
                               field=missing)
    if start is not None and end is not None:
        return month_window(start, end)
    m = month_index(month) if month is not None else last_complete_month(as_of)
    return MonthWindow(m, m)


async def revenue_metrics(org_id: int, month: date | None = None, *, start: date | None = None,
                          end: date | None = None, as_of: datetime | None = None
                          ) -> RevenueMetrics:
    """The KPIs of one month or a range (see `domain.revenue.metrics`)."""
    as_of = as_of or datetime.now(UTC)
    window = metrics_window(month, start, end, as_of)
    changes, notes = await _changes(org_id, window)
    spend, recorded = await spend_by_month(org_id)
    notes += _open_note(window, as_of)
    return compute_metrics(changes, window, spend, spend_recorded=recorded, notes=notes)


async def daily_revenue(org_id: int, first: date, stop: date) -> list[DailyRevenue]:
    """Money received per UTC day and currency in [first, stop): paid invoices by paid_at
    (issued_at when missing) and transactions by at; negative amounts apart."""
    lo = _ts(datetime.combine(first, time.min, UTC))
    hi = _ts(datetime.combine(stop, time.min, UTC))
    paid_on = "COALESCE(paid_at, issued_at)"
    sql = (
        "SELECT day, currency, SUM(CASE WHEN cents > 0 THEN cents ELSE 0 END), "
        "SUM(CASE WHEN cents < 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN cents < 0 THEN cents ELSE 0 END) FROM ("
        f"SELECT {_day(paid_on)} AS day, currency, {_cents('amount')} AS cents "
        f'FROM "invoice" WHERE organization_id = ? AND status = '
        f"'{InvoiceStatus.PAID.value}' AND {paid_on} >= ? AND {paid_on} < ? "
        f"UNION ALL SELECT {_day('at')} AS day, currency, {_cents('amount')} AS cents "
        'FROM "transaction" WHERE organization_id = ? AND at >= ? AND at < ?'
        ") AS r GROUP BY day, currency")
    rows = await select_rows(sql, [org_id, lo, hi, org_id, lo, hi])
    return [DailyRevenue(day=date.fromisoformat(str(d)), currency=str(c), cents=int(p or 0),
                         negative_count=int(n or 0), negative_cents=int(s or 0))
            for d, c, p, n, s in rows]


async def revenue_series(org_id: int, period: RevenuePeriod, start: date, end: date
                         ) -> RevenueSeries:
    """Revenue per month or ISO week from `start`'s period to `end`'s, gaps filled with 0
    (at most 120 months). Raises ValidationFailed naming "from" or "to"."""
    first, stop = series_bounds(period, start, end)
    days = await daily_revenue(org_id, first, stop)
    return compute_series(days, period, start, end)
