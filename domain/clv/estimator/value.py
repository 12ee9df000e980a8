"""Non-contractual customer value: a purchase model (BG/NBD, Pareto/NBD or modified BG/NBD)
times Gamma-Gamma spend, through `lifetimes`, scored in vectorised form.

Per customer, from its frequency x, recency t_x and age T (in `unit_days` units):
- `p_alive`: the probability it is still a customer;
- `expected_purchases`: expected repeat purchases within the horizon;
- `value`: discounted CLV over `horizon_months`,
      sum_{i=1..H} E[spend] x (E[X(t_i)] - E[X(t_{i-1})]) / (1 + d)^i,
  t_i = i months, d the monthly rate equivalent to the annual `discount_rate`, E[spend]
  the Gamma-Gamma conditional mean spend per purchase;
- a 90% interval of that expected value from the parameters' uncertainty (delta method on
  log CLV with the fitters' covariance matrices; the purchase part's gradient is taken on
  the horizon's expected purchases, the spend part's on the conditional mean spend).

BG/NBD and Gamma-Gamma are fitted by `domain.clv.estimator.fast` (the same likelihoods with
analytic gradients; tests check the parameters against `lifetimes` and the paper), and
BG/NBD is scored there too, in threads; Pareto/NBD and modified BG/NBD are fitted and
scored by `lifetimes` (identical histories once, with a weight; a fit that does not
converge is retried with a small penalizer). Whatever does not converge is reported as
`ModelDidNotConverge`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.clv.estimator import fast
from domain.clv.estimator.bgnbd import Kind, PurchaseParams, bgnbd_log_likelihood
from domain.errors import DomainError, ValidationFailed

FloatArray = npt.NDArray[np.float64]
DAYS_PER_MONTH = 365.25 / 12
Z90 = 1.6448536269514722
PENALIZERS = (0.0, 0.001, 0.01)


class ModelDidNotConverge(DomainError):
    code = "MODEL_DID_NOT_CONVERGE"


class NoRepeatBuyers(DomainError):
    code = "NO_REPEAT_BUYERS"


@dataclass(frozen=True)
class SpendParams:
    p: float
    q: float
    v: float
    n: int  # repeat buyers it was fitted on
    frequency_monetary_corr: float  # Gamma-Gamma assumes about 0

    def mean_spend(self) -> float:
        """Population mean spend per purchase, v p / (q - 1) (needs q > 1)."""
        return self.v * self.p / (self.q - 1.0)


@dataclass(frozen=True)
class ValueFit:
    purchases: PurchaseParams
    purchase_cov: tuple[tuple[float, ...], ...]
    spend: SpendParams
    spend_cov: tuple[tuple[float, ...], ...]
    unit_days: float

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.purchases.kind, "purchase_params": self.purchases.params,
                "log_likelihood": self.purchases.log_likelihood, "n": self.purchases.n,
                "spend_params": {"p": self.spend.p, "q": self.spend.q, "v": self.spend.v},
                "spend_n": self.spend.n,
                "frequency_monetary_corr": self.spend.frequency_monetary_corr,
                "purchase_cov": [list(r) for r in self.purchase_cov],
                "purchase_cov_order": list(self.purchases.params),
                "spend_cov": [list(r) for r in self.spend_cov], "unit_days": self.unit_days}


def _check_summary(summary: pd.DataFrame) -> None:
    for col in ("frequency", "recency", "T", "monetary"):
        if col not in summary.columns:
            raise ValidationFailed(f"the summary needs a {col!r} column", field=col)
    if len(summary) < 2:
        raise ValidationFailed("at least two customers with purchases are needed to fit a "
                               "purchase model", field="customers")
    values = summary[["frequency", "recency", "T", "monetary"]].to_numpy(dtype=np.float64)
    if not np.isfinite(values).all():
        raise ValidationFailed("the summary holds missing or infinite values", field="summary")
    if (summary["frequency"] < 0).any() or (summary["recency"] < 0).any():
        raise ValidationFailed("frequency and recency must not be negative", field="frequency")
    if (summary["recency"] > summary["T"] + 1e-9).any():
        raise ValidationFailed("recency cannot exceed T", field="recency")


def _fitter(kind: Kind, penalizer: float) -> Any:
    from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    return {"bgnbd": BetaGeoFitter, "pareto_nbd": ParetoNBDFitter,
            "mbgnbd": ModifiedBetaGeoFitter}[kind](penalizer_coef=penalizer)


def _lifetimes_fit(summary: pd.DataFrame, kind: Kind
                   ) -> tuple[PurchaseParams, tuple[tuple[float, ...], ...]]:
    """Pareto/NBD and modified BG/NBD through `lifetimes` (identical histories fitted once,
    with a weight)."""
    from lifetimes.utils import ConvergenceError

    grouped = (summary.groupby(["frequency", "recency", "T"], sort=False).size()
               .rename("weight").reset_index())
    last: Exception | None = None
    for penalizer in PENALIZERS:
        fitter = _fitter(kind, penalizer)
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                fitter.fit(grouped["frequency"].to_numpy(), grouped["recency"].to_numpy(),
                           grouped["T"].to_numpy(), weights=grouped["weight"].to_numpy())
        except (ConvergenceError, np.linalg.LinAlgError, ValueError) as exc:
            last = exc
            continue
        params = {str(k): float(v) for k, v in fitter.params_.items()}
        if not all(np.isfinite(v) and v > 0 for v in params.values()):
            last = ValueError(f"non-finite parameters {params}")
            continue
        ll = -float(fitter._negative_log_likelihood_) * len(summary)
        return (PurchaseParams(kind=kind, params=params, log_likelihood=ll, n=len(summary)),
                _cov(fitter, list(params), len(summary)))
    raise ModelDidNotConverge(f"the {kind} purchase model did not converge ({last}); the "
                              "history may be too short or too regular", field="kind")


def _fit_purchases(summary: pd.DataFrame, kind: Kind
                   ) -> tuple[PurchaseParams, tuple[tuple[float, ...], ...]]:
    if kind != "bgnbd":
        return _lifetimes_fit(summary, kind)
    x, t_x, T = (summary[c].to_numpy(dtype=np.float64) for c in ("frequency", "recency", "T"))
    try:
        params, _ll, cov = fast.fit_bgnbd(x, t_x, T)
    except (ArithmeticError, np.linalg.LinAlgError, ValueError) as exc:
        raise ModelDidNotConverge(f"the BG/NBD purchase model did not converge ({exc}); the "
                                  "history may be too short or too regular",
                                  field="kind") from exc
    ll = bgnbd_log_likelihood(params["r"], params["alpha"], params["a"], params["b"],
                              x, t_x, T)
    return (PurchaseParams(kind=kind, params=params, log_likelihood=ll, n=len(summary)),
            _clean_cov(cov))


def _clean_cov(cov: FloatArray) -> tuple[tuple[float, ...], ...]:
    cov = (cov + cov.T) / 2.0
    if not np.isfinite(cov).all() or np.any(np.diag(cov) < 0):
        cov = np.zeros_like(cov)
    return tuple(tuple(float(v) for v in row) for row in cov)


def _cov(fitter: Any, names: list[str], weight: float) -> tuple[tuple[float, ...], ...]:
    """Covariance of a `lifetimes` fit's parameters from its Hessian of the mean negative
    log-likelihood in log-parameters: cov_ij = p_i p_j [H^-1]_ij / n. (`lifetimes`' own
    `variance_matrix_` scales only one side and is not symmetric.)"""
    params = np.asarray([float(fitter.params_[n]) for n in names], dtype=np.float64)
    try:
        log_cov = np.linalg.inv(np.asarray(fitter._hessian_, dtype=np.float64)) / weight
    except (AttributeError, np.linalg.LinAlgError, ValueError):
        log_cov = np.zeros((len(names), len(names)))
    return _clean_cov(np.outer(params, params) * log_cov)


def fit_value(summary: pd.DataFrame, kind: Kind = "bgnbd", unit_days: float = 7.0
              ) -> ValueFit:
    """Fit the purchase model on all customers and Gamma-Gamma on the repeat buyers with a
    positive mean spend. `NoRepeatBuyers` when nobody bought twice."""
    _check_summary(summary)
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary"] > 0)]
    if len(repeat) < 2:
        raise NoRepeatBuyers(f"{len(repeat)} customer(s) bought more than once: purchase and "
                             "spend models need repeat buyers", field="frequency")
    purchases, purchase_cov = _fit_purchases(summary, kind)
    x_rep = repeat["frequency"].to_numpy(dtype=np.float64)
    m_rep = repeat["monetary"].to_numpy(dtype=np.float64)
    try:
        gg, _ll, gg_cov = fast.fit_gamma_gamma(x_rep, m_rep)
    except (ArithmeticError, np.linalg.LinAlgError, ValueError) as exc:
        raise ModelDidNotConverge(f"the Gamma-Gamma spend model did not converge ({exc})",
                                  field="monetary") from exc
    if not gg["q"] > 1.0:
        raise ModelDidNotConverge("the Gamma-Gamma spend model has no finite mean spend "
                                  f"(q = {gg['q']:.3f} <= 1)", field="monetary")
    corr = float(np.corrcoef(x_rep, m_rep)[0, 1]) if len(repeat) > 2 and np.ptp(x_rep) > 0 \
        and np.ptp(m_rep) > 0 else 0.0
    spend = SpendParams(p=gg["p"], q=gg["q"], v=gg["v"], n=len(repeat),
                        frequency_monetary_corr=corr)
    return ValueFit(purchases=purchases, purchase_cov=purchase_cov, spend=spend,
                    spend_cov=_clean_cov(gg_cov), unit_days=unit_days)


class PurchaseModel:
    """Predictions of a fitted purchase model: BG/NBD in vectorised numpy (threads), the
    others through `lifetimes`."""

    def __init__(self, kind: Kind, params: dict[str, float]) -> None:
        self.kind, self.params = kind, params
        self.fitter: Any = None
        if kind != "bgnbd":
            self.fitter = _fitter(kind, 0.0)
            self.fitter.params_ = pd.Series(params)

    def expected(self, t: float, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
        if self.fitter is None:
            return fast.bgnbd_expected(self.params, t, x, t_x, T)
        with np.errstate(all="ignore"):
            out = np.asarray(self.fitter.conditional_expected_number_of_purchases_up_to_time(
                t, x, t_x, T), dtype=np.float64)
        return np.nan_to_num(out, nan=0.0, posinf=0.0, neginf=0.0).clip(min=0.0)

    def p_alive(self, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
        if self.fitter is None:
            return fast.bgnbd_p_alive(self.params, x, t_x, T)
        with np.errstate(all="ignore"):
            out = np.asarray(self.fitter.conditional_probability_alive(x, t_x, T),
                             dtype=np.float64)
        return np.nan_to_num(out, nan=0.0).clip(0.0, 1.0)


def purchase_model(kind: Kind, params: dict[str, float]) -> PurchaseModel:
    return PurchaseModel(kind, params)


def expected_purchases(model: PurchaseModel, t: float, x: FloatArray, t_x: FloatArray,
                       T: FloatArray) -> FloatArray:
    return model.expected(t, x, t_x, T)


def _spend(p: float, q: float, v: float, x: FloatArray, m: FloatArray) -> FloatArray:
    """Gamma-Gamma conditional expected spend per purchase (population mean for x = 0)."""
    w = p * x / (p * x + q - 1.0)
    return np.asarray((1.0 - w) * (v * p / (q - 1.0)) + w * m, dtype=np.float64)


def _grad_var(f: Any, theta: FloatArray, cov: FloatArray, base: FloatArray) -> FloatArray:
    """Delta-method variance of log f at theta: sum_ij g_i cov_ij g_j, g = d log f / d theta
    by forward differences (relative step 1e-4)."""
    if not np.any(cov):
        return np.zeros_like(base)
    grads = []
    for i in range(theta.size):
        step = theta.copy()
        h = max(abs(theta[i]) * 1e-4, 1e-8)
        step[i] += h
        with np.errstate(all="ignore"):
            grads.append((np.log(np.maximum(f(step), 1e-300)) - np.log(base)) / h)
    g = np.vstack(grads)
    var = np.einsum("in,ij,jn->n", g, cov, g)
    return np.asarray(np.nan_to_num(var, nan=0.0, posinf=0.0).clip(min=0.0), dtype=np.float64)


def score_value(fit: ValueFit, summary: pd.DataFrame, *, horizon_months: int = 12,
                discount_rate: float = 0.10) -> pd.DataFrame:
    """Per customer (summary's index): value, lower, upper (90%), p_alive,
    expected_purchases (within the horizon) and expected_spend; all finite."""
    if not 1 <= horizon_months <= 120:
        raise ValidationFailed("horizon_months must be from 1 to 120", field="horizonMonths")
    if not 0.0 <= discount_rate <= 1.0:
        raise ValidationFailed("discount_rate must be from 0 to 1", field="discountRate")
    x = summary["frequency"].to_numpy(dtype=np.float64)
    t_x = summary["recency"].to_numpy(dtype=np.float64)
    T = summary["T"].to_numpy(dtype=np.float64)
    m = summary["monetary"].to_numpy(dtype=np.float64)
    kind = fit.purchases.kind
    names = list(fit.purchases.params)
    model = purchase_model(kind, fit.purchases.params)
    month = DAYS_PER_MONTH / fit.unit_days
    monthly = (1.0 + discount_rate) ** (1.0 / 12.0) - 1.0
    cumulative = [np.zeros_like(x)] + [expected_purchases(model, i * month, x, t_x, T)
                                       for i in range(1, horizon_months + 1)]
    steps = np.diff(np.vstack(cumulative), axis=0).clip(min=0.0)
    factors = (1.0 + monthly) ** -np.arange(1, horizon_months + 1, dtype=np.float64)
    discounted = factors @ steps
    s = fit.spend
    spend = _spend(s.p, s.q, s.v, x, np.where(x > 0, m, 0.0))
    value = discounted * spend
    total = cumulative[-1]
    p_alive = model.p_alive(x, t_x, T)

    theta = np.asarray([fit.purchases.params[n] for n in names], dtype=np.float64)

    def horizon_purchases(th: FloatArray) -> FloatArray:
        return expected_purchases(purchase_model(kind, dict(zip(names, th, strict=True))),
                         horizon_months * month, x, t_x, T)

    safe_total = np.maximum(total, 1e-300)
    var = _grad_var(horizon_purchases, theta, np.asarray(fit.purchase_cov), safe_total)
    var += _grad_var(lambda th: _spend(th[0], th[1], th[2], x, np.where(x > 0, m, 0.0)),
                     np.asarray([s.p, s.q, s.v]), np.asarray(fit.spend_cov), spend)
    sd = np.sqrt(var)
    lower, upper = value * np.exp(-Z90 * sd), value * np.exp(Z90 * sd)
    out = pd.DataFrame({"value": value, "lower": lower, "upper": upper, "p_alive": p_alive,
                        "expected_purchases": total, "expected_spend": spend},
                       index=summary.index)
    return out.replace([np.inf, -np.inf], np.nan).fillna(0.0)
