"""Switchable faults for the provider sandboxes: rate limits, server errors, hangs and
truncated pages, decided by a seeded random generator so a run can be repeated.

Each provider's sandbox wraps its ASGI app in `FaultInjector` with its own wire format for
the error bodies (`FaultBodies`). Faults can be changed while the app runs.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Protocol

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class Faults:
    rate_429: float = 0.0  # share of requests that start a burst of 429s
    burst: int = 1  # consecutive 429s per burst
    retry_after: float = 0.0  # seconds sent in Retry-After with a 429
    rate_5xx: float = 0.0
    rate_timeout: float = 0.0  # share of requests that hang for `hang_seconds`
    hang_seconds: float = 5.0
    rate_truncated: float = 0.0  # share of 200 responses cut in half
    request_limit_exceeded: bool = False  # Salesforce: every API call gets 403
    seed: int = 7
    counts: dict[str, int] = field(default_factory=dict)  # what was injected, by kind
    _rng: random.Random = field(init=False, repr=False)
    _burst_left: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def decide(self) -> str | None:
        """The fault for the next request: '429', '5xx', 'timeout', 'truncate' or None."""
        if self._burst_left > 0:
            self._burst_left -= 1
            return "429"
        roll = self._rng.random()
        if roll < self.rate_429:
            self._burst_left = max(self.burst - 1, 0)
            return "429"
        roll -= self.rate_429
        if roll < self.rate_5xx:
            return "5xx"
        roll -= self.rate_5xx
        if roll < self.rate_timeout:
            return "timeout"
        roll -= self.rate_timeout
        if roll < self.rate_truncated:
            return "truncate"
        return None


class FaultBodies(Protocol):
    """A provider's wire format for injected errors: (status, headers, JSON body)."""

    def rate_limited(self, retry_after: float) -> tuple[int, dict[str, str], Any]: ...

    def server_error(self) -> tuple[int, dict[str, str], Any]: ...

    def request_limit(self) -> tuple[int, dict[str, str], Any] | None: ...


class FaultInjector:
    """ASGI middleware injecting `faults` into HTTP requests whose path does not start with
    one of `exempt` (OAuth token endpoints, say)."""

    def __init__(self, app: ASGIApp, faults: Faults, bodies: FaultBodies,
                 exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.faults = faults
        self.bodies = bodies
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        faults = self.faults
        if faults.request_limit_exceeded:
            limit = self.bodies.request_limit()
            if limit is not None:
                faults.count("request_limit")
                await _respond(send, *limit)
                return
        kind = faults.decide()
        if kind is not None:
            faults.count(kind)
        if kind == "429":
            await _respond(send, *self.bodies.rate_limited(faults.retry_after))
        elif kind == "5xx":
            await _respond(send, *self.bodies.server_error())
        elif kind == "timeout":
            await asyncio.sleep(faults.hang_seconds)
            await _respond(send, 504, {}, {"error": "gateway timeout"})
        elif kind == "truncate":
            await self.app(scope, receive, _truncating(send))
        else:
            await self.app(scope, receive, send)


async def _respond(send: Send, status: int, headers: dict[str, str], body: Any) -> None:
    raw = json.dumps(body).encode()
    header_list = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(raw)).encode())]
    header_list += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": header_list})
    await send({"type": "http.response.body", "body": raw})


def _truncating(send: Send) -> Send:
    """Buffers the response and sends the first half of its body, with a matching
    Content-Length: a complete HTTP message carrying a cut-off JSON document."""
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = b"".join(chunks)
        cut = body[: len(body) // 2]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(cut)).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": cut})

    return wrapped
