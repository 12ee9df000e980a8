"""The sync job: walk a provider's streams page by page, committing each page with the
cursor after it, so a run killed anywhere resumes where it stopped and re-running a page
changes nothing. Exhausted API allowances pause the run instead of failing it."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import time
from typing import Any

import httpx

from domain.enums import SyncMode
from domain.errors import DomainError
from domain.events import EventBus
from domain.jobs import service as jobs
from domain.jobs.service import Progress
from domain.models import Integration, Job, SyncRun
from domain.settings import Settings
from domain.sync import config as sync_config
from domain.sync import service as syncs
from domain.sync.store import commit_page, move_cursor
from integrations.http import ProviderError, QuotaExhausted, RetryPolicy, Sleep
from workers.sync.base import Connect, Fetched, Plan, PlanBuilder, later

log = logging.getLogger(__name__)
REPORT_EVERY = 0.5  # seconds between progress reports


def builder(source: str) -> PlanBuilder:
    """The plan builder of `workers.sync.<source>` (imported on first use)."""
    module = importlib.import_module(f"workers.sync.{source}")
    built: PlanBuilder = module.plan
    return built


HEARTBEAT_EVERY = 30.0  # seconds of waiting between heartbeats


def alive_while_sleeping(job_id: int) -> Sleep:
    """A sleep for retry waits (`Retry-After` can be minutes, and a page may need many
    retried requests) that keeps the job's heartbeat fresh, so the sweeper does not take a
    waiting job for a dead one."""
    last = [time.monotonic()]

    async def sleep(seconds: float) -> None:
        remaining = seconds
        while True:
            if time.monotonic() - last[0] >= HEARTBEAT_EVERY:
                last[0] = time.monotonic()
                await jobs.beat(job_id)
            if remaining <= 0:
                return
            chunk = min(remaining, HEARTBEAT_EVERY)
            await asyncio.sleep(chunk)
            remaining -= chunk

    return sleep


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(max_attempts=settings.sync_retry_attempts,
                       base_delay=settings.sync_retry_base_delay,
                       max_delay=settings.sync_retry_max_delay,
                       timeout=settings.sync_request_timeout)


async def run_sync(job: Job, progress: Progress, *, bus: EventBus, settings: Settings,
                   transport: httpx.AsyncBaseTransport | None = None,
                   policy: RetryPolicy | None = None) -> dict[str, Any]:
    run = await syncs.run_for_job(job)
    if not run.status.active:
        return _result(run)  # finished under an earlier attempt
    await syncs.begin(run)
    try:
        integration = await Integration.get(organization_id=run.organization_id,
                                            source=run.source)
        credentials = await sync_config.credentials(run.organization_id, run.source, settings)
        state = dict(integration.state) if run.mode is SyncMode.INCREMENTAL else {}
        connect = Connect(credentials, run.mode, state, transport,
                          policy or retry_policy(settings), sleep=alive_while_sleeping(job.id))
        plan = await builder(run.source.value)(connect)
        try:
            await _walk(run, plan, progress, bus)
        finally:
            await plan.close()
    except QuotaExhausted as exc:
        until = await syncs.pause(run, exc.retry_after or 3600.0, exc.message)
        await syncs.publish(bus, run)
        log.warning("sync run %s paused until %s: %s", run.id, until, exc.message)
        return {**_result(run), "paused_until": until.isoformat()}
    except ProviderError as exc:
        await syncs.finish(run, None, failed=f"{exc.provider}: {exc.message}")
        await syncs.publish(bus, run)
        raise syncs.ProviderFailed(f"{run.source.value} sync failed: {exc.message}",
                                   field="source", status=exc.status,
                                   provider_code=exc.code) from exc
    except DomainError as exc:  # credentials unreadable, integration removed, ...
        await syncs.finish(run, None, failed=exc.message)
        await syncs.publish(bus, run)
        raise
    except Exception as exc:
        await syncs.finish(run, None, failed=f"internal error ({type(exc).__name__})")
        await syncs.publish(bus, run)
        raise
    marks: dict[str, Any] = run.cursor.get("marks", {})
    await syncs.finish(run, {**integration.state, **marks}, notes=plan.notes)
    await syncs.publish(bus, run)
    return _result(run)


def _result(run: SyncRun) -> dict[str, Any]:
    return {"run_id": run.id, "status": run.status.value, "created": run.created,
            "updated": run.updated, "unchanged": run.unchanged, "failed": run.failed,
            "pages": run.pages}


async def _walk(run: SyncRun, plan: Plan, progress: Progress, bus: EventBus) -> None:
    cursor = dict(run.cursor)
    start = int(cursor.get("stream_index", 0))
    marks: dict[str, Any] = dict(cursor.get("marks", {}))
    last_report = 0.0
    total = len(plan.streams)
    for index, stream in enumerate(plan.streams):
        if index < start:
            continue
        page = cursor.get("page") if index == start else None
        since = run.cursor.get("since", {}).get(stream.name)
        if since is None and stream.since_key and run.mode is SyncMode.INCREMENTAL:
            integration = await Integration.get(organization_id=run.organization_id,
                                                source=run.source)
            since = integration.state.get(stream.since_key)
        pages = 0
        fetched = await stream.fetch(page, since)
        ahead: asyncio.Future[Fetched] | None = None
        try:
            while True:
                if stream.since_key and fetched.mark is not None:
                    marks[stream.since_key] = (
                        fetched.mark if stream.since_key.endswith("event")
                        else later(marks.get(stream.since_key), fetched.mark))
                page = fetched.next_cursor
                done = page is None
                after = {"stream_index": index + 1 if done else index, "page": page,
                         "marks": dict(marks), "since": {stream.name: since} if not done else {}}
                # Fetch the next page while this one is written: the cursor committed with
                # this page names the next one, so a crash in between loses nothing.
                ahead = None if done else asyncio.ensure_future(stream.fetch(page, since))
                if len(fetched.batch):
                    await commit_page(run, fetched.batch, stream.name, after)
                else:
                    await move_cursor(run, stream.name, after)
                pages += 1
                if time.monotonic() - last_report >= REPORT_EVERY or done:
                    last_report = time.monotonic()
                    fraction = (index + (1.0 if done else 1 - 1 / (pages + 1))) / total
                    await progress(min(fraction, 0.99), f"{stream.name}: {run.created} "
                                   f"created, {run.updated} updated, {run.unchanged} unchanged")
                    await syncs.publish(bus, run)
                if ahead is None:
                    break
                fetched = await ahead
                ahead = None
        finally:
            if ahead is not None:
                ahead.cancel()
                with contextlib.suppress(BaseException):
                    await ahead
