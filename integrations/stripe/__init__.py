"""Stripe: an async client with typed records, and the parsers for Stripe's JSON (also used
for webhook payloads)."""

from integrations.stripe.client import (
    StripeClient,
    event_watermark,
    stripe_error,
    stripe_verdict,
)
from integrations.stripe.records import (
    STRIPE_VERSION,
    StripeCharge,
    StripeCustomer,
    StripeEvent,
    StripeInvoice,
    StripeItem,
    StripeObject,
    StripeParseError,
    StripePrice,
    StripeSubscription,
    parse_charge,
    parse_customer,
    parse_event,
    parse_invoice,
    parse_item,
    parse_price,
    parse_subscription,
)

__all__ = [
    "STRIPE_VERSION",
    "StripeCharge",
    "StripeClient",
    "StripeCustomer",
    "StripeEvent",
    "StripeInvoice",
    "StripeItem",
    "StripeObject",
    "StripeParseError",
    "StripePrice",
    "StripeSubscription",
    "event_watermark",
    "parse_charge",
    "parse_customer",
    "parse_event",
    "parse_invoice",
    "parse_item",
    "parse_price",
    "parse_subscription",
    "stripe_error",
    "stripe_verdict",
]
