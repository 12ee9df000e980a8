"""CLV estimators against the published figures: BG/NBD and Gamma-Gamma on lifetimes'
CDNOW sample (Fader, Hardie & Lee 2005), the shifted-beta-geometric on Fader & Hardie
(2007); the summaries computed from the full CDNOW transactions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from domain.clv.estimator import sbg
from domain.clv.estimator.bgnbd import bgnbd_log_likelihood, fit_purchases
from domain.clv.summary import calibration_holdout, summarise
from domain.errors import ValidationFailed

CDNOW = Path(__file__).resolve().parents[1] / "../shared/data/cdnow_master.txt"


def test_bgnbd_reproduces_the_paper_on_the_cdnow_sample() -> None:
    from lifetimes.datasets import load_cdnow_summary

    d = load_cdnow_summary(index_col=[0])
    assert len(d) == 2357
    fitted, _ = fit_purchases(d["frequency"].to_numpy(), d["recency"].to_numpy(),
                              d["T"].to_numpy())
    paper = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for name, value in paper.items():
        assert fitted.params[name] == pytest.approx(value, abs=1e-3), name
    assert fitted.log_likelihood == pytest.approx(-9582.4, abs=0.5)
    # the likelihood is the paper's: any other parameters fit worse
    worse = bgnbd_log_likelihood(0.3, 4.0, 0.8, 2.4, d["frequency"].to_numpy(),
                                 d["recency"].to_numpy(), d["T"].to_numpy())
    assert worse < fitted.log_likelihood


def test_gamma_gamma_reproduces_the_paper() -> None:
    from lifetimes import GammaGammaFitter
    from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value

    d = load_cdnow_summary_data_with_monetary_value()
    repeat = d[d["frequency"] > 0]
    assert len(repeat) == 946
    gg = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    for name, value in {"p": 6.25, "q": 3.74, "v": 15.45}.items():
        assert gg.params_[name] == pytest.approx(value, abs=0.01), name


@pytest.mark.parametrize(("survivors", "alpha", "beta", "ll"), [
    ([1000, 631, 468, 382, 326, 289, 262, 241], 0.704, 1.182, -1680.3),   # "regular"
    ([1000, 869, 743, 653, 593, 551, 517, 491], 0.668, 3.806, -1611.2),   # "high end"
])
def test_sbg_reproduces_fader_hardie_2007(survivors: list[int], alpha: float, beta: float,
                                          ll: float) -> None:
    periods, churned = sbg.cohort_observations(survivors)
    fitted = sbg.fit(periods, churned)
    assert fitted.alpha == pytest.approx(alpha, abs=1e-3)
    assert fitted.beta == pytest.approx(beta, abs=1e-3)
    assert fitted.log_likelihood == pytest.approx(ll, abs=0.1)
    # the fitted survival curve follows the cohort
    fitted_share = sbg.survival(fitted, np.arange(len(survivors)))
    assert np.allclose(fitted_share, np.asarray(survivors) / 1000, atol=0.03)
    # a customer who stayed longer is expected to stay longer still
    early, late = sbg.expected_future_periods(fitted, [1, 7], horizon=24)
    assert late > early > 0


def test_sbg_refuses_data_it_cannot_fit() -> None:
    with pytest.raises(ValidationFailed) as err:
        sbg.fit([3.0, 4.0], [False, False])
    assert err.value.field == "churned"
    with pytest.raises(ValidationFailed) as err:
        sbg.cohort_observations([100, 120])
    assert err.value.field == "survivors"


def test_summaries_from_the_cdnow_transactions() -> None:
    raw = pd.read_csv(CDNOW, sep=r"\s+", dtype={"customer_id": str, "date": str})
    tx = pd.DataFrame({"customer_id": raw["customer_id"],
                       "at": pd.to_datetime(raw["date"], format="%Y%m%d", utc=True),
                       "amount": raw["dollar_value"]})
    s = calibration_holdout(tx, datetime(1997, 9, 30, tzinfo=UTC),
                            datetime(1998, 6, 30, tzinfo=UTC))
    assert len(s) == 23570 and (s["holdout_duration"] == 39).all()
    assert (s["recency"] <= s["T"]).all() and (s["frequency"] >= 0).all()
    assert ((s["frequency"] == 0) == (s["recency"] == 0)).all()
    # customer 00003: 1997-01-02, 03-30, 04-02; then 1997-11-15, 11-25, 1998-05-28
    c = s.loc["00003"]
    assert c["frequency"] == 2 and c["recency"] == pytest.approx(90 / 7)
    assert c["holdout_frequency"] == 3
    whole = summarise(tx, datetime(1998, 6, 30, tzinfo=UTC))
    assert (whole["frequency"] >= s["frequency"].reindex(whole.index).fillna(0)).all()


def test_fast_fitters_are_the_papers_and_lifetimes_predictions() -> None:
    """The analytic-gradient fits give the published parameters and the same predictions and
    standard errors as lifetimes' autograd fits."""
    from lifetimes import BetaGeoFitter
    from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value

    from domain.clv.estimator import fast

    d = load_cdnow_summary_data_with_monetary_value()
    x, t_x, T = (d[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    params, ll, cov = fast.fit_bgnbd(x, t_x, T)
    for name, value in {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}.items():
        assert params[name] == pytest.approx(value, abs=1e-3), name
    assert ll == pytest.approx(-9582.4, abs=0.5)
    reference = BetaGeoFitter().fit(x, t_x, T)
    hessian = np.asarray(reference._hessian_)
    p = reference.params_[["r", "alpha", "a", "b"]].to_numpy()
    lifetimes_cov = np.outer(p, p) * np.linalg.inv(hessian) / len(x)
    assert np.sqrt(np.diag(cov)) == pytest.approx(np.sqrt(np.diag(lifetimes_cov)), rel=0.02)
    for t in (1.0, 39.0, 52.0):
        ours = fast.bgnbd_expected(params, t, x, t_x, T)
        theirs = reference.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T)
        assert ours == pytest.approx(np.asarray(theirs), abs=1e-5)
    assert fast.bgnbd_p_alive(params, x, t_x, T) == pytest.approx(
        np.asarray(reference.conditional_probability_alive(x, t_x, T)), abs=1e-5)
    repeat = d[d["frequency"] > 0]
    spend, _ll, spend_cov = fast.fit_gamma_gamma(repeat["frequency"].to_numpy(dtype=float),
                                                 repeat["monetary_value"].to_numpy(dtype=float))
    for name, value in {"p": 6.25, "q": 3.74, "v": 15.45}.items():
        assert spend[name] == pytest.approx(value, abs=0.01), name
    assert np.all(np.diag(spend_cov) > 0)
