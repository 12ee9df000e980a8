"""HubSpot CRM v3 client (private-app access token): typed records, resumable pages.

Every request goes through `integrations.http.send` with HubSpot's reading of responses
as the hook: 401 is `AuthFailed` at once; a 429 whose `policyName` is DAILY is
`QuotaExhausted` at once (`retry_after`: seconds to the next midnight UTC); other 429s are
retried after `Retry-After`, else after the rate-limit interval when the headers say
nothing remains. The `X-HubSpot-RateLimit-*` headers of every response are kept: when
`-Remaining` reaches 0 the next request first waits out `-Interval-Milliseconds` (through
the injected `sleep`), and when `-Daily-Remaining` reaches 0 the next request raises
`QuotaExhausted` without being sent.

Cursors are plain strings: for lists, HubSpot's `paging.next.after`; for `search_modified`
an opaque `hs1.` string (see `integrations.hubspot.search`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar, overload
from urllib.parse import quote

import httpx

from integrations.http import (
    AuthFailed,
    BadResponse,
    QuotaExhausted,
    RetryPolicy,
    Sleep,
    Verdict,
    body_error,
    json_object,
    parse_retry_after,
    send,
)
from integrations.hubspot import search
from integrations.hubspot.ratelimit import RateLimitStatus, read_rate_limit, seconds_to_midnight_utc
from integrations.hubspot.records import (
    DealStage,
    HubSpotCompany,
    HubSpotContact,
    HubSpotDeal,
    HubSpotRecord,
    PropertyOption,
    parse_company,
    parse_contact,
    parse_datetime,
    parse_deal,
    parse_deal_stages,
    parse_property_options,
    task_request,
)
from integrations.pages import Page

PROVIDER = "hubspot"
MAX_LIST_LIMIT = 100
MAX_SEARCH_LIMIT = 200
ASSOCIATION_BATCH = 100

_STAGES = ("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
           "opportunity", "customer", "evangelist", "other")
LIFECYCLE_DATES = tuple(f"hs_lifecyclestage_{stage}_date" for stage in _STAGES)
# The properties every read asks for (HubSpot returns only what is named).
DEFAULT_PROPERTIES: dict[str, tuple[str, ...]] = {
    "companies": ("name", "domain", "lifecyclestage", "industry", "country", "city", "state",
                  "numberofemployees", "annualrevenue", "hubspot_owner_id",
                  "hs_analytics_source", "createdate",
                  "hs_lastmodifieddate", "hs_object_id", *LIFECYCLE_DATES),
    "contacts": ("email", "firstname", "lastname", "lifecyclestage", "hs_lead_status",
                 "jobtitle", "phone", "company", "country", "hubspot_owner_id",
                 "hs_analytics_source", "associatedcompanyid", "createdate",
                 "lastmodifieddate", "hs_object_id",
                 *LIFECYCLE_DATES),
    "deals": ("dealname", "amount", "dealstage", "pipeline", "closedate", "dealtype",
              "deal_currency_code", "hs_is_closed", "hs_is_closed_won", "hubspot_owner_id",
              "createdate", "hs_lastmodifieddate", "hs_object_id"),
}

R = TypeVar("R", HubSpotCompany, HubSpotContact, HubSpotDeal)


@dataclass(frozen=True)
class _Kind(Generic[R]):
    object_type: str
    mod_prop: str  # the last-modified property search filters and sorts on
    parse: Callable[[Mapping[str, object]], R]
    associated: bool  # carries company ids


COMPANIES = _Kind("companies", "hs_lastmodifieddate", parse_company, False)
CONTACTS = _Kind("contacts", "lastmodifieddate", parse_contact, True)
DEALS = _Kind("deals", "hs_lastmodifieddate", parse_deal, True)
_KINDS: dict[str, _Kind[Any]] = {
    "companies": COMPANIES, "company": COMPANIES, "contacts": CONTACTS, "contact": CONTACTS,
    "deals": DEALS, "deal": DEALS,
}
ObjectType = Literal["companies", "contacts", "deals"]


def _kind(object_type: str) -> _Kind[Any]:
    try:
        return _KINDS[object_type]
    except KeyError:
        raise ValueError(f"unsupported HubSpot object type {object_type!r}") from None


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _next_after(data: Mapping[str, object]) -> str | None:
    paging = data.get("paging")
    nxt = paging.get("next") if isinstance(paging, dict) else None
    after = nxt.get("after") if isinstance(nxt, dict) else None
    return str(after) if after not in (None, "") else None


def _results(data: Mapping[str, object]) -> list[dict[str, Any]]:
    results = data.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise BadResponse(PROVIDER, "response without a results list")
    return results


class HubSpotClient:
    def __init__(self, access_token: str, *, base_url: str = "https://api.hubapi.com",
                 transport: httpx.AsyncBaseTransport | None = None,
                 policy: RetryPolicy = RetryPolicy(), sleep: Sleep = asyncio.sleep,
                 properties: Mapping[str, Iterable[str]] | None = None) -> None:
        """`properties`: extra properties to read, by object type (custom ones, say)."""
        self._http = httpx.AsyncClient(
            base_url=base_url, transport=transport,
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"})
        self._policy = policy
        self._sleep = sleep
        self._rate = RateLimitStatus()
        extra = properties or {}
        self._properties = {
            t: list(dict.fromkeys([*names, *extra.get(t, ())]))
            for t, names in DEFAULT_PROPERTIES.items()}

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def rate_limit(self) -> RateLimitStatus:
        return self._rate

    # -- the HTTP layer ------------------------------------------------------------------

    def _hook(self, response: httpx.Response) -> Verdict | None:
        self._rate = read_rate_limit(response.headers) or self._rate
        status = response.status_code
        if status == 401:
            body = _body(response)
            return Verdict(retry=False, error=AuthFailed(
                PROVIDER, str(body.get("message") or "HTTP 401"), status=401,
                code=body.get("category")))
        if status != 429:
            return None
        body = _body(response)
        policy_name = str(body.get("policyName") or "")
        if policy_name == "DAILY":
            return Verdict(retry=False, error=QuotaExhausted(
                PROVIDER, str(body.get("message") or "daily limit reached"), status=429,
                code="DAILY", retry_after=seconds_to_midnight_utc()))
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is None and self._rate.remaining == 0 and self._rate.interval_ms:
            retry_after = self._rate.interval_ms / 1000
        if retry_after is None and policy_name == "SECONDLY":
            retry_after = 1.0
        return Verdict(retry=True, retry_after=retry_after)

    async def _throttle(self) -> None:
        rate = self._rate
        if rate.daily_remaining == 0 and rate.observed_on == datetime.now(UTC).date():
            raise QuotaExhausted(PROVIDER, "daily API limit used up", status=429, code="DAILY",
                                 retry_after=seconds_to_midnight_utc())
        if rate.remaining is not None and rate.remaining <= 0 and rate.interval_ms:
            await self._sleep(rate.interval_ms / 1000)
            self._rate = RateLimitStatus(max=rate.max, interval_ms=rate.interval_ms,
                                         daily=rate.daily, daily_remaining=rate.daily_remaining,
                                         observed_on=rate.observed_on)

    async def _request(self, method: str, path: str, *, params: dict[str, str] | None = None,
                       body: object = None) -> httpx.Response:
        await self._throttle()
        return await send(self._http, method, path, provider=PROVIDER, policy=self._policy,
                          hook=self._hook, sleep=self._sleep, params=params, json=body)

    async def _json(self, method: str, path: str, *, params: dict[str, str] | None = None,
                    body: object = None) -> dict[str, object]:
        response = await self._request(method, path, params=params, body=body)
        if not response.is_success:
            raise body_error(PROVIDER, response)
        return json_object(PROVIDER, response)

    @staticmethod
    def _parse(kind: _Kind[R], obj: Mapping[str, object]) -> R:
        try:
            return kind.parse(obj)
        except ValueError as exc:
            raise BadResponse(PROVIDER, str(exc)) from exc

    # -- definitions ---------------------------------------------------------------------

    async def property_options(self, object_type: str,
                               property_name: str) -> tuple[PropertyOption, ...]:
        """An enumeration property's options (`GET /crm/v3/properties/{type}/{name}`)."""
        data = await self._json(
            "GET", f"/crm/v3/properties/{quote(object_type)}/{quote(property_name)}")
        return parse_property_options(data)

    async def lifecycle_stages(self, object_type: str = "companies"
                               ) -> tuple[PropertyOption, ...]:
        """The portal's lifecycle stages (portals customise them), in display order."""
        return await self.property_options(object_type, "lifecyclestage")

    async def deal_stages(self) -> tuple[DealStage, ...]:
        """Every stage of every deal pipeline, pipelines and stages in display order."""
        return parse_deal_stages(await self._json("GET", "/crm/v3/pipelines/deals"))

    # -- full reads ----------------------------------------------------------------------

    async def list_archived(self, object_type: str, *, cursor: str | None = None,
                            limit: int = 100) -> Page[HubSpotRecord]:
        """Archived (deleted) objects, which search never returns; HubSpot keeps them
        about 90 days. Each record has `archived` set and `updated_at` when archived."""
        return await self._list(_kind(object_type), cursor, limit, archived=True)

    async def _list(self, kind: _Kind[R], cursor: str | None, limit: int,
                    archived: bool = False) -> Page[R]:
        params = {"limit": str(min(max(limit, 1), MAX_LIST_LIMIT)),
                  "archived": "true" if archived else "false",
                  "properties": ",".join(self._properties[kind.object_type])}
        if kind.associated and not archived:
            params["associations"] = "companies"
        if cursor:
            params["after"] = cursor
        data = await self._json("GET", f"/crm/v3/objects/{kind.object_type}", params=params)
        items = tuple(self._parse(kind, obj) for obj in _results(data))
        next_after = _next_after(data)
        if next_after is not None and next_after == cursor:
            raise BadResponse(PROVIDER, f"paging did not advance past after={cursor}")
        return Page(items, next_after)

    async def list_companies(self, *, cursor: str | None = None,
                             limit: int = 100) -> Page[HubSpotCompany]:
        return await self._list(COMPANIES, cursor, limit)

    async def list_contacts(self, *, cursor: str | None = None,
                            limit: int = 100) -> Page[HubSpotContact]:
        return await self._list(CONTACTS, cursor, limit)

    async def list_deals(self, *, cursor: str | None = None,
                         limit: int = 100) -> Page[HubSpotDeal]:
        return await self._list(DEALS, cursor, limit)

    # -- incremental reads -----------------------------------------------------------------

    @overload
    async def search_modified(self, object_type: Literal["companies"], *,
                              cursor: str | None = ..., since: datetime | None = ...,
                              limit: int = ...) -> Page[HubSpotCompany]: ...

    @overload
    async def search_modified(self, object_type: Literal["contacts"], *,
                              cursor: str | None = ..., since: datetime | None = ...,
                              limit: int = ...) -> Page[HubSpotContact]: ...

    @overload
    async def search_modified(self, object_type: Literal["deals"], *,
                              cursor: str | None = ..., since: datetime | None = ...,
                              limit: int = ...) -> Page[HubSpotDeal]: ...

    @overload
    async def search_modified(self, object_type: str, *, cursor: str | None = ...,
                              since: datetime | None = ...,
                              limit: int = ...) -> Page[HubSpotRecord]: ...

    async def search_modified(self, object_type: str, *, cursor: str | None = None,
                              since: datetime | None = None, limit: int = 100) -> Page[Any]:
        """Objects modified at or after `since` (all when None), oldest change first; pass
        the page's cursor back for the next page (`since` is then ignored). An object that
        changes again while this runs is returned again later. A page may be short."""
        kind = _kind(object_type)
        state = (search.decode(cursor, kind.object_type) if cursor
                 else search.start(kind.object_type, since))
        limit = min(max(limit, 1), MAX_SEARCH_LIMIT)
        path = f"/crm/v3/objects/{kind.object_type}/search"
        while True:
            body = search.request_body(state, kind.mod_prop,
                                       self._properties[kind.object_type], limit)
            data = await self._json("POST", path, body=body)
            results = _results(data)
            hits = [(str(r.get("id")), self._modified_ms(kind, r)) for r in results]
            try:
                emit, next_state = search.advance(state, hits, _next_after(data) is not None)
            except ValueError as exc:
                raise BadResponse(PROVIDER, str(exc)) from exc
            chosen = [results[i] for i in emit]
            if chosen or next_state is None:
                break
            if next_state == state:
                raise BadResponse(PROVIDER, "search paging made no progress")
            state = next_state  # a page of objects already returned: read on
        if kind.associated and chosen:
            companies = await self._company_ids(kind.object_type, [str(r["id"]) for r in chosen])
            chosen = [{**r, "associations": {"companies": {"results": [
                {"id": c} for c in companies.get(str(r["id"]), ())]}}} for r in chosen]
        items = tuple(self._parse(kind, r) for r in chosen)
        return Page(items, search.encode(next_state) if next_state is not None else None)

    @staticmethod
    def _modified_ms(kind: _Kind[Any], obj: Mapping[str, Any]) -> int:
        props = obj.get("properties")
        raw = props.get(kind.mod_prop) if isinstance(props, dict) else None
        when = parse_datetime(raw) or parse_datetime(obj.get("updatedAt"))
        if when is None or obj.get("id") is None:
            raise BadResponse(PROVIDER, f"search result without id or {kind.mod_prop}")
        return search.epoch_ms(when)

    async def _company_ids(self, from_type: str, ids: list[str]) -> dict[str, tuple[str, ...]]:
        """Company ids associated with each of `ids` (v3 batch association read; objects
        without any come back as NO_ASSOCIATIONS_FOUND errors in a 207 and map to ())."""
        found: dict[str, dict[str, None]] = {}
        for start in range(0, len(ids), ASSOCIATION_BATCH):
            chunk = ids[start:start + ASSOCIATION_BATCH]
            path = f"/crm/v3/associations/{from_type}/companies/batch/read"
            data = await self._json("POST", path, body={"inputs": [{"id": i} for i in chunk]})
            results = data.get("results")
            for result in results if isinstance(results, list) else []:
                if not isinstance(result, dict) or not isinstance(result.get("from"), dict):
                    continue
                refs = found.setdefault(str(result["from"].get("id")), {})
                for ref in result.get("to") or []:
                    ref_id = ref.get("id", ref.get("toObjectId")) if isinstance(ref, dict) else None
                    if ref_id is not None:
                        refs[str(ref_id)] = None
        return {object_id: tuple(refs) for object_id, refs in found.items()}

    # -- single reads (webhook re-fetch) ---------------------------------------------------

    @overload
    async def get_object(self, object_type: Literal["companies"],
                         id: str) -> HubSpotCompany | None: ...

    @overload
    async def get_object(self, object_type: Literal["contacts"],
                         id: str) -> HubSpotContact | None: ...

    @overload
    async def get_object(self, object_type: Literal["deals"], id: str) -> HubSpotDeal | None: ...

    @overload
    async def get_object(self, object_type: str, id: str) -> HubSpotRecord | None: ...

    async def get_object(self, object_type: str, id: str) -> Any:
        """One object with its company associations; None when it does not exist or is
        archived (404)."""
        kind = _kind(object_type)
        params = {"properties": ",".join(self._properties[kind.object_type]),
                  "archived": "false"}
        if kind.associated:
            params["associations"] = "companies"
        response = await self._request(
            "GET", f"/crm/v3/objects/{kind.object_type}/{quote(str(id), safe='')}", params=params)
        if response.status_code == 404:
            return None
        if not response.is_success:
            raise body_error(PROVIDER, response)
        return self._parse(kind, json_object(PROVIDER, response))

    # -- writes ----------------------------------------------------------------------------

    async def create_task(self, company_id: str, subject: str, body: str, due: datetime,
                          owner_id: str | None = None, *, priority: str = "MEDIUM") -> str:
        """A task on a company (`records.task_request`); returns its id. HubSpot has no
        idempotency key: a retry whose first response was lost can create a second task."""
        data = await self._json("POST", "/crm/v3/objects/tasks", body=task_request(
            company_id, subject, body, due, owner_id, priority))
        task_id = data.get("id")
        if task_id in (None, ""):
            raise BadResponse(PROVIDER, "task created without an id in the response")
        return str(task_id)
