"""Typed HubSpot CRM records, parsed from CRM v3 JSON by module-level `parse_*` functions
(list, search and single-object responses alike, so a webhook's re-fetch parses the same).

HubSpot sends every property value as a string (or null): dates as ISO-8601 with
milliseconds and `Z` (older portals and some properties: epoch milliseconds), numbers as
decimal strings. Missing or null optional fields parse to None; a record without an id or
without its timestamps is not a record (`ValueError`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class PropertyOption:
    value: str  # the internal value records carry (e.g. "marketingqualifiedlead")
    label: str
    display_order: int
    hidden: bool


@dataclass(frozen=True, slots=True)
class DealStage:
    id: str  # the internal value deals carry in `dealstage`
    label: str
    display_order: int
    probability: float | None  # 0.0 .. 1.0
    is_closed: bool
    pipeline_id: str


@dataclass(frozen=True, slots=True)
class HubSpotCompany:
    id: str
    name: str | None
    domain: str | None
    lifecyclestage: str | None  # raw internal value
    industry: str | None
    country: str | None
    created_at: datetime
    updated_at: datetime
    archived: bool
    properties: dict[str, str | None]  # every property returned


@dataclass(frozen=True, slots=True)
class HubSpotContact:
    id: str
    email: str | None
    firstname: str | None
    lastname: str | None
    lifecyclestage: str | None
    lead_status: str | None  # hs_lead_status
    company_ids: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    archived: bool
    properties: dict[str, str | None]


@dataclass(frozen=True, slots=True)
class HubSpotDeal:
    id: str
    dealname: str | None
    amount: Decimal | None
    dealstage: str | None
    pipeline: str | None
    closedate: datetime | None
    company_ids: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    archived: bool
    properties: dict[str, str | None]


HubSpotRecord = HubSpotCompany | HubSpotContact | HubSpotDeal


def parse_datetime(value: object) -> datetime | None:
    """A UTC-aware datetime from HubSpot's forms (ISO-8601, date only, epoch ms), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _EPOCH + timedelta(milliseconds=value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.lstrip("-").isdigit():
        return _EPOCH + timedelta(milliseconds=int(text))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_properties(obj: Mapping[str, object]) -> dict[str, str | None]:
    raw = obj.get("properties")
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, str | None] = {}
    for name, value in raw.items():
        if value is None or isinstance(value, str):
            out[str(name)] = value
        elif isinstance(value, bool):
            out[str(name)] = "true" if value else "false"
        else:
            out[str(name)] = str(value)
    return out


def parse_company_ids(obj: Mapping[str, object]) -> tuple[str, ...]:
    """Associated company ids from `associations.companies.results` (v3 `id` or v4
    `toObjectId`), each once, in order; HubSpot lists a primary company twice (labelled
    and unlabelled)."""
    associations = obj.get("associations")
    if not isinstance(associations, Mapping):
        return ()
    companies = associations.get("companies")
    results = companies.get("results") if isinstance(companies, Mapping) else None
    if not isinstance(results, list):
        return ()
    ids: dict[str, None] = {}
    for ref in results:
        if isinstance(ref, Mapping):
            ref_id = ref.get("id", ref.get("toObjectId"))
            if ref_id is not None:
                ids[str(ref_id)] = None
    return tuple(ids)


def _text(props: Mapping[str, str | None], name: str) -> str | None:
    value = props.get(name)
    return value if value else None


def _common(obj: Mapping[str, object], mod_prop: str
            ) -> tuple[str, datetime, datetime, bool, dict[str, str | None]]:
    raw_id = obj.get("id", obj.get("objectId"))
    if raw_id is None or isinstance(raw_id, bool) or str(raw_id) == "":
        raise ValueError("HubSpot object without an id")
    props = parse_properties(obj)
    created = parse_datetime(obj.get("createdAt")) or parse_datetime(props.get("createdate"))
    updated = parse_datetime(obj.get("updatedAt")) or parse_datetime(props.get(mod_prop))
    if created is None or updated is None:
        raise ValueError(f"HubSpot object {raw_id} without createdAt/updatedAt")
    return str(raw_id), created, updated, obj.get("archived") is True, props


def parse_company(obj: Mapping[str, object]) -> HubSpotCompany:
    object_id, created, updated, archived, props = _common(obj, "hs_lastmodifieddate")
    return HubSpotCompany(
        id=object_id, name=_text(props, "name"), domain=_text(props, "domain"),
        lifecyclestage=_text(props, "lifecyclestage"), industry=_text(props, "industry"),
        country=_text(props, "country"), created_at=created, updated_at=updated,
        archived=archived, properties=props)


def parse_contact(obj: Mapping[str, object]) -> HubSpotContact:
    object_id, created, updated, archived, props = _common(obj, "lastmodifieddate")
    return HubSpotContact(
        id=object_id, email=_text(props, "email"), firstname=_text(props, "firstname"),
        lastname=_text(props, "lastname"), lifecyclestage=_text(props, "lifecyclestage"),
        lead_status=_text(props, "hs_lead_status"), company_ids=parse_company_ids(obj),
        created_at=created, updated_at=updated, archived=archived, properties=props)


def parse_deal(obj: Mapping[str, object]) -> HubSpotDeal:
    object_id, created, updated, archived, props = _common(obj, "hs_lastmodifieddate")
    return HubSpotDeal(
        id=object_id, dealname=_text(props, "dealname"),
        amount=parse_decimal(props.get("amount")), dealstage=_text(props, "dealstage"),
        pipeline=_text(props, "pipeline"), closedate=parse_datetime(props.get("closedate")),
        company_ids=parse_company_ids(obj), created_at=created, updated_at=updated,
        archived=archived, properties=props)


def _int(value: object, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    try:
        return int(str(value))
    except ValueError:
        return default


def _flag(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def parse_property_options(prop: Mapping[str, object]) -> tuple[PropertyOption, ...]:
    """A property definition's `options`, in display order."""
    raw = prop.get("options")
    found: list[PropertyOption] = []
    for option in raw if isinstance(raw, list) else ():
        if isinstance(option, Mapping) and option.get("value") is not None:
            value = str(option["value"])
            found.append(PropertyOption(value=value, label=str(option.get("label") or value),
                                        display_order=_int(option.get("displayOrder")),
                                        hidden=_flag(option.get("hidden"))))
    return tuple(sorted(found, key=lambda o: o.display_order))


def parse_deal_stages(body: Mapping[str, object]) -> tuple[DealStage, ...]:
    """Every stage of every pipeline in a `GET /crm/v3/pipelines/deals` body (or of one
    pipeline object), pipelines and stages in display order."""
    raw = body.get("results")
    pipelines = [p for p in raw if isinstance(p, Mapping)] if isinstance(raw, list) else [body]
    stages: list[DealStage] = []
    for pipeline in sorted(pipelines, key=lambda p: _int(p.get("displayOrder"))):
        pipeline_id = str(pipeline.get("id", ""))
        found: list[DealStage] = []
        raw_stages = pipeline.get("stages")
        for stage in raw_stages if isinstance(raw_stages, list) else ():
            if not isinstance(stage, Mapping) or stage.get("id") is None:
                continue
            metadata = stage.get("metadata")
            meta = metadata if isinstance(metadata, Mapping) else {}
            probability = parse_decimal(meta.get("probability"))
            found.append(DealStage(
                id=str(stage["id"]), label=str(stage.get("label") or stage["id"]),
                display_order=_int(stage.get("displayOrder")),
                probability=float(probability) if probability is not None else None,
                is_closed=_flag(meta.get("isClosed")), pipeline_id=pipeline_id))
        stages += sorted(found, key=lambda s: s.display_order)
    return tuple(stages)


TASK_TO_COMPANY = 192  # HubSpot-defined association type: task to company


def task_request(company_id: str, subject: str, body: str, due: datetime,
                 owner_id: str | None, priority: str) -> dict[str, Any]:
    """The body of `POST /crm/v3/objects/tasks` for a task on a company: due at `due`
    (`hs_timestamp`), `priority` LOW, MEDIUM or HIGH, associated to the company (type 192)."""
    properties = {"hs_timestamp": due.astimezone(UTC).isoformat(timespec="milliseconds")
                  .replace("+00:00", "Z"),
                  "hs_task_subject": subject, "hs_task_body": body,
                  "hs_task_status": "NOT_STARTED", "hs_task_priority": priority}
    if owner_id:
        properties["hubspot_owner_id"] = owner_id
    return {"properties": properties,
            "associations": [{"to": {"id": company_id}, "types": [
                {"associationCategory": "HUBSPOT_DEFINED",
                 "associationTypeId": TASK_TO_COMPANY}]}]}
