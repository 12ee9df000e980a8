"""Revenue forecast query fields (merged into the root `Query`, analyst)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.forecasts.types import (
    ForecastAccuracy,
    RevenueForecast,
    forecast_accuracy,
    revenue_forecast,
)
from api.permissions import IsAnalyst
from domain.forecasts import queries as forecasts


@strawberry.type
class ForecastQueries:
    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Monthly revenue for the next horizonMonths (3..36) with 80% / 95% "
                    "intervals: the latest stored forecast of this horizon and pipeline flag "
                    "made since the last month completed, else one computed now and stored. "
                    "includePipeline adds open opportunities times learned stage-to-win "
                    "probabilities in their close months.")
    async def revenue_forecast(self, info: Info, horizon_months: int = 12,
                               include_pipeline: bool = False) -> RevenueForecast:
        from domain.forecasts import service  # loads the forecasting libraries on first use

        row = await service.forecast_or_compute(info.context.org_id,
                                                horizon_months=horizon_months,
                                                include_pipeline=include_pipeline)
        return revenue_forecast(row)

    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Stored forecasts with completed months (newest first, first: 1..100), "
                    "each against the revenue those months actually had.")
    async def forecast_accuracy(self, info: Info, first: int = 10) -> list[ForecastAccuracy]:
        rows = await forecasts.forecast_accuracy(info.context.org_id, first=first)
        return [forecast_accuracy(r) for r in rows]
