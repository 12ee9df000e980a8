"""Acquisition cohorts as matrices: pure pandas / numpy, no database.

Definitions (the GraphQL descriptions say the same):

* Revenue: paid invoices (status `paid`, amount > 0, dated by `issued_at`, the month they
  bill) plus one-off transactions (amount > 0, dated by `at`), summed per customer and
  calendar month (UTC), in the amounts as stored (no currency conversion). Only revenue
  dated before `as_of` counts.
* Acquisition period: the month (or quarter) of a customer's first revenue. Customers
  without revenue are in no cohort.
* Row c is the cohort acquired in period c; column k counts periods since acquisition
  (k = 0 is the acquisition period itself).
* A customer is active in a period when it has revenue in it, or a subscription live at any
  time in it (started before the period ends, and not canceled or canceled at or after the
  period's start).
* LOGO_RETENTION[c, k]: active customers of the cohort in period k / cohort size.
* NRR[c, k]: cohort revenue in period k / cohort revenue in period 0.
* GRR[c, k]: sum over the cohort's customers of min(revenue in k, its revenue in period 0)
  / cohort revenue in period 0 (expansion does not count: GRR <= 1 and GRR <= NRR).
* AVG_CLV[c, k]: cohort revenue in periods 0..k / cohort size (value realised to date).
* predicted_avg_clv: mean predicted CLV (`CustomerValue.value`) of the cohort's customers
  that have one; None when none has.
* A cell whose period ends after `as_of` is not observable yet: None, never NaN. Columns
  run from 0 to the last period the oldest cohort shown has completed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

import numpy as np
import pandas as pd

from domain.errors import ValidationFailed
from domain.times import month_from_index, month_index, utc

MAX_COHORTS = 60
DEFAULT_COHORTS = 24
REVENUE_COLUMNS = ("customer_id", "month", "amount")
SUBSCRIPTION_COLUMNS = ("customer_id", "start_month", "end_month")


class CohortMetric(StrEnum):
    LOGO_RETENTION = "logo_retention"
    NRR = "nrr"
    GRR = "grr"
    AVG_CLV = "avg_clv"


class CohortPeriod(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"

    @property
    def months(self) -> int:
        return 3 if self is CohortPeriod.QUARTER else 1

    @property
    def noun(self) -> str:
        return "quarters" if self is CohortPeriod.QUARTER else "months"


@dataclass(frozen=True)
class CohortRow:
    start: date  # first day of the acquisition period
    label: str  # "2025-01" or "2025-Q1"
    size: int  # customers acquired in the period
    start_revenue: float  # their revenue in the acquisition period
    values: list[float | None]  # one per column; None: not observable yet
    predicted_avg_clv: float | None


@dataclass(frozen=True)
class CohortMatrix:
    metric: CohortMetric
    period: CohortPeriod
    as_of: datetime
    periods: list[int]  # the column offsets 0..K-1
    rows: list[CohortRow]


@dataclass(frozen=True)
class CohortWindow:
    """The acquisition periods shown, as period indices (inclusive)."""

    period: CohortPeriod
    first: int
    last: int

    @property
    def first_month(self) -> int:
        return self.first * self.period.months

    @property
    def last_month(self) -> int:
        return (self.last + 1) * self.period.months - 1


# --- periods as integers: month index = year * 12 + month - 1 ----------------------------

def period_index(day: date, period: CohortPeriod) -> int:
    return month_index(day) // period.months


def period_start(index: int, period: CohortPeriod) -> date:
    return month_from_index(index * period.months)


def period_label(index: int, period: CohortPeriod) -> str:
    start = period_start(index, period)
    if period is CohortPeriod.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def open_period(as_of: datetime, period: CohortPeriod) -> int:
    """The period holding `as_of`: the first one that has not ended by then (a period is
    observable when its end, the next period's start, is at or before `as_of`)."""
    return period_index(utc(as_of).date(), period)


def cohort_window(period: CohortPeriod, as_of: datetime, start: date | None = None,
                  end: date | None = None) -> CohortWindow:
    """The cohorts between the periods of `start` ("from") and `end` ("to"), both
    inclusive. Defaults: `end` the period holding `as_of`, `start` 23 periods before `end`
    (24 cohorts). At most 60 cohorts."""
    last = period_index(end, period) if end is not None else open_period(as_of, period)
    if start is not None and end is not None and start > end:
        raise ValidationFailed(f"from ({start.isoformat()}) must be on or before to "
                               f"({end.isoformat()})", field="from")
    first = (period_index(start, period) if start is not None
             else max(last - DEFAULT_COHORTS + 1, period_index(date.min, period)))
    if first > last:
        raise ValidationFailed(
            f"from ({period_start(first, period).isoformat()}) is after the last cohort "
            f"({period_start(last, period).isoformat()}); give an earlier from or a later to",
            field="from")
    count = last - first + 1
    if count > MAX_COHORTS:
        raise ValidationFailed(
            f"from..to covers {count} {period.noun} of cohorts; at most {MAX_COHORTS} "
            f"are allowed (move from later or to earlier)", field="from")
    return CohortWindow(period=period, first=first, last=last)


# --- the matrix -------------------------------------------------------------------------

def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _revenue(revenue: pd.DataFrame, period: CohortPeriod, as_of: datetime) -> pd.DataFrame:
    """Revenue per customer and period: columns customer_id, p, amount (> 0)."""
    missing = [c for c in REVENUE_COLUMNS if c not in revenue.columns]
    if missing:
        raise ValidationFailed(f"revenue needs a {missing[0]!r} column", field=missing[0])
    amount = pd.to_numeric(revenue["amount"], errors="coerce").to_numpy(np.float64)
    month = revenue["month"].to_numpy(np.int64)
    keep = (amount > 0) & (month <= month_index(utc(as_of).date()))
    frame = pd.DataFrame({"customer_id": revenue["customer_id"].to_numpy(np.int64)[keep],
                          "p": month[keep] // period.months, "amount": amount[keep]})
    return frame.groupby(["customer_id", "p"], as_index=False, sort=True)["amount"].sum()


def _active_from_subscriptions(subscriptions: pd.DataFrame, cohort: pd.Series,
                               period: CohortPeriod, columns: int
                               ) -> tuple[np.ndarray, np.ndarray]:
    """(customer_id, k) for every column k in which one of a cohort customer's
    subscriptions is live."""
    empty = (np.empty(0, np.int64), np.empty(0, np.int64))
    if subscriptions.empty or columns == 0:
        return empty
    ids = subscriptions["customer_id"].to_numpy(np.int64)
    own = cohort.reindex(ids).to_numpy(np.float64)
    start = subscriptions["start_month"].to_numpy(np.int64) // period.months
    end_month = pd.to_numeric(subscriptions["end_month"], errors="coerce").to_numpy(np.float64)
    end = np.where(np.isnan(end_month), np.inf, np.floor(end_month / period.months))
    keep = ~np.isnan(own)
    ids, own, start, end = ids[keep], own[keep].astype(np.int64), start[keep], end[keep]
    lo = np.maximum(start - own, 0)
    hi = np.minimum(end - own, columns - 1)
    keep = lo <= hi
    ids, lo, hi = ids[keep], lo[keep], hi[keep].astype(np.int64)
    if ids.size == 0:
        return empty
    lengths = hi - lo + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(ids, lengths), np.repeat(lo, lengths) + offsets


def _predicted_means(predicted: pd.Series, cohort: pd.Series, starts: np.ndarray
                     ) -> np.ndarray:
    """Mean predicted CLV per cohort (NaN where no customer of the cohort has one)."""
    value = pd.to_numeric(predicted, errors="coerce").astype(np.float64)
    owner = cohort.reindex(value.index)
    keep = owner.notna().to_numpy() & np.isfinite(value.to_numpy())
    means = value[keep].groupby(owner[keep].astype(np.int64).to_numpy()).mean()
    return means.reindex(starts).to_numpy(np.float64)


def cohort_matrix(revenue: pd.DataFrame, subscriptions: pd.DataFrame,
                  predicted: pd.Series, *, metric: CohortMetric, window: CohortWindow,
                  as_of: datetime) -> CohortMatrix:
    """The `metric` matrix of the cohorts in `window` (see the module docstring).

    `revenue`: customer_id, month (month index), amount; rows may repeat a customer-month.
    `subscriptions`: customer_id, start_month, end_month (month index of the cancellation,
    NaN / None while not canceled). `predicted`: predicted CLV by customer_id."""
    period, as_of = window.period, utc(as_of)
    rev = _revenue(revenue, period, as_of)
    first = rev.groupby("customer_id")["p"].min()
    cohort = first[(first >= window.first) & (first <= window.last)]
    if cohort.empty:
        return CohortMatrix(metric=metric, period=period, as_of=as_of, periods=[], rows=[])
    starts = np.sort(cohort.unique())
    now = open_period(as_of, period)
    columns = max(int(now - starts[0]), 0)
    row_of = pd.Series(np.arange(starts.size), index=starts)
    rows_n = starts.size

    sizes = cohort.value_counts().reindex(starts).to_numpy(np.float64)
    rev = rev[rev["customer_id"].isin(cohort.index)]
    ids = rev["customer_id"].to_numpy(np.int64)
    own = cohort.reindex(ids).to_numpy(np.int64)
    k = rev["p"].to_numpy(np.int64) - own
    amount = rev["amount"].to_numpy(np.float64)
    base = pd.Series(amount[k == 0], index=ids[k == 0])  # each customer's period-0 revenue
    start_revenue = np.zeros(rows_n)
    np.add.at(start_revenue, row_of.reindex(own[k == 0]).to_numpy(), amount[k == 0])

    grid = np.zeros((rows_n, columns))
    if columns:
        cell = k < columns
        r = row_of.reindex(own[cell]).to_numpy()
        if metric is CohortMetric.GRR:
            kept = np.minimum(amount[cell], base.reindex(ids[cell]).to_numpy(np.float64))
            np.add.at(grid, (r, k[cell]), kept)
        elif metric is CohortMetric.LOGO_RETENTION:
            sub_ids, sub_k = _active_from_subscriptions(subscriptions, cohort, period, columns)
            active = pd.DataFrame({"customer_id": np.concatenate([ids[cell], sub_ids]),
                                   "k": np.concatenate([k[cell], sub_k])}).drop_duplicates()
            rows = row_of.reindex(cohort.reindex(active["customer_id"]).to_numpy()).to_numpy()
            np.add.at(grid, (rows, active["k"].to_numpy(np.int64)), 1.0)
        else:
            np.add.at(grid, (r, k[cell]), amount[cell])

    with np.errstate(divide="ignore", invalid="ignore"):
        if metric is CohortMetric.LOGO_RETENTION:
            values = grid / sizes[:, None]
        elif metric is CohortMetric.AVG_CLV:
            values = np.cumsum(grid, axis=1) / sizes[:, None]
        else:
            values = grid / start_revenue[:, None]
    observable = (starts[:, None] + np.arange(columns)[None, :]) < now

    means = _predicted_means(predicted, cohort, starts)
    out = []
    for i, c in enumerate(starts):
        cells = [_finite(v) if seen else None
                 for v, seen in zip(values[i], observable[i], strict=True)]
        out.append(CohortRow(
            start=period_start(int(c), period), label=period_label(int(c), period),
            size=int(sizes[i]), start_revenue=round(float(start_revenue[i]), 2),
            values=cells, predicted_avg_clv=_finite(means[i])))
    return CohortMatrix(metric=metric, period=period, as_of=as_of,
                        periods=list(range(columns)), rows=out)
