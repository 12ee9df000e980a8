"""Churn estimator: pure fit/predict, no database. The only churn module importing ML libraries.

Model. A logistic-regression baseline (`baseline.py`: standardised numerics, log1p copies of
skewed non-negative ones, one-hot categoricals) and a LightGBM booster combine in log-odds:
  * mode "plain" (the default): LightGBM from scratch; raw score = w · booster + (1 - w) · LR
    log-odds, an average of two different learners;
  * mode "residual": LightGBM is trained with `init_score` = the LR log-odds, so it learns only
    the non-linearity LR misses; raw score = LR log-odds + w · booster output (w shrinks the
    correction; w = 0 would be plain LR).
The probability is `calibrator(raw score)`. The default candidates (plain, w in 0.2..0.5) keep
LR at least half of the score: on tables of a few thousand rows LR is as strong as boosting,
and letting the inner CV's log-loss pick a booster-dominated score (w = 1, or residual mode)
picked up its noise and cost out-of-sample AUC; an even-ish average of the two gained.

Which rows decide what. Held-out rows (`valid`) are split in two by position (time order).
The FIRST half picks the LR strength `C`. The mode, the round count and `w` are picked by an
inner K-fold CV on the training rows (`boosting.py`): the mean out-of-fold log-loss curve
fixes the rounds (steadier than early stopping on the ~10 % first half, which picked 1-2
rounds in some folds), then (mode, w) minimises the Platt-fitted out-of-fold log-loss over
~4,500 rows. The final booster is refitted on all training rows for that many rounds. The
SECOND half is never used for a choice. The calibrator (`ChurnConfig.calibrate_on`) is fitted:
  * "cross_fit" (default): on the inner-CV out-of-fold raw scores of the training rows plus the
    final model's scores on the second half - Platt sees ~90 % of the rows instead of ~10 %,
    which removes most of the calibration noise that dominated the ECE;
  * "second_half": the second half only; "all_held_out": every held-out row.
Platt below `isotonic_min_rows` (20,000): isotonic's steps tie scores, costing AUC/log-loss.
Everything uses rows of the data passed to `fit` only; `domain.churn.tabular.cross_validate`
calls `fit` on each training fold, so all these choices are nested inside the CV.
`FittedModel.metrics` are computed on the held-out rows, which drove choices, so they are
mildly optimistic — use `cross_validate` for honest out-of-sample figures.

Refit (`ChurnConfig.refit`, off by default; `cross_validate` turns it on). Once every choice
is made and the calibrator and `metrics` are computed as above, the LR baseline (same `C`) and
the booster (same mode, rounds and `w`) are refitted on ALL rows passed to `fit`, held-out ones
included, and those are the returned model; the calibrator is kept (its scores come from
models fitted on fewer rows: out-of-fold and held-out; on Telco's test folds the refit
model's calibration slope stays ~1.0 and its ECE unchanged). The model then learns from ~25 % more
rows, but `metrics` describe the model before the refit and no rows are left to measure the
returned one: right where an outer CV measures it, not where the held-out rows must judge the
returned model (e.g. promotion in `domain.churn.service`).

Contributions. `contributions` explain `raw_score` (uncalibrated log-odds): per feature,
w·(LightGBM SHAP value) + b·(LR coefficient x (design value - training mean), summed over the
feature's design columns), with b = 1 in residual mode and 1 - w in plain mode, and
`contributions(X).sum(1) + contribution_bias(model) == raw_score(X)`.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.churn.estimator.baseline import Baseline, fit_baseline
from domain.churn.estimator.boosting import Mode, Setup, choose, combine
from domain.churn.estimator.boosting import train as train_booster
from domain.churn.estimator.calibration import Calibrator, fit_calibrator
from domain.churn.estimator.encoding import (
    FloatArray,
    infer_categories,
    lgb_matrix,
    sigmoid,
)
from domain.errors import ValidationFailed
from domain.ml.evaluation import CalibrationBin, Metrics, evaluate

Progress = Callable[[float, str], None]
FORMAT_VERSION = 2
_lgb_matrix = lgb_matrix  # kept for callers of the private name

__all__ = [
    "Baseline", "Calibrator", "ChurnConfig", "FittedModel", "ModelFileInvalid",
    "TrainingDataInvalid", "baseline_proba", "contribution_bias", "contributions", "fit",
    "from_bytes", "predict_proba", "raw_score", "to_bytes",
]


class TrainingDataInvalid(ValidationFailed):
    code = "TRAINING_DATA_INVALID"


class ModelFileInvalid(ValidationFailed):
    code = "MODEL_FILE_INVALID"


@dataclass(frozen=True)
class ChurnConfig:
    seed: int = 42
    learning_rate: float = 0.02
    num_leaves: int = 4
    min_data_in_leaf: int = 40
    feature_fraction: float = 0.8
    bagging_fraction: float = 0.8
    bagging_freq: int = 1
    lambda_l2: float = 5.0
    cat_smooth: float = 20.0
    max_rounds: int = 3000
    early_stopping_rounds: int = 150
    isotonic_min_rows: int = 20000  # isotonic: step ties cost AUC and log-loss; Platt below
    calibrate_on: Literal["second_half", "all_held_out", "cross_fit"] = "cross_fit"
    inner_folds: int = 5  # inner CV on the training rows (boosting.py)
    # candidate modes / booster weights, chosen by the inner CV (module docstring);
    # modes=("plain",), blend_weights=(1.0,) gives plain calibrated LightGBM
    modes: tuple[Mode, ...] = ("plain",)
    blend_weights: tuple[float, ...] = (0.5, 0.4, 0.3, 0.2)
    baseline_cs: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0, 3.0)
    log_skew: float = 0.5  # log1p copy for non-negative numerics skewed beyond this
    num_threads: int = 1
    refit: bool = False  # refit LR and booster on all rows once chosen (module docstring)

    def lgb_params(self) -> dict[str, Any]:
        return {
            "objective": "binary",
            "metric": "binary_logloss",
            "learning_rate": self.learning_rate,
            "num_leaves": self.num_leaves,
            "min_data_in_leaf": self.min_data_in_leaf,
            "feature_fraction": self.feature_fraction,
            "bagging_fraction": self.bagging_fraction,
            "bagging_freq": self.bagging_freq,
            "lambda_l2": self.lambda_l2,
            "cat_smooth": self.cat_smooth,
            "seed": self.seed,
            "deterministic": True,
            "force_col_wise": True,
            "num_threads": self.num_threads,
            "verbosity": -1,
        }


@dataclass(frozen=True)
class FittedModel:
    booster: lgb.Booster
    calibrator: Calibrator
    features: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]
    baseline: Baseline
    params: dict[str, Any]
    best_iteration: int
    blend_weight: float  # w in the module docstring
    metrics: dict[str, Metrics]
    calibration_curve: tuple[CalibrationBin, ...]
    feature_importance: dict[str, float] = field(default_factory=dict)
    mode: Mode = "plain"
    booster_bias: float = 0.0  # the booster's SHAP expected value

    @property
    def weights(self) -> tuple[float, float]:
        """(booster weight, LR weight) in the raw score."""
        w = self.blend_weight
        return (w, 1.0) if self.mode == "residual" else (w, 1.0 - w)


def _check_inputs(
    X: pd.DataFrame, y: np.ndarray, valid: np.ndarray
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    n = len(X)
    if len(y) != n or len(valid) != n:
        raise TrainingDataInvalid(
            f"X, y and valid must have the same length (got {n}, {len(y)}, {len(valid)})", field="y"
        )
    ya = np.asarray(y, dtype=np.float64)
    if not np.isin(ya, (0.0, 1.0)).all():
        raise TrainingDataInvalid("y must contain only 0 and 1", field="y")
    va = np.asarray(valid, dtype=bool)
    if X.shape[1] == 0:
        raise TrainingDataInvalid("X has no feature columns", field="X")
    for name, mask in (("training", ~va), ("held-out", va)):
        if len(np.unique(ya[mask])) < 2:
            raise TrainingDataInvalid(f"The {name} rows need both classes", field="valid")
    return ya, va


def fit(
    X: pd.DataFrame,
    y: np.ndarray,
    *,
    valid: np.ndarray,
    config: ChurnConfig = ChurnConfig(),
    progress: Progress | None = None,
) -> FittedModel:
    ya, va = _check_inputs(X, y, valid)
    report: Progress = progress or (lambda _f, _m: None)
    report(0.0, "encoding")
    X = X.reset_index(drop=True)
    features = tuple(str(c) for c in X.columns)
    cats = infer_categories(X)
    train = np.flatnonzero(~va)
    held = np.flatnonzero(va)
    half = held.size // 2
    es, cal = held[:half], held[half:]
    for name, rows in (("early-stopping", es), ("calibration", cal)):
        if len(np.unique(ya[rows])) < 2:
            raise TrainingDataInvalid(
                f"The {name} half of the held-out rows needs both classes", field="valid"
            )
    s = Setup(
        M=lgb_matrix(X, features, cats), y=ya, names=[f"f{i}" for i in range(len(features))],
        cat_idx=[i for i, c in enumerate(features) if c in cats], params=config.lgb_params(),
    )

    report(0.05, "baseline")
    baseline = fit_baseline(
        X.iloc[train], ya[train], cats, cs=config.baseline_cs, log_skew=config.log_skew,
        X_select=X.iloc[es], y_select=ya[es],
    )
    lin = baseline.log_odds(X)
    if not config.modes or not config.blend_weights:
        raise TrainingDataInvalid("ChurnConfig needs at least one mode and weight", field="config")

    report(0.1, "choosing")
    pick = choose(
        X, s, train, baseline, modes=config.modes, weights=config.blend_weights,
        folds=config.inner_folds, max_rounds=config.max_rounds,
        patience=config.early_stopping_rounds, log_skew=config.log_skew, seed=config.seed,
    )
    mode, weight, best = pick.mode, pick.weight, pick.rounds
    report(0.6, "boosting")
    booster = train_booster(s, train, lin if mode == "residual" else None, best)
    z_all = combine(mode, weight, np.asarray(booster.predict(s.M, raw_score=True)), lin)

    report(0.8, "calibrating")
    if config.calibrate_on == "cross_fit":
        z_cal = np.concatenate([pick.oof, z_all[cal]])
        y_cal = np.concatenate([ya[train], ya[cal]])
    else:
        rows = held if config.calibrate_on == "all_held_out" else cal
        z_cal, y_cal = z_all[rows], ya[rows]
    calibrator = fit_calibrator(z_cal, y_cal, config.isotonic_min_rows)

    metrics = {
        "lightgbm": evaluate(ya[held], calibrator(z_all[held])),
        "baseline": evaluate(ya[held], sigmoid(lin[held])),
    }
    if config.refit:
        report(0.9, "refitting on all rows")
        baseline = fit_baseline(X, ya, cats, cs=(baseline.c,), log_skew=config.log_skew)
        every = np.arange(len(X), dtype=np.int64)
        booster = train_booster(s, every, baseline.log_odds(X) if mode == "residual" else None,
                                best)
    gains = booster.feature_importance(importance_type="gain", iteration=best)
    importance = dict(
        sorted(((features[i], float(g)) for i, g in enumerate(gains)), key=lambda kv: -kv[1])
    )
    contrib = booster.predict(s.M[:1], pred_contrib=True, num_iteration=best)
    report(1.0, "done")
    return FittedModel(
        booster=booster,
        calibrator=calibrator,
        features=features,
        categories=cats,
        baseline=baseline,
        params=s.params,
        best_iteration=best,
        blend_weight=weight,
        metrics=metrics,
        calibration_curve=metrics["lightgbm"].calibration,
        feature_importance=importance,
        mode=mode,
        booster_bias=float(np.asarray(contrib)[0, -1]),
    )


def _booster_raw(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    M = lgb_matrix(X, model.features, model.categories)
    return np.asarray(
        model.booster.predict(M, raw_score=True, num_iteration=model.best_iteration),
        dtype=np.float64,
    )


def raw_score(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """The model's uncalibrated log-odds (booster and LR combined, see module docstring)."""
    return combine(model.mode, model.blend_weight, _booster_raw(model, X),
                    model.baseline.log_odds(X))


def predict_proba(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """Calibrated churn probability per row."""
    return model.calibrator(raw_score(model, X))


def contributions(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """Per-feature contributions to `raw_score`, shape (n, f): booster SHAP values plus LR
    coefficient x (value - training mean) terms, weighted as in the raw score. Rows satisfy
    `contributions(X).sum(1) + contribution_bias(model) == raw_score(X)`."""
    a, b = model.weights
    M = lgb_matrix(X, model.features, model.categories)
    shap = model.booster.predict(M, pred_contrib=True, num_iteration=model.best_iteration)
    out = a * np.asarray(shap, dtype=np.float64)[:, :-1]
    if b != 0.0:
        out = out + b * model.baseline.terms(X, model.features)
    return np.asarray(out, dtype=np.float64)


def contribution_bias(model: FittedModel) -> float:
    """The raw score of an "average" row: what `contributions` are measured against."""
    a, b = model.weights
    return a * model.booster_bias + b * model.baseline.bias


def to_bytes(model: FittedModel) -> bytes:
    payload = {
        "version": FORMAT_VERSION,
        "booster": model.booster.model_to_string(num_iteration=-1),
        "model": replace(model, booster=None),  # type: ignore[arg-type]
    }
    buf = io.BytesIO()
    pickle.dump(payload, buf, protocol=pickle.HIGHEST_PROTOCOL)
    return buf.getvalue()


def from_bytes(data: bytes) -> FittedModel:
    """Load a model written by `to_bytes`. Only load bytes this service wrote (pickle)."""
    try:
        payload = pickle.loads(data)
        if payload.get("version") != FORMAT_VERSION:
            raise ModelFileInvalid(
                f"Unsupported model format {payload.get('version')!r}", field="model"
            )
        booster = lgb.Booster(model_str=payload["booster"])
        model: FittedModel = payload["model"]
    except ModelFileInvalid:
        raise
    except Exception as exc:
        raise ModelFileInvalid(f"Model bytes could not be read: {exc}", field="model") from exc
    return replace(model, booster=booster)


def baseline_proba(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """Probability from the logistic-regression baseline alone."""
    return sigmoid(model.baseline.log_odds(X))
