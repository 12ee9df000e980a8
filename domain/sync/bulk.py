"""Set-based sync writes on PostgreSQL: one statement per page and table, no model objects.

Two planner traps shape this module. A lookup `organization_id = $1 AND key IN (...)` is
planned from the organization's row estimate, which is wrong for an organization in its
first sync (it grows by thousands of rows a second), and asyncpg keeps reusing the plan made
while the tables were empty: each page then read all of the organization's rows. So lookups
probe the unique index once per value through a LATERAL join, and `analyze_growing`
refreshes the statistics as a sync grows the tables (which also invalidates cached plans).
Lookups on keys that are not unique (emails, domains) are prepared afresh each time.

Other databases (SQLite) keep the ORM path in `domain.sync.upsert`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from enum import Enum
from functools import partial
from typing import Any

from tortoise import connections, fields
from tortoise.fields.data import CharEnumFieldInstance
from tortoise.models import Model

from domain.db import is_postgres

SYNC_TABLES = ("customer", "customer_link", "contact", "lead", "opportunity",
               "opportunity_stage_change", "subscription", "invoice", "payment",
               "lifecycle_transition")
ANALYZE_AT_PAGES = frozenset({2, 10, 50, 250, 1250, 6250})
# Fields whose Python values asyncpg takes as they are (no ORM conversion needed).
PLAIN_FIELDS = (fields.IntField, fields.BigIntField, fields.BooleanField, fields.FloatField,
                fields.CharField, fields.TextField, fields.DateField, fields.DatetimeField)


def _client(model: type[Model]) -> Any:
    return connections.get(model._meta.default_connection or "default")


Convert = Callable[[Any], Any]
_CONVERTERS: dict[tuple[type[Model], str], Convert | None] = {}


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _converter(model: type[Model], column: str) -> Convert | None:
    """How the ORM turns a Python value into the column's database value (None: as is)."""
    key = (model, column)
    if key not in _CONVERTERS:
        field = model._meta.fields_map.get(column)
        convert: Convert | None
        if isinstance(field, CharEnumFieldInstance):
            convert = _enum_value
        elif field is None or isinstance(field, PLAIN_FIELDS):
            convert = None
        else:
            convert = partial(field.to_db_value, instance=model)
        _CONVERTERS[key] = convert
    return _CONVERTERS[key]


def _value(model: type[Model], column: str, value: Any) -> Any:
    convert = _converter(model, column)
    return value if convert is None or value is None else convert(value)


async def fetch(model: type[Model], sql: str, params: Sequence[Any], *,
                fresh: bool = False) -> list[Any]:
    """Run `sql` ($n placeholders) on the model's connection (the current transaction's)."""
    async with _client(model).acquire_connection() as raw:
        if fresh:  # planned for the tables as they are now, not from a cached plan
            return list(await (await raw.prepare(sql)).fetch(*params))
        return list(await raw.fetch(sql, *params))


async def lookup(model: type[Model], org_id: int, key: str, values: Collection[str],
                 scope: Mapping[str, Any] | None = None, column: str = "id"
                 ) -> dict[str, int]:
    """`column` by `key` (a unique key within the organization and `scope`) for the given
    values: one probe of the unique index each."""
    params: list[Any] = [org_id, sorted(set(values))]
    where = ""
    for name, value in (scope or {}).items():
        params.append(_value(model, name, value))
        where += f' AND "{name}" = ${len(params)}'
    sql = (f'SELECT k.v, t.c FROM unnest($2::text[]) AS k(v) CROSS JOIN LATERAL (SELECT '
           f'"{column}" AS c FROM "{model._meta.db_table}" WHERE "organization_id" = $1'
           f'{where} AND "{key}" = k.v LIMIT 1) AS t')
    return {str(r[0]): int(r[1]) for r in await fetch(model, sql, params, fresh=False)}


async def insert(model: type[Model], rows: Sequence[Mapping[str, Any]], *,
                 returning: Sequence[str] = (), conflict: Sequence[str] = (),
                 update: Sequence[str] = ()) -> list[Any]:
    """INSERT `rows` (all with the same columns) in one statement. With `conflict` (a
    unique constraint's columns) the rows already there are updated where a column of
    `update` differs and left alone otherwise; the result then holds one row per insert or
    update, with `inserted` true for inserts."""
    if not rows:
        return []
    columns = list(rows[0])
    params: list[Any] = []
    values = []
    for row in rows:
        start = len(params)
        params.extend(_value(model, c, row[c]) for c in columns)
        values.append("(" + ",".join(f"${start + i + 1}" for i in range(len(columns))) + ")")
    names = ",".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{model._meta.db_table}" AS t ({names}) VALUES {",".join(values)}'
    out = [f'"{r}"' for r in returning]
    if conflict:
        target = ",".join(f'"{c}"' for c in conflict)
        sets = ",".join(f'"{c}" = EXCLUDED."{c}"' for c in update)
        old = ",".join(f't."{c}"' for c in update)
        new = ",".join(f'EXCLUDED."{c}"' for c in update)
        sql += (f" ON CONFLICT ({target}) DO UPDATE SET {sets} "
                f"WHERE ({old}, NULL) IS DISTINCT FROM ({new}, NULL)")
        out.append("(xmax = 0) AS inserted")
    if out:
        sql += " RETURNING " + ",".join(out)
    return await fetch(model, sql, params)


async def update_by_id(model: type[Model], rows: Sequence[Mapping[str, Any]],
                       types: Mapping[str, str]) -> None:
    """UPDATE rows by id in one statement: each row holds `id` and the columns of `types`
    (column → PostgreSQL type)."""
    if not rows:
        return
    columns = list(types)
    arrays = [[r["id"] for r in rows],
              *([_value(model, c, r[c]) for r in rows] for c in columns)]
    casts = ["$1::int[]", *(f"${i + 2}::{types[c]}[]" for i, c in enumerate(columns))]
    sets = ",".join(f'"{c}" = v."{c}"' for c in columns)
    names = ",".join(["id", *(f'"{c}"' for c in columns)])
    await fetch(model, f'UPDATE "{model._meta.db_table}" AS t SET {sets} FROM unnest('
                f'{",".join(casts)}) AS v({names}) WHERE t.id = v.id', arrays)


async def analyze_growing(model: type[Model], pages: int) -> None:
    """Refresh the planner's statistics of the sync tables at geometric page counts."""
    if pages in ANALYZE_AT_PAGES and is_postgres():
        await _client(model).execute_script(f"ANALYZE {', '.join(SYNC_TABLES)}")
