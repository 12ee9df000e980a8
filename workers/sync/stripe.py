"""Stripe: customers, subscriptions (all statuses), invoices and charges in full; the
events list, walked forward from the last event seen, for incremental syncs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from domain.enums import PaymentStatus, Source, SyncMode
from domain.sync import vocab
from domain.sync.records import (
    AccountRecord,
    Batch,
    InvoiceRecord,
    PaymentRecord,
    SubscriptionRecord,
)
from integrations.http import BadResponse
from integrations.pages import Page
from integrations.stripe.client import StripeClient
from integrations.stripe.records import (
    StripeCharge,
    StripeCustomer,
    StripeEvent,
    StripeInvoice,
    StripeSubscription,
)
from workers.sync.base import Connect, Fetched, Plan, Stream

# Currencies Stripe counts in whole units (no cents).
ZERO_DECIMAL = frozenset({"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf",
                          "ugx", "vnd", "vuv", "xaf", "xof", "xpf"})
THREE_DECIMAL = frozenset({"bhd", "jod", "kwd", "omr", "tnd"})
EVENT_MARK = "last_event"
REFS = {"salesforce_account_id": Source.SALESFORCE, "salesforce_id": Source.SALESFORCE,
        "hubspot_company_id": Source.HUBSPOT, "hubspot_id": Source.HUBSPOT}


def money(minor: int, currency: str) -> Decimal:
    code = currency.lower()
    if code in ZERO_DECIMAL:
        return Decimal(minor)
    return Decimal(minor) / (1000 if code in THREE_DECIMAL else 100)


def account(c: StripeCustomer) -> AccountRecord:
    refs = tuple((source, c.metadata[key]) for key, source in REFS.items()
                 if c.metadata.get(key))
    return AccountRecord(
        source=Source.STRIPE, external_id=c.id, name=c.name or c.email or c.id,
        created_at=c.created, email=c.email, country=c.country,
        currency=c.currency.upper() if c.currency else None, refs=refs, deleted=c.deleted)


def subscription(s: StripeSubscription) -> SubscriptionRecord:
    first = s.items[0].price if s.items else None
    plan = (first.nickname or first.product or first.id) if first else "unknown"
    status = vocab.subscription_status(s.status)
    ended = s.ended_at or s.canceled_at
    return SubscriptionRecord(
        external_id=s.id, account_id=s.customer, plan=plan, status=status,
        seats=max(sum(i.quantity for i in s.items), 1),
        mrr=money(s.monthly_amount, s.currency), currency=s.currency.upper(),
        started_at=s.start_date, canceled_at=ended if status.value == "canceled" else None)


def invoice(i: StripeInvoice) -> InvoiceRecord:
    return InvoiceRecord(
        external_id=i.id, account_id=i.customer, subscription_id=i.subscription,
        amount=money(i.total, i.currency), currency=i.currency.upper(),
        status=vocab.invoice_status(i.status, attempt_count=i.attempt_count),
        issued_at=i.created, paid_at=i.paid_at)


def payment(c: StripeCharge) -> PaymentRecord:
    try:
        status = PaymentStatus(c.status)
    except ValueError:
        status = PaymentStatus.PENDING
    return PaymentRecord(
        external_id=c.id, account_id=c.customer, invoice_id=c.invoice,
        amount=money(c.amount, c.currency), currency=c.currency.upper(), status=status,
        failure_code=c.failure_code, at=c.created)


def add(batch: Batch, obj: object) -> bool:
    """Put a parsed Stripe object into the batch; False for kinds we do not keep."""
    if isinstance(obj, StripeCustomer):
        batch.accounts.append(account(obj))
    elif isinstance(obj, StripeSubscription):
        batch.subscriptions.append(subscription(obj))
    elif isinstance(obj, StripeInvoice):
        batch.invoices.append(invoice(obj))
    elif isinstance(obj, StripeCharge):
        batch.payments.append(payment(obj))
    else:
        return False
    return True


def events_batch(events: tuple[StripeEvent, ...]) -> Batch:
    """Events in order; each object's last snapshot in the page wins (writers dedupe)."""
    batch = Batch()
    for event in events:
        if event.obj is not None:
            if event.type == "customer.deleted" and isinstance(event.obj, StripeCustomer):
                batch.accounts.append(replace(account(event.obj), deleted=True))
            else:
                add(batch, event.obj)
    return batch


def _listing(name: str, fetch_page: Callable[..., Awaitable[Page[Any]]]) -> Stream:
    async def fetch(cursor: str | None, since: str | None) -> Fetched:
        page = await fetch_page(cursor=cursor)
        batch = Batch()
        for item in page.items:
            add(batch, item)
        return Fetched(batch, page.next_cursor)

    return Stream(name, fetch)


async def _retained(client: StripeClient, mark: str) -> bool:
    """Whether Stripe still lists events after `mark` (a "none:" mark always works)."""
    if mark.startswith("none:"):
        return True
    try:
        await client.list_events(after_event=mark, limit=1)
    except BadResponse as exc:
        if exc.status == 404:
            return False
        raise
    return True


async def plan(connect: Connect) -> Plan:
    secrets = connect.credentials.secrets
    client = StripeClient(secrets["api_key"], base_url=connect.credentials.base_url,
                          transport=connect.transport, policy=connect.policy,
                          sleep=connect.sleep)

    async def start(cursor: str | None, since: str | None) -> Fetched:
        latest = await client.latest_event_id()
        mark = latest or f"none:{int(datetime.now(UTC).timestamp())}"
        return Fetched(Batch(), None, mark)

    async def events(cursor: str | None, since: str | None) -> Fetched:
        position = cursor or since or ""
        if position.startswith("none:"):
            began = datetime.fromtimestamp(int(position[5:]), UTC)
            page = await client.list_events(created_gte=began)
        else:
            page = await client.list_events(after_event=position)
        mark = page.items[-1].id if page.items else (since if cursor is None else cursor)
        return Fetched(events_batch(page.items), page.next_cursor, mark)

    notes: list[str] = []
    mark = connect.state.get(EVENT_MARK)
    if connect.mode is SyncMode.INCREMENTAL and mark and not await _retained(client, mark):
        notes.append(f"event {mark} is past Stripe's 30-day retention: ran a full sync")
        mark = None
    if connect.mode is SyncMode.INCREMENTAL and mark:
        streams = [Stream("events", events, since_key=EVENT_MARK)]
    else:
        streams = [
            Stream("event_start", start, since_key=EVENT_MARK),
            _listing("customers", client.list_customers),
            _listing("subscriptions", client.list_subscriptions),
            _listing("invoices", client.list_invoices),
            _listing("charges", client.list_charges),
        ]
    return Plan(streams, client.aclose, notes)
