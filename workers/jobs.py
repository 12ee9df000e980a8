"""Job functions run by arq. Each is `async def verb_noun(ctx, ...)` and idempotent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from domain.enums import JobKind, SyncMode
from domain.errors import DomainError
from domain.imports.service import apply_import
from domain.jobs import service as jobs
from domain.models import Job
from domain.settings import get_settings
from domain.sync import service as syncs

if TYPE_CHECKING:
    from domain.ml.fitting import FitIn

T = TypeVar("T")

log = logging.getLogger(__name__)


async def import_csv(ctx: dict[str, Any], job_id: int) -> None:
    """Write a validated CSV batch; a second run of a finished batch does nothing."""
    await jobs.run(job_id, ctx["bus"], apply_import)


async def sync_source(ctx: dict[str, Any], job_id: int) -> None:
    """Sync one provider for one organization, page by page, resuming from the run's
    committed cursor."""
    from workers.sync.runner import run_sync

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        result = await run_sync(job, progress, bus=ctx["bus"], settings=ctx["settings"],
                                transport=ctx.get("transport"), policy=ctx.get("retry_policy"))
        if result.get("status") == "succeeded":  # new leads: score them with the lead model
            from domain.leads.commands import after_sync

            scoring = await after_sync(ctx["queue"], job.organization_id)
            result["score_leads_job_id"] = scoring.job.id if scoring else None
        return result

    await jobs.run(job_id, ctx["bus"], handler)


async def process_webhook(ctx: dict[str, Any], job_id: int) -> None:
    """Apply received webhook events (re-fetching current state from the provider)."""
    from workers.sync.webhooks import process_events

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await process_events(job, progress, settings=ctx["settings"],
                                    transport=ctx.get("transport"),
                                    policy=ctx.get("retry_policy"))

    await jobs.run(job_id, ctx["bus"], handler)


def fit_in(ctx: dict[str, Any]) -> FitIn:
    """Run CPU-heavy fitting in the worker's process pool (a thread when there is none)."""
    pool = ctx.get("process_pool")

    def run(fn: Callable[..., T], /, *args: Any) -> Awaitable[T]:
        if pool is None:
            return asyncio.to_thread(fn, *args)
        return asyncio.get_running_loop().run_in_executor(pool, fn, *args)

    return run


async def train_churn_model(ctx: dict[str, Any], job_id: int) -> None:
    """Train, evaluate and register a churn model for the job's organization; the model is
    promoted only if it beats the active one on held-out data."""
    from domain.churn import service as churn

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        params = job.params or {}
        outcome = await churn.train_churn_model(
            job.organization_id, horizon_days=int(params.get("horizon_days", 90)),
            cutoffs=int(params.get("cutoffs", 6)), fit_in=fit_in(ctx), progress=progress)
        return outcome.as_dict()

    await jobs.run(job_id, ctx["bus"], handler)


async def score_customers(ctx: dict[str, Any], job_id: int) -> None:
    """Score the organization's live customers with its active churn model (chunked and
    vectorised); level changes are stored and published as risk changes."""
    from domain.churn import commands, scoring

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        outcome = await scoring.score_customers(job.organization_id, bus=ctx["bus"],
                                                settings=ctx["settings"], chunk=500,
                                                progress=progress)
        result = outcome.as_dict()
        if outcome.drift and outcome.drift.get("flagged"):
            # drift above the threshold: the model is due for retraining (at most one queued)
            retrain = await commands.request_training(ctx["queue"], job.organization_id)
            result["retraining_job_id"] = retrain.job.id
        return result

    await jobs.run(job_id, ctx["bus"], handler)


async def evaluate_churn_table(ctx: dict[str, Any], job_id: int) -> None:
    """Cross-validate the churn estimator on an uploaded table (in the process pool)."""
    from domain.churn import table

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await table.run_table_evaluation(job, fit_in(ctx), progress)

    await jobs.run(job_id, ctx["bus"], handler)


async def fit_clv_models(ctx: dict[str, Any], job_id: int) -> None:
    """Fit the value models in the process pool and store every customer's CLV, retrain the
    new-customer (acquisition) model when there is history for it, then queue the segment
    update, which uses the new value tiers."""
    from domain.acquisition.service import train_acquisition_model
    from domain.clv import service as clv
    from domain.segments import commands as segments

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        outcome = await clv.fit_clv_models(job.organization_id, settings=ctx["settings"],
                                           fit_in=fit_in(ctx), progress=progress)
        result = outcome.as_dict()
        await progress(0.9, "training the new-customer value model")
        try:
            acquisition = await train_acquisition_model(job.organization_id, fit_in=fit_in(ctx))
            result["acquisition_model"] = {"version": acquisition.version,
                                           "status": acquisition.status.value}
        except DomainError as exc:
            result["acquisition_model"] = {"skipped": exc.message}
        if outcome.valued:
            try:
                follow = await segments.request_update(ctx["queue"], job.organization_id)
                result["segments_job_id"] = follow.job.id
            except DomainError as exc:  # e.g. subscribers valued before any paid invoice
                result["segments_job_id"] = None
                result["segments_skipped"] = exc.message
        return result

    await jobs.run(job_id, ctx["bus"], handler)


async def update_segments(ctx: dict[str, Any], job_id: int) -> None:
    """RFM segments combined with churn risk and value tiers, behavioural clusters, stored
    as the day's snapshot (a second run the same day replaces it)."""
    from domain.segments import service as segments

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        await progress(0.1, "scoring recency, frequency and spend")
        outcome = await segments.update_segments(job.organization_id, fit_in=fit_in(ctx))
        return outcome.as_dict()

    await jobs.run(job_id, ctx["bus"], handler)


async def nightly_value_refresh(ctx: dict[str, Any]) -> int:
    """Queue a value fit (followed by a segment update) for every organization with
    purchases or subscriptions."""
    from domain.jobs.service import request_job
    from domain.models import Subscription, Transaction

    orgs: set[int] = set()
    for model in (Transaction, Subscription):
        orgs |= {int(o) for o in await model.all().distinct().values_list(  # type: ignore[call-overload]
            "organization_id", flat=True)}
    for org_id in sorted(orgs):  # an unfinished fit of the organization is not doubled
        await request_job(ctx["queue"], org_id, JobKind.FIT_CLV_MODELS, {})
    return len(orgs)


async def nightly_churn_scoring(ctx: dict[str, Any]) -> int:
    """Queue a scoring run for every organization with an active churn model."""
    from domain.churn.commands import KIND
    from domain.ml import registry

    queued = 0
    for org_id in await registry.organizations_with_active(KIND):
        await jobs.submit(ctx["queue"], org_id, JobKind.SCORE_CUSTOMERS)
        queued += 1
    return queued


async def weekly_churn_training(ctx: dict[str, Any]) -> int:
    """Queue a retraining for every organization with billing history (the new model is
    promoted only if it beats the active one on held-out data)."""
    from domain.models import Subscription

    queued = 0
    for org_id in await Subscription.all().distinct().values_list("organization_id", flat=True):
        await jobs.submit(ctx["queue"], int(org_id),  # type: ignore[call-overload]
                          JobKind.TRAIN_CHURN_MODEL)
        queued += 1
    return queued


async def sweep_jobs(ctx: dict[str, Any]) -> int:
    """Re-enqueue jobs lost with a killed worker (no heartbeat for `job_stale_seconds`)."""
    stale = timedelta(seconds=get_settings().job_stale_seconds)
    return await jobs.sweep(ctx["queue"], stale, ctx["bus"])


async def schedule_syncs(ctx: dict[str, Any]) -> int:
    """Start the incremental syncs whose cron schedule fires this minute; resume paused
    runs whose pause is over. Returns how many runs were started or resumed."""
    started = 0
    for integration in await syncs.due_schedules(datetime.now(UTC)):
        try:
            await syncs.start_sync(ctx["queue"], integration.organization_id,
                                   integration.source, SyncMode.INCREMENTAL)
            started += 1
        except DomainError as exc:
            log.info("scheduled %s sync for organization %s skipped: %s",
                     integration.source.value, integration.organization_id, exc.message)
    return started + await syncs.resume_paused(ctx["queue"])


async def run_forecast(ctx: dict[str, Any], job_id: int) -> None:
    """Backtest, forecast and store the organization's monthly revenue forecast (the
    fitting runs in the process pool)."""
    from domain.forecasts import service as forecasts

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        params = job.params or {}
        row = await forecasts.run_forecast(
            job.organization_id, horizon_months=int(params.get("horizon_months", 12)),
            include_pipeline=bool(params.get("include_pipeline", False)),
            fit_in=fit_in(ctx), progress=progress)
        return {"forecast_id": row.id, "method": row.method, "reason": row.reason}

    await jobs.run(job_id, ctx["bus"], handler)


async def nightly_forecast_refresh(ctx: dict[str, Any]) -> int:
    """Queue a 12-month revenue forecast for every organization with revenue (paid
    invoices or purchases); an unfinished forecast job of the organization is not doubled."""
    from domain.jobs.service import request_job
    from domain.models import Invoice, Transaction

    orgs: set[int] = set()
    for rows in (Invoice.filter(paid_at__isnull=False, amount__gt=0),
                 Transaction.filter(amount__gt=0)):
        orgs |= {int(o) for o in await rows.distinct().values_list(  # type: ignore[call-overload]
            "organization_id", flat=True)}
    for org_id in sorted(orgs):
        await request_job(ctx["queue"], org_id, JobKind.RUN_FORECAST,
                          {"horizon_months": 12, "include_pipeline": False})
    return len(orgs)


async def train_lead_model(ctx: dict[str, Any], job_id: int) -> None:
    """Train the lead scoring model (leaking columns excluded) and, once it is active, score
    the open leads."""
    from domain.leads import scoring
    from domain.leads import service as leads

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        params = job.params or {}
        outcome = await leads.train_lead_model(
            job.organization_id, include=[str(c) for c in params.get("include", [])],
            exclude=[str(c) for c in params.get("exclude", [])], fit_in=fit_in(ctx),
            progress=progress)
        result = outcome.as_dict()
        if outcome.promoted:
            result["scoring"] = (await scoring.score_leads(job.organization_id)).as_dict()
        return result

    await jobs.run(job_id, ctx["bus"], handler)


async def evaluate_lead_table(ctx: dict[str, Any], job_id: int) -> None:
    """Cross-validate the lead model on an uploaded table (leaking columns excluded), in the
    process pool."""
    from domain.leads import tabular

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await tabular.run_table_evaluation(job, fit_in(ctx), progress)

    await jobs.run(job_id, ctx["bus"], handler)


async def score_leads(ctx: dict[str, Any], job_id: int) -> None:
    """Score the organization's open leads with its active lead model."""
    from domain.leads import scoring

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        await progress(0.1, "scoring open leads")
        return (await scoring.score_leads(job.organization_id)).as_dict()

    await jobs.run(job_id, ctx["bus"], handler)
