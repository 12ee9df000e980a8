"""Numpy-only metrics for binary probability forecasts.

All functions take `y` (0/1 labels) and `p` (predicted probability of the positive class).
Undefined quantities (e.g. ROC AUC when only one class is present) are NaN, never errors.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
LOG_LOSS_EPS = 1e-15


@dataclass(frozen=True)
class CalibrationBin:
    lower: float
    upper: float
    mean_predicted: float
    observed_rate: float
    count: int


@dataclass(frozen=True)
class Metrics:
    n: int
    positives: int
    base_rate: float
    roc_auc: float
    pr_auc: float
    brier: float
    log_loss: float
    ece: float
    lift_top_decile: float
    calibration: tuple[CalibrationBin, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["calibration"] = [asdict(b) for b in self.calibration]
        return out

    def scalars(self) -> dict[str, float]:
        """The headline numbers only (no calibration bins)."""
        return {
            "roc_auc": self.roc_auc,
            "pr_auc": self.pr_auc,
            "brier": self.brier,
            "log_loss": self.log_loss,
            "ece": self.ece,
            "lift_top_decile": self.lift_top_decile,
            "base_rate": self.base_rate,
        }


def _as_arrays(y: npt.ArrayLike, p: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    ya = np.asarray(y, dtype=np.float64).ravel()
    pa = np.asarray(p, dtype=np.float64).ravel()
    if ya.shape != pa.shape:
        raise ValueError(f"y and p differ in length: {ya.shape[0]} vs {pa.shape[0]}")
    if ya.size and not np.isin(ya, (0.0, 1.0)).all():
        raise ValueError("y must contain only 0 and 1")
    if np.isnan(pa).any():
        raise ValueError("p contains NaN")
    return ya, pa


def average_ranks(x: npt.ArrayLike) -> FloatArray:
    """1-based ranks, ties receive the mean of the ranks they span."""
    xa = np.asarray(x, dtype=np.float64).ravel()
    order = np.argsort(xa, kind="mergesort")
    sorted_x = xa[order]
    # start index of each run of equal values
    boundaries = np.flatnonzero(np.r_[True, sorted_x[1:] != sorted_x[:-1], True])
    starts, ends = boundaries[:-1], boundaries[1:]
    run_rank = (starts + ends + 1) / 2.0  # mean of ranks start+1 .. end
    ranks_sorted = np.repeat(run_rank, ends - starts)
    ranks = np.empty_like(ranks_sorted)
    ranks[order] = ranks_sorted
    return ranks


def roc_auc(y: npt.ArrayLike, p: npt.ArrayLike) -> float:
    """Mann-Whitney U / (n1 * n0); tied scores count one half."""
    ya, pa = _as_arrays(y, p)
    n1 = float(ya.sum())
    n0 = float(ya.size - n1)
    if n1 == 0 or n0 == 0:
        return math.nan
    ranks = average_ranks(pa)
    return float((ranks[ya == 1].sum() - n1 * (n1 + 1) / 2.0) / (n1 * n0))


def average_precision(y: npt.ArrayLike, p: npt.ArrayLike) -> float:
    """PR-AUC as average precision: sum over distinct thresholds of ΔRecall x Precision."""
    ya, pa = _as_arrays(y, p)
    n1 = float(ya.sum())
    if n1 == 0:
        return math.nan
    order = np.argsort(-pa, kind="mergesort")
    ys, ps = ya[order], pa[order]
    # last index of each group of tied scores (a threshold includes the whole group)
    last = np.flatnonzero(np.r_[ps[1:] != ps[:-1], True])
    tp = np.cumsum(ys)[last]
    predicted = last + 1.0
    precision = tp / predicted
    recall = tp / n1
    delta = np.diff(np.r_[0.0, recall])
    return float((delta * precision).sum())


def brier(y: npt.ArrayLike, p: npt.ArrayLike) -> float:
    ya, pa = _as_arrays(y, p)
    return float(np.mean((pa - ya) ** 2)) if ya.size else math.nan


def log_loss(y: npt.ArrayLike, p: npt.ArrayLike, eps: float = LOG_LOSS_EPS) -> float:
    ya, pa = _as_arrays(y, p)
    if not ya.size:
        return math.nan
    pc = np.clip(pa, eps, 1.0 - eps)
    return float(-np.mean(ya * np.log(pc) + (1.0 - ya) * np.log(1.0 - pc)))


def calibration_curve(
    y: npt.ArrayLike,
    p: npt.ArrayLike,
    bins: int = 10,
    strategy: Literal["uniform", "quantile"] = "uniform",
) -> tuple[CalibrationBin, ...]:
    """Non-empty bins only. `uniform`: equal-width on [0, 1] (p == 1 falls in the last bin);
    `quantile`: edges at quantiles of p (duplicate edges collapse)."""
    ya, pa = _as_arrays(y, p)
    if not ya.size:
        return ()
    if strategy == "uniform":
        edges = np.linspace(0.0, 1.0, bins + 1)
    else:
        edges = np.unique(np.quantile(pa, np.linspace(0.0, 1.0, bins + 1)))
        if edges.size < 2:
            edges = np.array([edges[0], edges[0]])
    # bin i holds edges[i] <= p < edges[i+1]; the top edge is inclusive
    idx = np.clip(np.searchsorted(edges, pa, side="right") - 1, 0, edges.size - 2)
    out: list[CalibrationBin] = []
    for i in range(edges.size - 1):
        mask = idx == i
        count = int(mask.sum())
        if count == 0:
            continue
        out.append(
            CalibrationBin(
                lower=float(edges[i]),
                upper=float(edges[i + 1]),
                mean_predicted=float(pa[mask].mean()),
                observed_rate=float(ya[mask].mean()),
                count=count,
            )
        )
    return tuple(out)


def expected_calibration_error(
    y: npt.ArrayLike,
    p: npt.ArrayLike,
    bins: int = 10,
    strategy: Literal["uniform", "quantile"] = "uniform",
) -> float:
    curve = calibration_curve(y, p, bins=bins, strategy=strategy)
    total = sum(b.count for b in curve)
    if total == 0:
        return math.nan
    return float(sum(b.count * abs(b.observed_rate - b.mean_predicted) for b in curve) / total)


def lift_top_decile(y: npt.ArrayLike, p: npt.ArrayLike, fraction: float = 0.1) -> float:
    """Positive rate among the top ceil(fraction x n) scores divided by the overall base rate.
    Ties at the cut are broken by original order (stable sort)."""
    ya, pa = _as_arrays(y, p)
    base = float(ya.mean()) if ya.size else 0.0
    if base == 0.0:
        return math.nan
    k = max(1, math.ceil(fraction * ya.size))
    top = np.argsort(-pa, kind="mergesort")[:k]
    return float(ya[top].mean() / base)


def evaluate(
    y: npt.ArrayLike,
    p: npt.ArrayLike,
    *,
    bins: int = 10,
    strategy: Literal["uniform", "quantile"] = "uniform",
) -> Metrics:
    ya, pa = _as_arrays(y, p)
    curve = calibration_curve(ya, pa, bins=bins, strategy=strategy)
    total = sum(b.count for b in curve)
    ece = (
        float(sum(b.count * abs(b.observed_rate - b.mean_predicted) for b in curve) / total)
        if total
        else math.nan
    )
    return Metrics(
        n=int(ya.size),
        positives=int(ya.sum()),
        base_rate=float(ya.mean()) if ya.size else math.nan,
        roc_auc=roc_auc(ya, pa),
        pr_auc=average_precision(ya, pa),
        brier=brier(ya, pa),
        log_loss=log_loss(ya, pa),
        ece=ece,
        lift_top_decile=lift_top_decile(ya, pa),
        calibration=curve,
    )


def _fenwick_add(tree: npt.NDArray[np.int64], i: int) -> None:
    while i < tree.size:
        tree[i] += 1
        i += i & -i


def _fenwick_sum(tree: npt.NDArray[np.int64], i: int) -> int:
    total = 0
    while i > 0:
        total += int(tree[i])
        i -= i & -i
    return total


def concordance_index(duration: npt.ArrayLike, event: npt.ArrayLike,
                      risk_score: npt.ArrayLike) -> float:
    """Harrell's C of a risk score (higher = churns sooner), O(n log n).

    A pair (i, j) is comparable when i churned (event 1) and j was still a customer at that
    time: d_j > d_i, or d_j == d_i with j censored. It is concordant when risk_i > risk_j,
    and counts one half when the risks tie. Two churns at the same time are not comparable.
    NaN when no pair is comparable."""
    d = np.asarray(duration, dtype=np.float64).ravel()
    e = np.asarray(event, dtype=np.float64).ravel() == 1.0
    r = np.asarray(risk_score, dtype=np.float64).ravel()
    if not d.size == e.size == r.size:
        raise ValueError("duration, event and risk_score differ in length")
    rank = np.unique(r, return_inverse=True)[1].ravel() + 1  # dense 1-based ranks
    tree = np.zeros(int(rank.max(initial=0)) + 1, dtype=np.int64)  # rows with larger d
    order = np.argsort(-d, kind="stable")  # longest durations first
    starts = np.flatnonzero(np.diff(d[order]) != 0) + 1
    concordant = tied = pairs = inserted = 0
    for group in np.split(order, starts):  # rows sharing one duration
        for k in group[~e[group]]:  # censored at this time outlive this time's churns
            _fenwick_add(tree, int(rank[k]))
            inserted += 1
        for k in group[e[group]]:
            below = _fenwick_sum(tree, int(rank[k]) - 1)
            concordant += below
            tied += _fenwick_sum(tree, int(rank[k])) - below
            pairs += inserted
        for k in group[e[group]]:
            _fenwick_add(tree, int(rank[k]))
            inserted += 1
    return (concordant + 0.5 * tied) / pairs if pairs else float("nan")
