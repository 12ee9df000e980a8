"""Outcome detection jobs: read retention outcomes from billing once campaign windows end."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from domain.campaigns import events, outcomes
from domain.jobs import service as jobs
from domain.models import Job


async def detect_outcomes(ctx: dict[str, Any], job_id: int) -> None:
    """Detect the outcomes of the organization's campaigns whose window ended, count them
    for the bandit and close the campaigns (a second run finds nothing to do)."""

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        await progress(0.05, "reading outcomes from billing")
        result = await outcomes.detect_outcomes(job.organization_id, datetime.now(UTC),
                                                progress=progress)
        await events.publish_campaigns(ctx["bus"], job.organization_id,
                                       [c.campaign_id for c in result.campaigns], "outcomes")
        return result.as_dict()

    await jobs.run(job_id, ctx["bus"], handler)


async def nightly_outcome_detection(ctx: dict[str, Any]) -> int:
    """Queue outcome detection for every organization with a campaign past its window (an
    unfinished detection of the organization is not doubled). Returns how many."""
    orgs = await outcomes.organizations_due(datetime.now(UTC))
    for org_id in orgs:
        await outcomes.request_detection(ctx["queue"], org_id)
    return len(orgs)
