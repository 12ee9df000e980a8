"""Small helpers for the few reads the ORM cannot express (window functions)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, TypeVar

from tortoise import connections
from tortoise.models import Model

from domain.db import is_postgres

M = TypeVar("M", bound=Model)
_QMARK = re.compile(r"\?")


def dialect_sql(sql: str) -> str:
    if not is_postgres():
        return sql
    counter = iter(range(1, 10_000))
    return _QMARK.sub(lambda _m: f"${next(counter)}", sql)


def columns(model: type[Model]) -> str:
    return ", ".join(f'"{c}"' for c in model._meta.db_fields)


def placeholders(count: int) -> str:
    """`?, ?, …` for an IN list of `count` values (NULL for none, which matches nothing)."""
    return ", ".join("?" * count) if count else "NULL"


async def select_models(model: type[M], sql: str, params: Sequence[Any]) -> list[M]:
    """Run `sql` (with `?` placeholders) and build `model` instances from its rows."""
    db = connections.get("default")
    executor = db.executor_class(model=model, db=db)
    return await executor.execute_select(dialect_sql(sql), list(params))


async def select_dicts(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    db = connections.get("default")
    return await db.execute_query_dict(dialect_sql(sql), list(params))


async def select_rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows of a raw statement (`?` placeholders), as tuples."""
    _, rows = await connections.get("default").execute_query(dialect_sql(sql), list(params))
    return [tuple(r) for r in rows]


def month_index_sql(column: str) -> str:
    """The month index (year * 12 + month - 1) of a timestamp column, in UTC: `date_part`
    on PostgreSQL, `strftime` on SQLite (which reads the stored ISO text with its offset)."""
    if is_postgres():
        at = f"({column} AT TIME ZONE 'UTC')"
        return f"CAST(date_part('year', {at}) * 12 + date_part('month', {at}) - 1 AS INTEGER)"
    return (f"(CAST(strftime('%Y', {column}) AS INTEGER) * 12 "
            f"+ CAST(strftime('%m', {column}) AS INTEGER) - 1)")


def id_filter(column: str, ids: Sequence[int]) -> tuple[str, Any]:
    """`column` among `ids` with the ids as one parameter, so the statement does not depend
    on their number: (clause, parameter). PostgreSQL: an array with `= ANY`; SQLite: a JSON
    array through `json_each`."""
    if is_postgres():
        return f"{column} = ANY(?::bigint[])", [int(i) for i in ids]
    return f"{column} IN (SELECT value FROM json_each(?))", json.dumps([int(i) for i in ids])


def db_value(model: type[Model], field: str, value: Any) -> Any:
    """Convert a Python value the way the ORM would store it (matters for SQLite datetimes)."""
    return model._meta.fields_map[field].to_db_value(value, model)


def latest_per_parent_sql(
    model: type[Model], parent: str, order: Sequence[str], n_parents: int, extra: str = ""
) -> str:
    """Rows of `model` for `n_parents` parent ids, at most `?` per parent, newest first."""
    order_sql = ", ".join(order)
    return (
        f"SELECT {columns(model)} FROM (SELECT *, ROW_NUMBER() OVER "
        f"(PARTITION BY {parent} ORDER BY {order_sql}) AS rn__ "
        f'FROM "{model._meta.db_table}" WHERE organization_id = ? '
        f"AND {parent} IN ({placeholders(n_parents)}){extra}) AS t "
        f"WHERE rn__ <= ? ORDER BY {parent}, {order_sql}"
    )
