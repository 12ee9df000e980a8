"""Columns that leak the outcome of a lead: found, reported with figures, excluded by default.

Two tests per feature column (numpy/pandas only, on the prepared features: blanks and
"Select" are already missing values):

(a) "filled only after the outcome": the share of rows where the column is filled, among
    converted rows and among the others. A column sales fill in after contact (a lead
    quality, a tag) is filled far more often for one side: flagged when the larger rate is
    at least `fill_ratio` times the smaller one AND they differ by at least `min_fill_gap`
    (so 2% vs 1% is not flagged).
(b) "predicts it alone far too well": the cross-validated ROC AUC of the column alone:
    inside each of `folds` stratified folds, the training rows' conversion rate per value
    (numerics with many values: per decile of the training rows; missing is its own value;
    smoothed toward the training rate with `smoothing` pseudo-rows) scores the held-out
    rows. Flagged when the AUC is at least `max_auc`.

A column flagged by either test is excluded unless the caller forces it in (`include`);
`exclude` forces a column out whatever its figures. Every column's figures are kept in the
report, so what was left in can be checked too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.churn.tabular import TabularData, stratified_folds
from domain.errors import ValidationFailed
from domain.ml.evaluation import roc_auc

FILL_RATIO = 1.75
MIN_FILL_GAP = 0.15
MAX_AUC = 0.85
FOLDS = 5
SMOOTHING = 10.0
NUMERIC_BINS = 10
MAX_EXACT_VALUES = 12  # numerics with at most this many values are used value by value


@dataclass(frozen=True)
class ColumnCheck:
    column: str
    filled_converted: float  # share of converted rows where the column is filled
    filled_others: float
    single_auc: float | None  # None: could not be measured (e.g. too few rows)
    reasons: tuple[str, ...] = ()  # why it leaks; empty: it does not look like a leak
    forced: str | None = None  # "included" / "excluded" by the caller

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def excluded(self) -> bool:
        return self.forced == "excluded" or (self.flagged and self.forced != "included")

    @property
    def reason(self) -> str:
        if self.forced == "excluded":
            return "; ".join(("excluded by the caller", *self.reasons))
        if self.forced == "included" and self.reasons:
            return "; ".join(("included by the caller although", *self.reasons))
        return "; ".join(self.reasons)

    def as_dict(self) -> dict[str, object]:
        return {"column": self.column, "filled_converted": self.filled_converted,
                "filled_others": self.filled_others, "single_auc": self.single_auc,
                "flagged": self.flagged, "excluded": self.excluded, "forced": self.forced,
                "reason": self.reason}


@dataclass(frozen=True)
class LeakReport:
    checks: tuple[ColumnCheck, ...]
    fill_ratio: float = FILL_RATIO
    min_fill_gap: float = MIN_FILL_GAP
    max_auc: float = MAX_AUC
    notes: tuple[str, ...] = field(default=())

    @property
    def excluded(self) -> dict[str, str]:
        """Excluded column -> reason, in column order."""
        return {c.column: c.reason for c in self.checks if c.excluded}

    def check(self, column: str) -> ColumnCheck:
        for c in self.checks:
            if c.column == column:
                return c
        raise KeyError(column)

    def as_dict(self) -> dict[str, object]:
        return {"thresholds": {"fill_ratio": self.fill_ratio, "min_fill_gap": self.min_fill_gap,
                               "max_auc": self.max_auc},
                "excluded": self.excluded, "columns": [c.as_dict() for c in self.checks]}


def _keys(values: pd.Series, train: npt.NDArray[np.bool_]) -> npt.NDArray[np.object_]:
    """One key per row: the value (or its training decile for rich numerics); missing rows
    get their own key."""
    missing = values.isna().to_numpy()
    if pd.api.types.is_numeric_dtype(values):
        v = values.to_numpy(dtype=np.float64, na_value=np.nan)
        seen = v[train & ~missing]
        if seen.size and np.unique(seen).size > MAX_EXACT_VALUES:
            edges = np.unique(np.quantile(seen, np.linspace(0, 1, NUMERIC_BINS + 1))[1:-1])
            keys = np.searchsorted(edges, np.nan_to_num(v), side="right").astype(str)
        else:
            keys = np.nan_to_num(v).astype(str)
    else:
        keys = values.astype("string").fillna("").to_numpy(dtype=str)
    out = keys.astype(object)
    out[missing] = "\x00missing"
    return out


def single_column_auc(values: pd.Series, y: npt.NDArray[np.int8], *, folds: int = FOLDS,
                      seed: int = 42, smoothing: float = SMOOTHING) -> float | None:
    """Out-of-fold ROC AUC of the column alone (module docstring, test b)."""
    ya = np.asarray(y, dtype=np.float64)
    if np.bincount(np.asarray(y, dtype=np.int64), minlength=2).min() < folds:
        return None
    assignment = stratified_folds(np.asarray(y), folds, seed)
    p = np.empty(ya.size)
    for k in range(folds):
        train = assignment != k
        keys = _keys(values, train)
        prior = float(ya[train].mean())
        stats = pd.DataFrame({"k": keys[train], "y": ya[train]}).groupby("k")["y"].agg(
            ["sum", "count"])
        rate = (stats["sum"] + smoothing * prior) / (stats["count"] + smoothing)
        test = ~train
        p[test] = pd.Series(keys[test]).map(rate).fillna(prior).to_numpy(dtype=np.float64)
    auc = roc_auc(ya, p)
    return None if math.isnan(auc) else float(auc)


def _fill_reason(fc: float, fo: float, ratio: float, gap: float) -> str | None:
    high, low = max(fc, fo), min(fc, fo)
    times = high / low if low > 0 else math.inf
    if times < ratio or high - low < gap:
        return None
    side = "converted rows" if fc > fo else "rows that did not convert"
    shown = f"{times:.1f}x" if math.isfinite(times) else "only there"
    return (f"filled mostly for {side} (likely filled after the outcome): filled in "
            f"{fc:.1%} of converted rows vs {fo:.1%} of the others ({shown})")


def _check_names(names: Iterable[str], columns: Sequence[str], field_name: str) -> list[str]:
    out = [str(n) for n in names]
    unknown = [n for n in out if n not in columns]
    if unknown:
        raise ValidationFailed(
            f"{field_name} names columns that are not features of the table: "
            + ", ".join(repr(n) for n in unknown[:10]), field=field_name)
    return out


def detect_leaks(
    X: pd.DataFrame,
    y: npt.NDArray[np.int8],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    fill_ratio: float = FILL_RATIO,
    min_fill_gap: float = MIN_FILL_GAP,
    max_auc: float = MAX_AUC,
    folds: int = FOLDS,
    seed: int = 42,
) -> LeakReport:
    """Check every column of `X` against the label `y` (module docstring)."""
    columns = [str(c) for c in X.columns]
    forced_in = _check_names(include, columns, "include")
    forced_out = _check_names(exclude, columns, "exclude")
    both = sorted(set(forced_in) & set(forced_out))
    if both:
        raise ValidationFailed("columns cannot be both included and excluded: "
                               + ", ".join(repr(c) for c in both), field="include")
    ya = np.asarray(y)
    positive = ya == 1
    checks: list[ColumnCheck] = []
    for col in columns:
        filled = X[col].notna().to_numpy()
        fc = float(filled[positive].mean()) if positive.any() else 0.0
        fo = float(filled[~positive].mean()) if (~positive).any() else 0.0
        auc = single_column_auc(X[col], ya, folds=folds, seed=seed)
        reasons = []
        fill = _fill_reason(fc, fo, fill_ratio, min_fill_gap)
        if fill:
            reasons.append(fill)
        if auc is not None and auc >= max_auc:
            reasons.append(f"predicts the outcome alone: cross-validated AUC {auc:.3f} from "
                           f"this column only (limit {max_auc:.2f})")
        forced = "included" if col in forced_in else "excluded" if col in forced_out else None
        checks.append(ColumnCheck(column=col, filled_converted=fc, filled_others=fo,
                                  single_auc=auc, reasons=tuple(reasons), forced=forced))
    return LeakReport(checks=tuple(checks), fill_ratio=fill_ratio, min_fill_gap=min_fill_gap,
                      max_auc=max_auc)


def without_leaks(data: TabularData, report: LeakReport) -> TabularData:
    """`data` without the report's excluded columns (they join `dropped` with the reason)."""
    gone = report.excluded
    keep = [c for c in data.X.columns if str(c) not in gone]
    if not keep:
        raise ValidationFailed(
            "every feature column was excluded as leaking the outcome: "
            + ", ".join(gone), field="include")
    return replace(data, X=data.X[keep], dropped={**data.dropped, **gone})
