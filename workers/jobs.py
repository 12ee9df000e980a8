"""Job functions run by arq. Each is `async def verb_noun(ctx, ...)` and idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from domain.imports.service import apply_import
from domain.jobs import service as jobs
from domain.settings import get_settings


async def import_csv(ctx: dict[str, Any], job_id: int) -> None:
    """Write a validated CSV batch; a second run of a finished batch does nothing."""
    await jobs.run(job_id, ctx["bus"], apply_import)


async def sweep_jobs(ctx: dict[str, Any]) -> int:
    """Re-enqueue jobs lost with a killed worker (no heartbeat for `job_stale_seconds`)."""
    stale = timedelta(seconds=get_settings().job_stale_seconds)
    return await jobs.sweep(ctx["queue"], stale, ctx["bus"])
