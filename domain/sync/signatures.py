"""Webhook signatures: Stripe's `Stripe-Signature` (t=…,v1=… HMAC-SHA256 over
"{t}.{raw body}") and HubSpot's v3 (base64 HMAC-SHA256 over method + URI + body +
timestamp). Both reject stale timestamps and compare in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac

from domain.errors import DomainError


class SignatureRejected(DomainError):
    code = "SIGNATURE_REJECTED"


def _hmac(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def sign_stripe(payload: bytes, secret: str, timestamp: int) -> str:
    digest = _hmac(secret, f"{timestamp}.".encode() + payload).hex()
    return f"t={timestamp},v1={digest}"


def verify_stripe(payload: bytes, header: str | None, secret: str, *, now: float,
                  tolerance: float = 300) -> None:
    if not header:
        raise SignatureRejected("the Stripe-Signature header is missing",
                                field="Stripe-Signature")
    timestamp: int | None = None
    candidates: list[str] = []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                timestamp = None
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise SignatureRejected("the Stripe-Signature header has no timestamp or no v1 "
                                "signature", field="Stripe-Signature")
    if abs(now - timestamp) > tolerance:
        raise SignatureRejected(f"the signature's timestamp is {int(now - timestamp)} s from "
                                f"now, outside the {int(tolerance)} s tolerance",
                                field="Stripe-Signature")
    expected = _hmac(secret, f"{timestamp}.".encode() + payload).hex()
    if not any(hmac.compare_digest(expected.encode(), c.encode("utf-8", "replace"))
               for c in candidates):
        raise SignatureRejected("no v1 signature matches the payload", field="Stripe-Signature")


# HubSpot decodes these percent-escapes in the URI before signing.
_HUBSPOT_DECODE = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$",
                   "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}


def _hubspot_uri(uri: str) -> str:
    for escaped, char in _HUBSPOT_DECODE.items():
        uri = uri.replace(escaped, char).replace(escaped.lower(), char)
    return uri


def sign_hubspot(method: str, uri: str, body: bytes, secret: str, timestamp_ms: int) -> str:
    source = method.upper().encode() + _hubspot_uri(uri).encode() + body + \
        str(timestamp_ms).encode()
    return base64.b64encode(_hmac(secret, source)).decode()


def verify_hubspot(method: str, uri: str, body: bytes, signature: str | None,
                   timestamp: str | None, secret: str, *, now: float,
                   tolerance: float = 300) -> None:
    if not signature or not timestamp:
        raise SignatureRejected("X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are "
                                "required", field="X-HubSpot-Signature-v3")
    try:
        millis = int(timestamp)
    except ValueError:
        raise SignatureRejected("X-HubSpot-Request-Timestamp is not a number of milliseconds",
                                field="X-HubSpot-Request-Timestamp") from None
    if abs(now - millis / 1000) > tolerance:
        raise SignatureRejected(f"the request timestamp is {int(now - millis / 1000)} s from "
                                f"now, outside the {int(tolerance)} s tolerance",
                                field="X-HubSpot-Request-Timestamp")
    expected = sign_hubspot(method, uri, body, secret, millis)
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        raise SignatureRejected("the signature does not match the request",
                                field="X-HubSpot-Signature-v3")
