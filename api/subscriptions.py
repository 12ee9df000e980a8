"""Subscriptions over graphql-transport-ws, fed by Redis pub/sub."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.enums import JobKind, JobStatus
from api.inputs import parse_id
from domain.enums import JobStatus as DomainJobStatus
from domain.events import job_channel
from domain.jobs.service import get_job, job_payload


@strawberry.type
class JobUpdate:
    job_id: strawberry.ID
    kind: JobKind
    status: JobStatus
    progress: float
    message: str
    result: JSON | None
    error: str | None


def _update(payload: dict[str, object]) -> JobUpdate:
    return JobUpdate(
        job_id=strawberry.ID(str(payload["id"])), kind=payload["kind"],  # type: ignore[arg-type]
        status=payload["status"], progress=float(payload["progress"]),  # type: ignore[arg-type]
        message=str(payload["message"]), result=payload.get("result"),  # type: ignore[arg-type]
        error=payload.get("error"),  # type: ignore[arg-type]
    )


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The job's state now, then every change until it ends.")
    async def job_progress(
        self, info: Info, job_id: strawberry.ID
    ) -> AsyncGenerator[JobUpdate, None]:
        org_id = info.context.org_id
        job = await get_job(org_id, parse_id(job_id, "jobId"))
        async with info.context.bus.subscription(job_channel(job.id)) as events:
            # Read the state after subscribing, so no change can fall between the two.
            job = await get_job(org_id, job.id)
            yield _update(job_payload(job))
            if job.status.finished:
                return
            async for payload in events:
                if payload.get("organization_id") != org_id:
                    continue
                yield _update(payload)
                if DomainJobStatus(str(payload["status"])).finished:
                    return
