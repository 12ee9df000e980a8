"""Sync runs: starting one (one per source per organization at a time), its lifecycle as
the worker drives it, pausing on exhausted API allowances, and cron schedules."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.enums import JobKind, Source, SyncMode, SyncStatus
from domain.errors import DomainError, NotFound
from domain.events import EventBus
from domain.jobs import service as jobs
from domain.jobs.service import now
from domain.models import Integration, Job, SyncRun
from domain.sync.config import SYNC_SOURCES
from domain.sync.schedule import parse_cron

ACTIVE = (SyncStatus.QUEUED, SyncStatus.RUNNING, SyncStatus.PAUSED)


class SyncInProgress(DomainError):
    code = "SYNC_IN_PROGRESS"


class IntegrationNotConfigured(DomainError):
    code = "INTEGRATION_NOT_CONFIGURED"


class IntegrationPaused(DomainError):
    code = "INTEGRATION_PAUSED"


def sync_channel(run_id: int) -> str:
    return f"lifeline:sync:{run_id}"


async def start_sync(queue: jobs.JobQueue, org_id: int, source: Source, mode: SyncMode
                     ) -> SyncRun:
    if source not in SYNC_SOURCES:
        raise IntegrationNotConfigured(f"{source.value} cannot be synced", field="source")
    runs: list[SyncRun] = []

    async def prepare(job: Job) -> None:
        integration = await Integration.filter(
            organization_id=org_id, source=source).select_for_update().first()
        if integration is None or not integration.enabled:
            state = "disabled" if integration else "not configured"
            raise IntegrationNotConfigured(
                f"{source.value} is {state}: configureIntegration first", field="source")
        if integration.paused_until is not None and integration.paused_until > now():
            raise IntegrationPaused(
                f"{source.value} syncs are paused until {integration.paused_until.isoformat()}"
                f": {integration.pause_reason}", field="source",
                paused_until=integration.paused_until.isoformat())
        running = await SyncRun.filter(organization_id=org_id, source=source,
                                       status__in=ACTIVE).first()
        if running is not None and await _abandoned(running):
            running = None
        if running is not None:
            raise SyncInProgress(
                f"a {source.value} sync is already {running.status.value} (run {running.id})",
                field="source", run_id=running.id)
        runs.append(await SyncRun.create(organization_id=org_id, job_id=job.id, source=source,
                                         mode=mode))

    await jobs.submit(queue, org_id, JobKind.SYNC_SOURCE,
                      {"source": source.value, "mode": mode.value}, prepare)
    return runs[0]


async def _abandoned(run: SyncRun) -> bool:
    """A run still marked active whose job has ended (the sweeper gave up on it after its
    workers died): mark it failed so it does not block the source forever."""
    if run.status is SyncStatus.PAUSED:
        return False
    job = await Job.get_or_none(id=run.job_id)
    if job is not None and not job.status.finished:
        return False
    run.status, run.finished_at = SyncStatus.FAILED, now()
    run.message = f"abandoned: {job.error if job and job.error else 'its job ended'}"[:500]
    await run.save(update_fields=["status", "finished_at", "message"])
    return True


class ProviderFailed(DomainError):
    code = "PROVIDER_FAILED"


async def run_for_job(job: Job) -> SyncRun:
    run = await SyncRun.get_or_none(job_id=job.id)
    if run is None:
        raise NotFound(f"job {job.id} has no sync run", field="jobId")
    return run


async def begin(run: SyncRun) -> None:
    run.status = SyncStatus.RUNNING
    run.started_at = run.started_at or now()
    run.message = "running"
    await run.save(update_fields=["status", "started_at", "message"])


async def finish(run: SyncRun, state: dict[str, Any] | None, *, failed: str | None = None,
                 notes: list[str] | None = None) -> None:
    """End a run; on success store the watermarks the next incremental sync starts from."""
    run.status = SyncStatus.FAILED if failed else SyncStatus.SUCCEEDED
    run.finished_at = now()
    run.message = (failed or "; ".join(["done", *(notes or [])]))[:500]
    async with in_transaction():  # the watermarks and the run's end, together
        if state is not None and not failed:
            await Integration.filter(organization_id=run.organization_id, source=run.source
                                     ).update(state=state)
        await run.save(update_fields=["status", "finished_at", "message"])


async def pause(run: SyncRun, seconds: float, reason: str) -> datetime:
    """The provider's allowance is used up: pause this source's syncs for the organization
    (the run keeps its cursor and resumes by itself, see `resume_paused`)."""
    until = now() + timedelta(seconds=max(seconds, 60.0))
    run.status = SyncStatus.PAUSED
    run.message = f"paused until {until.isoformat()}: {reason}"[:500]
    await run.save(update_fields=["status", "message"])
    await Integration.filter(organization_id=run.organization_id, source=run.source).update(
        paused_until=until, pause_reason=reason[:500])
    return until


async def resume_paused(queue: jobs.JobQueue) -> int:
    """Re-enqueue paused runs whose pause is over, each under a new job."""
    resumed = 0
    for run in await SyncRun.filter(status=SyncStatus.PAUSED).order_by("id"):
        integration = await Integration.get_or_none(organization_id=run.organization_id,
                                                    source=run.source)
        if integration is None or (integration.paused_until or now()) > now():
            continue
        claim = SyncRun.filter(id=run.id, status=SyncStatus.PAUSED)

        async def attach(job: Job, claim: Any = claim) -> None:
            if not await claim.update(status=SyncStatus.QUEUED, job_id=job.id):
                raise SyncInProgress("resumed elsewhere")

        try:
            await jobs.submit(queue, run.organization_id, JobKind.SYNC_SOURCE,
                              {"source": run.source.value, "mode": run.mode.value,
                               "resumed": run.id}, attach)
        except SyncInProgress:
            continue
        await Integration.filter(id=integration.id).update(paused_until=None, pause_reason="")
        resumed += 1
    return resumed


async def due_schedules(when: datetime) -> list[Integration]:
    """Integrations whose cron schedule fires in `when`'s minute, each claimed once (so two
    workers running the scheduler start one sync, not two)."""
    minute = when.replace(second=0, microsecond=0)
    due = []
    for integration in await Integration.filter(enabled=True).exclude(schedule=""):
        if not parse_cron(integration.schedule).matches(minute):
            continue
        claimed = await Integration.filter(
            Q(last_scheduled_at__isnull=True) | Q(last_scheduled_at__lt=minute),
            id=integration.id).update(last_scheduled_at=minute)
        if claimed:
            due.append(integration)
    return due


def run_payload(run: SyncRun) -> dict[str, Any]:
    return {
        "id": run.id, "organization_id": run.organization_id, "source": run.source.value,
        "mode": run.mode.value, "status": run.status.value, "stream": run.stream,
        "created": run.created, "updated": run.updated, "unchanged": run.unchanged,
        "failed": run.failed, "pages": run.pages, "message": run.message,
    }


async def publish(bus: EventBus, run: SyncRun) -> None:
    await bus.publish(sync_channel(run.id), run_payload(run))


async def get_run(org_id: int, run_id: int) -> SyncRun:
    run = await SyncRun.get_or_none(id=run_id, organization_id=org_id)
    if run is None:
        raise NotFound(f"sync run {run_id} not found", field="id")
    return run
