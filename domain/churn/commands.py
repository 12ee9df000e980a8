"""Requests from operators: train a churn model, score customers, activate a version.

Training and scoring run as jobs (`workers.jobs.train_churn_model` / `score_customers`);
these functions check what can be checked at once (arguments, an active model to score
with, history to learn from) so that a request that cannot succeed is a typed error now,
not a failed job later. A request while the same kind of job of the organization is still
queued or running returns that job (`JobRequest.existing`) instead of a second one.
"""

from __future__ import annotations

from domain.churn.errors import NotEnoughHistory
from domain.enums import JobKind
from domain.errors import ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.ml import registry
from domain.models import ModelVersion, Subscription

KIND = "churn"  # the registry kind of churn models
HORIZON_DAYS = (7, 730)
CUTOFFS = (2, 24)
SPACING_DAYS = (7, 365)


def _check_range(value: int, bounds: tuple[int, int], field: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationFailed(f"{field} must be a whole number from {low} to {high}",
                               field=field)
    return value


async def request_training(queue: JobQueue, org_id: int, *, horizon_days: int = 90,
                           cutoffs: int = 6, spacing_days: int = 30) -> JobRequest:
    """Queue a `train_churn_model` job (the result is promoted only if it beats the active
    model on held-out data)."""
    params = {"horizon_days": _check_range(horizon_days, HORIZON_DAYS, "horizonDays"),
              "cutoffs": _check_range(cutoffs, CUTOFFS, "cutoffs"),
              "spacing_days": _check_range(spacing_days, SPACING_DAYS, "spacingDays")}
    if not await Subscription.filter(organization_id=org_id).exists():
        raise NotEnoughHistory("no subscriptions to learn from: sync or import billing first",
                               field="cutoffs")
    return await request_job(queue, org_id, JobKind.TRAIN_CHURN_MODEL, params)


async def request_scoring(queue: JobQueue, org_id: int) -> JobRequest:
    """Queue a `score_customers` job; `NoActiveModel` when there is nothing to score with."""
    await registry.require_active(org_id, KIND)
    return await request_job(queue, org_id, JobKind.SCORE_CUSTOMERS, {})


async def activate_model(org_id: int, version_id: int) -> ModelVersion:
    """Make a churn model version active (a rollback, or forcing a candidate)."""
    version = await registry.get_version(org_id, version_id)
    if version.kind != KIND:
        raise registry.ModelNotFound(f"model version {version_id} is not a churn model",
                                     field="id")
    return await registry.activate(org_id, version.id)
