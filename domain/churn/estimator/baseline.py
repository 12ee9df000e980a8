"""Logistic-regression baseline for the churn classifier: generic, dataset-agnostic transforms.

Design matrix (all statistics from the training rows only):
  * numerics: median-imputed and standardised, plus a missing flag when the training rows had
    gaps; non-negative columns with right skew above `log_skew` also get a standardised
    `log1p` copy (one extra column: lets LR bend on money/count-like columns without any
    per-dataset feature engineering);
  * categoricals: one-hot, missing or unseen → all zeros.
The L2 strength `C` is picked from a grid by log-loss on rows the caller holds out (the
early-stopping half), never on test data.

`terms` splits the LR log-odds per original feature: coef·(design - training mean) summed over
the feature's design columns, so `terms(X).sum(1) + bias == log_odds(X)` exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from domain.churn.estimator.encoding import FloatArray, codes, numeric
from domain.ml.evaluation import log_loss


@dataclass(frozen=True)
class NumericSpec:
    column: str
    median: float
    mean: float
    scale: float
    flag_missing: bool
    log: bool = False
    log_mean: float = 0.0
    log_scale: float = 1.0


@dataclass(frozen=True)
class Baseline:
    """Logistic regression on the design matrix described in the module docstring."""

    numeric: tuple[NumericSpec, ...]
    categories: dict[str, tuple[str, ...]]
    model: LogisticRegression
    c: float = 1.0
    design_means: tuple[float, ...] = ()

    def _blocks(self, X: pd.DataFrame) -> list[tuple[str, FloatArray]]:
        parts: list[tuple[str, FloatArray]] = []
        for spec in self.numeric:
            v = numeric(X, spec.column)
            miss = np.isnan(v)
            v = np.where(miss, spec.median, v)
            parts.append((spec.column, (v - spec.mean) / spec.scale))
            if spec.log:
                lv = np.log1p(np.maximum(v, 0.0))
                parts.append((spec.column, (lv - spec.log_mean) / spec.log_scale))
            if spec.flag_missing:
                parts.append((spec.column, miss.astype(np.float64)))
        for col, cats in self.categories.items():
            idx = codes(X, col, cats)
            for k in range(len(cats)):
                parts.append((col, (idx == k).astype(np.float64)))
        return parts

    def design(self, X: pd.DataFrame) -> FloatArray:
        parts = [p for _, p in self._blocks(X)]
        return np.column_stack(parts) if parts else np.zeros((len(X), 0))

    def log_odds(self, X: pd.DataFrame) -> FloatArray:
        return np.asarray(self.model.decision_function(self.design(X)), dtype=np.float64)

    @property
    def bias(self) -> float:
        """Log-odds of a row sitting at the training mean of every design column."""
        coef = self.model.coef_[0]
        return float(self.model.intercept_[0] + coef @ np.asarray(self.design_means))

    def terms(self, X: pd.DataFrame, features: tuple[str, ...]) -> FloatArray:
        """Per-feature share of the LR log-odds, shape (n, len(features)); sums to
        `log_odds(X) - bias`. Features the baseline does not use get zeros."""
        out = np.zeros((len(X), len(features)))
        where = {f: i for i, f in enumerate(features)}
        coef = self.model.coef_[0]
        for j, (owner, values) in enumerate(self._blocks(X)):
            out[:, where[owner]] += coef[j] * (values - self.design_means[j])
        return out


def _spec(X: pd.DataFrame, col: str, log_skew: float) -> NumericSpec:
    v = numeric(X, col)
    miss = np.isnan(v)
    med = float(np.nanmedian(v)) if (~miss).any() else 0.0
    filled = np.where(miss, med, v)
    sd = float(filled.std())
    spec = NumericSpec(
        column=col,
        median=med,
        mean=float(filled.mean()),
        scale=sd if sd > 0 else 1.0,
        flag_missing=bool(miss.any()),
    )
    skew = float(((filled - spec.mean) ** 3).mean() / spec.scale**3) if sd > 0 else 0.0
    if filled.min() >= 0 and np.unique(filled).size > 2 and skew > log_skew:
        lv = np.log1p(filled)
        lsd = float(lv.std())
        return NumericSpec(
            **{**spec.__dict__, "log": True, "log_mean": float(lv.mean()),
               "log_scale": lsd if lsd > 0 else 1.0}
        )
    return spec


def fit_baseline(
    X: pd.DataFrame,
    y: FloatArray,
    cats: dict[str, tuple[str, ...]],
    *,
    cs: tuple[float, ...] = (1.0,),
    log_skew: float = float("inf"),
    X_select: pd.DataFrame | None = None,
    y_select: FloatArray | None = None,
) -> Baseline:
    """Fit on (X, y); with several `cs`, keep the one with the lowest log-loss on
    (X_select, y_select) — rows the caller keeps out of the test data."""
    specs = tuple(_spec(X, str(col), log_skew) for col in X.columns if str(col) not in cats)
    shell = Baseline(specs, cats, LogisticRegression())
    D = shell.design(X)
    D_sel = shell.design(X_select) if X_select is not None and len(cs) > 1 else None
    best: tuple[float, LogisticRegression] | None = None
    best_loss = np.inf
    for c in cs:
        lr = LogisticRegression(C=c, max_iter=5000)
        lr.fit(D, y)
        if D_sel is None or y_select is None:
            best = (c, lr)
            break
        p = 1.0 / (1.0 + np.exp(-np.clip(lr.decision_function(D_sel), -35.0, 35.0)))
        loss = log_loss(y_select, p)
        if loss < best_loss - 1e-9:
            best, best_loss = (c, lr), loss
    assert best is not None
    means = tuple(float(m) for m in D.mean(axis=0))
    return Baseline(specs, cats, best[1], c=best[0], design_means=means)
