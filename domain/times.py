"""Time helpers shared by the analytics: UTC normalisation and month numbering."""

from __future__ import annotations

from datetime import UTC, date, datetime

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
