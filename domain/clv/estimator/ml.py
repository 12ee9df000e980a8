"""LightGBM regressor of next-12-month revenue from RFM and behaviour features.

It boosts from last year's revenue (the `revenue_365d` feature, as LightGBM's initial
score): the trees learn how the next year differs from the last, which a few hundred
customers can teach, rather than revenue from scratch. Squared-error objective on revenue
itself, so per-customer contributions are in currency and add up to the prediction: the
starting point is split into the mean of last year's revenue (the bias) and each customer's
difference from it, credited to `revenue_365d`. Early stopping on a random fifth of the
training rows; predictions are floored at 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]
BASE = "revenue_365d"
PARAMS: dict[str, Any] = {
    "objective": "regression", "learning_rate": 0.05, "num_leaves": 15,
    "min_child_samples": 20, "feature_fraction": 0.9, "bagging_fraction": 0.9,
    "bagging_freq": 1, "lambda_l2": 1.0, "verbosity": -1, "num_threads": 1,
}


@dataclass
class ValueRegressor:
    booster: Any
    reference: float  # mean of last year's revenue over the training rows

    def feature_importance(self, importance_type: str = "gain") -> Any:
        return self.booster.feature_importance(importance_type=importance_type)


def _base(X: pd.DataFrame) -> FloatArray:
    return np.asarray(X[BASE].to_numpy(dtype=np.float64), dtype=np.float64)


def fit_regressor(X: pd.DataFrame, y: FloatArray, seed: int = 0) -> ValueRegressor:
    import lightgbm as lgb

    rng = np.random.default_rng(seed)
    valid = rng.random(len(X)) < 0.2
    params = {**PARAMS, "seed": seed}
    base = _base(X)
    rounds = 300
    if valid.sum() >= 10 and (~valid).sum() >= 10:
        train = lgb.Dataset(X[~valid], y[~valid], init_score=base[~valid])
        check = lgb.Dataset(X[valid], y[valid], init_score=base[valid], reference=train)
        probe = lgb.train(params, train, num_boost_round=1000, valid_sets=[check],
                          callbacks=[lgb.early_stopping(100, verbose=False)])
        rounds = max(int(probe.best_iteration or 0), 10)
    booster = lgb.train(params, lgb.Dataset(X, y, init_score=base), num_boost_round=rounds)
    return ValueRegressor(booster, float(base.mean()) if base.size else 0.0)


def predict(model: ValueRegressor, X: pd.DataFrame) -> FloatArray:
    raw = np.asarray(model.booster.predict(X), dtype=np.float64) + _base(X)
    return np.asarray(raw.clip(min=0.0), dtype=np.float64)


def contributions(model: ValueRegressor, X: pd.DataFrame) -> FloatArray:
    """(rows, features + 1): each feature's contribution in currency, then the bias; they
    add up to the (unfloored) prediction."""
    contrib = np.asarray(model.booster.predict(X, pred_contrib=True), dtype=np.float64)
    column = list(X.columns).index(BASE)
    contrib[:, column] += _base(X) - model.reference
    contrib[:, -1] += model.reference
    return contrib


def dump(model: ValueRegressor) -> bytes:
    return json.dumps({"reference": model.reference,
                       "model": str(model.booster.model_to_string())}).encode()


def load(content: bytes) -> ValueRegressor:
    import lightgbm as lgb

    raw = json.loads(content.decode())
    return ValueRegressor(lgb.Booster(model_str=raw["model"]), float(raw["reference"]))
