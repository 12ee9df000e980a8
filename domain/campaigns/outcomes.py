"""Retention outcomes: recorded by hand (`record_outcome`) or read from billing once a
campaign's window is over (`detect_outcomes`), and counted in `ArmOutcomes`, the evidence
the bandit learns from.

Which actions count, and for which arm (context "segment|risk level|value tier"):

* EXECUTED: for its `arm` (the incentive code; "none" for an offer without incentive);
* CONTROL, MONITORING, NO_ACTION: for "none" (the customer was given nothing, by chance or
  by the policy);
* APPROVED: only through `record_outcome`, for its arm (the operator knows the offer was
  made, e.g. by phone). Billing leaves approved actions alone: one not executed by the
  window's end was never sent;
* PROPOSED and REJECTED: never (no outcome is recorded or detected). The customer was
  offered nothing, but not at random either: a reviewer's rejection is a judgement about
  that customer, so counting it for "none" would bias the baseline the incentives are
  measured against.

Counts follow the outcomes: a first outcome adds 1 to retained or churned and the
customer's predicted churn probability to `expected_churn`; recording the same outcome
again changes nothing; a changed outcome moves 1 from one count to the other. Counts are
upserted with `INSERT … ON CONFLICT DO UPDATE SET n = n + delta` (atomic on both
databases). A manual outcome wins: billing only fills actions without an outcome.

Detection from billing (per campaign whose `window_ends_at` passed, once: the campaign is
claimed with a conditional UPDATE, set CLOSED with `outcomes_detected_at`, in the same
transaction as everything else; five statements per campaign, whatever its size). A
subscription is live at t as in `domain.revenue`: started_at <= t, mrr > 0 and not ended
(canceled_at null with a status other than canceled, or canceled_at > t).

* a customer with a live subscription at the action's `decided_at` is retained when one is
  live at the window's end and its journey stage then (the last transition at or before
  the window's end; the current stage without transitions) is not CHURNED; else churned;
* any other customer (order buyers) is retained when it bought (a transaction with a
  positive amount in (decided_at, window end]) or has a live subscription at the window's
  end; else churned.

`outcome_at` of a detected outcome is the window's end. `revenue_after` (every action of
the campaign that has none): paid invoices (by paid_at, else issued_at) plus transactions
in (decided_at, window end], refunds included, amounts summed as stored (no currency
conversion).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from domain.decisions.contexts import NONE_ARM, context_key
from domain.enums import (
    ActionStatus,
    CampaignStatus,
    InvoiceStatus,
    JobKind,
    Outcome,
    SubscriptionStatus,
)
from domain.enums import OutcomeSource as Source
from domain.errors import NotFound, ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.models import Action, Campaign
from domain.pagination import MAX_ROW_ID
from domain.sql import dialect_sql

Progress = Callable[[float, str], Awaitable[None]]

BILLING_COUNTED = (ActionStatus.EXECUTED, ActionStatus.CONTROL, ActionStatus.MONITORING,
                   ActionStatus.NO_ACTION)
RECORDABLE = (*BILLING_COUNTED, ActionStatus.APPROVED)
WITH_ARM = (ActionStatus.EXECUTED, ActionStatus.APPROVED)
MAX_REVENUE = Decimal("999999999999.99")
CLOCK_SKEW = timedelta(minutes=5)
_UPSERT_CHUNK = 500

Key = tuple[str, str]  # (context, arm)


def counted_arm(status: ActionStatus | str, arm: str) -> str:
    """The arm an outcome of an action in `status` counts for (see the module docstring)."""
    return arm if ActionStatus(status) in WITH_ARM else NONE_ARM


@dataclass
class Delta:
    retained: int = 0
    churned: int = 0
    expected: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.retained or self.churned or self.expected)


async def add_counts(org_id: int, deltas: Mapping[Key, Delta], at: datetime) -> None:
    """Add `deltas` to the organization's ArmOutcomes rows (created when missing), one
    statement per 500 (context, arm) pairs."""
    items = [(k, d) for k, d in deltas.items() if d]
    db = connections.get("default")
    for start in range(0, len(items), _UPSERT_CHUNK):
        chunk = items[start:start + _UPSERT_CHUNK]
        params: list[Any] = []
        for (context, arm), d in chunk:
            params += [org_id, context, arm, d.retained, d.churned, d.expected, at]
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
        sql = ('INSERT INTO "arm_outcomes" (organization_id, context, arm, retained, churned, '
               f"expected_churn, updated_at) VALUES {values} "
               "ON CONFLICT (organization_id, context, arm) DO UPDATE SET "
               '"retained" = "arm_outcomes"."retained" + excluded."retained", '
               '"churned" = "arm_outcomes"."churned" + excluded."churned", '
               '"expected_churn" = "arm_outcomes"."expected_churn" + excluded."expected_churn", '
               '"updated_at" = excluded."updated_at"')
        await db.execute_query(dialect_sql(sql), params)


def aware_utc(moment: datetime, field_name: str) -> datetime:
    """The moment in UTC; ValidationFailed (`field_name`) when it has no time zone."""
    if moment.tzinfo is None:
        raise ValidationFailed(f"{field_name} needs a time zone", field=field_name)
    return moment.astimezone(UTC)


def _revenue(revenue: Decimal | float | int | None) -> Decimal | None:
    if revenue is None:
        return None
    if isinstance(revenue, bool):
        raise ValidationFailed("revenue must be an amount", field="revenue")
    try:
        amount = Decimal(str(revenue))
    except InvalidOperation:
        raise ValidationFailed("revenue must be an amount", field="revenue") from None
    if not amount.is_finite() or (isinstance(revenue, float) and not math.isfinite(revenue)):
        raise ValidationFailed("revenue must be a finite amount", field="revenue")
    if amount < 0:
        raise ValidationFailed(f"revenue cannot be negative (got {revenue})", field="revenue")
    amount = amount.quantize(Decimal("0.01"))
    if amount > MAX_REVENUE:
        raise ValidationFailed(f"revenue is at most {MAX_REVENUE}", field="revenue")
    return amount


def _outcome(outcome: Outcome | str) -> Outcome:
    try:
        return Outcome(outcome)
    except ValueError:
        raise ValidationFailed(f"outcome must be one of {', '.join(o.value for o in Outcome)}",
                               field="outcome") from None


async def record_outcome(org_id: int, action_id: int, outcome: Outcome | str, *,
                         revenue: Decimal | float | int | None = None,
                         at: datetime | None = None) -> Action:
    """Record an action's outcome by hand (source MANUAL; it is never overwritten by
    billing) and move the arm counts. `revenue`: money received from the customer since
    the decision (stored as `revenue_after`). Raises NotFound ("actionId": not an action of
    the organization) or ValidationFailed ("outcome", "revenue": negative, "at": without
    time zone, in the future or before the decision, "actionId": a PROPOSED or REJECTED
    action, which was never offered anything). Nothing is written on an error."""
    result = _outcome(outcome)
    amount = _revenue(revenue)
    now = datetime.now(UTC)
    moment = now if at is None else aware_utc(at, "at")
    if moment > now + CLOCK_SKEW:
        raise ValidationFailed("at is in the future", field="at")
    missing = NotFound(f"action {action_id} not found", field="actionId")
    if not 0 < action_id <= MAX_ROW_ID:
        raise missing
    async with in_transaction():
        action = await Action.filter(organization_id=org_id, id=action_id
                                     ).select_for_update().first()
        if action is None:
            raise missing
        if action.status not in RECORDABLE:
            raise ValidationFailed(
                f"action {action_id} is {action.status.value}: its customer was offered "
                "nothing and is not in the control group, so it has no outcome to record",
                field="actionId")
        if moment < action.decided_at:
            raise ValidationFailed(f"at is before the decision ({action.decided_at.isoformat()})",
                                   field="at")
        previous = action.outcome
        fields: list[str] = []
        if previous is not result or action.outcome_source is not Source.MANUAL:
            action.outcome, action.outcome_source, action.outcome_at = result, Source.MANUAL, moment
            fields += ["outcome", "outcome_source", "outcome_at"]
        if amount is not None and action.revenue_after != amount:
            action.revenue_after = amount
            fields.append("revenue_after")
        if fields:
            await action.save(update_fields=fields)
        if previous is not result:
            delta = Delta(expected=action.churn_probability if previous is None else 0.0)
            for value, sign in ((result, 1), (previous, -1)):
                if value is Outcome.RETAINED:
                    delta.retained += sign
                elif value is Outcome.CHURNED:
                    delta.churned += sign
            key = (context_key(action.segment, action.risk_level.value, action.tier.value),
                   counted_arm(action.status, action.arm))
            await add_counts(org_id, {key: delta}, now)
    return action


@dataclass(frozen=True)
class CampaignDetection:
    """One campaign closed: outcomes detected now, outcomes recorded by hand before, and
    actions left without an outcome (proposed, approved but never sent, rejected)."""

    campaign_id: int
    retained: int
    churned: int
    manual: int
    without_outcome: int

    def as_dict(self) -> dict[str, int]:
        return {"campaign_id": self.campaign_id, "retained": self.retained,
                "churned": self.churned, "manual": self.manual,
                "without_outcome": self.without_outcome}


@dataclass(frozen=True)
class DetectResult:
    campaigns: list[CampaignDetection] = field(default_factory=list)

    @property
    def retained(self) -> int:
        return sum(c.retained for c in self.campaigns)

    @property
    def churned(self) -> int:
        return sum(c.churned for c in self.campaigns)

    def as_dict(self) -> dict[str, Any]:
        return {"closed": len(self.campaigns), "retained": self.retained,
                "churned": self.churned, "campaigns": [c.as_dict() for c in self.campaigns]}


class _Sql:
    """Collects parameters in the order their placeholders are written."""

    def __init__(self) -> None:
        self.params: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.params.append(value)
        return "?"


_A = '"retention_action"'


def _live(q: _Sql, org_id: int, at: str | datetime) -> str:
    """A live subscription of the action's customer at `at` (a column, or an instant
    passed as a parameter; see the module docstring)."""

    def moment() -> str:
        return at if isinstance(at, str) else q(at)

    return ('EXISTS (SELECT 1 FROM "subscription" s WHERE s.organization_id = '
            f"{q(org_id)} AND s.customer_id = {_A}.customer_id AND s.mrr > 0 "
            f"AND s.started_at <= {moment()} AND ((s.canceled_at IS NULL AND s.status <> "
            f"'{SubscriptionStatus.CANCELED.value}') OR s.canceled_at > {moment()}))")


def _outcome_sql(org_id: int, campaign_id: int, ends: datetime) -> tuple[str, list[Any]]:
    q = _Sql()
    decided = f"{_A}.decided_at"
    at_decision = _live(q, org_id, decided)
    at_end = _live(q, org_id, ends)
    stage = (f"COALESCE((SELECT lt.to_stage FROM \"lifecycle_transition\" lt WHERE "
             f"lt.organization_id = {q(org_id)} AND lt.customer_id = {_A}.customer_id AND "
             f"lt.at <= {q(ends)} ORDER BY lt.at DESC, lt.id DESC LIMIT 1), (SELECT c.stage "
             f"FROM \"customer\" c WHERE c.organization_id = {q(org_id)} AND "
             f"c.id = {_A}.customer_id))")
    renewed = f"{at_end} AND {stage} <> 'churned'"
    later = _live(q, org_id, ends)
    bought = (f'EXISTS (SELECT 1 FROM "transaction" t WHERE t.organization_id = {q(org_id)} '
              f"AND t.customer_id = {_A}.customer_id AND t.amount > 0 AND t.at > {decided} "
              f"AND t.at <= {q(ends)})")
    sql = (f"UPDATE {_A} SET outcome = CASE WHEN {at_decision} THEN CASE WHEN {renewed} "
           "THEN 'retained' ELSE 'churned' END "
           f"WHEN {later} OR {bought} THEN 'retained' ELSE 'churned' END, "
           f"outcome_source = {q(Source.BILLING.value)}, outcome_at = {q(ends)} "
           f"WHERE organization_id = {q(org_id)} AND campaign_id = {q(campaign_id)} "
           "AND outcome IS NULL AND status IN "
           f"({', '.join(q(s.value) for s in BILLING_COUNTED)})")
    return sql, q.params


def _revenue_sql(org_id: int, campaign_id: int, ends: datetime) -> tuple[str, list[Any]]:
    q = _Sql()
    paid_on = "COALESCE(i.paid_at, i.issued_at)"
    sql = (f"UPDATE {_A} SET revenue_after = ROUND(COALESCE((SELECT SUM(i.amount) FROM "
           f'"invoice" i WHERE i.organization_id = {q(org_id)} AND i.customer_id = '
           f"{_A}.customer_id AND i.status = {q(InvoiceStatus.PAID.value)} AND {paid_on} > "
           f"{_A}.decided_at AND {paid_on} <= {q(ends)}), 0) + COALESCE((SELECT SUM(t.amount) "
           f'FROM "transaction" t WHERE t.organization_id = {q(org_id)} AND t.customer_id = '
           f"{_A}.customer_id AND t.at > {_A}.decided_at AND t.at <= {q(ends)}), 0), 2) "
           f"WHERE organization_id = {q(org_id)} AND campaign_id = {q(campaign_id)} "
           "AND revenue_after IS NULL")
    return sql, q.params


_TALLY = ("SELECT segment, risk_level, tier, arm, status, outcome, outcome_source, COUNT(*), "
          f"SUM(churn_probability) FROM {_A} WHERE organization_id = ? AND campaign_id = ? "
          "GROUP BY segment, risk_level, tier, arm, status, outcome, outcome_source")


async def _detect_campaign(org_id: int, campaign_id: int, ends: datetime, now: datetime
                           ) -> CampaignDetection | None:
    ends = ends.astimezone(UTC)
    async with in_transaction():
        claimed = await Campaign.filter(
            organization_id=org_id, id=campaign_id, outcomes_detected_at__isnull=True).update(
            status=CampaignStatus.CLOSED, outcomes_detected_at=now)
        if not claimed:
            return None  # closed meanwhile by another run
        db = connections.get("default")
        for sql, params in (_revenue_sql(org_id, campaign_id, ends),
                            _outcome_sql(org_id, campaign_id, ends)):
            await db.execute_query(dialect_sql(sql), params)
        _, rows = await db.execute_query(dialect_sql(_TALLY), [org_id, campaign_id])
        deltas: dict[Key, Delta] = defaultdict(Delta)
        retained = churned = manual = without = 0
        for segment, risk, tier, arm, status, outcome, source, n, expected in rows:
            n = int(n)
            if outcome is None:
                without += n
            elif source != Source.BILLING.value:
                manual += n
            else:
                d = deltas[(context_key(segment, risk, tier), counted_arm(status, arm))]
                d.expected += float(expected or 0.0)
                if outcome == Outcome.RETAINED.value:
                    d.retained += n
                    retained += n
                else:
                    d.churned += n
                    churned += n
        await add_counts(org_id, deltas, now)
    return CampaignDetection(campaign_id, retained, churned, manual, without)


async def detect_outcomes(org_id: int, now: datetime | None = None, *,
                          progress: Progress | None = None) -> DetectResult:
    """Detect the outcomes of every campaign of the organization whose window ended by
    `now` and that was not closed yet, and close them (see the module docstring). A second
    run does nothing."""
    moment = datetime.now(UTC) if now is None else aware_utc(now, "now")
    due = await Campaign.filter(organization_id=org_id, outcomes_detected_at__isnull=True,
                                window_ends_at__lte=moment).order_by(
        "window_ends_at", "id").values_list("id", "window_ends_at")
    closed: list[CampaignDetection] = []
    for k, (campaign_id, ends) in enumerate(due):
        found = await _detect_campaign(org_id, int(campaign_id), ends, moment)
        if found is not None:
            closed.append(found)
        if progress is not None:
            await progress((k + 1) / len(due), f"campaign {campaign_id}: outcomes detected")
    return DetectResult(closed)


async def organizations_due(now: datetime | None = None) -> list[int]:
    """Organizations with a campaign whose window ended and whose outcomes are not read."""
    moment = datetime.now(UTC) if now is None else aware_utc(now, "now")
    ids = await Campaign.filter(outcomes_detected_at__isnull=True, window_ends_at__lte=moment
                                ).distinct().values_list("organization_id", flat=True)
    return sorted({int(i) for i in ids})  # type: ignore[call-overload]


async def request_detection(queue: JobQueue, org_id: int) -> JobRequest:
    """Queue a DETECT_OUTCOMES job for the organization (an unfinished one is returned)."""
    return await request_job(queue, org_id, JobKind.DETECT_OUTCOMES, {})


def arm_counts_of(actions: Sequence[Action]) -> dict[Key, Delta]:
    """What `ArmOutcomes` should hold for these actions (their outcomes, counted as the
    module docstring says): for consistency checks."""
    counts: dict[Key, Delta] = defaultdict(Delta)
    for a in actions:
        if a.outcome is None or a.status not in RECORDABLE:
            continue
        d = counts[(context_key(a.segment, a.risk_level.value, a.tier.value),
                    counted_arm(a.status, a.arm))]
        d.expected += a.churn_probability
        if a.outcome is Outcome.RETAINED:
            d.retained += 1
        else:
            d.churned += 1
    return counts
