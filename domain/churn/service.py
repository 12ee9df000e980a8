"""Training use case for the churn model of an organization: data, fit, evaluation,
registration and promotion. Pure of workers and queues: the caller passes how to run the
CPU-heavy fits (`fit_in`, a process pool in the worker, a thread by default) and where to
report progress.

Cutoffs. The data ends at the latest subscription start or cancellation or invoice
(`data_bounds`; never later than `now`). The latest cutoff is `horizon_days` (plus the
plan-change gap) before that, rounded down to midnight UTC, so every cutoff's label window
(cutoff, cutoff + horizon] is fully observed; the others are `spacing_days` apart before
it. Cutoffs before the first subscription are dropped; fewer than two left is
`NotEnoughHistory`. Fewer than 10 churns in the training windows or 4 in the validation
window is `NoChurnInWindow`.

Held-out data. The latest cutoff's rows are the validation rows, the earlier cutoffs' rows
the training rows (`TrainingSet.validation_mask`). The classifier (`estimator.fit`) uses the
held-out rows as documented there; its metrics are on them (model and LR baseline). The
survival (Cox) model is trained on the training cutoffs with follow-up ending at the
validation cutoff (nothing after it is seen), and its concordance is measured on the
validation customers over their label window.

Promotion (`compare_churn`): a candidate replaces the active model only when its held-out
ROC AUC is strictly higher AND its calibration is not worse: ECE <= active ECE + 0.01.
Both are measured on the candidate's own validation rows: training scores the active model
on them (`metrics["incumbent"]`). When that was impossible (artifact unreadable, features
changed) the active model's stored held-out figures are used instead, and the reason says so.
With no active model, the candidate is promoted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from domain.churn import estimator
from domain.churn.commands import KIND
from domain.churn.drift import feature_bins
from domain.churn.errors import NoChurnInWindow, NotEnoughHistory
from domain.churn.estimator import survival
from domain.churn.features import PLAN_CHANGE_GAP
from domain.churn.training import TrainingSet, _subscription_spans, training_set
from domain.enums import ModelStatus
from domain.errors import DomainError, ValidationFailed
from domain.ml import registry
from domain.ml.evaluation import Metrics, evaluate
from domain.ml.fitting import FitIn, in_thread
from domain.models import ModelVersion
from domain.sql import select_dicts

T = TypeVar("T")
ECE_TOLERANCE = 0.01
MIN_CUTOFFS = 2
MIN_TRAINING_CHURNS = 10
MIN_VALIDATION_CHURNS = 4
Progress = Callable[[float, str], Awaitable[None]]


@dataclass(frozen=True)
class ClassifierFit:
    """What the classifier fit returns across a process boundary (plain, picklable)."""

    model_bytes: bytes
    features: list[str]
    params: dict[str, Any]
    metrics: dict[str, dict[str, float]]
    calibration: list[dict[str, Any]]
    importance: dict[str, float]


@dataclass(frozen=True)
class SurvivalFit:
    model_bytes: bytes
    concordance: float  # Harrell's C on the validation cutoff's customers
    training_concordance: float
    n_rows: int
    n_events: int
    features: list[str]
    hazard_ratios: dict[str, float]
    dropped: dict[str, str]


@dataclass(frozen=True)
class TrainingOutcome:
    version_id: int
    version: int
    status: str
    promoted: bool
    reason: str
    metrics: dict[str, Any]
    cutoffs: list[datetime]
    horizon_days: int
    training_rows: int
    validation_rows: int
    replaced_version: int | None = None  # the active version it replaced, if promoted
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = registry.jsonable(asdict(self))
        return out


def _scalars(m: Metrics) -> dict[str, float]:
    return {**m.scalars(), "n": float(m.n), "positives": float(m.positives)}


def fit_classifier(X: pd.DataFrame, y: np.ndarray, valid: np.ndarray) -> ClassifierFit:
    """Pure: fit the calibrated classifier, return its bytes and held-out figures."""
    model = estimator.fit(X, y, valid=valid)
    params = {**model.params, "mode": model.mode, "blend_weight": model.blend_weight,
              "best_iteration": model.best_iteration}
    return ClassifierFit(
        model_bytes=estimator.to_bytes(model), features=list(model.features), params=params,
        metrics={name: _scalars(m) for name, m in model.metrics.items()},
        calibration=[asdict(b) for b in model.calibration_curve],
        importance=dict(model.feature_importance),
    )


def fit_time_to_churn(X_train: pd.DataFrame, duration: np.ndarray, event: np.ndarray,
                      X_valid: pd.DataFrame, valid_duration: np.ndarray,
                      valid_event: np.ndarray, horizon_days: int) -> SurvivalFit:
    """Pure: fit the Cox model on the training rows, measure C on the validation rows."""
    model = survival.fit_survival(X_train, duration, event, horizon_days=horizon_days)
    c = survival.concordance_index(valid_duration, valid_event,
                                   survival.risk_score(model, X_valid))
    return SurvivalFit(
        model_bytes=survival.to_bytes(model), concordance=float(c),
        training_concordance=float(model.concordance), n_rows=model.n_rows,
        n_events=model.n_events, features=list(model.features),
        hazard_ratios=model.hazard_ratios, dropped=dict(model.dropped),
    )


def score_classifier(model_bytes: bytes, X: pd.DataFrame, y: np.ndarray
                     ) -> dict[str, float] | None:
    """Pure: held-out figures of a stored classifier on rows `X`, or None when it cannot
    score them (unreadable bytes, features that changed since)."""
    try:
        model = estimator.from_bytes(model_bytes)
        p = estimator.predict_proba(model, X)
    except (DomainError, KeyError, ValueError):
        return None
    return _scalars(evaluate(y, p))


def compare_churn(candidate: dict[str, Any], current: dict[str, Any]) -> tuple[bool, str]:
    """The promotion rule (module docstring): higher held-out AUC, ECE within +0.01."""
    new = candidate.get("model") or {}
    incumbent = candidate.get("incumbent") or {}
    if incumbent.get("version_id") == current.get("version_id") and incumbent.get("model"):
        old, where = incumbent["model"], "both on the candidate's held-out rows"
    else:
        old, where = current.get("model") or {}, "each on its own held-out rows"
    auc_new, auc_old = new.get("roc_auc"), old.get("roc_auc")
    ece_new, ece_old = new.get("ece"), old.get("ece")
    if auc_new is None or ece_new is None:
        return False, "the candidate has no held-out AUC/ECE"
    if auc_old is None or ece_old is None:
        return True, "the active model has no held-out AUC/ECE to compare with"
    higher = auc_new > auc_old
    calibrated = ece_new <= ece_old + ECE_TOLERANCE
    verdict = ("higher AUC, calibration not worse" if higher and calibrated
               else "AUC not higher" if not higher else
               f"ECE worse by more than {ECE_TOLERANCE}")
    return higher and calibrated, (
        f"{verdict}: held-out AUC {auc_new:.4f} vs {auc_old:.4f}, "
        f"ECE {ece_new:.4f} vs {ece_old:.4f} ({where})")


async def _no_progress(_fraction: float, _message: str) -> None:
    return None


async def data_bounds(org_id: int) -> tuple[datetime | None, datetime | None]:
    """(first subscription start, last data): the latest subscription start or
    cancellation or invoice issue of the org (invoices keep arriving while customers stay,
    so a quiet book still shows how recent the data is). One statement."""
    sub = 'FROM "subscription" WHERE organization_id = ?'
    rows = await select_dicts(
        f"SELECT (SELECT MIN(started_at) {sub}) AS first_start, "
        f"(SELECT MAX(started_at) {sub}) AS last_start, "
        f"(SELECT MAX(canceled_at) {sub}) AS last_cancel, "
        '(SELECT MAX(issued_at) FROM "invoice" WHERE organization_id = ?) AS last_invoice',
        [org_id] * 4)
    row = rows[0] if rows else {}
    names = ("first_start", "last_start", "last_cancel", "last_invoice")
    stamps = {k: pd.to_datetime(row.get(k), utc=True, format="ISO8601") for k in names}
    first = stamps["first_start"]
    lasts = [stamps[k] for k in names[1:] if not pd.isna(stamps[k])]
    if pd.isna(first) or not lasts:
        return None, None
    return first.to_pydatetime(), max(lasts).to_pydatetime()


def choose_cutoffs(first: datetime, data_end: datetime, *, horizon_days: int, cutoffs: int,
                   spacing_days: int) -> list[datetime]:
    """Cutoffs oldest first whose label windows end before `data_end` (module docstring)."""
    latest = data_end - timedelta(days=horizon_days) - PLAN_CHANGE_GAP
    latest = latest.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    chosen = [latest - timedelta(days=spacing_days * k) for k in range(cutoffs)]
    return sorted(c for c in chosen if c > first)


def _check_arguments(horizon_days: int, cutoffs: int, spacing_days: int) -> None:
    for name, value, low in (("horizon_days", horizon_days, 1), ("cutoffs", cutoffs, MIN_CUTOFFS),
                             ("spacing_days", spacing_days, 1)):
        if value < low:
            raise ValidationFailed(f"{name} must be at least {low}", field=name)


def _check_labels(ts: TrainingSet, valid: np.ndarray) -> None:
    y = ts.y.to_numpy()
    train_rows, valid_rows = int((~valid).sum()), int(valid.sum())
    if train_rows == 0 or valid_rows == 0:
        raise NotEnoughHistory("no active customers at some cutoffs", field="cutoffs",
                               training_rows=train_rows, validation_rows=valid_rows)
    churns, held = int(y[~valid].sum()), int(y[valid].sum())
    if churns < MIN_TRAINING_CHURNS or held < MIN_VALIDATION_CHURNS:
        raise NoChurnInWindow(
            f"too few churns to learn from: {churns} in the training windows (need "
            f"{MIN_TRAINING_CHURNS}), {held} in the validation window (need "
            f"{MIN_VALIDATION_CHURNS})", field="cutoffs", training_churns=churns,
            validation_churns=held)


async def _survival_data(org_id: int, ts: TrainingSet, cutoffs: Sequence[datetime]
                         ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(X_train, durations_train, X_valid, durations_valid): training cutoffs followed up to
    the validation cutoff, the validation cutoff over its label window."""
    last = cutoffs[-1]
    spans = await _subscription_spans(org_id, last + timedelta(days=ts.horizon_days)
                                      + PLAN_CHANGE_GAP)
    xs: list[pd.DataFrame] = []
    ds: list[pd.DataFrame] = []
    for cutoff in cutoffs:
        stamp = pd.Timestamp(cutoff).tz_convert("UTC")
        X = ts.X.xs(stamp, level="cutoff")
        end = last if cutoff < last else last + timedelta(days=ts.horizon_days)
        dur = survival.durations_from_spans(spans, cutoff, end, plan_change_gap=PLAN_CHANGE_GAP)
        dur = dur.reindex(X.index).dropna()
        xs.append(X.loc[dur.index])
        ds.append(dur)
    return pd.concat(xs[:-1]), pd.concat(ds[:-1]), xs[-1], ds[-1]


async def _incumbent_metrics(org_id: int, ts: TrainingSet, valid: np.ndarray, fit_in: FitIn
                             ) -> tuple[dict[str, Any] | None, list[str]]:
    """The active model's figures on this run's validation rows, if it can be scored."""
    current = await registry.active(org_id, KIND)
    if current is None:
        return None, []
    try:
        parts = await registry.load_artifact(org_id, current.id)
    except DomainError as exc:
        return None, [f"active version {current.version} not scored: {exc.message}"]
    scored = await fit_in(score_classifier, parts.get("classifier", b""),
                          ts.X[valid], ts.y.to_numpy()[valid])
    if scored is None:
        return None, [f"active version {current.version} could not score the current features"]
    return {"version_id": current.id, "version": current.version, "model": scored}, []


async def train_churn_model(
    org_id: int,
    *,
    now: datetime | None = None,
    horizon_days: int = 90,
    cutoffs: int = 6,
    spacing_days: int = 30,
    fit_in: FitIn | None = None,
    progress: Progress | None = None,
) -> TrainingOutcome:
    """Train, evaluate and register a churn model; promote it if it beats the active one."""
    _check_arguments(horizon_days, cutoffs, spacing_days)
    run: FitIn = fit_in or in_thread
    report: Progress = progress or _no_progress
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValidationFailed("now must be timezone-aware", field="now")

    await report(0.0, "choosing cutoffs")
    first, last = await data_bounds(org_id)
    if first is None or last is None:
        raise NotEnoughHistory("no subscriptions to learn from", field="cutoffs")
    data_end = min(moment, last)
    chosen = choose_cutoffs(first, data_end, horizon_days=horizon_days, cutoffs=cutoffs,
                            spacing_days=spacing_days)
    if len(chosen) < MIN_CUTOFFS:
        need = horizon_days + spacing_days * (MIN_CUTOFFS - 1)
        raise NotEnoughHistory(
            f"subscription history from {first:%Y-%m-%d} to {data_end:%Y-%m-%d} leaves "
            f"{len(chosen)} complete cutoff(s); at least {MIN_CUTOFFS} are needed "
            f"(more than {need} days of history)", field="cutoffs", usable_cutoffs=len(chosen))

    await report(0.05, f"building features at {len(chosen)} cutoffs")
    ts = await training_set(org_id, chosen, horizon_days)
    valid = ts.validation_mask(latest=1)
    _check_labels(ts, valid)
    X_tr, d_tr, X_va, d_va = await _survival_data(org_id, ts, chosen)

    await report(0.3, f"fitting on {int((~valid).sum()):,} rows")
    clf, surv = await asyncio.gather(
        run(fit_classifier, ts.X, ts.y.to_numpy(), valid),
        run(fit_time_to_churn, X_tr, d_tr["duration_days"].to_numpy(),
            d_tr["event"].to_numpy(), X_va, d_va["duration_days"].to_numpy(),
            d_va["event"].to_numpy(), horizon_days),
    )
    await report(0.85, "comparing with the active model")
    incumbent, notes = await _incumbent_metrics(org_id, ts, valid, run)

    y = ts.y.to_numpy()
    metrics: dict[str, Any] = {
        "model": clf.metrics["lightgbm"], "baseline": clf.metrics["baseline"],
        "survival": {"concordance": surv.concordance,
                     "training_concordance": surv.training_concordance,
                     "rows": surv.n_rows, "events": surv.n_events},
        "rows": {"training": int((~valid).sum()), "validation": int(valid.sum()),
                 "training_churns": int(y[~valid].sum()),
                 "validation_churns": int(y[valid].sum())},
        "validation_cutoff": chosen[-1],
        # the training rows' distribution per feature, for drift at scoring (churn.drift)
        "feature_bins": feature_bins(ts.X[~valid]),
    }
    if incumbent is not None:
        metrics["incumbent"] = incumbent
    params = {
        "classifier": clf.params,
        "survival": {"features": surv.features, "hazard_ratios": surv.hazard_ratios,
                     "dropped": surv.dropped},
        "training": {"horizon_days": horizon_days, "cutoffs": cutoffs,
                     "spacing_days": spacing_days, "data_end": data_end},
    }
    await report(0.9, "registering")
    version = await registry.register_candidate(
        org_id, KIND, model_bytes={"classifier": clf.model_bytes, "survival": surv.model_bytes},
        params=params, features=clf.features, metrics=metrics, calibration=clf.calibration,
        importance=clf.importance,
        window=(chosen[0], chosen[-1] + timedelta(days=horizon_days)), cutoffs=chosen,
        horizon_days=horizon_days,
    )
    before = await registry.active(org_id, KIND)
    version = await registry.promote_if_better(org_id, version.id, compare=compare_churn)
    promoted = version.status is ModelStatus.ACTIVE
    verdict = "promoted" if promoted else "kept as a candidate"
    await report(1.0, f"version {version.version} {verdict}")
    return _outcome(version, promoted, before, chosen, ts, valid, notes)


def _outcome(version: ModelVersion, promoted: bool, before: ModelVersion | None,
             chosen: list[datetime], ts: TrainingSet, valid: np.ndarray, notes: list[str]
             ) -> TrainingOutcome:
    return TrainingOutcome(
        version_id=version.id, version=version.version, status=version.status.value,
        promoted=promoted, reason=version.reason.splitlines()[-1] if version.reason else "",
        metrics=dict(version.metrics), cutoffs=chosen, horizon_days=ts.horizon_days,
        training_rows=int((~valid).sum()), validation_rows=int(valid.sum()),
        replaced_version=before.version if promoted and before is not None else None,
        notes=notes,
    )
