"""A tiny SOQL parser for the Salesforce sandbox: exactly the shapes the client sends.

    SELECT f1, f2, ... FROM Obj
    [WHERE cond [AND cond ...]]
    [ORDER BY SystemModstamp [ASC], Id [ASC]]

where a condition is `SystemModstamp <op> <dateTime literal>` (op one of = > >= < <=; at
most one lower and one upper bound) or `IsDeleted = true|false` (or !=). Field and object
names are case-insensitive and answered in their canonical case. Anything else is a
`SoqlError` with Salesforce's error code (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

_QUERY = re.compile(r"^\s*SELECT\s+(?P<fields>.+?)\s+FROM\s+(?P<sobject>[^\s,]+)(?P<rest>.*)$",
                    re.IGNORECASE | re.DOTALL)
_CLAUSES = re.compile(r"^(?:\s+WHERE\s+(?P<where>.+?))?(?:\s+ORDER\s+BY\s+(?P<order>.+?))?\s*$",
                      re.IGNORECASE | re.DOTALL)
_UNSUPPORTED = re.compile(r"\b(LIMIT|OFFSET|GROUP|HAVING|OR|NOT|FOR|WITH|USING|TYPEOF|NULLS|"
                          r"DESC)\b", re.IGNORECASE)
_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_CONDITION = re.compile(r"^(?P<field>[A-Za-z][A-Za-z0-9_]*)\s*(?P<op>!=|>=|<=|=|>|<)\s*"
                        r"(?P<value>\S+)$")
_AND = re.compile(r"\s+AND\s+", re.IGNORECASE)
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$")
_ORDER = re.compile(r"^SystemModstamp(?:\s+ASC)?(?:\s*,\s*Id(?:\s+ASC)?)?$", re.IGNORECASE)


class SoqlError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Query:
    sobject: str
    fields: tuple[str, ...]
    lo_ms: int | None = None  # SystemModstamp lower bound, in ms since the epoch
    lo_inclusive: bool = False
    hi_ms: int | None = None
    hi_inclusive: bool = False
    deleted: bool | None = None  # IsDeleted filter


def _position_error(soql: str, token: str, text: str, code: str) -> SoqlError:
    column = soql.find(token) + 1
    return SoqlError(code, f"\n{soql}\n{' ' * max(column - 1, 0)}^\n"
                           f"ERROR at Row:1:Column:{column}\n{text}")


def _malformed(soql: str, token: str) -> SoqlError:
    return _position_error(soql, token, f"unexpected token: '{token}'", "MALFORMED_QUERY")


def _micros(literal: str) -> int:
    text = literal.replace("Z", "+00:00")
    head, _, rest = text.partition(".")
    fraction = 0
    if rest:
        digits = re.match(r"\d+", rest)
        assert digits is not None
        fraction = int(digits.group()[:6].ljust(6, "0"))
        text = head + rest[digits.end():]
    when = datetime.fromisoformat(text)
    return int(when.timestamp()) * 1_000_000 + fraction


def parse(soql: str, schemas: Mapping[str, tuple[str, ...]]) -> Query:
    match = _QUERY.match(soql)
    if match is None:
        raise _malformed(soql, (soql.split() or [""])[0])
    clauses = _CLAUSES.match(match["rest"])
    unsupported = _UNSUPPORTED.search(match["rest"])
    if clauses is None or unsupported is not None:
        token = unsupported.group() if unsupported else match["rest"].split()[0]
        raise _malformed(soql, token)
    names = {name.lower(): name for name in schemas}
    sobject = names.get(match["sobject"].lower())
    if sobject is None:
        raise _position_error(
            soql, match["sobject"],
            f"sObject type '{match['sobject']}' is not supported. If you are attempting to use "
            "a custom object, be sure to append the '__c' after the entity name. Please "
            "reference your WSDL or the describe call for the appropriate names.",
            "INVALID_TYPE")
    canonical = {name.lower(): name for name in schemas[sobject]}
    fields: list[str] = []
    for raw in match["fields"].split(","):
        name = raw.strip()
        if not _FIELD.match(name):
            raise _malformed(soql, name or ",")
        if name.lower() not in canonical:
            raise _position_error(
                soql, name,
                f"No such column '{name}' on entity '{sobject}'. If you are attempting to use "
                "a custom field, be sure to append the '__c' after the custom field name. "
                "Please reference your WSDL or the describe call for the appropriate names.",
                "INVALID_FIELD")
        fields.append(canonical[name.lower()])
    order = clauses["order"]
    if order is not None and not _ORDER.match(order.strip()):
        raise _malformed(soql, order.split()[0])
    where = Query(sobject, tuple(fields))
    if clauses["where"] is not None:
        for part in _AND.split(clauses["where"].strip()):
            where = _condition(soql, part.strip(), where)
    return where


def _condition(soql: str, text: str, query: Query) -> Query:
    cond = _CONDITION.match(text)
    if cond is None:
        raise _malformed(soql, text.split()[0] if text.split() else "WHERE")
    field, op, value = cond["field"].lower(), cond["op"], cond["value"]
    if field == "isdeleted":
        if value.lower() not in ("true", "false") or op not in ("=", "!="):
            raise _malformed(soql, value)
        return replace(query, deleted=(value.lower() == "true") == (op == "="))
    if field != "systemmodstamp":
        raise _malformed(soql, cond["field"])  # the sandbox filters on nothing else
    if not _DATETIME.match(value):
        raise _position_error(soql, value, f"line 1:{soql.find(value)} no viable alternative "
                              f"at character '{value[:1]}'", "MALFORMED_QUERY")
    floor, fraction = divmod(_micros(value), 1000)
    ceil = floor + (1 if fraction else 0)
    has_lower, has_upper = query.lo_ms is not None, query.hi_ms is not None
    if op in (">", ">=") and not has_lower:
        return replace(query, lo_ms=floor if op == ">" else ceil, lo_inclusive=op == ">=")
    if op in ("<", "<=") and not has_upper:
        return replace(query, hi_ms=ceil if op == "<" else floor, hi_inclusive=op == "<=")
    if op == "=" and not has_lower and not has_upper:
        # no millisecond stamp equals a sub-millisecond instant: an empty range then
        return replace(query, lo_ms=floor, lo_inclusive=not fraction, hi_ms=floor,
                       hi_inclusive=not fraction)
    raise _malformed(soql, cond["field"] if op != "!=" else op)
