"""Reviewing retention actions (approve / reject) and reading campaigns and actions."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from domain.campaigns import queries
from domain.campaigns.review import approve_actions, approve_campaign, reject_actions
from domain.enums import (
    ActionStatus,
    CampaignKind,
    CampaignStatus,
    Channel,
    DeliveryStatus,
    RiskLevel,
    Route,
    Stage,
    ValueTier,
)
from domain.errors import NotFound, ValidationFailed
from domain.models import Action, Campaign, Customer, Delivery, Organization
from domain.pagination import Page
from tests.support.api import count_statements

NOW = datetime.now(UTC).replace(microsecond=0)


async def _customers(org_id: int, n: int, prefix: str = "R") -> list[Customer]:
    await Customer.bulk_create([
        Customer(organization_id=org_id, name=f"{prefix} {i:03d}", stage=Stage.CUSTOMER,
                 created_at=NOW - timedelta(days=300)) for i in range(n)])
    return await Customer.filter(organization_id=org_id, name__startswith=f"{prefix} "
                                 ).order_by("id")


async def _campaign(org_id: int, *, name: str = "c", decided: datetime | None = None,
                    ends: datetime | None = None,
                    kind: CampaignKind = CampaignKind.MANUAL) -> Campaign:
    decided = decided or NOW - timedelta(days=1)
    return await Campaign.create(organization_id=org_id, kind=kind, name=name,
                                 decided_at=decided, window_ends_at=ends or NOW + timedelta(
                                     days=59))


async def _action(campaign: Campaign, customer: Customer, status: ActionStatus, *,
                  route: Route = Route.REVIEW, priority: float = 1.0, arm: str = "disc10"
                  ) -> Action:
    return await Action.create(
        organization_id=campaign.organization_id, campaign_id=campaign.id,
        customer_id=customer.id, arm=arm, segment="At Risk", risk_level=RiskLevel.HIGH,
        tier=ValueTier.MEDIUM, route=route, status=status, churn_probability=0.5,
        clv=1000.0, cost=50.0, priority=priority, decided_at=campaign.decided_at)


async def _statuses(ids: list[int]) -> dict[int, ActionStatus]:
    return {a.id: a.status for a in await Action.filter(id__in=ids)}


async def test_approve_changes_only_proposed_actions_and_reports_the_rest(
        org: Organization) -> None:
    people = await _customers(org.id, 5)
    campaign = await _campaign(org.id)
    proposed = [await _action(campaign, c, ActionStatus.PROPOSED) for c in people[:2]]
    approved = await _action(campaign, people[2], ActionStatus.APPROVED)
    control = await _action(campaign, people[3], ActionStatus.CONTROL, arm="none")
    executed = await _action(campaign, people[4], ActionStatus.EXECUTED)
    ids = [proposed[0].id, approved.id, control.id, proposed[1].id, executed.id, proposed[0].id]

    result = await approve_actions(org.id, ids, actor="ops@acme.test", note="looks right")

    assert result.status is ActionStatus.APPROVED
    assert result.changed == [proposed[0].id, proposed[1].id]
    assert [(s.action_id, s.status, s.reason) for s in result.skipped] == [
        (approved.id, ActionStatus.APPROVED, "already approved"),
        (control.id, ActionStatus.CONTROL, "held out at random as control: it is not reviewed"),
        (executed.id, ActionStatus.EXECUTED, "already executed"),
    ]
    stored = await Action.get(id=proposed[0].id)
    assert stored.status is ActionStatus.APPROVED
    assert stored.reviewed_by == "ops@acme.test" and stored.review_note == "looks right"
    assert stored.reviewed_at is not None and abs(
        stored.reviewed_at - datetime.now(UTC)) < timedelta(minutes=1)
    untouched = await Action.get(id=control.id)
    assert untouched.status is ActionStatus.CONTROL and untouched.reviewed_by is None


async def test_reject_then_approve_skips_with_already_rejected(org: Organization) -> None:
    people = await _customers(org.id, 2)
    campaign = await _campaign(org.id)
    a, b = [await _action(campaign, c, ActionStatus.PROPOSED) for c in people]

    rejected = await reject_actions(org.id, [a.id], actor="lead", note="too expensive")
    again = await approve_actions(org.id, [a.id, b.id], actor="ops")

    assert rejected.changed == [a.id] and rejected.status is ActionStatus.REJECTED
    assert again.changed == [b.id]
    assert [(s.action_id, s.reason) for s in again.skipped] == [(a.id, "already rejected")]
    assert await _statuses([a.id, b.id]) == {a.id: ActionStatus.REJECTED,
                                             b.id: ActionStatus.APPROVED}
    assert (await Action.get(id=a.id)).review_note == "too expensive"


async def test_unknown_and_other_organization_ids_are_not_found_and_nothing_changes(
        org: Organization, other_org: Organization) -> None:
    mine = (await _customers(org.id, 1))[0]
    theirs = (await _customers(other_org.id, 1))[0]
    own = await _action(await _campaign(org.id), mine, ActionStatus.PROPOSED)
    foreign = await _action(await _campaign(other_org.id), theirs, ActionStatus.PROPOSED)
    unknown = 2**64  # beyond any id column

    with pytest.raises(NotFound) as caught:
        await approve_actions(org.id, [own.id, foreign.id, unknown], actor="ops")

    assert caught.value.field == "actionIds"
    assert caught.value.message == f"no action {foreign.id}, {unknown} in this organization"
    assert caught.value.details["ids"] == [foreign.id, unknown]
    assert await _statuses([own.id, foreign.id]) == {own.id: ActionStatus.PROPOSED,
                                                     foreign.id: ActionStatus.PROPOSED}
    with pytest.raises(NotFound):  # the other organization cannot reject ours either
        await reject_actions(other_org.id, [own.id], actor="intruder")
    assert (await Action.get(id=own.id)).status is ActionStatus.PROPOSED


async def test_empty_too_many_and_anonymous_reviews_are_rejected(org: Organization) -> None:
    with pytest.raises(ValidationFailed) as empty:
        await approve_actions(org.id, [], actor="ops")
    assert empty.value.field == "actionIds"
    with pytest.raises(ValidationFailed) as many:
        await reject_actions(org.id, range(1, 1002), actor="ops")
    assert many.value.field == "actionIds" and "1001" in many.value.message
    with pytest.raises(ValidationFailed) as anonymous:
        await approve_actions(org.id, [1], actor="  ")
    assert anonymous.value.field == "actor"


async def test_actions_of_a_campaign_whose_window_is_over_are_skipped(
        org: Organization) -> None:
    person = (await _customers(org.id, 1))[0]
    old = await _campaign(org.id, decided=NOW - timedelta(days=90),
                          ends=NOW - timedelta(days=30))
    action = await _action(old, person, ActionStatus.PROPOSED)

    result = await approve_actions(org.id, [action.id], actor="ops")

    assert result.changed == []
    assert [s.reason for s in result.skipped] == ["the campaign's window is over"]
    assert (await Action.get(id=action.id)).status is ActionStatus.PROPOSED


async def test_concurrent_reviews_change_each_action_once(org: Organization) -> None:
    people = await _customers(org.id, 30)
    campaign = await _campaign(org.id)
    ids = [(await _action(campaign, c, ActionStatus.PROPOSED)).id for c in people]

    batches = {"alice": (approve_actions, ids), "bob": (approve_actions, ids[::-1]),
               "carol": (reject_actions, ids[:10]), "dave": (approve_actions, ids[-10:])}
    results = dict(zip(batches, await asyncio.gather(*(
        review(org.id, chosen, actor=who) for who, (review, chosen) in batches.items())),
        strict=True))

    changed = [i for r in results.values() for i in r.changed]
    assert sorted(changed) == sorted(ids)  # each action changed by exactly one reviewer
    for who, result in results.items():
        assert sorted(result.changed + [s.action_id for s in result.skipped]) == sorted(
            batches[who][1])
    for action in await Action.filter(id__in=ids):
        reviewer = action.reviewed_by or ""
        assert action.id in results[reviewer].changed
        assert action.status is (ActionStatus.REJECTED if reviewer == "carol"
                                 else ActionStatus.APPROVED)


async def test_approve_campaign_approves_one_route(org: Organization) -> None:
    people = await _customers(org.id, 4)
    campaign = await _campaign(org.id)
    urgent = [await _action(campaign, c, ActionStatus.PROPOSED, route=Route.URGENT)
              for c in people[:2]]
    review = await _action(campaign, people[2], ActionStatus.PROPOSED, route=Route.REVIEW)

    result = await approve_campaign(org.id, campaign.id, Route.URGENT, actor="ops")

    assert result.changed == sorted(a.id for a in urgent)
    assert (await Action.get(id=review.id)).status is ActionStatus.PROPOSED
    with pytest.raises(NotFound) as caught:
        await approve_campaign(org.id, campaign.id + 10_000, actor="ops")
    assert caught.value.field == "campaignId"


async def _all_pages(org_id: int, campaign_id: int, **filters: object) -> list[Action]:
    seen: list[Action] = []
    after = None
    while True:
        page: Page[Action] = await queries.actions(org_id, campaign_id, first=3, after=after,
                                                   **filters)  # type: ignore[arg-type]
        seen += page.items
        if not page.has_next:
            return seen
        after = page.cursors[-1]


async def test_actions_pages_by_priority_with_route_and_status(org: Organization,
                                                               other_org: Organization) -> None:
    people = await _customers(org.id, 12)
    campaign = await _campaign(org.id)
    made = []
    for i, c in enumerate(people):
        route = Route.URGENT if i % 3 == 0 else Route.REVIEW
        status = ActionStatus.APPROVED if i % 2 else ActionStatus.PROPOSED
        made.append(await _action(campaign, c, status, route=route, priority=float(i % 4)))
    key = [(-a.priority, -a.id) for a in made]

    everything = await _all_pages(org.id, campaign.id)
    urgent = await _all_pages(org.id, campaign.id, route=Route.URGENT)
    review_proposed = await _all_pages(org.id, campaign.id, route=Route.REVIEW,
                                       status=ActionStatus.PROPOSED)

    assert [a.id for a in everything] == [a.id for _, a in sorted(zip(key, made, strict=True),
                                                                  key=lambda t: t[0])]
    assert {a.id for a in urgent} == {a.id for a in made if a.route is Route.URGENT}
    assert [a.priority for a in urgent] == sorted((a.priority for a in urgent), reverse=True)
    assert {a.id for a in review_proposed} == {
        a.id for a in made if a.route is Route.REVIEW and a.status is ActionStatus.PROPOSED}
    page = await queries.actions(org.id, campaign.id, first=5, with_total=True)
    assert page.total == 12 and len(page.items) == 5
    assert (await queries.actions(other_org.id, campaign.id, first=5)).items == []
    with count_statements() as statements:
        await queries.actions(org.id, campaign.id, first=3, after=page.cursors[-1])
    assert len(statements) == 1
    with pytest.raises(ValidationFailed) as bad:
        await queries.actions(org.id, campaign.id, first=3, after="nonsense")
    assert bad.value.field == "after"


async def test_campaign_reads_and_loaders_are_scoped(org: Organization,
                                                     other_org: Organization) -> None:
    people = await _customers(org.id, 2)
    older = await _campaign(org.id, name="older", decided=NOW - timedelta(days=3))
    newer = await _campaign(org.id, name="newer", kind=CampaignKind.NIGHTLY)
    closed = await _campaign(org.id, name="closed", decided=NOW - timedelta(days=2))
    await Campaign.filter(id=closed.id).update(status=CampaignStatus.CLOSED)
    foreign = await _campaign(other_org.id, name="theirs")
    a1 = await _action(older, people[0], ActionStatus.EXECUTED)
    a2 = await _action(newer, people[0], ActionStatus.PROPOSED)
    a3 = await _action(newer, people[1], ActionStatus.PROPOSED)
    await Delivery.create(organization_id=org.id, action_id=a1.id, channel=Channel.WEBHOOK,
                          event_id=f"evt_{a1.id}_w", next_attempt_at=NOW,
                          status=DeliveryStatus.SENT)

    page = await queries.campaigns(org.id, first=2)
    rest = await queries.campaigns(org.id, first=2, after=page.cursors[-1])
    active = await queries.campaigns(org.id, first=10, status=CampaignStatus.ACTIVE)
    nightly = await queries.campaigns(org.id, first=10, kind=CampaignKind.NIGHTLY)

    assert [c.name for c in page.items + rest.items] == ["newer", "closed", "older"]
    assert page.total == 3 and not rest.has_next
    assert {c.name for c in active.items} == {"newer", "older"}
    assert [c.name for c in nightly.items] == ["newer"]
    assert (await queries.campaign(org.id, newer.id)).name == "newer"
    with pytest.raises(NotFound) as caught:
        await queries.campaign(org.id, foreign.id)
    assert caught.value.field == "id" and str(foreign.id) in caught.value.message
    assert set(await queries.actions_by_ids(org.id, [a1.id, a2.id])) == {a1.id, a2.id}
    assert await queries.actions_by_ids(other_org.id, [a1.id]) == {}
    latest = await queries.customer_actions(org.id, [people[0].id, people[1].id], limit=1)
    assert [a.id for a in latest[people[0].id]] == [a2.id]  # newest decision first
    assert [a.id for a in latest[people[1].id]] == [a3.id]
    both = await queries.customer_actions(org.id, [people[0].id])
    assert [a.id for a in both[people[0].id]] == [a2.id, a1.id]
    assert await queries.customer_actions(other_org.id, [people[0].id]) == {people[0].id: []}
    sent = await queries.deliveries(org.id, [a1.id, a2.id])
    assert [d.channel for d in sent[a1.id]] == [Channel.WEBHOOK] and sent[a2.id] == []
    assert await queries.deliveries(other_org.id, [a1.id]) == {a1.id: []}
    assert set(await queries.campaigns_by_ids(org.id, [older.id, foreign.id])) == {older.id}
