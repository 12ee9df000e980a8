"""Reads of opportunities (the sales pipeline)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.customers.related import group_by_parent
from domain.enums import OpportunityStage
from domain.models import Opportunity, OpportunityStageChange
from domain.pagination import Page
from domain.pagination_qs import newest_first_page


async def opportunities_page(
    org_id: int, *, first: int, after: str | None, stage: OpportunityStage | None = None,
    open_only: bool = False, max_page_size: int = 100, with_total: bool = True,
) -> Page[Opportunity]:
    qs = Opportunity.filter(organization_id=org_id)
    if stage is not None:
        qs = qs.filter(stage=stage)
    if open_only:
        qs = qs.filter(is_closed=False)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   with_total=with_total)


async def stage_history(
    org_id: int, opportunity_ids: Sequence[int]
) -> list[list[OpportunityStageChange]]:
    rows = await OpportunityStageChange.filter(
        organization_id=org_id, opportunity_id__in=opportunity_ids
    ).order_by("opportunity_id", "at", "id")
    return group_by_parent(rows, opportunity_ids, key="opportunity_id")
