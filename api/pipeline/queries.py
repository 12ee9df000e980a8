"""Pipeline health query field (merged into the root `Query`)."""

from __future__ import annotations

from datetime import date

import strawberry

from api.context import Info
from api.permissions import IsAnalyst
from api.pipeline.types import PipelineHealth
from domain.pipeline.queries import pipeline_health_of


@strawberry.type
class PipelineQueries:
    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Pipeline health now (analyst): value, count and velocity by stage, win "
                    "rates by stage, lead source and segment, stalled and ageing deals, and "
                    "coverage of `target` by the open pipeline closing from today to "
                    "`periodEnd` (default: the end of the current quarter). Coverage ratios "
                    "are null without a target; target must be at least 0.01 and periodEnd not "
                    "before today.")
    async def pipeline_health(self, info: Info, target: float | None = None,
                              period_end: date | None = None) -> PipelineHealth:
        found = await pipeline_health_of(info.context.org_id, target=target,
                                         period_end=period_end)
        return PipelineHealth.from_domain(found)
