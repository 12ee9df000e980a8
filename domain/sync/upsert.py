"""Bulk upsert keyed by a provider id. On PostgreSQL one `INSERT … ON CONFLICT DO UPDATE …
WHERE changed` per page; elsewhere one read of the existing rows, one INSERT for the new
ones and one UPDATE for the changed ones. Unchanged rows are not written either way."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.models import Model

from domain.db import is_postgres
from domain.sync import bulk
from domain.sync.outcome import Outcome


def _same(current: Any, value: Any) -> bool:
    if isinstance(current, Decimal) or isinstance(value, Decimal):
        # Money columns keep 2 places (PostgreSQL rounds on write; compare the same way).
        return current is not None and value is not None and \
            round(Decimal(current), 2) == round(Decimal(value), 2)
    if isinstance(current, datetime) and isinstance(value, datetime):
        # SQLite keeps microseconds only as far as its text format does.
        return abs((current - value).total_seconds()) < 1e-3
    return bool(current == value)


async def upsert(model: type[Model], org_id: int, key: str, rows: Mapping[str, dict[str, Any]],
                 out: Outcome, scope: Mapping[str, Any] | None = None) -> None:
    """Create or update `rows` (values by provider id in column `key`, within `scope`)."""
    if not rows:
        return
    scope = dict(scope or {})
    if is_postgres():
        columns = list(next(iter(rows.values())))
        written = await bulk.insert(
            model, [{"organization_id": org_id, **scope, key: ext, **values}
                    for ext, values in rows.items()],
            conflict=["organization_id", *scope, key], update=columns)
        created = sum(1 for r in written if r["inserted"])
        out.created += created
        out.updated += len(written) - created
        out.unchanged += len(rows) - len(written)
        return
    existing = {str(getattr(row, key)): row for row in await model.filter(
        organization_id=org_id, **scope, **{f"{key}__in": list(rows)})}
    new: list[Model] = []
    changed: list[Model] = []
    fields: set[str] = set()
    for ext, values in rows.items():
        row = existing.get(ext)
        if row is None:
            new.append(model(organization_id=org_id, **scope, **{key: ext}, **values))
            continue
        diff = {f: v for f, v in values.items() if not _same(getattr(row, f), v)}
        if not diff:
            out.unchanged += 1
            continue
        for f, v in diff.items():
            setattr(row, f, v)
        fields.update(diff)
        changed.append(row)
    if new:
        await model.bulk_create(new)
        out.created += len(new)
    if changed:
        await model.bulk_update(changed, fields=sorted(fields))
        out.updated += len(changed)


async def ids_by(model: type[Model], org_id: int, key: str, values: Collection[str],
                 scope: Mapping[str, Any] | None = None, column: str = "id"
                 ) -> dict[str, int]:
    """`column` (the row id by default) by provider id, for the given provider ids."""
    if not values:
        return {}
    if is_postgres():
        return await bulk.lookup(model, org_id, key, values, scope, column)
    rows = await model.filter(organization_id=org_id, **dict(scope or {}),
                              **{f"{key}__in": list(set(values))}).values_list(key, column)
    return {str(k): int(i) for k, i in rows}


async def create_all(model: type[Model], rows: list[dict[str, Any]],
                     returning: tuple[str, ...] = ()) -> list[Any]:
    """INSERT `rows` (dicts of column values) in one statement on PostgreSQL, with the ORM
    elsewhere. Returns the `returning` columns of each row on PostgreSQL only."""
    if not rows:
        return []
    if is_postgres():
        return await bulk.insert(model, rows, returning=returning)
    await model.bulk_create([model(**row) for row in rows])
    return []


async def update_all(model: type[Model], rows: Sequence[Model], types: Mapping[str, str]
                     ) -> None:
    """Write the `types` columns (column → PostgreSQL type) of changed model rows."""
    if not rows:
        return
    if is_postgres():
        await bulk.update_by_id(model, [{"id": r.pk, **{c: getattr(r, c) for c in types}}
                                        for r in rows], types)
    else:
        await model.bulk_update(rows, fields=list(types))
