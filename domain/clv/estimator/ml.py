"""LightGBM regressor of next-12-month revenue from RFM and behaviour features.

Squared-error objective on revenue itself, so per-customer contributions (`pred_contrib`)
are in currency and add up to the prediction. Early stopping on a held-out fifth of the
training rows; predictions are floored at 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]
PARAMS: dict[str, Any] = {
    "objective": "regression", "learning_rate": 0.05, "num_leaves": 15,
    "min_child_samples": 20, "feature_fraction": 0.9, "bagging_fraction": 0.9,
    "bagging_freq": 1, "lambda_l2": 1.0, "verbosity": -1, "num_threads": 1,
}


def fit_regressor(X: pd.DataFrame, y: FloatArray, seed: int = 0) -> Any:
    import lightgbm as lgb

    rng = np.random.default_rng(seed)
    valid = rng.random(len(X)) < 0.2
    if valid.sum() < 10 or (~valid).sum() < 10:
        valid = np.zeros(len(X), dtype=bool)
    params = {**PARAMS, "seed": seed}
    train = lgb.Dataset(X[~valid], y[~valid])
    if valid.any():
        booster = lgb.train(params, train, num_boost_round=600,
                            valid_sets=[lgb.Dataset(X[valid], y[valid], reference=train)],
                            callbacks=[lgb.early_stopping(40, verbose=False)])
        best = max(int(booster.best_iteration or 0), 20)
        return lgb.train(params, lgb.Dataset(X, y), num_boost_round=best)
    return lgb.train(params, train, num_boost_round=200)


def predict(booster: Any, X: pd.DataFrame) -> FloatArray:
    return np.asarray(booster.predict(X), dtype=np.float64).clip(min=0.0)


def contributions(booster: Any, X: pd.DataFrame) -> FloatArray:
    """(rows, features + 1): each feature's contribution in currency, then the bias."""
    return np.asarray(booster.predict(X, pred_contrib=True), dtype=np.float64)


def dump(booster: Any) -> bytes:
    return str(booster.model_to_string()).encode()


def load(content: bytes) -> Any:
    import lightgbm as lgb

    return lgb.Booster(model_str=content.decode())
