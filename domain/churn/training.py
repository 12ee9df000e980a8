"""Churn labels and time-stacked training sets built from point-in-time features.

A customer is *active* at T when it has a live subscription at T (started before T and not
canceled before T). It *churned* in (T, T + horizon] when a cancellation in that window left
it with no live subscription: no other subscription of the customer was live at that moment
or started within `PLAN_CHANGE_GAP` after it (a plan change closes one row and opens the
next). Labels read only subscription start and cancel times, never their status.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from domain.churn.features import PLAN_CHANGE_GAP, feature_frame
from domain.models import Subscription
from domain.sql import db_value, select_dicts

CONCURRENT_CUTOFFS = 2  # feature frames built at once (each its own connection)


@dataclass(frozen=True)
class TrainingSet:
    """Rows are (cutoff, customer) pairs; `X` and `y` share a MultiIndex
    (`cutoff`, `customer_id`) and `cutoff` holds each row's cutoff for time splits."""

    X: pd.DataFrame
    y: pd.Series
    cutoff: np.ndarray  # datetime64[ns, UTC] values, one per row
    horizon_days: int

    def __len__(self) -> int:
        return len(self.y)

    def validation_mask(self, latest: int = 1) -> np.ndarray:
        return time_split_mask(self.cutoff, latest=latest)


def time_split_mask(cutoffs: Sequence[object] | np.ndarray | pd.Series, latest: int = 1
                    ) -> np.ndarray:
    """True for rows whose cutoff is one of the `latest` most recent distinct cutoffs (the
    validation rows), False for the earlier ones (training)."""
    values = pd.to_datetime(pd.Series(np.asarray(cutoffs)), utc=True)
    distinct = np.sort(values.unique())
    if latest <= 0 or len(distinct) == 0:
        return np.zeros(len(values), bool)
    return (values >= distinct[-min(latest, len(distinct))]).to_numpy()


async def _subscription_spans(org_id: int, until: datetime) -> pd.DataFrame:
    sql = ('SELECT customer_id, started_at, canceled_at FROM "subscription" '
           "WHERE organization_id = ? AND started_at < ?")
    rows = await select_dicts(sql, [org_id, db_value(Subscription, "started_at", until)])
    frame = pd.DataFrame(rows, columns=["customer_id", "started_at", "canceled_at"])
    for name in ("started_at", "canceled_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601")
    return frame


def labels_from_spans(spans: pd.DataFrame, cutoff: datetime, horizon_days: int) -> pd.Series:
    """`churn_labels` on a frame of (customer_id, started_at, canceled_at)."""
    t = pd.Timestamp(cutoff).tz_convert("UTC")
    end = t + pd.Timedelta(days=horizon_days)
    s = spans[spans["started_at"] < t + pd.Timedelta(days=horizon_days) + PLAN_CHANGE_GAP]
    live = (s["started_at"] < t) & (s["canceled_at"].isna() | (s["canceled_at"] >= t))
    population = pd.Index(np.sort(s.loc[live, "customer_id"].unique()), name="customer_id")
    ends = s[s["customer_id"].isin(population) & (s["canceled_at"] > t)
             & (s["canceled_at"] <= end)]
    ends = ends[["customer_id", "canceled_at"]].reset_index(drop=True)
    ends["end_id"] = np.arange(len(ends))
    pairs = ends.merge(s, on="customer_id", suffixes=("", "_other"))
    moment = pairs["canceled_at"]
    covers = ((pairs["started_at"] <= moment + PLAN_CHANGE_GAP)
              & (pairs["canceled_at_other"].isna() | (pairs["canceled_at_other"] > moment)))
    covered = covers.groupby(pairs["end_id"]).any().reindex(ends["end_id"], fill_value=False)
    churned = ends.loc[~covered.to_numpy(), "customer_id"].unique()
    return pd.Series(population.isin(churned).astype(np.int64), index=population, name="churned")


async def churn_labels(org_id: int, cutoff: datetime, horizon_days: int) -> pd.Series:
    """1 for customers active at `cutoff` that churned in (cutoff, cutoff + horizon_days],
    else 0; indexed by customer id (the population active at the cutoff). One statement."""
    if cutoff.tzinfo is None:
        raise ValueError("cutoff must be timezone-aware")
    until = cutoff + timedelta(days=horizon_days) + PLAN_CHANGE_GAP
    return labels_from_spans(await _subscription_spans(org_id, until), cutoff, horizon_days)


async def training_set(org_id: int, cutoffs: Sequence[datetime], horizon_days: int
                       ) -> TrainingSet:
    """Features and labels of the population active at each cutoff, stacked in cutoff order.
    Pick cutoffs at least `horizon_days` before the data ends, or late churn is missed."""
    if not cutoffs:
        raise ValueError("at least one cutoff is needed")
    ordered = sorted(cutoffs)
    spans = await _subscription_spans(org_id, ordered[-1] + timedelta(days=horizon_days)
                                      + PLAN_CHANGE_GAP)
    slots = asyncio.Semaphore(CONCURRENT_CUTOFFS)

    async def at_cutoff(cutoff: datetime) -> tuple[pd.DataFrame, pd.Series]:
        y = labels_from_spans(spans, cutoff, horizon_days)
        async with slots:
            x = await feature_frame(org_id, cutoff, customer_ids=y.index.tolist())
        y = y.reindex(x.index)
        stamp = pd.Timestamp(cutoff).tz_convert("UTC")
        x.index = pd.MultiIndex.from_arrays(
            [pd.DatetimeIndex([stamp] * len(x), name="cutoff"), x.index])
        y.index = x.index
        return x, y

    # the database aggregates one cutoff while Python assembles another's features
    built = await asyncio.gather(*(at_cutoff(c) for c in ordered))
    xs = [x for x, _ in built]
    ys = [y for _, y in built]
    X = pd.concat(xs)
    y_all = pd.concat(ys).astype(np.int64)
    cut = X.index.get_level_values("cutoff").to_numpy()
    return TrainingSet(X=X, y=y_all, cutoff=cut, horizon_days=horizon_days)
