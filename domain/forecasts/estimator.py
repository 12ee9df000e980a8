"""Forecasting methods on a plain monthly series (the only module here importing statsmodels).

Each method fits the values `y` (floats, oldest first) and returns a `Band`: the mean path
and the 80% / 95% prediction intervals for the next `h` months.

- `seasonal_naive` / `naive`: the value twelve months (one month) back; intervals from the
  in-sample seasonal (first) differences, widening with the square root of the seasons
  (months) ahead. These are the yardsticks of the backtest.
- `ets`: `ETSModel` state-space exponential smoothing; additive, multiplicative (only when
  every month is above 0) and damped-trend forms are fitted and the lowest AICc wins. Its
  intervals are simulated (`SIMULATIONS` sample paths from the fitted model).
- `sarimax`: a small fixed seasonal ARIMA, (1,0,0)(0,1,1)12 with a constant; (0,1,1) with
  drift without seasons. Intervals from `get_forecast().conf_int`.
- `theta`: `ThetaModel` (deseasonalised when seasonal), intervals from its
  `prediction_intervals` (normal: the 95% half-width is the 80% one times z95 / z80).

Seasonal forms need two full years (`seasonal=True`); the caller decides. Every output is
finite and at least 0 (revenue): a fit that fails or explodes falls back to the naive path.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.statespace.sarimax import SARIMAX

PERIOD = 12
SIMULATIONS = 500
Z80, Z95 = 1.2815515655446004, 1.959963984540054
METHODS = ("ets", "sarimax", "theta")
BASELINES = ("seasonal_naive", "naive")


@dataclass(frozen=True)
class Band:
    """A forecast path with its 80% and 95% intervals (arrays of length h)."""

    mean: np.ndarray
    lower80: np.ndarray
    upper80: np.ndarray
    lower95: np.ndarray
    upper95: np.ndarray
    detail: str = ""  # e.g. the ETS form chosen

    def clean(self) -> Band:
        """Finite, non-negative and ordered lower95 <= lower80 <= mean <= upper80 <= upper95."""
        mean = _finite(self.mean)
        lo80 = np.minimum(_finite(self.lower80, mean), mean)
        hi80 = np.maximum(_finite(self.upper80, mean), mean)
        lo95 = np.minimum(_finite(self.lower95, lo80), lo80)
        hi95 = np.maximum(_finite(self.upper95, hi80), hi80)
        mean, lo80, hi80, lo95, hi95 = (np.maximum(a, 0.0)
                                        for a in (mean, lo80, hi80, lo95, hi95))
        return Band(mean, lo80, hi80, lo95, hi95, self.detail)


def _finite(values: np.ndarray, fallback: np.ndarray | None = None) -> np.ndarray:
    out = np.asarray(values, dtype=float).copy()
    bad = ~np.isfinite(out)
    if bad.any():
        out[bad] = 0.0 if fallback is None else np.asarray(fallback, dtype=float)[bad]
    return out


def _index(n: int) -> pd.PeriodIndex:
    return pd.period_range("2000-01", periods=n, freq="M")


def _normal_band(mean: np.ndarray, sigma: np.ndarray, detail: str = "") -> Band:
    return Band(mean, mean - Z80 * sigma, mean + Z80 * sigma, mean - Z95 * sigma,
                mean + Z95 * sigma, detail)


def naive(y: np.ndarray, h: int, *, seasonal: bool) -> Band:
    """The last value (last season's value) repeated, with random-walk intervals."""
    lag = PERIOD if seasonal and len(y) > PERIOD else 1
    if len(y) <= lag:
        return _normal_band(np.full(h, float(y[-1])), np.zeros(h), "naive")
    steps = np.arange(h)
    mean = np.asarray([y[len(y) - lag + (i % lag)] for i in steps], dtype=float)
    diffs = y[lag:] - y[:-lag]
    sigma = float(np.sqrt(np.mean(diffs ** 2))) if len(diffs) else 0.0
    return _normal_band(mean, sigma * np.sqrt(steps // lag + 1.0),
                        "seasonal naive" if lag == PERIOD else "naive")


def _ets_candidates(y: np.ndarray, seasonal: bool) -> list[dict[str, Any]]:
    positive = bool(np.all(y > 0))
    season = {"seasonal_periods": PERIOD} if seasonal else {}
    forms: list[dict[str, Any]] = []
    for error in ("add", "mul") if positive else ("add",):
        kind = error if seasonal else None
        forms.append({"error": error, "trend": None, "damped_trend": False,
                      "seasonal": kind, **season})
        if len(y) >= 8:
            forms.append({"error": error, "trend": "add", "damped_trend": True,
                          "seasonal": kind, **season})
    return forms


def _describe_ets(form: dict[str, Any]) -> str:
    error = "multiplicative" if form["error"] == "mul" else "additive"
    trend = ", damped trend" if form["damped_trend"] else ""
    season = f", {error} seasonality" if form["seasonal"] else ""
    return f"ETS ({error} errors{trend}{season})"


def ets(y: np.ndarray, h: int, *, seasonal: bool, seed: int = 0) -> Band:
    """ETS with the lowest AICc among its forms; simulated intervals."""
    series = pd.Series(y, index=_index(len(y)))
    best: Any = None
    best_form: dict[str, Any] = {}
    for form in _ets_candidates(y, seasonal):
        try:
            fit = ETSModel(series, **form).fit(disp=False, maxiter=200)
        except (ValueError, np.linalg.LinAlgError):
            continue
        aicc = float(fit.aicc)
        if math.isfinite(aicc) and (best is None or aicc < float(best.aicc)):
            best, best_form = fit, form
    if best is None:
        return naive(y, h, seasonal=seasonal)
    mean = np.asarray(best.forecast(h), dtype=float)
    paths = np.asarray(best.simulate(h, anchor="end", repetitions=SIMULATIONS,
                                     rng=np.random.default_rng(seed)), dtype=float)
    paths = paths.reshape(h, -1)
    if not (np.all(np.isfinite(mean)) and np.isfinite(paths).mean() > 0.99):
        return naive(y, h, seasonal=seasonal)
    q = np.nanquantile(paths, [0.025, 0.1, 0.9, 0.975], axis=1)
    return Band(mean, q[1], q[2], q[0], q[3], _describe_ets(best_form))


def sarimax(y: np.ndarray, h: int, *, seasonal: bool) -> Band:
    """A small fixed seasonal ARIMA (or ARIMA with drift); its own intervals."""
    if seasonal:
        model = SARIMAX(y, order=(1, 0, 0), seasonal_order=(0, 1, 1, PERIOD), trend="c")
        detail = "SARIMAX (1,0,0)(0,1,1)12 with a constant"
    else:
        model = SARIMAX(y, order=(0, 1, 1), trend="t")
        detail = "ARIMA (0,1,1) with drift"
    try:
        fit = model.fit(disp=False, maxiter=50)
        pred = fit.get_forecast(h)
        mean = np.asarray(pred.predicted_mean, dtype=float)
        ci80 = np.asarray(pred.conf_int(alpha=0.2), dtype=float)
        ci95 = np.asarray(pred.conf_int(alpha=0.05), dtype=float)
    except (ValueError, np.linalg.LinAlgError):
        return naive(y, h, seasonal=seasonal)
    if not np.all(np.isfinite(mean)):
        return naive(y, h, seasonal=seasonal)
    return Band(mean, ci80[:, 0], ci80[:, 1], ci95[:, 0], ci95[:, 1], detail)


def theta(y: np.ndarray, h: int, *, seasonal: bool) -> Band:
    """The Theta method (deseasonalised first when seasonal); its own intervals."""
    series = pd.Series(y, index=_index(len(y)))
    try:
        fit = ThetaModel(series, period=PERIOD if seasonal else 1,
                         deseasonalize=seasonal).fit()
        mean = np.asarray(fit.forecast(h), dtype=float)
        # normal intervals mean -/+ z * sigma_h: one call (each refits its variance model)
        pi80 = np.asarray(fit.prediction_intervals(h, alpha=0.2), dtype=float)
    except (ValueError, np.linalg.LinAlgError):
        return naive(y, h, seasonal=seasonal)
    if not np.all(np.isfinite(mean)):
        return naive(y, h, seasonal=seasonal)
    centre = (pi80[:, 0] + pi80[:, 1]) / 2
    half95 = (pi80[:, 1] - pi80[:, 0]) / 2 * (Z95 / Z80)
    return Band(mean, pi80[:, 0], pi80[:, 1], centre - half95, centre + half95,
                "Theta" + (" (deseasonalised)" if seasonal else ""))


def forecast_method(method: str, y: np.ndarray, h: int, *, seasonal: bool,
                    seed: int = 0) -> Band:
    """One method's forecast of `h` months after `y` (finite, non-negative)."""
    y = np.asarray(y, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter; results are checked instead
        with np.errstate(all="ignore"):
            if method == "ets":
                band = ets(y, h, seasonal=seasonal, seed=seed)
            elif method == "sarimax":
                band = sarimax(y, h, seasonal=seasonal)
            elif method == "theta":
                band = theta(y, h, seasonal=seasonal)
            elif method in BASELINES:
                band = naive(y, h, seasonal=method == "seasonal_naive")
            else:
                raise ValueError(f"unknown method {method!r}")
    return band.clean()


def seasonal_pattern(y: np.ndarray, first_month: int) -> dict[str, Any] | None:
    """Monthly and quarterly seasonal indices from a classical decomposition (two full
    years needed). Multiplicative when every month is above 0 (an index of 1.25 is a month
    25% above the trend), additive otherwise (in currency). None when too short."""
    y = np.asarray(y, dtype=float)
    if len(y) < 2 * PERIOD:
        return None
    multiplicative = bool(np.all(y > 0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parts = seasonal_decompose(y, model="multiplicative" if multiplicative else "additive",
                                   period=PERIOD, two_sided=True)
    seasonal = np.asarray(parts.seasonal, dtype=float)
    months = (np.arange(len(y)) + first_month - 1) % PERIOD  # calendar month 0..11
    monthly = [float(np.mean(seasonal[months == k])) for k in range(PERIOD)]
    quarterly = [float(np.mean(monthly[3 * q: 3 * q + 3])) for q in range(4)]
    trend = np.asarray(parts.trend, dtype=float)
    trend = trend[np.isfinite(trend)]
    growth = (float(trend[-1] / trend[-PERIOD - 1] - 1.0)
              if len(trend) > PERIOD and trend[-PERIOD - 1] > 0 else None)
    return {"kind": "multiplicative" if multiplicative else "additive",
            "monthly": [round(v, 6) for v in monthly],
            "quarterly": [round(v, 6) for v in quarterly],
            "trend_growth_12m": None if growth is None or not math.isfinite(growth)
            else round(growth, 6)}
