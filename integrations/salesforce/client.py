"""Async Salesforce REST client: OAuth 2.0 client credentials, incremental SOQL queries
paged through query locators, deleted records through queryAll, picklist metadata and
single-record reads. Every HTTP call goes through `integrations.http.send`.

Cursors are Salesforce's own `nextRecordsUrl` (`/services/data/v60.0/query/01g...-2000`):
a plain relative path, joined to whatever `instance_url` the current token names, so a
stored cursor resumes the same query from a new process with a new token. Salesforce
releases a query locator after about 15 minutes unused (and the oldest when a user opens
more than 10): resuming then fails with `BadResponse(code="INVALID_QUERY_LOCATOR")`, and
the caller restarts the query from its `since`.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Self, TypeVar, overload
from urllib.parse import urlsplit

import httpx

from integrations.http import (
    AuthFailed,
    BadResponse,
    ProviderError,
    QuotaExhausted,
    RetryPolicy,
    Sleep,
    Verdict,
    json_object,
    send,
)
from integrations.pages import Page
from integrations.salesforce.records import (
    LEAD_STATUS_FIELDS,
    OPPORTUNITY_STAGE_FIELDS,
    SOBJECTS,
    DeletedRecord,
    LeadStatusInfo,
    OpportunityStageInfo,
    RecordError,
    SfRecord,
    SObject,
    parse_deleted,
    parse_lead_status,
    parse_opportunity_stage,
)

PROVIDER = "salesforce"
# Salesforce's API allowance is a rolling 24-hour count with no reset time in the 403, so
# QuotaExhausted.retry_after is a guess: look again in an hour.
QUOTA_RETRY_AFTER = 3600.0
INVALID_QUERY_LOCATOR = "INVALID_QUERY_LOCATOR"

R = TypeVar("R")
_VERSION = re.compile(r"^v\d{2,3}\.\d$")
_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")
_CURSOR = re.compile(r"^/services/data/v\d{2,3}\.\d/(?:query|queryAll)/[A-Za-z0-9]{15,18}-\d+$")
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True, slots=True)
class _Token:
    access_token: str
    instance_url: str


def soql_datetime(when: datetime) -> str:
    """A SOQL dateTime literal in UTC: 2024-01-01T00:00:00Z, with milliseconds
    (2024-01-01T00:00:00.250Z) when there are any. Sub-millisecond digits are dropped,
    which keeps `SystemModstamp > literal` exact: Salesforce stamps are whole ms."""
    if when.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    utc = when.astimezone(UTC)
    base = utc.strftime("%Y-%m-%dT%H:%M:%S")
    millis = utc.microsecond // 1000
    return f"{base}.{millis:03d}Z" if millis else f"{base}Z"


def _errors(response: httpx.Response) -> tuple[str | None, str]:
    """(errorCode, message) of a Salesforce error body, or (None, a body excerpt)."""
    try:
        body = response.json()
    except ValueError:
        return None, response.text[:300]
    if isinstance(body, list) and body and isinstance(body[0], dict):
        first = body[0]
        return (str(first["errorCode"]) if "errorCode" in first else None,
                str(first.get("message", "")))
    if isinstance(body, dict) and "error" in body:  # OAuth endpoints
        return str(body["error"]), str(body.get("error_description", ""))
    return None, response.text[:300]


def _hook(response: httpx.Response) -> Verdict | None:
    """403 REQUEST_LIMIT_EXCEEDED: the daily allowance (TotalRequests) fails at once with
    QuotaExhausted; the concurrent long-request limit (ConcurrentPerOrgLongTxn) clears in
    seconds, so that one is retried."""
    if response.status_code != 403:
        return None
    code, message = _errors(response)
    if code != "REQUEST_LIMIT_EXCEEDED":
        return None
    if "concurrent" in message.lower():
        return Verdict(retry=True)
    return Verdict(retry=False, error=QuotaExhausted(
        PROVIDER, message or code, status=403, code=code, retry_after=QUOTA_RETRY_AFTER))


def _api_error(response: httpx.Response) -> ProviderError:
    code, message = _errors(response)
    status = response.status_code
    error = AuthFailed if status in (401, 403) else BadResponse
    label = f"HTTP {status} {code}" if code else f"HTTP {status}"
    return error(PROVIDER, f"{label}: {message}", status=status, code=code)


def _descriptor(sobject: SObject[Any] | str) -> SObject[Any]:
    if isinstance(sobject, SObject):
        return sobject
    found = SOBJECTS.get(sobject)
    if found is None:
        raise ValueError(f"unsupported sobject {sobject!r}; one of {sorted(SOBJECTS)}")
    return found


def _safe_instance(url: str) -> bool:
    """The bearer token goes to `instance_url`: https only (plain http on loopback, for a
    sandbox served locally, which may sit under a path prefix)."""
    parts = urlsplit(url)
    if not parts.hostname or parts.query or (parts.path.strip("/") and parts.scheme == "https"):
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)


class SalesforceClient:
    """One org's REST API. `async with SalesforceClient(...) as client:` or `aclose()`."""

    def __init__(
        self, client_id: str, client_secret: str, *,
        login_url: str = "https://login.salesforce.com", api_version: str = "v60.0",
        transport: httpx.AsyncBaseTransport | None = None, policy: RetryPolicy = RetryPolicy(),
        sleep: Sleep = asyncio.sleep, batch_size: int | None = None,
    ) -> None:
        if not _VERSION.match(api_version):
            raise ValueError(f"api_version looks like v60.0, not {api_version!r}")
        if batch_size is not None and not 200 <= batch_size <= 2000:
            raise ValueError("batch_size must be within 200..2000")
        self._client_id = client_id
        self._client_secret = client_secret
        self._login_url = login_url.rstrip("/")
        self._version = api_version
        self._policy = policy
        self._sleep = sleep
        self._query_headers = {"Sforce-Query-Options": f"batchSize={batch_size}"} \
            if batch_size is not None else {}
        self._http = httpx.AsyncClient(transport=transport, headers={"Accept": "application/json"})
        self._token: _Token | None = None
        self._token_lock = asyncio.Lock()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- records ------------------------------------------------------------------------

    @overload
    async def query_changed(self, sobject: SObject[R], *, cursor: str | None = None,
                            since: datetime | None = None) -> Page[R]: ...

    @overload
    async def query_changed(self, sobject: str, *, cursor: str | None = None,
                            since: datetime | None = None) -> Page[SfRecord]: ...

    async def query_changed(self, sobject: SObject[Any] | str, *, cursor: str | None = None,
                            since: datetime | None = None) -> Page[Any]:
        """One page of `sobject` records with SystemModstamp > `since` (all records without
        it), in (SystemModstamp, Id) order. Pass the previous page's `next_cursor` as
        `cursor` for the next page (`since` is then ignored); None when done."""
        described = _descriptor(sobject)
        soql = None
        if cursor is None:
            where = f" WHERE SystemModstamp > {soql_datetime(since)}" if since is not None \
                else ""
            soql = (f"SELECT {', '.join(described.fields)} FROM {described.name}{where} "
                    "ORDER BY SystemModstamp, Id")
        rows, next_cursor = await self._query("query", soql, cursor, described.name)
        return Page(tuple(self._parse(described.parse, rows)), next_cursor)

    async def query_deleted(self, sobject: SObject[Any] | str, *, cursor: str | None = None,
                            since: datetime) -> Page[DeletedRecord]:
        """One page of `sobject` records deleted (in the recycle bin, kept about 15 days)
        with SystemModstamp > `since`, through queryAll."""
        described = _descriptor(sobject)
        soql = None
        if cursor is None:
            soql = (f"SELECT Id, SystemModstamp FROM {described.name} WHERE IsDeleted = true "
                    f"AND SystemModstamp > {soql_datetime(since)} ORDER BY SystemModstamp, Id")
        rows, next_cursor = await self._query("queryAll", soql, cursor, described.name)
        return Page(tuple(self._parse(lambda row: parse_deleted(row, described.name), rows)),
                    next_cursor)

    @overload
    async def get(self, sobject: SObject[R], record_id: str) -> R | None: ...

    @overload
    async def get(self, sobject: str, record_id: str) -> SfRecord | None: ...

    async def get(self, sobject: SObject[Any] | str, record_id: str) -> Any:
        """One record by id (15 or 18 characters); None when it does not exist or is
        deleted (404)."""
        described = _descriptor(sobject)
        if not _ID.match(record_id):
            raise ValueError(f"not a Salesforce id: {record_id!r}")
        response = await self._get(
            f"/services/data/{self._version}/sobjects/{described.name}/{record_id}",
            params={"fields": ",".join(described.fields)})
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise _api_error(response)
        return self._parse(described.parse, [self._body(response)])[0]

    # -- picklist metadata ------------------------------------------------------------------

    async def opportunity_stages(self) -> tuple[OpportunityStageInfo, ...]:
        """The org's opportunity stages, in their SortOrder."""
        rows = await self._query_all_pages(
            f"SELECT {', '.join(OPPORTUNITY_STAGE_FIELDS)} FROM OpportunityStage",
            "OpportunityStage")
        return tuple(sorted(self._parse(parse_opportunity_stage, rows),
                            key=lambda stage: stage.sort_order))

    async def lead_statuses(self) -> tuple[LeadStatusInfo, ...]:
        """The org's lead statuses, in their SortOrder."""
        rows = await self._query_all_pages(
            f"SELECT {', '.join(LEAD_STATUS_FIELDS)} FROM LeadStatus", "LeadStatus")
        return tuple(sorted(self._parse(parse_lead_status, rows),
                            key=lambda status: status.sort_order))

    # -- plumbing -----------------------------------------------------------------------------

    async def _query_all_pages(self, soql: str, sobject: str) -> list[Mapping[str, Any]]:
        rows, cursor = await self._query("query", soql, None, sobject)
        while cursor is not None:
            more, cursor = await self._query("query", None, cursor, sobject)
            rows.extend(more)
        return rows

    async def _query(self, resource: str, soql: str | None, cursor: str | None,
                     sobject: str) -> tuple[list[Mapping[str, Any]], str | None]:
        if cursor is not None:
            if not _CURSOR.match(cursor):
                raise ValueError(f"not a Salesforce nextRecordsUrl: {cursor!r}")
            response = await self._get(cursor, headers=self._query_headers)
        elif soql is not None:
            response = await self._get(f"/services/data/{self._version}/{resource}",
                                       params={"q": soql}, headers=self._query_headers)
        else:
            raise ValueError("a query needs SOQL or a cursor")
        if response.status_code != 200:
            raise _api_error(response)
        body = self._body(response)
        records, done, next_url = body.get("records"), body.get("done"), body.get("nextRecordsUrl")
        if not isinstance(records, list) or not isinstance(done, bool) or not all(
                isinstance(row, dict) for row in records):
            raise BadResponse(PROVIDER, "query result without records/done", status=200)
        if not done and not (isinstance(next_url, str) and _CURSOR.match(next_url)):
            raise BadResponse(PROVIDER, f"unfinished query result with nextRecordsUrl "
                              f"{next_url!r}", status=200)
        if records:
            attributes = records[0].get("attributes")
            kind = attributes.get("type") if isinstance(attributes, dict) else None
            if kind != sobject:
                raise BadResponse(PROVIDER, f"expected {sobject} records, got {kind}",
                                  status=200)
        return records, None if done else str(next_url)

    def _body(self, response: httpx.Response) -> dict[str, Any]:
        try:  # exact amounts: JSON numbers with a fraction become Decimal, not float
            body = json.loads(response.content, parse_float=Decimal)
        except ValueError:
            return json_object(PROVIDER, response)  # raises BadResponse
        if not isinstance(body, dict):
            raise BadResponse(PROVIDER, "body is not a JSON object", status=response.status_code)
        return body

    @staticmethod
    def _parse(parse: Callable[[Mapping[str, Any]], Any],
               rows: list[Mapping[str, Any]]) -> list[Any]:
        try:
            return [parse(row) for row in rows]
        except RecordError as exc:
            raise BadResponse(PROVIDER, f"unreadable record: {exc}", status=200) from exc

    async def _get(self, path: str, *, params: Mapping[str, str] | None = None,
                   headers: Mapping[str, str] | None = None) -> httpx.Response:
        """GET an API path with the current token; on 401 (INVALID_SESSION_ID: the session
        expired or was revoked) fetch a new token once and repeat."""
        token = self._token or await self._refresh(None)
        response = await self._send_get(token, path, params, headers)
        if response.status_code == 401:
            token = await self._refresh(token)
            response = await self._send_get(token, path, params, headers)
            if response.status_code == 401:
                raise _api_error(response)
        return response

    async def _send_get(self, token: _Token, path: str, params: Mapping[str, str] | None,
                        headers: Mapping[str, str] | None) -> httpx.Response:
        return await send(
            self._http, "GET", token.instance_url + path, provider=PROVIDER,
            policy=self._policy, hook=_hook, sleep=self._sleep, params=params,
            headers={**(headers or {}), "Authorization": f"Bearer {token.access_token}"})

    async def _refresh(self, stale: _Token | None) -> _Token:
        """A token other than `stale`: the one another task just fetched, or a new one."""
        async with self._token_lock:
            if self._token is None or self._token is stale:
                self._token = await self._fetch_token()
            return self._token

    async def _fetch_token(self) -> _Token:
        response = await send(
            self._http, "POST", f"{self._login_url}/services/oauth2/token", provider=PROVIDER,
            policy=self._policy, sleep=self._sleep,
            data={"grant_type": "client_credentials", "client_id": self._client_id,
                  "client_secret": self._client_secret})
        if response.status_code in (400, 401, 403):
            code, message = _errors(response)
            raise AuthFailed(PROVIDER, f"token request refused: {code}: {message}",
                             status=response.status_code, code=code)
        if response.status_code != 200:
            raise _api_error(response)
        body = json_object(PROVIDER, response)
        access_token, instance_url = body.get("access_token"), body.get("instance_url")
        if not isinstance(access_token, str) or not isinstance(instance_url, str) \
                or not _safe_instance(instance_url):
            raise BadResponse(PROVIDER, "token response without access_token or an https "
                              f"instance_url ({instance_url!r})", status=200)
        return _Token(access_token, instance_url.rstrip("/"))
