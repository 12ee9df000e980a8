"""Feature drift: population stability index (PSI) between a model's training rows and the
rows of a scoring run. Pure (numpy/pandas), no database.

Bins are fixed at training time (`feature_bins`, stored in `ModelVersion.metrics
["feature_bins"]`): per feature, the distinct interior decile edges of the non-missing
training values, with intervals (-inf, e1], (e1, e2], ..., (ek, inf), plus one bin for
missing values; the training proportion of each. A scoring run counts its rows into the same
bins (`BinCounter`, chunk by chunk) and
  PSI = sum over bins (a - e) * ln(a / e),
with `a`/`e` the scoring/training proportions, each floored at `EPSILON` so that an empty
bin does not make it infinite. Rule of thumb: < 0.1 stable, 0.1-0.25 some shift, > 0.25 a
significant shift.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

QUANTILES = tuple(k / 10 for k in range(1, 10))
EPSILON = 1e-4
FORMAT = 1


def _edges(values: np.ndarray) -> list[float]:
    present = values[~np.isnan(values)]
    if present.size == 0:
        return []
    return [float(e) for e in np.unique(np.quantile(present, QUANTILES))]


def _bin_index(values: np.ndarray, edges: list[float]) -> np.ndarray:
    """Bin of each value: 0..len(edges) for the intervals, len(edges) + 1 for missing."""
    idx = np.searchsorted(np.asarray(edges, dtype=np.float64), values, side="left")
    return np.where(np.isnan(values), len(edges) + 1, idx)


def feature_bins(X: pd.DataFrame) -> dict[str, Any]:
    """The training distribution of every column of `X` (JSON-ready)."""
    out: dict[str, dict[str, list[float]]] = {}
    n = max(len(X), 1)
    for name in X.columns:
        values = X[name].to_numpy(dtype=np.float64)
        edges = _edges(values)
        counts = np.bincount(_bin_index(values, edges), minlength=len(edges) + 2)
        out[str(name)] = {"edges": edges, "proportions": [float(c) / n for c in counts]}
    return {"format": FORMAT, "rows": len(X), "features": out}


class BinCounter:
    """Counts scoring rows into the training bins, one chunk at a time."""

    def __init__(self, bins: Mapping[str, Any]) -> None:
        features = bins.get("features") or {}
        self.edges = {name: list(b["edges"]) for name, b in features.items()}
        self.expected = {name: np.asarray(b["proportions"], dtype=np.float64)
                         for name, b in features.items()}
        self.counts = {name: np.zeros(len(e) + 2, dtype=np.int64)
                       for name, e in self.edges.items()}
        self.rows = 0

    def add(self, X: pd.DataFrame) -> None:
        self.rows += len(X)
        for name, edges in self.edges.items():
            if name not in X.columns:
                continue
            values = X[name].to_numpy(dtype=np.float64)
            self.counts[name] += np.bincount(_bin_index(values, edges),
                                             minlength=len(edges) + 2)

    def psi(self) -> dict[str, float]:
        """PSI per feature (empty when no row was counted)."""
        if self.rows == 0:
            return {}
        return {name: psi(self.expected[name], counts / self.rows)
                for name, counts in self.counts.items()}


def psi(expected: np.ndarray, actual: np.ndarray) -> float:
    e = np.maximum(np.asarray(expected, dtype=np.float64), EPSILON)
    a = np.maximum(np.asarray(actual, dtype=np.float64), EPSILON)
    return float(np.sum((a - e) * np.log(a / e)))
