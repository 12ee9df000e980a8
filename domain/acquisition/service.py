"""New-customer CLV: train the acquisition model of an organization, predict a new
customer's 12-month value from its early behaviour, with the acquisition cost worth paying.

Training (`train_acquisition_model`) reads the early-behaviour frame (`features`), fits
LightGBM and the per-channel baseline (`estimator`, CPU work in `fit_in` or a thread) and
registers the result in the model registry (kind "acquisition"). The new version becomes
active unless the active one was trained on more recent data (`compare_acquisition`).

Prediction (`predict_clv`) validates the input, loads the active version (parsed boosters
are cached per version and checksum) and returns `NewCustomerValue`: the value, its 90 %
interval, `recommended_cac = settings.clv_cac_share x value` and the contributing factors
in words.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from domain.acquisition.features import (
    MIN_TRAINING_CUSTOMERS,
    TARGET_DAYS,
    EarlyBehaviour,
    NotEnoughHistory,
    describe,
    early_frame,
    maturity_cutoff,
    training_window,
)
from domain.ml import registry
from domain.ml.fitting import FitIn, in_thread
from domain.models import ModelVersion
from domain.settings import Settings

if TYPE_CHECKING:  # LightGBM is imported only when a model is trained or used
    from domain.acquisition.estimator import Predictor

KIND = "acquisition"
MAX_FACTORS = 5
MIN_IMPACT = 0.005  # contributions under half a cent are not factors
_CACHE_SIZE = 16
T = TypeVar("T")


@dataclass(frozen=True)
class Factor:
    feature: str
    label: str
    impact: float  # currency added to (or taken from) the predicted value


@dataclass(frozen=True)
class NewCustomerValue:
    value: float
    lower: float
    upper: float
    recommended_cac: float
    factors: list[Factor]
    model: str  # "lightgbm" or "baseline"
    model_version: int
    model_version_id: int
    currency: str
    horizon_days: int = TARGET_DAYS
    notes: list[str] = field(default_factory=list)


def _data_end(metrics: dict[str, Any]) -> datetime | None:
    raw = metrics.get("data_end")
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def compare_acquisition(candidate: dict[str, Any], current: dict[str, Any]
                        ) -> tuple[bool, str]:
    """Promote the candidate unless the active version saw more recent data: its held-out
    rows are the newest customers, so versions trained on different data are not compared
    on MAE (each already beat, or fell back to, its own baseline)."""
    new, old = _data_end(candidate), _data_end(current)
    if new is None:
        return False, "the candidate has no data end"
    if old is not None and new < old:
        return False, (f"trained on data to {new:%Y-%m-%d}, older than the active "
                       f"version's {old:%Y-%m-%d}")
    mae = (candidate.get("model") or {}).get("mae")
    served = candidate.get("served")
    return True, (f"trained on data to {new:%Y-%m-%d}; serves {served}"
                  + (f" (held-out MAE {mae:.2f})" if isinstance(mae, int | float) else ""))


async def train_acquisition_model(org_id: int, *, fit_in: FitIn | None = None,
                                  at: datetime | None = None) -> ModelVersion:
    """Train, register and (normally) activate the organization's acquisition model from
    its transactions at or before `at` (all without it). `NotEnoughHistory` when fewer than
    `MIN_TRAINING_CUSTOMERS` customers have a complete first 395 days."""
    from domain.acquisition import estimator

    run: FitIn = fit_in or in_thread
    frame = await early_frame(org_id, at)
    if frame.data_end is None:
        raise NotEnoughHistory("no transactions to learn from: import transactions first",
                               field="transactions", training_customers=0)
    X, y, _first = frame.training()
    if len(y) < MIN_TRAINING_CUSTOMERS:
        cutoff = maturity_cutoff(frame.data_end)
        raise NotEnoughHistory(
            f"{len(y)} customers made their first purchase by {cutoff:%Y-%m-%d} (395 days "
            f"before the latest transaction, {frame.data_end:%Y-%m-%d}); at least "
            f"{MIN_TRAINING_CUSTOMERS} are needed to learn 12-month value from the first "
            "30 days", field="transactions", training_customers=len(y))
    fitted = await run(estimator.fit, X, y.to_numpy())
    window = training_window(frame)
    metrics = {**fitted.metrics, "data_end": frame.data_end, "currency": frame.currency}
    version = await registry.register_candidate(
        org_id, KIND, model_bytes=fitted.parts,
        params={**fitted.params, "currency": frame.currency}, features=list(X.columns),
        metrics=metrics, calibration=[], importance=fitted.importance, window=window,
        cutoffs=[maturity_cutoff(frame.data_end)], horizon_days=TARGET_DAYS)
    version = await registry.promote_if_better(org_id, version.id,
                                               compare=compare_acquisition)
    version.reason = "\n".join(filter(None, [version.reason, fitted.reason]))
    await version.save(update_fields=["reason"])
    return version


_predictors: OrderedDict[tuple[int, str], Predictor] = OrderedDict()


async def _predictor(org_id: int, version: ModelVersion) -> Predictor:
    from domain.acquisition import estimator

    key = (version.id, version.artifact_sha256)
    found = _predictors.get(key)
    if found is not None:
        _predictors.move_to_end(key)
        return found
    parts = await registry.load_artifact(org_id, version.id)
    loaded = estimator.load(parts)
    _predictors[key] = loaded
    while len(_predictors) > _CACHE_SIZE:
        _predictors.popitem(last=False)
    return loaded


def _factors(early: EarlyBehaviour, contributions: dict[str, float], currency: str
             ) -> list[Factor]:
    values = early.frame().iloc[0].to_dict()
    ranked = sorted(((k, v) for k, v in contributions.items() if abs(v) >= MIN_IMPACT),
                    key=lambda kv: (-abs(kv[1]), kv[0]))[:MAX_FACTORS]
    return [Factor(feature=k, label=describe(k, values.get(k), v, currency),
                   impact=round(v, 2)) for k, v in ranked]


async def predict_clv(org_id: int, early: EarlyBehaviour, settings: Settings
                      ) -> NewCustomerValue:
    """The 12-month value of a new customer from its first 30 days, with the acquisition
    cost worth paying. `ValidationFailed` naming the field for a bad input, `NoActiveModel`
    when the organization has no acquisition model yet."""
    from domain.acquisition import estimator

    clean = early.validated()
    version = await registry.require_active(org_id, KIND)
    predictor = await _predictor(org_id, version)
    currency = str(version.params.get("currency") or "USD")
    [p] = estimator.predict(predictor, clean.frame())
    notes = []
    for name, given in (("channel", clean.channel), ("campaign", clean.campaign)):
        known = predictor.meta["categories"].get(name, [])
        if given is not None and given not in known:
            notes.append(f"{name} {given!r} was not seen in training")
    value = round(p.value, 2)
    return NewCustomerValue(
        value=value, lower=round(p.lower, 2), upper=round(p.upper, 2),
        recommended_cac=round(settings.clv_cac_share * value, 2),
        factors=_factors(clean, p.contributions, currency), model=predictor.served,
        model_version=version.version, model_version_id=version.id, currency=currency,
        notes=notes)
