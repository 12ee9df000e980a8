"""Delivery of executed actions: claim due deliveries, say what to send, record the outcome.

A sender claims due rows (`claim_due`: PENDING whose `next_attempt_at` passed, or SENDING
whose lease `locked_until` passed because the worker holding it died), sends each one and
records the outcome at once (`record_result`): SENT, PENDING again after an exponential
backoff, or DEAD (a final refusal, or the last attempt failed). A claim is one conditional
UPDATE, so two workers never claim the same row, and it counts the attempt.

Delivery is at least once: a SENT (acknowledged) row is never claimed again, but a worker
that dies between the receiver's answer and the record leaves the row SENDING; once its
lease expires it is sent again with the SAME event id (the `webhook-id` header), so a
receiver that de-duplicates by `webhook-id` processes every event exactly once.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from domain.campaigns.review import parse_action_ids
from domain.db import is_postgres
from domain.enums import DeliveryStatus, JobKind, JobStatus, RiskLevel, Route
from domain.errors import DomainError, NotFound
from domain.incentives.service import webhook_secret
from domain.jobs.service import now as utcnow
from domain.models import Action, Customer, DecisionRules, Delivery, Job
from domain.settings import Settings
from domain.sql import db_value, placeholders, select_dicts
from domain.times import utc

EVENT_TYPE = "retention.action.executed"
TASK_DUE = timedelta(days=2)  # a HubSpot task is due this long after execution


class Undeliverable(DomainError):
    """The delivery cannot be sent as configured (dead-lettered, not retried)."""

    code = "UNDELIVERABLE"


class Outcome(Protocol):
    """One send attempt, as a sender reports it (`integrations.outbound.SendResult`)."""

    @property
    def ok(self) -> bool: ...
    @property
    def status_code(self) -> int | None: ...
    @property
    def error(self) -> str: ...
    @property
    def retryable(self) -> bool: ...
    @property
    def retry_after(self) -> float | None: ...


# -- claiming -------------------------------------------------------------------------------

_DUE = "((status = ? AND next_attempt_at <= ?) OR (status = ? AND locked_until <= ?))"


async def claim_due(now: datetime, limit: int, lease: float, *, org_id: int | None = None,
                    exclude_orgs: Iterable[int] = (), max_attempts: int | None = None
                    ) -> list[Delivery]:
    """Claim up to `limit` due deliveries (oldest due first) for `lease` seconds: they become
    SENDING with `attempts` + 1. One organization's, or every organization's but
    `exclude_orgs`. With `max_attempts`, a delivery whose worker died during its last
    attempt is dead-lettered instead of claimed. PostgreSQL skips rows another claim holds
    locked (FOR UPDATE SKIP LOCKED); SQLite runs the single statement alone."""
    scope, scope_args = "", []
    if org_id is not None:
        scope, scope_args = " AND organization_id = ?", [org_id]
    excluded = sorted(set(exclude_orgs))
    if excluded:
        scope += f" AND organization_id NOT IN ({placeholders(len(excluded))})"
        scope_args += excluded
    at = db_value(Delivery, "next_attempt_at", now)
    if max_attempts is not None:
        stale = Delivery.filter(status=DeliveryStatus.SENDING, locked_until__lte=now,
                                attempts__gte=max_attempts)
        if org_id is not None:
            stale = stale.filter(organization_id=org_id)
        if excluded:
            stale = stale.exclude(organization_id__in=excluded)
        await stale.update(status=DeliveryStatus.DEAD, locked_until=None, last_error=(
            f"the worker stopped during the last of {max_attempts} attempts; the receiver may "
            "or may not have it (retry to send it again with the same webhook-id)"))
    due_args = [DeliveryStatus.PENDING.value, at, DeliveryStatus.SENDING.value, at]
    lock = " FOR UPDATE SKIP LOCKED" if is_postgres() else ""
    sql = (f'UPDATE "delivery" SET status = ?, locked_until = ?, attempts = attempts + 1 '
           f'WHERE id IN (SELECT id FROM "delivery" WHERE {_DUE}{scope} '
           f"ORDER BY next_attempt_at, id LIMIT ?{lock}) AND {_DUE} RETURNING id")
    until = db_value(Delivery, "locked_until", now + timedelta(seconds=lease))
    rows = await select_dicts(sql, [DeliveryStatus.SENDING.value, until, *due_args,
                                    *scope_args, max(int(limit), 0), *due_args])
    if not rows:
        return []
    return await Delivery.filter(id__in=[int(r["id"]) for r in rows]).order_by("id")


# -- recording ------------------------------------------------------------------------------


def backoff_seconds(attempts: int, settings: Settings, retry_after: float | None = None,
                    *, rng: random.Random | None = None) -> float:
    """The wait after failed attempt number `attempts` (1-based): equal jitter over
    base x 2^(attempts-1), capped: uniform in [d/2, d], so waits never shrink from one
    attempt to the next. A receiver's `Retry-After` is a floor (within the cap)."""
    cap = settings.delivery_backoff_max_seconds
    full = min(cap, settings.delivery_backoff_seconds * 2 ** max(attempts - 1, 0))
    wait = full / 2 + (rng or random).uniform(0.0, full / 2)
    if retry_after is not None:
        wait = max(wait, min(retry_after, cap))
    return wait


async def record_result(delivery: Delivery, result: Outcome, settings: Settings, *,
                        now: datetime | None = None) -> Delivery:
    """Record the attempt `claim_due` counted. Success marks SENT (whatever happened to the
    row meanwhile: the receiver has it). A failure is recorded only while the claim is still
    this attempt's (SENDING, same `attempts`): PENDING after the backoff, or DEAD when the
    result is final or the attempts are used up. Returns the row as stored."""
    moment = now or utcnow()
    changes: dict[str, Any] = {"locked_until": None, "last_status_code": result.status_code}
    if result.ok:
        changes.update(status=DeliveryStatus.SENT, sent_at=moment, last_error="")
        written = await Delivery.filter(id=delivery.id).exclude(
            status=DeliveryStatus.SENT).update(**changes)
    else:
        error = result.error or "failed"
        if not result.retryable:
            changes.update(status=DeliveryStatus.DEAD, last_error=error)
        elif delivery.attempts >= settings.delivery_max_attempts:
            changes.update(status=DeliveryStatus.DEAD,
                           last_error=f"{error} (gave up after {delivery.attempts} attempts)")
        else:
            wait = backoff_seconds(delivery.attempts, settings, result.retry_after)
            changes.update(status=DeliveryStatus.PENDING, last_error=error,
                           next_attempt_at=moment + timedelta(seconds=wait))
        written = await Delivery.filter(id=delivery.id, status=DeliveryStatus.SENDING,
                                        attempts=delivery.attempts).update(**changes)
    if written:
        for name, value in changes.items():
            setattr(delivery, name, value)
        return delivery
    await delivery.refresh_from_db()
    return delivery


async def retry_dead(org_id: int, ids: Iterable[int], *,
                     now: datetime | None = None) -> list[Delivery]:
    """Put the organization's DEAD deliveries among `ids` back to PENDING, due now, with
    their attempts reset (same event id). Others are left as they are. Unknown ids (or
    another organization's) raise NotFound (field "deliveryIds"). Returns the deliveries
    retried; queue `execution.request_execution` to send them at once."""
    wanted = parse_action_ids(ids, limit=None, field="deliveryIds", noun="delivery",
                              plural="deliveries")
    rows = {d.id: d for d in await Delivery.filter(organization_id=org_id, id__in=wanted)}
    missing = [i for i in wanted if i not in rows]
    if missing:
        raise NotFound(f"no delivery {', '.join(map(str, missing[:20]))} in this organization",
                       field="deliveryIds", ids=missing)
    dead = [i for i in wanted if rows[i].status is DeliveryStatus.DEAD]
    if dead:
        await Delivery.filter(organization_id=org_id, id__in=dead,
                              status=DeliveryStatus.DEAD).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now or utcnow(),
            locked_until=None, last_error="", last_status_code=None)
    return await Delivery.filter(organization_id=org_id, id__in=dead,
                                 status=DeliveryStatus.PENDING).order_by("id")


# -- reads ----------------------------------------------------------------------------------


async def deliveries(org_id: int, status: DeliveryStatus | None = None, *,
                     limit: int | None = None) -> list[Delivery]:
    """The organization's deliveries, oldest first, optionally of one status."""
    query = Delivery.filter(organization_id=org_id)
    if status is not None:
        query = query.filter(status=status)
    query = query.order_by("id")
    return await (query.limit(limit) if limit is not None else query)


async def count_due(org_id: int, now: datetime) -> int:
    return await Delivery.filter(organization_id=org_id, status=DeliveryStatus.PENDING,
                                 next_attempt_at__lte=now).count()


async def next_due(org_id: int) -> datetime | None:
    """When the organization's next PENDING delivery is due (None: none pending)."""
    row = await Delivery.filter(organization_id=org_id, status=DeliveryStatus.PENDING
                                ).order_by("next_attempt_at").only("id", "next_attempt_at").first()
    return row.next_attempt_at if row is not None else None


async def organizations_sending() -> set[int]:
    """Organizations with a queued or running EXECUTE_ACTIONS job (it sends their due
    deliveries, so the cron leaves them to it)."""
    rows = await Job.filter(kind=JobKind.EXECUTE_ACTIONS,
                            status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
                            ).values_list("organization_id", flat=True)
    return {int(r) for r in rows}  # type: ignore[call-overload]


# -- what is sent ---------------------------------------------------------------------------


async def actions_of(rows: Sequence[Delivery]) -> dict[int, Action]:
    """The actions of these deliveries (with customer and incentive), by id, in one read."""
    ids = {d.action_id for d in rows}
    if not ids:
        return {}
    return {a.id: a for a in await Action.filter(id__in=ids).select_related(
        "customer", "incentive")}


def action_of(delivery: Delivery, actions: Mapping[int, Action]) -> Action:
    """The delivery's action among `actions` (`actions_of`); Undeliverable when it no
    longer exists."""
    action = actions.get(delivery.action_id)
    if action is None or action.organization_id != delivery.organization_id:
        raise Undeliverable(f"action {delivery.action_id} no longer exists", field="actionId")
    return action


def _iso(moment: datetime | None) -> str | None:
    return utc(moment).isoformat() if moment is not None else None


def action_payload(action: Action) -> dict[str, Any]:
    """The JSON event of an executed action: {type "retention.action.executed", timestamp
    (when the action was executed), data: {action_id, campaign_id, route, risk_level,
    churn_probability, expected_roi, message, expires_at, customer {id, name, email,
    external_ref, stripe_id, hubspot_id}, incentive {code, name, kind, percent, amount,
    duration_months} or null}}. Built from the rows at send time."""
    customer, incentive = action.customer, action.incentive
    return {
        "type": EVENT_TYPE,
        "timestamp": _iso(action.executed_at),
        "data": {
            "action_id": action.id,
            "campaign_id": action.campaign_id,
            "route": action.route.value,
            "risk_level": action.risk_level.value,
            "churn_probability": action.churn_probability,
            "expected_roi": action.expected_roi,
            "message": action.message,
            "expires_at": _iso(action.offer_expires_at),
            "customer": {"id": customer.id, "name": customer.name, "email": customer.email,
                         "external_ref": customer.external_ref, "stripe_id": customer.stripe_id,
                         "hubspot_id": customer.hubspot_id},
            "incentive": None if incentive is None else {
                "code": incentive.code, "name": incentive.name, "kind": incentive.kind.value,
                "percent": incentive.percent, "amount": float(incentive.amount),
                "duration_months": incentive.duration_months},
        },
    }


@dataclass(frozen=True)
class WebhookTarget:
    url: str
    secret: str


_NO_URL = "no webhook URL is configured (decision rules: webhookUrl)"
_NO_SECRET = "no webhook signing secret is configured (decision rules: webhookSecret)"


def webhook_problem(rules: DecisionRules | None) -> str:
    """Why webhooks cannot be sent with these rules ("" when they can, as far as the row
    tells: the secret is decrypted only when sending)."""
    if rules is None or not rules.webhook_url:
        return _NO_URL
    return "" if rules.webhook_secret_encrypted else _NO_SECRET


def hubspot_problem(customer: Customer) -> str:
    """Why no HubSpot task can be created for the customer ("" when it can)."""
    if not customer.hubspot_id:
        return f"customer {customer.id} ({customer.name}) has no HubSpot company id"
    return ""


async def webhook_target(org_id: int, settings: Settings) -> WebhookTarget:
    """Where the organization's webhooks go and the secret they are signed with."""
    rules = await DecisionRules.get_or_none(organization_id=org_id)
    problem = webhook_problem(rules)
    if rules is None or problem == _NO_URL:
        raise Undeliverable(_NO_URL, field="webhookUrl")
    secret = webhook_secret(rules, settings)  # None without a stored secret
    if not secret:
        raise Undeliverable(_NO_SECRET, field="webhookSecret")
    return WebhookTarget(rules.webhook_url, secret)


@dataclass(frozen=True)
class TaskSpec:
    company_id: str
    subject: str
    body: str
    due: datetime
    priority: str  # LOW, MEDIUM, HIGH


def hubspot_task(delivery: Delivery, action: Action) -> TaskSpec:
    """The HubSpot task of a delivery of `action` (`action_of`): on the customer's company,
    due two days after the execution (or when the offer expires, if sooner), HIGH priority
    for urgent ones."""
    customer, incentive = action.customer, action.incentive
    company = customer.hubspot_id
    if not company:
        raise Undeliverable(hubspot_problem(customer), field="hubspotId")
    executed = action.executed_at or utcnow()
    due = executed + TASK_DUE
    if action.offer_expires_at is not None:
        due = min(due, action.offer_expires_at)
    offer = f"{incentive.name} ({incentive.code})" if incentive is not None else "no incentive"
    subject = (f"Retention offer for {customer.name}: {incentive.name}" if incentive is not None
               else f"Retention check-in with {customer.name}")
    roi = f"{action.expected_roi:.1f}x" if action.expected_roi is not None else "n/a"
    lines = [action.message, "",
             f"Offer: {offer}" + (f", valid until {action.offer_expires_at:%Y-%m-%d}"
                                  if action.offer_expires_at else ""),
             f"Churn probability {action.churn_probability:.0%} ({action.risk_level.value}), "
             f"customer value {action.clv:,.2f}, expected ROI {roi}.",
             f"Lifeline action {action.id}, event {delivery.event_id}."]
    urgent = action.route is Route.URGENT or action.risk_level is RiskLevel.CRITICAL
    return TaskSpec(company_id=company, subject=subject[:250],
                    body="\n".join(lines).strip(), due=due,
                    priority="HIGH" if urgent else "MEDIUM")

