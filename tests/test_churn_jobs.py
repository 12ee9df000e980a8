"""The churn training job: fitted in the worker's process pool, progress reported, the model
registered and promoted."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from domain.demo.service import generate_world
from domain.enums import JobKind, JobStatus, ModelStatus
from domain.jobs import service as jobs
from domain.ml import registry
from domain.models import CustomerRisk, Job, Organization
from tests.support.churn import trained_world
from tests.support.sync import HeldQueue, finished

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


async def test_scoring_runs_as_a_job_and_the_nightly_batch_queues_it(
        org: Organization, runtime: Any) -> None:
    from workers import jobs as worker_jobs

    await generate_world(org.id, customers=800, seed=31, now=NOW)
    trained = await jobs.submit(runtime.queue, org.id, JobKind.TRAIN_CHURN_MODEL)
    assert (await finished(trained.id, wait=240)).status is JobStatus.SUCCEEDED
    held = HeldQueue()
    # The batch queues every organization with an active model (other tests' too): hold
    # them, run only this organization's, and drop the rest.
    queued = await worker_jobs.nightly_churn_scoring({**runtime.context(), "queue": held})
    parked = held.jobs
    assert queued == len(parked) >= 1
    mine = [j for j in parked if j.organization_id == org.id]
    assert len(mine) == 1 and mine[0].kind is JobKind.SCORE_CUSTOMERS
    await Job.filter(id__in=[j.id for j in parked if j.organization_id != org.id]).delete()
    await runtime.queue.enqueue(mine[0])
    done = await finished(mine[0].id, wait=240)
    assert done.status is JobStatus.SUCCEEDED, done.error
    assert done.result is not None and done.result["scored"] > 0
    assert await CustomerRisk.filter(organization_id=org.id).count() == done.result["scored"]


async def test_drift_above_the_threshold_queues_one_retraining(runtime: Any) -> None:
    from workers import jobs as worker_jobs

    world = await trained_world("Drifting", customers=600, seed=32, now=NOW)
    held = HeldQueue()
    strict = runtime.settings.model_copy(update={"drift_psi_threshold": 0.0})
    ctx = {**runtime.context(), "queue": held, "settings": strict}
    for _ in range(2):
        job = await jobs.submit(held, world.id, JobKind.SCORE_CUSTOMERS)
        await worker_jobs.score_customers(ctx, job.id)
        done = await Job.get(id=job.id)
        assert done.status is JobStatus.SUCCEEDED, done.error
        assert done.result is not None and done.result["drift"]["flagged"] is True
    retrains = [j for j in held.jobs if j.kind is JobKind.TRAIN_CHURN_MODEL]
    # the second run found the first retraining still queued and queued no other
    assert len(retrains) == 1 and retrains[0].organization_id == world.id
    assert done.result["retraining_job_id"] == retrains[0].id
