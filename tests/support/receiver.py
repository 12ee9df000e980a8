"""A real webhook receiver for tests: a Starlette app served by uvicorn on a loopback port
(in a thread), verifying Standard Webhooks signatures with `integrations.outbound.verify`
and, when the `standardwebhooks` package is installed, independently with it too.

It behaves like a careful receiver: a verified event is processed once per `webhook-id`
(a repeat is answered 200 and flagged `duplicate`), a bad signature gets 401. It can be
scripted: the n-th request from now gets `responses[n-1]` (a status, or HANG: processed,
then held open without an answer until `release()`, as when the acknowledgement is lost).

    with Receiver("whsec_...") as receiver:
        receiver.script([500, 500])          # two failures, then 200
        ...
        [r.webhook_id for r in receiver.requests]
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from integrations.outbound import SignatureInvalid, verify

HANG = "hang"
Step = int | str


def _reference_class() -> Any:
    """The reference implementation's verifier, an independent check (None: the dev extra
    `standardwebhooks` is not installed)."""
    try:
        from standardwebhooks.webhooks import Webhook
    except ImportError:  # pragma: no cover
        return None
    return Webhook


_ReferenceWebhook: Any = _reference_class()


def reference_available() -> bool:
    return _ReferenceWebhook is not None


def reference_verify(secret: str, headers: dict[str, str], body: bytes) -> bool | None:
    """The `standardwebhooks` package's verdict (None when it is not installed)."""
    if _ReferenceWebhook is None:
        return None
    try:
        _ReferenceWebhook(secret).verify(body, headers)
    except Exception:
        return False
    return True


@dataclass(frozen=True)
class Received:
    index: int  # 1-based, in arrival order
    webhook_id: str
    timestamp: str
    body: bytes
    verified: bool
    error: str  # why verification failed
    reference_verified: bool | None  # standardwebhooks' verdict (None: not installed)
    answer: int | None  # the status answered (None: held open)
    duplicate: bool  # its webhook-id had been processed already
    at: float  # time.monotonic() on arrival


class Receiver:
    def __init__(self, secret: str, *, hold_seconds: float = 60.0) -> None:
        self.secret = secret
        self.hold_seconds = hold_seconds
        self.requests: list[Received] = []
        self.processed: dict[str, int] = {}  # webhook-id -> times processed (dedupe: 1)
        self.held = threading.Event()  # set when a HANG request arrives
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._responses: list[Step] = []
        self._then: Step = 200
        self._seen = 0
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        app = Starlette(routes=[Route("/{path:path}", self._endpoint, methods=["POST"])])
        self._server = uvicorn.Server(uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off",
            timeout_graceful_shutdown=1))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/lifeline"

    def script(self, responses: Sequence[Step] = (), *, then: Step = 200) -> None:
        """What the next requests get: `responses` in order, then `then` for all others."""
        with self._lock:
            self._responses, self._then, self._seen = list(responses), then, 0

    def release(self) -> None:
        """Let held requests answer (200)."""
        self._release.set()

    def ids(self) -> list[str]:
        with self._lock:
            return [r.webhook_id for r in self.requests]

    def answered(self, webhook_id: str, status: int = 200) -> int:
        """How many requests with this id got `status`."""
        with self._lock:
            return sum(1 for r in self.requests if r.webhook_id == webhook_id
                       and r.answer == status)

    def _next_step(self) -> Step:
        self._seen += 1
        if self._seen <= len(self._responses):
            return self._responses[self._seen - 1]
        return self._then

    async def _endpoint(self, request: Request) -> Response:
        body = await request.body()
        headers = dict(request.headers)
        error = ""
        try:
            verify(self.secret, headers, body)
        except SignatureInvalid as exc:
            error = str(exc)
        reference = reference_verify(self.secret, headers, body)
        webhook_id = headers.get("webhook-id", "")
        with self._lock:
            step = self._next_step() if not error else 401
            accepts = not error and (step == HANG or (isinstance(step, int)
                                                      and 200 <= step < 300))
            duplicate = accepts and webhook_id in self.processed
            if accepts and not duplicate:
                self.processed[webhook_id] = self.processed.get(webhook_id, 0) + 1
            answer = 200 if duplicate else (None if step == HANG else int(step))
            self.requests.append(Received(
                index=len(self.requests) + 1, webhook_id=webhook_id,
                timestamp=headers.get("webhook-timestamp", ""), body=body,
                verified=not error, error=error, reference_verified=reference, answer=answer,
                duplicate=duplicate, at=time.monotonic()))
        if answer is None:
            self.held.set()
            await asyncio.to_thread(self._release.wait, self.hold_seconds)
            return JSONResponse({"received": webhook_id})
        if error:
            return JSONResponse({"error": error}, status_code=401)
        return JSONResponse({"received": webhook_id, "duplicate": duplicate},
                            status_code=answer)

    def start(self) -> Self:
        self._thread = threading.Thread(target=self._server.run, name="webhook-receiver",
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the webhook receiver did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
