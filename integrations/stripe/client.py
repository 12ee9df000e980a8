"""An async Stripe client for syncs: list pages with resumable cursors, events walked forward
in time, and re-fetches of single objects. Every call goes through `integrations.http.send`
with Stripe's own retry hints (`Stripe-Should-Retry`, `Retry-After`) read by `stripe_verdict`.

Cursors are plain Stripe object ids, valid in any process:
- `list_*`: `next_cursor` is the last (oldest) item's id when Stripe says `has_more`; pass it
  back as `cursor` (sent as `starting_after`) with the same `created_gte`. Stripe's cursors
  are by object, so objects created meanwhile do not shift the pages that follow.
- `list_events`: items come oldest first; `next_cursor` is the page's newest event id when
  newer events remain, else None. Pass it back as `after_event` (sent as `ending_before`).
  When a page ends the walk, the next incremental run starts after
  `event_watermark(page, after_event)`.
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from integrations.http import (
    AuthFailed,
    BadResponse,
    ProviderError,
    RateLimited,
    RetryPolicy,
    Sleep,
    Unavailable,
    Verdict,
    json_object,
    parse_retry_after,
    send,
)
from integrations.pages import Page
from integrations.stripe.records import (
    STRIPE_VERSION,
    StripeCharge,
    StripeCustomer,
    StripeEvent,
    StripeInvoice,
    StripeSubscription,
    parse_charge,
    parse_customer,
    parse_event,
    parse_invoice,
    parse_subscription,
)

PROVIDER = "stripe"
T = TypeVar("T")
Params = dict[str, str | int]


def stripe_error(response: httpx.Response) -> ProviderError:
    """A typed error from Stripe's error body `{"error": {"type", "code", "message"}}`:
    401/403 AuthFailed, 429 RateLimited, 5xx Unavailable, anything else BadResponse."""
    status = response.status_code
    error: Mapping[str, Any] = {}
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
    message = str(error.get("message") or response.text[:300].replace("\n", " "))
    kind = error.get("type")
    code = error.get("code") or kind
    text = f"HTTP {status} {kind}: {message}" if kind else f"HTTP {status}: {message}"
    cls: type[ProviderError] = (
        AuthFailed if status in (401, 403) else RateLimited if status == 429
        else Unavailable if status >= 500 else BadResponse)
    return cls(PROVIDER, text, status=status, code=str(code) if code else None,
               retry_after=parse_retry_after(response.headers.get("Retry-After")))


def stripe_verdict(response: httpx.Response) -> Verdict | None:
    """The `send` hook: bad credentials fail at once; `Stripe-Should-Retry: true` retries
    whatever the status (a 409, say), `false` fails at once even on a 5xx; otherwise the
    default policy (429/5xx retried, `Retry-After` a floor on the wait)."""
    if response.is_success:
        return None
    if response.status_code in (401, 403):
        return Verdict(retry=False, error=stripe_error(response))
    should_retry = response.headers.get("Stripe-Should-Retry", "").strip().lower()
    if should_retry == "true":
        return Verdict(retry=True,
                       retry_after=parse_retry_after(response.headers.get("Retry-After")))
    if should_retry == "false":
        return Verdict(retry=False, error=stripe_error(response))
    return None


def unix(when: datetime) -> int:
    """A datetime as Stripe's unix seconds, rounded up (for `created[gte]`); naive = UTC."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return math.ceil(when.timestamp())


def event_watermark(page: Page[StripeEvent], after_event: str | None) -> str | None:
    """The event id the next incremental run starts after: the page's newest event, or the
    `after_event` the page was asked with when it came back empty."""
    return page.items[-1].id if page.items else after_event


class StripeClient:
    def __init__(self, api_key: str, *, base_url: str = "https://api.stripe.com",
                 transport: httpx.AsyncBaseTransport | None = None,
                 policy: RetryPolicy = RetryPolicy(), sleep: Sleep = asyncio.sleep) -> None:
        self._policy = policy
        self._sleep = sleep
        self._http = httpx.AsyncClient(
            base_url=base_url, transport=transport,
            headers={"Authorization": f"Bearer {api_key}", "Stripe-Version": STRIPE_VERSION,
                     "Accept": "application/json", "User-Agent": "lifeline-sync/0.1"})

    async def __aenter__(self) -> StripeClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- lists ------------------------------------------------------------------------------

    async def list_customers(self, *, cursor: str | None = None,
                             created_gte: datetime | None = None,
                             limit: int = 100) -> Page[StripeCustomer]:
        return await self._list("/v1/customers", parse_customer, cursor, created_gte, limit)

    async def list_subscriptions(self, *, cursor: str | None = None,
                                 created_gte: datetime | None = None,
                                 limit: int = 100) -> Page[StripeSubscription]:
        """Every status, canceled ones included (`status=all`)."""
        return await self._list("/v1/subscriptions", parse_subscription, cursor, created_gte,
                                limit, status="all")

    async def list_invoices(self, *, cursor: str | None = None,
                            created_gte: datetime | None = None,
                            limit: int = 100) -> Page[StripeInvoice]:
        return await self._list("/v1/invoices", parse_invoice, cursor, created_gte, limit)

    async def list_charges(self, *, cursor: str | None = None,
                           created_gte: datetime | None = None,
                           limit: int = 100) -> Page[StripeCharge]:
        return await self._list("/v1/charges", parse_charge, cursor, created_gte, limit)

    async def _list(self, path: str, parse: Callable[[Mapping[str, Any]], T],
                    cursor: str | None, created_gte: datetime | None, limit: int,
                    **extra: str) -> Page[T]:
        params = _params(limit, created_gte, extra)
        if cursor is not None:
            params["starting_after"] = cursor
        data, has_more = await self._page(path, params)
        items = _parse_all(parse, data)
        return Page(items=items, next_cursor=_id(data[-1]) if has_more else None)

    # -- events -----------------------------------------------------------------------------

    async def latest_event_id(self) -> str | None:
        """The newest event's id (None when there are none): record it before a full sync,
        then walk forward from it with `list_events(after_event=...)`."""
        data, _ = await self._page("/v1/events", {"limit": 1})
        return _id(data[0]) if data else None

    async def list_events(self, *, after_event: str | None = None,
                          created_gte: datetime | None = None,
                          limit: int = 100) -> Page[StripeEvent]:
        """Events oldest first. With `after_event`: the `limit` events right after it (one
        request, `ending_before`). Without: the oldest `limit` events with `created >=
        created_gte` (all retained events when None) — Stripe lists newest first, so this
        pages backwards through every matching event (100 a request, keeping only the oldest
        `limit`): use it only to begin when there is no event id to start from."""
        if after_event is not None:
            params = _params(limit, created_gte, {})
            params["ending_before"] = after_event
            data, has_more = await self._page("/v1/events", params)
            items = _parse_all(parse_event, data[::-1])
            return Page(items=items, next_cursor=_id(data[0]) if has_more else None)
        _params(limit, None, {})  # validates limit
        oldest: deque[Mapping[str, Any]] = deque(maxlen=limit)
        seen = 0
        params = _params(100, created_gte, {})
        while True:
            data, has_more = await self._page("/v1/events", params)
            oldest.extend(data)
            seen += len(data)
            if not has_more:
                break
            params["starting_after"] = _id(data[-1])
        items = _parse_all(parse_event, list(oldest)[::-1])
        more = seen > len(items)
        return Page(items=items, next_cursor=items[-1].id if more and items else None)

    # -- single objects ---------------------------------------------------------------------

    async def get_customer(self, customer_id: str) -> StripeCustomer:
        """The customer now; a deleted one comes back with deleted=True (its other fields
        empty and `created` the epoch, as Stripe keeps only the id)."""
        return _parse_one(parse_customer, await self._get(f"/v1/customers/{_q(customer_id)}"))

    async def get_subscription(self, subscription_id: str) -> StripeSubscription:
        return _parse_one(parse_subscription,
                          await self._get(f"/v1/subscriptions/{_q(subscription_id)}"))

    async def get_invoice(self, invoice_id: str) -> StripeInvoice:
        return _parse_one(parse_invoice, await self._get(f"/v1/invoices/{_q(invoice_id)}"))

    async def get_charge(self, charge_id: str) -> StripeCharge:
        return _parse_one(parse_charge, await self._get(f"/v1/charges/{_q(charge_id)}"))

    # -- transport --------------------------------------------------------------------------

    async def _get(self, path: str, params: Params | None = None) -> dict[str, object]:
        response = await send(self._http, "GET", path, provider=PROVIDER, policy=self._policy,
                              hook=stripe_verdict, sleep=self._sleep, params=params or {})
        if not response.is_success:
            raise stripe_error(response)
        return json_object(PROVIDER, response)

    async def _page(self, path: str, params: Params) -> tuple[list[Mapping[str, Any]], bool]:
        body = await self._get(path, params)
        data, has_more = body.get("data"), body.get("has_more")
        if body.get("object") != "list" or not isinstance(data, list) \
                or not isinstance(has_more, bool) \
                or not all(isinstance(o, dict) and isinstance(o.get("id"), str) for o in data):
            raise BadResponse(PROVIDER, f"{path}: not a Stripe list")
        if has_more and not data:
            raise BadResponse(PROVIDER, f"{path}: has_more with an empty page")
        return data, has_more


def _params(limit: int, created_gte: datetime | None, extra: Mapping[str, str]) -> Params:
    if not 1 <= limit <= 100:
        raise ValueError(f"limit must be between 1 and 100, not {limit}")
    params: Params = {"limit": limit, **extra}
    if created_gte is not None:
        params["created[gte]"] = unix(created_gte)
    return params


def _id(obj: Mapping[str, Any]) -> str:
    return str(obj["id"])


def _q(obj_id: str) -> str:
    if not obj_id:
        raise ValueError("empty Stripe id")
    return quote(obj_id, safe="")


def _parse_one(parse: Callable[[Mapping[str, Any]], T], obj: Mapping[str, Any]) -> T:
    try:
        return parse(obj)
    except ValueError as exc:
        raise BadResponse(PROVIDER, f"unreadable object: {exc}") from exc


def _parse_all(parse: Callable[[Mapping[str, Any]], T],
               data: list[Mapping[str, Any]]) -> tuple[T, ...]:
    return tuple(_parse_one(parse, obj) for obj in data)
