"""Reads of sync runs and integrations."""

from __future__ import annotations

from domain.enums import Source, SyncStatus
from domain.models import SyncRun
from domain.pagination import Page
from domain.pagination_qs import newest_first_page


async def sync_runs_page(
    org_id: int, *, first: int, after: str | None, source: Source | None = None,
    status: SyncStatus | None = None, max_page_size: int = 100, with_total: bool = True,
) -> Page[SyncRun]:
    qs = SyncRun.filter(organization_id=org_id)
    if source is not None:
        qs = qs.filter(source=source)
    if status is not None:
        qs = qs.filter(status=status)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   with_total=with_total)
