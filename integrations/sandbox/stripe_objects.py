"""Stripe objects for the sandbox, in two forms.

Stored ("sparse"): the fields a test or seed gave (native Stripe names) plus `id`, `object`,
`created`, the fields the indexes read, and the timestamps Stripe stamps on a transition
(`canceled_at`, `status_transitions.*`). Small, so 100k objects load fast.

Rendered (`render`): the full object as API version 2024-06-20 returns it, every field Stripe
sends filled with its default or derived value (`paid`, `amount_remaining`, ...). Rendering
costs O(object), so a page costs O(page size).

Builders take `src`, the stored object they update (or None) and the sandbox time; top-level
fields in `src` replace stored ones and the rest are kept.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

Obj = dict[str, Any]
Src = Mapping[str, Any]
DAY = 86400


class Ids:
    """Stripe-looking ids (`cus_` + 14 alphanumerics), reproducible from a seed."""

    def __init__(self, seed: int = 1) -> None:
        self._rng = random.Random(seed)

    def new(self, prefix: str, length: int = 14) -> str:
        return f"{prefix}_{self._rng.randbytes(length // 2).hex()}"


def _start(kind: str, prefix: str, src: Src, previous: Obj | None, now: int, ids: Ids,
           **base: Any) -> Obj:
    if previous is not None:
        return {**previous, **src}
    head, _, length = prefix.partition(":")
    out: Obj = {"id": src.get("id") or ids.new(head, int(length or 14)), "object": kind,
                "created": now, **base}
    out.update(src)
    return out


# -- builders (stored form) -----------------------------------------------------------------------

def customer(src: Src, previous: Obj | None, now: int, ids: Ids) -> Obj:
    return _start("customer", "cus", src, previous, now, ids)


def subscription(src: Src, previous: Obj | None, now: int, ids: Ids) -> Obj:
    if previous is None and "customer" not in src:
        raise ValueError("a subscription needs a customer")
    out = _start("subscription", "sub", src, previous, now, ids, status="active",
                 canceled_at=None, ended_at=None)
    if "items" in src:
        raw = src["items"]
        data = raw.get("data", []) if isinstance(raw, Mapping) else raw
        out["items"] = [_item(i, ids) for i in data]
    elif previous is None:
        out["items"] = []
    if out["status"] == "canceled":
        if out["canceled_at"] is None:
            out["canceled_at"] = now
        if out["ended_at"] is None:
            out["ended_at"] = now
    return out


def _item(src: Src, ids: Ids) -> Obj:
    price = src.get("price") or {}
    price = {"id": price} if isinstance(price, str) else dict(price)
    if "id" not in price:
        price["id"] = ids.new("price", 24)
    if "product" not in price:
        price["product"] = ids.new("prod")
    return {"id": src.get("id") or ids.new("si"), **src, "price": price}


def invoice(src: Src, previous: Obj | None, now: int, ids: Ids) -> Obj:
    if previous is None and "customer" not in src:
        raise ValueError("an invoice needs a customer")
    out = _start("invoice", "in:24", src, previous, now, ids, status="draft", subscription=None)
    transitions: Obj = dict(previous.get("status_transitions") or {}) if previous else {}
    transitions.update(src.get("status_transitions") or {})
    status = out["status"]
    if status != "draft" and transitions.get("finalized_at") is None:
        transitions["finalized_at"] = now
    stamp = {"paid": "paid_at", "void": "voided_at", "uncollectible": "marked_uncollectible_at"}
    if status in stamp and transitions.get(stamp[status]) is None:
        transitions[stamp[status]] = now
    if transitions:
        out["status_transitions"] = transitions
    return out


def charge(src: Src, previous: Obj | None, now: int, ids: Ids) -> Obj:
    return _start("charge", "ch:24", src, previous, now, ids, status="succeeded", customer=None)


# -- rendering (wire form) -------------------------------------------------------------------------

_CUSTOMER: Obj = {
    "address": None, "balance": 0, "currency": None, "default_source": None, "delinquent": False,
    "description": None, "discount": None, "email": None,
    "invoice_settings": {"custom_fields": None, "default_payment_method": None, "footer": None,
                         "rendering_options": None},
    "livemode": False, "metadata": {}, "name": None, "next_invoice_sequence": 1, "phone": None,
    "preferred_locales": [], "shipping": None, "tax_exempt": "none", "test_clock": None,
}

_SUBSCRIPTION: Obj = {
    "application": None, "application_fee_percent": None,
    "automatic_tax": {"enabled": False, "liability": None}, "billing_thresholds": None,
    "cancel_at": None, "cancel_at_period_end": False, "canceled_at": None,
    "cancellation_details": {"comment": None, "feedback": None, "reason": None},
    "collection_method": "charge_automatically", "days_until_due": None,
    "default_payment_method": None, "default_source": None, "default_tax_rates": [],
    "description": None, "discount": None, "discounts": [], "ended_at": None,
    "invoice_settings": {"issuer": {"type": "self"}}, "latest_invoice": None, "livemode": False,
    "metadata": {}, "next_pending_invoice_item_invoice": None, "on_behalf_of": None,
    "pause_collection": None, "pending_invoice_item_interval": None,
    "pending_setup_intent": None, "pending_update": None, "schedule": None, "status": "active",
    "test_clock": None, "transfer_data": None, "trial_end": None,
    "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
    "trial_start": None,
}

_ITEM: Obj = {"billing_thresholds": None, "discounts": [], "metadata": {}, "quantity": 1,
         "tax_rates": []}

_PRICE: Obj = {
    "active": True, "billing_scheme": "per_unit", "custom_unit_amount": None, "livemode": False,
    "lookup_key": None, "metadata": {}, "nickname": None, "tax_behavior": "unspecified",
    "tiers_mode": None, "transform_quantity": None, "type": "recurring", "unit_amount": 0,
}

_RECURRING: Obj = {"aggregate_usage": None, "interval": "month", "interval_count": 1, "meter": None,
              "trial_period_days": None, "usage_type": "licensed"}

_INVOICE: Obj = {
    "account_country": "US", "account_name": None, "attempt_count": 0, "auto_advance": True,
    "collection_method": "charge_automatically", "currency": "usd", "customer_email": None,
    "customer_name": None, "default_payment_method": None, "description": None,
    "discount": None, "due_date": None, "ending_balance": None, "hosted_invoice_url": None,
    "livemode": False, "metadata": {}, "number": None, "paid_out_of_band": False,
    "status": "draft", "subscription": None, "total": 0, "webhooks_delivered_at": None,
}

_TRANSITIONS: Obj = {"finalized_at": None, "marked_uncollectible_at": None, "paid_at": None,
                "voided_at": None}

_CHARGE: Obj = {
    "amount": 0, "amount_refunded": 0, "application": None, "application_fee": None,
    "balance_transaction": None,
    "billing_details": {"address": None, "email": None, "name": None, "phone": None},
    "calculated_statement_descriptor": None, "currency": "usd", "customer": None,
    "description": None, "disputed": False, "failure_balance_transaction": None,
    "failure_code": None, "failure_message": None, "fraud_details": {}, "invoice": None,
    "livemode": False, "metadata": {}, "outcome": None, "payment_intent": None,
    "payment_method": None, "receipt_email": None, "receipt_url": None, "refunded": False,
    "review": None, "shipping": None, "source_transfer": None, "statement_descriptor": None,
    "status": "succeeded", "transfer_data": None, "transfer_group": None,
}


def render_customer(obj: Obj) -> Obj:
    return {"id": obj["id"], "object": "customer", **_CUSTOMER,
            "invoice_prefix": obj["id"][-8:].upper(), **obj}


def render_subscription(obj: Obj) -> Obj:
    created, sub_id = obj["created"], obj["id"]
    items = obj.get("items") or []
    currency = obj.get("currency") or next(
        (i["price"]["currency"] for i in items if isinstance(i["price"].get("currency"), str)),
        "usd")
    data = [_render_item(i, sub_id, currency, created) for i in items]
    return {"id": sub_id, "object": "subscription", **_SUBSCRIPTION,
            "billing_cycle_anchor": created, "current_period_start": created,
            "current_period_end": created + 30 * DAY, "start_date": created, **obj,
            "currency": currency,
            "items": {"object": "list", "data": data, "has_more": False,
                      "total_count": len(data),
                      "url": f"/v1/subscription_items?subscription={sub_id}"}}


def _render_item(item: Obj, sub_id: str, currency: str, created: int) -> Obj:
    price = item["price"]
    amount = price.get("unit_amount", 0)
    rendered_price = {
        "id": price["id"], "object": "price", **_PRICE, "created": created,
        "currency": currency, "unit_amount_decimal": None if amount is None else str(amount),
        **price, "recurring": {**_RECURRING, **(price.get("recurring") or {})}}
    return {"id": item["id"], "object": "subscription_item", **_ITEM, "created": created,
            "subscription": sub_id, **item, "price": rendered_price}


def render_invoice(obj: Obj) -> Obj:
    out = {"id": obj["id"], "object": "invoice", **_INVOICE,
           "billing_reason": "subscription_cycle" if obj.get("subscription") else "manual",
           "lines": {"object": "list", "data": [], "has_more": False, "total_count": 0,
                     "url": f"/v1/invoices/{obj['id']}/lines"},
           "period_end": obj["created"], "period_start": obj["created"], **obj,
           "status_transitions": {**_TRANSITIONS, **(obj.get("status_transitions") or {})}}
    paid = out["status"] == "paid"
    out.setdefault("subtotal", out["total"])
    out.setdefault("amount_due", out["total"])
    out.setdefault("amount_paid", out["amount_due"] if paid else 0)
    out.setdefault("amount_remaining", max(int(out["amount_due"]) - int(out["amount_paid"]), 0))
    out.setdefault("paid", paid)
    out.setdefault("attempted", int(out["attempt_count"] or 0) > 0)
    return out


def render_charge(obj: Obj) -> Obj:
    out = {"id": obj["id"], "object": "charge", **_CHARGE, **obj}
    succeeded = out["status"] == "succeeded"
    out.setdefault("paid", succeeded)
    out.setdefault("captured", succeeded)
    out.setdefault("amount_captured", out["amount"] if succeeded else 0)
    return out


def render_event(obj: Obj) -> Obj:
    return obj  # stored rendered: an event is a snapshot


RENDER: dict[str, Callable[[Obj], Obj]] = {
    "customer": render_customer, "subscription": render_subscription,
    "invoice": render_invoice, "charge": render_charge, "event": render_event,
}
