"""Incentive catalogue and decision-rule reads (merged into the root `Query`)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.incentives.types import DecisionRules, Incentive
from api.permissions import IsAnalyst
from domain.incentives import queries, service


@strawberry.type
class IncentiveQueries:
    @strawberry.field(description="The incentive catalogue, by code (the defaults are "
                                  "created on first use).")
    async def incentives(self, info: Info, active: bool | None = None) -> list[Incentive]:
        await service.ensure_catalogue(info.context.org_id)
        rows = await queries.incentives(info.context.org_id, active=active)
        return rows  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="How retention decisions are made and routed.")
    async def decision_rules(self, info: Info) -> DecisionRules:
        return await service.get_rules(info.context.org_id)  # type: ignore[return-value]
