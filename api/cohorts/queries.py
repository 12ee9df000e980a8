"""Cohort query fields (merged into the root `Query`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.cohorts.types import CohortMatrix
from api.context import Info
from api.permissions import IsAnalyst
from domain.cohorts import queries as cohorts
from domain.cohorts.matrix import CohortMetric, CohortPeriod


@strawberry.type
class CohortQueries:
    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Acquisition cohorts as a matrix (analyst): rows are the cohorts of "
                    "customers by the period of their first revenue, columns the periods "
                    "since. from / to pick the cohorts by acquisition date (both inclusive, "
                    "by the period holding them; default the last 24 periods up to now, at "
                    "most 60). Cells of periods not yet ended are null.")
    async def cohorts(
        self, info: Info, metric: CohortMetric,
        period: CohortPeriod = CohortPeriod.MONTH,
        start: Annotated[date | None, strawberry.argument(
            name="from", description="First acquisition period shown (its date's period)"
        )] = None,
        end: Annotated[date | None, strawberry.argument(
            name="to", description="Last acquisition period shown (its date's period)"
        )] = None,
    ) -> CohortMatrix:
        return await cohorts.cohorts(info.context.org_id, metric, period,  # type: ignore[return-value]
                                     start=start, end=end)
