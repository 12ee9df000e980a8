"""Provider-neutral records a sync hands to the domain, one page at a time.

The workers translate each provider's typed records into these; `domain.sync.store` maps
them onto rows. Money is a Decimal in major units, times are UTC-aware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.enums import (
    ForecastCategory,
    InvoiceStatus,
    LeadStatus,
    OpportunityStage,
    PaymentStatus,
    Source,
    Stage,
    SubscriptionStatus,
)


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """A provider's account: Stripe customer, HubSpot company or Salesforce account."""

    source: Source
    external_id: str
    name: str
    created_at: datetime
    email: str | None = None
    domain: str | None = None
    country: str | None = None
    industry: str | None = None
    currency: str | None = None
    stage: Stage | None = None  # the CRM's lifecycle stage, mapped
    stage_label: str = ""  # the provider's own value, for the transition's reason
    refs: tuple[tuple[Source, str], ...] = ()  # ids of the same account in other sources
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class ContactRecord:
    source: Source
    external_id: str
    account_id: str | None
    email: str | None
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    external_id: str
    account_id: str
    plan: str
    status: SubscriptionStatus
    seats: int
    mrr: Decimal
    currency: str
    started_at: datetime
    canceled_at: datetime | None


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    external_id: str
    account_id: str
    subscription_id: str | None
    amount: Decimal
    currency: str
    status: InvoiceStatus
    issued_at: datetime
    paid_at: datetime | None


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    external_id: str
    account_id: str | None
    invoice_id: str | None
    amount: Decimal
    currency: str
    status: PaymentStatus
    failure_code: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class LeadRecord:
    source: Source
    external_id: str
    name: str
    email: str | None
    channel: str  # where the lead came from (lead source)
    status: LeadStatus
    created_at: datetime
    converted_at: datetime | None = None
    account_id: str | None = None  # the source's account (company / converted account)
    stage: Stage | None = None  # the lead's own lifecycle stage, when the source has one
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OpportunityRecord:
    source: Source
    external_id: str
    account_id: str | None
    name: str
    amount: Decimal
    currency: str
    stage: OpportunityStage
    probability: float
    forecast_category: ForecastCategory
    close_date: date
    is_closed: bool
    is_won: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StageHistoryRecord:
    """A row of an opportunity's stage history (Salesforce OpportunityHistory)."""

    source: Source
    external_id: str
    opportunity_id: str
    stage: OpportunityStage
    at: datetime


@dataclass(frozen=True, slots=True)
class Deletion:
    source: Source
    kind: str  # account, contact, lead, opportunity, subscription
    external_id: str


@dataclass
class Batch:
    """One page's records. Written in one transaction together with the run's cursor."""

    accounts: list[AccountRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    subscriptions: list[SubscriptionRecord] = field(default_factory=list)
    invoices: list[InvoiceRecord] = field(default_factory=list)
    payments: list[PaymentRecord] = field(default_factory=list)
    leads: list[LeadRecord] = field(default_factory=list)
    opportunities: list[OpportunityRecord] = field(default_factory=list)
    history: list[StageHistoryRecord] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (id, code, message)

    def __len__(self) -> int:
        return (len(self.accounts) + len(self.contacts) + len(self.subscriptions)
                + len(self.invoices) + len(self.payments) + len(self.leads)
                + len(self.opportunities) + len(self.history) + len(self.deletions)
                + len(self.skipped))
