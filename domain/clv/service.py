"""Use cases: fit the organization's value models and store every customer's CLV.

`fit_clv_models` reads orders, revenue and subscriptions (a constant number of statements),
values every customer in the fitting pool (`domain.clv.compute`), registers the fit as a
model version of kind "clv" (parameters and their covariances, the holdout report, the
backtest and why its winner was chosen, the ML model as artifact) and activates it, then
replaces the organization's `CustomerValue` rows in one transaction, so a second run
leaves the same rows and a failed run leaves the previous ones. Requests dedupe on an
unfinished job of the same kind.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from tortoise.transactions import in_transaction

from domain.clv import reads
from domain.clv.compute import ValueResult, compute_values
from domain.clv.queries import KIND
from domain.enums import JobKind, ValueModel, ValueTier
from domain.errors import ValidationFailed
from domain.jobs.service import JobQueue, JobRequest, request_job
from domain.ml import registry
from domain.ml.fitting import FitIn, in_thread
from domain.models import Customer, CustomerValue, ModelVersion, Subscription, Transaction
from domain.settings import Settings
from domain.times import utc_timestamp

Progress = Callable[[float, str], Awaitable[None]]
WRITE_CHUNK = 2000


@dataclass(frozen=True)
class ClvOutcome:
    version_id: int | None
    valued: int
    by_model: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)
    chosen: str = "probabilistic"
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"version_id": self.version_id, "valued": self.valued, "by_model": self.by_model,
                "warnings": self.warnings, "excluded": self.excluded, "chosen": self.chosen,
                "reason": self.reason}


async def _quiet(_fraction: float, _message: str) -> None:
    return None


async def request_fit(queue: JobQueue, org_id: int) -> JobRequest:
    """Queue `fit_clv_models`; a typed error now when there is nothing to value."""
    has_orders = await Transaction.filter(organization_id=org_id).exists()
    if not has_orders and not await Subscription.filter(organization_id=org_id).exists():
        raise ValidationFailed("no transactions or subscriptions to value: import or sync "
                               "purchases first", field="organization")
    return await request_job(queue, org_id, JobKind.FIT_CLV_MODELS, {})


def _excluded_warning(excluded: dict[str, int]) -> list[str]:
    words = {"future": "dated in the future", "non_positive_amount": "with a zero or negative "
             "amount", "returned": "returned (ReturnFlag)"}
    return [f"{n:,} transaction(s) {words[k]} were left out" for k, n in excluded.items()]


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    v = float(value)
    return round(v, 4) if math.isfinite(v) else None


async def _write(org_id: int, version_id: int | None, values: pd.DataFrame, horizon: int,
                 at: datetime) -> None:
    rows = [CustomerValue(
        organization_id=org_id, customer_id=int(cid), model_version_id=version_id,
        model=ValueModel(r["model"]), value=round(float(r["value"]), 2),
        lower=round(float(r["lower"]), 2), upper=round(float(r["upper"]), 2),
        horizon_months=horizon, p_alive=_finite(r["p_alive"]),
        expected_purchases=_finite(r["expected_purchases"]),
        expected_lifetime_months=_finite(r["expected_lifetime_months"]),
        tier=ValueTier(r["tier"]), factors=r["factors"], computed_at=at)
        for cid, r in values.iterrows()]
    async with in_transaction():
        await CustomerValue.filter(organization_id=org_id).delete()
        for start in range(0, len(rows), WRITE_CHUNK):
            await CustomerValue.bulk_create(rows[start:start + WRITE_CHUNK])


async def _register(org_id: int, result: ValueResult, at: datetime, horizon: int,
                    window_start: datetime, excluded: dict[str, int]) -> ModelVersion:
    from domain.clv.features import FEATURES

    metrics = {**result.metrics, "warnings": result.warnings, "excluded": excluded,
               "valued": len(result.values),
               "by_model": result.values["model"].value_counts().to_dict()
               if not result.values.empty else {}}
    parts = {"fit.json": json.dumps(registry.jsonable(result.params), sort_keys=True).encode()}
    if result.booster:
        parts["regressor"] = result.booster
    version = await registry.register_candidate(
        org_id, KIND, model_bytes=parts,
        params=result.params, features=list(FEATURES) if result.booster else [],
        metrics=metrics, calibration=[], importance=result.importance,
        window=(window_start, at), cutoffs=[at], horizon_days=horizon * 30)
    return await registry.activate(org_id, version.id)


async def fit_clv_models(org_id: int, *, settings: Settings, fit_in: FitIn | None = None,
                         progress: Progress = _quiet, at: datetime | None = None
                         ) -> ClvOutcome:
    now = at or datetime.now(UTC)
    when = utc_timestamp(now)
    await progress(0.05, "reading orders, revenue and subscriptions")
    orders = await reads.orders(org_id, now)
    revenue = await reads.revenue(org_id, now, orders.frame)
    subs_now = await reads.subscribers(org_id, now)
    subs_cut = await reads.subscribers(org_id, now - pd.Timedelta(days=365).to_pytimedelta())
    excluded_warnings = _excluded_warning(orders.excluded)
    if orders.frame.empty and subs_now.empty:
        await CustomerValue.filter(organization_id=org_id).delete()
        return ClvOutcome(None, 0, {}, [*excluded_warnings, "nothing to value: no kept "
                                        "transactions and no subscriptions"], orders.excluded)
    buyers = int(orders.frame["customer_id"].nunique())
    await progress(0.2, f"fitting value models for {len(subs_now) + buyers:,} customers")
    args = (orders.frame, revenue, subs_now, subs_cut, when, settings.clv_purchase_model,
            settings.clv_horizon_months, settings.clv_discount_rate)
    result = await (fit_in or in_thread)(compute_values, *args)
    result.warnings[:0] = excluded_warnings
    await progress(0.8, f"storing {len(result.values):,} customer values")
    start = revenue["at"].min().to_pydatetime() if not revenue.empty else now
    version = await _register(org_id, result, now, settings.clv_horizon_months, start,
                              orders.excluded)
    # the fit becomes active only once its values are stored (a failed write leaves the
    # previous values and the version that made them)
    await _write(org_id, version.id, result.values, settings.clv_horizon_months, now)
    version = await registry.activate(org_id, version.id)
    test = result.metrics.get("backtest", {})
    return ClvOutcome(version.id, len(result.values),
                      {str(k): int(v) for k, v in version.metrics.get("by_model", {}).items()},
                      result.warnings, orders.excluded, str(test.get("chosen", "probabilistic")),
                      str(test.get("reason", "")))


async def customers_without_value(org_id: int) -> int:
    """Customers of the organization that have no stored value (for reports)."""
    valued = await CustomerValue.filter(organization_id=org_id).count()
    return await Customer.filter(organization_id=org_id).count() - valued
