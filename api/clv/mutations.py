"""Customer value and segment mutations (merged into the root `Mutation`, operator)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.churn.mutations import ChurnJobStarted, job_started
from api.context import Info
from api.errors import ValidationError, to_user_error
from api.permissions import IsOperator
from domain.errors import DomainError
from domain.segments import commands as segment_commands

FitClvModelsResult = Annotated[ChurnJobStarted | ValidationError,
                               strawberry.union("FitClvModelsResult")]
UpdateSegmentsResult = Annotated[ChurnJobStarted | ValidationError,
                                 strawberry.union("UpdateSegmentsResult")]


@strawberry.type
class ClvMutations:
    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Fit the value models and value every customer now (operator); follow "
                    "the job. Also runs nightly.")
    async def fit_clv_models(self, info: Info) -> FitClvModelsResult:
        from domain.clv import service  # loads the value-model libraries on first use

        try:
            request = await service.request_fit(info.context.queue, info.context.org_id)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request)

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Recompute RFM segments, tiers and clusters now (operator); a second run "
                    "on the same day replaces that day's snapshot.")
    async def update_segments(self, info: Info) -> UpdateSegmentsResult:
        try:
            request = await segment_commands.request_update(info.context.queue,
                                                            info.context.org_id)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request)
