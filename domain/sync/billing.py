"""Writing billing records (Stripe subscriptions, invoices and charges), and what billing
says about each customer: MRR, plan, and churn or reactivation."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.enums import Source
from domain.models import Customer, Invoice, LifecycleTransition, Payment, Subscription
from domain.sync.identity import linked
from domain.sync.outcome import Outcome
from domain.sync.records import InvoiceRecord, PaymentRecord, SubscriptionRecord
from domain.sync.stages import LIVE, SubscriptionState, billing_moves
from domain.sync.upsert import create_all, ids_by, update_all, upsert


def _unknown(out: Outcome, kind: str, external_id: str, account: str | None) -> None:
    out.fail(kind, external_id, "UNKNOWN_ACCOUNT",
             f"Stripe customer {account} is not synced (or was deleted)")


async def write_subscriptions(org_id: int, records: Sequence[SubscriptionRecord],
                              now: datetime) -> Outcome:
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    customers = await linked(org_id, Source.STRIPE, (r.account_id for r in records))
    rows: dict[str, dict[str, Any]] = {}
    for r in records:
        cid = customers.get(r.account_id)
        if cid is None:
            _unknown(out, "subscription", r.external_id, r.account_id)
            continue
        rows[r.external_id] = {
            "customer_id": cid, "plan": r.plan[:100], "status": r.status, "seats": r.seats,
            "mrr": r.mrr, "currency": r.currency.upper()[:3], "started_at": r.started_at,
            "canceled_at": r.canceled_at}
    await upsert(Subscription, org_id, "stripe_id", rows, out)
    await refresh_billing_state(org_id, {v["customer_id"] for v in rows.values()}, now)
    return out


async def refresh_billing_state(org_id: int, customer_ids: Collection[int], now: datetime
                                ) -> None:
    """Recompute MRR, plan and billing-driven stage of these customers from all their
    subscriptions."""
    if not customer_ids:
        return
    subs: dict[int, list[dict[str, Any]]] = {}
    for row in await Subscription.filter(
            organization_id=org_id, customer_id__in=list(customer_ids)).values(
            "customer_id", "stripe_id", "status", "started_at", "canceled_at", "mrr", "plan"):
        subs.setdefault(int(row["customer_id"]), []).append(row)
    changed: list[Customer] = []
    steps: list[dict[str, Any]] = []
    for customer in await Customer.filter(organization_id=org_id, id__in=list(subs)):
        rows = subs[customer.id]
        live = [r for r in rows if r["status"] in LIVE]
        mrr = sum((Decimal(r["mrr"]) for r in live), Decimal(0))
        plan = max(live, key=lambda r: Decimal(r["mrr"]))["plan"] if live else customer.plan
        states = [SubscriptionState(str(r["stripe_id"] or ""), r["status"], r["started_at"],
                                    r["canceled_at"]) for r in rows]
        moves = billing_moves(customer.stage, states)
        dirty = Decimal(customer.mrr) != mrr or customer.plan != plan or bool(moves)
        for move in moves:
            steps.append({
                "organization_id": org_id, "customer_id": customer.id,
                "from_stage": customer.stage, "to_stage": move.to, "at": move.at,
                "source": Source.STRIPE, "reason": move.reason})
            customer.stage = move.to
        if dirty:
            customer.mrr, customer.plan, customer.updated_at = mrr, plan, now
            changed.append(customer)
    await update_all(Customer, changed, {"mrr": "numeric", "plan": "text", "stage": "text",
                                         "updated_at": "timestamptz"})
    await create_all(LifecycleTransition, steps)


async def write_invoices(org_id: int, records: Sequence[InvoiceRecord]) -> Outcome:
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    customers = await linked(org_id, Source.STRIPE, (r.account_id for r in records))
    subscriptions = await ids_by(Subscription, org_id, "stripe_id",
                                 [r.subscription_id for r in records if r.subscription_id])
    rows: dict[str, dict[str, Any]] = {}
    for r in records:
        cid = customers.get(r.account_id)
        if cid is None:
            _unknown(out, "invoice", r.external_id, r.account_id)
            continue
        rows[r.external_id] = {
            "customer_id": cid, "amount": r.amount, "currency": r.currency.upper()[:3],
            "status": r.status, "issued_at": r.issued_at, "paid_at": r.paid_at,
            "subscription_id": subscriptions.get(r.subscription_id or "")}
    await upsert(Invoice, org_id, "stripe_id", rows, out)
    return out


async def write_payments(org_id: int, records: Sequence[PaymentRecord]) -> Outcome:
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    customers = await linked(org_id, Source.STRIPE, (r.account_id for r in records
                                                      if r.account_id))
    invoices = await ids_by(Invoice, org_id, "stripe_id",
                            [r.invoice_id for r in records if r.invoice_id])
    rows: dict[str, dict[str, Any]] = {}
    for r in records:
        cid = customers.get(r.account_id or "")
        if cid is None:
            _unknown(out, "payment", r.external_id, r.account_id)
            continue
        rows[r.external_id] = {
            "customer_id": cid, "amount": r.amount, "currency": r.currency.upper()[:3],
            "status": r.status, "failure_code": r.failure_code, "at": r.at,
            "invoice_id": invoices.get(r.invoice_id or "")}
    await upsert(Payment, org_id, "stripe_id", rows, out)
    return out
