"""BG/NBD and Gamma-Gamma maximum likelihood with analytic gradients, for millions of
customers.

`lifetimes` differentiates its likelihoods with autograd, which costs most of a fit at a
million customers. These are the same likelihoods (Fader, Hardie & Lee 2005, eq. 6, and
the Gamma-Gamma of Fader, Hardie & Lee 2005b) with hand-written gradients: the terms that
depend only on the purchase count are summed once per distinct count, the rest is a few
vectorised logarithms per customer. L-BFGS-B on log-parameters; the covariance of the
parameters is the inverse of the Hessian (central differences of the analytic gradient)
mapped back from log-parameters. Tests check both against `lifetimes` and the papers.

Scoring helpers evaluate the BG/NBD conditional expectation with one Gauss hypergeometric
per customer (the Euler-transformed form only where the plain one overflows) and split the
customers over threads (scipy's special functions release the GIL).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize
from scipy.special import digamma, gammaln, hyp2f1

FloatArray = npt.NDArray[np.float64]
Objective = Callable[[FloatArray], tuple[float, FloatArray]]
THREADS = 2
CHUNK = 250_000


def _minimise(objective: Objective, start: FloatArray) -> tuple[FloatArray, float]:
    res = minimize(objective, start, jac=True, method="L-BFGS-B",
                   bounds=[(-15.0, 15.0)] * start.size,
                   options={"maxiter": 500, "ftol": 1e-13, "gtol": 1e-9})
    if not np.all(np.isfinite(res.x)) or not np.isfinite(res.fun):
        raise ArithmeticError(f"the fit did not converge: {res.message}")
    return np.asarray(res.x, dtype=np.float64), float(res.fun)


def _log_covariance(objective: Objective, log_params: FloatArray, n: float) -> FloatArray:
    """Inverse Hessian of the total negative log-likelihood in log-parameters (forward
    differences of the analytic gradient)."""
    k = log_params.size
    hess = np.zeros((k, k))
    base = objective(log_params)[1]
    for i in range(k):
        h = 1e-5 * max(1.0, abs(log_params[i]))
        step = log_params.copy()
        step[i] += h
        hess[i] = (objective(step)[1] - base) / h
    hess = (hess + hess.T) / 2 * n
    return np.asarray(np.linalg.inv(hess), dtype=np.float64)


def _natural_cov(log_cov: FloatArray, params: FloatArray) -> FloatArray:
    return np.asarray(np.outer(params, params) * log_cov, dtype=np.float64)


def _bgnbd_terms(r: float, alpha: float, a: float, b: float, x: FloatArray, t_x: FloatArray,
                 T: FloatArray) -> FloatArray:
    """Sums over these customers of log(e^A3 + [x > 0] e^A4) and of its derivatives in r,
    alpha, a and b (the weights w3, w4 are the two terms' shares)."""
    log_T = np.log(alpha + T)
    lse = -(r + x) * log_T
    w4 = np.zeros_like(x)
    repeat = x > 0
    xr, txr = x[repeat], t_x[repeat]
    log_tx = np.log(alpha + txr)
    a4 = np.log(a) - np.log(b + xr - 1.0) - (r + xr) * log_tx
    both = np.logaddexp(lse[repeat], a4)
    lse[repeat] = both
    w4r = np.exp(a4 - both)
    w4[repeat] = w4r
    w3 = 1.0 - w4
    return np.array([
        lse.sum(),
        -(w3 * log_T).sum() - (w4r * log_tx).sum(),
        -(w3 * (r + x) / (alpha + T)).sum() - (w4r * (r + xr) / (alpha + txr)).sum(),
        w4r.sum() / a,
        -(w4r / (b + xr - 1.0)).sum(),
    ])


def _sum_threads(fn: Callable[[slice], FloatArray], n: int) -> FloatArray:
    if n <= CHUNK:
        return fn(slice(0, n))
    bounds = [*range(0, n, max(CHUNK, -(-n // THREADS))), n]
    with ThreadPoolExecutor(THREADS) as pool:
        return np.asarray(sum(pool.map(fn, [slice(s, e) for s, e in pairwise(bounds)])))


def fit_bgnbd(x: FloatArray, t_x: FloatArray, T: FloatArray
              ) -> tuple[dict[str, float], float, FloatArray]:
    """(params r, alpha, a, b; total log-likelihood; covariance of the params)."""
    x = np.asarray(x, dtype=np.float64)
    t_x = np.asarray(t_x, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    n = float(x.size)
    counts, inverse = np.unique(x, return_inverse=True)
    weight = np.bincount(inverse).astype(np.float64)

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        r, alpha, a, b = np.exp(theta)
        # terms of the purchase count only, once per distinct count
        c1 = gammaln(r + counts) - gammaln(r) + r * np.log(alpha)
        c2 = gammaln(a + b) + gammaln(b + counts) - gammaln(b) - gammaln(a + b + counts)
        ll = float(weight @ (c1 + c2))
        g_r = float(weight @ (digamma(r + counts) - digamma(r))) + n * np.log(alpha)
        g_alpha = n * r / alpha
        g_a = float(weight @ (digamma(a + b) - digamma(a + b + counts)))
        g_b = float(weight @ (digamma(a + b) + digamma(b + counts) - digamma(b)
                              - digamma(a + b + counts)))
        # the part that needs each customer: log(e^A3 + [x > 0] e^A4), in threads
        parts = _sum_threads(lambda sl: _bgnbd_terms(r, alpha, a, b, x[sl], t_x[sl], T[sl]),
                             x.size)
        ll += parts[0]
        g_r += parts[1]
        g_alpha += parts[2]
        g_a += parts[3]
        g_b += parts[4]
        grad = np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])
        return -ll / n, -grad / n

    start = np.log([1.0, max(float(np.mean(T)), 1e-3), 1.0, 1.0])
    theta, _ = _minimise(objective, start)
    params = np.exp(theta)
    ll = -objective(theta)[0] * n
    cov = _natural_cov(_log_covariance(objective, theta, n), params)
    return dict(zip(("r", "alpha", "a", "b"), map(float, params), strict=True)), ll, cov


def fit_gamma_gamma(x: FloatArray, m: FloatArray
                    ) -> tuple[dict[str, float], float, FloatArray]:
    """Gamma-Gamma spend on repeat buyers (x > 0 purchases of mean value m > 0)."""
    x = np.asarray(x, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    n = float(x.size)
    counts, inverse = np.unique(x, return_inverse=True)
    weight = np.bincount(inverse).astype(np.float64)
    # sums that do not depend on the parameters
    sum_x_log_m = float((x * np.log(m)).sum())
    sum_log_m = float(np.log(m).sum())
    sum_x_log_x = float(weight @ (counts * np.log(counts)))
    xm = x * m

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        p, q, v = np.exp(theta)
        pc = p * counts  # the gamma-function terms depend on the count only
        log_mv = np.log(xm + v)
        x_log_mv = float(x @ log_mv)
        sum_log_mv = float(log_mv.sum())
        ll = (float(weight @ (gammaln(pc + q) - gammaln(pc))) - n * gammaln(q)
              + n * q * np.log(v) + p * sum_x_log_m - sum_log_m + p * sum_x_log_x
              - p * x_log_mv - q * sum_log_mv)
        psi = digamma(pc + q)
        g_p = (float(weight @ (counts * (psi - digamma(pc)))) + sum_x_log_m + sum_x_log_x
               - x_log_mv)
        g_q = float(weight @ psi) - n * digamma(q) + n * np.log(v) - sum_log_mv
        g_v = n * q / v - float(((p * x + q) / (xm + v)).sum())
        grad = np.array([g_p * p, g_q * q, g_v * v])
        return -float(ll) / n, -grad / n

    start = np.log([1.0, 1.0, max(float(np.mean(m)), 1e-3)])
    theta, _ = _minimise(objective, start)
    params = np.exp(theta)
    ll = -objective(theta)[0] * n
    cov = _natural_cov(_log_covariance(objective, theta, n), params)
    return dict(zip(("p", "q", "v"), map(float, params), strict=True)), ll, cov


def _threads(fn: Callable[[slice], FloatArray], n: int) -> FloatArray:
    if n <= CHUNK:
        return fn(slice(0, n))
    bounds = [*range(0, n, CHUNK), n]
    with ThreadPoolExecutor(THREADS) as pool:
        parts = list(pool.map(fn, [slice(s, e) for s, e in pairwise(bounds)]))
    return np.concatenate(parts)


def bgnbd_expected(params: dict[str, float], t: float, x: FloatArray, t_x: FloatArray,
                   T: FloatArray) -> FloatArray:
    """E[repeat purchases in (T, T + t] | x, t_x, T] (the formula `lifetimes` uses)."""
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))

    def part(s: slice) -> FloatArray:
        xs, txs, Ts = x[s], t_x[s], T[s]
        z = t / (alpha + Ts + t)
        ha, hb, hc = r + xs, b + xs, a + b + xs - 1.0
        with np.errstate(all="ignore"):
            hyp = hyp2f1(ha, hb, hc, z)
            bad = ~np.isfinite(hyp)
            if bad.any():  # Euler's transformation where the series overflows
                hyp[bad] = hyp2f1(hc[bad] - ha[bad], hc[bad] - hb[bad], hc[bad], z[bad]) \
                    * (1.0 - z[bad]) ** (hc[bad] - ha[bad] - hb[bad])
            first = (a + b + xs - 1.0) / (a - 1.0)
            second = 1.0 - hyp * ((alpha + Ts) / (alpha + t + Ts)) ** (r + xs)
            denominator = 1.0 + (xs > 0) * (a / (b + xs - 1.0)) * (
                (alpha + Ts) / (alpha + txs)) ** (r + xs)
            out = first * second / denominator
        return np.asarray(np.nan_to_num(out, nan=0.0, posinf=0.0, neginf=0.0).clip(min=0.0),
                          dtype=np.float64)

    return _threads(part, x.size)


def bgnbd_p_alive(params: dict[str, float], x: FloatArray, t_x: FloatArray, T: FloatArray
                  ) -> FloatArray:
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    with np.errstate(all="ignore"):
        log_div = (r + x) * np.log((alpha + T) / (alpha + t_x)) + np.log(
            a / (b + np.maximum(x, 1.0) - 1.0))
        out = np.where(x == 0, 1.0, 1.0 / (1.0 + np.exp(log_div)))
    return np.asarray(np.nan_to_num(out, nan=0.0).clip(0.0, 1.0), dtype=np.float64)
