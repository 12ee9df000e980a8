"""HubSpot's rate-limit headers (`X-HubSpot-RateLimit-*`), as the client keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import httpx


@dataclass(frozen=True, slots=True)
class RateLimitStatus:
    """The `X-HubSpot-RateLimit-*` headers last seen (None: not sent)."""

    max: int | None = None
    remaining: int | None = None
    interval_ms: int | None = None
    daily: int | None = None
    daily_remaining: int | None = None
    observed_on: date | None = None  # UTC day the daily figures are for


def _header_int(headers: httpx.Headers, name: str) -> int | None:
    value = headers.get(f"X-HubSpot-RateLimit-{name}")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def read_rate_limit(headers: httpx.Headers) -> RateLimitStatus | None:
    """The status a response's headers report, or None when it carries none (HubSpot
    leaves them off some responses, search ones among them)."""
    remaining, daily_remaining = (_header_int(headers, "Remaining"),
                                  _header_int(headers, "Daily-Remaining"))
    if remaining is None and daily_remaining is None:
        return None
    return RateLimitStatus(
        max=_header_int(headers, "Max"), remaining=remaining,
        interval_ms=_header_int(headers, "Interval-Milliseconds"),
        daily=_header_int(headers, "Daily"), daily_remaining=daily_remaining,
        observed_on=datetime.now(UTC).date())


def seconds_to_midnight_utc(now: datetime | None = None) -> float:
    now = now or datetime.now(UTC)
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()
