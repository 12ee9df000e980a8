"""Revenue query fields (merged into the root `Query`): analyst role, organization-scoped,
a constant number of SQL statements each."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.context import Info
from api.permissions import IsAnalyst
from api.revenue.types import MrrMovements, RevenueMetrics, RevenueSeries
from domain.revenue import queries as revenue
from domain.revenue.series import RevenuePeriod

_FROM = "First month (any day of it)"
_TO = "Last month (any day of it), inclusive; at most 120 months after from's"


@strawberry.type
class RevenueQueries:
    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="MRR movements (new, expansion, contraction, churn, reactivation) of each "
                    "month from..to, with logo counts and totals (analyst).")
    async def mrr_movements(
        self, info: Info,
        start: Annotated[date, strawberry.argument(name="from", description=_FROM)],
        end: Annotated[date, strawberry.argument(name="to", description=_TO)],
    ) -> MrrMovements:
        return MrrMovements.of(await revenue.mrr_movements(info.context.org_id, start, end))

    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Revenue KPIs (analyst) of one month (default: the last complete one) "
                    "or of the range from..to: MRR, ARR, NRR, GRR, churn rates, ARPA, LTV, "
                    "and CAC and payback when spend is recorded (recordSpend).")
    async def revenue_metrics(
        self, info: Info,
        month: Annotated[date | None, strawberry.argument(
            description="The month (any day of it); not with from / to")] = None,
        start: Annotated[date | None, strawberry.argument(
            name="from", description="First month of a range (with to)")] = None,
        end: Annotated[date | None, strawberry.argument(
            name="to", description="Last month of a range (with from)")] = None,
    ) -> RevenueMetrics:
        return RevenueMetrics.of(await revenue.revenue_metrics(
            info.context.org_id, month, start=start, end=end))

    @strawberry.field(
        permission_classes=[IsAnalyst],
        description="Revenue per month or ISO week from..to (analyst), gaps filled with 0.")
    async def revenue_series(
        self, info: Info,
        start: Annotated[date, strawberry.argument(name="from", description=_FROM)],
        end: Annotated[date, strawberry.argument(name="to", description=_TO)],
        period: RevenuePeriod = RevenuePeriod.MONTH,
    ) -> RevenueSeries:
        return RevenueSeries.of(await revenue.revenue_series(
            info.context.org_id, period, start, end))
