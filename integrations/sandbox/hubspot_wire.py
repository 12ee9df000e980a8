"""HubSpot's wire format for the sandbox: error bodies, rate-limit headers, the standard
lifecycle-stage options and deal pipeline, and how an object is rendered as CRM v3 JSON."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.responses import JSONResponse

OBJECT_TYPES = ("companies", "contacts", "deals")
ALIASES = {
    "companies": "companies", "company": "companies", "0-2": "companies",
    "contacts": "contacts", "contact": "contacts", "0-1": "contacts",
    "deals": "deals", "deal": "deals", "0-3": "deals",
}
MOD_PROP = {"companies": "hs_lastmodifieddate", "contacts": "lastmodifieddate",
            "deals": "hs_lastmodifieddate"}
SINGULAR = {"companies": "company", "contacts": "contact", "deals": "deal"}
# What a list or search returns when the request names no properties.
DEFAULT_PROPERTIES = {
    "companies": ("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"),
    "contacts": ("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate",
                 "lastname"),
    "deals": ("amount", "closedate", "createdate", "dealname", "dealstage",
              "hs_lastmodifieddate", "hs_object_id", "pipeline"),
}

AUTH_MESSAGE = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and "
    "you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)

STANDARD_LIFECYCLE = (
    ("subscriber", "Subscriber"), ("lead", "Lead"),
    ("marketingqualifiedlead", "Marketing Qualified Lead"),
    ("salesqualifiedlead", "Sales Qualified Lead"), ("opportunity", "Opportunity"),
    ("customer", "Customer"), ("evangelist", "Evangelist"), ("other", "Other"),
)
STANDARD_LEAD_STATUS = (
    ("NEW", "New"), ("OPEN", "Open"), ("IN_PROGRESS", "In Progress"),
    ("OPEN_DEAL", "Open Deal"), ("UNQUALIFIED", "Unqualified"),
    ("ATTEMPTED_TO_CONTACT", "Attempted to Contact"), ("CONNECTED", "Connected"),
    ("BAD_TIMING", "Bad Timing"),
)
STANDARD_DEAL_STAGES = (
    ("appointmentscheduled", "Appointment Scheduled", "0.2", "false"),
    ("qualifiedtobuy", "Qualified To Buy", "0.4", "false"),
    ("presentationscheduled", "Presentation Scheduled", "0.6", "false"),
    ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", "false"),
    ("contractsent", "Contract Sent", "0.9", "false"),
    ("closedwon", "Closed Won", "1.0", "true"),
    ("closedlost", "Closed Lost", "0.0", "true"),
)
EPOCH_ISO = "2019-01-01T00:00:00.000Z"


def iso(ms: int) -> str:
    """Epoch milliseconds as HubSpot writes timestamps: `2024-01-31T09:15:02.123Z`."""
    seconds, millis = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def options(pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"label": label, "value": value, "description": "", "displayOrder": order,
             "hidden": False} for order, (value, label) in enumerate(pairs)]


def standard_pipeline() -> dict[str, Any]:
    stages = [{
        "label": label, "displayOrder": order,
        "metadata": {"isClosed": closed, "probability": probability},
        "id": stage_id, "createdAt": EPOCH_ISO, "updatedAt": EPOCH_ISO, "archived": False,
        "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT",
    } for order, (stage_id, label, probability, closed) in enumerate(STANDARD_DEAL_STAGES)]
    return {"label": "Sales Pipeline", "displayOrder": 0, "id": "default", "stages": stages,
            "createdAt": EPOCH_ISO, "updatedAt": EPOCH_ISO, "archived": False}


def property_definition(object_type: str, name: str,
                        option_list: list[dict[str, Any]]) -> dict[str, Any]:
    label = {"lifecyclestage": "Lifecycle Stage", "hs_lead_status": "Lead Status"}[name]
    group = "companyinformation" if object_type == "companies" else "contactinformation"
    return {
        "updatedAt": EPOCH_ISO, "createdAt": EPOCH_ISO, "name": name, "label": label,
        "type": "enumeration", "fieldType": "radio" if name == "lifecyclestage" else "select",
        "description": "", "groupName": group, "options": option_list, "displayOrder": -1,
        "calculated": False, "externalOptions": False, "archived": False,
        "hasUniqueValue": False, "hidden": False, "hubspotDefined": True,
        "modificationMetadata": {"archivable": True, "readOnlyDefinition": True,
                                 "readOnlyValue": False},
        "formField": True, "dataSensitivity": "non_sensitive",
    }


def render_object(object_type: str, object_id: int, values: Mapping[str, str | None],
                  properties: Iterable[str] | None, created_ms: int, updated_ms: int,
                  company_ids: list[str] | None, archived: bool = False) -> dict[str, Any]:
    """One object as the v3 objects/search endpoints return it. `values` maps every
    property the object has (system ones included); named but unset properties are null.
    `company_ids` is None when associations were not asked for."""
    names = DEFAULT_PROPERTIES[object_type] if properties is None else properties
    props: dict[str, str | None] = {name: values.get(name) for name in names}
    for always in ("createdate", MOD_PROP[object_type], "hs_object_id"):
        props[always] = values.get(always)
    body: dict[str, Any] = {"id": str(object_id), "properties": props,
                            "createdAt": iso(created_ms), "updatedAt": iso(updated_ms),
                            "archived": archived}
    if archived:
        body["archivedAt"] = iso(updated_ms)
    if company_ids:
        body["associations"] = {"companies": {"results": association_refs(object_type,
                                                                          company_ids)}}
    return body


def association_refs(object_type: str, company_ids: list[str]) -> list[dict[str, str]]:
    """v3 association references with labels on: the first company is the primary one
    (`contact_to_company`), and every company also appears as `..._unlabeled`."""
    kind = f"{SINGULAR[object_type]}_to_company"
    refs = [{"id": company_ids[0], "type": kind}]
    refs += [{"id": cid, "type": f"{kind}_unlabeled"} for cid in company_ids]
    return refs


def error(status: int, message: str, category: str, **extra: Any) -> JSONResponse:
    body = {"status": "error", "message": message, "correlationId": str(uuid.uuid4()),
            "category": category, **extra}
    return JSONResponse(body, status_code=status)


def rate_limit_body(policy: str) -> dict[str, Any]:
    text = {"DAILY": "daily", "SECONDLY": "secondly"}.get(policy, "ten_secondly_rolling")
    return {"status": "error", "message": f"You have reached your {text} limit.",
            "errorType": "RATE_LIMIT", "correlationId": str(uuid.uuid4()),
            "policyName": policy}


class HubSpotFaultBodies:
    """`FaultBodies` in HubSpot's wire format. `request_limit` (the injector's
    `request_limit_exceeded` switch) is HubSpot's daily limit: a 429 with policy DAILY."""

    def rate_limited(self, retry_after: float) -> tuple[int, dict[str, str], Any]:
        seconds = int(retry_after) if float(retry_after).is_integer() else retry_after
        headers = {"Retry-After": str(seconds)} if retry_after > 0 else {}
        return 429, headers, rate_limit_body("TEN_SECONDLY_ROLLING")

    def server_error(self) -> tuple[int, dict[str, str], Any]:
        return 502, {}, {"status": "error", "message": "Bad Gateway",
                         "correlationId": str(uuid.uuid4()), "category": "BAD_GATEWAY"}

    def request_limit(self) -> tuple[int, dict[str, str], Any] | None:
        return 429, {}, rate_limit_body("DAILY")
