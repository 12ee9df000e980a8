"""Reads of jobs."""

from __future__ import annotations

from domain.enums import JobKind, JobStatus
from domain.models import Job
from domain.pagination import Page
from domain.pagination_qs import newest_first_page


async def jobs_page(
    org_id: int, *, first: int, after: str | None, kind: JobKind | None = None,
    status: JobStatus | None = None, max_page_size: int = 100, with_total: bool = True,
) -> Page[Job]:
    qs = Job.filter(organization_id=org_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if status is not None:
        qs = qs.filter(status=status)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   with_total=with_total)
