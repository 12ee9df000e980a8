"""The Stripe client against the Stripe sandbox: paging, cursors that survive a new process,
events walked forward, retries under faults, typed errors, and the records' parsing."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from integrations.http import AuthFailed, BadResponse, RateLimited, RetryPolicy, Unavailable
from integrations.pages import Page
from integrations.sandbox.faults import Faults
from integrations.sandbox.stripe import StripeSandbox
from integrations.stripe import (
    StripeClient,
    StripeEvent,
    StripeParseError,
    StripeSubscription,
    event_watermark,
    parse_charge,
    parse_customer,
    parse_event,
    parse_invoice,
    parse_subscription,
)
from integrations.stripe.records import EPOCH, StripeItem, StripePrice

KEY = "sk_test_sandbox"
T0 = 1_700_000_000
FAST = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=1.0, max_attempts=8)


class Sleeps:
    """An injected `sleep` that records the waits asked for and returns at once."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def client_for(sandbox: StripeSandbox, *, key: str = KEY, policy: RetryPolicy = FAST,
               sleep: Sleeps | None = None) -> StripeClient:
    return StripeClient(key, base_url="https://api.stripe.test",
                        transport=httpx.ASGITransport(app=sandbox.app), policy=policy,
                        sleep=sleep or Sleeps())


def raw(sandbox: StripeSandbox) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app),
                             base_url="https://api.stripe.test",
                             headers={"Authorization": f"Bearer {KEY}"})


def seeded(n: int, *, tie: int = 7) -> StripeSandbox:
    sandbox = StripeSandbox(now=T0)
    sandbox.bulk_load(customers=[{"id": f"cus_{i:05d}", "email": f"u{i}@example.com",
                                  "created": T0 - 100_000 + i // tie} for i in range(n)])
    return sandbox


async def drain(fetch: Callable[[str | None], Awaitable[Page[Any]]],
                cursor: str | None = None) -> list[Any]:
    items: list[Any] = []
    while True:
        page = await fetch(cursor)
        items.extend(page.items)
        if page.next_cursor is None:
            return items
        cursor = page.next_cursor


def newest_first(n: int, tie: int = 7) -> list[str]:
    return [f"cus_{i:05d}" for i in sorted(range(n), key=lambda i: (i // tie, i), reverse=True)]


# -- records ----------------------------------------------------------------------------------

def test_parsers_read_stripe_json_and_tolerate_missing_fields() -> None:
    sandbox = StripeSandbox(now=T0)
    full = sandbox.put_customer({"id": "cus_1", "email": "a@b.co", "name": "A", "currency": "eur",
                                 "address": {"country": "DE", "city": None},
                                 "metadata": {"plan": "pro"}})
    c = parse_customer(full)
    assert (c.id, c.email, c.name, c.currency, c.country, c.metadata, c.deleted) == (
        "cus_1", "a@b.co", "A", "eur", "DE", {"plan": "pro"}, False)
    assert c.created == datetime.fromtimestamp(T0, UTC) and c.created.tzinfo is not None
    bare = parse_customer({"id": "cus_2", "created": 5, "email": None, "address": None,
                           "metadata": None})
    assert (bare.email, bare.country, bare.metadata) == (None, None, {})
    stub = parse_customer({"id": "cus_3", "object": "customer", "deleted": True})
    assert stub.deleted and stub.created == EPOCH
    with pytest.raises(StripeParseError):
        parse_customer({"object": "customer", "created": 5})

    sub = parse_subscription({"id": "sub_1", "object": "subscription", "created": 10,
                              "customer": {"id": "cus_1", "object": "customer"},
                              "status": "past_due", "canceled_at": None,
                              "items": {"object": "list", "data": [{
                                  "id": "si_1", "quantity": None,
                                  "price": {"id": "price_1", "product": {"id": "prod_1"},
                                            "unit_amount": None, "unit_amount_decimal": "1250",
                                            "currency": "usd", "recurring": None}}]}})
    assert (sub.customer, sub.status, sub.start_date, sub.currency, sub.metadata) == (
        "cus_1", "past_due", datetime.fromtimestamp(10, UTC), "usd", {})
    assert sub.items == (StripeItem("si_1", StripePrice("price_1", None, "prod_1", 1250, "usd",
                                                        "month", 1), 1),)

    inv = parse_invoice({"id": "in_1", "created": 7, "customer": "cus_1", "status": None,
                         "status_transitions": None, "total": None,
                         "parent": {"subscription_details": {"subscription": "sub_9"}}})
    assert (inv.status, inv.paid_at, inv.total, inv.subscription) == ("", None, 0, "sub_9")
    ch = parse_charge({"id": "ch_1", "created": 7, "customer": None, "invoice": None,
                       "amount": 300, "currency": "usd", "status": "failed",
                       "failure_code": "card_declined"})
    assert (ch.customer, ch.invoice, ch.failure_code) == (None, None, "card_declined")

    other = parse_event({"id": "evt_1", "type": "payout.paid", "created": 9,
                         "data": {"object": {"id": "po_1", "object": "payout"}}})
    assert (other.object_type, other.obj, other.previous_attributes) == ("payout", None, {})


def test_monthly_amount_normalises_intervals_and_rounds_half_up() -> None:
    def item(amount: int, interval: str, count: int = 1, quantity: int = 1) -> StripeItem:
        return StripeItem("si", StripePrice("p", None, "prod", amount, "usd", interval, count),
                          quantity)

    when = datetime.fromtimestamp(T0, UTC)
    sub = StripeSubscription(
        "sub_1", "cus_1", "active", when, when, None, None, False, "usd",
        (item(1000, "month", quantity=2),  # 2000
         item(11988, "year"),  # 999
         item(100, "week"),  # 433.33..
         item(10, "day"),  # 304.16.. (week + day = 737.5)
         item(3000, "month", count=3)),  # 1000
        {})
    assert sub.monthly_amount == 4737  # 4736.5 rounds up, not to even
    assert StripeSubscription("s", "c", "active", when, when, None, None, False, "usd", (),
                              {}).monthly_amount == 0


# -- paging -----------------------------------------------------------------------------------

async def test_full_sync_returns_every_customer_once_newest_first() -> None:
    sandbox = seeded(1050)
    async with client_for(sandbox) as client:
        pages = 0

        async def fetch(cursor: str | None) -> Page[Any]:
            nonlocal pages
            pages += 1
            return await client.list_customers(cursor=cursor)

        customers = await drain(fetch)
    assert [c.id for c in customers] == newest_first(1050)
    assert pages == 11


async def test_objects_created_or_deleted_during_a_sync_do_not_shift_pages() -> None:
    sandbox = seeded(500)
    sandbox.now = T0 + 10
    async with client_for(sandbox) as client:
        first = await client.list_customers(limit=100)
        for i in range(30):
            sandbox.put_customer({"id": f"cus_new{i}", "email": f"new{i}@example.com"})
        sandbox.delete_customer(first.items[10].id)  # already read
        sandbox.delete_customer(first.items[-1].id)  # the cursor object itself
        rest = await drain(lambda c: client.list_customers(cursor=c, limit=100),
                           first.next_cursor)
    ids = [c.id for c in (*first.items, *rest)]
    assert ids == newest_first(500)


async def test_a_stored_cursor_resumes_in_a_new_client_with_the_same_filter() -> None:
    sandbox = seeded(700)
    since = datetime.fromtimestamp(T0 - 100_000 + 30, UTC)  # customers 210..699
    async with client_for(sandbox) as first:
        page = await first.list_customers(created_gte=since, limit=50)
        page2 = await first.list_customers(cursor=page.next_cursor, created_gte=since, limit=50)
    stored = page2.next_cursor
    assert isinstance(stored, str)
    async with client_for(sandbox) as second:  # a new process: only the string survives
        rest = await drain(lambda c: second.list_customers(cursor=c, created_gte=since,
                                                            limit=50), stored)
    ids = [c.id for c in (*page.items, *page2.items, *rest)]
    assert ids == [i for i in newest_first(700) if int(i[4:]) >= 210]


async def test_subscriptions_invoices_and_charges_list_every_status() -> None:
    sandbox = StripeSandbox(now=T0)
    sandbox.put_customer({"id": "cus_1"})
    for i, status in enumerate(["active", "canceled", "past_due", "trialing"]):
        sandbox.put_subscription({"id": f"sub_{i}", "customer": "cus_1", "status": status,
                                  "items": [{"price": {"unit_amount": 500}, "quantity": 2}]})
    sandbox.put_invoice({"id": "in_1", "customer": "cus_1", "subscription": "sub_0",
                         "total": 1000, "status": "paid"})
    sandbox.put_charge({"id": "ch_1", "customer": "cus_1", "invoice": "in_1", "amount": 1000})
    sandbox.put_charge({"id": "ch_2", "customer": "cus_1", "amount": 1000, "status": "failed",
                        "failure_code": "card_declined"})
    async with client_for(sandbox) as client, raw(sandbox) as http:
        subs = (await client.list_subscriptions()).items
        assert [s.id for s in subs] == ["sub_3", "sub_2", "sub_1", "sub_0"]
        assert subs[2].status == "canceled" and subs[2].canceled_at is not None
        assert all(s.monthly_amount == 1000 for s in subs)
        default = (await http.get("/v1/subscriptions")).json()["data"]
        assert [s["id"] for s in default] == ["sub_3", "sub_2", "sub_0"]  # like Stripe
        only = await http.get("/v1/subscriptions", params={"status": "canceled",
                                                           "customer": "cus_1"})
        assert [s["id"] for s in only.json()["data"]] == ["sub_1"]
        (invoice,) = (await client.list_invoices()).items
        assert (invoice.subscription, invoice.amount_paid, invoice.amount_due) == (
            "sub_0", 1000, 1000) and invoice.paid_at is not None
        charges = (await client.list_charges()).items
        assert [(c.id, c.status, c.failure_code, c.invoice) for c in charges] == [
            ("ch_2", "failed", "card_declined", None), ("ch_1", "succeeded", None, "in_1")]


# -- events -----------------------------------------------------------------------------------

async def walk_events(client: StripeClient, after: str | None, limit: int = 10
                      ) -> tuple[list[StripeEvent], str | None]:
    events: list[StripeEvent] = []
    while True:
        page = await client.list_events(after_event=after, limit=limit)
        events.extend(page.items)
        watermark = event_watermark(page, after)
        if page.next_cursor is None:
            return events, watermark
        assert page.next_cursor == page.items[-1].id
        after = page.next_cursor


async def test_events_walk_forward_from_a_recorded_start_and_only_bring_changes() -> None:
    sandbox = seeded(300)
    sandbox.put_subscription({"id": "sub_1", "customer": "cus_00001"})
    sandbox.put_invoice({"id": "in_1", "customer": "cus_00001", "total": 900,
                         "status": "open"})
    async with client_for(sandbox) as client:
        start = await client.latest_event_id()
        assert start is not None
        for i in range(20):
            sandbox.put_customer({"id": f"cus_{i:05d}", "name": f"Name {i}"})
        sandbox.put_customer({"id": "cus_00000", "name": "Name 0"})  # no change: no event
        sandbox.put_invoice({"id": "in_1", "attempt_count": 1})
        sandbox.put_invoice({"id": "in_1", "status": "paid"})
        sandbox.put_charge({"id": "ch_1", "customer": "cus_00002", "amount": 5,
                            "status": "failed"})
        sandbox.delete_customer("cus_00001")
        events, watermark = await walk_events(client, start)
        types = [e.type for e in events]
        assert types == ["customer.updated"] * 20 + [
            "invoice.updated", "invoice.payment_failed", "invoice.updated", "invoice.paid",
            "charge.failed", "customer.subscription.deleted", "customer.deleted"]
        assert [e.created for e in events] == sorted({e.created for e in events})
        assert all(e.previous_attributes == {"name": None} for e in events[:20])
        assert [e.obj.id for e in events[:20] if e.obj] == [f"cus_{i:05d}" for i in range(20)]
        sub_event, deleted = events[-2], events[-1]
        assert isinstance(sub_event.obj, StripeSubscription) and sub_event.obj.ended_at
        assert deleted.obj is not None and deleted.object_type == "customer"
        assert getattr(deleted.obj, "deleted", False) is True
        assert watermark == events[-1].id

        again = await client.list_events(after_event=watermark)
        assert again.items == () and again.next_cursor is None
        sandbox.put_customer({"id": "cus_00005", "email": "changed@example.com"})
        sandbox.put_subscription({"id": "sub_2", "customer": "cus_00005"})
        later, _ = await walk_events(client, event_watermark(again, watermark))
        assert [(e.type, e.obj.id if e.obj else None) for e in later] == [
            ("customer.updated", "cus_00005"), ("customer.subscription.created", "sub_2")]
        assert later[0].previous_attributes == {"email": "u5@example.com"}


async def test_list_events_without_a_start_begins_at_the_oldest() -> None:
    sandbox = StripeSandbox(now=T0)
    for i in range(250):
        sandbox.put_customer({"id": f"cus_{i:05d}"})
    created = [e["id"] for e in sorted(sandbox.events.objects.values(),
                                       key=lambda e: e["created"])]
    async with client_for(sandbox) as client:
        first = await client.list_events(limit=100)
        assert [e.id for e in first.items] == created[:100]
        assert first.next_cursor == created[99]
        rest, _ = await walk_events(client, first.next_cursor, limit=100)
        assert [e.id for e in rest] == created[100:]
        since = await client.list_events(created_gte=datetime.fromtimestamp(T0 + 240, UTC),
                                         limit=100)
        assert [e.id for e in since.items] == created[240:] and since.next_cursor is None


# -- faults -----------------------------------------------------------------------------------

async def test_429_bursts_are_waited_out_as_retry_after_says() -> None:
    sandbox = seeded(1000)
    sandbox.faults = Faults(rate_429=0.3, burst=3, retry_after=2.0, seed=5)
    sleeps = Sleeps()
    async with client_for(sandbox, sleep=sleeps) as client:
        customers = await drain(lambda c: client.list_customers(cursor=c))
    assert [c.id for c in customers] == newest_first(1000)
    injected = sandbox.faults.counts.get("429", 0)
    assert injected >= 3
    assert len(sleeps.calls) == injected and all(s >= 2.0 for s in sleeps.calls)


async def test_server_errors_hangs_and_truncated_pages_still_give_exact_results() -> None:
    sandbox = seeded(1000)
    sandbox.faults = Faults(rate_5xx=0.15, rate_timeout=0.08, hang_seconds=5.0,
                            rate_truncated=0.15, seed=3)
    policy = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=0.05, max_attempts=10)
    started = time.monotonic()
    async with client_for(sandbox, policy=policy) as client:
        customers = await drain(lambda c: client.list_customers(cursor=c, limit=25))
    assert [c.id for c in customers] == newest_first(1000)
    counts = sandbox.faults.counts
    assert counts.get("5xx", 0) > 0 and counts.get("timeout", 0) > 0
    assert counts.get("truncate", 0) > 0
    assert time.monotonic() - started < 5.0  # hangs were cut at the policy timeout


async def test_bounded_attempts_raise_the_typed_error() -> None:
    sandbox = seeded(10)
    policy = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=0.05, max_attempts=3)
    sandbox.faults = Faults(rate_5xx=1.0)
    async with client_for(sandbox, policy=policy) as client:
        with pytest.raises(Unavailable) as unavailable:
            await client.list_customers()
        assert unavailable.value.status == 500 and sandbox.requests == 3
        sandbox.faults = Faults(rate_429=1.0, retry_after=1.0)
        with pytest.raises(RateLimited) as limited:
            await client.list_invoices()
        assert limited.value.retry_after == 1.0 and sandbox.requests == 6
        sandbox.faults = Faults(rate_timeout=1.0, hang_seconds=2.0)
        with pytest.raises(Unavailable):
            await client.get_customer("cus_00001")
        assert sandbox.requests == 9


async def test_bad_credentials_raise_auth_failed_at_once() -> None:
    sandbox = seeded(10)
    async with client_for(sandbox, key="sk_test_wrong0000001234") as client:
        with pytest.raises(AuthFailed) as failed:
            await client.list_customers()
    assert failed.value.status == 401 and sandbox.requests == 1
    assert "Invalid API Key provided: sk_test_" in failed.value.message
    assert "wrong" not in failed.value.message  # Stripe redacts the key
    async with raw(sandbox) as http:
        missing = await http.get("/v1/customers", headers={"Authorization": ""})
    assert missing.status_code == 401
    assert missing.json()["error"]["type"] == "invalid_request_error"
    assert "You did not provide an API key" in missing.json()["error"]["message"]


async def test_stripe_should_retry_overrides_the_status() -> None:
    replies: list[httpx.Response] = []
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return replies.pop(0)

    def error(status: int, should: str | None, type_: str = "api_error") -> httpx.Response:
        headers = {"Stripe-Should-Retry": should} if should else {}
        return httpx.Response(status, headers=headers, json={
            "error": {"type": type_, "code": "lock_timeout", "message": "busy"}})

    empty = {"object": "list", "data": [], "has_more": False, "url": "/v1/customers"}
    sleeps = Sleeps()
    client = StripeClient("sk_test_x", transport=httpx.MockTransport(handler), policy=FAST,
                          sleep=sleeps)
    async with client:
        replies[:] = [error(409, "true"), error(400, "true", "invalid_request_error"),
                      httpx.Response(200, json=empty)]
        assert (await client.list_customers()).items == ()
        assert len(seen) == 3 and len(sleeps.calls) == 2
        request = seen[0]
        assert request.headers["Authorization"] == "Bearer sk_test_x"
        assert request.headers["Stripe-Version"] == "2024-06-20"
        assert request.url.params["limit"] == "100"
        replies[:] = [error(500, "false")]
        with pytest.raises(Unavailable) as unavailable:
            await client.list_customers()
        assert len(seen) == 4 and unavailable.value.code == "lock_timeout"
        replies[:] = [error(400, None, "invalid_request_error")]
        with pytest.raises(BadResponse) as bad:
            await client.list_subscriptions()
        assert bad.value.status == 400 and len(seen) == 5
        assert seen[-1].url.params["status"] == "all"


# -- single objects and the sandbox's wire format ---------------------------------------------

async def test_get_refetches_current_state() -> None:
    sandbox = seeded(5)
    sandbox.put_subscription({"id": "sub_1", "customer": "cus_00001"})
    sandbox.put_invoice({"id": "in_1", "customer": "cus_00001", "subscription": "sub_1",
                         "total": 4200, "status": "open"})
    async with client_for(sandbox) as client:
        sandbox.put_customer({"id": "cus_00002", "name": "Renamed"})
        assert (await client.get_customer("cus_00002")).name == "Renamed"
        sandbox.put_invoice({"id": "in_1", "status": "paid"})
        paid = await client.get_invoice("in_1")
        assert paid.status == "paid" and paid.amount_paid == 4200 and paid.paid_at is not None
        sandbox.delete_customer("cus_00001")
        gone = await client.get_customer("cus_00001")
        assert gone.deleted and gone.id == "cus_00001"
        assert (await client.get_subscription("sub_1")).status == "canceled"
        with pytest.raises(BadResponse) as missing:
            await client.get_customer("cus_nope")
        assert missing.value.status == 404 and missing.value.code == "resource_missing"
        with pytest.raises(ValueError):
            await client.list_customers(limit=0)


async def test_sandbox_speaks_stripe_list_parameters() -> None:
    sandbox = seeded(30, tie=1)
    async with raw(sandbox) as http:
        page = await http.get("/v1/customers", params={"limit": 3})
        body = page.json()
        assert set(body) == {"object", "data", "has_more", "url"}
        assert body["url"] == "/v1/customers" and body["has_more"] is True
        assert page.headers["Request-Id"].startswith("req_")
        assert page.headers["Stripe-Version"]
        assert [c["id"] for c in body["data"]] == ["cus_00029", "cus_00028", "cus_00027"]
        assert body["data"][0]["object"] == "customer" and body["data"][0]["livemode"] is False
        before = (await http.get("/v1/customers", params={
            "limit": 3, "ending_before": "cus_00010"})).json()
        assert [c["id"] for c in before["data"]] == ["cus_00013", "cus_00012", "cus_00011"]
        assert before["has_more"] is True
        window = (await http.get("/v1/customers", params={
            "created[gte]": T0 - 100_000 + 5, "created[lt]": T0 - 100_000 + 8})).json()
        assert [c["id"] for c in window["data"]] == ["cus_00007", "cus_00006", "cus_00005"]
        for params, status in (({"limit": 101}, 400), ({"limit": "x"}, 400),
                               ({"starting_after": "cus_00001", "ending_before": "cus_00002"},
                                400), ({"starting_after": "cus_nope"}, 404)):
            bad = await http.get("/v1/customers", params=params)
            assert bad.status_code == status
            assert bad.json()["error"]["type"] == "invalid_request_error"
        sandbox.faults = Faults(rate_429=1.0, retry_after=3)
        limited = await http.get("/v1/customers")
        assert limited.status_code == 429 and limited.headers["Retry-After"] == "3"
        assert limited.json()["error"]["type"] == "rate_limit_error"
        sandbox.faults = Faults(rate_5xx=1.0)
        failed = await http.get("/v1/customers")
        assert failed.status_code == 500 and failed.headers["Stripe-Should-Retry"] == "true"
        assert failed.json()["error"]["type"] == "api_error"


class CountingDict(dict[str, Any]):
    reads = 0

    def __getitem__(self, key: str) -> Any:
        CountingDict.reads += 1
        return super().__getitem__(key)


async def test_sandbox_seeds_100k_fast_and_pages_cost_the_page_size() -> None:
    sandbox = StripeSandbox(now=T0)
    started = time.perf_counter()
    sandbox.bulk_load(customers=[{"id": f"cus_{i:06d}", "created": T0 - 200_000 + i // 3}
                                 for i in range(100_000)])
    assert time.perf_counter() - started < 2.0
    sandbox.customers.objects = CountingDict(sandbox.customers.objects)
    async with client_for(sandbox) as client:
        deep = await client.list_customers(cursor="cus_000150", limit=100)
        assert [c.id for c in deep.items] == [f"cus_{i:06d}" for i in range(149, 49, -1)]
        near_end = await client.list_customers(cursor="cus_000040")
        assert len(near_end.items) == 40 and near_end.next_cursor is None
    assert CountingDict.reads <= 2 * 101 + 5
