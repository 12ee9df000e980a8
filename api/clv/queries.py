"""Customer value query fields (merged into the root `Query`)."""

from __future__ import annotations

import strawberry

from api.clv.types import ClvModel
from api.context import Info
from api.permissions import IsAnalyst
from domain.clv import queries as clv


@strawberry.type
class ClvQueries:
    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Value model fits, newest first; the active one valued the "
                                  "customers.")
    async def clv_models(self, info: Info) -> list[ClvModel]:
        return await clv.models(info.context.org_id)  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="The value model fit behind the current customer values.")
    async def clv_model(self, info: Info) -> ClvModel | None:
        return await clv.active_model(info.context.org_id)  # type: ignore[return-value]
