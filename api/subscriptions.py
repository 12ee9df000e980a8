"""Subscriptions over graphql-transport-ws, fed by Redis pub/sub."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.scalars import JSON

from api.campaigns.subscriptions import CampaignSubscriptions
from api.churn.subscriptions import ChurnSubscriptions
from api.context import Info
from api.enums import JobKind, JobStatus, Source, SyncMode, SyncStatus
from api.inputs import parse_id
from domain.enums import JobStatus as DomainJobStatus
from domain.enums import SyncStatus as DomainSyncStatus
from domain.events import job_channel
from domain.jobs.service import get_job, job_payload
from domain.sync import service as syncs


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
class SyncUpdate:
    run_id: strawberry.ID
    source: Source
    mode: SyncMode
    status: SyncStatus
    stream: str
    created: int
    updated: int
    unchanged: int
    failed: int
    pages: int
    message: str


def _sync_update(p: dict[str, object]) -> SyncUpdate:
    return SyncUpdate(
        run_id=strawberry.ID(str(p["id"])), source=p["source"],  # type: ignore[arg-type]
        mode=p["mode"], status=p["status"], stream=str(p["stream"]),  # type: ignore[arg-type]
        created=int(p["created"]), updated=int(p["updated"]),  # type: ignore[call-overload]
        unchanged=int(p["unchanged"]), failed=int(p["failed"]),  # type: ignore[call-overload]
        pages=int(p["pages"]), message=str(p["message"]),  # type: ignore[call-overload]
    )


def _sync_over(status: str) -> bool:
    return not DomainSyncStatus(status).active or status == DomainSyncStatus.PAUSED.value


@strawberry.type
class Subscription(CampaignSubscriptions, ChurnSubscriptions):
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

    @strawberry.subscription(
        description="The sync run's counts now, then after every page until it ends or pauses.")
    async def sync_progress(
        self, info: Info, run_id: strawberry.ID
    ) -> AsyncGenerator[SyncUpdate, None]:
        org_id = info.context.org_id
        run = await syncs.get_run(org_id, parse_id(run_id, "runId"))
        async with info.context.bus.subscription(syncs.sync_channel(run.id)) as events:
            run = await syncs.get_run(org_id, run.id)
            yield _sync_update(syncs.run_payload(run))
            if _sync_over(run.status.value):
                return
            async for payload in events:
                if payload.get("organization_id") != org_id:
                    continue
                yield _sync_update(payload)
                if _sync_over(str(payload["status"])):
                    return
