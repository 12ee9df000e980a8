"""Column encoding shared by the churn classifier and its logistic baseline (numpy/pandas only).

Numerics (bools as 0/1, numeric-looking strings parsed) stay float with NaN for missing;
categoricals become their index in the training categories, missing or unseen → NaN.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.errors import ValidationFailed

FloatArray = npt.NDArray[np.float64]


def sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0))), dtype=np.float64)


def column(X: pd.DataFrame, col: str) -> pd.Series:
    if col not in X.columns:
        raise ValidationFailed(f"Column {col!r} is missing from the data to score", field=col)
    return X[col]


def numeric(X: pd.DataFrame, col: str) -> FloatArray:
    s = column(X, col)
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("float64")
    return np.asarray(pd.to_numeric(s, errors="coerce"), dtype=np.float64)


def codes(X: pd.DataFrame, col: str, cats: tuple[str, ...]) -> FloatArray:
    """Category index per row; missing or unseen categories → NaN."""
    s = column(X, col)
    text = s.astype("string").where(s.notna())
    out = pd.Categorical(text, categories=list(cats)).codes.astype(np.float64)
    return np.where(out < 0, np.nan, out)


def is_categorical(s: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s))


def infer_categories(X: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for col in X.columns:
        s = X[col]
        if is_categorical(s):
            out[str(col)] = tuple(sorted({str(v) for v in s.dropna().to_numpy()}))
    return out


def lgb_matrix(
    X: pd.DataFrame, features: tuple[str, ...], cats: dict[str, tuple[str, ...]]
) -> FloatArray:
    cols = [codes(X, c, cats[c]) if c in cats else numeric(X, c) for c in features]
    return np.column_stack(cols) if cols else np.zeros((len(X), 0))
