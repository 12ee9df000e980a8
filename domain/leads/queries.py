"""Reads of leads."""

from __future__ import annotations

from domain.enums import LeadStatus
from domain.models import Lead
from domain.pagination import Page
from domain.pagination_qs import newest_first_page


async def leads_page(
    org_id: int, *, first: int, after: str | None, status: LeadStatus | None = None,
    source: str | None = None, max_page_size: int = 100, with_total: bool = True,
) -> Page[Lead]:
    qs = Lead.filter(organization_id=org_id)
    if status is not None:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   with_total=with_total)
