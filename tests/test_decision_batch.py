"""The decision batch: one campaign per organization and day (also under concurrent runs),
routes, control group, cooldowns, the audit trail, manual campaigns, the preview, the job
and its nightly cron, organization scoping."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from domain.decisions import service
from domain.decisions.commands import request_batch
from domain.decisions.queries import explain
from domain.enums import (
    ActionStatus,
    CampaignKind,
    Channel,
    DeliveryStatus,
    IncentiveKind,
    JobKind,
    JobStatus,
    Route,
    ValueTier,
)
from domain.errors import NotFound, ValidationFailed
from domain.events import campaign_channel, job_channel
from domain.incentives.service import RulesInput, configure_decision_rules, ensure_catalogue
from domain.models import Action, Campaign, Customer, Delivery, Incentive, Job, Organization
from domain.settings import Settings
from tests.support.decisions import (
    NOW,
    Spec,
    given_before,
    learned,
    models,
    place,
    random_specs,
)
from tests.support.sync import HeldQueue

DAY = NOW.date()


class RecordingBus:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    async def publish(self, channel: str, payload: dict[str, Any]) -> None:
        self.events.append((channel, payload))

    def subscription(self, channel: str) -> Any:
        raise NotImplementedError


async def _rules(org_id: int, settings: Settings, **values: Any) -> None:
    await configure_decision_rules(org_id, RulesInput(**values), settings)


async def _actions(campaign_id: int) -> dict[int, Action]:
    return {a.customer_id: a for a in await Action.filter(campaign_id=campaign_id)}


async def _batch(org_id: int, settings: Settings, **kw: Any) -> service.BatchOutcome:
    kw.setdefault("day", DAY)
    return await service.run_batch(org_id, settings=settings, now=NOW, score=False, **kw)


async def test_a_second_run_the_same_day_writes_nothing_and_another_day_a_new_campaign(
        org: Organization, settings: Settings) -> None:
    versions = await models(org.id)
    ids = await place(org.id, versions, random_specs(300, seed=1))
    bus = RecordingBus()
    first = await _batch(org.id, settings, bus=bus)
    assert first.created and first.actions == 300 and first.batch_key == f"nightly:{DAY}"
    before = await _actions(first.campaign_id)
    assert set(before) == set(ids)
    published = [p for ch, p in bus.events if ch == campaign_channel(org.id)]
    assert (published[0]["campaign_id"], published[0]["reason"]) == (first.campaign_id,
                                                                      "decided")
    assert published[0]["summary"]["customers"] == 300

    again = await _batch(org.id, settings, bus=bus)
    assert not again.created and again.campaign_id == first.campaign_id
    assert await Campaign.filter(organization_id=org.id).count() == 1
    assert await Action.filter(organization_id=org.id).count() == 300
    after = await _actions(first.campaign_id)
    assert {c: (a.id, a.arm, a.status) for c, a in after.items()} == {
        c: (a.id, a.arm, a.status) for c, a in before.items()}
    assert len(bus.events) == len(published)  # the second run published nothing

    # the same day decided again from scratch makes the same draws
    await Campaign.filter(id=first.campaign_id).delete()
    redo = await _batch(org.id, settings)
    assert redo.created
    redone = await _actions(redo.campaign_id)
    assert {c: (a.arm, a.status) for c, a in redone.items()} == {
        c: (a.arm, a.status) for c, a in before.items()}

    other = await _batch(org.id, settings, day=DAY - timedelta(days=1))
    assert other.created and other.campaign_id != redo.campaign_id
    assert await Campaign.filter(organization_id=org.id).count() == 2
    assert await Action.filter(organization_id=org.id).count() == 600


async def test_two_concurrent_runs_write_one_campaign(org: Organization,
                                                      settings: Settings) -> None:
    versions = await models(org.id)
    await place(org.id, versions, random_specs(400, seed=2))
    outcomes = await asyncio.gather(_batch(org.id, settings), _batch(org.id, settings))
    assert sorted(o.created for o in outcomes) == [False, True]
    assert outcomes[0].campaign_id == outcomes[1].campaign_id
    assert await Campaign.filter(organization_id=org.id).count() == 1
    assert await Action.filter(organization_id=org.id).count() == 400


async def test_the_control_group_has_the_configured_share_and_no_incentive(
        org: Organization, settings: Settings) -> None:
    versions = await models(org.id)
    await place(org.id, versions, random_specs(3000, seed=3))
    await _rules(org.id, settings, control_share=0.2)
    outcome = await _batch(org.id, settings)
    actions = list((await _actions(outcome.campaign_id)).values())
    control = [a for a in actions if a.status is ActionStatus.CONTROL]
    offered = [a for a in actions if a.status in (ActionStatus.PROPOSED, ActionStatus.APPROVED,
                                                  ActionStatus.EXECUTED)]
    drawn = len(control) + len(offered)
    assert drawn > 1500
    share = len(control) / drawn
    assert abs(share - 0.2) < 4 * (0.2 * 0.8 / drawn) ** 0.5, share
    assert outcome.summary["control"] == len(control)
    for action in control:
        assert action.incentive_id is None and action.arm == "none" and action.cost == 0
        assert action.message == ""
        e = action.explanation
        assert e["control"]["held_out"] is True and e["control"]["draw"] < 0.2
        assert e["incentive"]["code"] == e["chosen"] != "none"  # what it would have got
        assert "Held out as control" in explain(action)
    assert all(a.explanation["control"]["held_out"] is False for a in offered)


async def test_routes_follow_the_default_rules(org: Organization, settings: Settings) -> None:
    versions = await models(org.id)
    await _rules(org.id, settings, control_share=0.0, channels=["webhook", "onsite"],
                 webhook_url="https://hooks.example.com/retention",
                 webhook_secret="s3cret-s3cret-s3cret")
    urgent, review, monitor, auto, no_pay = await place(org.id, versions, [
        Spec(0.85, 3000.0, mrr=100.0),
        Spec(0.7, 8000.0, mrr=300.0, tier=ValueTier.HIGH),
        Spec(0.5, 1500.0, mrr=80.0),
        Spec(0.3, 1900.0, mrr=10.0, tier=ValueTier.LOW),
        Spec(0.25, 10.0, mrr=50.0, tier=ValueTier.LOW),
    ])
    await learned(org.id)
    bus = RecordingBus()
    outcome = await _batch(org.id, settings, bus=bus)
    actions = await _actions(outcome.campaign_id)
    expected = {urgent: (Route.URGENT, ActionStatus.PROPOSED, "urgent"),
                review: (Route.REVIEW, ActionStatus.PROPOSED, "review"),
                monitor: (Route.MONITOR, ActionStatus.MONITORING, "monitor"),
                auto: (Route.AUTO, ActionStatus.EXECUTED, "auto_low_risk"),
                no_pay: (Route.AUTO, ActionStatus.NO_ACTION, "auto_low_risk")}
    for cid, (route, status, rule) in expected.items():
        a = actions[cid]
        assert (a.route, a.status, a.explanation["rule"]) == (route, status, rule), \
            a.explanation
    for cid in (urgent, review, auto):
        assert actions[cid].incentive_id is not None and actions[cid].arm != "none"
        assert actions[cid].cost > 0 and actions[cid].expected_gain > 0
        assert actions[cid].message.startswith("Subject: ")  # a draft for the offer
    for cid in (monitor, no_pay):
        assert actions[cid].incentive_id is None and actions[cid].arm == "none"
        assert actions[cid].cost == 0 and actions[cid].message == ""
    assert actions[no_pay].explanation["choice"].startswith("no incentive pays")
    assert actions[urgent].urgency_days == 60.0
    executed = actions[auto]
    assert executed.executed_at is not None and outcome.executed == 1
    assert [(p["reason"], p["action_ids"]) for _, p in bus.events] == [
        ("decided", []), ("executed", [executed.id])]
    deliveries = await Delivery.filter(action_id=executed.id)
    assert [(d.channel, d.status) for d in deliveries] == [(Channel.WEBHOOK,
                                                           DeliveryStatus.PENDING)]
    assert outcome.execute_job_id is None  # no queue given: nothing to send it with
    assert not await Delivery.filter(action_id__in=[actions[c].id for c in (urgent, review)
                                                    ]).exists()
    s = outcome.summary
    assert (s["targeted"], s["monitored"], s["no_action"], s["control"]) == (3, 1, 1, 0)
    assert s["by_route"] == {"auto": 2, "review": 1, "urgent": 1, "monitor": 1}
    offered = [actions[c] for c in (urgent, review, auto)]
    assert s["expected_cost"] == pytest.approx(sum(a.cost for a in offered), abs=0.02)
    assert s["expected_net"] == pytest.approx(sum(a.expected_gain for a in offered), abs=0.02)


@pytest.mark.parametrize("status", ["executed", "proposed"])
async def test_an_incentive_kind_given_within_its_cooldown_is_not_offered(
        org: Organization, settings: Settings, status: str) -> None:
    """Also while an earlier proposal awaits review: it is not proposed again each night."""
    versions = await models(org.id)
    await _rules(org.id, settings, control_share=0.0)
    await ensure_catalogue(org.id)
    # risky, valuable and cheap to discount: a discount pays for both
    fresh, recent = await place(org.id, versions, [Spec(0.9, 4000.0, mrr=20.0),
                                                   Spec(0.9, 4000.0, mrr=20.0)])
    await given_before(org.id, recent, "discount_10", days=30, at=NOW, status=status)
    await learned(org.id)
    outcome = await _batch(org.id, settings)
    actions = await _actions(outcome.campaign_id)
    discounts = {i.code for i in await Incentive.filter(
        organization_id=org.id, kind=IncentiveKind.PERCENT_DISCOUNT)}
    blocked = actions[recent].explanation["arms"]
    for arm in blocked:
        if arm["arm"] in discounts:
            assert "cooldown" in arm["ineligible"] and "30 days ago" in arm["ineligible"]
            assert "sampled_gain" not in arm
        else:
            assert "ineligible" not in arm or "cooldown" not in arm["ineligible"]
    assert actions[recent].arm not in discounts
    assert all("sampled_gain" in a for a in actions[fresh].explanation["arms"]
               if a["arm"] in discounts)


async def test_the_explanation_records_the_inputs_and_every_draw(
        org: Organization, settings: Settings) -> None:
    versions = await models(org.id)
    await _rules(org.id, settings, control_share=0.0)
    valued, run_rate = await place(org.id, versions, [
        Spec(0.85, 3000.0, mrr=100.0), Spec(0.85, None, mrr=250.0)],
        name='Smith, "Jr"\nand Sons')  # survives the CSV read of the candidates
    await learned(org.id)
    outcome = await _batch(org.id, settings)
    actions = await _actions(outcome.campaign_id)
    a = actions[valued]
    e = a.explanation
    assert e["model_versions"] == {"churn": 3, "value": 2}
    assert e["probability"] == 0.85 and e["clv"] == 3000.0 and e["mrr"] == 100.0
    assert e["clv_interval"] == [2400.0, 3750.0] and e["value_source"] == "model"
    assert e["context"] == "At Risk|critical|medium"
    incentives = await Incentive.filter(organization_id=org.id, active=True)
    assert {arm["arm"] for arm in e["arms"]} == {i.code for i in incentives}
    chosen = next(arm for arm in e["arms"] if arm["arm"] == a.arm)
    assert chosen["sampled_gain"] == max(arm.get("sampled_gain", float("-inf"))
                                         for arm in e["arms"])
    for arm in e["arms"]:
        assert "mean_multiplier" in arm and "cost" in arm
        assert ("sampled_gain" in arm and "sampled_multiplier" in arm) or "ineligible" in arm
        if "sampled_gain" in arm:  # gain = CLV x p x (1 - sampled multiplier) - cost
            assert arm["sampled_gain"] == pytest.approx(
                3000 * 0.85 * (1 - arm["sampled_multiplier"]) - arm["cost"], abs=0.5)
    inc = e["incentive"]
    text = explain(a)
    name = (await Incentive.get(id=a.incentive_id)).name
    assert text.startswith(f"{name}: churn risk 0.85 (model v3) x CLV 3,000 (value model v2)")
    assert f"expected churn reduction {inc['expected_lift']:.0%}" in text
    assert f"{inc['expected_saving']:,.0f} expected saving against {inc['cost']:,.0f} cost" \
        in text
    assert f"largest sampled gain {chosen['sampled_gain']:,.2f}" in text
    assert "routed to urgent because churn probability ≥ 0.8 and CLV ≥ 2,000 (rule 'urgent')" \
        in text
    assert a.message.startswith("Subject: ") and 'Hi Smith, "Jr"\nand Sons 0,' in a.message
    r = actions[run_rate]
    assert r.clv == 3000.0 and r.tier is ValueTier.LOW  # 12 x MRR 250
    assert r.explanation["value_source"] == "run_rate" and "run rate" in r.explanation[
        "value_note"]
    assert r.explanation["model_versions"] == {"churn": 3, "value": None}
    assert "12 x MRR run rate" in explain(r)


async def test_the_job_reports_progress_and_returns_the_campaign(
        org: Organization, settings: Settings, runtime: Any) -> None:
    from workers import decisions as worker

    versions = await models(org.id)
    await place(org.id, versions, random_specs(200, seed=5))
    held = HeldQueue()
    # placeholder models cannot score: decide on the stored scores
    requested = await request_batch(held, org.id, DAY, score=False)
    again = await request_batch(held, org.id, DAY, score=False)
    assert again.existing and again.job.id == requested.job.id
    bus = RecordingBus()
    await worker.run_decision_batch({**runtime.context(), "queue": held, "bus": bus},
                                    requested.job.id)
    job = await Job.get(id=requested.job.id)
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result is not None and job.result["created"] and job.result["actions"] == 200
    progress = [p for ch, p in bus.events if ch == job_channel(job.id)]
    fractions = [p["progress"] for p in progress]
    assert fractions == sorted(fractions) and len(fractions) >= 5
    messages = " / ".join(p["message"] for p in progress)
    for phase in ("reading candidates", "deciding for 200 customers", "writing 200 actions"):
        assert phase in messages
    with pytest.raises(ValidationFailed) as error:
        await request_batch(held, org.id, DAY + timedelta(days=3650))
    assert error.value.field == "day"


async def test_the_batch_scores_first_with_the_active_model(settings: Settings) -> None:
    from domain.models import CustomerRisk
    from tests.support.churn import trained_world

    world = await trained_world("Scored", customers=600, seed=41, now=NOW)
    progress: list[tuple[float, str]] = []

    async def record(fraction: float, message: str) -> None:
        progress.append((fraction, message))

    outcome = await service.run_batch(world.id, settings=settings, now=NOW + timedelta(days=1),
                                      progress=record)
    assert outcome.scoring is not None and outcome.scoring["scored"] > 0
    risks = await CustomerRisk.filter(organization_id=world.id)
    assert {r.scored_at for r in risks} == {NOW + timedelta(days=1)}
    at_risk = {r.customer_id for r in risks if r.probability >= 0.2}
    assert set(await _actions(outcome.campaign_id)) == at_risk
    assert any("scoring customers" in m for _, m in progress)
    assert [f for f, _ in progress] == sorted(f for f, _ in progress)


async def test_other_organizations_are_never_decided_for(
        org: Organization, other_org: Organization, settings: Settings) -> None:
    mine = await place(org.id, await models(org.id), random_specs(50, seed=6))
    theirs = await place(other_org.id, await models(other_org.id), random_specs(50, seed=7),
                         name="Theirs")
    outcome = await _batch(org.id, settings)
    assert set(await _actions(outcome.campaign_id)) == set(mine)
    assert not await Action.filter(customer_id__in=theirs).exists()
    assert not await Campaign.filter(organization_id=other_org.id).exists()
    with pytest.raises(NotFound) as error:
        await service.decision_preview(org.id, theirs[0], now=NOW)
    assert error.value.field == "customerId"
    with pytest.raises(ValidationFailed) as invalid:
        await service.create_campaign(org.id, "Theirs", {"customerIds": [theirs[0]]},
                                      settings=settings, actor="ops@acme.test", now=NOW)
    assert invalid.value.field == "audience.customerIds[0]"


async def test_a_manual_campaign_from_a_segment_filter(org: Organization,
                                                       settings: Settings) -> None:
    versions = await models(org.id)
    await place(org.id, versions, random_specs(220, seed=8))
    campaign = await service.create_campaign(
        org.id, "Win back At Risk", {"segments": ["At Risk"], "tiers": ["medium", "high"]},
        settings=settings, actor="ops@acme.test", now=NOW)
    assert campaign.kind is CampaignKind.MANUAL and campaign.batch_key is None
    assert campaign.audience["segments"] == ["At Risk"]
    assert campaign.summary["created_by"] == "ops@acme.test"
    actions = list((await _actions(campaign.id)).values())
    segments = dict(await Customer.filter(organization_id=org.id).values_list("id", "segment"))
    expected = {cid for cid, seg in segments.items() if seg == "At Risk"}
    assert actions and {a.customer_id for a in actions} <= expected
    assert {a.segment for a in actions} == {"At Risk"}
    assert {a.tier for a in actions} <= {ValueTier.MEDIUM, ValueTier.HIGH}
    assert campaign.summary["customers"] == len(actions)
    # a second manual campaign is another campaign
    second = await service.create_campaign(org.id, "Again", {"segments": ["At Risk"]},
                                           settings=settings, actor="ops@acme.test", now=NOW)
    assert second.id != campaign.id
    count = await Campaign.filter(organization_id=org.id).count()
    for audience, field in (({"segments": ["Nope"]}, "audience.segments[0]"),
                            ({"riskLevels": ["extreme"]}, "audience.riskLevels[0]"),
                            ({"tiers": ["gold"]}, "audience.tiers[0]"),
                            ({"minProbability": 0.9, "maxProbability": 0.5},
                             "audience.maxProbability"),
                            ({"segments": ["Champions"], "minProbability": 0.99}, "audience")):
        with pytest.raises(ValidationFailed) as error:
            await service.create_campaign(org.id, "Bad", audience, settings=settings,
                                          actor="ops@acme.test", now=NOW)
        assert error.value.field == field, audience
    assert "no customer matches" in error.value.message  # the last one: nobody left
    with pytest.raises(ValidationFailed) as error:
        await service.create_campaign(org.id, " ", {}, settings=settings, actor="x", now=NOW)
    assert error.value.field == "name"
    assert await Campaign.filter(organization_id=org.id).count() == count


async def test_the_preview_decides_for_one_customer_and_writes_nothing(
        org: Organization, settings: Settings) -> None:
    versions = await models(org.id)
    await _rules(org.id, settings, control_share=0.0)
    ids = await place(org.id, versions, [Spec(0.85, 3000.0, mrr=100.0),
                                         Spec(0.1, 3000.0, mrr=100.0)])
    await place(org.id, versions, random_specs(40, seed=9))
    await learned(org.id)
    unscored = await Customer.create(organization_id=org.id, name="New", created_at=NOW)
    counts = (await Campaign.all().count(), await Action.all().count())
    preview = await service.decision_preview(org.id, ids[0], now=NOW)
    assert preview.considered and preview.status is ActionStatus.PROPOSED
    assert preview.route == "urgent" and preview.arm != "none" and preview.cost > 0
    assert preview.explanation["probability"] == 0.85
    assert explain(preview.explanation).startswith(
        preview.explanation["incentive"]["name"] + ": churn risk 0.85 (model v3)")
    low = await service.decision_preview(org.id, ids[1], now=NOW)
    assert not low.considered and "below the minimum" in low.explanation["note"]
    assert (await Campaign.all().count(), await Action.all().count()) == counts
    with pytest.raises(ValidationFailed) as error:
        await service.decision_preview(org.id, unscored.id, now=NOW)
    assert error.value.field == "customerId" and "churn score" in error.value.message
    with pytest.raises(NotFound) as missing:
        await service.decision_preview(org.id, 10**9, now=NOW)
    assert missing.value.field == "customerId"


async def test_the_nightly_cron_queues_one_batch_per_organization_with_a_model(
        org: Organization, other_org: Organization, runtime: Any) -> None:
    from workers import decisions as worker

    await models(org.id)  # other_org has no churn model
    held = HeldQueue()
    queued = await worker.nightly_decision_batch({**runtime.context(), "queue": held})
    assert queued == len(held.jobs) >= 1
    mine = [j for j in held.jobs if j.organization_id == org.id]
    assert len(mine) == 1 and mine[0].kind is JobKind.RUN_DECISION_BATCH
    assert mine[0].params == {"day": held.jobs[0].params["day"], "score": True}
    assert not [j for j in held.jobs if j.organization_id == other_org.id]
    again = HeldQueue()
    await worker.nightly_decision_batch({**runtime.context(), "queue": again})
    assert not [j for j in again.jobs if j.organization_id == org.id]  # still queued
    await Job.filter(id__in=[j.id for j in held.jobs + again.jobs]).delete()
