"""Writes of the scoring use case (`domain.churn.scoring`): score history, current scores,
risk changes and drift reports. Reads batch long id lists (`IN_BATCH` per statement)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from domain.churn.drift import BinCounter
from domain.enums import RiskLevel
from domain.locks import lock_organization
from domain.models import CustomerRisk, DriftReport, ModelVersion, RiskChange, RiskScore

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
    qs = RiskScore.filter(organization_id=org_id, model_version_id=version_id, scored_at=at)
    if customer_ids is None:
        return {int(row[0]) for row in await qs.values_list("customer_id")}
    found: set[int] = set()
    for part in _batches(customer_ids):
        found.update(int(row[0]) for row in await qs.filter(customer_id__in=part).values_list(
            "customer_id"))
    return found


def change_payload(change: RiskChange, version: ModelVersion) -> dict[str, Any]:
    """The event published on `risk_channel` for a stored change."""
    return {
        "organization_id": change.organization_id,
        "customer_id": change.customer_id,
        "from_level": change.from_level.value if change.from_level else None,
        "to_level": change.to_level.value,
        "from_probability": change.from_probability,
        "to_probability": change.to_probability,
        "model_version": version.version,
        "at": change.at.isoformat(),
    }


def _is_change(prev: CustomerRisk | None, row: ScoredRow, delta: float) -> bool:
    return prev is None or prev.level != row.level or (
        abs(row.probability - prev.probability) > delta)


async def write_chunk(org_id: int, version: ModelVersion, rows: Sequence[ScoredRow],
                      at: datetime, *, delta: float
                      ) -> tuple[list[ScoredRow], list[dict[str, Any]]]:
    """Store scored rows (skipping customers already scored at `at` by this version) and
    their changes in one transaction under the organization lock. Returns the rows written
    and the change events to publish once committed."""
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
