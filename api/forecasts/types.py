"""Revenue forecast types, built from stored `Forecast` rows (points, backtest and
decomposition are JSON there) and from `domain.forecasts.queries.ForecastAccuracy`."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import strawberry

from domain.forecasts.queries import ForecastAccuracy as AccuracyRow
from domain.models import Forecast


def _num(value: Any) -> float | None:
    """A finite float or None (never NaN in the API)."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


@strawberry.type(description="One forecast month: the expected revenue and its 80% / 95% "
                             "prediction intervals (pipeline included when asked).")
class ForecastPoint:
    month: str = strawberry.field(description="YYYY-MM")
    value: float
    lower80: float
    upper80: float
    lower95: float
    upper95: float
    pipeline: float = strawberry.field(
        description="Expected won amount of open opportunities closing this month (0 unless "
                    "includePipeline)")


@strawberry.type(description="A method's mean MASE over the backtest origins.")
class ForecastMethodScore:
    method: str
    mase: float | None


@strawberry.type(description="The rolling-origin backtest that chose the method.")
class ForecastBacktest:
    horizon_months: int = strawberry.field(description="Months forecast at each origin "
                                                       "(0: too short to backtest)")
    origins: list[str] = strawberry.field(description="First forecast month of each origin")
    seasonal: bool
    scale: str = strawberry.field(description="The MASE denominator: in-sample MAE of this "
                                              "naive forecast")
    baseline: str
    chosen: str
    detail: str
    intervals: str = strawberry.field(description="Where the intervals come from")
    chosen_mase: float | None
    baseline_mase: float | None
    coverage80: float | None = strawberry.field(
        description="Share of backtest months inside the chosen method's 80% interval")
    coverage95: float | None
    methods: list[ForecastMethodScore]


@strawberry.type(description="Seasonal index of a calendar month or quarter: a ratio to "
                             "the trend (multiplicative) or an amount (additive).")
class ForecastSeasonalIndex:
    period: int = strawberry.field(description="Month 1..12 or quarter 1..4")
    index: float


@strawberry.type(description="Classical seasonal decomposition of the history.")
class ForecastSeasonality:
    kind: str = strawberry.field(description="multiplicative or additive")
    monthly: list[ForecastSeasonalIndex]
    quarterly: list[ForecastSeasonalIndex]
    trend_growth_12m: float | None = strawberry.field(
        description="Change of the trend over the last twelve months it covers (0.1 = +10%)")


@strawberry.type(description="P(win | the opportunity passed this stage).")
class StageWinProbability:
    stage: str
    probability: float | None = strawberry.field(
        description="Learned from closed opportunities; null when too few passed the stage")
    closed: int = strawberry.field(description="Closed opportunities that passed the stage")
    won: int
    source: str = strawberry.field(description="history, or opportunity (own probabilities)")


@strawberry.type(description="Salesforce forecast categories: open amounts closing within "
                             "the horizon, per category (not cumulative).")
class ForecastCategories:
    commit: float
    best_case: float
    pipeline: float


@strawberry.type(description="The pipeline-weighted near-term component.")
class PipelineForecast:
    weighted_total: float
    open_opportunities: int
    overdue: int = strawberry.field(description="Close date passed: expected in the first "
                                                "forecast month")
    beyond_horizon: int
    categories: ForecastCategories
    stage_probabilities: list[StageWinProbability]
    reasons: list[str]


@strawberry.type(description="A stored revenue forecast.")
class RevenueForecast:
    id: strawberry.ID
    created_at: datetime
    horizon_months: int
    include_pipeline: bool
    series_start: date
    series_end: date = strawberry.field(description="The last complete month used")
    model: str = strawberry.field(description="The method chosen, or mean(...) of a "
                                              "combination")
    reason: str = strawberry.field(description="Why, in words (short history, gaps, ...)")
    points: list[ForecastPoint]
    backtest: ForecastBacktest
    seasonality: ForecastSeasonality | None
    pipeline: PipelineForecast | None


@strawberry.type(description="One completed forecast month against what happened.")
class ForecastMonthAccuracy:
    month: str
    predicted: float
    actual: float
    error: float = strawberry.field(description="actual - predicted")
    abs_pct_error: float | None = strawberry.field(description="null for a month of 0")
    in80: bool
    in95: bool


@strawberry.type(description="How a past forecast did on its completed months.")
class ForecastAccuracy:
    forecast: RevenueForecast
    completed_months: int
    mae: float
    mape: float | None
    mase: float | None = strawberry.field(
        description="MAE / the in-sample naive MAE the forecast was made with")
    coverage80: float
    coverage95: float
    months: list[ForecastMonthAccuracy]


def _backtest(b: dict[str, Any]) -> ForecastBacktest:
    return ForecastBacktest(
        horizon_months=int(b.get("horizon") or 0), origins=[str(o) for o in b.get("origins", [])],
        seasonal=bool(b.get("seasonal")), scale=str(b.get("scale", "")),
        baseline=str(b.get("baseline", "")), chosen=str(b.get("chosen", "")),
        detail=str(b.get("detail", "")), intervals=str(b.get("intervals", "")),
        chosen_mase=_num(b.get("chosen_mase")), baseline_mase=_num(b.get("baseline_mase")),
        coverage80=_num(b.get("coverage80")), coverage95=_num(b.get("coverage95")),
        methods=[ForecastMethodScore(method=k, mase=_num(v))
                 for k, v in (b.get("mase") or {}).items()])


def _seasonality(s: dict[str, Any] | None) -> ForecastSeasonality | None:
    if not s:
        return None
    return ForecastSeasonality(
        kind=str(s["kind"]),
        monthly=[ForecastSeasonalIndex(period=i + 1, index=_num(v) or 0.0)
                 for i, v in enumerate(s["monthly"])],
        quarterly=[ForecastSeasonalIndex(period=i + 1, index=_num(v) or 0.0)
                   for i, v in enumerate(s["quarterly"])],
        trend_growth_12m=_num(s.get("trend_growth_12m")))


def _pipeline(p: dict[str, Any] | None) -> PipelineForecast | None:
    if not p:
        return None
    c = p.get("categories") or {}
    return PipelineForecast(
        weighted_total=_num(p.get("weighted_total")) or 0.0,
        open_opportunities=int(p.get("open_opportunities", 0)), overdue=int(p.get("overdue", 0)),
        beyond_horizon=int(p.get("beyond_horizon", 0)),
        categories=ForecastCategories(commit=_num(c.get("commit")) or 0.0,
                                      best_case=_num(c.get("best_case")) or 0.0,
                                      pipeline=_num(c.get("pipeline")) or 0.0),
        stage_probabilities=[StageWinProbability(
            stage=str(s["stage"]), probability=_num(s.get("probability")),
            closed=int(s["closed"]), won=int(s["won"]), source=str(s["source"]))
            for s in p.get("stages", [])],
        reasons=[str(r) for r in p.get("reasons", [])])


def revenue_forecast(row: Forecast) -> RevenueForecast:
    decomposition = row.decomposition or {}
    return RevenueForecast(
        id=strawberry.ID(str(row.id)), created_at=row.created_at,
        horizon_months=row.horizon_months, include_pipeline=row.include_pipeline,
        series_start=row.series_start, series_end=row.series_end, model=row.method,
        reason=row.reason,
        points=[ForecastPoint(month=str(p["month"]),
                              **{k: _num(p.get(k)) or 0.0 for k in
                                 ("value", "lower80", "upper80", "lower95", "upper95",
                                  "pipeline")})
                for p in row.points],
        backtest=_backtest(row.backtest or {}),
        seasonality=_seasonality(decomposition.get("seasonal")),
        pipeline=_pipeline(decomposition.get("pipeline")))


def forecast_accuracy(a: AccuracyRow) -> ForecastAccuracy:
    return ForecastAccuracy(
        forecast=revenue_forecast(a.forecast), completed_months=a.completed_months, mae=a.mae,
        mape=_num(a.mape), mase=_num(a.mase), coverage80=a.coverage80, coverage95=a.coverage95,
        months=[ForecastMonthAccuracy(month=m.month, predicted=m.predicted, actual=m.actual,
                              error=m.error, abs_pct_error=_num(m.abs_pct_error), in80=m.in80,
                              in95=m.in95) for m in a.months])
