"""Requests that run as jobs: train the lead model, score the open leads (on request, and
after every successful sync when the organization has an active lead model).

A request while the same kind of job of the organization is still queued or running
returns that job instead of a second one (`JobRequest.existing`). Uploaded-table
evaluations also run as `train_lead_model` jobs (`params["table"]`), and are not taken for a
training in progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.enums import JobKind, JobStatus
from domain.errors import ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, submit
from domain.ml import registry
from domain.models import Job, Lead

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


async def _unfinished(org_id: int, kind: JobKind) -> Job | None:
    for job in await Job.filter(organization_id=org_id, kind=kind,
                                status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
                                ).order_by("-id").limit(20):
        if not (job.params or {}).get("table"):
            return job
    return None


async def _request(queue: JobQueue, org_id: int, kind: JobKind, params: dict[str, Any]
                   ) -> JobRequest:
    pending = await _unfinished(org_id, kind)
    if pending is not None:
        return JobRequest(job=pending, existing=True)
    return JobRequest(job=await submit(queue, org_id, kind, params), existing=False)


async def request_training(queue: JobQueue, org_id: int, *, include: Sequence[str] = (),
                           exclude: Sequence[str] = ()) -> JobRequest:
    """Queue a `train_lead_model` job (`NotEnoughLeads` now when there is clearly too little)."""
    params = {"include": _names(include, "include"), "exclude": _names(exclude, "exclude")}
    if await Lead.filter(organization_id=org_id).count() < 2 * MIN_EACH:
        raise NotEnoughLeads(f"fewer than {2 * MIN_EACH} leads to learn from: sync or "
                             "import leads first", field="leads")
    return await _request(queue, org_id, JobKind.TRAIN_LEAD_MODEL, params)


async def request_scoring(queue: JobQueue, org_id: int) -> JobRequest:
    """Queue a `score_leads` job; `NoActiveModel` when there is nothing to score with."""
    await registry.require_active(org_id, KIND)
    return await _request(queue, org_id, JobKind.SCORE_LEADS, {})


async def after_sync(queue: JobQueue, org_id: int) -> JobRequest | None:
    """A sync finished: queue a scoring of the open leads when there is an active lead
    model (None when there is not)."""
    if await registry.active(org_id, KIND) is None:
        return None
    return await _request(queue, org_id, JobKind.SCORE_LEADS, {"after": "sync"})
