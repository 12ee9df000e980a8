"""The typed enqueue interface: the only place that knows arq's job names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from arq.connections import ArqRedis

from domain.enums import JobKind
from domain.models import Job
from workers import decisions, deliveries, outcomes
from workers import jobs as functions

JobFunction = Callable[..., Awaitable[Any]]

FUNCTIONS: dict[JobKind, JobFunction] = {
    JobKind.IMPORT_CSV: functions.import_csv,
    JobKind.SYNC_SOURCE: functions.sync_source,
    JobKind.PROCESS_WEBHOOK: functions.process_webhook,
    JobKind.TRAIN_CHURN_MODEL: functions.train_churn_model,
    JobKind.SCORE_CUSTOMERS: functions.score_customers,
    JobKind.EVALUATE_CHURN_TABLE: functions.evaluate_churn_table,
    JobKind.FIT_CLV_MODELS: functions.fit_clv_models,
    JobKind.UPDATE_SEGMENTS: functions.update_segments,
    JobKind.TRAIN_LEAD_MODEL: functions.train_lead_model,
    JobKind.EVALUATE_LEAD_TABLE: functions.evaluate_lead_table,
    JobKind.SCORE_LEADS: functions.score_leads,
    JobKind.RUN_FORECAST: functions.run_forecast,
    JobKind.RUN_DECISION_BATCH: decisions.run_decision_batch,
    JobKind.EXECUTE_ACTIONS: deliveries.execute_actions,
    JobKind.DETECT_OUTCOMES: outcomes.detect_outcomes,
}


def arq_job_id(job: Job) -> str:
    """Unique per job row and attempt; the creation time keeps it unique when a database is
    recreated while Redis keeps a killed worker's keys (ids start again at 1)."""
    created = int(job.created_at.timestamp() * 1000) if job.created_at else 0
    return f"lifeline-job-{job.id}-{created}-{job.attempts}"


class ArqJobQueue:
    """Implements `domain.jobs.service.JobQueue` on arq.

    The arq job id is derived from the Job row and its attempt, so enqueueing the same
    attempt twice is a no-op, while a job re-enqueued after its worker died gets a fresh
    entry (the dead worker's entry stays claimed in Redis until arq's own timeout; when it
    runs then, `jobs.run` sees the job is no longer queued and does nothing).
    """

    def __init__(self, redis: ArqRedis, queue_name: str) -> None:
        self.redis = redis
        self.queue_name = queue_name

    async def enqueue(self, job: Job) -> None:
        function = FUNCTIONS[job.kind]
        await self.redis.enqueue_job(
            function.__name__, job.id, _job_id=arq_job_id(job),
            _queue_name=self.queue_name,
        )
