"""Calibration / holdout validation of a purchase model, per calibration-frequency bucket.

The model is fitted on the calibration summaries and predicts each customer's repeat
purchases in the holdout; the naive baseline repeats the customer's calibration rate x / T.
Buckets are the calibration frequency 0, 1, ..., 6 and 7+ (Fader, Hardie & Lee 2005, fig. 4).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from domain.clv.estimator.bgnbd import Kind
from domain.clv.estimator.value import expected_purchases, fit_value, purchase_model

TOP_BUCKET = 7


def holdout_report(calibration: pd.DataFrame, kind: Kind = "bgnbd") -> dict[str, Any]:
    """`calibration`: a `calibration_holdout` frame. Totals, mean absolute errors and the
    per-bucket mean actual / predicted / naive holdout purchases."""
    fit = fit_value(calibration, kind)
    x, t_x, T = (calibration[c].to_numpy(dtype=np.float64) for c in ("frequency", "recency", "T"))
    duration = calibration["holdout_duration"].to_numpy(dtype=np.float64)
    model = purchase_model(kind, fit.purchases.params)
    predicted = expected_purchases(model, float(duration.max()), x, t_x, T)
    naive = np.where(T > 0, x / np.maximum(T, 1e-9), 0.0) * duration
    actual = calibration["holdout_frequency"].to_numpy(dtype=np.float64)
    bucket = np.minimum(x, TOP_BUCKET).astype(int)
    buckets = []
    for b in range(TOP_BUCKET + 1):
        m = bucket == b
        if m.any():
            buckets.append({"frequency": f"{b}+" if b == TOP_BUCKET else str(b),
                            "customers": int(m.sum()), "actual": float(actual[m].mean()),
                            "predicted": float(predicted[m].mean()),
                            "naive": float(naive[m].mean())})
    return {"customers": len(calibration), "actual": float(actual.sum()),
            "predicted": float(predicted.sum()), "naive": float(naive.sum()),
            "mae": float(np.mean(np.abs(predicted - actual))),
            "naive_mae": float(np.mean(np.abs(naive - actual))), "buckets": buckets}
