"""Pure fit / predict for churn: the only modules of `domain.churn` that import ML libraries.

`classifier`: calibrated LightGBM with a logistic-regression baseline (churn probability,
per-feature contributions). `survival`: time to churn.
"""

from domain.churn.estimator import survival
from domain.churn.estimator.classifier import (
    Baseline,
    Calibrator,
    ChurnConfig,
    FittedModel,
    ModelFileInvalid,
    TrainingDataInvalid,
    baseline_proba,
    contribution_bias,
    contributions,
    fit,
    from_bytes,
    predict_proba,
    raw_score,
    to_bytes,
)

__all__ = [
    "Baseline", "Calibrator", "ChurnConfig", "FittedModel", "ModelFileInvalid",
    "TrainingDataInvalid", "baseline_proba", "contribution_bias", "contributions", "fit",
    "from_bytes", "predict_proba", "raw_score", "survival", "to_bytes",
]
