"""Churn estimator: pure fit/predict, no database. The only churn module importing ML libraries.

Held-out rows (`valid`) are split in two by position (time order): the FIRST half drives early
stopping and the choice of the LightGBM/LR blend weight, the SECOND half fits the calibrator.
Metrics in `FittedModel.metrics` are computed on all held-out rows; they are used for model
choices, so they are mildly optimistic — use `domain.churn.tabular.cross_validate` for honest
out-of-sample figures.

The final probability is `calibrator(w * lightgbm_log_odds + (1 - w) * baseline_log_odds)`,
with `w` picked from `ChurnConfig.blend_weights` by calibrated log-loss on the first half
(`blend_weights=(1.0,)` gives plain calibrated LightGBM). `contributions` explain the LightGBM
log-odds only.
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
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from domain.errors import ValidationFailed
from domain.ml.evaluation import CalibrationBin, Metrics, evaluate

FloatArray = npt.NDArray[np.float64]
Progress = Callable[[float, str], None]
FORMAT_VERSION = 1


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
    isotonic_min_rows: int = 5000  # isotonic overfits on a few hundred rows; Platt below
    # "second_half": calibrator sees only rows untouched by early stopping / blend choice;
    # "all_held_out": calibrator sees every held-out row (twice the rows, less variance; the
    # early-stopping half was only used to pick one iteration count and one blend weight).
    calibrate_on: Literal["second_half", "all_held_out"] = "second_half"
    blend_weights: tuple[float, ...] = (1.0, 0.75, 0.5, 0.25)
    baseline_c: float = 1.0
    num_threads: int = 1

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
class Calibrator:
    """Maps log-odds to probabilities. Platt: sigmoid(a·z + b); isotonic: step function."""

    kind: Literal["platt", "isotonic"]
    a: float = 1.0
    b: float = 0.0
    isotonic: IsotonicRegression | None = None

    def __call__(self, z: FloatArray) -> FloatArray:
        if self.kind == "isotonic" and self.isotonic is not None:
            return np.asarray(self.isotonic.predict(z), dtype=np.float64)
        return _sigmoid(self.a * z + self.b)


@dataclass(frozen=True)
class Baseline:
    """Logistic regression on standardised numerics (median-imputed, with missing flags) and
    one-hot categoricals (missing/unseen → all zeros)."""

    numeric: tuple[str, ...]
    medians: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    flag_missing: tuple[bool, ...]
    categories: dict[str, tuple[str, ...]]
    model: LogisticRegression

    def design(self, X: pd.DataFrame) -> FloatArray:
        parts: list[FloatArray] = []
        for i, col in enumerate(self.numeric):
            v = _numeric(X, col)
            miss = np.isnan(v)
            v = np.where(miss, self.medians[i], v)
            parts.append((v - self.means[i]) / self.scales[i])
            if self.flag_missing[i]:
                parts.append(miss.astype(np.float64))
        for col, cats in self.categories.items():
            codes = _codes(X, col, cats)
            for k in range(len(cats)):
                parts.append((codes == k).astype(np.float64))
        return np.column_stack(parts) if parts else np.zeros((len(X), 0))

    def log_odds(self, X: pd.DataFrame) -> FloatArray:
        return np.asarray(self.model.decision_function(self.design(X)), dtype=np.float64)


@dataclass(frozen=True)
class FittedModel:
    booster: lgb.Booster
    calibrator: Calibrator
    features: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]
    baseline: Baseline
    params: dict[str, Any]
    best_iteration: int
    blend_weight: float
    metrics: dict[str, Metrics]
    calibration_curve: tuple[CalibrationBin, ...]
    feature_importance: dict[str, float] = field(default_factory=dict)


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0))), dtype=np.float64)


def _column(X: pd.DataFrame, col: str) -> pd.Series:
    if col not in X.columns:
        raise ValidationFailed(f"Column {col!r} is missing from the data to score", field=col)
    return X[col]


def _numeric(X: pd.DataFrame, col: str) -> FloatArray:
    s = _column(X, col)
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("float64")
    return np.asarray(pd.to_numeric(s, errors="coerce"), dtype=np.float64)


def _codes(X: pd.DataFrame, col: str, cats: tuple[str, ...]) -> FloatArray:
    """Category index per row; missing or unseen categories → NaN."""
    s = _column(X, col)
    text = s.astype("string").where(s.notna())
    codes = pd.Categorical(text, categories=list(cats)).codes.astype(np.float64)
    return np.where(codes < 0, np.nan, codes)


def _is_categorical(s: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s))


def _infer_categories(X: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for col in X.columns:
        s = X[col]
        if _is_categorical(s):
            out[str(col)] = tuple(sorted({str(v) for v in s.dropna().to_numpy()}))
    return out


def _lgb_matrix(
    X: pd.DataFrame, features: tuple[str, ...], cats: dict[str, tuple[str, ...]]
) -> FloatArray:
    cols = [_codes(X, c, cats[c]) if c in cats else _numeric(X, c) for c in features]
    return np.column_stack(cols) if cols else np.zeros((len(X), 0))


def _fit_platt(z: FloatArray, y: FloatArray) -> Calibrator:
    lr = LogisticRegression(C=1e6, max_iter=1000)
    lr.fit(z.reshape(-1, 1), y)
    return Calibrator(kind="platt", a=float(lr.coef_[0, 0]), b=float(lr.intercept_[0]))


def _fit_calibrator(z: FloatArray, y: FloatArray, min_isotonic: int) -> Calibrator:
    if z.size >= min_isotonic:
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        iso.fit(z, y)
        return Calibrator(kind="isotonic", isotonic=iso)
    return _fit_platt(z, y)


def _fit_baseline(
    X: pd.DataFrame, y: FloatArray, cats: dict[str, tuple[str, ...]], c: float
) -> Baseline:
    numeric = tuple(str(col) for col in X.columns if str(col) not in cats)
    medians, means, scales, flags = [], [], [], []
    for col in numeric:
        v = _numeric(X, col)
        miss = np.isnan(v)
        med = float(np.nanmedian(v)) if (~miss).any() else 0.0
        filled = np.where(miss, med, v)
        sd = float(filled.std())
        medians.append(med)
        means.append(float(filled.mean()))
        scales.append(sd if sd > 0 else 1.0)
        flags.append(bool(miss.any()))
    shell = Baseline(
        numeric,
        tuple(medians),
        tuple(means),
        tuple(scales),
        tuple(flags),
        cats,
        LogisticRegression(C=c, max_iter=5000),
    )
    shell.model.fit(shell.design(X), y)
    return shell


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
    cats = _infer_categories(X)
    M = _lgb_matrix(X, features, cats)
    train = np.flatnonzero(~va)
    held = np.flatnonzero(va)
    half = held.size // 2
    es, cal = held[:half], held[half:]
    for name, rows in (("early-stopping", es), ("calibration", cal)):
        if len(np.unique(ya[rows])) < 2:
            raise TrainingDataInvalid(
                f"The {name} half of the held-out rows needs both classes", field="valid"
            )

    params = config.lgb_params()
    cat_idx = [i for i, c in enumerate(features) if c in cats]
    names = [f"f{i}" for i in range(len(features))]
    dtrain = lgb.Dataset(
        M[train], ya[train], feature_name=names, categorical_feature=cat_idx, free_raw_data=False
    )
    dvalid = lgb.Dataset(M[es], ya[es], reference=dtrain)

    def _on_iter(env: Any) -> None:
        if env.iteration % 50 == 0:
            report(0.05 + 0.6 * env.iteration / config.max_rounds, "boosting")

    report(0.05, "boosting")
    booster = lgb.train(
        params,
        dtrain,
        num_boost_round=config.max_rounds,
        valid_sets=[dvalid],
        callbacks=[lgb.early_stopping(config.early_stopping_rounds, verbose=False), _on_iter],
    )
    best = int(booster.best_iteration or booster.current_iteration())

    report(0.7, "baseline")
    baseline = _fit_baseline(X.iloc[train], ya[train], cats, config.baseline_c)
    raw = np.asarray(booster.predict(M, raw_score=True, num_iteration=best), dtype=np.float64)
    lin = baseline.log_odds(X)

    report(0.85, "calibrating")
    weight, best_loss = 1.0, np.inf
    for w in config.blend_weights:
        z = w * raw[es] + (1.0 - w) * lin[es]
        loss = evaluate(ya[es], _fit_platt(z, ya[es])(z)).log_loss
        if loss < best_loss - 1e-9:
            weight, best_loss = w, loss
    blended = weight * raw + (1.0 - weight) * lin
    cal_rows = held if config.calibrate_on == "all_held_out" else cal
    calibrator = _fit_calibrator(blended[cal_rows], ya[cal_rows], config.isotonic_min_rows)

    p_main = calibrator(blended[held])
    p_base = _sigmoid(lin[held])
    metrics = {"lightgbm": evaluate(ya[held], p_main), "baseline": evaluate(ya[held], p_base)}
    gains = booster.feature_importance(importance_type="gain", iteration=best)
    importance = dict(
        sorted(((features[i], float(g)) for i, g in enumerate(gains)), key=lambda kv: -kv[1])
    )
    report(1.0, "done")
    return FittedModel(
        booster=booster,
        calibrator=calibrator,
        features=features,
        categories=cats,
        baseline=baseline,
        params=params,
        best_iteration=best,
        blend_weight=weight,
        metrics=metrics,
        calibration_curve=metrics["lightgbm"].calibration,
        feature_importance=importance,
    )


def raw_score(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """LightGBM log-odds (uncalibrated, unblended)."""
    M = _lgb_matrix(X, model.features, model.categories)
    return np.asarray(
        model.booster.predict(M, raw_score=True, num_iteration=model.best_iteration),
        dtype=np.float64,
    )


def predict_proba(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """Calibrated churn probability per row."""
    z = raw_score(model, X)
    if model.blend_weight < 1.0:
        z = model.blend_weight * z + (1.0 - model.blend_weight) * model.baseline.log_odds(X)
    return model.calibrator(z)


def contributions(model: FittedModel, X: pd.DataFrame) -> FloatArray:
    """Per-feature SHAP values of the LightGBM log-odds (bias column dropped), shape (n, f)."""
    M = _lgb_matrix(X, model.features, model.categories)
    out = model.booster.predict(M, pred_contrib=True, num_iteration=model.best_iteration)
    return np.asarray(out, dtype=np.float64)[:, :-1]


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
    return _sigmoid(model.baseline.log_odds(X))
