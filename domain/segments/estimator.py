"""Behavioural clusters: K-Means on scaled behaviour features, k chosen by silhouette.

Pure functions on numpy / pandas (the only module here importing scikit-learn), so a fit
can run in a process pool.

Scaling. Skewed money and count columns (`log_features`) go through a signed log1p
(sign(x) * log(1 + |x|), so refunds stay finite), then every column is standardised
(`StandardScaler`): the clusters live in z-score space, and a centroid's coordinates are its
z-scores.

Choosing k. For each k in `k_range` (2..8 by default, capped at the number of distinct rows)
K-Means is fitted with `n_init` starts and a fixed `random_state`; its silhouette is
measured on one fixed random sample of at most `silhouette_sample` rows (the same rows for
every k). The best silhouette wins (ties: the smaller k). With more than `fit_sample` rows
the candidates are fitted on a random sample of that size and the chosen k is refitted on
every row, starting from the sample's centroids.

Cluster ids are ordered by size, largest first (ties by centroid), so they are stable for
the same data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

K_RANGE = range(2, 9)
SILHOUETTE_SAMPLE = 5_000
FIT_SAMPLE = 200_000
N_INIT = 10
RANDOM_STATE = 0


@dataclass(frozen=True)
class ClusterModel:
    """A fitted clustering. `centroids[i]` is cluster i's centre in z-score space."""

    features: list[str]
    log_features: list[str]
    mean: list[float]
    scale: list[float]
    centroids: list[list[float]]
    k: int
    silhouette: float
    silhouette_by_k: dict[int, float]
    labels: np.ndarray = field(repr=False)  # cluster id per input row
    params: dict[str, Any] = field(default_factory=dict)

    def sizes(self) -> list[int]:
        return np.bincount(self.labels, minlength=self.k).astype(int).tolist()

    def to_json(self) -> bytes:
        """The scaler and centroids (enough to assign new rows), without the labels."""
        body = {"features": self.features, "log_features": self.log_features,
                "mean": self.mean, "scale": self.scale, "centroids": self.centroids,
                "k": self.k, "silhouette": self.silhouette,
                "silhouette_by_k": {str(k): v for k, v in self.silhouette_by_k.items()},
                "params": self.params}
        return json.dumps(body, sort_keys=True).encode()


def signed_log1p(values: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.sign(values) * np.log1p(np.abs(values))
    return out


def _matrix(frame: pd.DataFrame, features: Sequence[str], log_features: Sequence[str]
            ) -> np.ndarray:
    missing = [f for f in features if f not in frame.columns]
    if missing:
        raise ValueError(f"missing feature columns: {missing}")
    X = frame[list(features)].to_numpy(dtype=np.float64, copy=True)
    if not np.isfinite(X).all():
        raise ValueError("feature values must be finite")
    logged = [i for i, f in enumerate(features) if f in set(log_features)]
    if logged:
        X[:, logged] = signed_log1p(X[:, logged])
    return X


def _sample(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(rng.choice(n, size=size, replace=False))


def _silhouette(Z: np.ndarray, labels: np.ndarray) -> float:
    if len(np.unique(labels)) < 2 or len(labels) < 3:
        return -1.0
    return float(silhouette_score(Z, labels))


def _ordered(centroids: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber clusters by size (largest first), ties by centroid coordinates."""
    k = len(centroids)
    sizes = np.bincount(labels, minlength=k)
    keys = [(-int(sizes[i]), *np.round(centroids[i], 9).tolist()) for i in range(k)]
    order = sorted(range(k), key=lambda i: keys[i])
    rank = np.empty(k, dtype=np.int64)
    rank[order] = np.arange(k)
    return centroids[order], rank[labels]


def fit(frame: pd.DataFrame, *, features: Sequence[str] | None = None,
        log_features: Sequence[str] = (), k_range: Sequence[int] = K_RANGE,
        n_init: int = N_INIT, random_state: int = RANDOM_STATE,
        silhouette_sample: int = SILHOUETTE_SAMPLE, fit_sample: int = FIT_SAMPLE
        ) -> ClusterModel:
    """Scale `frame[features]`, fit K-Means for each k and keep the best by silhouette."""
    names = list(features) if features is not None else [str(c) for c in frame.columns]
    logged = [f for f in names if f in set(log_features)]
    X = _matrix(frame, names, logged)
    scaler = StandardScaler().fit(X)
    Z = scaler.transform(X)
    rng = np.random.default_rng(random_state)
    fit_rows = _sample(rng, len(Z), fit_sample)
    Z_fit = Z[fit_rows]
    sil_rows = _sample(rng, len(Z_fit), silhouette_sample)
    distinct = len(np.unique(np.round(Z_fit, 9), axis=0))
    ks = sorted(k for k in set(k_range) if 2 <= k <= min(distinct, len(Z_fit) - 1))
    if not ks:
        raise ValueError(f"{len(Z)} rows with {distinct} distinct values leave no k in "
                         f"{sorted(k_range)} to try")
    scores: dict[int, float] = {}
    fitted: dict[int, KMeans] = {}
    for k in ks:
        model = KMeans(n_clusters=k, n_init=n_init, random_state=random_state).fit(Z_fit)
        fitted[k] = model
        scores[k] = _silhouette(Z_fit[sil_rows], model.labels_[sil_rows])
    best = max(ks, key=lambda k: (scores[k], -k))
    chosen = fitted[best]
    if len(fit_rows) < len(Z):
        chosen = KMeans(n_clusters=best, init=chosen.cluster_centers_, n_init=1,
                        random_state=random_state).fit(Z)
    centroids, labels = _ordered(np.asarray(chosen.cluster_centers_), np.asarray(chosen.labels_))
    return ClusterModel(
        features=names, log_features=logged, mean=scaler.mean_.tolist(),
        scale=scaler.scale_.tolist(), centroids=centroids.tolist(), k=best,
        silhouette=scores[best], silhouette_by_k=scores, labels=labels,
        params={"n_init": n_init, "random_state": random_state, "k_range": ks,
                "silhouette_sample": min(silhouette_sample, len(Z_fit)),
                "fit_sample": len(fit_rows), "rows": len(Z)},
    )


def transform(model: ClusterModel, frame: pd.DataFrame) -> np.ndarray:
    """Rows of `frame` in the model's z-score space."""
    X = _matrix(frame, model.features, model.log_features)
    out: np.ndarray = (X - np.asarray(model.mean)) / np.asarray(model.scale)
    return out


def predict(model: ClusterModel, frame: pd.DataFrame) -> np.ndarray:
    """The nearest centroid's id for each row of `frame`."""
    Z = transform(model, frame)
    centres = np.asarray(model.centroids)
    distances = ((Z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    out: np.ndarray = distances.argmin(axis=1)
    return out


def from_json(content: bytes) -> ClusterModel:
    body = json.loads(content)
    return ClusterModel(
        features=list(body["features"]), log_features=list(body["log_features"]),
        mean=list(body["mean"]), scale=list(body["scale"]),
        centroids=[list(c) for c in body["centroids"]], k=int(body["k"]),
        silhouette=float(body["silhouette"]),
        silhouette_by_k={int(k): float(v) for k, v in body["silhouette_by_k"].items()},
        labels=np.zeros(0, dtype=np.int64), params=dict(body.get("params", {})),
    )
