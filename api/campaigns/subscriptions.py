"""Campaign subscriptions (merged into the root `Subscription`)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from enum import StrEnum

import strawberry

from api.campaigns.types import Campaign
from api.context import Info
from api.inputs import parse_id
from domain.campaigns import queries
from domain.errors import NotFound
from domain.events import campaign_channel


class CampaignChange(StrEnum):
    DECIDED = "decided"  # written by the decision batch or createCampaign
    REVIEWED = "reviewed"  # actions approved or rejected
    EXECUTED = "executed"  # actions executed
    OUTCOMES = "outcomes"  # outcomes recorded or detected from billing


strawberry.enum(CampaignChange)


@strawberry.type
class CampaignUpdate:
    change: CampaignChange
    action_ids: list[strawberry.ID] = strawberry.field(
        description="The actions that changed (empty: the whole campaign)")
    campaign: Campaign


@strawberry.type
class CampaignSubscriptions:
    @strawberry.subscription(description="Your organization's campaigns as they are decided, "
                                         "reviewed, executed and given outcomes, from now on "
                                         "(optionally one campaign).")
    async def campaign_updated(self, info: Info, campaign_id: strawberry.ID | None = None
                               ) -> AsyncGenerator[CampaignUpdate, None]:
        org_id = info.context.org_id
        only = parse_id(campaign_id, "campaignId") if campaign_id is not None else None
        async with info.context.bus.subscription(campaign_channel(org_id)) as messages:
            async for message in messages:
                if message.get("organization_id") != org_id:
                    continue
                found = int(message.get("campaign_id") or 0)
                if only is not None and found != only:
                    continue
                try:
                    row = await queries.campaign(org_id, found)
                except NotFound:
                    continue
                yield CampaignUpdate(
                    change=CampaignChange(message.get("reason") or "decided"),
                    action_ids=[strawberry.ID(str(i)) for i in message.get("action_ids") or []],
                    campaign=row)  # type: ignore[arg-type]
