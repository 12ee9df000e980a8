"""A local HubSpot (CRM v3) for tests and demos, speaking HubSpot's wire format.

    sandbox = HubSpotSandbox()
    company = sandbox.put_company(None, {"name": "Acme", "lifecyclestage": "customer"})
    sandbox.put_contact(None, {"email": "a@acme.test"}, company_ids=[company])
    client = HubSpotClient("pat-sandbox", transport=httpx.ASGITransport(app=sandbox.app))

Serves objects list / get / search, v3 batch association reads, the lifecycle-stage (and
lead-status) property definitions and the deal pipelines. Every write stamps the object's
`updatedAt` and last-modified property with the sandbox clock, which moves one millisecond
per write unless a test sets it (`set_clock`, `freeze=True` for ties). Requests need
`Authorization: Bearer <access_token>`; each answered request is metered against a rolling
per-interval budget and a daily one, reported in HubSpot's rate-limit headers, and refused
with HubSpot's 429 bodies when spent. `faults` injects 429s, 502s, hangs and cut-off bodies.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from integrations.sandbox.faults import FaultInjector, Faults, Message, Receive, Scope, Send
from integrations.sandbox.hubspot_search import SearchRejected, parse_request, run
from integrations.sandbox.hubspot_store import ObjectTable, StoredObject, clean, to_ms
from integrations.sandbox.hubspot_tasks import TaskTable
from integrations.sandbox.hubspot_wire import (
    ALIASES,
    AUTH_MESSAGE,
    DEFAULT_PROPERTIES,
    MOD_PROP,
    SINGULAR,
    STANDARD_LEAD_STATUS,
    STANDARD_LIFECYCLE,
    HubSpotFaultBodies,
    association_refs,
    error,
    iso,
    options,
    property_definition,
    rate_limit_body,
    render_object,
    standard_pipeline,
)

FIRST_IDS = {"companies": 1_000_001, "contacts": 2_000_001, "deals": 3_000_001}
MAX_LIST_LIMIT = 100
MAX_BATCH_INPUTS = 1000


def _ms(when: datetime) -> int:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp() * 1000)


def _csv(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class HubSpotSandbox:
    def __init__(self, access_token: str = "pat-sandbox", *, start: datetime | None = None,
                 rate_limit_max: int = 1_000_000, interval_ms: int = 10_000,
                 rate_limit_daily: int = 1_000_000_000,
                 rate_clock: Callable[[], float] = time.monotonic,
                 faults: Faults | None = None) -> None:
        self.access_token = access_token
        self._faults = faults if faults is not None else Faults()
        self.rate_limit_max = rate_limit_max
        self.interval_ms = interval_ms
        self.rate_limit_daily = rate_limit_daily
        self.rate_clock = rate_clock  # seconds; tests pass a fake clock their sleep advances
        self.daily_used = 0
        self.rejected: dict[str, int] = {}  # 429s from the sandbox's own budgets, by policy
        self._window: deque[float] = deque()
        self.tables = {t: ObjectTable(t, first) for t, first in FIRST_IDS.items()}
        self.tasks = TaskTable(self.tables["companies"], self._tick)  # POST-only
        self._clock_ms = _ms(start or datetime.now(UTC)) - 1
        self._frozen: int | None = None
        self.lifecycle_options = options(STANDARD_LIFECYCLE)
        self.lead_status_options = options(STANDARD_LEAD_STATUS)
        self.deal_pipelines: list[dict[str, Any]] = [standard_pipeline()]
        routes = [
            Route("/crm/v3/objects/{object_type}", self._list, methods=["GET"]),
            Route("/crm/v3/objects/tasks", self.tasks.create, methods=["POST"]),
            Route("/crm/v3/objects/{object_type}/search", self._search, methods=["POST"]),
            Route("/crm/v3/objects/{object_type}/{object_id}", self._get, methods=["GET"]),
            Route("/crm/v3/associations/{from_type}/{to_type}/batch/read", self._associations,
                  methods=["POST"]),
            Route("/crm/v3/properties/{object_type}/{name}", self._property, methods=["GET"]),
            Route("/crm/v3/pipelines/{object_type}", self._pipelines, methods=["GET"]),
        ]
        self._routes = Starlette(routes=routes)
        self.app = FaultInjector(self._gate, self._faults, HubSpotFaultBodies())

    @property
    def faults(self) -> Faults:
        return self._faults

    @faults.setter
    def faults(self, value: Faults) -> None:
        """Swap the faults (the running app picks them up at once)."""
        self._faults = value
        self.app.faults = value

    # -- clock -------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        ms = self._frozen if self._frozen is not None else self._clock_ms
        return datetime.fromtimestamp(ms / 1000, UTC)

    def set_clock(self, when: datetime, *, freeze: bool = False) -> None:
        """The next write is stamped `when`; with `freeze`, every write is, until the clock
        is set again (to make objects share a modification time)."""
        self._frozen = _ms(when) if freeze else None
        self._clock_ms = _ms(when) - (0 if freeze else 1)

    def advance(self, seconds: float) -> None:
        self._clock_ms += int(seconds * 1000)
        if self._frozen is not None:
            self._frozen += int(seconds * 1000)

    def _tick(self) -> int:
        if self._frozen is not None:
            return self._frozen
        self._clock_ms += 1
        return self._clock_ms

    # -- seeding and changes -----------------------------------------------------------

    def _table(self, object_type: str) -> ObjectTable:
        try:
            return self.tables[ALIASES[object_type]]
        except KeyError:
            raise ValueError(f"unknown HubSpot object type {object_type!r}") from None

    def _put(self, object_type: str, object_id: str | None, properties: Mapping[str, object],
             company_ids: Iterable[str] | None) -> str:
        key = int(object_id) if object_id is not None else None
        return str(self._table(object_type).put(key, properties, company_ids, self._tick()).id)

    def put_company(self, id: str | None = None,
                    properties: Mapping[str, object] | None = None) -> str:
        """Create (id None or unknown) or update a company; returns its id."""
        return self._put("companies", id, properties or {}, None)

    def put_contact(self, id: str | None = None, properties: Mapping[str, object] | None = None,
                    company_ids: Iterable[str] | None = None) -> str:
        """Create or update a contact. `company_ids` None keeps its associations."""
        return self._put("contacts", id, properties or {}, company_ids)

    def put_deal(self, id: str | None = None, properties: Mapping[str, object] | None = None,
                 company_ids: Iterable[str] | None = None) -> str:
        return self._put("deals", id, properties or {}, company_ids)

    def archive(self, object_type: str, id: str) -> bool:
        """Archive (HubSpot's delete) an object: gone from lists, search and reads."""
        return self._table(object_type).archive(int(id), self._tick())

    def bulk_load(self, companies: Iterable[Mapping[str, Any]] = (),
                  contacts: Iterable[Mapping[str, Any]] = (),
                  deals: Iterable[Mapping[str, Any]] = ()) -> dict[str, list[str]]:
        """Fast seeding. Each item: {"id"?, "properties": {...}, "company_ids"?: [...],
        "createdAt"?, "updatedAt"?} (without "properties", the item's other keys are the
        properties). Items without `updatedAt` take the sandbox clock. Returns ids by type."""
        loaded: dict[str, list[str]] = {}
        for object_type, items in (("companies", companies), ("contacts", contacts),
                                   ("deals", deals)):
            rows = []
            for item in items:
                props = item.get("properties")
                if props is None:
                    props = {k: v for k, v in item.items()
                             if k not in ("id", "company_ids", "createdAt", "updatedAt")}
                values = clean(props)
                created_text = values.pop("createdate", None) or item.get("createdAt")
                for system in ("hs_object_id", MOD_PROP[object_type]):
                    values.pop(system, None)
                updated = to_ms(item.get("updatedAt"))
                updated_ms = updated if updated is not None else self._tick()
                created = to_ms(created_text)
                raw_id = item.get("id")
                rows.append((int(raw_id) if raw_id is not None else None, values,
                             [str(c) for c in item.get("company_ids") or ()],
                             created if created is not None else updated_ms, updated_ms))
            added = self.tables[object_type].bulk(rows) if rows else []
            loaded[object_type] = [str(i) for i in added]
        return loaded

    def set_lifecycle_options(self, stages: Iterable[Mapping[str, Any] | str]) -> None:
        """The portal's lifecycle stages (shared by contacts and companies), as HubSpot's
        option objects ({"label", "value", "displayOrder", "hidden"}) or bare values."""
        result = []
        for order, stage in enumerate(stages):
            if isinstance(stage, str):
                stage = {"label": stage.title(), "value": stage}
            result.append({"label": stage.get("label", stage["value"]), "value": stage["value"],
                           "description": stage.get("description", ""),
                           "displayOrder": stage.get("displayOrder", order),
                           "hidden": bool(stage.get("hidden", False))})
        self.lifecycle_options = result

    def set_deal_pipelines(self, pipelines: Iterable[Mapping[str, Any]]) -> None:
        """Replace the deal pipelines (HubSpot's pipeline JSON, stages included)."""
        self.deal_pipelines = [dict(p) for p in pipelines]

    def count(self, object_type: str) -> int:
        return len(self._table(object_type))

    def object_json(self, object_type: str, id: str) -> dict[str, Any] | None:
        """An object as `GET /crm/v3/objects/{type}/{id}?associations=companies` returns it
        with the default properties plus every property it has."""
        table = self._table(object_type)
        obj = table.live(int(id))
        if obj is None:
            return None
        names = [*DEFAULT_PROPERTIES[table.object_type], *obj.properties]
        return self._render(table, obj, names, assoc=True)

    # -- HTTP ------------------------------------------------------------------------------

    def _meter(self) -> tuple[dict[str, str], str | None]:
        """Count one request against the budgets: the rate-limit headers and the policy
        that refuses it (None when it may go ahead)."""
        now = self.rate_clock()
        horizon = now - self.interval_ms / 1000
        while self._window and self._window[0] <= horizon:
            self._window.popleft()
        policy: str | None = None
        if self.daily_used >= self.rate_limit_daily:
            policy = "DAILY"
        elif len(self._window) >= self.rate_limit_max:
            policy = "TEN_SECONDLY_ROLLING"
        else:
            self._window.append(now)
            self.daily_used += 1
        if policy is not None:
            self.rejected[policy] = self.rejected.get(policy, 0) + 1
        headers = {
            "X-HubSpot-RateLimit-Daily": str(self.rate_limit_daily),
            "X-HubSpot-RateLimit-Daily-Remaining": str(max(0, self.rate_limit_daily
                                                           - self.daily_used)),
            "X-HubSpot-RateLimit-Interval-Milliseconds": str(self.interval_ms),
            "X-HubSpot-RateLimit-Max": str(self.rate_limit_max),
            "X-HubSpot-RateLimit-Remaining": str(max(0, self.rate_limit_max
                                                     - len(self._window))),
        }
        return headers, policy

    async def _gate(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Authentication and rate limits in front of the routes."""
        if scope["type"] != "http":
            await self._routes(scope, receive, send)
            return
        auth = dict(scope.get("headers") or []).get(b"authorization", b"").decode()
        if auth != f"Bearer {self.access_token}":
            response: Response = error(401, AUTH_MESSAGE, "INVALID_AUTHENTICATION")
            await response(scope, receive, send)
            return
        headers, policy = self._meter()
        if policy is not None:
            response = JSONResponse(rate_limit_body(policy), status_code=429, headers=headers)
            await response(scope, receive, send)
            return
        extra = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self._routes(scope, receive, send_with_headers)

    def _object_table(self, request: Request) -> ObjectTable | None:
        name = ALIASES.get(request.path_params["object_type"])
        return self.tables[name] if name is not None else None

    def _render(self, table: ObjectTable, obj: StoredObject, names: Iterable[str] | None,
                *, assoc: bool) -> dict[str, Any]:
        wanted = list(DEFAULT_PROPERTIES[table.object_type] if names is None else names)
        values = table.values(obj, [*wanted, "createdate", table.mod_prop, "hs_object_id"])
        company_ids = obj.company_ids if assoc and table.object_type != "companies" else None
        return render_object(table.object_type, obj.id, values, wanted, obj.created_ms,
                             obj.updated_ms, company_ids, archived=obj.archived)

    @staticmethod
    def _unknown_type(request: Request) -> Response:
        name = request.path_params.get("object_type") or request.path_params.get("from_type")
        return error(400, f"Unable to infer object type from: {name}", "VALIDATION_ERROR")

    async def _list(self, request: Request) -> Response:
        table = self._object_table(request)
        if table is None:
            return self._unknown_type(request)
        query = request.query_params
        try:
            limit = min(max(int(query.get("limit", "10")), 1), MAX_LIST_LIMIT)
            after = int(query["after"]) if query.get("after") else None
        except ValueError:
            return error(400, "limit and after must be integers", "VALIDATION_ERROR")
        names = _csv(query.getlist("properties")) if "properties" in query else None
        assoc = "companies" in _csv(query.getlist("associations"))
        archived = query.get("archived", "false").lower() == "true"
        objs, next_after = (table.archived_page if archived else table.list_page)(after, limit)
        body: dict[str, Any] = {"results": [self._render(table, o, names, assoc=assoc)
                                            for o in objs]}
        if next_after is not None:
            body["paging"] = {"next": {"after": str(next_after), "link": f"?after={next_after}"}}
        return JSONResponse(body)

    async def _get(self, request: Request) -> Response:
        table = self._object_table(request)
        if table is None:
            return self._unknown_type(request)
        raw_id = request.path_params["object_id"]
        obj = table.live(int(raw_id)) if raw_id.isdigit() else None
        if obj is None:
            return error(404, "Object not found.  objectId are usually numeric.",
                         "OBJECT_NOT_FOUND", context={"id": [raw_id]})
        query = request.query_params
        names = _csv(query.getlist("properties")) if "properties" in query else None
        assoc = "companies" in _csv(query.getlist("associations"))
        return JSONResponse(self._render(table, obj, names, assoc=assoc))

    async def _search(self, request: Request) -> Response:
        table = self._object_table(request)
        if table is None:
            return self._unknown_type(request)
        try:
            search = parse_request(await request.json())
            objs, total = run(table, search)
        except ValueError:
            return error(400, "Invalid input JSON on line 1", "VALIDATION_ERROR")
        except SearchRejected as exc:
            return error(400, str(exc), "VALIDATION_ERROR")
        body: dict[str, Any] = {"total": total, "results": [
            self._render(table, o, search.properties, assoc=False) for o in objs]}
        next_after = search.after + len(objs)
        if objs and next_after < total:
            body["paging"] = {"next": {"after": str(next_after), "link": f"?after={next_after}"}}
        return JSONResponse(body)

    async def _associations(self, request: Request) -> Response:
        from_type = ALIASES.get(request.path_params["from_type"])
        if from_type not in ("contacts", "deals") \
                or ALIASES.get(request.path_params["to_type"]) != "companies":
            return self._unknown_type(request)
        started = iso(self._clock_ms)
        try:
            body = await request.json()
            inputs = [str(item["id"]) for item in body["inputs"]]
        except (ValueError, KeyError, TypeError):
            return error(400, "Invalid input JSON: inputs[].id is required", "VALIDATION_ERROR")
        if len(inputs) > MAX_BATCH_INPUTS:
            return error(400, f"Batch size cannot exceed {MAX_BATCH_INPUTS}", "VALIDATION_ERROR")
        table = self.tables[from_type]
        results: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for object_id in dict.fromkeys(inputs):
            obj = table.live(int(object_id)) if object_id.isdigit() else None
            if obj is not None and obj.company_ids:
                results.append({"from": {"id": object_id},
                                "to": association_refs(from_type, obj.company_ids)})
            else:
                errors.append({
                    "status": "error", "category": "OBJECT_NOT_FOUND",
                    "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
                    "message": f"No company is associated with {SINGULAR[from_type]} "
                               f"{object_id}.",
                    "context": {"fromObjectId": [object_id]}})
        payload: dict[str, Any] = {"status": "COMPLETE", "results": results,
                                   "startedAt": started, "completedAt": started}
        if errors:
            payload.update(numErrors=len(errors), errors=errors)
        return JSONResponse(payload, status_code=207 if errors else 200)

    async def _property(self, request: Request) -> Response:
        table = self._object_table(request)
        if table is None:
            return self._unknown_type(request)
        name = request.path_params["name"]
        object_type = table.object_type
        if name == "lifecyclestage" and object_type in ("companies", "contacts"):
            return JSONResponse(property_definition(object_type, name, self.lifecycle_options))
        if name == "hs_lead_status" and object_type == "contacts":
            return JSONResponse(property_definition(object_type, name, self.lead_status_options))
        return error(404, f"Unable to find property {name} for object type {object_type}",
                     "OBJECT_NOT_FOUND")

    async def _pipelines(self, request: Request) -> Response:
        if ALIASES.get(request.path_params["object_type"]) != "deals":
            return error(400, "Pipelines are only supported for deals and tickets here",
                         "VALIDATION_ERROR")
        return JSONResponse({"results": self.deal_pipelines})
