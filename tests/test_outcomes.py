"""Retention outcomes: recorded by hand or detected from billing, counted for the bandit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.campaigns.outcomes import arm_counts_of, detect_outcomes, record_outcome
from domain.enums import (
    ActionStatus,
    CampaignKind,
    CampaignStatus,
    InvoiceStatus,
    JobKind,
    JobStatus,
    Outcome,
    OutcomeSource,
    RiskLevel,
    Route,
    Source,
    Stage,
    SubscriptionStatus,
    ValueTier,
)
from domain.errors import NotFound, ValidationFailed
from domain.models import (
    Action,
    ArmOutcomes,
    Campaign,
    Customer,
    Invoice,
    Job,
    LifecycleTransition,
    Organization,
    Subscription,
    Transaction,
)
from tests.support.api import count_statements
from tests.support.sync import HeldQueue, finished

DECIDED = datetime(2026, 1, 10, 6, 0, tzinfo=UTC)
ENDS = DECIDED + timedelta(days=60)
AFTER = ENDS + timedelta(days=1)
CONTEXT = "At Risk|high|medium"


def day(n: float) -> datetime:
    return DECIDED + timedelta(days=n)


async def _customer(org_id: int, name: str) -> Customer:
    return await Customer.create(organization_id=org_id, name=name, stage=Stage.CUSTOMER,
                                 created_at=day(-400))


async def _subscription(customer: Customer, start: float, end: float | None = None,
                        mrr: int = 100) -> None:
    await Subscription.create(
        organization_id=customer.organization_id, customer_id=customer.id, plan="pro",
        status=SubscriptionStatus.CANCELED if end is not None else SubscriptionStatus.ACTIVE,
        mrr=Decimal(mrr), started_at=day(start),
        canceled_at=day(end) if end is not None else None)


async def _invoice(customer: Customer, at: float, amount: int,
                   status: InvoiceStatus = InvoiceStatus.PAID) -> None:
    await Invoice.create(organization_id=customer.organization_id, customer_id=customer.id,
                         amount=Decimal(amount), status=status, issued_at=day(at),
                         paid_at=day(at) if status is InvoiceStatus.PAID else None)


async def _purchase(customer: Customer, at: float, amount: str) -> None:
    await Transaction.create(organization_id=customer.organization_id, customer_id=customer.id,
                             external_id=f"t-{customer.id}-{at}", at=day(at),
                             amount=Decimal(amount))


async def _campaign(org_id: int, decided: datetime = DECIDED, ends: datetime = ENDS
                    ) -> Campaign:
    return await Campaign.create(organization_id=org_id, kind=CampaignKind.MANUAL,
                                 name="win-back", decided_at=decided, window_ends_at=ends)


async def _action(campaign: Campaign, customer: Customer, status: ActionStatus, *,
                  arm: str = "disc10", probability: float = 0.4, segment: str = "At Risk",
                  risk: RiskLevel = RiskLevel.HIGH) -> Action:
    no_incentive = status in (ActionStatus.CONTROL, ActionStatus.MONITORING,
                              ActionStatus.NO_ACTION)
    return await Action.create(
        organization_id=campaign.organization_id, campaign_id=campaign.id,
        customer_id=customer.id, arm=arm, segment=segment, risk_level=risk,
        tier=ValueTier.MEDIUM, route=Route.MONITOR if no_incentive else Route.AUTO,
        status=status, control=status is ActionStatus.CONTROL, churn_probability=probability,
        clv=900.0, cost=30.0, decided_at=campaign.decided_at)


async def _counts(org_id: int) -> dict[tuple[str, str], tuple[int, int, float]]:
    return {(r.context, r.arm): (r.retained, r.churned, round(r.expected_churn, 9))
            for r in await ArmOutcomes.filter(organization_id=org_id)}


async def _expected_counts(org_id: int) -> dict[tuple[str, str], tuple[int, int, float]]:
    """What the counts must be, recomputed from every action of the organization."""
    return {k: (d.retained, d.churned, round(d.expected, 9)) for k, d in arm_counts_of(
        await Action.filter(organization_id=org_id)).items()}


async def _recent(org: Organization, n: int, status: ActionStatus, **kw: Any) -> list[Action]:
    now = datetime.now(UTC)
    campaign = await _campaign(org.id, decided=now - timedelta(days=2),
                               ends=now + timedelta(days=58))
    return [await _action(campaign, await _customer(org.id, f"r{i}"), status, **kw)
            for i in range(n)]


async def test_recording_counts_moves_and_repeats_change_nothing(org: Organization) -> None:
    treated = (await _recent(org, 1, ActionStatus.EXECUTED, probability=0.4))[0]
    held_out = (await _recent(org, 1, ActionStatus.CONTROL, arm="disc10", probability=0.3))[0]

    await record_outcome(org.id, treated.id, Outcome.RETAINED, revenue=Decimal("120.50"))
    await record_outcome(org.id, held_out.id, "churned")
    assert await _counts(org.id) == {(CONTEXT, "disc10"): (1, 0, 0.4),
                                     (CONTEXT, "none"): (0, 1, 0.3)}  # control: "none" arm
    stored = await Action.get(id=treated.id)
    assert stored.outcome is Outcome.RETAINED and stored.outcome_source is OutcomeSource.MANUAL
    assert stored.revenue_after == Decimal("120.50") and stored.outcome_at is not None

    with count_statements() as statements:
        await record_outcome(org.id, treated.id, Outcome.RETAINED)
    assert len(statements) == 1 and statements[0].lstrip().upper().startswith("SELECT")
    assert (await _counts(org.id))[(CONTEXT, "disc10")] == (1, 0, 0.4)

    moved = await record_outcome(org.id, treated.id, Outcome.CHURNED)
    assert moved.outcome is Outcome.CHURNED
    assert (await _counts(org.id))[(CONTEXT, "disc10")] == (0, 1, 0.4)  # moved, counted once
    assert await _counts(org.id) == await _expected_counts(org.id)


async def test_unknown_action_is_a_typed_error_and_nothing_is_written(
        org: Organization, other_org: Organization) -> None:
    theirs = (await _recent(other_org, 1, ActionStatus.EXECUTED))[0]

    with pytest.raises(NotFound) as unknown:
        await record_outcome(org.id, theirs.id + 10_000, Outcome.RETAINED)
    with pytest.raises(NotFound) as foreign:
        await record_outcome(org.id, theirs.id, Outcome.RETAINED, revenue=10)

    with pytest.raises(NotFound) as huge:
        await record_outcome(org.id, 2**70, Outcome.RETAINED)
    assert huge.value.field == "actionId"
    assert unknown.value.field == "actionId" and unknown.value.code == "NOT_FOUND"
    assert unknown.value.message == f"action {theirs.id + 10_000} not found"
    assert foreign.value.field == "actionId"
    assert (await Action.get(id=theirs.id)).outcome is None
    assert await ArmOutcomes.filter(organization_id__in=[org.id, other_org.id]).count() == 0


async def test_invalid_outcomes_are_rejected_before_anything_is_written(
        org: Organization) -> None:
    executed = (await _recent(org, 1, ActionStatus.EXECUTED))[0]
    proposed = (await _recent(org, 1, ActionStatus.PROPOSED))[0]
    rejected = (await _recent(org, 1, ActionStatus.REJECTED))[0]

    with pytest.raises(ValidationFailed) as negative:
        await record_outcome(org.id, executed.id, Outcome.RETAINED, revenue=-5)
    with pytest.raises(ValidationFailed) as never_offered:
        await record_outcome(org.id, proposed.id, Outcome.CHURNED)
    with pytest.raises(ValidationFailed) as refused:
        await record_outcome(org.id, rejected.id, Outcome.CHURNED)
    with pytest.raises(ValidationFailed) as future:
        await record_outcome(org.id, executed.id, Outcome.CHURNED,
                             at=datetime.now(UTC) + timedelta(days=3))
    with pytest.raises(ValidationFailed) as bad:
        await record_outcome(org.id, executed.id, "maybe")

    assert negative.value.field == "revenue" and "negative" in negative.value.message
    assert never_offered.value.field == "actionId" and "proposed" in never_offered.value.message
    assert refused.value.field == "actionId" and "rejected" in refused.value.message
    assert future.value.field == "at" and bad.value.field == "outcome"
    assert await Action.filter(organization_id=org.id, outcome__isnull=False).count() == 0
    assert await ArmOutcomes.filter(organization_id=org.id).count() == 0


async def test_concurrent_outcomes_in_one_context_all_count(org: Organization) -> None:
    actions = await _recent(org, 8, ActionStatus.EXECUTED, probability=0.25)

    await asyncio.gather(*(record_outcome(org.id, a.id, Outcome.RETAINED if i % 4 else
                                          Outcome.CHURNED)
                           for i, a in enumerate(actions)))

    assert await _counts(org.id) == {(CONTEXT, "disc10"): (6, 2, 2.0)}


async def _billing_world(org: Organization) -> dict[str, Action]:
    """One campaign decided on DECIDED, its window ending 60 days later, and a customer
    per billing story (see each line)."""
    campaign = await _campaign(org.id)
    acts: dict[str, Action] = {}

    async def person(name: str, status: ActionStatus = ActionStatus.EXECUTED,
                     **kw: Any) -> Customer:
        customer = await _customer(org.id, name)
        acts[name] = await _action(campaign, customer, status, **kw)
        return customer

    renewed = await person("renewed", probability=0.5)  # plan renewed in the window
    await _subscription(renewed, -200, 20)
    await _subscription(renewed, 20)
    await _invoice(renewed, -25, 100)  # before the decision
    await _invoice(renewed, 5, 100)
    await _invoice(renewed, 35, 100)
    await _invoice(renewed, 50, 100, InvoiceStatus.FAILED)
    await _invoice(renewed, 65, 100)  # after the window
    canceled = await person("canceled", probability=0.7)  # canceled in the window
    await _subscription(canceled, -300, 30)
    await _invoice(canceled, 10, 80)
    scheduled = await person("scheduled", probability=0.6)  # cancels after the window
    await _subscription(scheduled, -100, 70)
    buyer = await person("buyer", probability=0.2, segment="Loyal", risk=RiskLevel.MEDIUM)
    await _purchase(buyer, -30, "25.00")
    await _purchase(buyer, 15, "40.25")
    lapsed = await person("lapsed", probability=0.3, segment="Loyal", risk=RiskLevel.MEDIUM)
    await _purchase(lapsed, -30, "25.00")
    marked = await person("marked", probability=0.8)  # live in billing, churned in the CRM
    await _subscription(marked, -100)
    await LifecycleTransition.create(organization_id=org.id, customer_id=marked.id,
                                     from_stage=Stage.CUSTOMER, to_stage=Stage.CHURNED,
                                     at=day(40), source=Source.HUBSPOT)
    manual = await person("manual", probability=0.45)  # billing says churned, a person retained
    await _subscription(manual, -100, 10)
    control = await person("control", ActionStatus.CONTROL, arm="none", probability=0.35)
    await _subscription(control, -100)
    watched = await person("watched", ActionStatus.MONITORING, arm="none", probability=0.55)
    await _subscription(watched, -100, 45)
    for name, status in (("proposed", ActionStatus.PROPOSED), ("rejected", ActionStatus.REJECTED),
                         ("approved", ActionStatus.APPROVED)):
        await _subscription(await person(name, status), -100, 5)
    return acts


async def test_detection_reads_billing_closes_the_campaign_and_runs_once(
        org: Organization, other_org: Organization) -> None:
    acts = await _billing_world(org)
    await record_outcome(org.id, acts["manual"].id, Outcome.RETAINED, at=day(12))
    later = await _campaign(org.id, decided=day(30), ends=day(90))  # window not over
    await _action(later, await _customer(org.id, "later"), ActionStatus.EXECUTED)
    theirs = await _campaign(other_org.id)
    await _action(theirs, await _customer(other_org.id, "theirs"), ActionStatus.EXECUTED)

    result = await detect_outcomes(org.id, AFTER)

    stored = {name: await Action.get(id=a.id) for name, a in acts.items()}
    outcomes = {name: a.outcome and a.outcome.value for name, a in stored.items()}
    assert outcomes == {
        "renewed": "retained", "canceled": "churned", "scheduled": "retained",
        "buyer": "retained", "lapsed": "churned", "marked": "churned", "manual": "retained",
        "control": "retained", "watched": "churned", "proposed": None, "rejected": None,
        "approved": None}
    assert stored["manual"].outcome_source is OutcomeSource.MANUAL  # billing did not overwrite
    assert stored["renewed"].outcome_source is OutcomeSource.BILLING
    assert stored["renewed"].outcome_at == ENDS
    assert stored["renewed"].revenue_after == Decimal("200.00")
    assert stored["canceled"].revenue_after == Decimal("80.00")
    assert stored["buyer"].revenue_after == Decimal("40.25")
    assert stored["lapsed"].revenue_after == Decimal("0.00")
    campaign = await Campaign.get(id=acts["renewed"].campaign_id)
    assert campaign.status is CampaignStatus.CLOSED and campaign.outcomes_detected_at == AFTER
    assert [c.as_dict() for c in result.campaigns] == [{
        "campaign_id": campaign.id, "retained": 4, "churned": 4, "manual": 1,
        "without_outcome": 3}]
    counts = await _counts(org.id)
    assert counts == await _expected_counts(org.id)
    assert counts[(CONTEXT, "none")] == (1, 1, 0.9)  # control + monitoring
    assert counts[("Loyal|medium|medium", "disc10")] == (1, 1, 0.5)
    assert (await Campaign.get(id=later.id)).status is CampaignStatus.ACTIVE
    assert (await Campaign.get(id=theirs.id)).outcomes_detected_at is None
    assert await ArmOutcomes.filter(organization_id=other_org.id).count() == 0

    with count_statements() as statements:
        again = await detect_outcomes(org.id, AFTER + timedelta(hours=1))
    assert again.campaigns == [] and len(statements) == 1
    assert await _counts(org.id) == counts

    # a person corrects a detected outcome later: manual wins and the counts follow
    await record_outcome(org.id, acts["canceled"].id, Outcome.RETAINED)
    assert (await _counts(org.id))[(CONTEXT, "disc10")] == (4, 1, 3.05)
    assert await _counts(org.id) == await _expected_counts(org.id)


async def test_detection_is_set_based(org: Organization, other_org: Organization) -> None:
    sizes = {org.id: 3, other_org.id: 15}
    for org_id, n in sizes.items():
        campaign = await _campaign(org_id)
        for i in range(n):
            customer = await _customer(org_id, f"s{i}")
            await _subscription(customer, -50, 20 if i % 2 else None)
            await _action(campaign, customer, ActionStatus.EXECUTED if i % 3 else
                          ActionStatus.CONTROL, arm="disc10" if i % 3 else "none")

    used = {}
    for org_id in sizes:
        with count_statements() as statements:
            result = await detect_outcomes(org_id, AFTER)
        used[org_id] = len(statements)
        assert result.retained + result.churned == sizes[org_id]
        assert await _counts(org_id) == await _expected_counts(org_id)
    assert used[org.id] == used[other_org.id] == 6  # due campaigns, then 5 per campaign


async def test_the_nightly_cron_queues_detection_and_the_job_closes_campaigns(
        org: Organization, runtime: Any) -> None:
    from workers.outcomes import nightly_outcome_detection

    acts = await _billing_world(org)
    held = HeldQueue()
    queued = await nightly_outcome_detection({**runtime.context(), "queue": held})
    parked = held.jobs
    assert queued == len(parked) >= 1
    mine = [j for j in parked if j.organization_id == org.id]
    assert len(mine) == 1 and mine[0].kind is JobKind.DETECT_OUTCOMES
    await Job.filter(id__in=[j.id for j in parked if j.organization_id != org.id]).delete()
    again = HeldQueue()
    await nightly_outcome_detection({**runtime.context(), "queue": again})
    assert org.id not in {j.organization_id for j in again.jobs}  # not doubled
    await Job.filter(id__in=[j.id for j in again.jobs]).delete()

    await runtime.queue.enqueue(mine[0])
    done = await finished(mine[0].id, wait=60)

    assert done.status is JobStatus.SUCCEEDED, done.error
    assert done.result is not None and done.result["closed"] == 1
    assert done.result["retained"] == 4 and done.result["churned"] == 5
    campaign = await Campaign.get(id=acts["renewed"].campaign_id)
    assert campaign.status is CampaignStatus.CLOSED
    assert await _counts(org.id) == await _expected_counts(org.id)
