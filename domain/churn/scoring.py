"""Scoring use case: churn risk of an organization's live customers with its active model.

Population: customers with a live subscription at `now` (started before it, not canceled
before it), the training definition of "active". Chunk by chunk (customer ids in order):
point-in-time features at `now`, then vectorised: calibrated probability, level (thresholds
`Settings.churn_levels`: low < t1 <= medium < t2 <= high < t3 <= critical), the top
`TOP_FACTORS` risk-raising contributions (positive log-odds impact, phrased with
`feature_specs.describe`), playbook recommendations (`playbook`), and the survival model's
median days to churn with a central 50% interval (null: beyond the model's horizon).

Writes per chunk, in one transaction under the organization lock: the `RiskScore` history
rows, the `CustomerRisk` current rows (upserted, never replaced by an older `scored_at`),
and a `RiskChange` for each customer whose level changed or whose probability moved more
than `Settings.risk_change_delta` (first scores count as changes, `from_*` null). After the
commit the chunk's changes are published on `risk_channel(org_id)` as one message
`{"organization_id", "changes": [change_payload, ...]}` (a million first scores are two
thousand messages, not a million). After the last chunk, current rows
older than `now` (customers no longer live) are removed.

Pipelined: while chunk n is scored (in a thread; LightGBM releases the GIL), chunk n + 1's
features are read and chunk n - 1 is written, so the database and Python work at once.
Writes, and so messages, stay in chunk order; when a run fails, the chunk being written is
still committed and published, and nothing after it is.

Idempotent for the same `now`: customers already scored at `now` by the active version are
skipped (checked again under the lock; the unique index backs it). A run with nothing left
to score reads no features, writes nothing and publishes nothing.

Drift: the training rows' bins stored with the model (`metrics["feature_bins"]`, see
`churn.drift`) against every live customer's features at `now` give a PSI per feature,
stored as a `DriftReport` (one per version and `now`), flagged when the largest PSI exceeds
`Settings.drift_psi_threshold`. Models trained before bins were stored get no report.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from tortoise import connections

from domain.churn import estimator, playbook
from domain.churn.commands import KIND
from domain.churn.drift import BinCounter
from domain.churn.estimator import survival
from domain.churn.feature_specs import describe
from domain.churn.features import feature_frame
from domain.churn.risk_store import ScoredRow, remove_stale, save_drift, scored_ids, write_chunk
from domain.enums import RiskLevel
from domain.errors import ValidationFailed
from domain.events import EventBus, risk_channel
from domain.ml import registry
from domain.models import Customer, ModelVersion, Subscription
from domain.settings import Settings
from domain.sql import db_value, dialect_sql

TOP_FACTORS = 3
LEVELS = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL)
Progress = Callable[[float, str], Awaitable[None]]


class ModelIncompatible(ValidationFailed):
    """The active model cannot score today's features (they changed since it was trained)."""

    code = "MODEL_INCOMPATIBLE"


@dataclass(frozen=True)
class ScoringOutcome:
    organization_id: int
    model_version_id: int
    model_version: int
    scored_at: datetime
    population: int  # customers with a live subscription at `scored_at`
    scored: int  # scored by this run (the others were already scored at `scored_at`)
    skipped: int
    changes: int  # RiskChange rows written (and events published when a bus was given)
    removed: int  # current rows removed: customers no longer live
    levels: dict[str, int]  # levels of the customers scored by this run
    seconds: float
    drift: dict[str, Any] | None = None  # {report_id, max_psi, max_feature, flagged}
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = registry.jsonable(asdict(self))
        return out


def parse_levels(text: str) -> tuple[float, float, float]:
    """`"0.2,0.4,0.7"` -> the medium, high and critical thresholds (increasing, in (0, 1))."""
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    ok = len(values) == 3 and all(0.0 < v < 1.0 for v in values) and (
        values[0] < values[1] < values[2])
    if not ok:
        raise ValidationFailed(
            f"churn_levels must be three increasing probabilities in (0, 1), got {text!r}",
            field="churn_levels")
    return values[0], values[1], values[2]


def levels_of(probability: np.ndarray, thresholds: Sequence[float]) -> list[RiskLevel]:
    idx = np.searchsorted(np.asarray(thresholds, dtype=np.float64), probability, side="right")
    return [LEVELS[int(i)] for i in idx]


@dataclass(frozen=True)
class _Model:
    version: ModelVersion
    classifier: estimator.FittedModel
    survival: survival.SurvivalModel | None
    bins: dict[str, Any] | None


async def _load(org_id: int) -> _Model:
    version = await registry.require_active(org_id, KIND)
    parts = await registry.load_artifact(org_id, version.id)
    if "classifier" not in parts:
        raise registry.ModelArtifactInvalid(
            f"model version {version.version} has no classifier", field="artifact")
    clf = await asyncio.to_thread(estimator.from_bytes, parts["classifier"])
    cox = survival.from_bytes(parts["survival"]) if "survival" in parts else None
    bins = (version.metrics or {}).get("feature_bins")
    return _Model(version, clf, cox, bins if isinstance(bins, dict) else None)


async def live_customers(org_id: int, at: datetime) -> list[int]:
    """Ids of the customers with a live subscription at `at`, ascending. One statement."""
    t = db_value(Subscription, "started_at", at)
    _, rows = await connections.get("default").execute_query(dialect_sql(
        'SELECT DISTINCT customer_id FROM "subscription" WHERE organization_id = ? '
        "AND started_at < ? AND (canceled_at IS NULL OR canceled_at >= ?) ORDER BY customer_id"),
        [org_id, t, t])
    return [int(r[0]) for r in rows]


def _factors(names: Sequence[str], contrib: np.ndarray, values: np.ndarray,
             rows: Sequence[pd.Series | None]) -> list[list[dict[str, Any]]]:
    order = np.argsort(-contrib, axis=1, kind="stable")[:, :TOP_FACTORS]
    impacts = np.take_along_axis(contrib, order, axis=1).tolist()
    shown = np.take_along_axis(values, order, axis=1).tolist()
    labels: dict[tuple[int, float, int], str] = {}  # the same value reads the same
    out: list[list[dict[str, Any]]] = []
    for top, impact, value, row in zip(order.tolist(), impacts, shown, rows, strict=True):
        factors = []
        for j, v, x in zip(top, impact, value, strict=True):
            if not v > 0.0:
                break
            key = (j, x, id(row))
            label = labels.get(key)
            if label is None:
                label = labels[key] = describe(names[j], x, row)
            factors.append({"feature": names[j], "label": label, "impact": round(v, 4)})
        out.append(factors)
    return out


def _days(values: np.ndarray) -> list[float | None]:
    return [None if not np.isfinite(v) else round(float(v), 1) for v in values]


def score_frame(model: _Model, X: pd.DataFrame, thresholds: Sequence[float],
                book: dict[str, str], currencies: dict[int, str]) -> list[ScoredRow]:
    """Pure: the scored rows of feature frame `X` (indexed by customer id)."""
    clf = model.classifier
    try:
        contrib = estimator.contributions(clf, X)
        # the contributions add up to the raw score (`estimator.contributions`): one pass of
        # the booster instead of two
        raw = contrib.sum(axis=1) + estimator.contribution_bias(clf)
        p = np.clip(np.asarray(clf.calibrator(raw), dtype=np.float64), 0.0, 1.0)
        times = survival.expected_days_to_churn(model.survival, X) if model.survival else None
    except (KeyError, ValueError) as exc:
        raise ModelIncompatible(
            f"model version {model.version.version} cannot score the current features: {exc}",
            field="features") from exc
    if not np.isfinite(p).all():
        raise ModelIncompatible("the model returned non-finite probabilities", field="features")
    names = list(clf.features)
    series = {c: pd.Series({"currency": c}) for c in set(currencies.values()) if c != "USD"}
    ids = [int(i) for i in X.index]
    rows = [series.get(currencies.get(i, "USD")) for i in ids]
    factors = _factors(names, contrib, X[names].to_numpy(dtype=np.float64), rows)
    levels = levels_of(p, thresholds)
    none: list[float | None] = [None] * len(ids)
    median, low, high = ((_days(times.median), _days(times.lower), _days(times.upper))
                         if times is not None else (none, none, none))
    actions: dict[tuple[str, ...], list[str]] = {}
    out = []
    for i, (cid, prob, found) in enumerate(zip(ids, p.tolist(), factors, strict=True)):
        top = tuple(f["feature"] for f in found)
        if top not in actions:
            actions[top] = playbook.recommend(top, book)
        out.append(ScoredRow(customer_id=cid, probability=prob, level=levels[i],
                             factors=found, recommendations=list(actions[top]),
                             days=median[i], days_low=low[i], days_high=high[i]))
    return out


async def _currencies(org_id: int, ids: Sequence[int]) -> dict[int, str]:
    rows = await Customer.filter(organization_id=org_id, id__in=list(ids)).exclude(
        currency="USD").values_list("id", "currency")
    return {int(i): str(c) for i, c in rows}


async def _no_progress(_fraction: float, _message: str) -> None:
    return None


async def score_customers(
    org_id: int,
    *,
    bus: EventBus | None,
    settings: Settings,
    now: datetime | None = None,
    chunk: int = 5000,
    progress: Progress | None = None,
) -> ScoringOutcome:
    """Score the organization's live customers with its active churn model (module doc)."""
    started = time.perf_counter()
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValidationFailed("now must be timezone-aware", field="now")
    if chunk < 1:
        raise ValidationFailed("chunk must be at least 1", field="chunk")
    report: Progress = progress or _no_progress
    thresholds = parse_levels(settings.churn_levels)
    book = playbook.playbook(settings.churn_playbook)

    await report(0.0, "loading the active churn model")
    model = await _load(org_id)
    version = model.version
    population = await live_customers(org_id, moment)
    done = await scored_ids(org_id, version.id, moment)
    todo = [c for c in population if c not in done]
    notes: list[str] = []
    counter = BinCounter(model.bins) if model.bins else None
    if counter is None:
        notes.append(f"model version {version.version} has no training bins: no drift report")

    levels = dict.fromkeys((lv.value for lv in LEVELS), 0)
    scored = changes = 0
    # with something to score, every live customer's features are read (for drift)
    ids = population if todo else []
    pending = set(todo)
    chunks = [ids[k:k + chunk] for k in range(0, len(ids), chunk)]

    async def read(part: list[int]) -> tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]:
        X = await feature_frame(org_id, moment, customer_ids=part)
        todo_X = X[X.index.isin(pending)]
        currencies = await _currencies(org_id, todo_X.index.tolist()) if len(todo_X) else {}
        return X, todo_X, currencies

    async def publish(writing: asyncio.Future[tuple[list[ScoredRow], list[dict[str, Any]]]]
                      ) -> None:
        nonlocal scored, changes
        written, events = await writing  # committed
        scored += len(written)
        for row in written:
            levels[row.level.value] += 1
        changes += len(events)
        if bus is not None and events:
            await bus.publish(risk_channel(org_id), {"organization_id": org_id,
                                                     "changes": events})

    # a pipeline: chunk n + 1's features are read and chunk n - 1 is written while chunk n
    # is scored; writes (and their messages) stay in chunk order
    reading = asyncio.ensure_future(read(chunks[0])) if chunks else None
    writing: asyncio.Future[tuple[list[ScoredRow], list[dict[str, Any]]]] | None = None
    try:
        for n, part in enumerate(chunks):
            await report(0.05 + 0.9 * n / len(chunks),
                         f"scoring customers {n * chunk + 1:,}-{n * chunk + len(part):,} "
                         f"of {len(ids):,}")
            assert reading is not None
            X_all, X, currencies = await reading
            reading = (asyncio.ensure_future(read(chunks[n + 1])) if n + 1 < len(chunks)
                       else None)
            if counter is not None:
                counter.add(X_all)
            if X.empty:
                continue
            rows = await asyncio.to_thread(score_frame, model, X, thresholds, book, currencies)
            if writing is not None:
                previous, writing = writing, None
                await publish(previous)
            writing = asyncio.ensure_future(write_chunk(
                org_id, version, rows, moment, delta=settings.risk_change_delta))
        if writing is not None:
            previous, writing = writing, None
            await publish(previous)
    except BaseException:
        if reading is not None:
            reading.cancel()
            await asyncio.gather(reading, return_exceptions=True)
        if writing is not None:  # a chunk being written is still committed and published
            with contextlib.suppress(Exception):
                await publish(writing)
        raise

    removed = await remove_stale(org_id, moment)
    drift = None
    if counter is not None and counter.rows:
        drift = await save_drift(org_id, version.id, moment, counter,
                                 threshold=settings.drift_psi_threshold)
    await report(1.0, f"scored {scored:,} customers, {changes:,} risk changes")
    return ScoringOutcome(
        organization_id=org_id, model_version_id=version.id, model_version=version.version,
        scored_at=moment, population=len(population), scored=scored,
        skipped=len(population) - scored, changes=changes, removed=removed, levels=levels,
        seconds=round(time.perf_counter() - started, 3), drift=drift, notes=notes,
    )
