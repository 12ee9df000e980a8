"""Typed Stripe records, parsed from the JSON Stripe really sends (API version
`STRIPE_VERSION`, the one the client pins), from list pages, retrieves and webhook events alike.

Every `parse_*` accepts the object as Stripe sends it; optional fields that are missing or null
never crash parsing. Fields Stripe may expand into objects (`customer`, `product`, `invoice`,
`subscription`) are read as the id either way. A missing `id`, or a missing `created` on an
object that is not a deleted stub, raises `StripeParseError` (a `ValueError`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

STRIPE_VERSION = "2024-06-20"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Json = Mapping[str, Any]

# How many of an interval make a month, exactly (52 weeks and 365 days a year).
_PER_MONTH: dict[str, Fraction] = {
    "day": Fraction(365, 12),
    "week": Fraction(52, 12),
    "month": Fraction(1),
    "year": Fraction(1, 12),
}


class StripeParseError(ValueError):
    """A Stripe object lacks a field no record can do without."""


@dataclass(frozen=True, slots=True)
class StripeCustomer:
    id: str
    email: str | None
    name: str | None
    created: datetime  # the epoch for a deleted stub, which carries no `created`
    currency: str | None
    country: str | None  # address.country
    metadata: dict[str, str]
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class StripePrice:
    id: str
    nickname: str | None
    product: str
    unit_amount: int  # minor units; 0 when Stripe has none (tiered prices)
    currency: str
    interval: str  # 'day' | 'week' | 'month' | 'year' ('month' for a one-off price)
    interval_count: int


@dataclass(frozen=True, slots=True)
class StripeItem:
    id: str
    price: StripePrice
    quantity: int  # 1 when Stripe sends none (metered prices)


@dataclass(frozen=True, slots=True)
class StripeSubscription:
    id: str
    customer: str
    status: str  # raw Stripe status: active, past_due, unpaid, canceled, incomplete, ...
    created: datetime
    start_date: datetime
    canceled_at: datetime | None
    ended_at: datetime | None
    cancel_at_period_end: bool
    currency: str
    items: tuple[StripeItem, ...]
    metadata: dict[str, str]

    @property
    def monthly_amount(self) -> int:
        """Minor units per month across items: unit_amount * quantity normalised to a month
        (year / 12, week * 52 / 12, day * 365 / 12) and divided by interval_count, summed
        exactly and rounded half up."""
        total = Fraction(0)
        for item in self.items:
            price = item.price
            per_month = _PER_MONTH.get(price.interval, Fraction(1))
            total += (Fraction(price.unit_amount * item.quantity) * per_month
                      / max(price.interval_count, 1))
        return int((total + Fraction(1, 2)) // 1)


@dataclass(frozen=True, slots=True)
class StripeInvoice:
    id: str
    customer: str  # '' if Stripe sends null (an invoice without a customer)
    subscription: str | None
    status: str  # 'draft' | 'open' | 'paid' | 'uncollectible' | 'void' ('' if Stripe sends null)
    total: int
    amount_paid: int
    amount_due: int
    currency: str
    created: datetime
    paid_at: datetime | None  # status_transitions.paid_at
    attempt_count: int


@dataclass(frozen=True, slots=True)
class StripeCharge:
    id: str
    customer: str | None
    invoice: str | None
    amount: int
    currency: str
    status: str  # 'succeeded' | 'pending' | 'failed'
    failure_code: str | None
    created: datetime


StripeObject = StripeCustomer | StripeSubscription | StripeInvoice | StripeCharge


@dataclass(frozen=True, slots=True)
class StripeEvent:
    id: str
    type: str  # e.g. customer.subscription.updated
    created: datetime
    object_type: str  # data.object.object: 'customer' | 'subscription' | 'invoice' | 'charge' | ...
    obj: StripeObject | None  # None for object types not parsed here
    previous_attributes: dict[str, object] = field(default_factory=dict)


# -- field readers ------------------------------------------------------------------------------

def timestamp(value: object) -> datetime | None:
    """A Stripe unix timestamp as a UTC datetime (None for null or a non-number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, UTC)


def _str(obj: Json, key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) else None


def _int(obj: Json, key: str, default: int = 0) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return int(value)


def _ref(obj: Json, key: str) -> str | None:
    """An id field Stripe may have expanded into an object."""
    value = obj.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return _str(value, "id")
    return None


def _map(obj: Json, key: str) -> Json:
    value = obj.get(key)
    return value if isinstance(value, Mapping) else {}


def _metadata(obj: Json) -> dict[str, str]:
    return {str(k): str(v) for k, v in _map(obj, "metadata").items() if v is not None}


def _id(obj: Json) -> str:
    value = obj.get("id")
    if not isinstance(value, str) or not value:
        raise StripeParseError(f"Stripe {obj.get('object', 'object')} without an id")
    return value


def _created(obj: Json) -> datetime:
    when = timestamp(obj.get("created"))
    if when is None:
        raise StripeParseError(f"Stripe {obj.get('object', 'object')} {obj.get('id')} "
                               "without created")
    return when


def _required_ref(obj: Json, key: str) -> str:
    value = _ref(obj, key)
    if value is None:
        raise StripeParseError(f"Stripe {obj.get('object', 'object')} {obj.get('id')} "
                               f"without {key}")
    return value


# -- parsers -------------------------------------------------------------------------------------

def parse_customer(obj: Json) -> StripeCustomer:
    deleted = obj.get("deleted") is True
    created = timestamp(obj.get("created"))
    if created is None and not deleted:
        created = _created(obj)  # raises
    return StripeCustomer(
        id=_id(obj),
        email=_str(obj, "email"),
        name=_str(obj, "name"),
        created=created or EPOCH,
        currency=_str(obj, "currency"),
        country=_str(_map(obj, "address"), "country"),
        metadata=_metadata(obj),
        deleted=deleted,
    )


def parse_price(obj: Json) -> StripePrice:
    recurring = _map(obj, "recurring")
    unit_amount = obj.get("unit_amount")
    if not isinstance(unit_amount, int):
        decimal = obj.get("unit_amount_decimal")
        try:
            unit_amount = round(float(decimal)) if isinstance(decimal, str) else 0
        except ValueError:
            unit_amount = 0
    return StripePrice(
        id=_id(obj),
        nickname=_str(obj, "nickname"),
        product=_ref(obj, "product") or "",
        unit_amount=unit_amount,
        currency=_str(obj, "currency") or "",
        interval=_str(recurring, "interval") or "month",
        interval_count=_int(recurring, "interval_count", 1) or 1,
    )


def parse_item(obj: Json) -> StripeItem:
    price = obj.get("price")
    if not isinstance(price, Mapping):
        price = obj.get("plan")  # very old API versions carry the plan only
    if not isinstance(price, Mapping):
        raise StripeParseError(f"Stripe subscription item {obj.get('id')} without a price")
    if "recurring" not in price and "interval" in price:  # a plan: interval at top level
        price = {**price, "recurring": {"interval": price.get("interval"),
                                        "interval_count": price.get("interval_count")},
                 "unit_amount": price.get("amount")}
    quantity = obj.get("quantity")
    return StripeItem(id=_id(obj), price=parse_price(price),
                      quantity=quantity if isinstance(quantity, int) else 1)


def parse_subscription(obj: Json) -> StripeSubscription:
    created = _created(obj)
    items = _map(obj, "items").get("data")
    parsed = tuple(parse_item(i) for i in items if isinstance(i, Mapping)) \
        if isinstance(items, list) else ()
    currency = _str(obj, "currency") or (parsed[0].price.currency if parsed else "")
    return StripeSubscription(
        id=_id(obj),
        customer=_required_ref(obj, "customer"),
        status=_str(obj, "status") or "",
        created=created,
        start_date=timestamp(obj.get("start_date")) or created,
        canceled_at=timestamp(obj.get("canceled_at")),
        ended_at=timestamp(obj.get("ended_at")),
        cancel_at_period_end=obj.get("cancel_at_period_end") is True,
        currency=currency,
        items=parsed,
        metadata=_metadata(obj),
    )


def parse_invoice(obj: Json) -> StripeInvoice:
    subscription = _ref(obj, "subscription")
    if subscription is None:  # API versions from 2025-03-31 moved it under `parent`
        details = _map(_map(obj, "parent"), "subscription_details")
        subscription = _ref(details, "subscription")
    return StripeInvoice(
        id=_id(obj),
        customer=_ref(obj, "customer") or "",
        subscription=subscription,
        status=_str(obj, "status") or "",
        total=_int(obj, "total"),
        amount_paid=_int(obj, "amount_paid"),
        amount_due=_int(obj, "amount_due"),
        currency=_str(obj, "currency") or "",
        created=_created(obj),
        paid_at=timestamp(_map(obj, "status_transitions").get("paid_at")),
        attempt_count=_int(obj, "attempt_count"),
    )


def parse_charge(obj: Json) -> StripeCharge:
    return StripeCharge(
        id=_id(obj),
        customer=_ref(obj, "customer"),
        invoice=_ref(obj, "invoice"),
        amount=_int(obj, "amount"),
        currency=_str(obj, "currency") or "",
        status=_str(obj, "status") or "",
        failure_code=_str(obj, "failure_code"),
        created=_created(obj),
    )


_PARSERS: dict[str, Callable[[Json], StripeObject]] = {
    "customer": parse_customer,
    "subscription": parse_subscription,
    "invoice": parse_invoice,
    "charge": parse_charge,
}


def parse_event(obj: Json) -> StripeEvent:
    """An event; `obj` is the parsed `data.object` for customers, subscriptions, invoices and
    charges (a `customer.deleted` event's customer has deleted=True), else None."""
    data = _map(obj, "data")
    inner = _map(data, "object")
    object_type = _str(inner, "object") or ""
    event_type = _str(obj, "type") or ""
    parser = _PARSERS.get(object_type)
    parsed: StripeObject | None = parser(inner) if parser is not None else None
    if isinstance(parsed, StripeCustomer) and event_type == "customer.deleted" \
            and not parsed.deleted:
        parsed = replace(parsed, deleted=True)
    previous = data.get("previous_attributes")
    return StripeEvent(
        id=_id(obj),
        type=event_type,
        created=_created(obj),
        object_type=object_type,
        obj=parsed,
        previous_attributes=dict(previous) if isinstance(previous, Mapping) else {},
    )
