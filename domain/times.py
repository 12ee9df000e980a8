"""Time helpers shared by the analytics: UTC normalisation and month numbering."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd


def utc(moment: datetime) -> datetime:
    """The moment in UTC (a naive one is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_timestamp(moment: datetime | pd.Timestamp) -> pd.Timestamp:
    """The same as a pandas timestamp in UTC (a naive one is taken as UTC)."""
    ts = pd.Timestamp(moment)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def month_index(day: date) -> int:
    """Months since year 0: year * 12 + month - 1."""
    return day.year * 12 + day.month - 1


def month_from_index(index: int) -> date:
    """The first day of the month with that index (the inverse of `month_index`)."""
    return date(index // 12, index % 12 + 1, 1)


def utc_series(values: Any) -> pd.Series:
    """UTC pandas timestamps from what the driver returns: datetimes (PostgreSQL) or the
    ISO text Tortoise stores on SQLite; None becomes NaT, a naive time is taken as UTC.
    A Series keeps its index."""
    return pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601")
