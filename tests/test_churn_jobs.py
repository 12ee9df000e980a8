"""The churn training job: fitted in the worker's process pool, progress reported, the model
registered and promoted."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from domain.demo.service import generate_world
from domain.enums import JobKind, JobStatus, ModelStatus
from domain.jobs import service as jobs
from domain.ml import registry
from domain.models import Organization
from tests.support.sync import finished

NOW = datetime(2025, 6, 30, tzinfo=UTC)


async def test_training_runs_as_a_job_in_the_process_pool(org: Organization,
                                                          runtime: Any) -> None:
    await generate_world(org.id, customers=1200, seed=21, now=NOW)
    assert runtime.ctx.get("process_pool") is not None
    job = await jobs.submit(runtime.queue, org.id, JobKind.TRAIN_CHURN_MODEL,
                            {"horizon_days": 90})
    done = await finished(job.id, wait=240)
    assert done.status is JobStatus.SUCCEEDED, done.error
    assert done.result is not None and done.result["promoted"] is True
    active = await registry.active(org.id, "churn")
    assert active is not None and active.status is ModelStatus.ACTIVE
    assert active.metrics["model"]["roc_auc"] > 0.7
