"""New-customer value estimator: pure fit / predict, no database. The only module of
`domain.acquisition` that imports an ML library (LightGBM).

Rows arrive oldest first (by first purchase). They are split by time into training (the
oldest 64 %), early-stopping (the next 16 %) and held-out (the newest 20 %) rows:

1. LightGBM (L2 regression, 7 leaves, categoricals through pandas `category` columns) is
   trained on the training rows and early-stopped on the early-stopping rows, which fixes
   the number of rounds;
2. LightGBM with that many rounds and the baseline (the mean target per channel; the overall
   mean for a channel it has not seen) are both fitted on training + early-stopping rows and
   compared on the held-out rows: MAE and Spearman rank correlation;
3. the served model is LightGBM only if its held-out MAE is lower than the baseline's,
   otherwise the baseline; the reason is kept. Its 5 % and 95 % held-out residual quantiles
   give the 90 % interval of a prediction;
4. the served model is refitted on all rows (same rounds) and returned.

Parts of the artifact: `meta` (JSON: categories, baseline means, residual quantiles, what is
served) and, when LightGBM is served, `booster` (LightGBM's text model format). No pickle.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.acquisition.features import CATEGORICAL, FEATURES, NUMERIC
from domain.errors import ValidationFailed
from domain.ml.evaluation import average_ranks

FloatArray = npt.NDArray[np.float64]
LIGHTGBM, BASELINE = "lightgbm", "baseline"
NO_CHANNEL = "(none)"
MAX_ROUNDS = 1000
PATIENCE = 50


class ModelFileInvalid(ValidationFailed):
    code = "MODEL_ARTIFACT_INVALID"


@dataclass(frozen=True)
class AcquisitionFit:
    """What a fit returns across a process boundary (plain, picklable)."""

    parts: dict[str, bytes]
    served: str
    reason: str
    metrics: dict[str, Any]
    params: dict[str, Any]
    importance: dict[str, float]


@dataclass(frozen=True)
class Predictor:
    meta: dict[str, Any]
    booster: lgb.Booster | None

    @property
    def served(self) -> str:
        return str(self.meta["served"])


@dataclass(frozen=True)
class Prediction:
    value: float
    lower: float
    upper: float
    contributions: dict[str, float]  # per feature, in currency


def _params(n_rows: int, seed: int) -> dict[str, Any]:
    small = max(5, n_rows // 40)
    return {"objective": "regression", "learning_rate": 0.05, "num_leaves": 7,
            "min_data_in_leaf": small, "min_data_per_group": small, "cat_smooth": 10.0,
            "cat_l2": 10.0, "max_cat_to_onehot": 8, "lambda_l2": 1.0, "verbose": -1,
            "num_threads": 1, "seed": seed, "deterministic": True, "force_row_wise": True}


def design(X: pd.DataFrame, categories: dict[str, list[str]]) -> pd.DataFrame:
    """Float numerics and `category` columns with the training categories (an unseen
    value becomes missing)."""
    out = pd.DataFrame(index=X.index)
    for name in NUMERIC:
        out[name] = pd.to_numeric(X[name], errors="coerce").astype(float)
    for name in CATEGORICAL:
        values = X[name].astype(object).where(X[name].notna(), None)
        out[name] = pd.Categorical(values, categories=categories[name])
    return out[list(FEATURES)]


def _categories(X: pd.DataFrame) -> dict[str, list[str]]:
    return {name: sorted({str(v) for v in X[name] if v is not None and v == v})
            for name in CATEGORICAL}


def _channel_key(value: object) -> str:
    return NO_CHANNEL if value is None or value != value else str(value)


def fit_baseline(X: pd.DataFrame, y: FloatArray) -> dict[str, Any]:
    keys = [_channel_key(v) for v in X["channel"]]
    means = pd.Series(y).groupby(pd.Series(keys)).mean()
    return {"overall": float(np.mean(y)) if len(y) else 0.0,
            "by_channel": {str(k): float(v) for k, v in means.items()}}


def baseline_predict(baseline: dict[str, Any], X: pd.DataFrame) -> FloatArray:
    overall, by = float(baseline["overall"]), baseline["by_channel"]
    return np.array([float(by.get(_channel_key(v), overall)) for v in X["channel"]])


def spearman(y: FloatArray, p: FloatArray) -> float:
    """Rank correlation (ties share their mean rank); NaN when either side is constant."""
    if len(y) < 2:
        return math.nan
    ry, rp = average_ranks(y), average_ranks(p)
    if np.std(ry) == 0 or np.std(rp) == 0:
        return math.nan
    return float(np.corrcoef(ry, rp)[0, 1])


def _scores(y: FloatArray, p: FloatArray) -> dict[str, float]:
    return {"mae": float(np.mean(np.abs(y - p))), "rmse": float(np.sqrt(np.mean((y - p) ** 2))),
            "spearman": spearman(y, p), "mean_predicted": float(np.mean(p)),
            "mean_actual": float(np.mean(y)), "n": float(len(y))}


def _train(D: pd.DataFrame, y: FloatArray, params: dict[str, Any], rounds: int,
           valid: tuple[pd.DataFrame, FloatArray] | None = None) -> lgb.Booster:
    dtrain = lgb.Dataset(D, y, categorical_feature=list(CATEGORICAL), free_raw_data=False)
    valid_sets: list[lgb.Dataset] = []
    callbacks: list[Callable[..., Any]] = []
    if valid is not None:
        valid_sets.append(lgb.Dataset(valid[0], valid[1], reference=dtrain))
        callbacks.append(lgb.early_stopping(PATIENCE, verbose=False))
    return lgb.train(params, dtrain, num_boost_round=rounds, valid_sets=valid_sets,
                     callbacks=callbacks)


def split_sizes(n: int) -> tuple[int, int, int]:
    """(training, early-stopping, held-out) row counts, oldest rows first."""
    test = max(10, round(0.2 * n))
    stop = max(8, round(0.2 * (n - test)))
    return n - test - stop, stop, test


def fit(X: pd.DataFrame, y: FloatArray, *, seed: int = 7) -> AcquisitionFit:
    """Pure: compare LightGBM with the baseline on the newest rows, refit the winner on all
    rows (module docstring). `X` and `y` must be ordered oldest first."""
    y = np.asarray(y, dtype=float)
    n_train, n_stop, n_test = split_sizes(len(y))
    if n_train < 10:
        raise ValidationFailed(f"{len(y)} customers are too few to train on", field="rows")
    categories = _categories(X)
    D = design(X, categories)
    params = _params(n_train, seed)
    fit_rows, test = slice(0, n_train + n_stop), slice(n_train + n_stop, None)
    stopped = _train(D.iloc[:n_train], y[:n_train], params, MAX_ROUNDS,
                     valid=(D.iloc[n_train:n_train + n_stop], y[n_train:n_train + n_stop]))
    rounds = max(1, int(stopped.best_iteration or stopped.current_iteration()))
    booster = _train(D.iloc[fit_rows], y[fit_rows], params, rounds)
    ml_pred = np.asarray(booster.predict(D.iloc[test], num_iteration=rounds), dtype=float)
    base_pred = baseline_predict(fit_baseline(X.iloc[fit_rows], y[fit_rows]), X.iloc[test])
    ml, base = _scores(y[test], ml_pred), _scores(y[test], base_pred)
    served = LIGHTGBM if ml["mae"] < base["mae"] else BASELINE
    reason = (f"LightGBM held-out MAE {ml['mae']:.2f} beats the baseline's {base['mae']:.2f}: "
              "serving LightGBM" if served == LIGHTGBM else
              f"LightGBM held-out MAE {ml['mae']:.2f} does not beat the baseline's "
              f"{base['mae']:.2f}: serving the baseline (mean revenue per channel)")
    residuals = y[test] - (ml_pred if served == LIGHTGBM else base_pred)
    q05, q95 = (float(q) for q in np.quantile(residuals, [0.05, 0.95]))

    baseline = fit_baseline(X, y)
    meta: dict[str, Any] = {"served": served, "categories": categories, "baseline": baseline,
                            "residual_q05": q05, "residual_q95": q95, "rounds": rounds,
                            "features": list(FEATURES)}
    parts = {"meta": json.dumps(meta, sort_keys=True).encode()}
    importance: dict[str, float] = {}
    if served == LIGHTGBM:
        final = _train(D, y, params, rounds)
        parts["booster"] = final.model_to_string().encode()
        gains = final.feature_importance(importance_type="gain")
        importance = {str(k): float(v) for k, v in zip(final.feature_name(), gains, strict=True)}
    else:
        spread = {k: abs(v - baseline["overall"]) for k, v in baseline["by_channel"].items()}
        importance = {"channel": float(np.mean(list(spread.values()))) if spread else 0.0}
    metrics = {"model": ml, "baseline": base, "served": served, "reason": reason,
               "rows": {"training": n_train, "early_stopping": n_stop, "held_out": n_test,
                        "total": len(y)},
               "residual_quantiles": {"q05": q05, "q95": q95}, "best_iteration": rounds}
    return AcquisitionFit(parts=parts, served=served, reason=reason, metrics=metrics,
                          params={"lightgbm": params, "rounds": rounds, "served": served,
                                  "categories": categories},
                          importance=importance)


def load(parts: dict[str, bytes]) -> Predictor:
    """A predictor from the artifact's parts; `ModelFileInvalid` when they cannot be read."""
    try:
        meta = json.loads(parts["meta"].decode())
        booster = None
        if meta["served"] == LIGHTGBM:
            booster = lgb.Booster(model_str=parts["booster"].decode())
    except (KeyError, ValueError, UnicodeDecodeError, lgb.basic.LightGBMError) as exc:
        raise ModelFileInvalid(f"the acquisition model could not be read: {exc}",
                               field="artifact") from exc
    return Predictor(meta=meta, booster=booster)


def predict(predictor: Predictor, X: pd.DataFrame) -> list[Prediction]:
    """Value (never negative), 90 % interval and per-feature contributions of each row.
    LightGBM: `pred_contrib` (they sum with the bias to the raw value). Baseline: the
    channel's mean against the overall mean."""
    meta = predictor.meta
    q05, q95 = float(meta["residual_q05"]), float(meta["residual_q95"])
    if predictor.booster is not None:
        D = design(X, meta["categories"])
        contrib = np.asarray(predictor.booster.predict(D, pred_contrib=True), dtype=float)
        raw = contrib.sum(axis=1)
        per_row = [dict(zip(FEATURES, row[:-1].tolist(), strict=True)) for row in contrib]
    else:
        baseline = meta["baseline"]
        raw = baseline_predict(baseline, X)
        per_row = [{"channel": float(v - baseline["overall"])} for v in raw]
    out = []
    for value, parts in zip(raw.tolist(), per_row, strict=True):
        v = max(0.0, float(value))
        out.append(Prediction(value=v, lower=max(0.0, min(v, value + q05)),
                              upper=max(v, value + q95), contributions=parts))
    return out
