"""Durable jobs: a Job row is the source of truth, the queue only carries its id.

Jobs are created inside the caller's transaction and enqueued only after it commits.
A runner marks them running, reports progress (stored and published), and records the
result or the error. Running a finished job again does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from tortoise.transactions import in_transaction

from domain.enums import JobKind, JobStatus
from domain.errors import DomainError, NotFound
from domain.events import EventBus, job_channel
from domain.models import Job

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


class JobQueue(Protocol):
    """Typed enqueue interface; the implementation (arq) lives in `workers/`."""

    async def enqueue(self, job: Job) -> None: ...


def now() -> datetime:
    return datetime.now(UTC)


def job_payload(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "organization_id": job.organization_id,
        "kind": job.kind.value,
        "status": job.status.value,
        "progress": job.progress,
        "message": job.message,
        "result": job.result,
        "error": job.error,
    }


async def submit(
    queue: JobQueue,
    org_id: int,
    kind: JobKind,
    params: dict[str, Any] | None = None,
    prepare: Callable[[Job], Awaitable[None]] | None = None,
) -> Job:
    """Create a job (and whatever `prepare` writes with it) in one transaction, then enqueue."""
    async with in_transaction():
        job = await Job.create(
            organization_id=org_id, kind=kind, params=params or {}, heartbeat_at=now()
        )
        if prepare is not None:
            await prepare(job)
    await queue.enqueue(job)
    return job


class Progress:
    """Stores and publishes a job's progress."""

    def __init__(self, job: Job, bus: EventBus) -> None:
        self.job = job
        self.bus = bus

    async def __call__(self, fraction: float, message: str = "") -> None:
        self.job.progress = max(0.0, min(1.0, fraction))
        self.job.message = message[:500]
        self.job.heartbeat_at = now()
        await self.job.save(update_fields=["progress", "message", "heartbeat_at"])
        await self.bus.publish(job_channel(self.job.id), job_payload(self.job))


async def beat(job_id: int) -> None:
    """Show the sweeper a running job is alive without reporting progress."""
    await Job.filter(id=job_id, status=JobStatus.RUNNING).update(heartbeat_at=now())


Handler = Callable[[Job, Progress], Awaitable[dict[str, Any]]]


async def run(job_id: int, bus: EventBus, handler: Handler) -> Job | None:
    """Run `handler` for a job once. Finished jobs are left alone (idempotent)."""
    job = await Job.get_or_none(id=job_id)
    if job is None:
        log.warning("job %s vanished before it ran", job_id)
        return None
    if job.status is not JobStatus.QUEUED:
        # Finished, or running under another worker: a stale copy of the queue entry (the
        # sweeper re-enqueues lost jobs under a new queue id) must not run it twice.
        return job
    started = now()
    claimed = await Job.filter(id=job.id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, attempts=job.attempts + 1, started_at=started,
        heartbeat_at=started, error=None)
    if not claimed:
        return job
    job.status, job.attempts, job.error = JobStatus.RUNNING, job.attempts + 1, None
    job.started_at = job.heartbeat_at = started
    progress = Progress(job, bus)
    await progress(job.progress, "started")
    try:
        result = await handler(job, progress)
    except DomainError as exc:
        await _finish(job, bus, JobStatus.FAILED, error=exc.message, result=_error_result(exc))
    except Exception as exc:
        log.exception("job %s (%s) failed", job.id, job.kind)
        await _finish(job, bus, JobStatus.FAILED, error=f"internal error ({type(exc).__name__})")
        raise
    else:
        await _finish(job, bus, JobStatus.SUCCEEDED, result=result)
    return job


def _error_result(exc: DomainError) -> dict[str, Any]:
    return {"code": exc.code, "field": exc.field, "message": exc.message, **exc.details}


async def _finish(
    job: Job,
    bus: EventBus,
    status: JobStatus,
    *,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    job.status = status
    job.result = result
    job.error = error
    job.finished_at = job.heartbeat_at = now()
    if status is JobStatus.SUCCEEDED:
        job.progress = 1.0
        job.message = "done"
    else:
        job.message = "failed"
    await job.save(
        update_fields=["status", "result", "error", "finished_at", "heartbeat_at", "progress",
                       "message"]
    )
    await bus.publish(job_channel(job.id), job_payload(job))


async def stale_jobs(stale_after: timedelta) -> list[Job]:
    """Jobs that should be running but show no sign of life (lost with a killed worker)."""
    return await Job.filter(
        status__in=(JobStatus.QUEUED, JobStatus.RUNNING), heartbeat_at__lt=now() - stale_after
    ).order_by("id")


async def sweep(queue: JobQueue, stale_after: timedelta, bus: EventBus | None = None) -> int:
    """Re-enqueue lost jobs (safe: every job is idempotent); give up after MAX_ATTEMPTS.

    Each job is claimed with a conditional update, so a job that finished or showed life
    since it was read is left alone. Returns how many jobs were re-enqueued."""
    cutoff = now() - stale_after
    requeued = 0
    for job in await stale_jobs(stale_after):
        claim = Job.filter(id=job.id, status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
                           heartbeat_at__lt=cutoff)
        changes: dict[str, Any] = {"status": JobStatus.QUEUED, "heartbeat_at": now()}
        if job.attempts >= MAX_ATTEMPTS:
            changes.update(
                status=JobStatus.FAILED, message="failed", finished_at=changes["heartbeat_at"],
                error=f"gave up after {job.attempts} attempts (the worker stopped or timed out)")
        if not await claim.update(**changes):
            continue
        for name, value in changes.items():
            setattr(job, name, value)
        if job.status is JobStatus.QUEUED:
            await queue.enqueue(job)
            requeued += 1
        if bus is not None:
            await bus.publish(job_channel(job.id), job_payload(job))
    return requeued


async def get_job(org_id: int, job_id: int) -> Job:
    job = await Job.get_or_none(id=job_id, organization_id=org_id)
    if job is None:
        raise NotFound(f"job {job_id} not found", field="id")
    return job


@dataclass(frozen=True)
class JobRequest:
    job: Job
    existing: bool  # True: an unfinished job of the same kind was returned, none created


async def unfinished(org_id: int, kind: JobKind) -> Job | None:
    """The organization's newest queued or running job of `kind`, if any."""
    return await Job.filter(organization_id=org_id, kind=kind,
                            status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
                            ).order_by("-id").first()


async def request_job(queue: JobQueue, org_id: int, kind: JobKind,
                      params: dict[str, Any]) -> JobRequest:
    """Submit a job unless the organization already has an unfinished one of that kind,
    which is returned instead (`existing`)."""
    pending = await unfinished(org_id, kind)
    if pending is not None:
        return JobRequest(job=pending, existing=True)
    return JobRequest(job=await submit(queue, org_id, kind, params), existing=False)
