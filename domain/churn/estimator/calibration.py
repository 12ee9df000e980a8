"""Calibrators mapping the churn model's log-odds to probabilities.

Platt (sigmoid(a·z + b), two parameters) below `isotonic_min_rows` rows, isotonic at or above:
isotonic overfits on a few hundred rows, Platt is biased only when the log-odds are badly
mis-shaped, which boosting on a logistic baseline rarely produces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from domain.churn.estimator.encoding import FloatArray, sigmoid


@dataclass(frozen=True)
class Calibrator:
    """Maps log-odds to probabilities. Platt: sigmoid(a·z + b); isotonic: step function."""

    kind: Literal["platt", "isotonic"]
    a: float = 1.0
    b: float = 0.0
    isotonic: IsotonicRegression | None = None
    rows: int = 0  # how many rows it was fitted on

    def __call__(self, z: FloatArray) -> FloatArray:
        if self.kind == "isotonic" and self.isotonic is not None:
            return np.asarray(self.isotonic.predict(z), dtype=np.float64)
        return sigmoid(self.a * z + self.b)


def fit_platt(z: FloatArray, y: FloatArray) -> Calibrator:
    lr = LogisticRegression(C=1e6, max_iter=1000)
    lr.fit(z.reshape(-1, 1), y)
    return Calibrator(
        kind="platt", a=float(lr.coef_[0, 0]), b=float(lr.intercept_[0]), rows=int(z.size)
    )


def fit_calibrator(z: FloatArray, y: FloatArray, min_isotonic: int) -> Calibrator:
    if z.size >= min_isotonic:
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        iso.fit(z, y)
        return Calibrator(kind="isotonic", isotonic=iso, rows=int(z.size))
    return fit_platt(z, y)
