"""Tabular churn path for any uploaded customer table with a binary label column.

`prepare_table` turns a raw frame into model-ready features (dropping identifiers, constants
and free text; parsing numeric-looking strings), `cross_validate` gives honest out-of-sample
metrics for the calibrated LightGBM model and the logistic-regression baseline.
Numpy/pandas only; the ML work happens in `domain.churn.estimator`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.churn import estimator
from domain.errors import ValidationFailed
from domain.ml.evaluation import Metrics, evaluate

POSITIVE = frozenset(
    {
        "1",
        "yes",
        "y",
        "true",
        "t",
        "churned",
        "churn",
        "lost",
        "cancelled",
        "canceled",
        "left",
        "inactive",
        "1.0",
    }
)
NEGATIVE = frozenset(
    {"0", "no", "n", "false", "f", "active", "retained", "stayed", "current", "0.0"}
)
MAX_CATEGORIES = 50
MIN_ROWS_FOR_ID = 10
METRIC_NAMES = ("roc_auc", "ece", "brier", "log_loss", "pr_auc", "lift_top_decile")


class LabelMissing(ValidationFailed):
    code = "LABEL_MISSING"


class LabelInvalid(ValidationFailed):
    code = "LABEL_INVALID"


class LabelConstant(ValidationFailed):
    code = "LABEL_CONSTANT"


class NoUsableFeatures(ValidationFailed):
    code = "NO_USABLE_FEATURES"


class TooFewRows(ValidationFailed):
    code = "TOO_FEW_ROWS"


@dataclass(frozen=True)
class TabularData:
    X: pd.DataFrame
    y: npt.NDArray[np.int8]
    dropped: dict[str, str] = field(default_factory=dict)
    label: str = ""
    rows_without_label: int = 0


@dataclass(frozen=True)
class FoldResult:
    fold: int
    n_train: int
    n_test: int
    best_iteration: int
    blend_weight: float
    mode: str
    lightgbm: Metrics
    baseline: Metrics


@dataclass(frozen=True)
class CVReport:
    folds: tuple[FoldResult, ...]
    dropped: dict[str, str]

    def mean(self, model: str) -> dict[str, float]:
        """Mean of each headline metric over folds for `model` ("lightgbm" or "baseline")."""
        out: dict[str, float] = {}
        for name in METRIC_NAMES:
            values = [getattr(getattr(f, model), name) for f in self.folds]
            out[name] = float(np.mean(values)) if values else math.nan
        return out

    @property
    def mean_lightgbm(self) -> dict[str, float]:
        return self.mean("lightgbm")

    @property
    def mean_baseline(self) -> dict[str, float]:
        return self.mean("baseline")


def _label_token(v: object) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    if isinstance(v, bool | np.bool_):
        return "1" if v else "0"
    if isinstance(v, int | float | np.integer | np.floating):
        return "1" if float(v) == 1.0 else "0" if float(v) == 0.0 else str(v)
    token = str(v).strip().lower()
    return token or None


@dataclass(frozen=True)
class LabelVocabulary:
    """What a label column's values mean (lower-cased, stripped tokens)."""

    positive: frozenset[str] = POSITIVE
    negative: frozenset[str] = NEGATIVE
    hint: str = "yes/no, true/false, 1/0, churned/active"
    outcome: str = "churn"


CHURN_LABELS = LabelVocabulary()


def _parse_label(
    df: pd.DataFrame, label: str, vocabulary: LabelVocabulary = CHURN_LABELS
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    if label not in df.columns:
        raise LabelMissing(f"Label column {label!r} is not in the table", field=label)
    tokens = [_label_token(v) for v in df[label].to_numpy()]
    present = np.array([t is not None for t in tokens], dtype=bool)
    values = sorted({t for t in tokens if t is not None})
    pos, neg = vocabulary.positive, vocabulary.negative
    unknown = [t for t in values if t not in pos and t not in neg]
    if unknown or len(values) > 2:
        shown = ", ".join(repr(v) for v in (unknown or values)[:5])
        raise LabelInvalid(
            f"Label column {label!r} must be binary ({vocabulary.hint}); found {shown}",
            field=label,
        )
    y = np.array([1 if t in pos else 0 for t in tokens if t is not None], dtype=np.int8)
    if len(np.unique(y)) < 2:
        raise LabelConstant(
            f"Label column {label!r} has a single value; {vocabulary.outcome} needs both "
            "outcomes", field=label
        )
    return y, present


def _blank_to_nan(s: pd.Series) -> pd.Series:
    stripped = s.astype("string").str.strip()
    return stripped.mask(stripped == "")


def _prepare_column(s: pd.Series, n_rows: int) -> tuple[pd.Series | None, str]:
    """Returns (converted column, "") or (None, reason to drop)."""
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("float64")
    if pd.api.types.is_numeric_dtype(s):
        values = s.dropna()
        if values.empty:
            return None, "empty"
        if values.nunique() <= 1:
            return None, "constant"
        is_int = pd.api.types.is_integer_dtype(s) or bool((values == values.round()).all())
        if is_int and n_rows >= MIN_ROWS_FOR_ID and values.nunique() == n_rows:
            return None, "identifier (unique integer per row)"
        return s.astype("float64"), ""
    text = _blank_to_nan(s)
    values = text.dropna()
    if values.empty:
        return None, "empty"
    if values.nunique() <= 1:
        return None, "constant"
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().all():
        return _prepare_column(pd.to_numeric(text, errors="coerce").astype("float64"), n_rows)
    if n_rows >= MIN_ROWS_FOR_ID and values.nunique() == n_rows:
        return None, "identifier (unique string per row)"
    if values.nunique() > MAX_CATEGORIES:
        return None, f"free text (more than {MAX_CATEGORIES} distinct values)"
    return text.astype(pd.CategoricalDtype(sorted(values.unique()))), ""


def prepare_table(
    df: pd.DataFrame, label: str, vocabulary: LabelVocabulary = CHURN_LABELS
) -> TabularData:
    """Validate the label and convert feature columns; raises typed ValidationFailed errors.
    `vocabulary` says which label values are positive (churn's by default)."""
    y, present = _parse_label(df, label, vocabulary)
    frame = df.loc[present].reset_index(drop=True)
    features: dict[str, pd.Series] = {}
    dropped: dict[str, str] = {}
    for col in frame.columns:
        if col == label:
            continue
        converted, reason = _prepare_column(frame[col], len(frame))
        if converted is None:
            dropped[str(col)] = reason
        else:
            features[str(col)] = converted
    if not features:
        raise NoUsableFeatures(
            "No usable feature columns left after dropping identifiers, constants and free text: "
            + ", ".join(f"{c} ({r})" for c, r in dropped.items()),
            field=label,
        )
    X = pd.DataFrame(features)
    return TabularData(
        X=X, y=y, dropped=dropped, label=label, rows_without_label=int((~present).sum())
    )


def stratified_folds(y: np.ndarray, folds: int, seed: int) -> npt.NDArray[np.int64]:
    """Fold index per row: each class shuffled and dealt round-robin, so folds are stratified."""
    rng = np.random.default_rng(seed)
    out = np.empty(len(y), dtype=np.int64)
    offset = 0
    for cls in np.unique(y):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        out[idx] = (np.arange(idx.size) + offset) % folds
        offset += idx.size
    return out


def stratified_holdout(y: np.ndarray, fraction: float, seed: int) -> npt.NDArray[np.bool_]:
    """Boolean mask selecting ~`fraction` of each class, at random."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(y), dtype=bool)
    for cls in np.unique(y):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        mask[idx[: max(2, round(fraction * idx.size))]] = True
    return mask


def cross_validate(
    data: TabularData,
    folds: int = 5,
    seed: int = 42,
    config: estimator.ChurnConfig | None = None,
    valid_fraction: float = 0.2,
    progress: Callable[[float, str], None] | None = None,
) -> CVReport:
    """Stratified k-fold CV; inside each training fold a stratified `valid_fraction` is held out
    (first half: LR strength; second half: calibration) and the estimator's own inner CV on
    the remaining training rows picks mode / rounds / weight and feeds the calibrator (see
    `domain.churn.estimator.classifier`). Without `config`, the estimator refits LR and
    booster on the whole training fold once those choices are made (`ChurnConfig.refit`):
    the test fold, not the held-out rows, measures the model here, so nothing is lost by
    letting it learn from them. Test folds are only ever scored."""
    y = np.asarray(data.y)
    if folds < 2:
        raise ValidationFailed("folds must be at least 2", field="folds")
    if np.bincount(y, minlength=2).min() < folds * 4:
        raise TooFewRows(
            f"Too few rows of the minority class for {folds}-fold validation",
            field=data.label or "y",
        )
    cfg = config or estimator.ChurnConfig(seed=seed, refit=True)
    assignment = stratified_folds(y, folds, seed)
    results: list[FoldResult] = []
    for k in range(folds):
        train_idx = np.flatnonzero(assignment != k)
        test_idx = np.flatnonzero(assignment == k)
        valid = stratified_holdout(y[train_idx], valid_fraction, seed + 1 + k)
        X_train = data.X.iloc[train_idx].reset_index(drop=True)
        model = estimator.fit(X_train, y[train_idx], valid=valid, config=cfg)
        X_test = data.X.iloc[test_idx].reset_index(drop=True)
        p_main = estimator.predict_proba(model, X_test)
        p_base = estimator.baseline_proba(model, X_test)
        results.append(
            FoldResult(
                fold=k,
                n_train=int(train_idx.size),
                n_test=int(test_idx.size),
                best_iteration=model.best_iteration,
                blend_weight=model.blend_weight,
                mode=model.mode,
                lightgbm=evaluate(y[test_idx], p_main),
                baseline=evaluate(y[test_idx], p_base),
            )
        )
        if progress is not None:
            progress((k + 1) / folds, f"fold {k + 1}/{folds}")
    return CVReport(folds=tuple(results), dropped=dict(data.dropped))
