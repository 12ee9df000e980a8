"""Time to churn (Cox model): recovery of a known hazard, Harrell's C on hand-computed and
brute-force cases, durations that agree with the churn labels, typed errors, bytes round
trip, and the concordance on a demo world measured out of time."""

from __future__ import annotations

import inspect
import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.hazard_regression import PHReg

from domain.churn.estimator.survival import (
    NoUsableFeatures,
    SurvivalConfig,
    SurvivalDataInvalid,
    SurvivalModelInvalid,
    TooFewEvents,
    TooFewRows,
    breslow,
    churn_probability,
    concordance_index,
    durations_from_spans,
    expected_days_to_churn,
    fit_survival,
    from_bytes,
    risk_score,
    survival_curve,
    to_bytes,
)
from domain.churn.features import PLAN_CHANGE_GAP, feature_frame
from domain.churn.training import labels_from_spans
from domain.demo.service import generate_world
from domain.errors import ValidationFailed
from domain.models import Organization, Subscription

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
CFG = SurvivalConfig(features=(("signal", False), ("noise", True)))
BETA, BASE_RATE, WINDOW = 1.2, 0.003, 365.0


def _world(n: int = 2000, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray, np.ndarray,
                                                  np.ndarray, np.ndarray]:
    """Exponential churn times with rate BASE_RATE·exp(BETA·signal), censored at the end
    of a one-year window or earlier at random. Returns X, duration, event, the latent
    churn times and the true hazard rates."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(size=n)
    noise = rng.exponential(5.0, size=n)  # heavy tailed, unrelated to churn
    rate = BASE_RATE * np.exp(BETA * signal)
    latent = rng.exponential(1.0 / rate)
    censor = np.minimum(WINDOW, rng.uniform(100.0, 2000.0, size=n))
    duration = np.minimum(latent, censor)
    event = (latent <= censor).astype(np.int64)
    return pd.DataFrame({"signal": signal, "noise": noise}), duration, event, latent, rate


def test_recovers_a_known_hazard() -> None:
    X, duration, event, latent, rate = _world()
    model = fit_survival(X, duration, event, horizon_days=365, config=CFG)
    assert model.converged and model.features == ("signal", "noise")
    per_unit = model.coef[0] / model.scales[0]
    assert per_unit == pytest.approx(BETA, abs=0.15)
    assert abs(model.coef[1]) < 3 * model.std_err[1] + 0.02
    assert model.hazard_ratios["signal"] > 2.0

    score = risk_score(model, X)
    c = concordance_index(duration, event, score)
    assert c > 0.7 and c == pytest.approx(model.concordance)
    assert c > concordance_index(duration, event, X["noise"].to_numpy()) + 0.15

    times = expected_days_to_churn(model, X)
    true_median = np.log(2.0) / rate
    known = ~np.isnan(times.median)
    assert known.sum() > 500
    assert np.all(true_median[~known] > 0.8 * WINDOW)  # NaN only past the horizon
    ratio = times.median[known] / true_median[known]
    assert np.median(ratio) == pytest.approx(1.0, abs=0.15)
    assert np.mean((ratio > 1 / 1.5) & (ratio < 1.5)) > 0.95
    order = np.argsort(score)  # a higher risk score never means a later median
    assert np.all(np.diff(times.median[order][known[order]]) <= 0)
    ranks = pd.DataFrame({"predicted": times.median[known], "true": true_median[known]})
    assert ranks.corr(method="spearman").iloc[0, 1] > 0.95

    both = ~np.isnan(times.lower) & ~np.isnan(times.upper)
    assert both.sum() > 200
    assert np.all(times.lower[both] <= times.median[both])
    assert np.all(times.median[both] <= times.upper[both])
    inside = (latent[both] >= times.lower[both]) & (latent[both] <= times.upper[both])
    assert inside.mean() == pytest.approx(0.5, abs=0.07)  # a 50% prediction interval

    curve = survival_curve(model, X.iloc[:5], [0.0, 30.0, 180.0, 365.0, 10_000.0])
    assert np.all(curve[:, 0] == 1.0) and np.all(np.diff(curve[:, :4], axis=1) <= 0)
    assert np.isnan(curve[:, 4]).all()  # beyond the training follow-up
    p = churn_probability(model, X, 365)
    true_p = 1.0 - np.exp(-rate * 365)
    assert np.corrcoef(p, true_p)[0, 1] > 0.95
    assert np.mean(np.abs(p - true_p)) < 0.05


def test_matches_statsmodels() -> None:
    X, duration, event, _, _ = _world(n=800, seed=1)
    model = fit_survival(X, duration, event, config=CFG)
    z = np.column_stack([(np.where(np.isnan(v := X[c].to_numpy()), 0, v)) for c in X])
    z = np.column_stack([z[:, 0], np.log1p(z[:, 1])])
    z = np.clip(z, model.lower, model.upper)
    z = (z - np.array(model.means)) / np.array(model.scales)
    ph = PHReg(duration, z, status=event, ties="breslow")
    ridge = ph.fit_regularized(alpha=model.penalty, L1_wt=0.0, maxiter=200)
    np.testing.assert_allclose(model.coef, ridge.params, atol=1e-5)
    sm_times, sm_before, _ = ph.baseline_cumulative_hazard(np.array(model.coef))[0]
    times, cum = breslow(duration, event.astype(float), z @ np.array(model.coef))
    np.testing.assert_allclose(times, sm_times)
    np.testing.assert_allclose(cum[:-1], sm_before[1:])  # statsmodels reports H0(t-)


def test_concordance_hand_computed() -> None:
    # i=0 beats all 6 later rows but row 6 (r9): 5 of 6; i=1 beats rows 3, 4, 5, ties with
    # row 2 (censored at the same time), loses to row 6: 3.5 of 5; rows 3 and 6 churn at the
    # same time (not comparable): 3 beats 5, loses to 4 (1 of 2), 6 beats 4 and 5 (2 of 2);
    # row 5 loses to row 4 (censored at the same time): 0 of 1.  11.5 / 16.
    d = [1, 2, 2, 3, 4, 4, 3]
    e = [1, 1, 0, 1, 0, 1, 1]
    r = [5, 4, 4, 2, 3, 1, 9]
    assert concordance_index(d, e, r) == pytest.approx(11.5 / 16)
    assert concordance_index(d, e, [-x for x in r]) == pytest.approx(1 - 11.5 / 16)
    assert np.isnan(concordance_index([1, 2], [0, 0], [1, 2]))
    assert concordance_index([1, 2], [1, 1], [2, 1]) == 1.0
    with pytest.raises(ValueError):
        concordance_index([1, 2], [1, 1], [2])


def _brute_force(d: np.ndarray, e: np.ndarray, r: np.ndarray) -> float:
    num = den = 0.0
    for i in np.flatnonzero(e == 1):
        comparable = (d > d[i]) | ((d == d[i]) & (e == 0))
        den += comparable.sum()
        num += (comparable & (r[i] > r)).sum() + 0.5 * (comparable & (r[i] == r)).sum()
    return num / den


def test_concordance_matches_brute_force_with_ties() -> None:
    rng = np.random.default_rng(3)
    for _ in range(5):
        n = 400
        d = rng.integers(1, 30, size=n).astype(float)  # many tied times
        e = rng.integers(0, 2, size=n)
        r = rng.integers(0, 10, size=n).astype(float) + 0.1 * d  # tied scores too
        assert concordance_index(d, e, r) == pytest.approx(_brute_force(d, e, r), abs=1e-12)
    d = rng.exponential(100, size=20_000)
    e = rng.integers(0, 2, size=20_000)
    assert concordance_index(d, e, rng.normal(size=20_000)) == pytest.approx(0.5, abs=0.02)


def test_durations_from_spans_agree_with_labels() -> None:
    t = NOW - 400 * DAY
    end = t + 365 * DAY
    rows = [
        (1, t - 100 * DAY, t + 10 * DAY),  # churns after 10 days
        (2, t - 100 * DAY, t + 20 * DAY), (2, t + 20 * DAY, None),  # plan change
        (3, t - 100 * DAY, t + 30 * DAY), (3, t + 200 * DAY, None),  # churns, comes back
        (4, t - 100 * DAY, None),  # still a customer
        (5, t - 100 * DAY, t - 5 * DAY),  # gone before the cutoff
        (6, t - 100 * DAY, t + 400 * DAY),  # churns after the window
        (7, t - 100 * DAY, t + 50 * DAY), (7, t - 50 * DAY, t + 80 * DAY),  # overlapping
        (8, t + 5 * DAY, None),  # starts after the cutoff
    ]
    spans = pd.DataFrame(rows, columns=["customer_id", "started_at", "canceled_at"])
    got = durations_from_spans(spans, t, end)
    assert got.index.tolist() == [1, 2, 3, 4, 6, 7]
    assert got["duration_days"].tolist() == [10, 365, 30, 365, 365, 80]
    assert got["event"].tolist() == [1, 0, 1, 0, 0, 1]
    default = inspect.signature(durations_from_spans).parameters["plan_change_gap"].default
    assert default == PLAN_CHANGE_GAP
    stamped = spans.assign(**{c: pd.to_datetime(spans[c], utc=True)
                              for c in ("started_at", "canceled_at")})
    for h in (5, 10, 30, 79, 80, 365):
        label = labels_from_spans(stamped, t, h)
        pd.testing.assert_series_equal(
            ((got["event"] == 1) & (got["duration_days"] <= h)).astype(np.int64), label,
            check_names=False)
    with pytest.raises(SurvivalDataInvalid):
        durations_from_spans(spans, t, t)


def test_typed_errors() -> None:
    X, duration, event, _, _ = _world(n=200, seed=2)
    with pytest.raises(TooFewEvents) as err:
        fit_survival(X, duration, np.zeros(200), config=CFG)
    assert err.value.code == "SURVIVAL_TOO_FEW_EVENTS" and err.value.details["events"] == 0
    with pytest.raises(TooFewRows):
        fit_survival(X.iloc[:10], duration[:10], event[:10], config=CFG)
    unusable = pd.DataFrame({"signal": np.nan, "noise": 3.0}, index=X.index)
    with pytest.raises(NoUsableFeatures) as err:
        fit_survival(unusable, duration, event, config=CFG)
    assert err.value.details["dropped"] == {"signal": "100% missing", "noise": "constant"}
    with pytest.raises(NoUsableFeatures):
        fit_survival(X.rename(columns=str.upper), duration, event, config=CFG)
    with pytest.raises(SurvivalDataInvalid):
        fit_survival(X, -duration, event, config=CFG)
    with pytest.raises(SurvivalDataInvalid):
        fit_survival(X, duration[:-1], event, config=CFG)
    with pytest.raises(SurvivalDataInvalid):
        fit_survival(X, duration, event * 2, config=CFG)
    model = fit_survival(X.assign(noise=np.nan), duration, event, config=CFG)
    assert model.features == ("signal",) and model.dropped == {"noise": "100% missing"}
    with pytest.raises(ValidationFailed):
        risk_score(model, X.drop(columns="signal"))
    assert isinstance(TooFewRows("x"), ValidationFailed)


def test_bytes_round_trip() -> None:
    X, duration, event, _, _ = _world(n=600, seed=4)
    X.loc[X.index[:50], "signal"] = np.nan  # imputed with the median
    model = fit_survival(X, duration, event, horizon_days=300, config=CFG)
    again = from_bytes(to_bytes(model))
    assert again.coef == model.coef and again.features == model.features
    assert again.horizon_days == 300 and again.dropped == model.dropped
    np.testing.assert_array_equal(again.cum_hazard, model.cum_hazard)
    np.testing.assert_array_equal(risk_score(again, X), risk_score(model, X))
    for a, b in zip(expected_days_to_churn(again, X), expected_days_to_churn(model, X),
                    strict=True):
        np.testing.assert_array_equal(a, b)
    tampered = json.loads(to_bytes(model))
    tampered["model"]["coef"] = tampered["model"]["coef"][:1]
    for junk in (json.dumps(tampered).encode(), b"not json", b"{}",
                 b'{"format": "lifeline.survival", "version": 99}',
                 b'{"format": "lifeline.survival", "version": 1, "model": {"coef": [1]}}'):
        with pytest.raises(SurvivalModelInvalid):
            from_bytes(junk)


async def test_concordance_on_a_demo_world(org: Organization) -> None:
    """Fit on cutoffs 2 years to 15 months back (windows end a year back), score the
    customers active a year back, and measure C on what happened in the following year."""
    await generate_world(org.id, customers=1000, seed=11, now=NOW)
    rows = await Subscription.filter(organization_id=org.id).values(
        "customer_id", "started_at", "canceled_at")
    spans = pd.DataFrame(rows, columns=["customer_id", "started_at", "canceled_at"])

    async def data(cutoff: datetime, end: datetime) -> tuple[pd.DataFrame, pd.DataFrame]:
        dur = durations_from_spans(spans, cutoff, end, plan_change_gap=PLAN_CHANGE_GAP)
        X = await feature_frame(org.id, cutoff, customer_ids=dur.index.tolist())
        return X, dur.loc[X.index]

    year_back = NOW - 365 * DAY
    train = [await data(NOW - days * DAY, year_back) for days in (730, 640, 545, 455)]
    X_train = pd.concat([x for x, _ in train])
    d_train = pd.concat([d for _, d in train])
    model = fit_survival(X_train, d_train["duration_days"].to_numpy(),
                         d_train["event"].to_numpy(), horizon_days=365)
    X, dur = await data(year_back, NOW)
    assert len(X) > 200 and dur["event"].sum() > 20
    labels = labels_from_spans(
        spans.assign(**{c: pd.to_datetime(spans[c], utc=True)
                        for c in ("started_at", "canceled_at")}), year_back, 180)
    churned = (dur["event"] == 1) & (dur["duration_days"] <= 180)
    assert churned.astype(np.int64).to_dict() == labels.reindex(X.index).to_dict()

    c = concordance_index(dur["duration_days"], dur["event"], risk_score(model, X))
    print(f"\nsurvival demo world: trained on {model.n_rows} rows / {model.n_events} churns "
          f"({len(model.features)} features, dropped {model.dropped}); scored {len(X)} "
          f"customers / {int(dur['event'].sum())} churns: out-of-time C = {c:.3f} "
          f"(training C {model.concordance:.3f})")
    assert c > 0.6
    p = churn_probability(model, X, 365)
    assert p[dur["event"].to_numpy() == 1].mean() > p[dur["event"].to_numpy() == 0].mean()
    times = expected_days_to_churn(model, X)
    assert np.isnan(times.median).mean() > 0.5  # most customers outlast the year
