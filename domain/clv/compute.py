"""Value every customer of an organization (a pure function, run in the fitting pool).

The model is chosen per customer by how it buys: customers with a subscription get the
contractual sBG x MRR value, customers who only place orders the purchase model x
Gamma-Gamma. The backtest (`domain.clv.backtest`) then decides whether the probabilistic
values stand, or the ML model's, or their mean. The ML model predicts next-12-month
revenue; over a horizon of H months it is taken as that monthly run-rate, discounted, and
its 90% interval comes from the held-out residuals. Whatever cannot be fitted (no repeat
buyers, no churned subscriber yet) is a warning in plain words, never a crash or a NaN.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from domain.clv import backtest, contractual
from domain.clv.estimator import ml
from domain.clv.estimator.bgnbd import Kind
from domain.clv.estimator.value import fit_value, score_value
from domain.clv.features import FEATURES, value_features
from domain.clv.summary import calibration_holdout, summarise
from domain.clv.validation import holdout_report
from domain.enums import ValueModel, ValueTier
from domain.errors import DomainError

COLUMNS = ["model", "value", "lower", "upper", "p_alive", "expected_purchases",
           "expected_lifetime_months"]
TOP_FACTORS = 3
HOLDOUT_WEEKS = 26


@dataclass
class ValueResult:
    values: pd.DataFrame  # index customer_id: COLUMNS + tier + factors
    params: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    booster: bytes | None = None
    importance: dict[str, float] = field(default_factory=dict)


def _run_rate_factor(horizon: int, discount_rate: float) -> float:
    monthly = (1.0 + discount_rate) ** (1.0 / 12.0) - 1.0
    return float(sum((1.0 / 12.0) / (1.0 + monthly) ** i for i in range(1, horizon + 1)))


def _orders_part(orders: pd.DataFrame, buyers: pd.DataFrame, at: pd.Timestamp, kind: Kind,
                 horizon: int, discount: float, out: ValueResult) -> pd.DataFrame | None:
    if buyers.empty:
        return None
    summary = summarise(buyers, at.to_pydatetime())
    try:
        fit = fit_value(summary, kind)
    except DomainError as exc:
        out.warnings.append(f"order buyers were not valued by a purchase model: {exc.message}")
        return None
    out.params["purchases"] = fit.as_dict()
    weeks = (at - buyers["at"].min()).days / 7.0
    if weeks >= 2 * HOLDOUT_WEEKS:
        try:
            cal = calibration_holdout(buyers, (at - pd.Timedelta(weeks=HOLDOUT_WEEKS))
                                      .to_pydatetime(), at.to_pydatetime())
            out.metrics["holdout"] = holdout_report(cal, kind)
        except DomainError as exc:
            out.warnings.append(f"no holdout validation: {exc.message}")
    scored = score_value(fit, summary, horizon_months=horizon, discount_rate=discount)
    scored["model"] = ValueModel(kind).value
    scored["expected_lifetime_months"] = np.nan
    return scored


def _subscription_part(subs: pd.DataFrame, at: pd.Timestamp, horizon: int, discount: float,
                       out: ValueResult) -> pd.DataFrame | None:
    if subs.empty:
        return None
    try:
        fit = contractual.fit_retention(subs, at)
    except DomainError as exc:
        out.warnings.append(f"subscribers were not valued by a retention model: {exc.message}")
        return None
    out.params["retention"] = {"alpha": fit.params.alpha, "beta": fit.params.beta,
                               "log_likelihood": fit.params.log_likelihood,
                               "n": fit.params.n, "churned": fit.params.churned,
                               "cov": [list(r) for r in fit.cov]}
    scored = contractual.score_subscribers(fit, subs, at, horizon_months=horizon,
                                           discount_rate=discount)
    scored["model"] = ValueModel.SBG.value
    return scored


def _factors(booster: Any, X: pd.DataFrame) -> list[list[dict[str, Any]]]:
    contrib = ml.contributions(booster, X)[:, :-1]
    names = list(X.columns)
    order = np.argsort(-np.abs(contrib), axis=1)[:, :TOP_FACTORS]
    return [[{"feature": names[j], "label": FEATURES[names[j]],
              "impact": round(float(contrib[i, j]), 2)} for j in order[i]
             if abs(contrib[i, j]) >= 0.005] for i in range(len(X))]


def ml_frame(revenue: pd.DataFrame, subs_now: pd.DataFrame, valued: pd.Index,
             at: pd.Timestamp) -> pd.DataFrame:
    """The ML model's features at `at` for customers with revenue and the valued ones; those
    without revenue get zeros and, as in training, no purchase gap (NaN)."""
    X = value_features(revenue, subs_now, at + pd.Timedelta(seconds=1))
    X = X.reindex(X.index.union(valued))
    return X.fillna({c: 0.0 for c in X.columns if c != "mean_gap_days"})


def assign_tiers(values: pd.Series) -> pd.Series:
    """By value, highest first: the first ceil(20%) customers high, up to ceil(50%) medium,
    the rest low (so even a single customer is high); equal values share the better tier."""
    n = len(values)
    position = values.rank(method="min", ascending=False).to_numpy()  # 1 = highest
    high, medium = math.ceil(0.2 * n), math.ceil(0.5 * n)
    return pd.Series(np.where(position <= high, ValueTier.HIGH.value,
                              np.where(position <= medium, ValueTier.MEDIUM.value,
                                       ValueTier.LOW.value)), index=values.index)


def compute_values(orders: pd.DataFrame, revenue: pd.DataFrame, subs_now: pd.DataFrame,
                   subs_cut: pd.DataFrame, at: pd.Timestamp, kind: Kind, horizon: int,
                   discount: float) -> ValueResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _compute(orders, revenue, subs_now, subs_cut, at, kind, horizon, discount)


def _compute(orders: pd.DataFrame, revenue: pd.DataFrame, subs_now: pd.DataFrame,
             subs_cut: pd.DataFrame, at: pd.Timestamp, kind: Kind, horizon: int,
             discount: float) -> ValueResult:
    out = ValueResult(pd.DataFrame(columns=COLUMNS))
    live = subs_now.index[subs_now["live"].astype(bool)] if not subs_now.empty else subs_now.index
    # live subscribers are valued by retention; everyone else who orders (former
    # subscribers included) by the purchase model, which overrides their sBG value of 0
    buyers = orders[~orders["customer_id"].isin(live)]
    parts = [p for p in (_subscription_part(subs_now, at, horizon, discount, out),
                         _orders_part(orders, buyers, at, kind, horizon, discount, out))
             if p is not None]
    values = pd.concat(parts)[COLUMNS] if parts else pd.DataFrame(columns=COLUMNS)
    values = values[~values.index.duplicated(keep="last")]
    test = backtest.run(revenue, orders, subs_cut, at, kind)
    out.metrics["backtest"] = {**test.metrics, "chosen": test.chosen, "reason": test.reason}
    factors: list[list[dict[str, Any]]] = []
    if test.booster is not None:
        X = ml_frame(revenue, subs_now, values.index, at)
        ids = X.index
        rate = _run_rate_factor(horizon, discount)
        pred = pd.Series(ml.predict(test.booster, X), index=ids) * rate
        low, high = (r * rate for r in test.residuals)
        if test.chosen != "probabilistic" or values.empty:
            values = values.reindex(ids)
            prob = values["value"]
            mixed = pred if test.chosen == "ml" else (prob.fillna(pred) + pred) / 2.0
            values["model"] = np.where(prob.isna() | (test.chosen == "ml"), ValueModel.ML.value,
                                       ValueModel.BLEND.value)
            values["value"] = mixed
            values["lower"] = (mixed + min(low, 0.0)).clip(lower=0.0)
            values["upper"] = mixed + max(high, 0.0)
        values = values.reindex(ids).dropna(subset=["value"])
        factors = _factors(test.booster, X.loc[values.index])
        out.booster = ml.dump(test.booster)
        gain = test.booster.feature_importance(importance_type="gain")
        out.importance = {n: float(g) for n, g in zip(X.columns, gain, strict=True)}
    if values.empty:
        values["tier"] = pd.Series(dtype=object)
        values["factors"] = pd.Series(dtype=object)
        out.values = values
        return out
    values["tier"] = assign_tiers(values["value"].astype(float))
    values["factors"] = factors if factors else [[] for _ in range(len(values))]
    out.values = values
    return out
