"""Non-contractual purchase models through `lifetimes`: BG/NBD (Fader, Hardie & Lee 2005),
Pareto/NBD and modified BG/NBD, with the Gamma-Gamma spend model.

`lifetimes` rescales time while fitting, so the log-likelihood it reports is not the
paper's; `bgnbd_log_likelihood` computes the BG/NBD likelihood of the paper (eq. 6 of the
note "Implementing the BG/NBD model") on the data's own time unit.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.special import betaln, gammaln

FloatArray = npt.NDArray[np.float64]
Kind = Literal["bgnbd", "pareto_nbd", "mbgnbd"]


@dataclass(frozen=True)
class PurchaseParams:
    kind: Kind
    params: dict[str, float]
    log_likelihood: float
    n: int


def bgnbd_log_likelihood(r: float, alpha: float, a: float, b: float, x: FloatArray,
                         t_x: FloatArray, T: FloatArray) -> float:
    """Total BG/NBD log-likelihood of customers with x repeat purchases, the last at t_x,
    observed for T."""
    x = np.asarray(x, dtype=np.float64)
    t_x = np.asarray(t_x, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    base = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    stay = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        gone = np.where(x > 0, betaln(a + 1.0, b + x - 1.0) - betaln(a, b)
                        - (r + x) * np.log(alpha + t_x), -np.inf)
    return float(np.sum(base + np.logaddexp(stay, gone)))


def fit_purchases(x: FloatArray, t_x: FloatArray, T: FloatArray, kind: Kind = "bgnbd",
                  penalizer: float = 0.0) -> tuple[PurchaseParams, object]:
    """Fit the chosen model; returns its parameters and the fitted `lifetimes` object."""
    from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    fitter = {"bgnbd": BetaGeoFitter, "pareto_nbd": ParetoNBDFitter,
              "mbgnbd": ModifiedBetaGeoFitter}[kind](penalizer_coef=penalizer)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitter.fit(np.asarray(x), np.asarray(t_x), np.asarray(T))
    params = {str(k): float(v) for k, v in fitter.params_.items()}
    if kind == "bgnbd":
        ll = bgnbd_log_likelihood(params["r"], params["alpha"], params["a"], params["b"],
                                  x, t_x, T)
    else:
        ll = -float(fitter._negative_log_likelihood_) * len(x)
    return PurchaseParams(kind=kind, params=params, log_likelihood=ll, n=len(x)), fitter
