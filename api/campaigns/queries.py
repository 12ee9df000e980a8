"""Campaign and ROI reads (merged into the root `Query`)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry

from api.campaigns.types import Campaign, DecisionPreview, Delivery, RoiRow
from api.context import Info
from api.enums import CampaignKind, CampaignStatus, DeliveryStatus
from api.inputs import parse_id
from api.permissions import IsAnalyst
from api.selection import selects
from api.types import Connection, connection
from domain.campaigns import delivery, queries
from domain.campaigns import roi as domain_roi
from domain.errors import NotFound
from domain.pagination import check_first


class RoiGroup(StrEnum):
    TOTAL = "total"
    CAMPAIGN = "campaign"
    SEGMENT = "segment"
    INCENTIVE = "incentive"
    ROUTE = "route"
    RISK_LEVEL = "risk_level"
    TIER = "tier"


strawberry.enum(RoiGroup, description="How ROI rows are grouped (INCENTIVE also gives "
                                      "retention by incentive type).")


@strawberry.type
class CampaignQueries:
    @strawberry.field(description="Retention campaigns, newest first.")
    async def campaigns(self, info: Info, first: int = 20, after: str | None = None,
                        kind: CampaignKind | None = None,
                        status: CampaignStatus | None = None) -> Connection[Campaign]:
        page = await queries.campaigns(
            info.context.org_id, first=first, after=after, kind=kind, status=status,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"))
        info.context.loaders.campaign.prime_many({row.id: row for row in page.items})
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field
    async def campaign(self, info: Info, id: strawberry.ID) -> Campaign | None:
        try:
            row = await queries.campaign(info.context.org_id, parse_id(id))
        except NotFound:
            return None
        info.context.loaders.campaign.prime(row.id, row)
        return row  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Saved revenue, cost, net and ROI of retention incentives "
                                  "against the random control group, with 95% intervals, "
                                  "over actions whose outcome is known.")
    async def roi(self, info: Info, group_by: RoiGroup = RoiGroup.TOTAL,
                  since: datetime | None = None) -> list[RoiRow]:
        rows = await domain_roi.roi(info.context.org_id, group_by.value,
                                    since=since)
        return rows  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Sends of executed actions, oldest first (status DEAD: "
                                  "the dead letters; retryDeliveries sends them again).")
    async def deliveries(self, info: Info, status: DeliveryStatus | None = None,
                         first: int = 50) -> list[Delivery]:
        check_first(first, info.context.settings.max_page_size)
        rows = await delivery.deliveries(info.context.org_id, status, limit=first)
        return rows  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="The decision a customer would get now, with its "
                                  "explanation; nothing is written.")
    async def decision_preview(self, info: Info, customer_id: strawberry.ID
                               ) -> DecisionPreview:
        from domain.decisions import service as decisions  # loads the ML libraries on first use

        preview = await decisions.decision_preview(info.context.org_id,
                                                   parse_id(customer_id, "customerId"))
        return DecisionPreview.of(preview)
