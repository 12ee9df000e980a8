"""Decision jobs: the nightly batch of one organization, and the cron that queues it for
every organization with an active churn model."""

from __future__ import annotations

from typing import Any

from domain.churn.commands import KIND as CHURN
from domain.decisions.commands import batch_params, parse_day
from domain.enums import JobKind
from domain.jobs import service as jobs
from domain.ml import registry
from domain.models import Job


async def run_decision_batch(ctx: dict[str, Any], job_id: int) -> None:
    """Score (unless done today), decide and write the day's campaign, then execute its
    automatic actions. Params: {"day": "YYYY-MM-DD" (default today), "score": true}. A run
    for a day whose campaign exists writes nothing."""

    from domain.decisions import service  # loads the churn model code: only when it runs

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        params = job.params or {}
        outcome = await service.run_batch(
            job.organization_id, settings=ctx["settings"], bus=ctx["bus"],
            queue=ctx["queue"], day=parse_day(params.get("day")),
            score=bool(params.get("score", True)), progress=progress)
        return outcome.as_dict()

    await jobs.run(job_id, ctx["bus"], handler)


async def nightly_decision_batch(ctx: dict[str, Any]) -> int:
    """Queue today's decision batch for every organization with an active churn model (an
    unfinished batch of the organization is not doubled)."""
    params = batch_params(parse_day(None), score=True)  # today, UTC
    orgs = await registry.organizations_with_active(CHURN)
    for org_id in orgs:
        await jobs.request_job(ctx["queue"], org_id, JobKind.RUN_DECISION_BATCH, params)
    return len(orgs)
