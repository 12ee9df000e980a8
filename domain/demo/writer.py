"""Bulk writer for generated tables: COPY on PostgreSQL, executemany on SQLite.

Everything is written in one transaction. Primary keys are assigned here: each table's rows
get ids after the table's current max id (read under a lock on PostgreSQL that blocks other
writers to these tables until the commit), references are shifted by the parent's base, and
PostgreSQL sequences are moved past the new ids. On PostgreSQL, a superuser role also skips
the per-row foreign-key triggers for this transaction (see `_skip_reference_checks`), which
roughly halves the COPY time; then ANALYZE refreshes the planner statistics.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
import numpy as np
import pandas as pd
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.demo.frame import Column, Kind, Table
from domain.demo.story import DAY, NULL_TS
from domain.errors import NotFound

Progress = Callable[[float, str], Awaitable[None]]
CHUNK = 100_000


@dataclass(frozen=True)
class Written:
    table: str
    rows: int
    seconds: float


def _ts_mask(values: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    null = values == NULL_TS
    if not null.any():
        return values, None
    return np.where(null, 0, values), null


def _with_nulls(items: list[Any], null: np.ndarray | None) -> list[Any]:
    if null is not None:
        for i in np.flatnonzero(null).tolist():
            items[i] = None
    return items


def _convert(c: Column, part: slice, ids: np.ndarray, bases: dict[str, int], postgres: bool
             ) -> list[Any]:
    """One column of one chunk as a list of database values."""
    if c.kind is Kind.CUSTOMER_REF:
        return [f"C{i:06d}" for i in ids.tolist()]
    if c.kind is Kind.ROW_REF:
        return [f"{c.ref}{i:08d}" for i in ids.tolist()]
    assert c.values is not None
    v = c.values[part]
    if c.kind in (Kind.INT, Kind.FLOAT, Kind.TEXT, Kind.JSON):
        return v.tolist()
    if c.kind is Kind.BOOL:
        return v.tolist() if postgres else v.astype(np.int64).tolist()
    if c.kind is Kind.MONEY:
        return (v / 100.0).round(2).tolist()
    if c.kind is Kind.REF:
        assert c.ref is not None
        negative = v < 0
        return _with_nulls((v + bases[c.ref] + 1).tolist(), negative if negative.any() else None)
    if c.kind is Kind.DATE:
        days = (v // DAY).astype("datetime64[D]")
        return days.astype(object).tolist() if postgres else np.datetime_as_string(days).tolist()
    values, null = _ts_mask(v)
    if postgres:
        stamps = pd.to_datetime(values, unit="s", utc=True).to_pydatetime()
        return _with_nulls(list(stamps), null)
    text = np.datetime_as_string(values.astype("datetime64[s]")).tolist()
    return _with_nulls([f"{s[:10]} {s[11:]}+00:00" for s in text], null)


def _chunks(t: Table, bases: dict[str, int], org_id: int, postgres: bool
            ) -> Iterator[list[tuple[Any, ...]]]:
    for lo in range(0, t.rows, CHUNK):
        part = slice(lo, min(lo + CHUNK, t.rows))
        ids = bases[t.name] + 1 + np.arange(part.start, part.stop, dtype=np.int64)
        columns = [ids.tolist(), [org_id] * len(ids)]
        columns += [_convert(c, part, ids, bases, postgres) for c in t.columns]
        yield list(zip(*columns, strict=True))


def _names(t: Table) -> list[str]:
    return ["id", "organization_id", *(c.name for c in t.columns)]


class _Tracker:
    def __init__(self, tables: Sequence[Table], progress: Progress | None) -> None:
        self.total = max(sum(t.rows for t in tables), 1)
        self.done = 0
        self.progress = progress

    async def advance(self, t: Table, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            await self.progress(self.done / self.total, f"writing {t.name}")


async def _skip_reference_checks(raw: Any) -> None:
    """Skip foreign-key triggers for this transaction when the role may (superusers).

    Every reference written points at a row written earlier in the same transaction or at
    the organization checked above, so the per-row checks (most of COPY's cost) only
    repeat what the generator guarantees. Without the privilege the checks run as usual.
    """
    try:
        async with raw.transaction():  # a savepoint: a refused SET leaves the outer intact
            await raw.execute("SET LOCAL session_replication_role = replica")
    except asyncpg.PostgresError:
        return


async def _write_postgres(org_id: int, tables: Sequence[Table], track: _Tracker
                          ) -> list[Written]:
    conn = connections.get("default")
    quoted = ", ".join(f'"{t.name}"' for t in tables)
    written: list[Written] = []
    async with conn.acquire_connection() as raw, raw.transaction():
        await raw.execute(f"LOCK TABLE {quoted} IN SHARE ROW EXCLUSIVE MODE")
        if not await raw.fetchval('SELECT 1 FROM "organization" WHERE id = $1', org_id):
            raise NotFound(f"organization {org_id} not found", field="orgId")
        await _skip_reference_checks(raw)
        bases = {t.name: int(await raw.fetchval(f'SELECT COALESCE(MAX(id), 0) FROM "{t.name}"'))
                 for t in tables}
        for t in tables:
            started = time.perf_counter()
            for records in _chunks(t, bases, org_id, postgres=True):
                await raw.copy_records_to_table(t.name, records=records, columns=_names(t))
                await track.advance(t, len(records))
            if t.rows:
                await raw.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{t.name}\"', 'id'), "
                    f'(SELECT MAX(id) FROM "{t.name}"))'
                )
            written.append(Written(t.name, t.rows, time.perf_counter() - started))
    async with conn.acquire_connection() as raw:
        await raw.execute(f"ANALYZE {quoted}")
    return written


async def _write_sqlite(org_id: int, tables: Sequence[Table], track: _Tracker) -> list[Written]:
    written: list[Written] = []
    async with in_transaction("default") as tx:
        _, found = await tx.execute_query('SELECT 1 FROM "organization" WHERE id = ?', [org_id])
        if not found:
            raise NotFound(f"organization {org_id} not found", field="orgId")
        bases: dict[str, int] = {}
        for t in tables:
            _, rows = await tx.execute_query(f'SELECT COALESCE(MAX(id), 0) FROM "{t.name}"')
            bases[t.name] = int(rows[0][0])
        for t in tables:
            started = time.perf_counter()
            names = _names(t)
            quoted_names = ", ".join('"' + n + '"' for n in names)
            marks = ", ".join("?" * len(names))
            sql = f'INSERT INTO "{t.name}" ({quoted_names}) VALUES ({marks})'
            for records in _chunks(t, bases, org_id, postgres=False):
                await tx.execute_many(sql, records)  # type: ignore[arg-type]
                await track.advance(t, len(records))
            written.append(Written(t.name, t.rows, time.perf_counter() - started))
    return written


async def write_tables(org_id: int, tables: Sequence[Table], *, postgres: bool,
                       progress: Progress | None = None) -> list[Written]:
    """Write `tables` (parents before children) for `org_id`; returns rows and seconds."""
    track = _Tracker(tables, progress)
    if postgres:
        return await _write_postgres(org_id, tables, track)
    return await _write_sqlite(org_id, tables, track)
