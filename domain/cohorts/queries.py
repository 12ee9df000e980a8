"""Cohort reads: three set-based statements, each scoped to one organization.

1. Revenue per customer and calendar month (UTC), aggregated in SQL (`GROUP BY`): paid
   invoices by `issued_at` plus transactions by `at`, amount > 0, before `as_of`, only for
   customers whose first revenue month falls in the cohort window (a window `MIN` over each
   customer's months).
2. Those customers' subscriptions as month intervals (start month, cancellation month).
3. Their predicted CLV (`CustomerValue.value`).

Months are integers (year * 12 + month - 1), computed by the database: `date_part` on
PostgreSQL, `strftime` on SQLite (which reads the stored ISO text with its UTC offset).
Customer ids go in as one parameter (PostgreSQL: an array with `= ANY`; SQLite: a JSON
array through `json_each`), so the statement count does not depend on their number.
The matrix itself is computed in `domain.cohorts.matrix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd

from domain.cohorts.matrix import (
    REVENUE_COLUMNS,
    SUBSCRIPTION_COLUMNS,
    CohortMatrix,
    CohortMetric,
    CohortPeriod,
    cohort_matrix,
    cohort_window,
    utc,
)
from domain.enums import InvoiceStatus
from domain.models import Invoice
from domain.sql import db_value, id_filter, month_index_sql, select_rows
from domain.times import month_from_index


async def revenue_by_month(org_id: int, first_month: int, last_month: int, as_of: datetime
                           ) -> pd.DataFrame:
    """customer_id, month, amount: revenue per customer-month of the customers whose first
    revenue month is in [first_month, last_month]."""
    before = db_value(Invoice, "issued_at", utc(as_of))
    sql = (
        "SELECT customer_id, m, CAST(amount AS DOUBLE PRECISION) FROM ("
        "SELECT customer_id, m, SUM(amount) AS amount, "
        "MIN(m) OVER (PARTITION BY customer_id) AS first_m FROM ("
        f"SELECT customer_id, {month_index_sql('issued_at')} AS m, amount FROM \"invoice\" "
        f"WHERE organization_id = ? AND status = '{InvoiceStatus.PAID.value}' "
        "AND amount > 0 AND issued_at < ? "
        f"UNION ALL SELECT customer_id, {month_index_sql('at')} AS m, amount FROM \"transaction\" "
        "WHERE organization_id = ? AND amount > 0 AND at < ?"
        ") AS r GROUP BY customer_id, m"
        ") AS t WHERE first_m >= ? AND first_m <= ?"
    )
    rows = await select_rows(sql, [org_id, before, org_id, before, first_month, last_month])
    frame = pd.DataFrame(rows, columns=list(REVENUE_COLUMNS))
    return frame.astype({"customer_id": np.int64, "month": np.int64, "amount": np.float64})


async def subscription_months(org_id: int, ids: Sequence[int], first_month: int,
                              as_of: datetime) -> pd.DataFrame:
    """customer_id, start_month, end_month (NaN while not canceled) of the subscriptions of
    `ids` started before `as_of` and not canceled before `first_month`."""
    before = db_value(Invoice, "issued_at", utc(as_of))
    since = db_value(Invoice, "issued_at",
                     datetime.combine(month_from_index(first_month), datetime.min.time(),
                                      UTC))
    clause, value = id_filter("customer_id", ids)
    sql = (f"SELECT customer_id, {month_index_sql('started_at')}, "
           f"CASE WHEN canceled_at IS NULL THEN NULL ELSE {month_index_sql('canceled_at')} END "
           'FROM "subscription" WHERE organization_id = ? AND started_at < ? '
           f"AND (canceled_at IS NULL OR canceled_at >= ?) AND {clause}")
    rows = await select_rows(sql, [org_id, before, since, value])
    frame = pd.DataFrame(rows, columns=list(SUBSCRIPTION_COLUMNS))
    return frame.astype({"customer_id": np.int64, "start_month": np.int64,
                         "end_month": np.float64})


async def predicted_values(org_id: int, ids: Sequence[int]) -> pd.Series:
    """Predicted CLV (`CustomerValue.value`) by customer id, for those of `ids` that have
    one."""
    clause, value = id_filter("customer_id", ids)
    sql = ('SELECT customer_id, CAST(value AS DOUBLE PRECISION) FROM "customer_value" '
           f"WHERE organization_id = ? AND {clause}")
    rows = await select_rows(sql, [org_id, value])
    return pd.Series([float(r[1]) for r in rows], index=pd.Index(
        [int(r[0]) for r in rows], dtype=np.int64, name="customer_id"), dtype=np.float64)


async def cohorts(org_id: int, metric: CohortMetric, period: CohortPeriod = CohortPeriod.MONTH,
                  *, start: date | None = None, end: date | None = None,
                  as_of: datetime | None = None) -> CohortMatrix:
    """The `metric` matrix of the organization's acquisition cohorts from the period of
    `start` to that of `end` (default: the 24 periods up to the one holding `as_of`, which
    defaults to now). Raises ValidationFailed (field "from") for a bad window."""
    as_of = utc(as_of) if as_of is not None else datetime.now(UTC)
    window = cohort_window(period, as_of, start, end)
    revenue = await revenue_by_month(org_id, window.first_month, window.last_month, as_of)
    ids = revenue["customer_id"].unique().tolist()
    if not ids:
        return cohort_matrix(revenue, pd.DataFrame(columns=list(SUBSCRIPTION_COLUMNS)),
                             pd.Series(dtype=np.float64), metric=metric, window=window,
                             as_of=as_of)
    if metric is CohortMetric.LOGO_RETENTION:
        subs = await subscription_months(org_id, ids, window.first_month, as_of)
    else:
        subs = pd.DataFrame(columns=list(SUBSCRIPTION_COLUMNS))
    predicted = await predicted_values(org_id, ids)
    return cohort_matrix(revenue, subs, predicted, metric=metric, window=window, as_of=as_of)
