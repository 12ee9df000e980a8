"""The Salesforce sandbox's in-memory org: sobject tables, a settable clock, 18-character
ids, SystemModstamp ordering and query locators.

Each table keeps an append-only log of (SystemModstamp, Id) in write order. Every write
takes a strictly increasing SystemModstamp, so the log is sorted by (SystemModstamp, Id)
and a `SystemModstamp > t` query is one bisect plus a scan of the matching tail; a
superseded log entry is skipped (its id's live position is elsewhere) and the log is
compacted once half of it is stale. Stored rows are never mutated (a write stores a new
dict), so a query locator can hold references to the rows it matched.
"""

from __future__ import annotations

import gc
import time
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from integrations.sandbox.salesforce_schema import (
    DEFAULT_LEAD_STATUSES,
    DEFAULT_STAGES,
    FORECAST_NAMES,
    HISTORY_TRACKED,
    ORG_CREATED,
    PREFIXES,
    REQUIRED,
    SCHEMAS,
    SYSTEM,
)

Row = dict[str, Any]

_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"



def id18(id15: str) -> str:
    """Salesforce's case-safe 18-character form of a 15-character id."""
    suffix = ""
    for start in (0, 5, 10):
        bits = sum(1 << j for j, ch in enumerate(id15[start:start + 5]) if "A" <= ch <= "Z")
        suffix += _SUFFIX[bits]
    return id15 + suffix


@lru_cache(maxsize=64)
def _head(prefix: str) -> tuple[str, str]:
    head = prefix + "5g"
    return head, id18(head + "0" * 10)[15]


def make_id(prefix: str, number: int) -> str:
    """The `number`th id with a key prefix: 0015g0000000001AAA. (The serial part uses
    decimal digits only, so the case-safe suffix of its chunks is always "AA".)"""
    head, first = _head(prefix)
    return f"{head}{number:010d}{first}AA"


def to_ms(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError("the sandbox clock takes aware datetimes")
    return int(when.timestamp() * 1000)


@lru_cache(maxsize=8192)
def _second_text(second: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))


def format_ms(ms: int) -> str:
    """Salesforce's datetime wire form: 2024-05-01T12:00:00.000+0000."""
    second, milli = divmod(ms, 1000)
    return f"{_second_text(second)}.{milli:03d}+0000"


_PLAIN = frozenset({str, int, float, bool, type(None)})


def wire_value(value: Any) -> Any:
    """A Python value as Salesforce sends it: datetimes, dates and decimals converted."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, datetime):
        return format_ms(to_ms(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Clock:
    """The sandbox's time: frozen at `start` (default: now) until set or advanced."""

    def __init__(self, start: datetime | None = None) -> None:
        self.set(start or datetime.now(UTC))

    def now(self) -> datetime:
        return self._now

    def now_ms(self) -> int:
        return self._ms

    def set(self, when: datetime) -> None:
        self._ms = to_ms(when)
        self._now = when

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        self.set(self._now + timedelta(seconds=seconds, **delta))
        return self._now


@dataclass
class Table:
    name: str
    rows: dict[str, Row] = field(default_factory=dict)  # id -> live row
    log_ids: list[str] = field(default_factory=list)  # write order == modstamp order
    log_ms: list[int] = field(default_factory=list)
    pos: dict[str, int] = field(default_factory=dict)  # id -> index of its live entry

    def store(self, row: Row, ms: int) -> None:
        row_id = row["Id"]
        self.rows[row_id] = row
        self.pos[row_id] = len(self.log_ids)
        self.log_ids.append(row_id)
        self.log_ms.append(ms)
        if len(self.log_ids) > 1024 and len(self.log_ids) > 2 * len(self.rows):
            self._compact()

    def _compact(self) -> None:
        live = [(ms, i) for i, (i_id, ms) in enumerate(zip(self.log_ids, self.log_ms, strict=True))
                if self.pos[i_id] == i]
        self.log_ids = [self.log_ids[i] for _, i in live]
        self.log_ms = [ms for ms, _ in live]
        self.pos = {row_id: i for i, row_id in enumerate(self.log_ids)}

    def select(self, lo_ms: int | None, lo_inclusive: bool, hi_ms: int | None,
               hi_inclusive: bool, deleted: bool | None, include_deleted: bool) -> list[Row]:
        """Live rows in (SystemModstamp, Id) order within the bounds; `deleted` filters on
        IsDeleted; deleted rows only with `include_deleted` (queryAll)."""
        lo, hi = 0, len(self.log_ms)
        if lo_ms is not None:
            lo = (bisect_left if lo_inclusive else bisect_right)(self.log_ms, lo_ms)
        if hi_ms is not None:
            hi = (bisect_right if hi_inclusive else bisect_left)(self.log_ms, hi_ms)
        ids, pos, rows = self.log_ids, self.pos, self.rows
        out: list[Row] = []
        for i in range(lo, hi):
            row_id = ids[i]
            if pos[row_id] != i:
                continue
            row = rows[row_id]
            is_deleted = row["IsDeleted"]
            if (is_deleted and not include_deleted) or (deleted is not None
                                                        and is_deleted != deleted):
                continue
            out.append(row)
        return out


@dataclass(frozen=True)
class Locator:
    sobject: str
    fields: tuple[str, ...]
    rows: list[Row]  # the rows matched when the query ran


class SalesforceData:
    """The org's data and the test-facing methods to change it."""

    max_query_locators = 10  # like Salesforce: opening one more releases the oldest

    def __init__(self, *, auto_history: bool = True, clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        self.auto_history = auto_history
        self.tables = {name: Table(name) for name in SCHEMAS}
        self.locators: OrderedDict[str, Locator] = OrderedDict()
        self._fields = {name: frozenset(fields) for name, fields in SCHEMAS.items()}
        self._counters: dict[str, int] = {}
        self._last_ms = 0
        self._stages: dict[str, Row] | None = None
        self._histories: dict[str, list[str]] = {}
        now = self.clock.now()
        self.clock.set(ORG_CREATED)  # the default picklist values come with the org
        for order, (label, probability, closed, won, forecast) in enumerate(DEFAULT_STAGES, 1):
            self.put("OpportunityStage", {
                "MasterLabel": label, "ApiName": label, "IsActive": True, "SortOrder": order,
                "IsClosed": closed, "IsWon": won, "ForecastCategory": forecast,
                "ForecastCategoryName": FORECAST_NAMES[forecast],
                "DefaultProbability": float(probability)})
        for order, (label, converted, default) in enumerate(DEFAULT_LEAD_STATUSES, 1):
            self.put("LeadStatus", {"MasterLabel": label, "ApiName": label, "SortOrder": order,
                                    "IsConverted": converted, "IsDefault": default})
        self.clock.set(now)
        self._last_ms = 0  # the clock may now be set to any time after ORG_CREATED

    # -- test-facing writes -------------------------------------------------------------

    def put(self, sobject: str, record: Mapping[str, Any]) -> str:
        """Create (no "Id", or an unknown one) or update (a known "Id") a record given in
        Salesforce's field names; returns its 18-character id. SystemModstamp and
        LastModifiedDate come from the clock (strictly increasing); CreatedDate too unless
        given. Opportunities take IsClosed/IsWon (and, when the stage changes, Probability
        and ForecastCategoryName unless given) from their stage, and with `auto_history`
        write an OpportunityHistory row when stage, amount, close date, probability or
        forecast category change, as Salesforce does."""
        table = self._table(sobject)
        given = {k: wire_value(v) for k, v in record.items()}
        given.pop("attributes", None)
        unknown = given.keys() - self._fields[sobject]
        if unknown:
            raise ValueError(f"{sobject} has no field(s) {sorted(unknown)}")
        if given.keys() & SYSTEM:
            raise ValueError(f"{sorted(given.keys() & SYSTEM)} are set by the sandbox")
        row_id = given.get("Id")
        if row_id is not None:
            row_id = given["Id"] = self.normalize_id(row_id)
        old = table.rows.get(row_id) if row_id else None
        if old is not None and old["IsDeleted"]:
            raise ValueError(f"{sobject} {row_id} is deleted")
        if old is None:
            missing = [f for f in REQUIRED[sobject] if given.get(f) is None]
            if missing:
                raise ValueError(f"{sobject} needs {missing}")
        return self._write(sobject, table, old, given)

    def _write(self, sobject: str, table: Table, old: Row | None, given: Row) -> str:
        ms = self._next_ms(table)
        stamp = format_ms(ms)
        if old is None:
            row: Row = {"IsDeleted": False, "CreatedDate": stamp, **given}
            if row.get("Id") is None:
                row["Id"] = self._new_id(sobject)
            self._defaults(sobject, row)
        else:
            row = {**old, **given}
        row["SystemModstamp"] = stamp
        if sobject != "OpportunityHistory":
            row["LastModifiedDate"] = stamp
        if sobject == "Opportunity":
            self._derive_stage(old, row, given)
        table.store(row, ms)
        if sobject == "OpportunityStage":
            self._stages = None
        elif sobject == "OpportunityHistory":
            self._histories.setdefault(row["OpportunityId"], []).append(row["Id"])
        elif sobject == "Opportunity" and self.auto_history:
            self._record_history(old, row)
        return str(row["Id"])

    def bulk_load(self, sobject: str, records: Iterable[Mapping[str, Any]]) -> list[str]:
        """`put` for many records (seeding); returns their ids in order."""
        enabled = gc.isenabled()
        gc.disable()  # a cyclic collection every few hundred new dicts costs more than the load
        try:
            return [self.put(sobject, record) for record in records]
        finally:
            if enabled:
                gc.enable()

    def delete(self, sobject: str, record_id: str) -> None:
        """Move a record to the recycle bin: hidden from query and sobject reads, returned
        by queryAll with IsDeleted = true and a new SystemModstamp. Deleting an opportunity
        deletes its OpportunityHistory rows too."""
        table = self._table(sobject)
        record_id = self.normalize_id(record_id)
        old = table.rows.get(record_id)
        if old is None or old["IsDeleted"]:
            raise KeyError(f"no live {sobject} {record_id}")
        ms = self._next_ms(table)
        stamp = format_ms(ms)
        table.store({**old, "IsDeleted": True, "SystemModstamp": stamp,
                     "LastModifiedDate": stamp}, ms)
        if sobject == "OpportunityStage":
            self._stages = None
        if sobject == "Opportunity":
            history = self.tables["OpportunityHistory"]
            for history_id in self._histories.pop(record_id, []):
                row = history.rows[history_id]
                if not row["IsDeleted"]:
                    ms = self._next_ms(history)
                    history.store({**row, "IsDeleted": True, "SystemModstamp": format_ms(ms)},
                                  ms)

    def row(self, sobject: str, record_id: str) -> Row | None:
        """The stored row (deleted ones included), or None."""
        return self._table(sobject).rows.get(self.normalize_id(record_id))

    @staticmethod
    def normalize_id(record_id: str) -> str:
        if len(record_id) == 15 and record_id.isalnum():
            return id18(record_id)
        if len(record_id) == 18 and record_id.isalnum():
            return record_id
        raise ValueError(f"not a Salesforce id: {record_id!r}")

    # -- query locators -----------------------------------------------------------------

    def open_locator(self, locator: Locator) -> str:
        locator_id = self._new_id("01g")
        self.locators[locator_id] = locator
        while len(self.locators) > self.max_query_locators:
            self.locators.popitem(last=False)
        return locator_id

    def expire_query_locators(self) -> None:
        """Every open query locator becomes invalid (INVALID_QUERY_LOCATOR)."""
        self.locators.clear()

    # -- internals ------------------------------------------------------------------------

    def _table(self, sobject: str) -> Table:
        table = self.tables.get(sobject)
        if table is None:
            raise ValueError(f"the sandbox has no sobject {sobject!r}")
        return table

    def _next_ms(self, table: Table) -> int:
        """The clock's time, or 1 ms after the last write if the clock has not moved on
        since (or was set back): SystemModstamps strictly increase across the org (and
        within each table, whose log must stay sorted)."""
        floor = table.log_ms[-1] + 1 if table.log_ms else 0
        self._last_ms = max(self.clock.now_ms(), self._last_ms + 1, floor)
        return self._last_ms

    def _new_id(self, sobject_or_prefix: str) -> str:
        prefix = PREFIXES.get(sobject_or_prefix, sobject_or_prefix)
        number = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = number
        return make_id(prefix, number)

    def _defaults(self, sobject: str, row: Row) -> None:
        if sobject == "Lead":
            row.setdefault("IsConverted", False)
            if row.get("Status") is None:
                row["Status"] = next(
                    (r["ApiName"] for r in self.tables["LeadStatus"].rows.values()
                     if r.get("IsDefault") and not r["IsDeleted"]), "Open - Not Contacted")
        elif sobject in ("OpportunityStage", "LeadStatus"):
            row.setdefault("ApiName", row["MasterLabel"])

    def stage_rows(self) -> dict[str, Row]:
        if self._stages is None:
            self._stages = {r["ApiName"]: r for r in self.tables["OpportunityStage"].rows.values()
                            if not r["IsDeleted"]}
        return self._stages

    def _derive_stage(self, old: Row | None, row: Row, given: Mapping[str, Any]) -> None:
        stage = self.stage_rows().get(row.get("StageName") or "")
        if stage is None:
            row.setdefault("IsClosed", False)
            row.setdefault("IsWon", False)
            return
        row["IsClosed"], row["IsWon"] = bool(stage["IsClosed"]), bool(stage["IsWon"])
        if old is None or old.get("StageName") != row["StageName"]:
            if "Probability" not in given:
                row["Probability"] = stage["DefaultProbability"]
            if "ForecastCategoryName" not in given:
                row["ForecastCategoryName"] = stage["ForecastCategoryName"]
                row["ForecastCategory"] = stage["ForecastCategory"]

    def _record_history(self, old: Row | None, row: Row) -> None:
        if old is not None and all(old.get(f) == row.get(f) for f in HISTORY_TRACKED):
            return
        self._write("OpportunityHistory", self.tables["OpportunityHistory"], None, {
            "OpportunityId": row["Id"], "StageName": row["StageName"],
            "Amount": row.get("Amount"), "CloseDate": row.get("CloseDate"),
            "Probability": row.get("Probability"),
            "ForecastCategory": row.get("ForecastCategory"),
            "PrevAmount": old.get("Amount") if old else None,
            "PrevCloseDate": old.get("CloseDate") if old else None})
