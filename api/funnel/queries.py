"""Funnel query field (merged into the root `Query`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.context import Info
from api.funnel.types import Funnel
from api.permissions import IsAnalyst
from domain.funnel.analysis import FunnelGroupBy
from domain.funnel.queries import funnel_of


@strawberry.type
class FunnelQueries:
    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Lead → MQL → SQL → opportunity → customer conversion over [from, to) "
                    "(analyst): per stage pair, the conversion rate of the units that "
                    "entered its first stage in the window (up to now) and the median days "
                    "to the next stage, overall and by groupBy, with the bottleneck: the "
                    "pair whose rate fell most against the 4 preceding windows of equal "
                    "length. from must be before to, not in the future nor before 1900; the "
                    "window spans at most 3660 days.")
    async def funnel(
        self, info: Info,
        start: Annotated[date, strawberry.argument(
            name="from", description="First day of the window (UTC)")],
        end: Annotated[date, strawberry.argument(
            name="to", description="Day after the window (exclusive)")],
        group_by: FunnelGroupBy | None = FunnelGroupBy.NONE,
    ) -> Funnel:
        found = await funnel_of(info.context.org_id, start, end,
                                group_by or FunnelGroupBy.NONE)
        return Funnel.from_domain(found)
