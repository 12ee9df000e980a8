"""Requests from operators: update the organization's segments now (a job)."""

from __future__ import annotations

from domain.enums import JobKind
from domain.errors import ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.models import Invoice, Transaction


async def request_update(queue: JobQueue, org_id: int) -> JobRequest:
    """Queue `update_segments`; a typed error now when no customer has revenue."""
    if not (await Transaction.filter(organization_id=org_id).exists()
            or await Invoice.filter(organization_id=org_id, paid_at__isnull=False).exists()):
        raise ValidationFailed("no purchases or paid invoices to segment customers by",
                               field="organization")
    return await request_job(queue, org_id, JobKind.UPDATE_SEGMENTS, {})
