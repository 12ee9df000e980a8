"""Outbound webhooks signed as Standard Webhooks (https://www.standardwebhooks.com).

Every request carries `webhook-id` (the event id: the same on every retry of an event, so
a receiver that remembers the ids it processed handles each event once), `webhook-timestamp`
(unix seconds of this attempt) and `webhook-signature`: "v1," + base64 of HMAC-SHA256 over
"{id}.{timestamp}.{body}". The key is the base64-decoded part after "whsec_" when the secret
has that prefix, else the secret's UTF-8 bytes. The body is compact JSON.

`WebhookSender.send` makes one attempt and says what happened (`SendResult`); retrying, with
backoff and a dead letter, is the caller's business. 2xx is success; 5xx, 408, 429, timeouts
and network errors are worth retrying; any other status (redirects included: they are not
followed) is not. Nothing here knows the ORM.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from integrations.http import parse_retry_after

SECRET_PREFIX = "whsec_"
VERSION = "v1"
RETRYABLE_STATUS = frozenset({408, 429})
DEFAULT_TOLERANCE = 300.0  # seconds a receiver accepts between the timestamp and its clock
USER_AGENT = "Lifeline-Webhooks/1.0"
EXCERPT = 200  # characters of a failed answer kept in the error
MAX_READ = 4096  # bytes of an answer read at most


class SignatureInvalid(ValueError):
    """A request's Standard Webhooks headers do not prove it came from the secret's holder
    (missing or malformed headers, a stale timestamp, or no matching signature)."""


def secret_key(secret: str) -> bytes:
    """The HMAC key of a secret: base64-decoded after "whsec_" (padding optional), else the
    secret's UTF-8 bytes. Raises ValueError for an empty or undecodable secret."""
    if secret.startswith(SECRET_PREFIX):
        encoded = secret[len(SECRET_PREFIX):]
        try:
            key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"the part after {SECRET_PREFIX} is not valid base64") from exc
    else:
        key = secret.encode()
    if not key:
        raise ValueError("the webhook secret is empty")
    return key


def _as_bytes(body: bytes | str) -> bytes:
    return body.encode() if isinstance(body, str) else body


def _digest(key: bytes, event_id: str, timestamp: int, body: bytes) -> bytes:
    return hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()


def sign(secret: str, event_id: str, timestamp: int, body: bytes | str) -> str:
    """The `webhook-signature` value: "v1,<base64 HMAC-SHA256>"."""
    digest = _digest(secret_key(secret), event_id, timestamp, _as_bytes(body))
    return f"{VERSION},{base64.b64encode(digest).decode()}"


def signed_headers(secret: str, event_id: str, body: bytes | str, *,
                   timestamp: int | None = None) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt (timestamp: now by default)."""
    ts = int(time.time()) if timestamp is None else timestamp
    return {"webhook-id": event_id, "webhook-timestamp": str(ts),
            "webhook-signature": sign(secret, event_id, ts, body)}


def verify(secret: str, headers: Mapping[str, str], body: bytes | str, *,
           now: float | None = None, tolerance: float = DEFAULT_TOLERANCE) -> None:
    """Check a received request (for receivers and tests). `headers` in any case; the
    signature header may list several space-separated signatures (key rotation): one
    matching "v1" signature is enough. Compares in constant time. Raises `SignatureInvalid`."""
    lower = {k.lower(): v for k, v in headers.items()}
    event_id = lower.get("webhook-id", "")
    raw_ts = lower.get("webhook-timestamp", "")
    header = lower.get("webhook-signature", "")
    if not (event_id and raw_ts and header):
        raise SignatureInvalid("webhook-id, webhook-timestamp and webhook-signature are required")
    try:
        timestamp = int(raw_ts)
    except ValueError:
        raise SignatureInvalid(f"webhook-timestamp {raw_ts!r} is not unix seconds") from None
    drift = (time.time() if now is None else now) - timestamp
    if abs(drift) > tolerance:
        raise SignatureInvalid(f"webhook-timestamp is {int(drift)} s from now, outside the "
                               f"{int(tolerance)} s tolerance")
    try:
        expected = _digest(secret_key(secret), event_id, timestamp, _as_bytes(body))
    except ValueError as exc:
        raise SignatureInvalid(str(exc)) from exc
    for candidate in header.split():
        version, _, encoded = candidate.partition(",")
        if version != VERSION:
            continue
        try:
            given = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(expected, given):
            return
    raise SignatureInvalid("no v1 signature matches the body")


def encode(payload: Mapping[str, Any]) -> bytes:
    """Compact JSON (UTF-8, no spaces): the exact bytes that are signed and sent."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class SendResult:
    """One attempt: `ok` (2xx), the status (None without a response), why it failed, whether
    a retry may succeed, and the receiver's `Retry-After` in seconds when it sent one."""

    ok: bool
    status_code: int | None = None
    error: str = ""
    retryable: bool = False
    retry_after: float | None = None


def _excerpt(text: str) -> str:
    text = text[:EXCERPT].replace("\n", " ").strip()
    return f": {text}" if text else ""


def classify(status: int, headers: Mapping[str, str], text: str = "") -> SendResult:
    """How a response counts (`text`: the start of its body): success, worth retrying, or
    final."""
    if 200 <= status < 300:
        return SendResult(ok=True, status_code=status)
    if status >= 500 or status in RETRYABLE_STATUS:
        return SendResult(ok=False, status_code=status, retryable=True,
                          error=f"HTTP {status}{_excerpt(text)}",
                          retry_after=parse_retry_after(headers.get("Retry-After")))
    if 300 <= status < 400:
        location = headers.get("Location", "")
        return SendResult(ok=False, status_code=status, error=(
            f"HTTP {status}: redirects are not followed; configure the final URL"
            + (f" ({location})" if location else "")))
    return SendResult(ok=False, status_code=status, error=(
        f"HTTP {status}{_excerpt(text)} (the endpoint refused the event; 4xx responses "
        "other than 408 and 429 are not retried)"))


class WebhookSender:
    """Signs and POSTs events through an `httpx.AsyncClient` the caller owns (and closes).
    `timeout` bounds each attempt, connect to last byte."""

    def __init__(self, client: httpx.AsyncClient, *, timeout: float = 10.0,
                 user_agent: str = USER_AGENT, clock: Callable[[], float] = time.time) -> None:
        self._client = client
        self._timeout = timeout
        self._user_agent = user_agent
        self._clock = clock

    async def send(self, url: str, secret: str, event_id: str,
                   payload: Mapping[str, Any]) -> SendResult:
        body = encode(payload)
        try:
            headers = signed_headers(secret, event_id, body, timestamp=int(self._clock()))
        except ValueError as exc:
            return SendResult(ok=False, error=f"the webhook secret is unusable: {exc}")
        headers.update({"content-type": "application/json", "user-agent": self._user_agent})
        try:
            # httpx enforces the timeout on network transports; asyncio on any transport.
            # Only the start of the answer is read: a receiver's body is not ours to store.
            async with asyncio.timeout(self._timeout), self._client.stream(
                    "POST", url, content=body, headers=headers, timeout=self._timeout,
                    follow_redirects=False) as response:
                start = b""
                async for chunk in response.aiter_bytes():
                    start += chunk
                    if len(start) >= MAX_READ:
                        break
        except (TimeoutError, httpx.TimeoutException):
            return SendResult(ok=False, retryable=True,
                              error=f"no response within {self._timeout:g} s")
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return SendResult(ok=False, error=f"the webhook URL {url!r} is unusable: {exc}")
        except httpx.TransportError as exc:
            detail = str(exc) or type(exc).__name__
            return SendResult(ok=False, retryable=True, error=f"network error: {detail}")
        return classify(response.status_code, response.headers,
                        start.decode("utf-8", "replace"))
