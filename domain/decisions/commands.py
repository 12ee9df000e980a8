"""Requests from operators: run the decision batch as a job (`workers.decisions`).

What can be checked at once is checked here (the day, something to decide with), so that a
request that cannot succeed is a typed error now rather than a failed job later. A request
while the organization's batch is still queued or running returns that job.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from domain.churn.commands import KIND as CHURN
from domain.enums import JobKind
from domain.errors import ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.ml import registry
from domain.models import CustomerRisk


def parse_day(value: date | str | None, *, today: date | None = None) -> date:
    """The batch's day: a date or "YYYY-MM-DD", not in the future (None: today, UTC)."""
    now = today or datetime.now(UTC).date()
    if value is None:
        return now
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationFailed(f"{value!r} is not a date (YYYY-MM-DD)", field="day") from None
    if value > now:
        raise ValidationFailed(f"day {value} is in the future", field="day")
    return value


def batch_params(day: date, *, score: bool = True) -> dict[str, Any]:
    """The params of a `run_decision_batch` job."""
    return {"day": day.isoformat(), "score": bool(score)}


async def request_batch(queue: JobQueue, org_id: int, day: date | str | None = None, *,
                        score: bool = True) -> JobRequest:
    """Queue a `run_decision_batch` job for `day` (default today). With `score`, customers
    are scored first by the active churn model unless it already scored them that day.
    `NoActiveModel` when there is neither an active churn model nor a stored score."""
    chosen = parse_day(day)
    if await registry.active(org_id, CHURN) is None and not await CustomerRisk.exists(
            organization_id=org_id):
        raise registry.NoActiveModel("no churn model and no churn scores to decide with: "
                                     "train a churn model first", field="organization")
    return await request_job(queue, org_id, JobKind.RUN_DECISION_BATCH,
                             batch_params(chosen, score=score))
