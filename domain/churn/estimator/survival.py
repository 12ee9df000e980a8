"""Time to churn: a Cox proportional-hazards model, pure fit/predict, no database.

Model: statsmodels `PHReg` partial likelihood (Breslow ties) on at most a dozen standardised
numeric features, maximised by damped Newton steps with a small ridge penalty: the objective
`-loglike/n + penalty·|β|²/2` of `PHReg.fit_regularized(L1_wt=0)`, which converges in a few
steps here where statsmodels' coordinate descent needs hundreds of likelihood evaluations.
Each feature is signed-log1p'd when heavy tailed (money, counts, days), NaN-imputed with the
training median, winsorised at the training 1st/99th percentiles (two-valued flags are not)
and standardised; columns missing from `X`, mostly NaN or constant are dropped
(`SurvivalModel.dropped` says why).

Prediction: S(t|x) = exp(-H0(t)·exp(x·β)) with H0 the Breslow baseline cumulative hazard,
computed here (statsmodels' `baseline_cumulative_hazard` reports H0 just *before* each event
time and loses the last jump). H0 is a step function known up to the longest training
duration: survival beyond it is NaN. Risk scores are the linear predictor x·β (higher =
sooner churn).

Training data (`durations_from_spans`): for customers active at a cutoff T, the duration is
the days from T to churn (event 1) or to the end of the observed window (event 0). The DB
side is the caller's: pass the features `feature_frame(org, T, customer_ids=population)` and
the durations of the same customers in the same order. Rows from several cutoffs may be
stacked as long as each window ends before the data does.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd
from statsmodels.duration.hazard_regression import PHReg

from domain.errors import ValidationFailed
from domain.ml.evaluation import concordance_index

FloatArray = npt.NDArray[np.float64]
FORMAT = "lifeline.survival"
FORMAT_VERSION = 1
SECONDS_PER_DAY = 86_400.0
MAX_FEATURES = 12

# (feature, heavy tailed → signed log1p). Signals the demo's churn story runs on: usage
# level and decline, billing trouble, support volume and mood, the at-risk flag, size and
# tenure.
DEFAULT_FEATURES: tuple[tuple[str, bool], ...] = (
    ("usage_per_seat_4w", True), ("usage_change_4w", False), ("usage_trend_pct_8w", False),
    ("failed_payments_90d", True), ("unpaid_invoices", True), ("tickets_90d", True),
    ("sentiment_90d", False), ("cancellation_tickets_90d", True), ("is_at_risk", False),
    ("tenure_days", True), ("mrr", True), ("plan_tier", False),
)


class SurvivalDataInvalid(ValidationFailed):
    code = "SURVIVAL_DATA_INVALID"


class TooFewRows(SurvivalDataInvalid):
    code = "SURVIVAL_TOO_FEW_ROWS"


class TooFewEvents(SurvivalDataInvalid):  # no (or too few) churns: no hazard to estimate
    code = "SURVIVAL_TOO_FEW_EVENTS"


class NoUsableFeatures(SurvivalDataInvalid):
    code = "SURVIVAL_NO_USABLE_FEATURES"


class SurvivalModelInvalid(ValidationFailed):
    code = "MODEL_FILE_INVALID"


@dataclass(frozen=True)
class SurvivalConfig:
    features: tuple[tuple[str, bool], ...] = DEFAULT_FEATURES
    penalty: float = 0.01  # ridge weight per row on standardised coefficients
    max_missing_share: float = 0.5  # drop a feature NaN in more than this share of rows
    min_rows: int = 30
    min_events: int = 5
    max_iter: int = 50


@dataclass(frozen=True, eq=False)
class SurvivalModel:
    """Fitted model; coefficients are log hazard ratios per standard deviation."""

    features: tuple[str, ...]
    log_scaled: tuple[bool, ...]
    medians: tuple[float, ...]
    lower: tuple[float, ...]  # winsorising bounds (transformed scale)
    upper: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    coef: tuple[float, ...]
    std_err: tuple[float, ...]
    times: FloatArray = field(repr=False)  # distinct event times (days), increasing
    cum_hazard: FloatArray = field(repr=False)  # Breslow H0 at `times` (x at training means)
    horizon_days: int
    max_days: float  # longest training duration: survival beyond it is unknown
    n_rows: int
    n_events: int
    penalty: float
    converged: bool
    concordance: float  # Harrell's C on the training rows (optimistic)
    dropped: dict[str, str] = field(default_factory=dict)

    @property
    def hazard_ratios(self) -> dict[str, float]:
        """Hazard multiplier per one standard deviation of each feature."""
        return {f: math.exp(c) for f, c in zip(self.features, self.coef, strict=True)}


class ChurnTimes(NamedTuple):
    """Days from the cutoff to churn per row; NaN means "beyond `horizon_days`" (or beyond
    the training follow-up). `lower`/`upper` are the times at which the predicted survival
    falls to 0.75 and 0.25: a central 50% prediction interval of the churn time."""

    median: FloatArray
    lower: FloatArray
    upper: FloatArray


def _transform(values: FloatArray, log_scaled: bool) -> FloatArray:
    v = np.where(np.isfinite(values), values, np.nan)
    return np.sign(v) * np.log1p(np.abs(v)) if log_scaled else v


def _raw(X: pd.DataFrame, col: str) -> FloatArray:
    s = X[col]
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("float64")
    return np.asarray(pd.to_numeric(s, errors="coerce"), dtype=np.float64)


def _design(model: SurvivalModel, X: pd.DataFrame) -> FloatArray:
    cols = []
    for i, name in enumerate(model.features):
        if name not in X.columns:
            raise ValidationFailed(f"Column {name!r} is missing from the data to score",
                                   field=name)
        v = _transform(_raw(X, name), model.log_scaled[i])
        v = np.clip(np.where(np.isnan(v), model.medians[i], v), model.lower[i], model.upper[i])
        cols.append((v - model.means[i]) / model.scales[i])
    return np.column_stack(cols)


def _check(X: pd.DataFrame, duration: npt.ArrayLike, event: npt.ArrayLike, cfg: SurvivalConfig
           ) -> tuple[FloatArray, FloatArray]:
    d = np.asarray(duration, dtype=np.float64).ravel()
    e = np.asarray(event, dtype=np.float64).ravel()
    if not len(X) == d.size == e.size:
        raise SurvivalDataInvalid(
            f"X, duration and event differ in length ({len(X)}, {d.size}, {e.size})",
            field="duration")
    if not np.isfinite(d).all() or (d <= 0).any():
        raise SurvivalDataInvalid("durations must be finite and positive", field="duration")
    if not np.isin(e, (0.0, 1.0)).all():
        raise SurvivalDataInvalid("event must contain only 0 and 1", field="event")
    if d.size < cfg.min_rows:
        raise TooFewRows(f"{d.size} rows; at least {cfg.min_rows} are needed", field="X",
                         rows=int(d.size))
    if e.sum() < max(cfg.min_events, 1):
        raise TooFewEvents(f"{int(e.sum())} churn events; at least {cfg.min_events} needed",
                           field="event", events=int(e.sum()))
    return d, e


def breslow(duration: FloatArray, event: FloatArray, eta: FloatArray
            ) -> tuple[FloatArray, FloatArray]:
    """Breslow baseline cumulative hazard: (distinct event times, H0 at those times)."""
    order = np.argsort(duration, kind="mergesort")
    d, e, w = duration[order], event[order], np.exp(np.clip(eta[order], -30.0, 30.0))
    at_risk = np.cumsum(w[::-1])[::-1]  # sum of exp(eta) over rows with duration >= d[i]
    times, deaths = np.unique(d[e == 1], return_counts=True)
    first = np.searchsorted(d, times, side="left")
    return times, np.cumsum(deaths / at_risk[first])


def _newton(ph: PHReg, k: int, n: int, cfg: SurvivalConfig) -> tuple[FloatArray, FloatArray,
                                                                      bool]:
    """Minimise -loglike/n + penalty·|β|²/2; returns (β, standard errors, converged)."""
    alpha = cfg.penalty

    def objective(b: FloatArray) -> float:
        return float(-ph.loglike(b) / n + alpha * (b @ b) / 2.0)

    beta = np.zeros(k)
    f = objective(beta)
    converged = False
    for _ in range(cfg.max_iter):
        grad = -np.asarray(ph.score(beta)) / n + alpha * beta
        hess = -np.asarray(ph.hessian(beta)) / n + alpha * np.eye(k)
        step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        t = 1.0
        while True:
            cand = beta - t * step
            fc = objective(cand)
            if np.isfinite(fc) and fc <= f + 1e-12:
                break
            t /= 2.0
            if t < 1e-8:
                break
        if t < 1e-8:  # no descent along the Newton direction: at the optimum numerically
            converged = bool(np.abs(grad).max() < 1e-6)
            break
        beta, f = cand, fc
        if np.abs(t * step).max() < 1e-9:
            converged = True
            break
    info = -np.asarray(ph.hessian(beta)) + n * alpha * np.eye(k)
    cov = np.linalg.pinv(info)
    return beta, np.sqrt(np.clip(np.diag(cov), 0.0, None)), converged


def fit_survival(X: pd.DataFrame, duration: npt.ArrayLike, event: npt.ArrayLike, *,
                 horizon_days: int = 365, config: SurvivalConfig = SurvivalConfig()
                 ) -> SurvivalModel:
    """Fit on rows of `X` (features at each row's cutoff) with `duration` (days > 0 from
    the cutoff to churn or censoring) and `event` (1 churned, 0 censored)."""
    if horizon_days <= 0:
        raise SurvivalDataInvalid("horizon_days must be positive", field="horizon_days")
    if len(config.features) > MAX_FEATURES:
        raise SurvivalDataInvalid(f"at most {MAX_FEATURES} features", field="features")
    d, e = _check(X, duration, event, config)
    kept: list[tuple[str, bool, float, float, float, float, float]] = []
    cols: list[FloatArray] = []
    dropped: dict[str, str] = {}
    for name, log_scaled in config.features:
        if name not in X.columns:
            dropped[name] = "missing column"
            continue
        v = _transform(_raw(X, name), log_scaled)
        miss = np.isnan(v)
        if miss.mean() > config.max_missing_share:
            dropped[name] = f"{miss.mean():.0%} missing"
            continue
        med = float(np.median(v[~miss]))
        quantiles = (0.0, 1.0) if np.unique(v[~miss]).size <= 2 else (0.01, 0.99)
        lo, hi = (float(q) for q in np.quantile(v[~miss], quantiles))  # flags: no winsor
        v = np.clip(np.where(miss, med, v), lo, hi)
        mean, sd = float(v.mean()), float(v.std())
        if not sd > 1e-9:
            dropped[name] = "constant"
            continue
        kept.append((name, log_scaled, med, lo, hi, mean, sd))
        cols.append((v - mean) / sd)
    if not kept:
        raise NoUsableFeatures("none of the features is usable: " + ", ".join(
            f"{k} ({why})" for k, why in dropped.items()), field="X", dropped=dropped)
    Z = np.column_stack(cols)
    ph = PHReg(d, Z, status=e, ties="breslow")
    beta, se, converged = _newton(ph, Z.shape[1], d.size, config)
    eta = Z @ beta
    times, cum = breslow(d, e, eta)
    names, logs, meds, los, his, means, scales = zip(*kept, strict=True)
    return SurvivalModel(
        features=names, log_scaled=logs, medians=meds, lower=los, upper=his, means=means,
        scales=scales,
        coef=tuple(float(b) for b in beta), std_err=tuple(float(s) for s in se),
        times=times, cum_hazard=cum, horizon_days=int(horizon_days), max_days=float(d.max()),
        n_rows=int(d.size), n_events=int(e.sum()), penalty=config.penalty,
        converged=converged, concordance=concordance_index(d, e, eta), dropped=dropped)


def risk_score(model: SurvivalModel, X: pd.DataFrame) -> FloatArray:
    """Linear predictor x·β per row: log of the hazard relative to an average customer."""
    return np.asarray(_design(model, X) @ np.asarray(model.coef), dtype=np.float64)


def _h0(model: SurvivalModel, days: FloatArray) -> FloatArray:
    idx = np.searchsorted(model.times, days, side="right") - 1
    h = np.where(idx >= 0, model.cum_hazard[np.maximum(idx, 0)], 0.0)
    return np.where(days > model.max_days, np.nan, h)


def survival_curve(model: SurvivalModel, X: pd.DataFrame, days: npt.ArrayLike) -> FloatArray:
    """S(t|x) per row (axis 0) and day in `days` (axis 1); NaN past the training follow-up."""
    t = np.asarray(days, dtype=np.float64).ravel()
    rel = np.exp(np.clip(risk_score(model, X), -30.0, 30.0))
    return np.asarray(np.exp(-np.outer(rel, _h0(model, t))), dtype=np.float64)


def churn_probability(model: SurvivalModel, X: pd.DataFrame, within_days: float
                      ) -> FloatArray:
    """P(churn within `within_days` of the cutoff) = 1 - S(within_days|x)."""
    return 1.0 - survival_curve(model, X, [within_days])[:, 0]


def _quantile_time(model: SurvivalModel, eta: FloatArray, s: float) -> FloatArray:
    """First event time where S(t|x) <= s, NaN when that is past the horizon."""
    threshold = -math.log(s) * np.exp(-np.clip(eta, -30.0, 30.0))
    idx = np.searchsorted(model.cum_hazard, threshold, side="left")
    t = model.times[np.minimum(idx, model.times.size - 1)]
    return np.where((idx < model.times.size) & (t <= model.horizon_days), t, np.nan)


def expected_days_to_churn(model: SurvivalModel, X: pd.DataFrame) -> ChurnTimes:
    """Median predicted days to churn and a central 50% interval (see `ChurnTimes`): the
    first times at which S(t|x) reaches 0.5, 0.75 and 0.25. NaN = "> horizon_days"."""
    eta = risk_score(model, X)
    return ChurnTimes(_quantile_time(model, eta, 0.5), _quantile_time(model, eta, 0.75),
                      _quantile_time(model, eta, 0.25))


def durations_from_spans(spans: pd.DataFrame, cutoff: datetime, end: datetime, *,
                         plan_change_gap: timedelta = timedelta(days=1)) -> pd.DataFrame:
    """Durations for the customers active at `cutoff` from subscription spans (columns
    customer_id, started_at, canceled_at; every subscription started before `end` + gap).

    Same churn definition as `domain.churn.training.labels_from_spans` (pass its
    `PLAN_CHANGE_GAP`): a cancellation after the cutoff that leaves no live subscription
    (none live then or started within the gap after it). Returns a frame indexed by
    customer_id with `duration_days` (to the first churn, else to `end`) and `event`
    (1 churned in (cutoff, end], 0 censored at `end`), so that `event & (duration <= h)`
    equals the h-day label."""
    t, stop = pd.Timestamp(cutoff).tz_convert("UTC"), pd.Timestamp(end).tz_convert("UTC")
    if stop <= t:
        raise SurvivalDataInvalid("end must be after the cutoff", field="end")
    s = spans[["customer_id", "started_at", "canceled_at"]].copy()
    for name in ("started_at", "canceled_at"):
        s[name] = pd.to_datetime(s[name], utc=True, format="ISO8601")
    live = (s["started_at"] < t) & (s["canceled_at"].isna() | (s["canceled_at"] >= t))
    population = pd.Index(np.sort(s.loc[live, "customer_id"].unique()), name="customer_id")
    ends = s[s["customer_id"].isin(population) & (s["canceled_at"] > t)
             & (s["canceled_at"] <= stop)][["customer_id", "canceled_at"]]
    ends = ends.reset_index(drop=True)
    ends["end_id"] = np.arange(len(ends))
    pairs = ends.merge(s, on="customer_id", suffixes=("", "_other"))
    moment = pairs["canceled_at"]
    covers = ((pairs["started_at"] <= moment + plan_change_gap)
              & (pairs["canceled_at_other"].isna() | (pairs["canceled_at_other"] > moment)))
    covered = covers.groupby(pairs["end_id"]).any().reindex(ends["end_id"], fill_value=False)
    churn_at = ends[~covered.to_numpy()].groupby("customer_id")["canceled_at"].min()
    churn_at = churn_at.reindex(population)
    seconds = (churn_at.fillna(stop) - t).dt.total_seconds()
    return pd.DataFrame({"duration_days": (seconds / SECONDS_PER_DAY).astype(float),
                         "event": churn_at.notna().astype(np.int64)}, index=population)


_ARRAYS = ("times", "cum_hazard")
_PER_FEATURE = ("log_scaled", "medians", "lower", "upper", "means", "scales", "coef")


def to_bytes(model: SurvivalModel) -> bytes:
    """JSON (no pickle): safe to load from anywhere."""
    body: dict[str, Any] = asdict(model)
    for name in _ARRAYS:
        body[name] = np.asarray(body[name]).tolist()
    return json.dumps({"format": FORMAT, "version": FORMAT_VERSION, "model": body}).encode()


def from_bytes(data: bytes) -> SurvivalModel:
    try:
        payload = json.loads(data)
        if payload.get("format") != FORMAT or payload.get("version") != FORMAT_VERSION:
            raise SurvivalModelInvalid("Not a survival model of a supported version",
                                       field="model")
        body = dict(payload["model"])
        for name in _ARRAYS:
            body[name] = np.asarray(body[name], dtype=np.float64)
        for name, value in body.items():
            if isinstance(value, list):
                body[name] = tuple(value)
        model = SurvivalModel(**body)
        k = len(model.features)
        if {len(getattr(model, f)) for f in _PER_FEATURE} != {k} or (
                model.times.shape != model.cum_hazard.shape):
            raise ValueError("inconsistent lengths")
    except SurvivalModelInvalid:
        raise
    except Exception as exc:
        raise SurvivalModelInvalid(f"Model bytes could not be read: {exc}",
                                   field="model") from exc
    return model
