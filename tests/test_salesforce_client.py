"""The Salesforce client against the Salesforce sandbox: OAuth, incremental SOQL paging with
resumable cursors, deleted records, metadata, faults and typed errors."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, TypeVar

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
from integrations.pages import Page
from integrations.salesforce import (
    ACCOUNT,
    CONTACT,
    LEAD,
    OPPORTUNITY,
    OPPORTUNITY_HISTORY,
    QUOTA_RETRY_AFTER,
    RecordError,
    SalesforceClient,
    SfAccount,
    SObject,
    parse_account,
    parse_contact,
    parse_lead,
    parse_opportunity,
    soql_datetime,
)
from integrations.sandbox.faults import Faults
from integrations.sandbox.salesforce import SalesforceSandbox

T = TypeVar("T")
FAST = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=1.0, max_attempts=8)
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


class SleepRecorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(0)


def sandbox_at(start: datetime = T0) -> SalesforceSandbox:
    sandbox = SalesforceSandbox()
    sandbox.clock.set(start)
    return sandbox


def client_for(sandbox: SalesforceSandbox, *, secret: str = "sandbox-secret",
               policy: RetryPolicy = FAST, sleep: SleepRecorder | None = None,
               batch_size: int | None = None) -> SalesforceClient:
    return SalesforceClient(
        "sandbox-client", secret, login_url="https://login.sandbox.test",
        transport=httpx.ASGITransport(app=sandbox.app),
        policy=policy, sleep=sleep or SleepRecorder(), batch_size=batch_size)


async def drain(fetch: Callable[[str | None], Awaitable[Page[T]]]) -> tuple[list[T], int]:
    items: list[T] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = await fetch(cursor)
        pages += 1
        items.extend(page.items)
        if page.next_cursor is None:
            return items, pages
        cursor = page.next_cursor


def seed_accounts(sandbox: SalesforceSandbox, count: int) -> list[str]:
    return sandbox.bulk_load("Account", (
        {"Name": f"Account {i}", "Industry": "Retail" if i % 2 else None,
         "BillingCountry": "DE"} for i in range(count)))


async def test_pages_through_many_accounts_exactly_once() -> None:
    sandbox = sandbox_at()
    ids = seed_accounts(sandbox, 5000)
    async with client_for(sandbox, batch_size=1000) as client:
        accounts, pages = await drain(lambda c: client.query_changed(ACCOUNT, cursor=c))
    assert pages == 5
    assert [a.id for a in accounts] == ids  # (SystemModstamp, Id) order, each exactly once
    first = accounts[0]
    assert isinstance(first, SfAccount)
    assert (first.name, first.industry, first.billing_country, first.website) == (
        "Account 0", None, "DE", None)
    assert first.created_date == first.system_modstamp == T0
    stamps = [a.system_modstamp for a in accounts]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


async def test_cursor_resumes_in_a_new_process_with_a_snapshot() -> None:
    sandbox = sandbox_at()
    ids = seed_accounts(sandbox, 3000)
    async with client_for(sandbox, batch_size=1000) as first:
        page = await first.query_changed("Account")
    assert page.next_cursor is not None
    assert page.next_cursor.startswith("/services/data/v60.0/query/01g")
    assert page.next_cursor.endswith("-1000")
    # The process dies; meanwhile records change and the session expires.
    sandbox.expire_tokens()
    sandbox.clock.advance(60)
    sandbox.put("Account", {"Id": ids[2500], "Name": "Renamed"})
    new_id = sandbox.put("Account", {"Name": "Brand new"})
    async with client_for(sandbox, batch_size=1000) as second:
        rest, pages = await drain(lambda c: second.query_changed(
            "Account", cursor=c or page.next_cursor))
        seen = [a.id for a in page.items] + [a.id for a in rest]
        assert pages == 2 and seen == ids  # the locator's snapshot: each once, no newcomers
        snapshot = next(a for a in rest if a.id == ids[2500])
        assert isinstance(snapshot, SfAccount) and snapshot.name == "Account 2500"
        assert await second.get("Account", ids[2500]) == replace(
            snapshot, name="Renamed", system_modstamp=T0 + timedelta(seconds=60))
        since = max(a.system_modstamp for a in [*page.items, *rest])
        changed, _ = await drain(lambda c: second.query_changed(ACCOUNT, cursor=c, since=since))
    assert [(a.id, a.name) for a in changed] == [(ids[2500], "Renamed"), (new_id, "Brand new")]
    assert sandbox.token_requests == 2


async def test_incremental_query_returns_only_changed_records() -> None:
    sandbox = sandbox_at()
    ids = seed_accounts(sandbox, 500)
    contact_ids = sandbox.bulk_load("Contact", (
        {"LastName": f"Doe {i}", "AccountId": ids[i], "Email": f"c{i}@example.com"}
        for i in range(20)))
    async with client_for(sandbox) as client:
        accounts, _ = await drain(lambda c: client.query_changed(ACCOUNT, cursor=c))
        since = max(a.system_modstamp for a in accounts)
        contacts_since = max(c.system_modstamp for c in
                             (await client.query_changed(CONTACT)).items)
        assert since.microsecond != 0  # a millisecond literal, not a second one
        sandbox.clock.advance(0.001)  # within the same second as `since`
        sandbox.put("Account", {"Id": ids[7], "Website": "https://seven.example"})
        sandbox.put("Account", {"Id": ids[3], "Industry": "Energy"})
        added = sandbox.put("Account", {"Name": "Newcomer"})
        sandbox.put("Contact", {"Id": contact_ids[4], "Email": None})
        changed, pages = await drain(lambda c: client.query_changed(ACCOUNT, cursor=c,
                                                                    since=since))
        assert pages == 1
        assert [a.id for a in changed] == [ids[7], ids[3], added]
        assert changed[0].website == "https://seven.example" and changed[1].industry == "Energy"
        contacts = (await client.query_changed(CONTACT, since=contacts_since)).items
        assert [(c.id, c.email, c.account_id) for c in contacts] == [(contact_ids[4], None,
                                                                      ids[4])]
        later = max(a.system_modstamp for a in changed)
        assert (await client.query_changed(ACCOUNT, since=later)).items == ()


async def test_deleted_records_come_from_query_all() -> None:
    sandbox = sandbox_at()
    ids = seed_accounts(sandbox, 50)
    opportunity = sandbox.put("Opportunity", {"Name": "Deal", "AccountId": ids[0],
                                              "StageName": "Prospecting",
                                              "CloseDate": "2024-06-30"})
    since = T0 + timedelta(minutes=5)
    sandbox.clock.set(since + timedelta(seconds=1))
    for record_id in (ids[9], ids[1], ids[30]):
        sandbox.delete("Account", record_id)
    sandbox.delete("Opportunity", opportunity)
    async with client_for(sandbox) as client:
        deleted = (await client.query_deleted(ACCOUNT, since=since)).items
        assert [(d.id, d.sobject) for d in deleted] == [(ids[9], "Account"), (ids[1], "Account"),
                                                        (ids[30], "Account")]
        assert all(d.system_modstamp > since for d in deleted)
        history = (await client.query_deleted(OPPORTUNITY_HISTORY, since=since)).items
        assert len(history) == 1 and history[0].sobject == "OpportunityHistory"
        live, _ = await drain(lambda c: client.query_changed(ACCOUNT, cursor=c))
        assert len(live) == 47 and {ids[9], ids[1], ids[30]}.isdisjoint(a.id for a in live)
        assert await client.get(ACCOUNT, ids[9]) is None
        assert (await client.query_deleted("Account", since=deleted[-1].system_modstamp)
                ).items == ()


async def test_get_reads_one_record() -> None:
    sandbox = sandbox_at()
    lead_id = sandbox.put("Lead", {"LastName": "Lovelace", "FirstName": "Ada",
                                   "Company": "Engines", "Email": "ada@example.com"})
    assert lead_id.startswith("00Q") and len(lead_id) == 18
    sandbox.put("Lead", {"Id": lead_id, "Status": "Closed - Converted", "IsConverted": True,
                         "ConvertedDate": date(2024, 5, 2)})
    async with client_for(sandbox) as client:
        lead = await client.get(LEAD, lead_id[:15])  # 15-character ids work too
        assert lead is not None
        assert (lead.id, lead.status, lead.is_converted, lead.converted_date, lead.lead_source) \
            == (lead_id, "Closed - Converted", True, date(2024, 5, 2), None)
        assert await client.get("Lead", "00Q5g0000009999AAA") is None
        with pytest.raises(ValueError):
            await client.get(LEAD, "../../limits")


async def test_opportunities_take_stage_defaults_and_write_history() -> None:
    sandbox = sandbox_at()
    account = sandbox.put("Account", {"Name": "Acme"})
    deal = sandbox.put("Opportunity", {"Name": "Big deal", "AccountId": account,
                                       "Amount": Decimal("1234567.89"), "StageName": "Prospecting",
                                       "CloseDate": date(2024, 9, 30)})
    sandbox.put("Opportunity", {"Id": deal, "StageName": "Closed Won"})
    async with client_for(sandbox) as client:
        opportunity = await client.get(OPPORTUNITY, deal)
        assert opportunity is not None and opportunity.id.startswith("006")
        assert opportunity.amount == Decimal("1234567.89")
        assert (opportunity.stage_name, opportunity.probability, opportunity.is_closed,
                opportunity.is_won, opportunity.forecast_category_name) == (
            "Closed Won", 100.0, True, True, "Closed")
        history = (await client.query_changed(OPPORTUNITY_HISTORY)).items
        assert [(h.opportunity_id, h.stage_name, h.amount) for h in history] == [
            (deal, "Prospecting", Decimal("1234567.89")), (deal, "Closed Won",
                                                          Decimal("1234567.89"))]
        assert all(h.id.startswith("008") for h in history)


async def test_stage_and_status_metadata() -> None:
    sandbox = sandbox_at()
    async with client_for(sandbox) as client:
        stages = await client.opportunity_stages()
        statuses = await client.lead_statuses()
    assert [(s.label, s.probability) for s in stages] == [
        ("Prospecting", 10.0), ("Qualification", 10.0), ("Needs Analysis", 20.0),
        ("Value Proposition", 50.0), ("Id. Decision Makers", 60.0),
        ("Perception Analysis", 70.0), ("Proposal/Price Quote", 75.0),
        ("Negotiation/Review", 90.0), ("Closed Won", 100.0), ("Closed Lost", 0.0)]
    won, lost = stages[-2], stages[-1]
    assert (won.is_closed, won.is_won, won.forecast_category) == (True, True, "Closed")
    assert (lost.is_closed, lost.is_won, lost.forecast_category) == (True, False, "Omitted")
    assert [s.sort_order for s in stages] == list(range(1, 11))
    assert [(s.api_name, s.is_converted) for s in statuses] == [
        ("Open - Not Contacted", False), ("Working - Contacted", False),
        ("Closed - Converted", True), ("Closed - Not Converted", False)]


class SlowTransport(httpx.AsyncBaseTransport):
    """Every request takes a little while, so concurrent calls overlap."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.01)
        return await self.inner.handle_async_request(request)


async def test_expired_session_refreshes_the_token_once() -> None:
    sandbox = sandbox_at()
    account = sandbox.put("Account", {"Name": "Acme"})
    async with SalesforceClient(
            "sandbox-client", "sandbox-secret", login_url="https://login.sandbox.test",
            transport=SlowTransport(httpx.ASGITransport(app=sandbox.app)), policy=FAST,
            sleep=SleepRecorder()) as client:
        assert await client.get(ACCOUNT, account) is not None
        assert sandbox.token_requests == 1
        sandbox.expire_tokens()
        results = await asyncio.gather(*(client.get(ACCOUNT, account) for _ in range(5)))
        assert all(r is not None and r.name == "Acme" for r in results)
        assert sandbox.token_requests == 2  # one refresh, shared by the concurrent calls


async def test_bad_credentials_raise_auth_failed() -> None:
    sandbox = sandbox_at()
    async with client_for(sandbox, secret="wrong") as client:
        with pytest.raises(AuthFailed) as caught:
            await client.query_changed(ACCOUNT)
    assert caught.value.code == "invalid_client" and caught.value.status == 400
    assert sandbox.api_calls == 0


async def test_request_limit_exceeded_is_quota_exhausted_at_once() -> None:
    sandbox = sandbox_at()
    sandbox.faults.request_limit_exceeded = True
    sleep = SleepRecorder()
    async with client_for(sandbox, sleep=sleep) as client:
        with pytest.raises(QuotaExhausted) as caught:
            await client.query_changed(ACCOUNT)
    assert (caught.value.code, caught.value.status) == ("REQUEST_LIMIT_EXCEEDED", 403)
    assert caught.value.retry_after == QUOTA_RETRY_AFTER == 3600.0
    assert sleep.delays == [] and sandbox.faults.counts == {"request_limit": 1}


async def test_429_bursts_honour_retry_after() -> None:
    sandbox = sandbox_at()
    ids = seed_accounts(sandbox, 2000)
    sandbox.faults = Faults(rate_429=0.4, burst=3, retry_after=2.0, seed=3)
    sleep = SleepRecorder()
    async with client_for(sandbox, sleep=sleep, batch_size=200) as client:
        accounts, pages = await drain(lambda c: client.query_changed(ACCOUNT, cursor=c))
    assert pages == 10 and [a.id for a in accounts] == ids
    assert sandbox.faults.counts["429"] >= 6
    assert len(sleep.delays) == sandbox.faults.counts["429"]
    assert all(delay >= 2.0 for delay in sleep.delays)  # Retry-After is a floor on the wait


async def test_5xx_hangs_and_truncated_pages_still_yield_exact_results() -> None:
    sandbox = sandbox_at()
    ids = seed_accounts(sandbox, 3000)
    sandbox.faults = Faults(rate_5xx=0.15, rate_timeout=0.1, hang_seconds=5.0,
                            rate_truncated=0.15, seed=11)
    policy = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=0.05, max_attempts=10)
    started = time.perf_counter()
    async with client_for(sandbox, policy=policy, batch_size=200) as client:
        accounts, pages = await drain(lambda c: client.query_changed(ACCOUNT, cursor=c))
    assert time.perf_counter() - started < 5.0  # hung requests were abandoned, not awaited
    assert pages == 15 and [a.id for a in accounts] == ids
    counts = sandbox.faults.counts
    assert counts.get("5xx", 0) and counts.get("timeout", 0) and counts.get("truncate", 0)


async def test_bounded_attempts_raise_typed_errors() -> None:
    sandbox = sandbox_at()
    sandbox.faults.rate_5xx = 1.0
    sleep = SleepRecorder()
    async with client_for(sandbox, sleep=sleep) as client:
        with pytest.raises(Unavailable) as unavailable:
            await client.query_changed(ACCOUNT)
        assert unavailable.value.status == 503 and len(sleep.delays) == FAST.max_attempts - 1
        sandbox.faults = Faults(rate_429=1.0, retry_after=0.5)
        with pytest.raises(RateLimited) as limited:
            await client.lead_statuses()
        assert limited.value.retry_after == 0.5


async def test_query_errors_are_bad_responses() -> None:
    sandbox = sandbox_at()
    seed_accounts(sandbox, 500)
    bogus = SObject("Account", ("Id", "Bogus__c"), parse_account)
    async with client_for(sandbox, batch_size=200) as client:
        with pytest.raises(BadResponse) as invalid:
            await client.query_changed(bogus)
        assert invalid.value.code == "INVALID_FIELD" and invalid.value.status == 400
        page = await client.query_changed(ACCOUNT)
        assert page.next_cursor is not None
        sandbox.expire_query_locators()
        with pytest.raises(BadResponse) as expired:
            await client.query_changed(ACCOUNT, cursor=page.next_cursor)
        assert expired.value.code == "INVALID_QUERY_LOCATOR"
        with pytest.raises(ValueError):
            await client.query_changed(ACCOUNT, cursor="https://evil.example/steal")
        with pytest.raises(ValueError):
            await client.query_changed("Case")
        with pytest.raises(ValueError):
            await client.query_changed(ACCOUNT, since=datetime(2024, 1, 1))  # naive


async def test_sandbox_soql_and_wire_format() -> None:
    sandbox = sandbox_at()
    seed_accounts(sandbox, 450)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox.app),
                                 base_url="https://sandbox.my.salesforce.com") as http:
        token = (await http.post("/services/oauth2/token", data={
            "grant_type": "client_credentials", "client_id": "sandbox-client",
            "client_secret": "sandbox-secret"})).json()
        assert token["token_type"] == "Bearer" and {"issued_at", "signature", "id"} <= set(token)
        auth = {"Authorization": f"Bearer {token['access_token']}",
                "Sforce-Query-Options": "batchSize=50"}

        async def query(soql: str) -> httpx.Response:
            return await http.get("/services/data/v60.0/query", params={"q": soql},
                                  headers=auth)

        for bad in ("SELECT Id FROM Account LIMIT 5", "SELECT Id FROM Account ORDER BY Name",
                    "SELECT Id FROM Account WHERE Name = 'x'", "DELETE FROM Account"):
            response = await query(bad)
            assert response.status_code == 400
            assert response.json()[0]["errorCode"] == "MALFORMED_QUERY"
        assert (await query("SELECT Id FROM Case")).json()[0]["errorCode"] == "INVALID_TYPE"
        body = (await query("select id, NAME from account where SystemModstamp >= "
                            "2024-05-01T12:00:00.100Z order by SystemModstamp, Id")).json()
        assert body["totalSize"] == 350 and body["done"] is False
        assert len(body["records"]) == 200  # batchSize below 200 is raised to 200
        assert set(body["records"][0]) == {"attributes", "Id", "Name"}
        assert body["records"][0]["attributes"]["type"] == "Account"
        unauthorized = await http.get("/services/data/v60.0/query",
                                      params={"q": "SELECT Id FROM Account"},
                                      headers={"Authorization": "Bearer nope"})
        assert unauthorized.status_code == 401
        assert unauthorized.json() == [{"message": "Session expired or invalid",
                                        "errorCode": "INVALID_SESSION_ID"}]
        refused = await http.post("/services/oauth2/token", data={
            "grant_type": "client_credentials", "client_id": "sandbox-client",
            "client_secret": "nope"})
        assert refused.status_code == 400 and refused.json()["error"] == "invalid_client"


async def test_sandbox_serves_100k_records_with_cheap_pages() -> None:
    sandbox = sandbox_at()
    started = time.perf_counter()
    ids = seed_accounts(sandbox, 100_000)
    assert time.perf_counter() - started < 2.0
    async with client_for(sandbox) as client:
        page = await client.query_changed(ACCOUNT)
        assert len(page.items) == 2000
        for record_id in ids[:5000:10]:  # writes after the query do not disturb its pages
            sandbox.put("Account", {"Id": record_id, "Name": "Changed"})
        cursor = page.next_cursor
        started = time.perf_counter()
        seen = [a.id for a in page.items]
        for _ in range(4):
            assert cursor is not None
            page = await client.query_changed(ACCOUNT, cursor=cursor)
            seen += [a.id for a in page.items]
            cursor = page.next_cursor
        assert (time.perf_counter() - started) / 4 < 0.5
    assert seen == ids[:10_000]


def test_parsers_tolerate_missing_optional_fields() -> None:
    contact = parse_contact({"attributes": {"type": "Contact"}, "Id": "0035g0000000001AAA",
                             "CreatedDate": "2024-05-01T12:00:00.000+0000",
                             "SystemModstamp": "2024-05-01T14:30:00.250+0200"})
    assert contact.email is None and contact.account_id is None and contact.last_name is None
    assert contact.system_modstamp == datetime(2024, 5, 1, 12, 30, 0, 250000, tzinfo=UTC)
    assert contact.system_modstamp.tzinfo is UTC
    lead = parse_lead({"Id": "00Q", "Status": "Open - Not Contacted", "IsConverted": False,
                       "ConvertedDate": None, "LeadSource": None,
                       "CreatedDate": "2024-05-01T12:00:00Z",
                       "SystemModstamp": "2024-05-01T12:00:00Z"})
    assert lead.converted_date is None and lead.company is None
    opportunity: dict[str, Any] = {
        "Id": "006", "Name": "Deal", "StageName": "Prospecting", "CloseDate": "2024-06-30",
        "IsClosed": False, "IsWon": False, "Amount": 1234.56, "Probability": 10,
        "CreatedDate": "2024-05-01T12:00:00.000+0000",
        "SystemModstamp": "2024-05-01T12:00:00.000+0000"}
    parsed = parse_opportunity(opportunity)
    assert parsed.amount == Decimal("1234.56") and parsed.probability == 10.0
    assert parsed.account_id is None and parsed.forecast_category_name is None
    for broken in ({"Amount": "lots"}, {"CloseDate": None}, {"IsWon": "yes"}, {"Id": None}):
        with pytest.raises(RecordError):
            parse_opportunity({**opportunity, **broken})


def test_soql_datetime_literals() -> None:
    assert soql_datetime(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00Z"
    assert soql_datetime(datetime(2024, 1, 1, 1, 0, 0, 250999, tzinfo=timezone(
        timedelta(hours=1)))) == "2024-01-01T00:00:00.250Z"
    with pytest.raises(ValueError):
        soql_datetime(datetime(2024, 1, 1))

