"""Backtest of the ML value model against the probabilistic models on one split.

At the cutoff c = valuation time - 365 days, both predict each customer's revenue in the
following 365 days from what was known before c (MRR included: the invoiced MRR of the month
before c, not the subscription's MRR today): BG/NBD (or the chosen purchase model) x
Gamma-Gamma for order buyers and sBG x MRR for subscribers (undiscounted), and the LightGBM
regressor trained on a random 70% of the customers. On the other 30% the mean absolute
error of the probabilistic, ML and 50/50 blended predictions decides which one values
customers, and the reason is kept. The ML model is then refitted on every customer at c.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from domain.clv import contractual
from domain.clv.estimator import ml
from domain.clv.estimator.bgnbd import Kind
from domain.clv.estimator.value import fit_value, score_value
from domain.clv.features import future_revenue, value_features
from domain.clv.summary import summarise
from domain.errors import DomainError

MIN_CUSTOMERS = 200
MIN_HISTORY_DAYS = 400


@dataclass
class Backtest:
    chosen: str  # "probabilistic", "ml" or "blend"
    reason: str
    metrics: dict[str, Any]
    booster: Any = None  # the ML model refitted on every customer at the cutoff
    residuals: tuple[float, float] = (0.0, 0.0)  # 5% and 95% held-out residuals


def _probabilistic_12m(orders: pd.DataFrame, subs_cut: pd.DataFrame, cut: pd.Timestamp,
                       ids: pd.Index, kind: Kind) -> pd.Series:
    """Undiscounted 12-month value predicted at `cut` (0 where no model applies)."""
    out = pd.Series(0.0, index=ids)
    if not subs_cut.empty:
        try:
            fit = contractual.fit_retention(subs_cut, cut)
            scored = contractual.score_subscribers(fit, subs_cut, cut, horizon_months=12,
                                                   discount_rate=0.0)
            out.update(scored["value"].reindex(ids).dropna())
        except DomainError:
            pass
    live = subs_cut.index[subs_cut["live"].astype(bool)] if not subs_cut.empty \
        else subs_cut.index
    buyers = orders[(orders["at"] < cut) & ~orders["customer_id"].isin(live)]
    if not buyers.empty:
        summary = summarise(buyers, cut.to_pydatetime())
        try:
            scored = score_value(fit_value(summary, kind), summary, horizon_months=12,
                                 discount_rate=0.0)
            out.update(scored["value"].reindex(ids).dropna())
        except DomainError:
            pass
    return out


def _errors(actual: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    rank_a = pd.Series(actual).rank().to_numpy()
    rank_p = pd.Series(predicted).rank().to_numpy()
    spearman = float(np.corrcoef(rank_a, rank_p)[0, 1]) if np.std(rank_p) > 0 else 0.0
    return {"mae": float(np.mean(np.abs(actual - predicted))),
            "rmse": float(np.sqrt(np.mean((actual - predicted) ** 2))),
            "predicted_total": float(predicted.sum()), "spearman": spearman}


def mrr_at(subs: pd.DataFrame, revenue: pd.DataFrame, cut: pd.Timestamp) -> pd.DataFrame:
    """Subscribers as they were at `cut`: a subscription row holds today's MRR (after later
    upgrades and downgrades), so the MRR then is what was invoiced and paid in the month
    before `cut`."""
    if subs.empty:
        return subs
    paid = revenue[(revenue["kind"] == "invoice") & (revenue["at"] < cut)
                   & (revenue["at"] >= cut - pd.Timedelta(days=31))]
    then = paid.groupby("customer_id")["amount"].sum().reindex(subs.index).fillna(0.0)
    return subs.assign(mrr=then.where(subs["live"].astype(bool), 0.0))


def run(revenue: pd.DataFrame, orders: pd.DataFrame, subs_cut: pd.DataFrame,
        at: pd.Timestamp, kind: Kind, seed: int = 0) -> Backtest:
    cut = at - pd.Timedelta(days=365)
    subs_cut = mrr_at(subs_cut, revenue, cut)
    history = (at - revenue["at"].min()).days if not revenue.empty else 0
    X = value_features(revenue, subs_cut, cut)
    if history < MIN_HISTORY_DAYS or len(X) < MIN_CUSTOMERS:
        return Backtest("probabilistic", f"not enough history to backtest a learned model "
                        f"({history} days, {len(X)} customers before the cutoff; needs "
                        f"{MIN_HISTORY_DAYS} days and {MIN_CUSTOMERS} customers)", {})
    y = future_revenue(revenue, cut).reindex(X.index).fillna(0.0).to_numpy()
    prob = _probabilistic_12m(orders, subs_cut, cut, X.index, kind).to_numpy()
    test = np.random.default_rng(seed).random(len(X)) < 0.3
    booster = ml.fit_regressor(X[~test], y[~test], seed)
    pred = ml.predict(booster, X[test])
    scores = {"probabilistic": _errors(y[test], prob[test]), "ml": _errors(y[test], pred),
              "blend": _errors(y[test], (prob[test] + pred) / 2.0)}
    chosen = min(scores, key=lambda k: scores[k]["mae"])
    ordered = sorted(scores, key=lambda k: scores[k]["mae"])
    reason = (f"{chosen} had the lowest mean absolute error of next-12-month revenue on "
              f"{int(test.sum())} held-out customers: "
              + ", ".join(f"{k} {scores[k]['mae']:.2f}" for k in ordered)
              + f" (actual total {y[test].sum():,.0f})")
    final = {"probabilistic": prob[test], "ml": pred, "blend": (prob[test] + pred) / 2}[chosen]
    residual = y[test] - final
    metrics = {"cutoff": cut.isoformat(), "held_out": int(test.sum()),
               "trained_on": int((~test).sum()), "actual_total": float(y[test].sum()),
               **scores}
    return Backtest(chosen, reason, metrics, ml.fit_regressor(X, y, seed),
                    (float(np.quantile(residual, 0.05)), float(np.quantile(residual, 0.95))))
