"""How source data moves a customer through its journey.

CRM stages (HubSpot lifecycle stage, Salesforce lead status and opportunity stage) only
move an account forward through the funnel: CRMs lag, and a stale "lead" must not undo a
sale. Billing is the truth about paying: an active subscription makes a funnel account a
customer and a churned one reactivated; when the last subscription is canceled the
customer is churned, whatever the CRM still says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.enums import Stage, SubscriptionStatus
from domain.journeys.rules import FUNNEL

LIVE = frozenset({SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING,
                  SubscriptionStatus.PAST_DUE})


def crm_move(current: Stage, reported: Stage | None) -> Stage | None:
    """The stage a CRM report moves the account to, or None to stay."""
    if reported is None or current not in FUNNEL or reported not in FUNNEL:
        return None
    return reported if FUNNEL.index(reported) > FUNNEL.index(current) else None


@dataclass(frozen=True, slots=True)
class SubscriptionState:
    external_id: str
    status: SubscriptionStatus
    started_at: datetime
    canceled_at: datetime | None


@dataclass(frozen=True, slots=True)
class Move:
    to: Stage
    at: datetime
    reason: str


def billing_moves(current: Stage, subscriptions: list[SubscriptionState]) -> list[Move]:
    """The moves billing makes for an account with these subscriptions (possibly none)."""
    if not subscriptions:
        return []
    live = [s for s in subscriptions if s.status in LIVE]
    if live:
        newest = max(live, key=lambda s: s.started_at)
        if current is Stage.CHURNED:
            return [Move(Stage.REACTIVATED, newest.started_at,
                         f"stripe: subscription {newest.external_id} is {newest.status.value}")]
        if current in FUNNEL and current is not Stage.CUSTOMER:
            return [Move(Stage.CUSTOMER, newest.started_at,
                         f"stripe: subscription {newest.external_id} is {newest.status.value}")]
        return []
    if current is Stage.CHURNED:
        return []
    last = max(subscriptions, key=lambda s: (s.canceled_at or s.started_at, s.external_id))
    churn = Move(Stage.CHURNED, last.canceled_at or last.started_at,
                 f"stripe: subscription {last.external_id} canceled, none active")
    if current in FUNNEL and current is not Stage.CUSTOMER:
        first = min(subscriptions, key=lambda s: s.started_at)
        return [Move(Stage.CUSTOMER, first.started_at,
                     f"stripe: subscription {first.external_id} started"), churn]
    return [churn]
