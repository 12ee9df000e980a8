"""A local Salesforce org speaking the REST API's wire format (an ASGI app).

    sandbox = SalesforceSandbox()
    account_id = sandbox.put("Account", {"Name": "Acme", "Industry": "Retail"})
    app = sandbox.app  # httpx.ASGITransport(app=app)

Serves the OAuth 2.0 client-credentials token endpoint, `query` / `queryAll` with query
locators (`nextRecordsUrl`), and sobject row reads, with Salesforce's error bodies
(`[{"message", "errorCode"}]`), `Sforce-Limit-Info` headers and switchable faults. A query
snapshots the rows it matched once, so its locator stays valid, and each further page costs
O(batch size), however many records there are or change meanwhile.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from integrations.sandbox.faults import FaultInjector, Faults
from integrations.sandbox.salesforce_soql import SoqlError, parse
from integrations.sandbox.salesforce_store import (
    SCHEMAS,
    Clock,
    Locator,
    Row,
    SalesforceData,
    to_ms,
)

Handler = Callable[[Request], Awaitable[Response]]

DEFAULT_BATCH_SIZE = 2000
_VERSION = re.compile(r"^v\d{2,3}\.\d$")
_BATCH = re.compile(r"batchSize\s*=\s*(\d+)", re.IGNORECASE)
_NOT_FOUND = [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]


def errors(code: str, message: str) -> list[dict[str, str]]:
    """Salesforce's REST error body."""
    return [{"message": message, "errorCode": code}]


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, separators=(",", ":")), status,
                    headers=headers, media_type="application/json;charset=UTF-8")


class SalesforceFaultBodies:
    """Injected errors in Salesforce's wire format. Salesforce itself answers overload with
    503 SERVER_UNAVAILABLE (and 403 REQUEST_LIMIT_EXCEEDED for the daily allowance); a
    429 is not a Salesforce answer, but an intermediary might send one."""

    def rate_limited(self, retry_after: float) -> tuple[int, dict[str, str], Any]:
        return 429, {"Retry-After": f"{retry_after:g}"}, errors(
            "TOO_MANY_REQUESTS", "Too many requests, retry later.")

    def server_error(self) -> tuple[int, dict[str, str], Any]:
        return 503, {}, errors("SERVER_UNAVAILABLE", "Server temporarily unavailable.")

    def request_limit(self) -> tuple[int, dict[str, str], Any] | None:
        return 403, {}, errors("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")


class SalesforceSandbox(SalesforceData):
    """An org with the Account, Contact, Lead, Opportunity, OpportunityHistory,
    OpportunityStage and LeadStatus sobjects (see `SalesforceData` for writing data)."""

    org_id = "00D5g000004SbxREAS"
    user_id = "0055g00000ABCDEQA5"
    daily_api_limit = 15000

    def __init__(self, client_id: str = "sandbox-client",
                 client_secret: str = "sandbox-secret", *,
                 instance_url: str = "https://sandbox.my.salesforce.com",
                 auto_history: bool = True, clock: Clock | None = None) -> None:
        super().__init__(auto_history=auto_history, clock=clock)
        self.client_id = client_id
        self.client_secret = client_secret
        self.instance_url = instance_url
        self.tokens: set[str] = set()
        self.token_requests = 0  # token endpoint calls answered with a token
        self.api_calls = 0  # authenticated API calls (what Sforce-Limit-Info counts)
        routes = [Route("/services/oauth2/token", self._token, methods=["POST"])]
        api: list[tuple[str, Handler]] = [
            ("/query", self._query), ("/query/", self._query),
            ("/queryAll", self._query_all), ("/queryAll/", self._query_all),
            ("/query/{locator}", self._more), ("/queryAll/{locator}", self._more),
            ("/sobjects/{sobject}/{record_id}", self._sobject_row),
        ]
        routes += [Route("/services/data/{version}" + path, self._api(handler), methods=["GET"])
                   for path, handler in api]
        self._faults = Faults()
        self._injector = FaultInjector(Starlette(routes=routes), self._faults,
                                       SalesforceFaultBodies(), exempt=("/services/oauth2/",))
        self.app = self._injector

    @property
    def faults(self) -> Faults:
        return self._faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._faults = self._injector.faults = faults

    def expire_tokens(self) -> None:
        """Every issued access token becomes invalid (401 INVALID_SESSION_ID)."""
        self.tokens.clear()

    # -- OAuth ------------------------------------------------------------------------------

    async def _token(self, request: Request) -> Response:
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
        if form.get("grant_type") != "client_credentials":
            return _json({"error": "unsupported_grant_type",
                          "error_description": "grant type not supported"}, 400)
        if form.get("client_id") != self.client_id:
            return _json({"error": "invalid_client_id",
                          "error_description": "client identifier invalid"}, 400)
        if not hmac.compare_digest(form.get("client_secret", ""), self.client_secret):
            return _json({"error": "invalid_client",
                          "error_description": "invalid client credentials"}, 400)
        token = f"{self.org_id[:15]}!{secrets.token_urlsafe(64)}"
        self.tokens.add(token)
        self.token_requests += 1
        identity = f"https://login.salesforce.com/id/{self.org_id}/{self.user_id}"
        issued_at = str(to_ms(self.clock.now()))
        signature = base64.b64encode(hmac.new(
            self.client_secret.encode(), (identity + issued_at).encode(), hashlib.sha256,
        ).digest()).decode()
        return _json({"access_token": token, "signature": signature, "scope": "api",
                      "instance_url": self.instance_url, "id": identity,
                      "token_type": "Bearer", "issued_at": issued_at})

    def _api(self, handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            if not _VERSION.match(request.path_params["version"]):
                return _json(_NOT_FOUND, 404)
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() not in ("bearer", "oauth") or token.strip() not in self.tokens:
                return _json(errors("INVALID_SESSION_ID", "Session expired or invalid"), 401,
                             {"WWW-Authenticate": "Token"})
            self.api_calls += 1
            response = await handler(request)
            response.headers["Sforce-Limit-Info"] = (
                f"api-usage={self.api_calls}/{self.daily_api_limit}")
            return response

        return endpoint

    # -- query -------------------------------------------------------------------------------

    async def _query(self, request: Request) -> Response:
        return self._run_query(request, include_deleted=False)

    async def _query_all(self, request: Request) -> Response:
        return self._run_query(request, include_deleted=True)

    def _run_query(self, request: Request, *, include_deleted: bool) -> Response:
        soql = request.query_params.get("q")
        if not soql:
            return _json(errors("MALFORMED_QUERY", "A query string has to be specified"), 400)
        try:
            query = parse(soql, SCHEMAS)
        except SoqlError as exc:
            return _json(errors(exc.code, exc.message), 400)
        rows = self.tables[query.sobject].select(
            query.lo_ms, query.lo_inclusive, query.hi_ms, query.hi_inclusive, query.deleted,
            include_deleted)
        locator = Locator(query.sobject, query.fields, rows)
        batch = _batch_size(request)
        locator_id = self.open_locator(locator) if len(rows) > batch else ""
        return self._page(request, locator_id, locator, 0, batch)

    async def _more(self, request: Request) -> Response:
        locator_id, _, offset_text = request.path_params["locator"].rpartition("-")
        locator = self.locators.get(locator_id)
        if locator is None or not offset_text.isdigit() or int(offset_text) > len(locator.rows):
            return _json(errors("INVALID_QUERY_LOCATOR", "invalid query locator"), 400)
        self.locators.move_to_end(locator_id)
        return self._page(request, locator_id, locator, int(offset_text), _batch_size(request))

    def _page(self, request: Request, locator_id: str, locator: Locator, offset: int,
              batch: int) -> Response:
        version = request.path_params["version"]
        chunk = locator.rows[offset:offset + batch]
        end = offset + len(chunk)
        body: dict[str, Any] = {"totalSize": len(locator.rows), "done": end >= len(locator.rows)}
        if not body["done"]:
            body["nextRecordsUrl"] = f"/services/data/{version}/query/{locator_id}-{end}"
        body["records"] = [_project(version, locator.sobject, row, locator.fields)
                           for row in chunk]
        return _json(body)

    # -- sobject rows ------------------------------------------------------------------------

    async def _sobject_row(self, request: Request) -> Response:
        names = {name.lower(): name for name in SCHEMAS}
        sobject = names.get(request.path_params["sobject"].lower())
        if sobject is None:
            return _json(_NOT_FOUND, 404)
        try:
            row = self.row(sobject, request.path_params["record_id"])
        except ValueError:
            row = None
        if row is None:
            return _json(_NOT_FOUND, 404)
        if row["IsDeleted"]:
            return _json(errors("ENTITY_IS_DELETED", "entity is deleted"), 404)
        fields = SCHEMAS[sobject]
        requested = request.query_params.get("fields")
        if requested:
            canonical = {name.lower(): name for name in fields}
            names_asked = [name.strip() for name in requested.split(",")]
            unknown = [name for name in names_asked if name.lower() not in canonical]
            if unknown:
                return _json(errors("INVALID_FIELD", f"No such column '{unknown[0]}' on "
                                    f"entity '{sobject}'. If you are attempting to use a custom "
                                    "field, be sure to append the '__c' after the custom field "
                                    "name. Please reference your WSDL or the describe call for "
                                    "the appropriate names."), 400)
            fields = tuple(canonical[name.lower()] for name in names_asked)
        return _json(_project(request.path_params["version"], sobject, row, fields))


def _project(version: str, sobject: str, row: Row, fields: tuple[str, ...]) -> dict[str, Any]:
    record: dict[str, Any] = {"attributes": {
        "type": sobject, "url": f"/services/data/{version}/sobjects/{sobject}/{row['Id']}"}}
    for name in fields:
        record[name] = row.get(name)
    return record


def _batch_size(request: Request) -> int:
    """`Sforce-Query-Options: batchSize=N`, kept within Salesforce's 200..2000."""
    match = _BATCH.search(request.headers.get("sforce-query-options", ""))
    if match is None:
        return DEFAULT_BATCH_SIZE
    return min(max(int(match.group(1)), 200), 2000)


__all__ = ["DEFAULT_BATCH_SIZE", "Clock", "SalesforceFaultBodies", "SalesforceSandbox", "errors"]
