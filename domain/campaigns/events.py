"""Campaign events on the bus (`campaign_channel`): a campaign was decided, or some of its
actions were reviewed, executed or given an outcome. Subscribers re-read the campaign."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from domain.events import EventBus, campaign_channel
from domain.models import Action

Reason = Literal["decided", "reviewed", "executed", "outcomes"]


def event(org_id: int, campaign_id: int, reason: Reason,
          action_ids: Iterable[int] = ()) -> dict[str, Any]:
    return {"organization_id": org_id, "campaign_id": campaign_id, "reason": reason,
            "action_ids": sorted(int(i) for i in action_ids)}


async def publish_actions(bus: EventBus | None, org_id: int, action_ids: Iterable[int],
                          reason: Reason) -> int:
    """One event per campaign the actions belong to (one statement); returns how many."""
    ids = sorted({int(i) for i in action_ids})
    if bus is None or not ids:
        return 0
    by_campaign: dict[int, list[int]] = {}
    for action_id, campaign_id in await Action.filter(
            organization_id=org_id, id__in=ids).values_list("id", "campaign_id"):
        by_campaign.setdefault(int(campaign_id), []).append(int(action_id))
    for campaign_id, changed in sorted(by_campaign.items()):
        await bus.publish(campaign_channel(org_id), event(org_id, campaign_id, reason, changed))
    return len(by_campaign)


async def publish_campaigns(bus: EventBus | None, org_id: int, campaign_ids: Iterable[int],
                            reason: Reason) -> None:
    if bus is None:
        return
    for campaign_id in sorted({int(i) for i in campaign_ids}):
        await bus.publish(campaign_channel(org_id), event(org_id, campaign_id, reason))
