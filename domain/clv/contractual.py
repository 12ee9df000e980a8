"""Contractual customer value: the shifted-beta-geometric retention model times MRR.

Periods are months. A customer whose subscriptions all ended churned at the end of period
max(1, ceil(months from its first start to its last cancellation)); a customer with a live
subscription has survived floor(months since its first start) periods (censored). One sBG
is fitted per organization on all its subscribers, then for each live subscriber that has
survived n periods:
- value = MRR x sum_{k=1..H} S(n+k | n) / (1+d)^k (d: the monthly discount rate),
- expected_purchases = the undiscounted expected months paid within the horizon,
- expected_lifetime_months = the expected further months within 10 years,
with a 90% interval from the fit's uncertainty (delta method on log value, the covariance
from the numerical Hessian of the log-likelihood in log-parameters). Customers whose
subscriptions all ended are worth 0 (p_alive 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.clv.estimator import sbg
from domain.errors import ValidationFailed

FloatArray = npt.NDArray[np.float64]
DAYS_PER_MONTH = 365.25 / 12
LIFETIME_CAP_MONTHS = 120
Z90 = 1.6448536269514722


@dataclass(frozen=True)
class RetentionFit:
    params: sbg.SBGParams
    cov: tuple[tuple[float, float], tuple[float, float]]  # of (alpha, beta)


def observations(subs: pd.DataFrame, at: pd.Timestamp) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Per subscriber: periods observed and whether it churned at their end."""
    churned = ~subs["live"].to_numpy(dtype=bool)
    # a subscription marked canceled without a time is taken as ended by `at`
    end = subs["last_canceled"].where(pd.Series(churned, index=subs.index), at).fillna(at)
    months = ((end - subs["started"]).dt.total_seconds() / 86400.0 / DAYS_PER_MONTH).to_numpy()
    months = np.clip(np.nan_to_num(months, nan=0.0), 0.0, None)
    periods = np.where(churned, np.maximum(1.0, np.ceil(months - 1e-9)), np.floor(months))
    return periods.astype(np.float64), churned


def _covariance(params: sbg.SBGParams, periods: FloatArray, churned: npt.NDArray[np.bool_]
                ) -> tuple[tuple[float, float], tuple[float, float]]:
    theta = np.log([params.alpha, params.beta])

    def nll(th: FloatArray) -> float:
        a, b = np.exp(th)
        return -sbg.log_likelihood(float(a), float(b), periods, churned)

    h = 1e-4
    hess = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            ei, ej = np.eye(2)[i] * h, np.eye(2)[j] * h
            hess[i, j] = (nll(theta + ei + ej) - nll(theta + ei - ej) - nll(theta - ei + ej)
                          + nll(theta - ei - ej)) / (4 * h * h)
    try:
        log_cov = np.linalg.inv(hess)
    except np.linalg.LinAlgError:
        log_cov = np.zeros((2, 2))
    if not np.isfinite(log_cov).all() or np.any(np.diag(log_cov) < 0):
        log_cov = np.zeros((2, 2))
    p = np.asarray([params.alpha, params.beta])
    cov = np.outer(p, p) * (log_cov + log_cov.T) / 2.0
    return ((float(cov[0, 0]), float(cov[0, 1])), (float(cov[1, 0]), float(cov[1, 1])))


def fit_retention(subs: pd.DataFrame, at: pd.Timestamp) -> RetentionFit:
    """Fit the sBG on every subscriber; `ValidationFailed` when no one has churned yet."""
    if subs.empty:
        raise ValidationFailed("no subscribers to fit a retention model on",
                               field="subscriptions")
    periods, churned = observations(subs, at)
    params = sbg.fit(periods, churned)
    return RetentionFit(params, _covariance(params, periods, churned))


def _values(alpha: float, beta: float, n: FloatArray, horizon: int, monthly: float
            ) -> FloatArray:
    p = sbg.SBGParams(alpha=alpha, beta=beta, log_likelihood=0.0, n=0, churned=0)
    return sbg.expected_future_periods(p, n, horizon, monthly)


def score_subscribers(fit: RetentionFit, subs: pd.DataFrame, at: pd.Timestamp, *,
                      horizon_months: int, discount_rate: float) -> pd.DataFrame:
    """value, lower, upper, p_alive, expected_purchases, expected_lifetime_months per
    subscriber (the frame's index)."""
    periods, churned = observations(subs, at)
    n = np.where(churned, 0.0, periods)
    live = ~churned
    mrr = subs["mrr"].to_numpy(dtype=np.float64)
    monthly = (1.0 + discount_rate) ** (1.0 / 12.0) - 1.0
    a, b = fit.params.alpha, fit.params.beta
    months = _values(a, b, n, horizon_months, monthly)
    value = np.where(live, mrr * months, 0.0)
    cov = np.asarray(fit.cov)
    theta = np.asarray([a, b])
    grads = []
    for i in range(2):
        step = theta.copy()
        h = theta[i] * 1e-4
        step[i] += h
        grads.append((np.log(np.maximum(_values(step[0], step[1], n, horizon_months, monthly),
                                        1e-300)) - np.log(np.maximum(months, 1e-300))) / h)
    g = np.vstack(grads)
    sd = np.sqrt(np.einsum("in,ij,jn->n", g, cov, g).clip(min=0.0))
    paid = _values(a, b, n, horizon_months, 0.0)
    lifetime = _values(a, b, n, LIFETIME_CAP_MONTHS, 0.0)
    return pd.DataFrame({
        "value": value, "lower": value * np.exp(-Z90 * sd), "upper": value * np.exp(Z90 * sd),
        "p_alive": live.astype(np.float64),
        "expected_purchases": np.where(live, paid, 0.0),
        "expected_lifetime_months": np.where(live, lifetime, 0.0),
    }, index=subs.index)
