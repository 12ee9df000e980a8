"""Recency / frequency / T / monetary summaries from transactions, vectorised (numpy).

Purchases on the same (UTC) day count as one (their amounts are summed). Per customer:
  frequency x  = purchase days after the first one (repeat purchases),
  recency t_x  = time from the first purchase to the last one,
  T            = time from the first purchase to the end of the observation window,
  monetary     = mean value of the repeat purchase days (0 without repeats),
in `unit_days`-day units (7: weeks, as in the BG/NBD papers). `calibration_holdout` splits
one history at a date into the calibration summary and each customer's repeat purchases in
the holdout period. Rows without a customer or a time are ignored, a missing amount counts
as 0.

Implementation: customers are factorised to integer codes and times floored to int64 day
numbers, sorted by (code, day) (skipped when already in that order), and purchase days and
customers are the runs of equal keys (`np.add.reduceat`), so ten million transactions take
about a second. The time differences go through pandas in the input's own time unit, as a
groupby would, so recency and T are the same floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.errors import ValidationFailed
from domain.times import utc_timestamp

COLUMNS = ("frequency", "recency", "T", "monetary")
DAY_SECONDS = 86_400
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class _Days:
    """One entry per (customer, purchase day), sorted by customer code, then day."""

    code: IntArray  # index into `keys`
    day: IntArray  # days since 1970-01-01 (UTC)
    amount: FloatArray  # the day's total
    keys: pd.Index  # customer ids, sorted
    unit: str  # time unit of the input's timestamps


def _floor_seconds(ts: pd.Timestamp) -> int:
    """Whole seconds since the epoch, rounded down (a day start is <= ts iff <= this)."""
    return int(ts.value // 1_000_000_000)


def _runs(key: IntArray) -> IntArray:
    """Start of each run of equal values in a sorted array."""
    if len(key) == 0:
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))


def _daily(tx: pd.DataFrame) -> _Days:
    for col in ("customer_id", "at", "amount"):
        if col not in tx.columns:
            raise ValidationFailed(f"transactions need a {col!r} column", field=col)
    at = pd.to_datetime(tx["at"], utc=True)
    unit = str(at.dt.unit)
    seconds = at.to_numpy(dtype="datetime64[s]").view(np.int64)
    codes, keys = pd.factorize(tx["customer_id"], sort=True)
    amount = pd.to_numeric(tx["amount"]).to_numpy(dtype=np.float64, na_value=0.0)
    valid = (codes >= 0) & (seconds != np.iinfo(np.int64).min)
    if not valid.all():
        codes, seconds, amount = codes[valid], seconds[valid], amount[valid]
    code = codes.astype(np.int64)
    day = seconds // DAY_SECONDS
    del seconds
    if len(day):
        first_day = int(day.min())
        key = (code << 32) | (day - first_day)  # days fit in 32 bits for 11 million years
        if not (key[1:] >= key[:-1]).all():
            order = np.argsort(key, kind="stable")
            key, code, day, amount = key[order], code[order], day[order], amount[order]
        starts = _runs(key)
        code, day, amount = code[starts], day[starts], np.add.reduceat(amount, starts)
    return _Days(code, day, amount, pd.Index(keys, name="customer_id"), unit)


def _frame(days: _Days, end: pd.Timestamp, unit_days: float) -> tuple[pd.DataFrame, IntArray]:
    """The summary at `end` and the customer code of each of its rows."""
    keep = days.day * DAY_SECONDS <= _floor_seconds(end)
    code, day, amount = days.code[keep], days.day[keep], days.amount[keep]
    if len(code) == 0:
        return pd.DataFrame(columns=list(COLUMNS), dtype=float), np.zeros(0, np.int64)
    starts = _runs(code)
    ends = np.append(starts[1:], len(code)) - 1
    frequency = (ends - starts).astype(np.float64)
    repeat_value = np.add.reduceat(amount, starts) - amount[starts]
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(frequency > 0, repeat_value / frequency, 0.0)

    def stamps(d: IntArray) -> pd.DatetimeIndex:
        return pd.to_datetime(d * DAY_SECONDS, unit="s", utc=True).as_unit(days.unit)

    first, last = stamps(day[starts]), stamps(day[ends])
    unit = pd.Timedelta(days=unit_days)
    customers = code[starts]
    frame = pd.DataFrame({
        "frequency": frequency,
        "recency": ((last - first) / unit).to_numpy(dtype=np.float64),
        "T": ((end - first) / unit).to_numpy(dtype=np.float64),
        "monetary": monetary.astype(float),
    }, index=days.keys[customers])
    return frame, customers


def summarise(tx: pd.DataFrame, end: datetime, unit_days: float = 7.0) -> pd.DataFrame:
    """One row per customer with a purchase on or before `end` (index: customer_id)."""
    return _frame(_daily(tx), utc_timestamp(end), unit_days)[0]


def calibration_holdout(tx: pd.DataFrame, calibration_end: datetime, holdout_end: datetime,
                        unit_days: float = 7.0) -> pd.DataFrame:
    """The calibration summary plus `holdout_frequency` (purchase days in (calibration_end,
    holdout_end]) and `holdout_duration` for customers first seen by `calibration_end`."""
    if holdout_end <= calibration_end:
        raise ValidationFailed("the holdout must end after the calibration", field="holdout_end")
    days = _daily(tx)
    start, stop = utc_timestamp(calibration_end), utc_timestamp(holdout_end)
    cal, customers = _frame(days, start, unit_days)
    day_start = days.day * DAY_SECONDS
    later = (day_start > _floor_seconds(start)) & (day_start <= _floor_seconds(stop))
    counts = np.bincount(days.code[later], minlength=len(days.keys))
    cal["holdout_frequency"] = counts[customers].astype(float)
    cal["holdout_duration"] = (stop - start) / pd.Timedelta(days=unit_days)
    return cal
