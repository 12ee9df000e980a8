"""Bulk upsert keyed by a provider id: one read of the existing rows, one INSERT for the new
ones, one UPDATE for the changed ones; unchanged rows are not written at all."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from tortoise.models import Model

from domain.sync.outcome import Outcome

M = TypeVar("M", bound=Model)


def _same(current: Any, value: Any) -> bool:
    if isinstance(current, Decimal) or isinstance(value, Decimal):
        return current is not None and value is not None and Decimal(current) == Decimal(value)
    if isinstance(current, datetime) and isinstance(value, datetime):
        # Stored times keep microseconds on PostgreSQL but not always elsewhere.
        return abs((current - value).total_seconds()) < 1e-3
    return bool(current == value)


async def upsert(model: type[M], org_id: int, key: str, rows: Mapping[str, dict[str, Any]],
                 out: Outcome, scope: Mapping[str, Any] | None = None) -> dict[str, M]:
    """Create or update `rows` (values by provider id in column `key`, within `scope`).
    Returns the existing rows that were read (new rows have no id here)."""
    if not rows:
        return {}
    scope = dict(scope or {})
    existing: dict[str, M] = {
        str(getattr(row, key)): row
        for row in await model.filter(
            organization_id=org_id, **scope, **{f"{key}__in": list(rows)})
    }
    new: list[M] = []
    changed: list[M] = []
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
    return existing


async def ids_by(model: type[Model], org_id: int, key: str, values: Collection[str]
                 ) -> dict[str, int]:
    """Row ids by provider id, for the given provider ids."""
    if not values:
        return {}
    rows = await model.filter(organization_id=org_id, **{f"{key}__in": list(set(values))}
                              ).values_list(key, "id")
    return {str(k): int(i) for k, i in rows}
