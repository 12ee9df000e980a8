"""Reads: the latest stored forecast, and how past forecasts did against what happened.

`forecast_accuracy` takes the organization's stored forecasts with at least one forecast
month completed since (newest first, at most `first`), and compares each month's predicted
value with the revenue the month actually had (today's series, `series.py`): the error, the
absolute percentage error (none for a month of 0), and whether the actual fell inside the
80% and the 95% interval; per forecast, MAE, MAPE, a MASE (MAE / the in-sample seasonal
naive MAE the forecast was made with) and the two coverages. Three statements whatever
the number of forecasts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.errors import ValidationFailed
from domain.forecasts.series import last_complete_month, month_label, monthly_revenue
from domain.models import Forecast, Invoice, Transaction

MAX_FORECASTS = 100


@dataclass(frozen=True)
class MonthAccuracy:
    month: str
    predicted: float
    actual: float
    error: float  # actual - predicted
    abs_pct_error: float | None  # |error| / actual; None when the month had no revenue
    in80: bool
    in95: bool


@dataclass(frozen=True)
class ForecastAccuracy:
    forecast: Forecast
    completed_months: int
    mae: float
    mape: float | None
    mase: float | None
    coverage80: float
    coverage95: float
    months: list[MonthAccuracy]


async def latest_forecast(org_id: int, horizon_months: int, include_pipeline: bool
                          ) -> Forecast | None:
    row: Forecast | None = await Forecast.filter(
        organization_id=org_id, metric="revenue", horizon_months=horizon_months,
        include_pipeline=include_pipeline).order_by("-created_at", "-id").first()
    return row


async def has_revenue(org_id: int) -> bool:
    return (await Invoice.filter(organization_id=org_id, paid_at__isnull=False,
                                 amount__gt=0).exists()
            or await Transaction.filter(organization_id=org_id, amount__gt=0).exists())


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _accuracy(row: Forecast, actual_of: dict[str, float], end: str) -> ForecastAccuracy | None:
    months = []
    for p in row.points:
        if p["month"] > end:
            continue
        actual, predicted = actual_of.get(p["month"], 0.0), float(p["value"])
        error = actual - predicted
        months.append(MonthAccuracy(
            p["month"], predicted, round(actual, 2), round(error, 2),
            round(abs(error) / actual, 6) if actual > 0 else None,
            float(p["lower80"]) <= actual <= float(p["upper80"]),
            float(p["lower95"]) <= actual <= float(p["upper95"])))
    if not months:
        return None
    n = len(months)
    mae = sum(abs(m.error) for m in months) / n
    pct = [m.abs_pct_error for m in months if m.abs_pct_error is not None]
    scale = (row.backtest or {}).get("scale_value")
    return ForecastAccuracy(
        forecast=row, completed_months=n, mae=round(mae, 2),
        mape=round(sum(pct) / len(pct), 6) if pct else None,
        mase=_finite(round(mae / float(scale), 6)) if scale else None,
        coverage80=round(sum(m.in80 for m in months) / n, 6),
        coverage95=round(sum(m.in95 for m in months) / n, 6), months=months)


async def forecast_accuracy(org_id: int, *, first: int = 10, now: datetime | None = None
                            ) -> list[ForecastAccuracy]:
    """Stored forecasts (newest first) against the actual revenue of their completed
    months."""
    if isinstance(first, bool) or not 1 <= first <= MAX_FORECASTS:
        raise ValidationFailed(f"first must be from 1 to {MAX_FORECASTS}", field="first")
    at = now or datetime.now(UTC)
    end = last_complete_month(at)
    rows = await Forecast.filter(organization_id=org_id, metric="revenue",
                                 series_end__lt=end).order_by("-created_at", "-id").limit(first)
    if not rows:
        return []
    series = await monthly_revenue(org_id, at)
    actual_of = dict(zip(series.labels, series.values, strict=True))
    end_label = month_label(end)
    out = [_accuracy(r, actual_of, end_label) for r in rows]
    return [a for a in out if a is not None]

