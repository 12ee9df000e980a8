"""LightGBM training for the churn classifier, and the inner cross-validation that picks the
mode, round count and booster weight on the training rows (see `classifier` module docstring).

The inner CV splits the training rows (never the held-out or test rows) into K stratified
folds; per fold it refits the LR baseline (the `C` already chosen) and a booster, early-stopped
on that fold with generous patience. The round count is the argmin of the MEAN fold log-loss
curve (over the rounds every fold reached), a far steadier choice than one early-stopping
curve on a few hundred rows. The fold boosters cut at that round give out-of-fold raw scores
for every training row: the weight `w` is picked on them, and they feed the calibrator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.churn.estimator.baseline import Baseline, fit_baseline
from domain.churn.estimator.calibration import fit_platt
from domain.churn.estimator.encoding import FloatArray
from domain.ml.evaluation import log_loss

Mode = Literal["residual", "plain"]
Rows = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Setup:
    M: FloatArray
    y: FloatArray
    names: list[str]
    cat_idx: list[int]
    params: dict[str, Any]


@dataclass(frozen=True)
class Choice:
    mode: Mode
    weight: float
    rounds: int
    loss: float  # Platt-fitted log-loss of the out-of-fold scores
    oof: FloatArray  # out-of-fold raw scores, aligned with the training rows


def combine(mode: Mode, w: float, boost: FloatArray, lin: FloatArray) -> FloatArray:
    return lin + w * boost if mode == "residual" else w * boost + (1.0 - w) * lin


def train(
    s: Setup,
    rows: Rows,
    init: FloatArray | None,
    rounds: int,
    stop: tuple[Rows, int] | None = None,
    record: dict[str, Any] | None = None,
) -> lgb.Booster:
    """Booster on `rows` (init_score = `init[rows]` when given); with `stop=(rows, patience)`
    early-stopped on those rows (their init_score too), recording the curve into `record`."""
    dtrain = lgb.Dataset(
        s.M[rows], s.y[rows], init_score=None if init is None else init[rows],
        feature_name=s.names, categorical_feature=s.cat_idx, free_raw_data=False,
    )
    valid_sets: list[lgb.Dataset] = []
    cbs: list[Callable[..., Any]] = []
    if stop is not None:
        vrows, patience = stop
        valid_sets.append(lgb.Dataset(
            s.M[vrows], s.y[vrows], init_score=None if init is None else init[vrows],
            reference=dtrain,
        ))
        cbs.append(lgb.early_stopping(patience, verbose=False))
        if record is not None:
            cbs.append(lgb.record_evaluation(record))
    return lgb.train(
        s.params, dtrain, num_boost_round=rounds, valid_sets=valid_sets, callbacks=cbs
    )


def inner_folds(y: FloatArray, k: int, seed: int) -> npt.NDArray[np.int64]:
    rng = np.random.default_rng(seed)
    fold = np.empty(y.size, dtype=np.int64)
    for cls in (0.0, 1.0):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        fold[idx] = np.arange(idx.size) % k
    return fold


def choose(
    X: pd.DataFrame,
    s: Setup,
    rows: Rows,
    baseline: Baseline,
    *,
    modes: tuple[Mode, ...],
    weights: tuple[float, ...],
    folds: int,
    max_rounds: int,
    patience: int,
    log_skew: float,
    seed: int,
) -> Choice:
    fold = inner_folds(s.y[rows], folds, seed)
    lin_oof = np.empty(rows.size)
    lins: list[FloatArray] = []
    for k in range(folds):
        inner, outer = rows[fold != k], rows[fold == k]
        base = fit_baseline(
            X.iloc[inner], s.y[inner], baseline.categories, cs=(baseline.c,), log_skew=log_skew
        )
        lin = np.zeros(len(X))
        lin[inner] = base.log_odds(X.iloc[inner])
        lin[outer] = base.log_odds(X.iloc[outer])
        lin_oof[fold == k] = lin[outer]
        lins.append(lin)
    best: Choice | None = None
    for mode in modes:
        boosters, curves = [], []
        for k in range(folds):
            inner, outer = rows[fold != k], rows[fold == k]
            record: dict[str, Any] = {}
            init = lins[k] if mode == "residual" else None
            boosters.append(train(s, inner, init, max_rounds, (outer, patience), record))
            curves.append(np.asarray(record["valid_0"]["binary_logloss"]))
        reach = min(c.size for c in curves)
        mean_curve = np.mean([c[:reach] for c in curves], axis=0)
        rounds = int(np.argmin(mean_curve)) + 1
        boost_oof = np.empty(rows.size)
        for k, booster in enumerate(boosters):
            outer = rows[fold == k]
            boost_oof[fold == k] = booster.predict(s.M[outer], raw_score=True,
                                                   num_iteration=rounds)
        for w in weights:
            z = combine(mode, w, boost_oof, lin_oof)
            loss = log_loss(s.y[rows], fit_platt(z, s.y[rows])(z))
            if best is None or loss < best.loss - 1e-9:
                best = Choice(mode, w, rounds, loss, z)
    assert best is not None
    return best
