"""Reads of campaigns, their actions and deliveries for the API: keyset pages and batched
reads for DataLoaders, each scoped to one organization and a constant number of
statements (a page: one, and one more for its total when asked)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from domain.enums import ActionStatus, CampaignKind, CampaignStatus, Route
from domain.errors import NotFound, ValidationFailed
from domain.models import Action, Campaign, Delivery
from domain.pagination import Page
from domain.pagination_qs import newest_first_page
from domain.sql import latest_per_parent_sql, select_models

ACTION_ORDERING = "action:priority:desc"
MAX_CUSTOMER_ACTIONS = 50


async def campaigns(org_id: int, *, first: int, after: str | None = None,
                    kind: CampaignKind | None = None, status: CampaignStatus | None = None,
                    max_page_size: int = 100, with_total: bool = True) -> Page[Campaign]:
    """The organization's campaigns, newest decision first (ties: higher id first)."""
    qs = Campaign.filter(organization_id=org_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if status is not None:
        qs = qs.filter(status=status)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   column="decided_at", with_total=with_total)


async def campaign(org_id: int, campaign_id: int) -> Campaign:
    """One campaign; NotFound (field "id") when it is not the organization's."""
    found = await Campaign.filter(organization_id=org_id, id=campaign_id).first()
    if found is None:
        raise NotFound(f"campaign {campaign_id} not found", field="id")
    return found


async def campaigns_by_ids(org_id: int, ids: Sequence[int]) -> dict[int, Campaign]:
    if not ids:
        return {}
    return {c.id: c for c in await Campaign.filter(organization_id=org_id, id__in=list(ids))}


def _priority(raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or math.isnan(raw):
        raise ValidationFailed("not a cursor returned by this API", field="after")
    return float(raw)


async def actions(org_id: int, campaign_id: int, *, route: Route | None = None,
                  status: ActionStatus | None = None, first: int, after: str | None = None,
                  max_page_size: int = 100, with_total: bool = False) -> Page[Action]:
    """A campaign's actions, highest priority first (ties: higher id first), optionally of
    one route and status (served by the (campaign, route, status, priority) index). A
    campaign of another organization gives an empty page."""
    qs = Action.filter(organization_id=org_id, campaign_id=campaign_id)
    if route is not None:
        qs = qs.filter(route=route)
    if status is not None:
        qs = qs.filter(status=status)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   column="priority", with_total=with_total,
                                   ordering=ACTION_ORDERING, parse=_priority)


async def actions_by_ids(org_id: int, ids: Sequence[int]) -> dict[int, Action]:
    """Actions by id (ids of other organizations are absent)."""
    if not ids:
        return {}
    return {a.id: a for a in await Action.filter(organization_id=org_id, id__in=list(ids))}


async def customer_actions(org_id: int, customer_ids: Sequence[int], *, limit: int = 10
                           ) -> dict[int, list[Action]]:
    """The latest `limit` actions of each customer (newest decision first), one statement."""
    if not 1 <= limit <= MAX_CUSTOMER_ACTIONS:
        raise ValidationFailed(f"first must be between 1 and {MAX_CUSTOMER_ACTIONS}",
                               field="first")
    ids = list(dict.fromkeys(int(i) for i in customer_ids))
    out: dict[int, list[Action]] = {i: [] for i in ids}
    if not ids:
        return out
    sql = latest_per_parent_sql(Action, "customer_id", ["decided_at DESC", "id DESC"], len(ids))
    for action in await select_models(Action, sql, [org_id, *ids, limit]):
        out[action.customer_id].append(action)
    return out


async def deliveries(org_id: int, action_ids: Sequence[int]) -> dict[int, list[Delivery]]:
    """Each action's deliveries, by channel."""
    ids = list(dict.fromkeys(int(i) for i in action_ids))
    out: dict[int, list[Delivery]] = defaultdict(list)
    if ids:
        for d in await Delivery.filter(organization_id=org_id, action_id__in=ids).order_by(
                "action_id", "channel", "id"):
            out[d.action_id].append(d)
    return {i: out.get(i, []) for i in ids}
