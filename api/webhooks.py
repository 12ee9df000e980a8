"""Provider webhooks: `POST /webhooks/stripe?org=<slug>` and `POST /webhooks/hubspot?org=<slug>`.

Verified against the raw body, deduplicated on the event id, answered at once; a job does
the work. Rejections carry a code and never a stack trace; nothing is stored for them."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.errors import DomainError, NotFound
from domain.sync import webhooks
from domain.sync.signatures import SignatureRejected
from workers.runtime import Runtime

log = logging.getLogger("lifeline.webhooks")
MAX_BODY = 1024 * 1024

_STATUS = {SignatureRejected: 400, webhooks.MalformedWebhook: 400, NotFound: 404,
           webhooks.WebhookNotConfigured: 400, webhooks.WebhookRace: 409}


def _reply(receipt: webhooks.Receipt) -> Response:
    return JSONResponse({"received": True, "accepted": receipt.accepted,
                         "duplicates": receipt.duplicates,
                         "jobId": str(receipt.job_id) if receipt.job_id else None})


def _refuse(exc: DomainError, request_id: str) -> Response:
    status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
    return JSONResponse({"error": {"code": exc.code, "field": exc.field, "message": exc.message,
                                   "requestId": request_id}}, status_code=status)


async def _body(request: Request) -> bytes | None:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        return None
    body = await request.body()
    return body if len(body) <= MAX_BODY else None


Receive = Callable[[Runtime, bytes], Awaitable[webhooks.Receipt]]


async def _handle(request: Request, provider: str, receive: Receive) -> Response:
    request_id = uuid.uuid4().hex[:16]
    body = await _body(request)
    if body is None:
        return JSONResponse({"error": {"code": "PAYLOAD_TOO_LARGE"}}, status_code=413)
    try:
        receipt = await receive(request.app.state.runtime, body)
    except DomainError as exc:
        log.info("%s webhook refused (%s): %s", provider, request_id, exc.message)
        return _refuse(exc, request_id)
    except Exception:
        log.exception("%s webhook failed (request %s)", provider, request_id)
        return JSONResponse({"error": {"code": "INTERNAL_SERVER_ERROR",
                                       "requestId": request_id}}, status_code=500)
    return _reply(receipt)


async def stripe_webhook(request: Request) -> Response:
    return await _handle(request, "stripe", lambda rt, body: webhooks.receive_stripe(
        rt.queue, rt.settings, request.query_params.get("org"), body,
        request.headers.get("stripe-signature")))


def _public_uri(request: Request, public_url: str) -> str:
    """The URL HubSpot called (it signs that); behind a proxy, from LIFELINE_PUBLIC_URL."""
    if not public_url:
        return str(request.url)
    query = request.url.query
    return public_url.rstrip("/") + request.url.path + (f"?{query}" if query else "")


async def hubspot_webhook(request: Request) -> Response:
    return await _handle(request, "hubspot", lambda rt, body: webhooks.receive_hubspot(
        rt.queue, rt.settings, request.query_params.get("org"), request.method,
        _public_uri(request, rt.settings.public_url), body,
        request.headers.get("x-hubspot-signature-v3"),
        request.headers.get("x-hubspot-request-timestamp")))
