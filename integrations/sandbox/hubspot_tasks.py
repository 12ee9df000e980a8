"""Tasks for the HubSpot sandbox: `POST /crm/v3/objects/tasks` as HubSpot answers it
(201 with the created object; 400 VALIDATION_ERROR for a missing `hs_timestamp`, an
invalid status or priority, or an association HubSpot would refuse)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from integrations.sandbox.hubspot_store import ObjectTable, clean, to_ms
from integrations.sandbox.hubspot_wire import error, iso

FIRST_TASK_ID = 4_000_001
TASK_TO_COMPANY = 192
STATUSES = ("NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED")
PRIORITIES = ("NONE", "LOW", "MEDIUM", "HIGH")


@dataclass
class StoredTask:
    id: str
    properties: dict[str, str | None]
    company_ids: list[str] = field(default_factory=list)
    created_ms: int = 0


class TaskTable:
    """Created tasks by id, with the companies each is associated with."""

    def __init__(self, companies: ObjectTable, tick: Callable[[], int]) -> None:
        self._companies = companies
        self._tick = tick
        self._next = FIRST_TASK_ID
        self.tasks: dict[str, StoredTask] = {}

    def for_company(self, company_id: str) -> list[StoredTask]:
        return [t for t in self.tasks.values() if company_id in t.company_ids]

    def _company_ids(self, associations: object) -> list[str]:
        if associations is None:
            return []
        if not isinstance(associations, list):
            raise ValueError("associations must be a list")
        found: list[str] = []
        for item in associations:
            to = item.get("to") if isinstance(item, dict) else None
            types = item.get("types") if isinstance(item, dict) else None
            if not isinstance(to, dict) or not isinstance(types, list) or not types:
                raise ValueError("each association needs to.id and types")
            for kind in types:
                if not isinstance(kind, dict) or kind.get("associationCategory") \
                        != "HUBSPOT_DEFINED" or kind.get("associationTypeId") != TASK_TO_COMPANY:
                    raise ValueError(f"association type {kind!r} is not supported here "
                                     f"(HUBSPOT_DEFINED {TASK_TO_COMPANY}: task to company)")
            company = str(to.get("id", ""))
            if not company.isdigit() or self._companies.live(int(company)) is None:
                raise LookupError(f"company {company} does not exist")
            found.append(company)
        return found

    async def create(self, request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return error(400, "Invalid input JSON on line 1", "VALIDATION_ERROR")
        props = body.get("properties") if isinstance(body, dict) else None
        if not isinstance(props, dict):
            return error(400, "properties is required", "VALIDATION_ERROR")
        values = clean(props)
        problems = []
        if to_ms(values.get("hs_timestamp")) is None:
            problems.append("hs_timestamp is required (the task's due date)")
        if values.get("hs_task_status", "NOT_STARTED") not in STATUSES:
            problems.append(f"{values.get('hs_task_status')} is not a valid hs_task_status")
        if values.get("hs_task_priority", "NONE") not in PRIORITIES:
            problems.append(f"{values.get('hs_task_priority')} is not a valid hs_task_priority")
        if problems:
            return error(400, "Property values were not valid: " + "; ".join(problems),
                         "VALIDATION_ERROR")
        try:
            companies = self._company_ids(body.get("associations"))
        except LookupError as exc:
            return error(400, str(exc), "VALIDATION_ERROR", subCategory="INVALID_OBJECT_IDS")
        except ValueError as exc:
            return error(400, str(exc), "VALIDATION_ERROR")
        now = self._tick()
        task_id = str(self._next)
        self._next += 1
        values.setdefault("hs_task_status", "NOT_STARTED")
        self.tasks[task_id] = StoredTask(task_id, values, companies, now)
        return JSONResponse(render(self.tasks[task_id]), status_code=201)


def render(task: StoredTask) -> dict[str, Any]:
    stamp = iso(task.created_ms)
    properties = {**task.properties, "hs_createdate": stamp, "hs_lastmodifieddate": stamp,
                  "hs_object_id": task.id}
    return {"id": task.id, "properties": properties, "createdAt": stamp, "updatedAt": stamp,
            "archived": False}
