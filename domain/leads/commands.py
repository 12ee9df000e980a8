"""Requests that run as jobs: train the lead model, score the open leads (on request, and
after every successful sync when the organization has an active lead model).

A request while the same kind of job of the organization is still queued or running
returns that job instead of a second one (`JobRequest.existing`).
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.enums import JobKind
from domain.errors import ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.ml import registry
from domain.models import Lead

KIND = "lead"  # the registry kind of lead models
MIN_EACH = 20  # converted and other decided leads needed to train
MAX_NAMES = 200


class NotEnoughLeads(ValidationFailed):
    code = "NOT_ENOUGH_LEADS"


def _names(values: Sequence[str], field: str) -> list[str]:
    out = [str(v).strip() for v in values]
    if len(out) > MAX_NAMES or any(not v or len(v) > 200 for v in out):
        raise ValidationFailed(f"{field} takes at most {MAX_NAMES} column names of 1 to 200 "
                               "characters", field=field)
    return out


async def request_training(queue: JobQueue, org_id: int, *, include: Sequence[str] = (),
                           exclude: Sequence[str] = ()) -> JobRequest:
    """Queue a `train_lead_model` job (`NotEnoughLeads` now when there is clearly too little)."""
    params = {"include": _names(include, "include"), "exclude": _names(exclude, "exclude")}
    if await Lead.filter(organization_id=org_id).count() < 2 * MIN_EACH:
        raise NotEnoughLeads(f"fewer than {2 * MIN_EACH} leads to learn from: sync or "
                             "import leads first", field="leads")
    return await request_job(queue, org_id, JobKind.TRAIN_LEAD_MODEL, params)


async def request_scoring(queue: JobQueue, org_id: int) -> JobRequest:
    """Queue a `score_leads` job; `NoActiveModel` when there is nothing to score with."""
    await registry.require_active(org_id, KIND)
    return await request_job(queue, org_id, JobKind.SCORE_LEADS, {})


async def after_sync(queue: JobQueue, org_id: int) -> JobRequest | None:
    """A sync finished: queue a scoring of the open leads when there is an active lead
    model (None when there is not)."""
    if await registry.active(org_id, KIND) is None:
        return None
    return await request_job(queue, org_id, JobKind.SCORE_LEADS, {"after": "sync"})
