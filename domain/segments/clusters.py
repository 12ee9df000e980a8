"""Behavioural clusters of an organization's customers: the behaviour features (read in
four set-based statements), the fit (`domain.segments.estimator`, in a thread or the
worker's process pool), each cluster described in plain words from its centroid, and the
result stored in the model registry (kind "clusters"; the newest fit is the active one).

Customers: those with a purchase (a transaction, or a paid invoice with a positive amount)
or a subscription started before `at`. Features per customer, as of `at`:

    days_since_purchase  days since the last purchase (tenure when there is none)
    purchase_days_365d   distinct purchase days in the last 365 days
    revenue_365d         revenue in the last 365 days
    avg_order_value      lifetime revenue / lifetime purchases (0 without any)
    tenure_days          days since the earliest of signup, first subscription, purchase
    mrr                  MRR of the subscriptions running at `at`
    usage_trend          weekly usage of the last 4 weeks against the 8 before, as a
                         fractional change in [-1, 3]; only when the organization has usage
    tickets_90d          support tickets opened in the last 90 days

Features that are the same for every customer are dropped. Each cluster is named and
described in plain words from its centroid (`domain.segments.cluster_words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from domain.db import is_postgres
from domain.errors import ValidationFailed
from domain.ml import registry
from domain.ml.fitting import in_thread
from domain.models import ModelVersion, UsageEvent
from domain.segments.cluster_words import BY_NAME, describe, second_trait, unique_names
from domain.sql import db_value, select_dicts
from domain.times import utc_series

if TYPE_CHECKING:
    from domain.ml.fitting import FitIn
    from domain.segments.estimator import ClusterModel

KIND = "clusters"
MIN_CUSTOMERS = 10
MIN_FEATURES = 2
DAY = timedelta(days=1)


class NotEnoughCustomers(ValidationFailed):
    code = "NOT_ENOUGH_CUSTOMERS"


class NotEnoughFeatures(ValidationFailed):
    code = "NOT_ENOUGH_FEATURES"


@dataclass(frozen=True)
class ClusterFeature:
    feature: str
    label: str
    value: float  # the cluster's median, raw units
    z: float  # the centroid in z-score space


@dataclass(frozen=True)
class ClusterInfo:
    id: int
    name: str
    description: str
    size: int
    share: float
    centroid: list[ClusterFeature]


@dataclass(frozen=True)
class ClusterSummary:
    version_id: int
    version: int
    k: int
    silhouette: float
    silhouette_by_k: dict[int, float]
    clusters: list[ClusterInfo]
    features: list[str]
    dropped: dict[str, str]
    customers: int
    as_of: datetime
    fitted_at: datetime


@dataclass(frozen=True)
class ClusterFit:
    summary: ClusterSummary
    labels: dict[int, int] = field(repr=False)  # customer id -> cluster id


# --- reading the behaviour features -------------------------------------------------------

def _day(column: str) -> str:
    return f"CAST({column} AT TIME ZONE 'UTC' AS DATE)" if is_postgres() else f"date({column})"


def _money_sql(expr: str) -> str:
    return f"CAST({expr} AS DOUBLE PRECISION)"


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    frame.index = pd.Index(frame.pop("customer_id").astype(np.int64), name="customer_id")
    return frame


async def _read(org_id: int, at: datetime) -> dict[str, pd.DataFrame]:
    """The four statements: customers with subscriptions, purchases, usage, tickets."""
    t, d365, d90, w4, w12 = (db_value(UsageEvent, "at", v) for v in (
        at, at - 365 * DAY, at - 90 * DAY, at - 28 * DAY, at - 84 * DAY))
    running = "(canceled_at IS NULL AND status <> 'canceled') OR canceled_at >= ?"
    customers = await select_dicts(
        f"SELECT c.id AS customer_id, c.created_at, c.currency, s.mrr, s.first_start "
        f'FROM "customer" c LEFT JOIN (SELECT customer_id, '
        f"{_money_sql(f'SUM(CASE WHEN {running} THEN mrr ELSE 0 END)')} AS mrr, "
        f'MIN(started_at) AS first_start FROM "subscription" WHERE organization_id = ? '
        f"AND started_at < ? GROUP BY customer_id) s ON s.customer_id = c.id "
        f"WHERE c.organization_id = ?", [t, org_id, t, org_id])
    purchases = await select_dicts(
        f"SELECT customer_id, COUNT(*) AS orders, {_money_sql('SUM(amount)')} AS revenue, "
        f"{_money_sql('SUM(CASE WHEN at >= ? THEN amount ELSE 0 END)')} AS revenue_365d, "
        f"COUNT(DISTINCT CASE WHEN at >= ? THEN day END) AS purchase_days_365d, "
        f"MIN(at) AS first_at, MAX(at) AS last_at FROM ("
        f'SELECT customer_id, at, amount, {_day("at")} AS day FROM "transaction" '
        f"WHERE organization_id = ? AND at < ? UNION ALL "
        f'SELECT customer_id, paid_at, amount, {_day("paid_at")} FROM "invoice" '
        f"WHERE organization_id = ? AND status = 'paid' AND amount > 0 AND paid_at < ?"
        f") AS p GROUP BY customer_id", [d365, d365, org_id, t, org_id, t])
    usage = await select_dicts(
        f"SELECT customer_id, {_money_sql('SUM(CASE WHEN at >= ? THEN quantity ELSE 0 END)')}"
        f" AS recent, {_money_sql('SUM(CASE WHEN at < ? THEN quantity ELSE 0 END)')} AS prior "
        f'FROM "usage_event" WHERE organization_id = ? AND at >= ? AND at < ? '
        f"GROUP BY customer_id", [w4, w4, org_id, w12, t])
    tickets = await select_dicts(
        'SELECT customer_id, COUNT(*) AS tickets FROM "support_ticket" '
        "WHERE organization_id = ? AND opened_at >= ? AND opened_at < ? GROUP BY customer_id",
        [org_id, d90, t])
    return {
        "customers": _frame(customers, ["customer_id", "created_at", "currency", "mrr",
                                        "first_start"]),
        "purchases": _frame(purchases, ["customer_id", "orders", "revenue", "revenue_365d",
                                        "purchase_days_365d", "first_at", "last_at"]),
        "usage": _frame(usage, ["customer_id", "recent", "prior"]),
        "tickets": _frame(tickets, ["customer_id", "tickets"]),
    }


def _usage_trend(usage: pd.DataFrame) -> pd.Series:
    recent = usage["recent"].astype(float) / 4.0
    prior = usage["prior"].astype(float) / 8.0
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(prior > 0, recent / prior.where(prior > 0, 1.0) - 1.0,
                          np.where(recent > 0, 1.0, 0.0))
    return pd.Series(np.clip(change, -1.0, 3.0), index=usage.index)


async def behaviour_frame(org_id: int, at: datetime) -> tuple[pd.DataFrame, str]:
    """(features per customer (index customer_id), the organization's usual currency)."""
    parts = await _read(org_id, at)
    cust, buys = parts["customers"], parts["purchases"]
    subscribed = cust["first_start"].notna()
    cust = cust[subscribed | cust.index.isin(buys.index)]
    buys = buys.reindex(cust.index)
    end = pd.Timestamp(at).tz_convert("UTC")
    starts = pd.concat([utc_series(cust["created_at"]), utc_series(cust["first_start"]),
                        utc_series(buys["first_at"])], axis=1).min(axis=1)
    tenure = ((end - starts).dt.total_seconds() / 86400.0).clip(lower=0).fillna(0.0)
    since = (end - utc_series(buys["last_at"])).dt.total_seconds() / 86400.0
    orders = buys["orders"].astype(float).fillna(0.0)
    revenue = buys["revenue"].astype(float).fillna(0.0)
    frame = pd.DataFrame({
        "revenue_365d": buys["revenue_365d"].astype(float).fillna(0.0),
        "purchase_days_365d": buys["purchase_days_365d"].astype(float).fillna(0.0),
        "days_since_purchase": since.fillna(tenure).clip(lower=0),
        "avg_order_value": (revenue / orders.where(orders > 0)).fillna(0.0),
        "tenure_days": tenure,
        "mrr": cust["mrr"].astype(float).fillna(0.0),
    }, index=cust.index)
    if not parts["usage"].empty:
        frame["usage_trend"] = _usage_trend(parts["usage"]).reindex(frame.index).fillna(0.0)
    frame["tickets_90d"] = parts["tickets"]["tickets"].astype(float).reindex(
        frame.index).fillna(0.0)
    currencies = cust["currency"].dropna()
    currency = str(currencies.mode().iloc[0]) if len(currencies) else "USD"
    return frame.sort_index(), currency


def usable_features(frame: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """(features that vary, {dropped feature: why})."""
    keep: list[str] = []
    dropped: dict[str, str] = {}
    for name in frame.columns:
        values = frame[name].to_numpy(dtype=np.float64)
        if len(values) and np.nanmax(values) == np.nanmin(values):
            dropped[str(name)] = "the same for every customer"
        else:
            keep.append(str(name))
    return keep, dropped


def _clusters(model: ClusterModel, frame: pd.DataFrame, currency: str) -> list[ClusterInfo]:
    medians = frame[model.features].groupby(model.labels).median()
    sizes, total = model.sizes(), len(frame)
    named: list[tuple[str, str, str]] = []
    for cid in range(model.k):
        z = dict(zip(model.features, model.centroids[cid], strict=True))
        name, text = describe(z, medians.loc[cid].to_dict(), currency)
        named.append((name, text, second_trait(z)))
    names = unique_names([n for n, _, _ in named], [s for _, _, s in named])
    return [ClusterInfo(
        id=cid, name=names[cid], description=named[cid][1], size=sizes[cid],
        share=sizes[cid] / total if total else 0.0,
        centroid=[ClusterFeature(feature=f, label=BY_NAME[f].label,
                                 value=float(medians.loc[cid, f]), z=float(z))
                  for f, z in zip(model.features, model.centroids[cid], strict=True)],
    ) for cid in range(model.k)]


# --- fitting and storing ----------------------------------------------------------------

def fit_model(frame: pd.DataFrame, features: list[str], log_features: list[str]
              ) -> ClusterModel:
    """Pure, picklable entry point for a process pool."""
    from domain.segments import estimator

    return estimator.fit(frame, features=features, log_features=log_features)


def _check(frame: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    if len(frame) < MIN_CUSTOMERS:
        raise NotEnoughCustomers(
            f"clusters need at least {MIN_CUSTOMERS} customers with a purchase or a "
            f"subscription; the organization has {len(frame)}", field="customers",
            customers=len(frame))
    features, dropped = usable_features(frame)
    if len(features) < MIN_FEATURES:
        raise NotEnoughFeatures(
            f"clusters need at least {MIN_FEATURES} behaviour features that differ between "
            f"customers; only {len(features)} do ({', '.join(features) or 'none'}), and "
            f"{', '.join(dropped)} are the same for every customer", field="features",
            usable=features, dropped=sorted(dropped))
    distinct = len(frame[features].drop_duplicates())
    if distinct < 3:
        raise NotEnoughCustomers(
            f"the {len(frame)} customers show only {distinct} distinct behaviours; at least "
            "3 are needed to compare clusterings", field="customers", distinct=distinct)
    return features, dropped


async def fit_clusters(org_id: int, *, fit_in: FitIn | None = None,
                       at: datetime | None = None) -> ClusterFit:
    """Read the behaviour features, fit and describe the clusters, store them as the
    active "clusters" version and return the summary with each customer's cluster id."""
    moment = at or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValidationFailed("at must be timezone-aware", field="at")
    frame, currency = await behaviour_frame(org_id, moment)
    features, dropped = _check(frame)
    logged = [f for f in features if BY_NAME[f].log]
    run = fit_in or in_thread
    model: ClusterModel = await run(fit_model, frame[features], features, logged)
    clusters = _clusters(model, frame, currency)
    spread = {f: float(np.sqrt(np.average(np.square(np.asarray(model.centroids)[:, i]),
                                          weights=model.sizes())))
              for i, f in enumerate(model.features)}
    metrics = {
        "k": model.k, "silhouette": model.silhouette,
        "silhouette_by_k": {str(k): v for k, v in model.silhouette_by_k.items()},
        "clusters": [_cluster_json(c) for c in clusters], "customers": len(frame),
        "dropped": dropped, "currency": currency, "as_of": moment,
    }
    version = await registry.register_candidate(
        org_id, KIND, model_bytes={"model.json": model.to_json()},
        params={**model.params, "log_features": logged}, features=features, metrics=metrics,
        calibration=[], importance=spread, window=(moment - 365 * DAY, moment),
        cutoffs=[moment], horizon_days=0)
    version = await registry.activate(org_id, version.id)
    labels = dict(zip(frame.index.tolist(), model.labels.tolist(), strict=True))
    return ClusterFit(summary=_summary(version), labels=labels)


def _cluster_json(c: ClusterInfo) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "description": c.description, "size": c.size,
            "share": c.share, "centroid": [
                {"feature": f.feature, "label": f.label, "value": f.value, "z": f.z}
                for f in c.centroid]}


def _float(value: Any) -> float:
    """Stored numbers (null where NaN was stored) as finite floats."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return 0.0
    return out if np.isfinite(out) else 0.0


def _summary(version: ModelVersion) -> ClusterSummary:
    m = version.metrics
    clusters = [ClusterInfo(
        id=int(c["id"]), name=str(c["name"]), description=str(c["description"]),
        size=int(c["size"]), share=_float(c["share"]),
        centroid=[ClusterFeature(feature=str(f["feature"]), label=str(f["label"]),
                                 value=_float(f["value"]), z=_float(f["z"]))
                  for f in c["centroid"]]) for c in m.get("clusters", [])]
    as_of = m.get("as_of")
    return ClusterSummary(
        version_id=version.id, version=version.version, k=int(m.get("k", len(clusters))),
        silhouette=_float(m.get("silhouette")),
        silhouette_by_k={int(k): _float(v) for k, v in
                         sorted(m.get("silhouette_by_k", {}).items(), key=lambda i: int(i[0]))},
        clusters=clusters, features=list(version.features),
        dropped={str(k): str(v) for k, v in m.get("dropped", {}).items()},
        customers=int(m.get("customers", 0)),
        as_of=datetime.fromisoformat(as_of) if isinstance(as_of, str) else version.window_end,
        fitted_at=version.created_at)


async def latest_clusters(org_id: int) -> ClusterSummary | None:
    """The active clustering of the organization (the newest fit), or None. One statement."""
    version = await registry.active(org_id, KIND)
    return _summary(version) if version is not None else None

