"""The HubSpot client against the HubSpot sandbox: full and incremental reads, resumable
cursors, ties and changes mid-sync, faults and rate limits, and the sandbox's own wire
format and speed."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from integrations.http import (
    AuthFailed,
    BadResponse,
    QuotaExhausted,
    RateLimited,
    RetryPolicy,
    Unavailable,
)
from integrations.hubspot import (
    HubSpotClient,
    HubSpotRecord,
    parse_company,
    parse_contact,
    parse_deal,
    parse_deal_stages,
)
from integrations.pages import Page
from integrations.sandbox.faults import Faults
from integrations.sandbox.hubspot import HubSpotSandbox

POLICY = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=1.0, max_attempts=8)
START = datetime(2024, 1, 1, tzinfo=UTC)
MS = timedelta(milliseconds=1)


class Sleeps:
    """An injected `sleep` that records what was asked and moves a fake clock."""

    def __init__(self) -> None:
        self.calls: list[float] = []
        self.clock = 0.0

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock += seconds

    def now(self) -> float:
        return self.clock


def client_for(sandbox: HubSpotSandbox, sleeps: Sleeps | None = None, *,
               token: str = "pat-sandbox", policy: RetryPolicy = POLICY) -> HubSpotClient:
    return HubSpotClient(token, transport=httpx.ASGITransport(app=sandbox.app), policy=policy,
                         sleep=sleeps or Sleeps())


async def drain(fetch: Callable[[str | None], Awaitable[Page[Any]]],
                cursor: str | None = None) -> tuple[list[Any], int]:
    items: list[Any] = []
    pages = 0
    while True:
        page = await fetch(cursor)
        items += page.items
        pages += 1
        if page.next_cursor is None:
            return items, pages
        assert pages < 10_000
        cursor = page.next_cursor


def seeded(companies: int = 0, contacts: int = 0, **kwargs: Any) -> HubSpotSandbox:
    sandbox = HubSpotSandbox(start=START, **kwargs)
    loaded = sandbox.bulk_load(companies=[
        {"properties": {"name": f"Co {i}", "domain": f"co{i}.test", "lifecyclestage": "lead"}}
        for i in range(companies)])
    company_ids = loaded["companies"]
    sandbox.bulk_load(contacts=[
        {"properties": {"email": f"p{i}@x.test"},
         "company_ids": [company_ids[i % len(company_ids)]] if company_ids and i % 3 else []}
        for i in range(contacts)])
    return sandbox


async def test_list_pages_return_each_company_once_and_resume_in_a_new_client() -> None:
    sandbox = seeded(companies=1234)
    first = client_for(sandbox)
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(3):
        page = await first.list_companies(cursor=cursor, limit=100)
        seen += [c.id for c in page.items]
        cursor = page.next_cursor
    await first.aclose()
    async with client_for(sandbox) as second:  # a new process, from the stored cursor
        rest, pages = await drain(lambda c: second.list_companies(cursor=c, limit=100), cursor)
    ids = seen + [c.id for c in rest]
    assert len(ids) == len(set(ids)) == 1234 and pages == 10
    company = rest[-1]
    assert company.name == "Co 1233" and company.domain == "co1233.test"
    assert company.lifecyclestage == "lead" and company.created_at.tzinfo is not None
    assert company.properties["hs_object_id"] == company.id


async def test_contacts_and_deals_carry_their_company_ids() -> None:
    sandbox = HubSpotSandbox(start=START)
    acme = sandbox.put_company(None, {"name": "Acme"})
    globex = sandbox.put_company(None, {"name": "Globex"})
    both = sandbox.put_contact(None, {"email": "a@acme.test", "hs_lead_status": "OPEN"},
                               company_ids=[acme, globex])
    sandbox.put_contact(None, {"email": "lone@x.test"})
    sandbox.put_deal(None, {"dealname": "Big", "amount": "1500.50", "dealstage": "closedwon",
                            "pipeline": "default", "closedate": "2024-03-01T12:00:00.000Z"},
                     company_ids=[globex])
    async with client_for(sandbox) as client:
        contacts = (await client.list_contacts()).items
        deal = (await client.list_deals()).items[0]
    by_id = {c.id: c for c in contacts}
    assert by_id[both].company_ids == (acme, globex)  # primary listed twice on the wire
    assert by_id[both].lead_status == "OPEN"
    assert [c.company_ids for c in contacts if c.id != both] == [()]
    assert deal.amount == Decimal("1500.50") and deal.dealstage == "closedwon"
    assert deal.closedate == datetime(2024, 3, 1, 12, tzinfo=UTC)
    assert deal.pipeline == "default" and deal.company_ids == (globex,)


async def test_search_modified_returns_only_changed_objects_with_their_companies() -> None:
    sandbox = seeded(companies=20, contacts=300)
    contact_ids = [str(2_000_001 + i) for i in range(300)]
    sandbox.advance(5)
    mark = sandbox.now + MS
    changed = contact_ids[10:35]
    for n, contact_id in enumerate(changed):
        sandbox.put_contact(contact_id, {"lifecyclestage": "customer"},
                            company_ids=["1000001"] if n % 2 else [])
    sandbox.archive("contacts", changed[0])
    async with client_for(sandbox) as client:
        found, _ = await drain(
            lambda c: client.search_modified("contacts", cursor=c, since=mark, limit=7))
        exact = await client.search_modified("contacts", since=sandbox.now - 2 * MS)
    assert [c.id for c in found] == changed[1:]  # oldest change first; archived left out
    assert all(c.lifecyclestage == "customer" for c in found)
    assert [c.company_ids for c in found] == [
        ("1000001",) if n % 2 else () for n in range(1, len(changed))]
    assert [c.id for c in exact.items] == changed[-2:]  # `since` is inclusive


async def test_search_reads_past_ten_thousand_results_each_object_once() -> None:
    sandbox = seeded(companies=10_500)
    async with client_for(sandbox) as client:
        found, pages = await drain(
            lambda c: client.search_modified("companies", cursor=c, limit=200))
    ids = [c.id for c in found]
    assert len(ids) == len(set(ids)) == 10_500 and pages == 53
    assert [c.updated_at for c in found] == sorted(c.updated_at for c in found)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app),
                                 base_url="https://api.hubapi.com",
                                 headers={"Authorization": "Bearer pat-sandbox"}) as raw:
        ok = await raw.post("/crm/v3/objects/companies/search", json={"limit": 200,
                                                                     "after": "9800"})
        past = await raw.post("/crm/v3/objects/companies/search", json={"after": "10000"})
    assert ok.json()["total"] == 10_500 and ok.json()["paging"]["next"]["after"] == "10000"
    assert past.status_code == 400 and past.json()["category"] == "VALIDATION_ERROR"


async def test_search_returns_objects_sharing_a_millisecond_once_across_pages() -> None:
    sandbox = HubSpotSandbox(start=START)
    expected: list[str] = []
    for group in range(40):  # small ties falling across page boundaries
        sandbox.set_clock(START + group * 10 * MS, freeze=True)
        expected += [sandbox.put_contact(None, {"email": f"{group}.{n}@x.test"})
                     for n in range(group % 5 + 1)]
    sandbox.set_clock(START + timedelta(seconds=5), freeze=True)
    bulk = sandbox.bulk_load(contacts=[{"email": f"bulk{n}@x.test"} for n in range(230)])
    expected += bulk["contacts"]
    sandbox.set_clock(START + timedelta(seconds=6))
    expected += [sandbox.put_contact(None, {"email": f"late{n}@x.test"}) for n in range(9)]
    found: list[HubSpotRecord] = []
    cursor: str | None = None
    pages = 0
    while True:  # a new client (process) for every page, from the stored cursor
        async with client_for(sandbox) as client:
            page = await client.search_modified("contacts", cursor=cursor, limit=50)
        found += page.items
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
        assert pages < 50
    ids = [c.id for c in found]
    assert len(ids) == len(set(ids)) and set(ids) == set(expected)
    async with client_for(sandbox) as client:  # the sandbox does not order ties by id
        first = await client.search_modified("contacts", since=START + timedelta(seconds=5),
                                             limit=30)
    assert [int(c.id) for c in first.items] != sorted(int(c.id) for c in first.items)


async def test_changes_during_a_search_sync_are_returned_not_skipped() -> None:
    sandbox = seeded(companies=500)
    async with client_for(sandbox) as client:
        found: list[HubSpotRecord] = []
        page = await client.search_modified("companies", limit=100)
        found += page.items
        page = await client.search_modified("companies", cursor=page.next_cursor, limit=100)
        found += page.items
        early, late = found[5].id, "1000450"
        sandbox.put_company(early, {"name": "renamed early"})
        sandbox.put_company(late, {"name": "renamed late"})
        new = sandbox.put_company(None, {"name": "new"})
        rest, _ = await drain(
            lambda c: client.search_modified("companies", cursor=c, limit=100),
            page.next_cursor)
    ids = [c.id for c in found + rest]
    assert set(ids) == {str(1_000_001 + i) for i in range(500)} | {new}
    assert ids.count(early) == 2 and ids.count(late) == 1
    assert [c.id for c in rest[-3:]] == [early, late, new]
    assert rest[-3].name == "renamed early"


async def test_429_bursts_are_retried_after_retry_after() -> None:
    sandbox = seeded(companies=450, contacts=300)
    sandbox.faults = faults = Faults(rate_429=0.25, burst=2, retry_after=2.0, seed=11)
    sleeps = Sleeps()
    async with client_for(sandbox, sleeps) as client:
        companies, _ = await drain(lambda c: client.list_companies(cursor=c, limit=100))
        contacts, _ = await drain(
            lambda c: client.search_modified("contacts", cursor=c, limit=100))
    assert len({c.id for c in companies}) == len(companies) == 450
    assert len({c.id for c in contacts}) == len(contacts) == 300
    assert sum(1 for c in contacts if c.company_ids) == 200
    assert faults.counts["429"] >= 4
    assert sleeps.calls == [2.0] * faults.counts["429"]


async def test_5xx_truncated_pages_and_hangs_still_yield_exactly_the_objects() -> None:
    sandbox = seeded(companies=40, contacts=600)
    faults = Faults(rate_5xx=0.15, rate_truncated=0.15, rate_timeout=0.04, hang_seconds=2.0,
                    seed=5)
    sandbox.faults = faults
    policy = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=0.25, max_attempts=10)
    async with client_for(sandbox, policy=policy) as client:
        listed, _ = await drain(lambda c: client.list_contacts(cursor=c, limit=100))
        searched, _ = await drain(
            lambda c: client.search_modified("contacts", cursor=c, limit=100))
    assert all(faults.counts.get(kind, 0) > 0 for kind in ("5xx", "truncate", "timeout"))
    for found in (listed, searched):
        assert sorted(c.id for c in found) == [str(2_000_001 + i) for i in range(600)]
    assert {c.id: c.company_ids for c in listed} == {c.id: c.company_ids for c in searched}


async def test_bounded_attempts_raise_typed_errors() -> None:
    sandbox = seeded(companies=5)
    policy = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=0.05, max_attempts=3)
    for faults, error in ((Faults(rate_5xx=1.0), Unavailable),
                          (Faults(rate_429=1.0, retry_after=1.0), RateLimited),
                          (Faults(rate_timeout=1.0, hang_seconds=1.0), Unavailable)):
        sandbox.faults = faults
        sleeps = Sleeps()
        async with client_for(sandbox, sleeps, policy=policy) as client:
            with pytest.raises(error) as info:
                await client.list_companies()
        assert len(sleeps.calls) == 2 and info.value.provider == "hubspot"
        if error is RateLimited:
            assert info.value.retry_after == 1.0 and sleeps.calls == [1.0, 1.0]


async def test_daily_limit_raises_quota_exhausted_without_retrying() -> None:
    sandbox = seeded(companies=5, rate_limit_daily=3)
    sleeps = Sleeps()
    async with client_for(sandbox, sleeps) as client:
        for _ in range(3):
            await client.list_companies()
        assert client.rate_limit.daily_remaining == 0
        with pytest.raises(QuotaExhausted) as before:  # known from the headers: not sent
            await client.list_companies()
    assert "DAILY" not in sandbox.rejected
    async with client_for(sandbox, sleeps) as fresh:  # knows nothing: HubSpot's DAILY 429
        with pytest.raises(QuotaExhausted) as after:
            await fresh.search_modified("companies")
    assert sandbox.rejected == {"DAILY": 1} and sleeps.calls == []
    for error in (before.value, after.value):
        assert error.retry_after is not None and 0 < error.retry_after <= 86_400
    sandbox.rate_limit_daily = 10**6
    sandbox.faults.request_limit_exceeded = True  # the injected form of the same 429
    async with client_for(sandbox, sleeps) as client:
        with pytest.raises(QuotaExhausted):
            await client.deal_stages()
    assert sleeps.calls == []


async def test_client_waits_out_the_interval_when_none_remain() -> None:
    sleeps = Sleeps()
    sandbox = seeded(companies=120, rate_limit_max=5, interval_ms=10_000,
                     rate_clock=sleeps.now)
    async with client_for(sandbox, sleeps) as client:
        found, pages = await drain(lambda c: client.list_companies(cursor=c, limit=10))
    assert len({c.id for c in found}) == 120 and pages == 12
    assert sleeps.calls == [10.0, 10.0] and sandbox.rejected == {}


async def test_rolling_limit_429_is_retried_after_the_interval() -> None:
    sleeps = Sleeps()
    sandbox = seeded(companies=3, rate_limit_max=5, interval_ms=10_000, rate_clock=sleeps.now)
    async with client_for(sandbox) as other:  # another app spends the portal's budget
        for _ in range(5):
            await other.list_companies()
    async with client_for(sandbox, sleeps) as client:
        page = await client.list_companies()
    assert len(page.items) == 3
    assert sandbox.rejected == {"TEN_SECONDLY_ROLLING": 1} and sleeps.calls == [10.0]


async def test_bad_credentials_raise_auth_failed() -> None:
    sandbox = seeded(companies=2)
    sleeps = Sleeps()
    async with client_for(sandbox, sleeps, token="pat-wrong") as client:
        with pytest.raises(AuthFailed) as info:
            await client.list_companies()
    assert info.value.status == 401 and info.value.code == "INVALID_AUTHENTICATION"
    assert "Authentication credentials not found" in info.value.message
    assert sleeps.calls == []


async def test_get_object_refetches_with_associations_and_none_when_gone() -> None:
    sandbox = HubSpotSandbox(start=START)
    acme = sandbox.put_company(None, {"name": "Acme"})
    deal = sandbox.put_deal(None, {"dealname": "Renewal", "amount": "99"}, company_ids=[acme])
    gone = sandbox.put_contact(None, {"email": "gone@x.test"})
    sandbox.archive("contacts", gone)
    async with client_for(sandbox) as client:
        fetched = await client.get_object("deals", deal)
        assert fetched is not None and fetched.company_ids == (acme,)
        assert fetched.amount == Decimal("99")
        assert await client.get_object("contacts", gone) is None
        assert await client.get_object("companies", "424242") is None
        company = await client.get_object("companies", acme)
        assert company is not None and company.name == "Acme"


async def test_lifecycle_stages_and_deal_stages() -> None:
    sandbox = HubSpotSandbox(start=START)
    async with client_for(sandbox) as client:
        standard = await client.lifecycle_stages()
        assert [o.value for o in standard] == [
            "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
            "opportunity", "customer", "evangelist", "other"]
        assert standard[2].label == "Marketing Qualified Lead"
        sandbox.set_lifecycle_options([
            {"label": "Trial", "value": "1234567", "displayOrder": 1},
            {"label": "Prospect", "value": "lead", "displayOrder": 0},
            {"label": "Old", "value": "other", "displayOrder": 2, "hidden": True}])
        custom = await client.lifecycle_stages("contacts")
        assert [(o.value, o.display_order, o.hidden) for o in custom] == [
            ("lead", 0, False), ("1234567", 1, False), ("other", 2, True)]
        stages = await client.deal_stages()
        assert [(s.id, s.probability, s.is_closed) for s in stages[-3:]] == [
            ("contractsent", 0.9, False), ("closedwon", 1.0, True), ("closedlost", 0.0, True)]
        assert {s.pipeline_id for s in stages} == {"default"} and len(stages) == 7
        with pytest.raises(BadResponse):
            await client.lifecycle_stages("deals")  # deals have no lifecycle stage: 404


def test_parsers_tolerate_missing_and_null_fields() -> None:
    stamp = {"createdAt": "2024-02-03T04:05:06.789Z", "updatedAt": "2024-02-04T00:00:00Z"}
    contact = parse_contact({"id": "7", **stamp, "properties": {"email": None}})
    assert contact.email is None and contact.company_ids == () and not contact.archived
    assert contact.created_at == datetime(2024, 2, 3, 4, 5, 6, 789000, tzinfo=UTC)
    deal = parse_deal({"id": 8, **stamp, "properties": {"amount": "n/a", "closedate": ""},
                       "associations": None})
    assert deal.amount is None and deal.closedate is None and deal.id == "8"
    company = parse_company({"id": "9", "properties": {
        "createdate": "1706745600000", "hs_lastmodifieddate": "2024-02-01", "name": ""}})
    assert company.created_at == datetime(2024, 2, 1, tzinfo=UTC) and company.name is None
    assert company.updated_at == datetime(2024, 2, 1, tzinfo=UTC)
    assert parse_deal_stages({"results": [{"id": "p", "stages": [{"id": "s"}]}]})[0] \
        .probability is None
    with pytest.raises(ValueError):
        parse_contact({"properties": {}, **stamp})


async def test_bulk_load_keeps_given_timestamps_in_any_form() -> None:
    sandbox = HubSpotSandbox(start=START)
    jan = datetime(2023, 1, 15, 8, 30, tzinfo=UTC)
    ms = float(jan.timestamp() * 1000)  # numpy's epoch ms arrive as floats
    ids = sandbox.bulk_load(contacts=[
        {"properties": {"email": "f@x.test", "hs_analytics_source": "ORGANIC_SEARCH"},
         "createdAt": ms - 86_400_000, "updatedAt": ms},
        {"properties": {"email": "s@x.test"}, "createdAt": "2023-01-01T00:00:00.000Z",
         "updatedAt": jan + timedelta(days=1)},
        {"properties": {"email": "now@x.test"}}])["contacts"]
    async with client_for(sandbox) as client:
        listed = (await client.list_contacts()).items
        since = await client.search_modified("contacts", since=jan + timedelta(hours=1))
    assert [(c.created_at, c.updated_at) for c in listed[:2]] == [
        (jan - timedelta(days=1), jan),
        (datetime(2023, 1, 1, tzinfo=UTC), jan + timedelta(days=1))]
    assert listed[0].properties["hs_analytics_source"] == "ORGANIC_SEARCH"
    assert listed[2].updated_at == START
    assert [c.id for c in since.items] == ids[1:]


async def test_sandbox_search_filters_sorts_and_limits() -> None:
    sandbox = HubSpotSandbox(start=START)
    for n in range(30):
        sandbox.put_deal(None, {"dealname": f"d{n}", "amount": str(n * 10),
                                "dealstage": "closedwon" if n % 3 == 0 else "qualifiedtobuy"})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app),
                                 base_url="https://api.hubapi.com",
                                 headers={"Authorization": "Bearer pat-sandbox"}) as raw:
        async def search(body: dict[str, Any]) -> httpx.Response:
            return await raw.post("/crm/v3/objects/deals/search", json=body)

        won_or_big = await search({
            "filterGroups": [
                {"filters": [{"propertyName": "dealstage", "operator": "EQ",
                              "value": "closedwon"},
                             {"propertyName": "amount", "operator": "LT", "value": "100"}]},
                {"filters": [{"propertyName": "amount", "operator": "GTE", "value": "270"}]}],
            "sorts": [{"propertyName": "amount", "direction": "DESCENDING"}],
            "properties": ["dealname", "amount"], "limit": 3})
        assert won_or_big.json()["total"] == 7
        assert [r["properties"]["amount"] for r in won_or_big.json()["results"]] == [
            "290", "280", "270"]
        assert won_or_big.headers["X-HubSpot-RateLimit-Max"] == "1000000"
        window = await search({"filterGroups": [{"filters": [
            {"propertyName": "hs_lastmodifieddate", "operator": "GT",
             "value": str(int((START + 4 * MS).timestamp() * 1000))},
            {"propertyName": "hs_lastmodifieddate", "operator": "LTE",
             "value": "2024-01-01T00:00:00.009Z"}]}],
            "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}]})
        assert [r["properties"]["dealname"] for r in window.json()["results"]] == [
            "d5", "d6", "d7", "d8", "d9"]
        assert "paging" not in window.json()
        for bad in ({"limit": 201}, {"sorts": ["amount", "dealname"]},
                    {"filterGroups": [{"filters": [{"propertyName": "amount",
                                                    "operator": "LIKE", "value": "1"}]}]}):
            rejected = await search(bad)
            assert rejected.status_code == 400, bad
            assert rejected.json()["category"] == "VALIDATION_ERROR"


async def test_sandbox_seeds_and_serves_100k_objects_quickly() -> None:
    sandbox = HubSpotSandbox(start=START)
    began = time.perf_counter()
    ids = sandbox.bulk_load(companies=[{"name": f"c{n}"} for n in range(100_000)])["companies"]
    assert time.perf_counter() - began < 2.0
    sandbox.put_company(ids[10], {"name": "touched"})
    async with client_for(sandbox) as client:
        began = time.perf_counter()
        tail = await client.list_companies(cursor=ids[-150], limit=100)
        recent = await client.search_modified("companies", since=START + 99_990 * MS)
        elapsed = time.perf_counter() - began
    assert elapsed < 0.5 and len(tail.items) == 100
    assert [c.name for c in recent.items][-1] == "touched" and len(recent.items) == 11
