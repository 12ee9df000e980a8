"""RFM and behaviour features of customers at a cutoff, and their revenue after it.

Computed from revenue events (kept purchases and paid invoices, `domain.clv.reads`) and
subscribers; only events before the cutoff count, so a model trained on them cannot see the
future it predicts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from domain.times import utc_timestamp

FEATURES: dict[str, str] = {
    "days_since_last": "days since the last purchase",
    "days_since_first": "days since the first purchase",
    "purchases_90d": "purchase days in the last 90 days",
    "purchases_365d": "purchase days in the last 365 days",
    "purchases_all": "purchase days ever",
    "revenue_90d": "revenue in the last 90 days",
    "revenue_365d": "revenue in the last 365 days",
    "revenue_all": "revenue to date",
    "avg_order": "average order value",
    "max_order": "largest order",
    "mean_gap_days": "mean days between purchases",
    "subscriber": "has a live subscription",
    "mrr": "current MRR",
}


def value_features(revenue: pd.DataFrame, subscribers: pd.DataFrame, cutoff: pd.Timestamp
                   ) -> pd.DataFrame:
    """One row per customer with revenue before `cutoff` (index customer_id)."""
    cut = utc_timestamp(pd.Timestamp(cutoff))
    ev = revenue[revenue["at"] < cut]
    if ev.empty:
        return pd.DataFrame(columns=list(FEATURES), dtype=float)
    day = ev["at"].dt.floor("D")
    daily = (ev.assign(day=day).groupby(["customer_id", "day"])["amount"].sum().reset_index())
    age = (cut - daily["day"]).dt.total_seconds().to_numpy() / 86400.0
    daily["age"] = age
    g = daily.groupby("customer_id")
    first, last, n = g["age"].max(), g["age"].min(), g["age"].size()
    in90 = daily[daily["age"] <= 90].groupby("customer_id")["amount"]
    in365 = daily[daily["age"] <= 365].groupby("customer_id")["amount"]
    frame = pd.DataFrame({
        "days_since_last": last, "days_since_first": first,
        "purchases_90d": in90.size(), "purchases_365d": in365.size(),
        "purchases_all": n.astype(float),
        "revenue_90d": in90.sum(), "revenue_365d": in365.sum(),
        "revenue_all": g["amount"].sum(),
        "avg_order": g["amount"].mean(), "max_order": g["amount"].max(),
    })
    frame["mean_gap_days"] = np.where(n > 1, (first - last) / (n - 1).clip(lower=1), np.nan)
    subs = subscribers.reindex(frame.index)
    frame["subscriber"] = subs["live"].fillna(False).astype(float) if "live" in subs else 0.0
    frame["mrr"] = subs["mrr"].fillna(0.0).astype(float) if "mrr" in subs else 0.0
    frame = frame.fillna({c: 0.0 for c in FEATURES if c != "mean_gap_days"})
    return frame[list(FEATURES)].astype(float)


def future_revenue(revenue: pd.DataFrame, cutoff: pd.Timestamp, days: int = 365
                   ) -> pd.Series:
    """Revenue per customer in [cutoff, cutoff + days)."""
    cut = utc_timestamp(pd.Timestamp(cutoff))
    later = revenue[(revenue["at"] >= cut) & (revenue["at"] < cut + pd.Timedelta(days=days))]
    return later.groupby("customer_id")["amount"].sum()
