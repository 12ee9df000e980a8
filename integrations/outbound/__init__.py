"""Outbound deliveries: signed webhooks (Standard Webhooks) sent to an organization's endpoint."""

from integrations.outbound.webhook import (
    SendResult,
    SignatureInvalid,
    WebhookSender,
    encode,
    secret_key,
    sign,
    signed_headers,
    verify,
)

__all__ = [
    "SendResult",
    "SignatureInvalid",
    "WebhookSender",
    "encode",
    "secret_key",
    "sign",
    "signed_headers",
    "verify",
]
