"""Incentive catalogue and decision-rule reads (merged into the root `Query`)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.incentives.types import DecisionRules, Incentive
from api.permissions import IsAnalyst
from domain.incentives import service


@strawberry.type
class IncentiveQueries:
    @strawberry.field(description="The incentive catalogue, by code (the defaults are "
                                  "created on first use).")
    async def incentives(self, info: Info, active: bool | None = None) -> list[Incentive]:
        rows = await service.ensure_catalogue(info.context.org_id)  # ordered by code
        return [r for r in rows if active is None or r.active == active]  # type: ignore[misc]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="How retention decisions are made and routed.")
    async def decision_rules(self, info: Info) -> DecisionRules:
        return await service.get_rules(info.context.org_id)  # type: ignore[return-value]
