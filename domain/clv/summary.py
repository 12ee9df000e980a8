"""Recency / frequency / T / monetary summaries from transactions, vectorised (pandas).

Purchases on the same day count as one (their amounts are summed). Per customer:
  frequency x  = purchase days after the first one (repeat purchases),
  recency t_x  = time from the first purchase to the last one,
  T            = time from the first purchase to the end of the observation window,
  monetary     = mean value of the repeat purchase days (0 without repeats),
in `unit_days`-day units (7: weeks, as in the BG/NBD papers). `calibration_holdout` splits
one history at a date into the calibration summary and each customer's repeat purchases in
the holdout period.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from domain.errors import ValidationFailed

COLUMNS = ("frequency", "recency", "T", "monetary")


def _daily(tx: pd.DataFrame) -> pd.DataFrame:
    for col in ("customer_id", "at", "amount"):
        if col not in tx.columns:
            raise ValidationFailed(f"transactions need a {col!r} column", field=col)
    day = pd.to_datetime(tx["at"], utc=True).dt.floor("D")
    daily = (tx.assign(day=day).groupby(["customer_id", "day"], sort=True)["amount"].sum()
             .reset_index())
    return daily


def summarise(tx: pd.DataFrame, end: datetime, unit_days: float = 7.0) -> pd.DataFrame:
    """One row per customer with a purchase on or before `end` (index: customer_id)."""
    end_ts = pd.Timestamp(end)
    end_ts = end_ts.tz_localize("UTC") if end_ts.tzinfo is None else end_ts.tz_convert("UTC")
    daily = _daily(tx)
    daily = daily[daily["day"] <= end_ts]
    if daily.empty:
        return pd.DataFrame(columns=list(COLUMNS), dtype=float)
    g = daily.groupby("customer_id", sort=True)
    first, last, n = g["day"].min(), g["day"].max(), g["day"].size()
    total, first_amount = g["amount"].sum(), g["amount"].first()
    unit = pd.Timedelta(days=unit_days)
    frequency = (n - 1).astype(float)
    repeat_value = (total - first_amount).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(frequency > 0, repeat_value / frequency.replace(0, np.nan), 0.0)
    return pd.DataFrame({
        "frequency": frequency,
        "recency": (last - first) / unit,
        "T": (end_ts - first) / unit,
        "monetary": monetary.astype(float),
    })


def calibration_holdout(tx: pd.DataFrame, calibration_end: datetime, holdout_end: datetime,
                        unit_days: float = 7.0) -> pd.DataFrame:
    """The calibration summary plus `holdout_frequency` (purchase days in (calibration_end,
    holdout_end]) and `holdout_duration` for customers first seen by `calibration_end`."""
    if holdout_end <= calibration_end:
        raise ValidationFailed("the holdout must end after the calibration", field="holdout_end")
    cal = summarise(tx, calibration_end, unit_days)
    daily = _daily(tx)
    start, stop = pd.Timestamp(calibration_end), pd.Timestamp(holdout_end)
    start = start.tz_localize("UTC") if start.tzinfo is None else start.tz_convert("UTC")
    stop = stop.tz_localize("UTC") if stop.tzinfo is None else stop.tz_convert("UTC")
    later = daily[(daily["day"] > start) & (daily["day"] <= stop)]
    counts = later.groupby("customer_id").size()
    cal["holdout_frequency"] = counts.reindex(cal.index).fillna(0).astype(float)
    cal["holdout_duration"] = (stop - start) / pd.Timedelta(days=unit_days)
    return cal
