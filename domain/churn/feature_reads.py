"""The SQL side of the churn features (`domain.churn.features`): one set-based statement
per table, org-scoped, bounded by `< T`, aggregated per customer.

Requested customer ids are filtered in SQL whatever their number (PostgreSQL: one array
parameter, `= ANY`, which probes the `(customer_id, time)` indexes; SQLite: `json_each`), so
a chunk of ids reads only those customers' rows; on PostgreSQL the statements of one cutoff
run in one transaction with JIT compilation off (`reading`). Every value comes back as a
number: sums cast to double precision, times as epoch seconds on PostgreSQL (`date_part`;
ISO text parsed in pandas on SQLite), plan and stage as codes, so PostgreSQL rows go
straight into a float array (no per-value Python objects, no dicts).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.churn.feature_specs import STAGE_CODES, TIER_RANK
from domain.db import is_postgres
from domain.enums import Stage
from domain.models import UsageEvent
from domain.sql import db_value, dialect_sql, id_filter

DAY = timedelta(days=1)
WEEK = timedelta(weeks=1)
USAGE_WEEKS = 12
OVERDUE_DAYS = 14
_EPOCH = pd.Timestamp(0, tz="UTC")


def moments(cutoff: datetime) -> dict[str, Any]:
    """The query bounds at `cutoff` as database values."""
    at = {"t": cutoff, "d30": cutoff - 30 * DAY, "d90": cutoff - 90 * DAY,
          "d365": cutoff - 365 * DAY, "overdue": cutoff - OVERDUE_DAYS * DAY}
    at |= {f"w{k}": cutoff - k * WEEK for k in range(USAGE_WEEKS + 1)}
    return {k: db_value(UsageEvent, "at", v) for k, v in at.items()}


@dataclass
class _Query:
    """A `SELECT customer_id, <aggregates> FROM table WHERE org AND <time> < T` builder that
    keeps `?` parameters in text order. `stamps`: the aliases holding times."""

    table: str
    time_column: str
    exprs: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)

    def add(self, expr: str, alias: str, *params: Any) -> None:
        self.exprs.append(f"CAST({expr} AS DOUBLE PRECISION) AS {alias}")
        self.params.extend(params)

    def stamp(self, expr: str, alias: str, *params: Any) -> None:
        self.exprs.append(f"{_ts(expr)} AS {alias}")
        self.params.extend(params)
        self.stamps.append(alias)

    def aliases(self) -> list[str]:
        return [e.rsplit(" AS ", 1)[1] for e in self.exprs]

    async def read(self, org_id: int, cutoff: Any, ids: Sequence[int] | None,
                   extra: str = "", extra_params: Sequence[Any] = ()) -> pd.DataFrame:
        where, params = _where(self.time_column, org_id, cutoff, ids)
        select = ", ".join(["customer_id", *self.exprs])
        sql = f'SELECT {select} FROM "{self.table}" WHERE {where}{extra} GROUP BY customer_id'
        return _by_customer(await _read(sql, [*self.params, *params, *extra_params],
                                        ["customer_id", *self.aliases()], self.stamps))


@asynccontextmanager
async def reading() -> AsyncIterator[None]:
    """On PostgreSQL, one transaction without JIT: the planner overestimates the rows of
    `= ANY` lookups, and compiling the aggregates then costs more than running them."""
    if not is_postgres():
        yield
        return
    async with in_transaction():
        async with connections.get("default").acquire_connection() as raw:
            await raw.execute("SET LOCAL jit = off")
        yield


def _where(time_column: str, org_id: int, cutoff: Any, ids: Sequence[int] | None
           ) -> tuple[str, list[Any]]:
    where = f"organization_id = ? AND {time_column} < ?"
    params: list[Any] = [org_id, cutoff]
    if ids is not None:
        clause, value = id_filter("customer_id", ids)
        where += f" AND {clause}"
        params.append(value)
    return where, params


def _ts(expr: str) -> str:
    """A time as epoch seconds on PostgreSQL (double precision), as stored on SQLite."""
    return f"date_part('epoch', {expr})" if is_postgres() else expr


def _seconds(later: str, earlier: str) -> str:
    if is_postgres():
        return f"date_part('epoch', {later} - {earlier})"
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


def _codes(column: str, codes: dict[str, int], default: int) -> str:
    whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in codes.items())
    return f"CASE {column} {whens} ELSE {default} END"


async def _read(sql: str, params: list[Any], columns: list[str], stamps: Sequence[str] = ()
                ) -> pd.DataFrame:
    """Rows of numbers (and, on SQLite, ISO times in `stamps`) as a float frame; times
    become epoch seconds."""
    _, rows = await connections.get("default").execute_query(dialect_sql(sql), params)
    if is_postgres():
        data = np.array(rows, dtype=np.float64).reshape(len(rows), len(columns))
        return pd.DataFrame(data, columns=columns)
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)
    for name in columns:
        values = frame[name]
        frame[name] = (_epoch(values) if name in stamps
                       else pd.to_numeric(values, errors="coerce").astype(float))
    return frame


def _epoch(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values, utc=True, format="ISO8601")
    return np.asarray((stamps - _EPOCH).dt.total_seconds(), dtype=np.float64)


def _by_customer(frame: pd.DataFrame) -> pd.DataFrame:
    frame.index = pd.Index(frame.pop("customer_id").to_numpy(np.int64), name="customer_id")
    return frame


# --- per-table reads ---------------------------------------------------------------------

async def customers(org_id: int, ids: Sequence[int] | None) -> pd.DataFrame:
    sql = f'SELECT id, {_ts("created_at")} FROM "customer" WHERE organization_id = ?'
    params: list[Any] = [org_id]
    if ids is not None:
        clause, value = id_filter("id", ids)
        sql += f" AND {clause}"
        params.append(value)
    return _by_customer(await _read(sql, params, ["customer_id", "created_at"],
                                    ["created_at"]))


async def subscriptions(org_id: int, t: Any, ids: Sequence[int] | None) -> pd.DataFrame:
    where, params = _where("started_at", org_id, t, ids)
    sql = (f"SELECT customer_id, id, {_codes('LOWER(plan)', TIER_RANK, 0)}, "
           f"CAST(seats AS DOUBLE PRECISION), CAST(mrr AS DOUBLE PRECISION), "
           f"{_ts('started_at')}, {_ts('CASE WHEN canceled_at < ? THEN canceled_at END')} "
           f'FROM "subscription" WHERE {where}')
    cols = ["customer_id", "id", "tier", "seats", "mrr", "started_at", "canceled_at"]
    frame = await _read(sql, [t, *params], cols, ["started_at", "canceled_at"])
    frame["customer_id"] = frame["customer_id"].to_numpy(np.int64)
    return frame


async def invoices(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                    ) -> pd.DataFrame:
    q = _Query("invoice", "issued_at")
    t, d90, d365, due = at["t"], at["d90"], at["d365"], at["overdue"]
    unpaid = "(paid_at IS NULL OR paid_at >= ?)"
    q.add("COUNT(*)", "invoices_total")
    q.add("SUM(CASE WHEN issued_at >= ? THEN 1 ELSE 0 END)", "invoices_90d", d90)
    q.add("SUM(CASE WHEN issued_at >= ? THEN amount ELSE 0 END)", "invoiced_90d", d90)
    q.add("SUM(CASE WHEN issued_at >= ? THEN amount ELSE 0 END)", "invoiced_365d", d365)
    q.stamp("MAX(issued_at)", "last_issued")
    q.add("SUM(CASE WHEN issued_at >= ? AND paid_at < ? THEN 1 ELSE 0 END)",
          "paid_invoices_90d", d90, t)
    q.add(f"SUM(CASE WHEN issued_at < ? AND {unpaid} THEN 1 ELSE 0 END)", "unpaid_invoices",
          due, t)
    q.add(f"SUM(CASE WHEN issued_at >= ? AND issued_at < ? AND {unpaid} THEN 1 ELSE 0 END)",
          "unpaid_invoices_90d", d90, due, t)
    q.add(f"SUM(CASE WHEN issued_at < ? AND {unpaid} THEN amount ELSE 0 END)", "unpaid_amount",
          due, t)
    q.add("SUM(CASE WHEN issued_at >= ? AND issued_at < ? THEN 1 ELSE 0 END)", "due_365d",
          d365, due)
    q.add(f"SUM(CASE WHEN issued_at >= ? AND issued_at < ? AND {unpaid} THEN 1 ELSE 0 END)",
          "unpaid_365d", d365, due, t)
    q.add(f"SUM(CASE WHEN issued_at >= ? AND paid_at < ? THEN "
          f"{_seconds('paid_at', 'issued_at')} END)", "pay_seconds_365d", d365, t)
    q.add("SUM(CASE WHEN issued_at >= ? AND paid_at < ? THEN 1 ELSE 0 END)", "paid_365d",
          d365, t)
    q.stamp("MAX(CASE WHEN paid_at < ? THEN paid_at END)", "last_paid", t)
    return await q.read(org_id, t, ids)


async def payments(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                    ) -> pd.DataFrame:
    q = _Query("payment", "at")
    d90 = at["d90"]
    q.add("SUM(CASE WHEN at >= ? THEN 1 ELSE 0 END)", "payments_90d", d90)
    q.add("SUM(CASE WHEN at >= ? AND status = 'succeeded' THEN amount ELSE 0 END)",
          "paid_amount_90d", d90)
    q.add("SUM(CASE WHEN at >= ? AND status = 'failed' THEN 1 ELSE 0 END)",
          "failed_payments_90d", d90)
    q.add("SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)", "failed_payments_total")
    q.stamp("MAX(CASE WHEN status = 'failed' THEN at END)", "last_failed")
    q.stamp("MAX(CASE WHEN status = 'succeeded' THEN at END)", "last_succeeded")
    return await q.read(org_id, at["t"], ids)


async def usage(org_id: int, at: dict[str, Any], ids: Sequence[int] | None) -> pd.DataFrame:
    q = _Query("usage_event", "at")
    for k in range(USAGE_WEEKS):
        q.add("SUM(CASE WHEN at >= ? AND at < ? THEN quantity ELSE 0 END)", f"w{k}",
              at[f"w{k + 1}"], at[f"w{k}"])
    q.add("SUM(CASE WHEN at >= ? AND type = 'login' THEN quantity ELSE 0 END)", "logins_4w",
          at["w4"])
    q.add("COUNT(DISTINCT CASE WHEN at >= ? AND quantity > 0 THEN type END)", "usage_types_12w",
          at[f"w{USAGE_WEEKS}"])
    q.stamp("MAX(CASE WHEN quantity > 0 THEN at END)", "last_active")
    q.stamp("MAX(CASE WHEN quantity > 0 AND type = 'login' THEN at END)", "last_login")
    return await q.read(org_id, at["t"], ids, " AND at >= ?", [at["d365"]])


async def tickets(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                   ) -> pd.DataFrame:
    q = _Query("support_ticket", "opened_at")
    t, d30, d90 = at["t"], at["d30"], at["d90"]
    q.add("SUM(CASE WHEN opened_at >= ? THEN 1 ELSE 0 END)", "tickets_30d", d30)
    q.add("SUM(CASE WHEN opened_at >= ? THEN 1 ELSE 0 END)", "tickets_90d", d90)
    q.add("AVG(CASE WHEN opened_at >= ? THEN sentiment END)", "sentiment_90d", d90)
    q.add("MIN(CASE WHEN opened_at >= ? THEN sentiment END)", "min_sentiment_90d", d90)
    q.add("SUM(CASE WHEN opened_at >= ? AND priority IN ('high', 'urgent') THEN 1 ELSE 0 END)",
          "urgent_90d", d90)
    q.add(f"SUM(CASE WHEN opened_at >= ? AND closed_at < ? THEN "
          f"{_seconds('closed_at', 'opened_at')} END)", "resolve_seconds_90d", d90, t)
    q.add("SUM(CASE WHEN opened_at >= ? AND closed_at < ? THEN 1 ELSE 0 END)", "resolved_90d",
          d90, t)
    q.add("SUM(CASE WHEN closed_at IS NULL OR closed_at >= ? THEN 1 ELSE 0 END)",
          "open_tickets", t)
    q.add("SUM(CASE WHEN opened_at >= ? AND topic = 'cancellation' THEN 1 ELSE 0 END)",
          "cancellation_tickets_90d", d90)
    q.stamp("MAX(opened_at)", "last_ticket")
    return await q.read(org_id, t, ids)


async def journeys(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                    ) -> pd.DataFrame:
    where, params = _where("at", org_id, at["t"], ids)
    part = "OVER (PARTITION BY customer_id)"

    def count(stage: Stage) -> str:
        return f"SUM(CASE WHEN to_stage = '{stage.value}' THEN 1 ELSE 0 END) {part}"

    sql = (
        f"SELECT customer_id, {_codes('to_stage', STAGE_CODES, -1)}, {_ts('at')}, "
        "reactivations, contractions, at_risk_flags, transitions_90d FROM (SELECT "
        "customer_id, to_stage, at, ROW_NUMBER() OVER "
        "(PARTITION BY customer_id ORDER BY at DESC, id DESC) AS rn__, "
        f"{count(Stage.REACTIVATED)} AS reactivations, "
        f"{count(Stage.CONTRACTION)} AS contractions, "
        f"{count(Stage.AT_RISK)} AS at_risk_flags, "
        f"SUM(CASE WHEN at >= ? THEN 1 ELSE 0 END) {part} AS transitions_90d "
        f'FROM "lifecycle_transition" WHERE {where}) AS t WHERE rn__ = 1'
    )
    cols = ["customer_id", "stage_code", "at", "reactivations", "contractions",
            "at_risk_flags", "transitions_90d"]
    return _by_customer(await _read(sql, [at["d90"], *params], cols, ["at"]))
