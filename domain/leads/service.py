"""Training use case for an organization's lead conversion model: data, leak check, fit,
registration and promotion (registry kind "lead"). Pure of workers: the caller says how to
run the CPU-heavy fit (`fit_in`, the worker's process pool; a thread by default).

Rows. Every converted or disqualified lead, and open / working leads older than
`MATURE_DAYS` (by then a lead that has not converted counts as not converting; younger ones
are still undecided and left out). Features and label: `features`. At least `MIN_EACH`
converted and `MIN_EACH` other leads are needed (`NotEnoughLeads`).

Leaks. The feature columns go through `leakage.detect_leaks` on the training rows: columns
filled mostly on one side of the outcome, or predicting it alone with a cross-validated AUC
of 0.85 or more, are excluded (a CRM's lead status in `attributes`, say) unless the caller
forces them in; the report is stored with the version (`metrics["leaks"]`) and returned.

Held-out rows. A stratified 20% is held out (`estimator.fit`'s `valid`: half picks the LR
strength, half feeds the calibrator with the inner CV's out-of-fold scores); the version's
metrics are the model's and its LR baseline's on those rows.

Promotion (`compare_leads`): with no active lead model the candidate becomes active; else
when its held-out AUC is at least the active one's minus `AUC_TOLERANCE` (each on its own
held-out rows: a newer model has seen newer leads, so a tie goes to it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from domain.churn.tabular import stratified_holdout
from domain.enums import LeadStatus, ModelStatus
from domain.errors import ValidationFailed
from domain.leads import estimator
from domain.leads.commands import KIND, MIN_EACH, NotEnoughLeads
from domain.leads.features import LeadRow, attribute_keys, from_values, labels, lead_frame
from domain.leads.leakage import LeakReport
from domain.leads.tabular import prepare_lead_table
from domain.ml import registry
from domain.ml.fitting import FitIn, in_thread
from domain.models import Lead

T = TypeVar("T")
LABEL = "converted"
MATURE_DAYS = 60
HOLDOUT = 0.2
AUC_TOLERANCE = 0.01
LEAD_COLUMNS = ("id", "source", "email", "attributes", "created_at", "converted_at", "status")
Progress = Callable[[float, str], Awaitable[None]]
@dataclass(frozen=True)
class LeadFit:
    """What the fit returns across a process boundary (plain, picklable)."""

    model_bytes: bytes
    features: list[str]
    params: dict[str, Any]
    metrics: dict[str, dict[str, float]]
    calibration: list[dict[str, Any]]
    importance: dict[str, float]
    leaks: LeakReport
    dropped: dict[str, str]
    rows: int
    held_out: int


@dataclass(frozen=True)
class TrainingOutcome:
    version_id: int
    version: int
    status: str
    promoted: bool
    reason: str
    metrics: dict[str, Any]
    rows: int
    conversions: int
    features: list[str]
    excluded: dict[str, str]  # leaking columns left out, with the reason
    dropped: dict[str, str] = field(default_factory=dict)  # identifiers, constants, free text

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = registry.jsonable(asdict(self))
        return out


def fit_lead_model(frame: pd.DataFrame, label: str, include: Sequence[str],
                   exclude: Sequence[str], seed: int = 42) -> LeadFit:
    """Pure: prepare the frame, drop leaking columns, fit, measure on held-out rows."""
    table = prepare_lead_table(frame, label, include=include, exclude=exclude)
    X, y = table.data.X, np.asarray(table.data.y)
    valid = stratified_holdout(y, HOLDOUT, seed)
    model = estimator.fit(X, y, valid, seed=seed)
    params = {**model.params, "mode": model.mode, "blend_weight": model.blend_weight,
              "best_iteration": model.best_iteration}
    metrics = {name: {**m.scalars(), "n": float(m.n), "positives": float(m.positives)}
               for name, m in model.metrics.items()}
    return LeadFit(
        model_bytes=estimator.to_bytes(model), features=list(model.features), params=params,
        metrics=metrics, calibration=[asdict(b) for b in model.calibration_curve],
        importance=dict(model.feature_importance), leaks=table.leaks,
        dropped={c: r for c, r in table.data.dropped.items() if c not in table.leaks.excluded},
        rows=len(X), held_out=int(valid.sum()))


def compare_leads(candidate: dict[str, Any], current: dict[str, Any]) -> tuple[bool, str]:
    new = (candidate.get("model") or {}).get("roc_auc")
    old = (current.get("model") or {}).get("roc_auc")
    if new is None:
        return False, "the candidate has no held-out AUC"
    if old is None:
        return True, "the active model has no held-out AUC to compare with"
    ok = new >= old - AUC_TOLERANCE
    return ok, (f"held-out AUC {new:.4f} vs {old:.4f} (each on its own held-out rows; "
                f"a newer model may be up to {AUC_TOLERANCE} lower)")


async def _no_progress(_fraction: float, _message: str) -> None:
    return None


async def lead_rows(org_id: int, *, open_only: bool = False) -> tuple[list[int], list[LeadRow]]:
    """(ids, rows) of the organization's leads in id order (open / working only when asked;
    leads with a conversion time are never open). One statement."""
    qs = Lead.filter(organization_id=org_id)
    if open_only:
        qs = qs.filter(status__in=[LeadStatus.OPEN, LeadStatus.WORKING],
                       converted_at__isnull=True)
    values = await qs.order_by("id").values(*LEAD_COLUMNS)
    return [int(v["id"]) for v in values], [from_values(v) for v in values]


def training_rows(rows: Sequence[LeadRow], now: datetime) -> list[LeadRow]:
    mature = now - timedelta(days=MATURE_DAYS)
    return [r for r in rows if r.converted or r.status is LeadStatus.DISQUALIFIED
            or r.created_at <= mature]


async def train_lead_model(
    org_id: int,
    *,
    now: datetime | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    fit_in: FitIn | None = None,
    progress: Progress | None = None,
) -> TrainingOutcome:
    """Train, check for leaks, evaluate and register a lead model; promote it per
    `compare_leads`."""
    run: FitIn = fit_in or in_thread
    report: Progress = progress or _no_progress
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValidationFailed("now must be timezone-aware", field="now")
    await report(0.0, "reading leads")
    _ids, everything = await lead_rows(org_id)
    rows = training_rows(everything, moment)
    converted = sum(r.converted for r in rows)
    if converted < MIN_EACH or len(rows) - converted < MIN_EACH:
        raise NotEnoughLeads(
            f"{converted} converted and {len(rows) - converted} other decided leads (converted, "
            f"disqualified or open over {MATURE_DAYS} days); at least {MIN_EACH} of each are "
            "needed", field="leads", converted=converted, others=len(rows) - converted)
    keys = attribute_keys(rows)
    frame = lead_frame(rows, keys, moment)
    frame[LABEL] = labels(rows)
    await report(0.1, f"checking for leaks and fitting on {len(rows):,} leads")
    fit: LeadFit = await run(fit_lead_model, frame, LABEL, list(include), list(exclude))
    metrics: dict[str, Any] = {
        "model": fit.metrics["lightgbm"], "baseline": fit.metrics["baseline"],
        "rows": {"training": fit.rows - fit.held_out, "held_out": fit.held_out,
                 "conversions": converted},
        "leaks": fit.leaks.as_dict(), "dropped": fit.dropped,
    }
    params = {"classifier": fit.params, "attribute_keys": keys,
              "training": {"mature_days": MATURE_DAYS, "include": list(include),
                           "exclude": list(exclude), "now": moment}}
    await report(0.9, "registering")
    first = min(r.created_at for r in rows)
    version = await registry.register_candidate(
        org_id, KIND, model_bytes={"classifier": fit.model_bytes}, params=params,
        features=fit.features, metrics=metrics, calibration=fit.calibration,
        importance=fit.importance, window=(min(first, moment), moment), cutoffs=[moment],
        horizon_days=MATURE_DAYS)
    version = await registry.promote_if_better(org_id, version.id, compare=compare_leads)
    promoted = version.status is ModelStatus.ACTIVE
    await report(1.0, f"version {version.version} {'promoted' if promoted else 'kept'}")
    return TrainingOutcome(
        version_id=version.id, version=version.version, status=version.status.value,
        promoted=promoted, reason=version.reason.splitlines()[-1] if version.reason else "",
        metrics=dict(version.metrics), rows=len(rows), conversions=converted,
        features=fit.features, excluded=fit.leaks.excluded, dropped=fit.dropped)

