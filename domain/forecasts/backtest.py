"""Rolling-origin backtest, the choice of method, and the final forecast of a monthly series.

For a series of n months and a backtest horizon b (12 months, fewer for short series), the
origins are n - b, n - b - step, …: at each origin every method is fitted on the months
before it and forecasts the next b months. The error of one origin is its MASE: the mean
absolute error over the b months divided by the in-sample mean absolute error of the
seasonal naive forecast (lag 12) of the training part, or of the naive forecast (lag 1)
under two years of history. A method's score is its mean MASE over the origins.

The candidates are ETS, SARIMAX and Theta, and the equal-weight means of the best two and of
all three. The seasonal naive forecast (naive under two years) is the yardstick, reported
beside them and never chosen. The lowest score wins (a single method on a tie).

Intervals. A single method keeps its own (simulated for ETS). A combination takes its
bounds from the backtest's relative errors (actual / forecast - 1 over every origin and
month): the 10% / 90% (2.5% / 97.5%) quantiles times the forecast give the 80% (95%)
interval, so bias shows as asymmetry; beyond the backtest horizon b the quantiles grow with
sqrt(month / b). (Averaging the members' own bounds was tried and over-covered badly on the
champagne series: Theta's intervals alone are several times too wide.) Under two years of
history only non-seasonal forms are fitted, and the half-widths are widened by
sqrt(24 / n).

`memo` (optional) keeps each fit by (method, months used, horizon), so that callers
backtesting the whole procedure at several origins of one series (`bench/`) fit each
training prefix once.

Bad input is a `ValidationFailed` naming the problem: fewer than 3 months, a month below 0,
a value that is not a number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from domain.errors import ValidationFailed
from domain.forecasts.estimator import METHODS, PERIOD, Band, forecast_method

MIN_MONTHS = 3
SEASONAL_MONTHS = 2 * PERIOD  # two full years before seasonal forms are fitted


@dataclass(frozen=True)
class Plan:
    horizon: int  # months forecast at each origin
    origins: list[int]  # training lengths, latest first
    seasonal: bool


@dataclass(frozen=True)
class ForecastOutput:
    band: Band
    method: str  # "ets", "sarimax", "theta", "mean(ets, theta)", "naive"
    detail: str  # in words (e.g. the ETS form)
    backtest: dict[str, Any]
    reasons: list[str] = field(default_factory=list)


def check_values(values: Sequence[float] | np.ndarray,
                 labels: Sequence[str] | None = None) -> np.ndarray:
    """The series as floats, or a `ValidationFailed` saying what is wrong with it."""
    y = np.asarray(values, dtype=float)
    names = list(labels) if labels is not None else [f"month {i + 1}" for i in range(len(y))]
    if len(y) < MIN_MONTHS:
        found = "one month" if len(y) == 1 else f"{len(y)} months"
        raise ValidationFailed(
            f"a revenue forecast needs at least {MIN_MONTHS} months of revenue; found {found}",
            field="revenue")
    bad = [names[i] for i in np.flatnonzero(~np.isfinite(y))]
    if bad:
        raise ValidationFailed(f"revenue is not a number in {', '.join(bad[:5])}",
                               field="revenue")
    negative = np.flatnonzero(y < 0)
    if len(negative):
        listed = ", ".join(f"{names[i]} ({y[i]:.2f})" for i in negative[:5])
        raise ValidationFailed(
            f"revenue is negative in {listed}: refunds exceed sales there, and a revenue "
            "forecast needs months of 0 or more", field="revenue")
    if not np.any(y > 0):
        raise ValidationFailed("revenue is 0 in every month: nothing to forecast",
                               field="revenue")
    return y


def mase_scale(train: np.ndarray, seasonal: bool) -> float:
    """In-sample MAE of the (seasonal) naive forecast; a positive fallback if it is 0."""
    lag = PERIOD if seasonal and len(train) > PERIOD else 1
    diffs = np.abs(train[lag:] - train[:-lag])
    scale = float(np.mean(diffs)) if len(diffs) else 0.0
    if not (math.isfinite(scale) and scale > 0):
        scale = float(np.mean(np.abs(train))) or 1.0
    return scale


def plan(n: int, horizon: int, origins: int, step: int) -> Plan:
    """Where to cut the series for the backtest (possibly no origin at all)."""
    seasonal = n >= SEASONAL_MONTHS
    if seasonal:
        for b in dict.fromkeys((min(horizon, PERIOD), 6, 3)):
            for s in dict.fromkeys((step, 1)):
                cuts = [n - b - i * s for i in range(origins) if n - b - i * s >= SEASONAL_MONTHS]
                if len(cuts) >= 2:
                    return Plan(b, cuts, True)
        return Plan(min(horizon, PERIOD), [], True)
    b = min(horizon, max(1, n // 4))
    floor = max(MIN_MONTHS, n // 2)
    cuts = [n - b - i for i in range(origins) if n - b - i >= floor]
    return Plan(b, cuts if len(cuts) >= 2 else [], False)


Memo = dict[tuple[str, int, int], Band]
QUANTILES = (0.025, 0.1, 0.9, 0.975)


def combine(bands: Sequence[Band]) -> Band:
    """Equal-weight mean of the paths and of the bounds."""
    stack = {k: np.mean([getattr(b, k) for b in bands], axis=0)
             for k in ("mean", "lower80", "upper80", "lower95", "upper95")}
    return Band(**stack)


def label(members: Sequence[str]) -> str:
    return members[0] if len(members) == 1 else f"mean({', '.join(members)})"


def _fit(y: np.ndarray, method: str, n: int, h: int, seasonal: bool, seed: int,
         memo: Memo | None) -> Band:
    key = (method, n, h)
    if memo is not None and key in memo:
        return memo[key]
    band = forecast_method(method, y[:n], h, seasonal=seasonal, seed=seed)
    if memo is not None:
        memo[key] = band
    return band


def covered(band: Band, actual: np.ndarray) -> tuple[int, int]:
    """How many actual months fell inside the 80% and the 95% interval."""
    in80 = int(np.sum((actual >= band.lower80) & (actual <= band.upper80)))
    in95 = int(np.sum((actual >= band.lower95) & (actual <= band.upper95)))
    return in80, in95


def scale_band(band: Band, k: float) -> Band:
    """Every half-width times k."""
    m = band.mean
    return Band(m, m - k * (m - band.lower80), m + k * (band.upper80 - m),
                m - k * (m - band.lower95), m + k * (band.upper95 - m), band.detail)


def relative_quantiles(actual: Sequence[np.ndarray], bands: Sequence[Band]
                       ) -> np.ndarray | None:
    """The 2.5/10/90/97.5% quantiles of actual / forecast - 1 (None without a usable
    month)."""
    ratios = [a[b.mean > 0] / b.mean[b.mean > 0] - 1.0 for a, b in zip(actual, bands,
                                                                     strict=True)]
    pooled = np.concatenate(ratios) if ratios else np.empty(0)
    pooled = pooled[np.isfinite(pooled)]
    if len(pooled) < 4:
        return None
    return np.quantile(pooled, QUANTILES)


def empirical_band(mean: np.ndarray, q: np.ndarray, tested_horizon: int, detail: str = ""
                   ) -> Band:
    """Bounds mean * (1 + quantile), growing with sqrt(month / b) beyond b months."""
    grow = np.sqrt(np.maximum(1.0, np.arange(1, len(mean) + 1) / max(tested_horizon, 1)))
    lo95, lo80, hi80, hi95 = (mean * (1.0 + qi * grow) for qi in q)
    return Band(mean, lo80, hi80, lo95, hi95, detail)


@dataclass
class Backtest:
    plan: Plan
    actual: list[np.ndarray]
    bands: dict[str, list[Band]]  # per candidate (and baseline), one per origin
    members: dict[str, list[str]]
    scores: dict[str, float]  # mean MASE over the origins


def run_backtest(y: np.ndarray, p: Plan, *, seed: int = 0, memo: Memo | None = None
                 ) -> Backtest:
    baseline = "seasonal_naive" if p.seasonal else "naive"
    bands = {m: [_fit(y, m, cut, p.horizon, p.seasonal, seed, memo) for cut in p.origins]
             for m in (baseline, *METHODS)}
    actual = [y[cut:cut + p.horizon] for cut in p.origins]
    scales = [mase_scale(y[:cut], p.seasonal) for cut in p.origins]

    def score(path: list[Band]) -> float:
        return float(np.mean([np.mean(np.abs(a - b.mean)) / s
                              for a, b, s in zip(actual, path, scales, strict=True)]))

    scores = {m: score(b) for m, b in bands.items()}
    members = {m: [m] for m in METHODS}
    ranked = sorted(METHODS, key=lambda m: (scores[m], METHODS.index(m)))
    for group in (ranked[:2], ranked):
        name = label(group)
        members[name] = list(group)
        bands[name] = [combine([bands[m][i] for m in group]) for i in range(len(actual))]
        scores[name] = score(bands[name])
    return Backtest(p, actual, bands, members, scores)


def forecast(values: Sequence[float] | np.ndarray, horizon: int, *, origins: int = 5, step: int = 3,
             seed: int = 0, labels: Sequence[str] | None = None, memo: Memo | None = None
             ) -> ForecastOutput:
    """Backtest, choose and forecast `horizon` months after `values` (see the module)."""
    y = check_values(values, labels)
    n = len(y)
    p = plan(n, horizon, origins, step)
    reasons: list[str] = []
    widen = 1.0 if p.seasonal else math.sqrt(SEASONAL_MONTHS / n)
    if not p.seasonal:
        reasons.append(f"only {n} months of history (under {SEASONAL_MONTHS}): seasonal "
                       "models need two full years, so non-seasonal forms were fitted and "
                       f"the intervals widened {widen:.2f}x")
    if not p.origins:
        return _untested(y, horizon, p, reasons, seed, widen)
    bt = run_backtest(y, p, seed=seed, memo=memo)
    chosen = min(bt.members, key=lambda m: (bt.scores[m], len(bt.members[m])))
    group = bt.members[chosen]
    finals = [_fit(y, m, n, horizon, p.seasonal, seed, memo) for m in group]
    detail = " + ".join(b.detail for b in finals)
    q = relative_quantiles(bt.actual, bt.bands[chosen]) if len(group) > 1 else None
    if q is not None:
        band = empirical_band(combine(finals).mean, q, p.horizon, detail)
        tested = [empirical_band(b.mean, q, p.horizon) for b in bt.bands[chosen]]
        intervals = "empirical: quantiles of the backtest's relative errors"
    else:
        band, tested = (finals[0] if len(finals) == 1 else combine(finals)), bt.bands[chosen]
        intervals = "simulated from the fitted ETS model" if chosen == "ets" \
            else "the method's own"
    band = scale_band(band, widen).clean()
    hits = [covered(b, a) for b, a in zip(tested, bt.actual, strict=True)]
    total = sum(len(a) for a in bt.actual)
    baseline = "seasonal_naive" if p.seasonal else "naive"
    reasons.append(f"{chosen} had the lowest backtest MASE ({bt.scores[chosen]:.3f}; "
                   f"{baseline.replace('_', ' ')} {bt.scores[baseline]:.3f}) over "
                   f"{len(p.origins)} origins of {p.horizon} months")
    backtest = _summary(y, p, chosen, intervals) | {
        "mase": {m: round(s, 6) for m, s in bt.scores.items()},
        "chosen_mase": round(bt.scores[chosen], 6),
        "baseline_mase": round(bt.scores[baseline], 6),
        "coverage80": round(sum(h[0] for h in hits) / total, 6),
        "coverage95": round(sum(h[1] for h in hits) / total, 6),
        "relative_quantiles": None if q is None else [round(float(v), 6) for v in q],
    }
    return ForecastOutput(band, chosen, detail, backtest, reasons)


def _summary(y: np.ndarray, p: Plan, chosen: str, intervals: str) -> dict[str, Any]:
    baseline = "seasonal_naive" if p.seasonal else "naive"
    return {"horizon": p.horizon if p.origins else 0, "origins": p.origins,
            "seasonal": p.seasonal, "baseline": baseline,
            "scale": "seasonal naive (lag 12)" if p.seasonal else "naive (lag 1)",
            "scale_value": round(mase_scale(y, p.seasonal), 6), "chosen": chosen,
            "intervals": intervals, "mase": {}, "chosen_mase": None, "baseline_mase": None,
            "coverage80": None, "coverage95": None, "relative_quantiles": None}


def _untested(y: np.ndarray, horizon: int, p: Plan, reasons: list[str], seed: int,
              widen: float) -> ForecastOutput:
    """Too short to backtest: ETS by AICc when seasonal, else the last month carried on."""
    method = "ets" if p.seasonal else "naive"
    band = scale_band(forecast_method(method, y, horizon, seasonal=p.seasonal, seed=seed),
                      widen).clean()
    reasons.append(f"{len(y)} months are too few for a backtest: "
                   + ("ETS chosen by AICc" if p.seasonal
                      else "the last month's revenue is carried forward"))
    intervals = "simulated from the fitted ETS model" if p.seasonal \
        else "random walk on the month-to-month changes"
    return ForecastOutput(band, method, band.detail, _summary(y, p, method, intervals), reasons)
