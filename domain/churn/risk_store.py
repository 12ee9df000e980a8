"""Writes of the scoring use case (`domain.churn.scoring`): score history, current scores,
risk changes and drift reports. Reads batch long id lists (`IN_BATCH` per statement).

A chunk is written in one transaction under the organization lock. On PostgreSQL that is
four set-based statements whatever the chunk size (arrays through `unnest`): the history
rows (`ON CONFLICT DO NOTHING` on the unique index skips customers already scored at that
moment by that version, `RETURNING` says which were written), the previous current rows,
the current rows upserted, the changes. Other databases (SQLite) go through the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from domain.churn.drift import BinCounter
from domain.db import is_postgres
from domain.enums import RiskLevel
from domain.locks import lock_organization
from domain.models import CustomerRisk, DriftReport, ModelVersion, RiskChange, RiskScore
from domain.sql import db_value, dialect_sql

IN_BATCH = 1000
CURRENT_FIELDS = ("probability", "level", "model_version_id", "scored_at", "score_id")


@dataclass(frozen=True)
class ScoredRow:
    customer_id: int
    probability: float
    level: RiskLevel
    factors: list[dict[str, Any]]
    recommendations: list[str]
    days: float | None
    days_low: float | None
    days_high: float | None


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    for k in range(0, len(ids), IN_BATCH):
        yield list(ids[k:k + IN_BATCH])


async def scored_ids(org_id: int, version_id: int, at: datetime,
                     customer_ids: Sequence[int] | None = None) -> set[int]:
    """Customers already scored at `at` by version `version_id`."""
    if customer_ids is None:
        _, rows = await connections.get("default").execute_query(dialect_sql(
            'SELECT customer_id FROM "risk_score" WHERE organization_id = ? '
            "AND model_version_id = ? AND scored_at = ?"),
            [org_id, version_id, db_value(RiskScore, "scored_at", at)])
        return {int(row[0]) for row in rows}
    qs = RiskScore.filter(organization_id=org_id, model_version_id=version_id, scored_at=at)
    found: set[int] = set()
    for part in _batches(customer_ids):
        found.update(int(row[0]) for row in await qs.filter(customer_id__in=part).values_list(
            "customer_id"))
    return found


def change_payload(change: RiskChange, version: ModelVersion) -> dict[str, Any]:
    """The event published on `risk_channel` for a stored change."""
    return _payload(change.organization_id, change.customer_id,
                    change.from_level.value if change.from_level else None,
                    change.to_level.value, change.from_probability, change.to_probability,
                    version.version, change.at)


def _payload(org_id: int, customer_id: int, from_level: str | None, to_level: str,
             from_probability: float | None, to_probability: float, version: int,
             at: datetime) -> dict[str, Any]:
    return {"organization_id": org_id, "customer_id": customer_id, "from_level": from_level,
            "to_level": to_level, "from_probability": from_probability,
            "to_probability": to_probability, "model_version": version,
            "at": at.isoformat()}


def _is_change(prev: CustomerRisk | None, row: ScoredRow, delta: float) -> bool:
    return prev is None or prev.level != row.level or (
        abs(row.probability - prev.probability) > delta)


async def write_chunk(org_id: int, version: ModelVersion, rows: Sequence[ScoredRow],
                      at: datetime, *, delta: float
                      ) -> tuple[list[ScoredRow], list[dict[str, Any]]]:
    """Store scored rows (skipping customers already scored at `at` by this version) and
    their changes in one transaction under the organization lock. Returns the rows written
    and the change events to publish once committed."""
    if is_postgres():
        return await _write_chunk_pg(org_id, version, rows, at, delta=delta)
    async with in_transaction():
        await lock_organization(org_id)
        done = await scored_ids(org_id, version.id, at, [r.customer_id for r in rows])
        rows = [r for r in rows if r.customer_id not in done]
        if not rows:
            return [], []
        ids = [r.customer_id for r in rows]
        await RiskScore.bulk_create([
            RiskScore(organization_id=org_id, customer_id=r.customer_id,
                      model_version_id=version.id, probability=r.probability, level=r.level,
                      factors=r.factors, recommendations=r.recommendations,
                      time_to_churn_days=r.days, time_to_churn_low=r.days_low,
                      time_to_churn_high=r.days_high, scored_at=at)
            for r in rows], batch_size=IN_BATCH)
        score_ids: dict[int, int] = {}
        previous: dict[int, CustomerRisk] = {}
        for part in _batches(ids):
            score_ids.update(await RiskScore.filter(
                organization_id=org_id, model_version_id=version.id, scored_at=at,
                customer_id__in=part).values_list("customer_id", "id"))
            previous.update({c.customer_id: c for c in await CustomerRisk.filter(
                organization_id=org_id, customer_id__in=part)})
        current: list[CustomerRisk] = []
        changes: list[RiskChange] = []
        for r in rows:
            prev = previous.get(r.customer_id)
            if prev is not None and prev.scored_at > at:
                continue  # a later scoring stays current (this run is a backfill)
            current.append(CustomerRisk(
                organization_id=org_id, customer_id=r.customer_id, probability=r.probability,
                level=r.level, model_version_id=version.id, scored_at=at,
                score_id=score_ids[r.customer_id]))
            if _is_change(prev, r, delta):
                changes.append(RiskChange(
                    organization_id=org_id, customer_id=r.customer_id,
                    from_level=prev.level if prev else None, to_level=r.level,
                    from_probability=prev.probability if prev else None,
                    to_probability=r.probability, model_version_id=version.id, at=at))
        if current:
            await CustomerRisk.bulk_create(current, on_conflict=["customer_id"],
                                           update_fields=list(CURRENT_FIELDS),
                                           batch_size=IN_BATCH)
        if changes:
            await RiskChange.bulk_create(changes, batch_size=IN_BATCH)
    return rows, [change_payload(c, version) for c in changes]


_INSERT_SCORES = (
    'INSERT INTO "risk_score" (organization_id, model_version_id, scored_at, customer_id, '
    "probability, level, factors, recommendations, time_to_churn_days, time_to_churn_low, "
    "time_to_churn_high) SELECT $1, $2, $3, c, p, l, f::jsonb, r::jsonb, d, lo, hi FROM "
    "unnest($4::int[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::float8[], "
    "$10::float8[], $11::float8[]) AS v(c, p, l, f, r, d, lo, hi) "
    "ON CONFLICT (customer_id, scored_at, model_version_id) DO NOTHING "
    "RETURNING customer_id, id")
_PREVIOUS = ('SELECT customer_id, level, probability, scored_at > $3 FROM "customer_risk" '
             "WHERE organization_id = $1 AND customer_id = ANY($2::int[])")
_UPSERT_CURRENT = (
    'INSERT INTO "customer_risk" (organization_id, model_version_id, scored_at, customer_id, '
    "probability, level, score_id) SELECT $1, $2, $3, c, p, l, s FROM unnest($4::int[], "
    "$5::float8[], $6::text[], $7::bigint[]) AS v(c, p, l, s) ON CONFLICT (customer_id) DO "
    "UPDATE SET probability = EXCLUDED.probability, level = EXCLUDED.level, "
    "model_version_id = EXCLUDED.model_version_id, scored_at = EXCLUDED.scored_at, "
    "score_id = EXCLUDED.score_id")
_INSERT_CHANGES = (
    'INSERT INTO "risk_change" (organization_id, model_version_id, at, customer_id, '
    "from_level, to_level, from_probability, to_probability) SELECT $1, $2, $3, c, fl, tl, "
    "fp, tp FROM unnest($4::int[], $5::text[], $6::text[], $7::float8[], $8::float8[]) "
    "AS v(c, fl, tl, fp, tp)")


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """Row tuples as `width` column lists (arrays for `unnest`)."""
    return [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


async def _write_chunk_pg(org_id: int, version: ModelVersion, rows: Sequence[ScoredRow],
                          at: datetime, *, delta: float
                          ) -> tuple[list[ScoredRow], list[dict[str, Any]]]:
    """`write_chunk` in four set-based statements (module docstring)."""
    head = [org_id, version.id, at]
    none = (None, None, False)
    async with in_transaction():
        await lock_organization(org_id)
        async with connections.get("default").acquire_connection() as db:
            scores = _columns([(r.customer_id, r.probability, r.level.value,
                                json.dumps(r.factors), json.dumps(r.recommendations), r.days,
                                r.days_low, r.days_high) for r in rows], 8)
            score_ids = {int(c): int(i) for c, i in await db.fetch(_INSERT_SCORES, *head,
                                                                   *scores)}
            written = [r for r in rows if r.customer_id in score_ids]
            if not written:
                return [], []
            previous = {int(c): (lv, p, later) for c, lv, p, later in await db.fetch(
                _PREVIOUS, org_id, [r.customer_id for r in written], at)}
            current = [r for r in written if not previous.get(r.customer_id, none)[2]]
            changes = [(r.customer_id, lv, r.level.value, p, r.probability)
                       for r in current for lv, p, _ in (previous.get(r.customer_id, none),)
                       if lv is None or lv != r.level.value or abs(r.probability - p) > delta]
            if current:
                await db.execute(_UPSERT_CURRENT, *head, *_columns(
                    [(r.customer_id, r.probability, r.level.value, score_ids[r.customer_id])
                     for r in current], 4))
            if changes:
                await db.execute(_INSERT_CHANGES, *head, *_columns(changes, 5))
    stamp = RiskChange._meta.fields_map["at"].to_python_value(at)  # as the ORM keeps it
    return written, [_payload(org_id, c, fl, tl, fp, tp, version.version, stamp)
                     for c, fl, tl, fp, tp in changes]


async def remove_stale(org_id: int, at: datetime) -> int:
    """Drop current scores older than `at`: after a complete run at `at`, those customers
    had no live subscription (their history stays)."""
    deleted: int = await CustomerRisk.filter(organization_id=org_id, scored_at__lt=at).delete()
    return deleted


async def save_drift(org_id: int, version_id: int, at: datetime, counter: BinCounter, *,
                     threshold: float) -> dict[str, Any]:
    """Store (or refresh) the drift report of version `version_id` at `at`."""
    psi = {name: round(value, 6) for name, value in counter.psi().items()}
    top = max(psi, key=lambda k: psi[k]) if psi else ""
    max_psi = psi.get(top, 0.0)
    values: dict[str, Any] = {"rows": counter.rows, "psi": psi, "max_psi": max_psi,
                              "max_feature": top, "flagged": max_psi > threshold,
                              "threshold": threshold}
    async with in_transaction():
        found = await DriftReport.filter(organization_id=org_id, model_version_id=version_id,
                                         computed_at=at).select_for_update().first()
        if found is None:
            found = await DriftReport.create(organization_id=org_id, model_version_id=version_id,
                                             computed_at=at, **values)
        else:
            await found.update_from_dict(values).save()
    return {"report_id": found.id, "max_psi": max_psi, "max_feature": top,
            "flagged": max_psi > threshold}
