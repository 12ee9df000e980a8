"""Use cases: forecast an organization's monthly revenue and store the forecast.

`run_forecast` reads the monthly series (`series.py`), checks it, backtests and forecasts
(`backtest.py`, CPU work handed to `fit_in`: the worker's process pool, or a thread), adds
the pipeline component when asked (`pipeline.py`) and stores a `Forecast` row with its
points, backtest, seasonal pattern and reasons. Every stored point is a finite number.
`forecast_or_compute` answers `revenueForecast`: the latest stored forecast of that horizon
and pipeline flag, unless a month has completed since it was made, else a new one (with
fewer backtest origins, inline). `request_forecast` queues the `run_forecast` job.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import numpy as np

from domain.enums import JobKind
from domain.errors import ValidationFailed
from domain.forecasts import queries
from domain.forecasts.backtest import ForecastOutput, check_values, forecast
from domain.forecasts.estimator import seasonal_pattern
from domain.forecasts.pipeline import PipelineComponent, pipeline_for
from domain.forecasts.series import (
    MonthlySeries,
    add_months,
    last_complete_month,
    month_label,
    monthly_revenue,
)
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.ml.fitting import FitIn, in_thread
from domain.models import Forecast

T = TypeVar("T")
Progress = Callable[[float, str], Awaitable[None]]
HORIZON = (3, 36)
JOB_ORIGINS = 5
INLINE_ORIGINS = 3


def check_horizon(horizon_months: int) -> int:
    low, high = HORIZON
    if (isinstance(horizon_months, bool) or not isinstance(horizon_months, int)
            or not low <= horizon_months <= high):
        raise ValidationFailed(f"horizonMonths must be a whole number from {low} to {high}",
                               field="horizonMonths")
    return horizon_months


async def _quiet(_fraction: float, _message: str) -> None:
    return None


def compute(values: list[float], labels: list[str], horizon: int, origins: int,
            first_month: int) -> tuple[ForecastOutput, dict[str, Any] | None]:
    """The CPU part (picklable arguments and result, for a process pool)."""
    out = forecast(values, horizon, origins=origins, labels=labels)
    return out, seasonal_pattern(np.asarray(values, dtype=float), first_month)


def _money(value: float) -> float:
    return round(float(value), 2) if math.isfinite(value) else 0.0


def _points(out: ForecastOutput, first: date, pipeline: PipelineComponent | None
            ) -> list[dict[str, Any]]:
    band = out.band
    points = []
    for i in range(len(band.mean)):
        extra = pipeline.by_month[i] if pipeline is not None else 0.0
        points.append({"month": month_label(add_months(first, i)),
                       "value": _money(band.mean[i] + extra),
                       "lower80": _money(band.lower80[i] + extra),
                       "upper80": _money(band.upper80[i] + extra),
                       "lower95": _money(band.lower95[i] + extra),
                       "upper95": _money(band.upper95[i] + extra),
                       "pipeline": _money(extra)})
    return points


def _backtest(out: ForecastOutput, series: MonthlySeries) -> dict[str, Any]:
    """The backtest figures, origins as the first month each origin forecast."""
    labels = series.labels
    result = dict(out.backtest)
    result["origins"] = [labels[cut] for cut in out.backtest["origins"] if cut < len(labels)]
    result["detail"] = out.detail
    return result


def _clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become None (json has no NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


async def run_forecast(org_id: int, *, horizon_months: int = 12, include_pipeline: bool = False,
                       now: datetime | None = None, origins: int = JOB_ORIGINS,
                       fit_in: FitIn | None = None, progress: Progress | None = None
                       ) -> Forecast:
    """Forecast the next `horizon_months` months of revenue and store the forecast."""
    horizon = check_horizon(horizon_months)
    at = now or datetime.now(UTC)
    report = progress or _quiet
    await report(0.05, "reading monthly revenue")
    series = await monthly_revenue(org_id, at)
    if not series.values:
        raise ValidationFailed(
            f"no revenue to forecast from: no paid invoices or purchases before "
            f"{month_label(add_months(series.end, 1))}", field="revenue")
    check_values(series.values, series.labels)
    await report(0.15, "backtesting ETS, SARIMAX and Theta")
    run: FitIn = fit_in or in_thread
    start = series.months[0]
    out, pattern = await run(compute, series.values, series.labels, horizon, origins,
                             start.month)
    first = add_months(series.end, 1)
    pipeline = None
    reasons = [*series.notes(), *out.reasons]
    if include_pipeline:
        await report(0.85, "weighting the open pipeline")
        pipeline = await pipeline_for(org_id, first, horizon)
        reasons += pipeline.reasons
        if pipeline.open_opportunities:
            reasons.append(f"the open pipeline adds {pipeline.weighted_total:,.2f} expected "
                           "from won deals on top of the statistical forecast (its own "
                           "uncertainty is not in the intervals)")
    if pattern is None:
        reasons.append("no seasonal pattern: it needs two full years of history")
    row = await Forecast.create(
        organization_id=org_id, metric="revenue", created_at=at, series_start=start,
        series_end=series.end, horizon_months=horizon, include_pipeline=include_pipeline,
        method=out.method[:64], points=_points(out, first, pipeline),
        backtest=_clean(_backtest(out, series)),
        decomposition=_clean({"seasonal": pattern,
                              "pipeline": pipeline.as_dict() if pipeline else None}),
        reason="; ".join(reasons))
    await report(1.0, f"forecast {row.id} stored ({out.method})")
    return row


async def forecast_or_compute(org_id: int, *, horizon_months: int = 12,
                              include_pipeline: bool = False, now: datetime | None = None
                              ) -> Forecast:
    """The latest stored forecast of this horizon and flag made after the last complete
    month, or a new one computed now (fewer backtest origins) and stored."""
    horizon = check_horizon(horizon_months)
    at = now or datetime.now(UTC)
    latest = await queries.latest_forecast(org_id, horizon, include_pipeline)
    if latest is not None and latest.series_end >= last_complete_month(at):
        return latest
    return await run_forecast(org_id, horizon_months=horizon, include_pipeline=include_pipeline,
                              now=at, origins=INLINE_ORIGINS)


async def request_forecast(queue: JobQueue, org_id: int, *, horizon_months: int = 12,
                           include_pipeline: bool = False) -> JobRequest:
    """Queue a `run_forecast` job (an unfinished one of the organization is returned)."""
    params = {"horizon_months": check_horizon(horizon_months),
              "include_pipeline": bool(include_pipeline)}
    if not await queries.has_revenue(org_id):
        raise ValidationFailed("no revenue to forecast from: no paid invoices or purchases "
                               "yet", field="revenue")
    return await request_job(queue, org_id, JobKind.RUN_FORECAST, params)
