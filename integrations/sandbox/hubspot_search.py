"""CRM search for the HubSpot sandbox, as `POST /crm/v3/objects/{type}/search` answers it:
filterGroups (OR of groups, AND within one), one sort rule, `after` offsets, `limit` up to
200, `total`, and the 10,000-result cap (a 400 past it).

Filters on the last-modified property become ranges of the table's (modified, tie, id)
index, so a search sorted by that property costs O(log n + page) with plain range groups,
O(range) when a group adds other filters, and anything else falls back to a scan.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from integrations.sandbox.hubspot_store import ObjectTable, StoredObject, to_ms

MAX_LIMIT = 200
MAX_RESULTS = 10_000
MAX_GROUPS, MAX_FILTERS_PER_GROUP, MAX_FILTERS = 5, 6, 18
COMPARISONS = frozenset({"EQ", "NEQ", "GT", "GTE", "LT", "LTE"})
OPERATORS = COMPARISONS | {"BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY",
                           "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"}
RANGE_OPERATORS = frozenset({"EQ", "GT", "GTE", "LT", "LTE", "BETWEEN"})
TEXT_PROPERTIES = ("name", "domain", "email", "firstname", "lastname", "dealname")


class SearchRejected(Exception):
    """A search HubSpot answers with 400 VALIDATION_ERROR."""


@dataclass(frozen=True)
class Filter:
    prop: str
    op: str
    value: str | None = None
    high: str | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchRequest:
    groups: tuple[tuple[Filter, ...], ...]
    sort: tuple[str, bool] | None  # (property, ascending)
    after: int
    limit: int
    properties: tuple[str, ...] | None
    query: str | None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _filter(raw: object) -> Filter:
    if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
        raise SearchRejected("Each filter needs a propertyName")
    op = raw.get("operator", "EQ")
    if op not in OPERATORS:
        raise SearchRejected(f"Unknown operator {op!r}")
    values = raw.get("values") or []
    if not isinstance(values, list):
        raise SearchRejected("values must be a list")
    result = Filter(raw["propertyName"], op, _text(raw.get("value")),
                    _text(raw.get("highValue")), tuple(str(v) for v in values))
    if op in COMPARISONS | {"BETWEEN", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"} \
            and result.value is None:
        raise SearchRejected(f"Operator {op} needs a value")
    if op == "BETWEEN" and result.high is None:
        raise SearchRejected("BETWEEN needs a highValue")
    if op in ("IN", "NOT_IN") and not result.values:
        raise SearchRejected(f"Operator {op} needs values")
    return result


def _sort(raw: object) -> tuple[str, bool] | None:
    if raw is None or raw == []:
        return None
    if not isinstance(raw, list):
        raise SearchRejected("sorts must be a list")
    if len(raw) > 1:
        raise SearchRejected("Only one sorting rule can be applied to any search.")
    rule = raw[0]
    if isinstance(rule, str):
        return (rule[1:], False) if rule.startswith("-") else (rule, True)
    if not isinstance(rule, dict) or not isinstance(rule.get("propertyName"), str):
        raise SearchRejected("A sort needs a propertyName")
    direction = rule.get("direction", "ASCENDING")
    if direction not in ("ASCENDING", "DESCENDING"):
        raise SearchRejected(f"Unknown sort direction {direction!r}")
    return rule["propertyName"], direction == "ASCENDING"


def parse_request(body: object) -> SearchRequest:
    if not isinstance(body, dict):
        raise SearchRejected("The request body must be a JSON object")
    raw_groups = body.get("filterGroups") or []
    if not isinstance(raw_groups, list) or len(raw_groups) > MAX_GROUPS:
        raise SearchRejected(f"At most {MAX_GROUPS} filterGroups are allowed")
    groups: list[tuple[Filter, ...]] = []
    for raw in raw_groups:
        filters = raw.get("filters") if isinstance(raw, dict) else None
        if not isinstance(filters, list) or len(filters) > MAX_FILTERS_PER_GROUP:
            raise SearchRejected(f"Each filterGroup takes 1 to {MAX_FILTERS_PER_GROUP} filters")
        groups.append(tuple(_filter(f) for f in filters))
    if sum(len(g) for g in groups) > MAX_FILTERS:
        raise SearchRejected(f"At most {MAX_FILTERS} filters are allowed")
    try:
        after = int(str(body.get("after") or 0))
        limit = int(body.get("limit", 10))
    except ValueError as exc:
        raise SearchRejected("after and limit must be integers") from exc
    if after < 0 or not 1 <= limit <= MAX_LIMIT:
        raise SearchRejected(f"limit must be between 1 and {MAX_LIMIT}")
    properties = body.get("properties")
    if properties is not None and not (isinstance(properties, list)
                                       and all(isinstance(p, str) for p in properties)):
        raise SearchRejected("properties must be a list of property names")
    query = body.get("query")
    return SearchRequest(tuple(groups), _sort(body.get("sorts")), after, limit,
                         tuple(properties) if properties is not None else None,
                         str(query) if query else None)


# -- matching --------------------------------------------------------------------------


def _is_date(table: ObjectTable, prop: str) -> bool:
    return prop in ("createdate", "closedate", table.mod_prop) or prop.endswith("_date")


def _compare(table: ObjectTable, prop: str, raw: str, value: str) -> int | None:
    if _is_date(table, prop):
        left, right = to_ms(raw), to_ms(value)
        if left is None or right is None:
            return None
        return (left > right) - (left < right)
    try:
        a, b = Decimal(raw), Decimal(value)
        return (a > b) - (a < b)
    except InvalidOperation:
        x, y = raw.lower(), value.lower()
        return (x > y) - (x < y)


def matches(table: ObjectTable, obj: StoredObject, f: Filter) -> bool:
    raw = table.value(obj, f.prop)
    op = f.op
    if op == "HAS_PROPERTY":
        return bool(raw)
    if op == "NOT_HAS_PROPERTY":
        return not raw
    if not raw:
        return op in ("NEQ", "NOT_IN", "NOT_CONTAINS_TOKEN")
    if op in ("IN", "NOT_IN"):
        hit = any(_compare(table, f.prop, raw, v) == 0 for v in f.values)
        return hit == (op == "IN")
    assert f.value is not None
    if op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        hit = f.value.strip("*").lower() in raw.lower()
        return hit == (op == "CONTAINS_TOKEN")
    c = _compare(table, f.prop, raw, f.value)
    if c is None:
        return op == "NEQ"
    if op == "BETWEEN":
        assert f.high is not None
        upper = _compare(table, f.prop, raw, f.high)
        return c >= 0 and upper is not None and upper <= 0
    return {"EQ": c == 0, "NEQ": c != 0, "GT": c > 0, "GTE": c >= 0, "LT": c < 0,
            "LTE": c <= 0}[op]


# -- planning --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    start: int  # positions in table.by_mod
    stop: int
    residual: tuple[Filter, ...]


def _plan(table: ObjectTable, group: tuple[Filter, ...]) -> _Plan | None:
    lo: int | None = None  # inclusive, ms
    hi: int | None = None  # exclusive, ms
    residual: list[Filter] = []
    for f in group:
        if f.prop != table.mod_prop or f.op not in RANGE_OPERATORS:
            residual.append(f)
            continue
        v = to_ms(f.value)
        h = to_ms(f.high) if f.op == "BETWEEN" else v
        if v is None or h is None:
            raise SearchRejected(f"{f.value!r} is not a valid value for {f.prop}")
        low, high = {"EQ": (v, v + 1), "GT": (v + 1, None), "GTE": (v, None),
                     "LT": (None, v), "LTE": (None, v + 1), "BETWEEN": (v, h + 1)}[f.op]
        if low is not None:
            lo = low if lo is None else max(lo, low)
        if high is not None:
            hi = high if hi is None else min(hi, high)
    index = table.by_mod
    start = 0 if lo is None else bisect_left(index, (lo,))
    stop = len(index) if hi is None else bisect_left(index, (hi,))
    return _Plan(start, stop, tuple(residual)) if start < stop else None


def _merge(plans: list[_Plan]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted((p.start, p.stop) for p in plans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def _positions(merged: list[tuple[int, int]], ascending: bool) -> Iterator[int]:
    if ascending:
        for start, stop in merged:
            yield from range(start, stop)
    else:
        for start, stop in reversed(merged):
            yield from range(stop - 1, start - 1, -1)


def _window(merged: list[tuple[int, int]], ascending: bool, after: int,
            limit: int) -> list[int]:
    """Positions `after`..`after+limit` of the union, without walking what is skipped."""
    out: list[int] = []
    skip = after
    for start, stop in (merged if ascending else list(reversed(merged))):
        size = stop - start
        if skip >= size:
            skip -= size
            continue
        take = min(size - skip, limit - len(out))
        if ascending:
            out.extend(range(start + skip, start + skip + take))
        else:
            out.extend(range(stop - 1 - skip, stop - 1 - skip - take, -1))
        skip = 0
        if len(out) >= limit:
            break
    return out


def _sort_key(table: ObjectTable, prop: str, obj: StoredObject
              ) -> tuple[bool, float, str, int]:
    raw = table.value(obj, prop)
    if not raw:
        return (True, 0.0, "", obj.id)
    if _is_date(table, prop):
        ms = to_ms(raw)
        return (ms is None, float(ms or 0), "", obj.id)
    try:
        return (False, float(Decimal(raw)), "", obj.id)
    except InvalidOperation:
        return (False, 0.0, raw.lower(), obj.id)


def run(table: ObjectTable, request: SearchRequest) -> tuple[list[StoredObject], int]:
    """The page of objects for `request` and the total number of matches."""
    if request.after >= MAX_RESULTS:
        raise SearchRejected(f"Search results are limited to {MAX_RESULTS} records; "
                             f"after={request.after} is past that limit.")
    after, limit, sort = request.after, request.limit, request.sort
    plans = [p for p in (_plan(table, g) for g in request.groups or ((),)) if p is not None]
    if not plans:
        return [], 0
    objects, index = table.objects, table.by_mod
    merged = _merge(plans)
    plain = request.query is None and all(not p.residual for p in plans)
    if sort is not None and sort[0] == table.mod_prop and plain:
        total = sum(stop - start for start, stop in merged)
        return [objects[index[pos][2]] for pos in _window(merged, sort[1], after, limit)], total
    if sort is None and plain and merged == [(0, len(index))]:
        return [objects[i] for i in table.ids[after:after + limit]], len(table.ids)

    def hit(pos: int, obj: StoredObject) -> bool:
        if request.query is not None and not any(
                request.query.lower() in (table.value(obj, p) or "").lower()
                for p in TEXT_PROPERTIES):
            return False
        return any(p.start <= pos < p.stop and all(matches(table, obj, f) for f in p.residual)
                   for p in plans)

    if sort is not None and sort[0] == table.mod_prop:
        found = [objects[index[pos][2]] for pos in _positions(merged, sort[1])
                 if hit(pos, objects[index[pos][2]])]
        return found[after:after + limit], len(found)
    found = [objects[index[pos][2]] for pos in _positions(merged, True)
             if hit(pos, objects[index[pos][2]])]
    prop, ascending = sort if sort is not None else ("hs_object_id", True)
    found.sort(key=lambda obj: _sort_key(table, prop, obj), reverse=not ascending)
    return found[after:after + limit], len(found)
