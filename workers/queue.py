"""The typed enqueue interface: the only place that knows arq's job names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from arq.connections import ArqRedis

from domain.enums import JobKind
from domain.models import Job
from workers import jobs as functions

JobFunction = Callable[..., Awaitable[Any]]

FUNCTIONS: dict[JobKind, JobFunction] = {
    JobKind.IMPORT_CSV: functions.import_csv,
}


class ArqJobQueue:
    """Implements `domain.jobs.service.JobQueue` on arq.

    The arq job id is derived from the Job row, so enqueueing the same job twice while it
    is still queued is a no-op.
    """

    def __init__(self, redis: ArqRedis, queue_name: str) -> None:
        self.redis = redis
        self.queue_name = queue_name

    async def enqueue(self, job: Job) -> None:
        function = FUNCTIONS[job.kind]
        await self.redis.enqueue_job(
            function.__name__, job.id, _job_id=f"lifeline-job-{job.id}",
            _queue_name=self.queue_name,
        )
