"""Revenue forecast mutations (merged into the root `Mutation`, operator)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.churn.mutations import ChurnJobStarted, job_started
from api.context import Info
from api.errors import ValidationError, to_user_error
from api.permissions import IsOperator
from domain.errors import DomainError

RunForecastResult = Annotated[ChurnJobStarted | ValidationError,
                              strawberry.union("RunForecastResult")]


@strawberry.type
class ForecastMutations:
    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Forecast revenue now (operator): queues a run_forecast job that "
                    "backtests, forecasts and stores; follow the job. Also runs nightly "
                    "(12 months).")
    async def run_forecast(self, info: Info, horizon_months: int = 12,
                           include_pipeline: bool = False) -> RunForecastResult:
        from domain.forecasts import service  # loads the forecasting libraries on first use

        try:
            request = await service.request_forecast(
                info.context.queue, info.context.org_id, horizon_months=horizon_months,
                include_pipeline=include_pipeline)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request)
