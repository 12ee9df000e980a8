"""The Stripe sandbox's HTTP side: Stripe's REST routes, list parameters, authentication and
error bodies, as api.stripe.com sends them."""

from __future__ import annotations

import base64
import fnmatch
import math
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from integrations.sandbox.faults import ASGIApp, Receive, Scope, Send
from integrations.sandbox.stripe_index import Collection, Key, Predicate, Window
from integrations.sandbox.stripe_objects import RENDER, Ids

if TYPE_CHECKING:
    from integrations.sandbox.stripe import StripeSandbox

DEFAULT_VERSION = "2024-06-20"
SUBSCRIPTION_STATUSES = ("active", "all", "canceled", "ended", "incomplete",
                         "incomplete_expired", "past_due", "paused", "trialing", "unpaid")
INVOICE_STATUSES = ("draft", "open", "paid", "uncollectible", "void")
NO_KEY = ("You did not provide an API key. You need to provide your API key in the "
          "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
          "YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or "
          "we can help at https://support.stripe.com/.")


class StripeApiError(Exception):
    def __init__(self, status: int, message: str, *, type_: str = "invalid_request_error",
                 code: str | None = None, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"message": message, "type": type_}
        if code is not None:
            self.body["code"] = code
            self.body["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
        if param is not None:
            self.body["param"] = param


def _missing(kind: str, obj_id: str, param: str = "id") -> StripeApiError:
    return StripeApiError(404, f"No such {kind}: '{obj_id}'", code="resource_missing",
                          param=param)


class StripeFaultBodies:
    """Stripe's wire format for injected faults."""

    def __init__(self, ids: Ids) -> None:
        self.ids = ids

    def rate_limited(self, retry_after: float) -> tuple[int, dict[str, str], Any]:
        return 429, {"Retry-After": str(math.ceil(retry_after)),
                     "Request-Id": self.ids.new("req")}, {"error": {
            "code": "rate_limit", "doc_url": "https://stripe.com/docs/error-codes/rate-limit",
            "message": "Request rate limit exceeded. You can learn more about rate limits here "
                       "https://stripe.com/docs/rate-limits.",
            "type": "rate_limit_error"}}

    def server_error(self) -> tuple[int, dict[str, str], Any]:
        return 500, {"Stripe-Should-Retry": "true", "Request-Id": self.ids.new("req")}, {
            "error": {"message": "An unknown error occurred", "type": "api_error"}}

    def request_limit(self) -> tuple[int, dict[str, str], Any] | None:
        return None


def _redact(key: str) -> str:
    parts = key.split("_")
    prefix = "_".join(parts[:2]) + "_" if len(parts) > 2 else ""
    hidden = max(len(key) - len(prefix) - 4, 0)
    return prefix + "*" * hidden + key[len(prefix) + hidden:]


class _Auth:
    """Checks `Authorization: Bearer <key>` (or HTTP Basic with the key as user name)."""

    def __init__(self, sandbox: StripeSandbox, app: ASGIApp) -> None:
        self.sandbox = sandbox
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        auth = headers.get(b"authorization", b"").decode("latin-1").strip()
        key = ""
        if auth[:7].lower() == "bearer ":
            key = auth[7:].strip()
        elif auth[:6].lower() == "basic ":
            try:
                key = base64.b64decode(auth[6:]).decode().split(":", 1)[0]
            except ValueError:
                key = ""
        if key == self.sandbox.api_key:
            await self.app(scope, receive, send)
            return
        message = f"Invalid API Key provided: {_redact(key)}" if key else NO_KEY
        response = JSONResponse({"error": {"message": message, "type": "invalid_request_error"}},
                                status_code=401, headers={
                                    "WWW-Authenticate": 'Basic realm="Stripe"',
                                    "Request-Id": self.sandbox.ids.new("req")})
        await response(scope, receive, send)


def build_app(sandbox: StripeSandbox) -> ASGIApp:
    sb = sandbox

    def respond(request: Request, body: Any, status: int = 200) -> Response:
        return JSONResponse(body, status_code=status, headers={
            "Request-Id": sb.ids.new("req"),
            "Stripe-Version": request.headers.get("Stripe-Version", DEFAULT_VERSION)})

    def listing(request: Request, collection: Collection, kind: str, index: str,
                predicate: Predicate | None = None) -> Response:
        window, limit = _window(request, collection, kind)
        data, has_more = collection.page(index, window, limit, predicate)
        render = RENDER[kind]
        return respond(request, {"object": "list", "data": [render(o) for o in data],
                                 "has_more": has_more,
                                 "url": request.url.path})

    async def customers(request: Request) -> Response:
        email = request.query_params.get("email")
        return listing(request, sb.customers, "customer", "all",
                       None if email is None else (lambda o: o.get("email") == email))

    async def subscriptions(request: Request) -> Response:
        q = request.query_params
        status = q.get("status")
        if status is not None and status not in SUBSCRIPTION_STATUSES:
            raise StripeApiError(400, "Invalid status: must be one of "
                                 + ", ".join(SUBSCRIPTION_STATUSES), param="status")
        index = {None: "live", "all": "all", "ended": "ended"}.get(status, f"status:{status}")
        customer = q.get("customer")
        if customer is None:
            return listing(request, sb.subscriptions, "subscription", index)
        ended = ("canceled", "incomplete_expired")
        checks: dict[str | None, Predicate] = {
            None: lambda o: o["status"] != "canceled", "all": lambda o: True,
            "ended": lambda o: o["status"] in ended}
        check = checks.get(status, lambda o: o["status"] == status)
        return listing(request, sb.subscriptions, "subscription", f"customer:{customer}", check)

    async def invoices(request: Request) -> Response:
        q = request.query_params
        status = q.get("status")
        if status is not None and status not in INVOICE_STATUSES:
            raise StripeApiError(400, "Invalid status: must be one of "
                                 + ", ".join(INVOICE_STATUSES), param="status")
        filters = [(f, q[f]) for f in ("customer", "subscription", "status") if f in q]
        index = "all" if not filters else f"{filters[0][0]}:{filters[0][1]}"
        rest = filters[1:]
        return listing(request, sb.invoices, "invoice", index,
                       (lambda o: all(o.get(f) == v for f, v in rest)) if rest else None)

    async def charges(request: Request) -> Response:
        customer = request.query_params.get("customer")
        index = "all" if customer is None else f"customer:{customer}"
        return listing(request, sb.charges, "charge", index)

    async def events(request: Request) -> Response:
        q = request.query_params
        patterns = q.getlist("types[]") or ([q["type"]] if "type" in q else [])
        return listing(request, sb.events, "event", "all", (
            lambda o: any(fnmatch.fnmatchcase(o["type"], p) for p in patterns)
        ) if patterns else None)

    def retrieve(collection: Collection, kind: str) -> Any:
        async def handler(request: Request) -> Response:
            obj_id = request.path_params["id"]
            obj = collection.get(obj_id)
            if obj is None and kind == "customer" and obj_id in sb.deleted_customers:
                obj = {"id": obj_id, "object": "customer", "deleted": True}
            if obj is None:
                raise _missing(kind, obj_id)
            return respond(request, obj if obj.get("deleted") else RENDER[kind](obj))
        return handler

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StripeApiError)
        return respond(request, {"error": exc.body}, exc.status)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        message = (f"Unrecognized request URL ({request.method}: {request.url.path}). Please see "
                   "https://stripe.com/docs or we can help at https://support.stripe.com/.")
        return respond(request, {"error": {"message": message, "type": "invalid_request_error"}},
                       status)

    routes = [
        Route("/v1/customers", customers),
        Route("/v1/customers/{id}", retrieve(sb.customers, "customer")),
        Route("/v1/subscriptions", subscriptions),
        Route("/v1/subscriptions/{id}", retrieve(sb.subscriptions, "subscription")),
        Route("/v1/invoices", invoices),
        Route("/v1/invoices/{id}", retrieve(sb.invoices, "invoice")),
        Route("/v1/charges", charges),
        Route("/v1/charges/{id}", retrieve(sb.charges, "charge")),
        Route("/v1/events", events),
        Route("/v1/events/{id}", retrieve(sb.events, "event")),
    ]
    app = Starlette(routes=routes, exception_handlers={
        StripeApiError: api_error, 404: not_found, 405: not_found})
    return _Auth(sb, app)


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise StripeApiError(400, f"Invalid integer: {raw}", param=name) from None


def _window(request: Request, collection: Collection, kind: str) -> tuple[Window, int]:
    limit = _int_param(request, "limit")
    if limit is None:
        limit = 10
    elif not 1 <= limit <= 100:
        bound = "greater than or equal to 1" if limit < 1 else "less than or equal to 100"
        raise StripeApiError(400, f"This value must be {bound}.",
                             code="parameter_invalid_integer", param="limit")
    q = request.query_params
    after, before = q.get("starting_after"), q.get("ending_before")
    if after and before:
        raise StripeApiError(400, "Received both starting_after and ending_before parameters. "
                             "Please pass in only one.")
    cursors: dict[str, Key | None] = {}
    for param, obj_id in (("starting_after", after), ("ending_before", before)):
        cursors[param] = None
        if obj_id:
            key = collection.keys.get(obj_id)
            if key is None:
                raise _missing(kind, obj_id, param)
            cursors[param] = key
    gte, lte = _int_param(request, "created[gte]"), _int_param(request, "created[lte]")
    gt, lt = _int_param(request, "created[gt]"), _int_param(request, "created[lt]")
    exact = _int_param(request, "created")
    lows = [v for v in (gte, None if gt is None else gt + 1, exact) if v is not None]
    highs = [v for v in (lte, None if lt is None else lt - 1, exact) if v is not None]
    return Window(gte=max(lows) if lows else None, lte=min(highs) if highs else None,
                  starting_after=cursors["starting_after"],
                  ending_before=cursors["ending_before"]), limit
