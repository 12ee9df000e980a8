"""Lead scoring query fields (merged into the root `Query`)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.leads.types import LeadModel
from domain.leads.commands import KIND
from domain.ml import registry


@strawberry.type
class LeadQueries:
    @strawberry.field(description="Lead model versions, newest first, with their held-out "
                                  "figures and the columns their leak check excluded.")
    async def lead_models(self, info: Info) -> list[LeadModel]:
        return await registry.versions(info.context.org_id, KIND)  # type: ignore[return-value]
