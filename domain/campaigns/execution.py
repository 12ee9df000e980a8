"""Executing approved retention actions: each becomes EXECUTED (its offer valid for the
incentive's duration) with one delivery per channel that needs sending, all in one
transaction. The deliveries are sent by the EXECUTE_ACTIONS job (`request_execution`,
after the commit) or by the minute cron of due deliveries."""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from domain.campaigns.delivery import hubspot_problem, webhook_problem
from domain.campaigns.review import not_found, parse_action_ids
from domain.enums import ActionStatus, Channel, DeliveryStatus, JobKind, Source
from domain.jobs.service import JobQueue, submit
from domain.models import Action, Customer, DecisionRules, Delivery, Incentive, Integration, Job
from domain.settings import Settings
from domain.times import month_index

MAX_BATCH = 5000
NO_INCENTIVE_DAYS = 30  # how long an offer without an incentive stays open
SENT_CHANNELS = (Channel.WEBHOOK, Channel.HUBSPOT_TASK)  # ONSITE is served, not sent


@dataclass(frozen=True)
class ExecuteResult:
    executed: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (action id, why)
    deliveries: list[int] = field(default_factory=list)  # created delivery ids

    def as_dict(self) -> dict[str, Any]:
        return {"executed": self.executed,
                "skipped": [{"id": i, "reason": r} for i, r in self.skipped],
                "deliveries": self.deliveries}


def new_event_id() -> str:
    """A delivery's event id: sent as `webhook-id`, the same on every retry."""
    return f"evt_{uuid.uuid4().hex}"


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (the month's last day when it is shorter)."""
    year, month = divmod(month_index(moment) + months, 12)
    month += 1
    return moment.replace(year=year, month=month,
                          day=min(moment.day, calendar.monthrange(year, month)[1]))


def offer_expiry(now: datetime, incentive: Incentive | None) -> datetime:
    if incentive is None:
        return now + timedelta(days=NO_INCENTIVE_DAYS)
    return add_months(now, max(int(incentive.duration_months), 1))


def _skip_reason(action: Action) -> str:
    if action.status is ActionStatus.EXECUTED:
        return "already executed"
    return f"status is {action.status.value}; only approved actions are executed"


async def _channels(org_id: int) -> tuple[list[Channel], DecisionRules | None]:
    rules = await DecisionRules.get_or_none(organization_id=org_id)
    configured = set(rules.channels) if rules is not None else set()
    return [c for c in SENT_CHANNELS if c.value in configured], rules


def _undeliverable(channel: Channel, rules: DecisionRules | None,
                   customer: Customer | None, hubspot_connected: bool) -> str:
    """Why a delivery through `channel` cannot be sent ('' when it can). `customer` is
    needed only for HubSpot tasks (it is loaded only when HubSpot is connected)."""
    if channel is Channel.WEBHOOK:
        return webhook_problem(rules)
    if not hubspot_connected or customer is None:
        return "HubSpot is not connected for this organization (no HubSpot integration)"
    return hubspot_problem(customer)


async def execute_actions(org_id: int, action_ids: Iterable[int], *, actor: str,
                          settings: Settings, now: datetime | None = None) -> ExecuteResult:
    """Execute the organization's APPROVED actions among `action_ids`; others are skipped
    with the reason (an executed one: "already executed", so a repeat creates nothing).
    Ids that are not the organization's actions raise NotFound (field "actionIds") and
    nothing is written. `actor` is kept in the action's explanation. A channel a delivery
    cannot use (no webhook URL or secret, no HubSpot integration or company id) gets its
    delivery DEAD with the reason, for the operator to see."""
    ids = parse_action_ids(action_ids, verb="executed", limit=MAX_BATCH)
    moment = now or datetime.now(UTC)
    channels, rules = await _channels(org_id)
    hubspot = Channel.HUBSPOT_TASK in channels and await Integration.exists(
        organization_id=org_id, source=Source.HUBSPOT)
    executed: list[int] = []
    skipped: list[tuple[int, str]] = []
    async with in_transaction():
        actions = {a.id: a for a in await Action.filter(
            organization_id=org_id, id__in=ids).select_for_update().order_by("id")}
        missing = [i for i in ids if i not in actions]
        if missing:
            raise not_found(missing)
        runnable = [a for a in actions.values() if a.status is ActionStatus.APPROVED]
        skipped = [(a.id, _skip_reason(a)) for a in actions.values()
                   if a.status is not ActionStatus.APPROVED]
        incentives = {i.id: i for i in await Incentive.filter(
            organization_id=org_id, id__in={a.incentive_id for a in runnable if a.incentive_id})}
        customers = {c.id: c for c in await Customer.filter(
            organization_id=org_id, id__in={a.customer_id for a in runnable})
        } if hubspot and runnable else {}
        rows: list[Delivery] = []
        for action in runnable:
            action.status = ActionStatus.EXECUTED
            action.executed_at = moment
            action.offer_expires_at = offer_expiry(moment, incentives.get(
                action.incentive_id) if action.incentive_id else None)
            action.explanation = {**action.explanation, "executed_by": actor,
                                  "executed_at": moment.isoformat()}
            executed.append(action.id)
            customer = customers[action.customer_id] if hubspot else None
            for channel in channels:
                why = _undeliverable(channel, rules, customer, hubspot)
                rows.append(Delivery(
                    organization_id=org_id, action_id=action.id, channel=channel,
                    event_id=new_event_id(), next_attempt_at=moment, last_error=why,
                    status=DeliveryStatus.DEAD if why else DeliveryStatus.PENDING))
        if runnable:
            await Action.bulk_update(runnable, fields=["status", "executed_at",
                                                       "offer_expires_at", "explanation"],
                                     batch_size=500)
        if rows:
            await Delivery.bulk_create(rows, batch_size=500)
    created: list[int] = []
    if rows:
        created = [int(i) for i in await Delivery.filter(  # type: ignore[call-overload]
            organization_id=org_id, action_id__in=executed).order_by("id").values_list(
            "id", flat=True)]
    return ExecuteResult(executed=executed, skipped=skipped, deliveries=created)


async def request_execution(queue: JobQueue, org_id: int) -> Job:
    """Queue an EXECUTE_ACTIONS job sending the organization's due deliveries (call it after
    `execute_actions` committed, or after `retry_dead`)."""
    return await submit(queue, org_id, JobKind.EXECUTE_ACTIONS)
