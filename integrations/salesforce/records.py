"""Typed Salesforce records, parsed from the REST API's JSON (query rows, sobject rows and
webhook payloads alike).

Salesforce sends each record with an `attributes` object ({type, url}), datetimes as
`2024-05-01T12:00:00.000+0000`, dates as `2024-05-01`, numbers as JSON numbers and null for
empty fields. Optional fields may be missing or null; required fields (Id, the audit dates,
Name, StageName...) missing or malformed raise `RecordError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

R = TypeVar("R", covariant=True)


class RecordError(ValueError):
    """A record is missing a required field or carries a value of the wrong type."""


# -- records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SfAccount:
    id: str
    name: str
    website: str | None
    industry: str | None
    billing_country: str | None
    type: str | None
    created_date: datetime
    system_modstamp: datetime


@dataclass(frozen=True, slots=True)
class SfContact:
    id: str
    account_id: str | None
    email: str | None
    first_name: str | None
    last_name: str | None
    created_date: datetime
    system_modstamp: datetime


@dataclass(frozen=True, slots=True)
class SfLead:
    id: str
    email: str | None
    first_name: str | None
    last_name: str | None
    company: str | None
    status: str
    lead_source: str | None
    is_converted: bool
    converted_account_id: str | None
    converted_date: date | None
    created_date: datetime
    system_modstamp: datetime


@dataclass(frozen=True, slots=True)
class SfOpportunity:
    id: str
    account_id: str | None
    name: str
    amount: Decimal | None
    stage_name: str
    probability: float | None
    forecast_category_name: str | None
    close_date: date
    is_closed: bool
    is_won: bool
    created_date: datetime
    system_modstamp: datetime


@dataclass(frozen=True, slots=True)
class SfOpportunityHistory:
    id: str
    opportunity_id: str
    stage_name: str
    amount: Decimal | None
    close_date: date | None
    created_date: datetime
    system_modstamp: datetime


SfRecord = SfAccount | SfContact | SfLead | SfOpportunity | SfOpportunityHistory


@dataclass(frozen=True, slots=True)
class DeletedRecord:
    id: str
    sobject: str
    system_modstamp: datetime


@dataclass(frozen=True, slots=True)
class OpportunityStageInfo:
    label: str
    api_name: str
    probability: float | None
    is_closed: bool
    is_won: bool
    forecast_category: str | None  # ForecastCategoryName: Pipeline, Best Case, Commit...
    sort_order: int


@dataclass(frozen=True, slots=True)
class LeadStatusInfo:
    label: str
    api_name: str
    is_converted: bool
    sort_order: int


# -- field readers -----------------------------------------------------------------------

Row = Mapping[str, Any]


def _missing(row: Row, key: str) -> RecordError:
    return RecordError(f"{_type(row)} {row.get('Id')!r}: {key} is missing or null")


def _type(row: Row) -> str:
    attributes = row.get("attributes")
    if isinstance(attributes, Mapping) and isinstance(attributes.get("type"), str):
        return str(attributes["type"])
    return "record"


def _opt_str(row: Row, key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{_type(row)} {row.get('Id')!r}: {key} is not a string")
    return value


def _str(row: Row, key: str) -> str:
    value = _opt_str(row, key)
    if value is None:
        raise _missing(row, key)
    return value


def _bool(row: Row, key: str) -> bool:
    value = row.get(key)
    if not isinstance(value, bool):
        raise _missing(row, key) if value is None else RecordError(
            f"{_type(row)} {row.get('Id')!r}: {key} is not a boolean")
    return value


def _opt_decimal(row: Row, key: str) -> Decimal | None:
    value = row.get(key)
    if value is None:
        return None
    number: Decimal | None = None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float | str) and not isinstance(value, bool):
        # str() of a float is its shortest round-tripping form: 1234.56, not 1234.559999...
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise RecordError(f"{_type(row)} {row.get('Id')!r}: {key} is not a number")
    return number


def _opt_float(row: Row, key: str) -> float | None:
    number = _opt_decimal(row, key)
    return float(number) if number is not None else None


def _int(row: Row, key: str) -> int:
    number = _opt_decimal(row, key)
    if number is None:
        raise _missing(row, key)
    return int(number)


def parse_datetime(text: str) -> datetime:
    """A Salesforce datetime (`2024-05-01T12:00:00.000+0000`, or with `Z`) as aware UTC."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"datetime without a time zone: {text!r}")
    return value.astimezone(UTC)


def _opt_datetime(row: Row, key: str) -> datetime | None:
    text = _opt_str(row, key)
    if text is None:
        return None
    try:
        return parse_datetime(text)
    except ValueError as exc:
        raise RecordError(f"{_type(row)} {row.get('Id')!r}: {key} is not a datetime") from exc


def _datetime(row: Row, key: str) -> datetime:
    value = _opt_datetime(row, key)
    if value is None:
        raise _missing(row, key)
    return value


def _opt_date(row: Row, key: str) -> date | None:
    text = _opt_str(row, key)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise RecordError(f"{_type(row)} {row.get('Id')!r}: {key} is not a date") from exc


def _date(row: Row, key: str) -> date:
    value = _opt_date(row, key)
    if value is None:
        raise _missing(row, key)
    return value


# -- parsers -------------------------------------------------------------------------------


def parse_account(row: Row) -> SfAccount:
    return SfAccount(
        id=_str(row, "Id"), name=_str(row, "Name"), website=_opt_str(row, "Website"),
        industry=_opt_str(row, "Industry"), billing_country=_opt_str(row, "BillingCountry"),
        type=_opt_str(row, "Type"), created_date=_datetime(row, "CreatedDate"),
        system_modstamp=_datetime(row, "SystemModstamp"),
    )


def parse_contact(row: Row) -> SfContact:
    return SfContact(
        id=_str(row, "Id"), account_id=_opt_str(row, "AccountId"), email=_opt_str(row, "Email"),
        first_name=_opt_str(row, "FirstName"), last_name=_opt_str(row, "LastName"),
        created_date=_datetime(row, "CreatedDate"),
        system_modstamp=_datetime(row, "SystemModstamp"),
    )


def parse_lead(row: Row) -> SfLead:
    return SfLead(
        id=_str(row, "Id"), email=_opt_str(row, "Email"), first_name=_opt_str(row, "FirstName"),
        last_name=_opt_str(row, "LastName"), company=_opt_str(row, "Company"),
        status=_str(row, "Status"), lead_source=_opt_str(row, "LeadSource"),
        is_converted=_bool(row, "IsConverted"),
        converted_account_id=_opt_str(row, "ConvertedAccountId"),
        converted_date=_opt_date(row, "ConvertedDate"),
        created_date=_datetime(row, "CreatedDate"),
        system_modstamp=_datetime(row, "SystemModstamp"),
    )


def parse_opportunity(row: Row) -> SfOpportunity:
    return SfOpportunity(
        id=_str(row, "Id"), account_id=_opt_str(row, "AccountId"), name=_str(row, "Name"),
        amount=_opt_decimal(row, "Amount"), stage_name=_str(row, "StageName"),
        probability=_opt_float(row, "Probability"),
        forecast_category_name=_opt_str(row, "ForecastCategoryName"),
        close_date=_date(row, "CloseDate"), is_closed=_bool(row, "IsClosed"),
        is_won=_bool(row, "IsWon"), created_date=_datetime(row, "CreatedDate"),
        system_modstamp=_datetime(row, "SystemModstamp"),
    )


def parse_opportunity_history(row: Row) -> SfOpportunityHistory:
    return SfOpportunityHistory(
        id=_str(row, "Id"), opportunity_id=_str(row, "OpportunityId"),
        stage_name=_str(row, "StageName"), amount=_opt_decimal(row, "Amount"),
        close_date=_opt_date(row, "CloseDate"), created_date=_datetime(row, "CreatedDate"),
        system_modstamp=_datetime(row, "SystemModstamp"),
    )


def parse_deleted(row: Row, sobject: str | None = None) -> DeletedRecord:
    """A queryAll row of a deleted record (Id, SystemModstamp). The sobject comes from
    `attributes.type` unless given."""
    name = sobject or (_type(row) if _type(row) != "record" else None)
    if name is None:
        raise RecordError(f"deleted record {row.get('Id')!r}: no sobject type")
    return DeletedRecord(id=_str(row, "Id"), sobject=name,
                         system_modstamp=_datetime(row, "SystemModstamp"))


def parse_opportunity_stage(row: Row) -> OpportunityStageInfo:
    return OpportunityStageInfo(
        label=_str(row, "MasterLabel"), api_name=_str(row, "ApiName"),
        probability=_opt_float(row, "DefaultProbability"), is_closed=_bool(row, "IsClosed"),
        is_won=_bool(row, "IsWon"), forecast_category=_opt_str(row, "ForecastCategoryName"),
        sort_order=_int(row, "SortOrder"),
    )


def parse_lead_status(row: Row) -> LeadStatusInfo:
    return LeadStatusInfo(
        label=_str(row, "MasterLabel"), api_name=_str(row, "ApiName"),
        is_converted=_bool(row, "IsConverted"), sort_order=_int(row, "SortOrder"),
    )


# -- sobject descriptors ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SObject(Generic[R]):
    """An sobject the client reads: its API name, the fields it selects, its parser."""

    name: str
    fields: tuple[str, ...]
    parse: Callable[[Row], R]


ACCOUNT = SObject("Account", (
    "Id", "Name", "Website", "Industry", "BillingCountry", "Type", "CreatedDate",
    "SystemModstamp"), parse_account)
CONTACT = SObject("Contact", (
    "Id", "AccountId", "Email", "FirstName", "LastName", "CreatedDate", "SystemModstamp"),
    parse_contact)
LEAD = SObject("Lead", (
    "Id", "Email", "FirstName", "LastName", "Company", "Status", "LeadSource", "IsConverted",
    "ConvertedAccountId", "ConvertedDate", "CreatedDate", "SystemModstamp"), parse_lead)
OPPORTUNITY = SObject("Opportunity", (
    "Id", "AccountId", "Name", "Amount", "StageName", "Probability", "ForecastCategoryName",
    "CloseDate", "IsClosed", "IsWon", "CreatedDate", "SystemModstamp"), parse_opportunity)
OPPORTUNITY_HISTORY = SObject("OpportunityHistory", (
    "Id", "OpportunityId", "StageName", "Amount", "CloseDate", "CreatedDate",
    "SystemModstamp"), parse_opportunity_history)

SOBJECTS: dict[str, SObject[Any]] = {
    s.name: s for s in (ACCOUNT, CONTACT, LEAD, OPPORTUNITY, OPPORTUNITY_HISTORY)
}

OPPORTUNITY_STAGE_FIELDS = ("MasterLabel", "ApiName", "DefaultProbability", "IsClosed",
                            "IsWon", "ForecastCategoryName", "SortOrder")
LEAD_STATUS_FIELDS = ("MasterLabel", "ApiName", "IsConverted", "SortOrder")


def parse_record(sobject: str, row: Row) -> SfRecord:
    """Parse a row of one of the synced sobjects by its API name."""
    descriptor = SOBJECTS.get(sobject)
    if descriptor is None:
        raise RecordError(f"unsupported sobject {sobject!r}")
    record: SfRecord = descriptor.parse(row)
    return record
