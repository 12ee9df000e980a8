"""Shifted-beta-geometric (sBG) retention model for contractual (subscription) customers
(Fader & Hardie 2007, "How to project customer retention").

Each customer renews at every period end with its own probability 1 - theta, and theta
varies across customers as Beta(alpha, beta). For a customer picked at random:
  P(churn at period t) = B(alpha + 1, beta + t - 1) / B(alpha, beta),   t = 1, 2, ...
  S(t)                 = B(alpha, beta + t) / B(alpha, beta)           (still here after t)
and for a customer still here after n periods (its own history updates the mixing
distribution to Beta(alpha, beta + n)):
  S(n + k | n) = B(alpha, beta + n + k) / B(alpha, beta + n).

Fitted by maximum likelihood (scipy, on log-parameters) from per-customer observations:
periods survived and whether the customer churned at the end of them (censored otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize
from scipy.special import betaln

from domain.errors import ValidationFailed

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SBGParams:
    alpha: float
    beta: float
    log_likelihood: float
    n: int
    churned: int

    @property
    def mean_churn(self) -> float:
        """Mean per-period churn probability across customers, alpha / (alpha + beta)."""
        return self.alpha / (self.alpha + self.beta)


def log_likelihood(alpha: float, beta: float, periods: FloatArray, churned: npt.NDArray[np.bool_]
                   ) -> float:
    """Sum over customers: log P(churn at t) for churned ones, log S(t) for the others."""
    t = np.asarray(periods, dtype=np.float64)
    lost = betaln(alpha + 1.0, beta + t - 1.0) - betaln(alpha, beta)
    kept = betaln(alpha, beta + t) - betaln(alpha, beta)
    return float(np.sum(np.where(churned, lost, kept)))


def _check(periods: FloatArray, churned: npt.NDArray[np.bool_]) -> None:
    if periods.shape != churned.shape or periods.ndim != 1 or periods.size == 0:
        raise ValidationFailed("periods and churned must be non-empty and of one length",
                               field="periods")
    if np.any(~np.isfinite(periods)) or np.any(periods < 0):
        raise ValidationFailed("periods must be finite and not negative", field="periods")
    if np.any(churned & (periods < 1)):
        raise ValidationFailed("a churned customer stayed at least one period",
                               field="periods")
    if not churned.any():
        raise ValidationFailed("no customer churned: retention cannot be estimated",
                               field="churned")


def fit(periods: npt.ArrayLike, churned: npt.ArrayLike) -> SBGParams:
    """Maximum-likelihood alpha, beta."""
    t = np.asarray(periods, dtype=np.float64)
    c = np.asarray(churned, dtype=bool)
    _check(t, c)

    def nll(theta: FloatArray) -> float:
        a, b = np.exp(theta)
        return -log_likelihood(float(a), float(b), t, c)

    best = None
    for start in ((0.0, 0.0), (0.0, 1.0), (-1.0, 2.0)):
        res = minimize(nll, np.asarray(start), method="L-BFGS-B",
                       bounds=[(-10.0, 10.0), (-10.0, 12.0)])
        if best is None or res.fun < best.fun:
            best = res
    assert best is not None
    a, b = (float(v) for v in np.exp(best.x))
    return SBGParams(alpha=a, beta=b, log_likelihood=-float(best.fun), n=int(t.size),
                     churned=int(c.sum()))


def cohort_observations(survivors: npt.ArrayLike) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Per-customer observations from a cohort's survivor counts [n0, n1, ..., nT]: n_{t-1}
    - n_t customers churned at period t; n_T are still here after T periods."""
    s = np.asarray(survivors, dtype=np.int64)
    if s.ndim != 1 or s.size < 2 or np.any(np.diff(s) > 0) or s[-1] < 0:
        raise ValidationFailed("survivor counts must be a non-increasing list of at least two",
                               field="survivors")
    lost = -np.diff(s)
    periods = np.concatenate([np.repeat(np.arange(1, s.size, dtype=np.float64), lost),
                              np.full(int(s[-1]), float(s.size - 1))])
    churned = np.concatenate([np.ones(int(lost.sum()), dtype=bool),
                              np.zeros(int(s[-1]), dtype=bool)])
    return periods, churned


def survival(params: SBGParams, t: npt.ArrayLike) -> FloatArray:
    """S(t) for a new customer."""
    tt = np.asarray(t, dtype=np.float64)
    return np.asarray(np.exp(betaln(params.alpha, params.beta + tt)
                             - betaln(params.alpha, params.beta)), dtype=np.float64)


def expected_future_periods(params: SBGParams, survived: npt.ArrayLike, horizon: int,
                            discount: float = 0.0) -> FloatArray:
    """For customers still here after `survived` periods: the expected (discounted) number of
    further periods paid within `horizon`, sum_{k=1..horizon} S(n+k | n) / (1+d)^k."""
    n = np.asarray(survived, dtype=np.float64)[:, None]
    k = np.arange(1, horizon + 1, dtype=np.float64)[None, :]
    a, b = params.alpha, params.beta
    cond = np.exp(betaln(a, b + n + k) - betaln(a, b + n))
    return np.asarray((cond / (1.0 + discount) ** k).sum(axis=1), dtype=np.float64)
