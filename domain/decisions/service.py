"""Use cases of retention decisions: the nightly batch, manual campaigns and a one-customer
preview. Each runs the same pipeline (`candidates` -> `batch.plan` -> `writes`).

Nightly batch (`run_batch`): one campaign per organization and day (batch key
"nightly:YYYY-MM-DD"). When the day's campaign exists it is returned at once and nothing
is scored or written. Otherwise, with `score`, customers are first scored with the active
churn model unless it already scored them that day (the 02:15 nightly scoring), then the
candidates are decided with draws seeded from (organization, day), the campaign and its
actions written in one transaction (a concurrent run's commit wins on the unique key), the
campaign published on `campaign_channel`, and the AUTO-approved actions executed with their
deliveries queued (`domain.campaigns.execution`).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from domain.campaigns.events import event
from domain.campaigns.execution import MAX_BATCH, execute_actions, request_execution
from domain.campaigns.messages import DraftInput, MessageGenerator, load_generator
from domain.churn.commands import KIND as CHURN
from domain.churn.scoring import score_customers
from domain.decisions import batch
from domain.decisions.candidates import (
    Audience,
    Candidates,
    context_risk,
    load_candidates,
    parse_audience,
)
from domain.decisions.evidence import load_evidence
from domain.decisions.writes import CampaignDraft, Written, write_campaign
from domain.enums import ActionStatus, CampaignKind, CostBasis, RiskLevel, ValueTier
from domain.errors import NotFound, ValidationFailed
from domain.events import EventBus, campaign_channel
from domain.incentives.catalogue import spec
from domain.incentives.service import RulesConfig, ensure_catalogue, get_rules, rules_config
from domain.jobs.service import JobQueue
from domain.ml import registry
from domain.models import Campaign, Customer, CustomerRisk
from domain.settings import Settings
from domain.times import utc

Progress = Callable[[float, str], Awaitable[None]]
AUTO_ACTOR = "system (auto route)"
SCORING_SHARE = 0.6  # of the progress bar, when scoring runs


async def _quiet(_fraction: float, _message: str) -> None:
    return None


def batch_key(day: date) -> str:
    return f"nightly:{day.isoformat()}"


def campaign_payload(campaign: Campaign) -> dict[str, Any]:
    """The "decided" event published on `campaign_channel` when a campaign is written
    (`domain.campaigns.events.event`, with the campaign's kind, batch key and summary)."""
    return {**event(campaign.organization_id, campaign.id, "decided"),
            "kind": campaign.kind.value, "batch_key": campaign.batch_key,
            "summary": campaign.summary}


@dataclass(frozen=True)
class Context:
    rules: RulesConfig
    arms: batch.Arms


async def _context(org_id: int) -> Context:
    active = [i for i in await ensure_catalogue(org_id) if i.active]  # ordered by code
    rules = rules_config(await get_rules(org_id))
    return Context(rules, batch.Arms(tuple(spec(i) for i in active),
                                     tuple(int(i.id) for i in active)))


def _cooldown_window(ctx: Context) -> int:
    return max([s.cooldown_days for s in ctx.arms.specs] + [1])


async def _setup(org_id: int, ctx: Context, found: Candidates, *, seed: int,
                 control_seed: int, reference: Mapping[str, float] | None) -> batch.Setup:
    """The plan's inputs. With a `reference` (deciding for a subset of the population),
    every population context takes part, as in the nightly batch."""
    contexts = sorted(set(found.contexts().tolist()) | set(reference or ()))
    evidence = await load_evidence(org_id, contexts, ctx.arms.codes)
    return batch.Setup(rules=ctx.rules, arms=ctx.arms, evidence=evidence, seed=seed,
                       control_seed=control_seed, reference_risk=reference)


def drafts(plan: batch.Plan, generator: MessageGenerator) -> list[str]:
    """Message drafts of the offered incentives (PROPOSED / APPROVED), "" for the others."""
    c, specs = plan.candidates, plan.setup.arms.specs
    offered = np.flatnonzero(plan.given >= 0)
    items = []
    for i in offered.tolist():
        s = specs[int(plan.given[i])]
        amount = s.amount if s.cost_basis is CostBasis.FIXED else (
            round(float(plan.cost[i]), 2) if s.cost_basis is CostBasis.CLV else None)
        items.append(DraftInput(
            customer_name=str(c.name[i]), segment=str(c.segment[i]),
            risk_level=RiskLevel(c.level[i]), tier=ValueTier(c.tier[i]), incentive_code=s.code,
            incentive_name=s.name, incentive_kind=s.kind, percent=s.percent, amount=amount,
            duration_months=s.duration_months, currency=str(c.currency[i]) or "USD"))
    out = [""] * len(plan)
    for i, text in zip(offered.tolist(), generator.draft_many(items) if items else [],
                       strict=True):
        out[i] = text
    return out


@dataclass(frozen=True)
class Decided:
    written: Written
    executed: int
    execute_job_id: int | None
    seconds: dict[str, float]


async def _decide_and_write(org_id: int, ctx: Context, found: Candidates, draft_of: Callable[
        [batch.Plan], CampaignDraft], *, key: str, reference: Mapping[str, float] | None,
        settings: Settings, bus: EventBus | None, queue: JobQueue | None,
        report: Progress, at: float) -> Decided:
    setup = await _setup(org_id, ctx, found, seed=batch.seed_of(org_id, key, "bandit"),
                         control_seed=batch.seed_of(org_id, key, "control"),
                         reference=reference)
    await report(at, f"deciding for {len(found):,} customers")
    clock = time.perf_counter()
    plan = await asyncio.to_thread(batch.plan, found, setup)
    seconds = {"decide": time.perf_counter() - clock}
    clock = time.perf_counter()
    messages = await asyncio.to_thread(drafts, plan, load_generator(settings))
    seconds["messages"] = time.perf_counter() - clock
    await report(at + (1 - at) * 0.3, f"writing {len(plan):,} actions")
    clock = time.perf_counter()
    written = await write_campaign(draft_of(plan), plan, messages=messages)
    seconds["write"] = time.perf_counter() - clock
    executed, job_id = 0, None
    if written.created:
        if bus is not None:
            await bus.publish(campaign_channel(org_id), campaign_payload(written.campaign))
        if written.approved_ids:
            await report(at + (1 - at) * 0.8,
                         f"executing {len(written.approved_ids):,} automatic actions")
            clock = time.perf_counter()
            executed, job_id = await _execute(org_id, written.approved_ids, settings, queue)
            seconds["execute"] = time.perf_counter() - clock
            if bus is not None:  # every approved action is the written campaign's
                await bus.publish(campaign_channel(org_id), event(
                    org_id, written.campaign.id, "executed", written.approved_ids))
    return Decided(written, executed, job_id, {k: round(v, 3) for k, v in seconds.items()})


async def _execute(org_id: int, ids: list[int], settings: Settings, queue: JobQueue | None
                   ) -> tuple[int, int | None]:
    executed = deliveries = 0
    for k in range(0, len(ids), MAX_BATCH):
        result = await execute_actions(org_id, ids[k:k + MAX_BATCH], actor=AUTO_ACTOR,
                                       settings=settings)
        executed += len(result.executed)
        deliveries += len(result.deliveries)
    if deliveries and queue is not None:
        return executed, (await request_execution(queue, org_id)).id
    return executed, None


@dataclass(frozen=True)
class BatchOutcome:
    organization_id: int
    campaign_id: int
    batch_key: str
    created: bool  # False: the day's campaign existed; nothing was scored or written
    actions: int
    summary: dict[str, Any]
    scoring: dict[str, Any] | None = None
    executed: int = 0
    execute_job_id: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"organization_id": self.organization_id, "campaign_id": self.campaign_id,
                "batch_key": self.batch_key, "created": self.created, "actions": self.actions,
                "summary": self.summary, "scoring": self.scoring, "executed": self.executed,
                "execute_job_id": self.execute_job_id, "seconds": self.seconds,
                "notes": self.notes}


async def _existing(org_id: int, key: str) -> Campaign | None:
    return await Campaign.get_or_none(organization_id=org_id, batch_key=key)


def _skipped(campaign: Campaign, note: str) -> BatchOutcome:
    return BatchOutcome(organization_id=campaign.organization_id, campaign_id=campaign.id,
                        batch_key=campaign.batch_key or "", created=False, actions=0,
                        summary=campaign.summary, notes=[note])


async def _score(org_id: int, *, moment: datetime, bus: EventBus | None, settings: Settings,
                 report: Progress, chunk: int) -> tuple[dict[str, Any] | None, str]:
    """Score with the active churn model unless it already scored today."""
    version = await registry.active(org_id, CHURN)
    if version is None:
        return None, "no active churn model: deciding on the stored scores"
    start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if await CustomerRisk.filter(organization_id=org_id, model_version_id=version.id,
                                 scored_at__gte=start, scored_at__lte=moment).exists():
        return None, f"churn model v{version.version} already scored today: not rescored"

    async def scaled(fraction: float, message: str) -> None:
        await report(fraction * SCORING_SHARE, message)

    outcome = await score_customers(org_id, bus=bus, settings=settings, now=moment,
                                    chunk=chunk, progress=scaled)
    return {"scored": outcome.scored, "population": outcome.population,
            "model_version": outcome.model_version, "changes": outcome.changes}, ""


async def run_batch(org_id: int, *, settings: Settings, bus: EventBus | None = None,
                    queue: JobQueue | None = None, day: date | None = None, score: bool = True,
                    now: datetime | None = None, progress: Progress | None = None,
                    chunk: int = 5000) -> BatchOutcome:
    """The nightly batch of one organization (module docstring)."""
    moment = utc(now or datetime.now(UTC))
    day = day or moment.date()
    key = batch_key(day)
    report = progress or _quiet
    seconds: dict[str, float] = {}
    found_campaign = await _existing(org_id, key)
    if found_campaign is not None:
        return _skipped(found_campaign, f"the campaign of {day} exists: nothing written")
    notes: list[str] = []
    scoring = None
    started = time.perf_counter()
    if score:
        scoring, note = await _score(org_id, moment=moment, bus=bus, settings=settings,
                                     report=report, chunk=chunk)
        if note:
            notes.append(note)
        seconds["score"] = round(time.perf_counter() - started, 3)
    at = SCORING_SHARE if scoring else 0.05
    await report(at, "reading candidates")
    started = time.perf_counter()
    ctx = await _context(org_id)
    found = await load_candidates(org_id, min_probability=ctx.rules.min_probability,
                                  at=moment, cooldown_days=_cooldown_window(ctx))
    seconds["candidates"] = round(time.perf_counter() - started, 3)

    def draft(plan: batch.Plan) -> CampaignDraft:
        return CampaignDraft(
            organization_id=org_id, kind=CampaignKind.NIGHTLY, name=f"Nightly {day}",
            batch_key=key, audience={"min_probability": ctx.rules.min_probability},
            summary=batch.summary(plan), model_versions=batch.versions_used(plan.candidates),
            decided_at=moment, window_ends_at=moment + timedelta(days=ctx.rules.window_days))

    decided = await _decide_and_write(org_id, ctx, found, draft, key=key, reference=None,
                                      settings=settings, bus=bus, queue=queue, report=report,
                                      at=at + 0.05)
    seconds.update(decided.seconds)
    written = decided.written
    if not written.created:
        return _skipped(written.campaign, f"the campaign of {day} was written by a "
                                          "concurrent run: nothing written")
    await report(1.0, f"campaign {written.campaign.id}: {written.actions:,} decisions")
    return BatchOutcome(
        organization_id=org_id, campaign_id=written.campaign.id, batch_key=key, created=True,
        actions=written.actions, summary=written.campaign.summary, scoring=scoring,
        executed=decided.executed, execute_job_id=decided.execute_job_id, seconds=seconds,
        notes=notes)


def _name(name: Any) -> str:
    text = name.strip() if isinstance(name, str) else ""
    if not text or len(text) > 200:
        raise ValidationFailed("name must be 1-200 characters", field="name")
    return text


async def _check_customers(org_id: int, audience: Audience) -> None:
    if not audience.customer_ids:
        return
    mine = {int(i) for i in await Customer.filter(  # type: ignore[call-overload]
        organization_id=org_id, id__in=list(audience.customer_ids)).values_list(
        "id", flat=True)}
    for i, cid in enumerate(audience.customer_ids):
        if cid not in mine:
            raise ValidationFailed(f"customer {cid} is not a customer of this organization",
                                   field=f"audience.customerIds[{i}]")


async def create_campaign(org_id: int, name: str, audience: Mapping[str, Any] | Audience | None,
                          *, settings: Settings, actor: str, bus: EventBus | None = None,
                          queue: JobQueue | None = None, now: datetime | None = None
                          ) -> Campaign:
    """A MANUAL campaign over the customers the audience filter selects (among those with
    a churn score at or above the rules' minimum probability, unless the filter sets its
    own minimum), decided, routed and written like the nightly batch."""
    title = _name(name)
    chosen = parse_audience(audience)
    await _check_customers(org_id, chosen)
    moment = utc(now or datetime.now(UTC))
    ctx = await _context(org_id)
    floor = chosen.min_probability if chosen.min_probability is not None \
        else ctx.rules.min_probability
    found = await load_candidates(org_id, min_probability=floor, at=moment, audience=chosen,
                                  cooldown_days=_cooldown_window(ctx))
    if not len(found):
        raise ValidationFailed("no customer matches this audience (customers need a churn "
                               f"score of at least {floor:g})", field="audience")
    reference = await context_risk(org_id, ctx.rules.min_probability)
    key = f"manual:{uuid.uuid4().hex}"

    def draft(plan: batch.Plan) -> CampaignDraft:
        return CampaignDraft(
            organization_id=org_id, kind=CampaignKind.MANUAL, name=title, batch_key=None,
            audience=chosen.as_dict(), summary={**batch.summary(plan), "created_by": actor},
            model_versions=batch.versions_used(plan.candidates), decided_at=moment,
            window_ends_at=moment + timedelta(days=ctx.rules.window_days))

    decided = await _decide_and_write(org_id, ctx, found, draft, key=key,
                                      reference=reference, settings=settings, bus=bus,
                                      queue=queue, report=_quiet, at=0.0)
    return decided.written.campaign


@dataclass(frozen=True)
class Preview:
    """The decision one customer would get now (nothing is written)."""

    customer_id: int
    considered: bool  # the churn probability reaches the rules' minimum
    status: ActionStatus
    arm: str
    route: str
    cost: float
    expected_gain: float
    expected_roi: float | None
    priority: float
    urgency_days: float | None
    explanation: dict[str, Any]


async def decision_preview(org_id: int, customer_id: int, *, now: datetime | None = None
                           ) -> Preview:
    """The decision for one customer as tonight's batch would draw it: the control draw is
    the batch's own (same key); the bandit's draw is seeded per customer, so the chosen
    incentive may differ from the batch's when several incentives are close."""
    if not await Customer.exists(organization_id=org_id, id=customer_id):
        raise NotFound(f"customer {customer_id} not found", field="customerId")
    moment = utc(now or datetime.now(UTC))
    ctx = await _context(org_id)
    found = await load_candidates(org_id, min_probability=0.0, at=moment,
                                  audience=Audience(customer_ids=(customer_id,)),
                                  cooldown_days=_cooldown_window(ctx))
    if not len(found):
        raise ValidationFailed(f"customer {customer_id} has no churn score: score customers "
                               "with an active churn model first", field="customerId")
    reference = await context_risk(org_id, ctx.rules.min_probability)
    key = batch_key(moment.date())
    setup = await _setup(org_id, ctx, found, seed=batch.seed_of(org_id, key, customer_id),
                         control_seed=batch.seed_of(org_id, key, "control"),
                         reference=reference)
    plan = await asyncio.to_thread(batch.plan, found, setup)
    explanation = batch.explanations(plan, 0, 1)[0]
    considered = bool(found.probability[0] >= ctx.rules.min_probability)
    if not considered:
        explanation["note"] = (f"churn probability {found.probability[0]:.2f} is below the "
                               f"minimum {ctx.rules.min_probability:g}: the batch does not "
                               "decide for this customer")
    roi = float(plan.roi[0])
    days = float(found.days_to_churn[0])
    return Preview(
        customer_id=customer_id, considered=considered, status=ActionStatus(plan.status[0]),
        arm=batch.arm_codes(plan, 0, 1)[0], route=str(plan.route[0]),
        cost=float(plan.cost[0]), expected_gain=float(plan.expected_gain[0]),
        expected_roi=roi if np.isfinite(roi) else None, priority=float(plan.expected_gain[0]),
        urgency_days=days if np.isfinite(days) else None, explanation=explanation)
