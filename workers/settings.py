"""Worker process settings: `lifeline worker`, or `arq workers.settings.WorkerSettings`."""

from __future__ import annotations

import logging
from typing import Any

from arq.connections import RedisSettings

from domain.db import close_db, init_db
from domain.events import RedisEventBus
from domain.settings import get_settings
from workers.queue import ArqJobQueue
from workers.runtime import start_process_pool, worker_options

log = logging.getLogger(__name__)


async def startup(ctx: dict[str, Any]) -> None:
    settings = get_settings()
    await init_db(settings)
    ctx["bus"] = RedisEventBus(ctx["redis"])
    ctx["queue"] = ArqJobQueue(ctx["redis"], settings.queue_name)
    ctx["settings"] = settings
    ctx["process_pool"] = start_process_pool(settings)


async def shutdown(ctx: dict[str, Any]) -> None:
    pool = ctx.get("process_pool")
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
    await close_db()


def worker_settings() -> dict[str, Any]:
    """Settings for `arq.worker.run_worker`, read from the environment."""
    settings = get_settings()
    redis = RedisSettings.from_dsn(settings.redis_url) if settings.redis_url else RedisSettings()
    return {
        **worker_options(settings),
        "redis_settings": redis,
        "on_startup": startup,
        "on_shutdown": shutdown,
    }


# For the `arq` command line; `lifeline worker` builds the same from worker_settings().
WorkerSettings = type("WorkerSettings", (), worker_settings())
