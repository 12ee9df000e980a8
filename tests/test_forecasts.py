"""Revenue forecasting in the domain: the backtest and method choice on the champagne series,
short histories, gaps, zeros and bad series, the monthly revenue series from invoices and
purchases, the pipeline component with learned stage-to-win probabilities, stored forecasts
and their accuracy against revenue recorded later."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from domain.enums import ForecastCategory, InvoiceStatus, OpportunityStage, Stage
from domain.errors import ValidationFailed
from domain.forecasts import queries, service
from domain.forecasts.backtest import ForecastOutput, forecast, mase_scale
from domain.forecasts.estimator import forecast_method, seasonal_pattern
from domain.forecasts.pipeline import pipeline_for
from domain.forecasts.series import add_months, monthly_revenue
from domain.models import (
    Customer,
    Forecast,
    Invoice,
    Opportunity,
    OpportunityStageChange,
    Organization,
    Transaction,
)

CHAMPAGNE = Path(__file__).resolve().parents[2] / "shared" / "data" / "champagne_monthly_sales.csv"
NOW = datetime(2025, 7, 10, 12, 0, tzinfo=UTC)  # last complete month: 2025-06
S = OpportunityStage


def champagne() -> np.ndarray:
    return pd.read_csv(CHAMPAGNE)["Sales"].to_numpy(dtype=float)


def synthetic(n: int, seed: int = 1) -> np.ndarray:
    """Trend, multiplicative seasonality and 5% noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    season = 1 + 0.3 * np.sin(2 * np.pi * t / 12)
    return (10_000 + 80 * t) * season * rng.normal(1, 0.05, n)


def assert_band_ok(out: ForecastOutput, h: int) -> None:
    b = out.band
    for arr in (b.mean, b.lower80, b.upper80, b.lower95, b.upper95):
        assert len(arr) == h and np.all(np.isfinite(arr)) and np.all(arr >= 0)
    assert np.all(b.lower95 <= b.lower80) and np.all(b.lower80 <= b.mean)
    assert np.all(b.mean <= b.upper80) and np.all(b.upper80 <= b.upper95)


@pytest.fixture(scope="module")
def champagne_full() -> ForecastOutput:
    return forecast(champagne(), 12)


def test_champagne_backtest_chooses_a_method_that_beats_seasonal_naive(
        champagne_full: ForecastOutput) -> None:
    bt = champagne_full.backtest
    assert bt["seasonal"] is True and bt["horizon"] == 12
    assert bt["origins"] == [93, 90, 87, 84, 81]  # five origins, three months apart
    assert {"seasonal_naive", "ets", "sarimax", "theta"} <= set(bt["mase"])
    assert any(m.startswith("mean(") for m in bt["mase"])  # combinations were scored too
    assert bt["chosen"] == champagne_full.method != "seasonal_naive"
    assert bt["chosen_mase"] == min(v for k, v in bt["mase"].items() if k != "seasonal_naive")
    assert bt["chosen_mase"] <= bt["baseline_mase"]
    assert 0 <= bt["coverage80"] <= bt["coverage95"] <= 1
    assert_band_ok(champagne_full, 12)
    # December is champagne's peak month in every year: the forecast keeps that shape
    december = 2  # the series ends 1972-09, so the third forecast month is 1972-12
    assert np.argmax(champagne_full.band.mean) == december


def test_champagne_forecast_beats_seasonal_naive_on_the_following_year() -> None:
    y = champagne()
    train, test = y[:93], y[93:]
    out = forecast(train, 12, origins=3)
    scale = mase_scale(train, seasonal=True)
    chosen = np.mean(np.abs(test - out.band.mean)) / scale
    naive = np.mean(np.abs(test - forecast_method("seasonal_naive", train, 12,
                                                  seasonal=True).mean)) / scale
    assert chosen < naive
    inside = np.mean((test >= out.band.lower95) & (test <= out.band.upper95))
    assert inside >= 0.75


def test_ets_intervals_are_simulated_and_the_form_chosen_by_aicc() -> None:
    y = champagne()[:60]
    a = forecast_method("ets", y, 6, seasonal=True, seed=1)
    b = forecast_method("ets", y, 6, seasonal=True, seed=2)
    assert a.detail.startswith("ETS (")
    assert np.allclose(a.mean, b.mean)  # the same fitted model ...
    assert not np.allclose(a.upper95, b.upper95)  # ... but simulated bounds differ by seed


def test_short_history_gets_a_nonseasonal_forecast_with_wider_intervals_and_a_reason() -> None:
    y = synthetic(48)
    long = forecast(y, 6, origins=3)
    short = forecast(y[:14], 6)
    assert_band_ok(short, 6)
    assert short.backtest["seasonal"] is False and len(short.backtest["origins"]) >= 2
    reason = " ".join(short.reasons)
    assert "only 14 months" in reason and "widened" in reason

    def width(out: ForecastOutput) -> float:
        return float(np.mean((out.band.upper80 - out.band.lower80) / out.band.mean))

    assert width(short) > width(long)


def test_very_short_history_carries_the_last_month_forward() -> None:
    out = forecast([100.0, 120.0, 110.0], 3)
    assert out.method == "naive" and np.allclose(out.band.mean, 110.0)
    assert "too few for a backtest" in " ".join(out.reasons)
    assert_band_ok(out, 3)


def test_zeros_and_gaps_give_finite_forecasts_without_multiplicative_forms() -> None:
    y = synthetic(36)
    y[[5, 17, 29]] = 0.0  # every July without revenue
    out = forecast(y, 6, origins=3)
    assert_band_ok(out, 6)
    assert "multiplicative" not in out.detail
    assert all(math.isfinite(v) for v in out.backtest["mase"].values())


@pytest.mark.parametrize(("values", "words"), [
    ([500.0], "found one month"),
    ([500.0, 600.0], "found 2 months"),
    ([100.0, -40.0, 120.0, 90.0], "negative in 2025-02 (-40.00)"),
    ([0.0, 0.0, 0.0, 0.0], "0 in every month"),
    ([100.0, float("nan"), 120.0], "not a number in 2025-02"),
])
def test_bad_series_are_clear_errors(values: list[float], words: str) -> None:
    labels = [f"2025-{i + 1:02d}" for i in range(len(values))]
    with pytest.raises(ValidationFailed) as caught:
        forecast(values, 6, labels=labels)
    assert words in caught.value.message and caught.value.field == "revenue"


def test_seasonal_pattern_finds_the_peak_month_and_quarter() -> None:
    y = synthetic(48)  # sin peak three months after the start month (April here)
    pattern = seasonal_pattern(y, first_month=1)
    assert pattern is not None and pattern["kind"] == "multiplicative"
    assert int(np.argmax(pattern["monthly"])) + 1 == 4
    assert int(np.argmax(pattern["quarterly"])) + 1 == 2
    assert pattern["trend_growth_12m"] > 0
    assert seasonal_pattern(y[:20], first_month=1) is None


async def _customer(org: Organization) -> Customer:
    return await Customer.create(organization_id=org.id, name="Buyer", stage=Stage.CUSTOMER,
                                 created_at=NOW - timedelta(days=2000))


def _paid(month: date, day: int = 12) -> datetime:
    return datetime(month.year, month.month, day, 9, 30, tzinfo=UTC)


async def seed_revenue(org: Organization, values: list[float], end: date) -> Customer:
    """One paid invoice per month with revenue, the last month being `end`."""
    customer = await _customer(org)
    start = add_months(end, -(len(values) - 1))
    await Invoice.bulk_create([
        Invoice(organization_id=org.id, customer_id=customer.id, amount=Decimal(f"{v:.2f}"),
                status=InvoiceStatus.PAID, issued_at=_paid(add_months(start, i), 1),
                paid_at=_paid(add_months(start, i)))
        for i, v in enumerate(values) if v > 0])
    return customer


async def test_series_sums_paid_invoices_and_purchases_by_month_and_reports_gaps(
        org: Organization, other_org: Organization) -> None:
    customer = await _customer(org)
    rows = [  # (paid month, amount, status)
        (date(2025, 1, 1), "100.00", InvoiceStatus.PAID),
        (date(2025, 1, 1), "50.00", InvoiceStatus.PAID),
        (date(2025, 2, 1), "70.00", InvoiceStatus.FAILED),  # not paid: left out
        (date(2025, 4, 1), "30.00", InvoiceStatus.PAID),
        (date(2025, 7, 1), "999.00", InvoiceStatus.PAID),  # the current month: incomplete
    ]
    await Invoice.bulk_create([
        Invoice(organization_id=org.id, customer_id=customer.id, amount=Decimal(a), status=s,
                issued_at=_paid(m, 1), paid_at=_paid(m) if s == InvoiceStatus.PAID else None)
        for m, a, s in rows])
    await Transaction.bulk_create([
        Transaction(organization_id=org.id, customer_id=customer.id, external_id=f"t{i}",
                    at=_paid(m, 28), amount=Decimal(a))
        for i, (m, a) in enumerate([(date(2025, 4, 1), "20.00"), (date(2025, 4, 1), "-15.00"),
                                    (date(2025, 5, 1), "0.00")])])
    await seed_revenue(other_org, [5000.0] * 6, date(2025, 6, 1))

    series = await monthly_revenue(org.id, NOW)
    assert series.labels == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert series.values == [150.0, 0.0, 0.0, 50.0, 0.0, 0.0]
    assert [m.month for m in series.gaps] == [2, 3, 5, 6]
    assert series.excluded_purchases == 2
    notes = " ".join(series.notes())
    assert "4 month(s) without revenue counted as 0: 2025-02, 2025-03" in notes
    assert "2 purchase(s) of 0 or less" in notes


async def test_a_single_month_of_revenue_is_a_clear_error(org: Organization) -> None:
    await seed_revenue(org, [1200.0], date(2025, 6, 1))
    with pytest.raises(ValidationFailed) as caught:
        await service.run_forecast(org.id, horizon_months=6, now=NOW)
    assert "found one month" in caught.value.message
    assert await Forecast.filter(organization_id=org.id).count() == 0


async def test_no_revenue_and_bad_horizons_are_clear_errors(org: Organization) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await service.run_forecast(org.id, horizon_months=12, now=NOW)
    assert "no revenue to forecast from" in caught.value.message
    for bad in (2, 37, 0):
        with pytest.raises(ValidationFailed) as caught:
            await service.run_forecast(org.id, horizon_months=bad, now=NOW)
        assert caught.value.field == "horizonMonths" and "3 to 36" in caught.value.message


async def _opportunity(org: Organization, customer: Customer, path: list[OpportunityStage],
                       *, amount: str = "1000.00", probability: float = 0.1,
                       category: ForecastCategory = ForecastCategory.PIPELINE,
                       close: date = date(2025, 8, 15)) -> Opportunity:
    final = path[-1]
    closed = final in (S.CLOSED_WON, S.CLOSED_LOST)
    opp = await Opportunity.create(
        organization_id=org.id, customer_id=customer.id, name="Deal", amount=Decimal(amount),
        stage=final, probability=probability, forecast_category=category, close_date=close,
        is_closed=closed, is_won=final == S.CLOSED_WON, created_at=NOW - timedelta(days=300))
    await OpportunityStageChange.bulk_create([
        OpportunityStageChange(organization_id=org.id, opportunity_id=opp.id,
                               from_stage=path[i - 1] if i else None, to_stage=stage,
                               at=NOW - timedelta(days=300 - 10 * i))
        for i, stage in enumerate(path)])
    return opp


async def seed_pipeline(org: Organization, customer: Customer) -> None:
    """25 closed deals: 8 won through negotiation, 2 won from proposal, 5 lost at proposal,
    10 lost at qualification; four open deals."""
    won_long = [S.PROSPECTING, S.QUALIFICATION, S.PROPOSAL, S.NEGOTIATION, S.CLOSED_WON]
    won_short = [S.PROSPECTING, S.QUALIFICATION, S.PROPOSAL, S.CLOSED_WON]
    lost_proposal = [S.PROSPECTING, S.QUALIFICATION, S.PROPOSAL, S.CLOSED_LOST]
    lost_early = [S.PROSPECTING, S.QUALIFICATION, S.CLOSED_LOST]
    for path, count in ((won_long, 8), (won_short, 2), (lost_proposal, 5), (lost_early, 10)):
        for _ in range(count):
            await _opportunity(org, customer, path, close=date(2025, 3, 1))
    await _opportunity(org, customer, [S.PROSPECTING, S.PROPOSAL], amount="3000.00",
                       category=ForecastCategory.COMMIT, close=date(2025, 8, 20))
    await _opportunity(org, customer, [S.PROSPECTING, S.NEGOTIATION], amount="1000.00",
                       probability=0.75, category=ForecastCategory.BEST_CASE,
                       close=date(2025, 7, 5))
    await _opportunity(org, customer, [S.QUALIFICATION], amount="500.00",
                       close=date(2025, 5, 30))  # overdue
    await _opportunity(org, customer, [S.PROSPECTING], amount="10000.00",
                       close=date(2026, 9, 1))  # after a 6-month horizon


async def test_pipeline_learns_stage_to_win_probabilities_and_spreads_by_close_month(
        org: Organization, other_org: Organization) -> None:
    await seed_pipeline(org, await _customer(org))
    other = await _customer(other_org)  # another organization's deals, all lost
    for _ in range(30):
        await _opportunity(other_org, other, [S.PROSPECTING, S.PROPOSAL, S.NEGOTIATION,
                                              S.CLOSED_LOST])
    component = await pipeline_for(org.id, date(2025, 7, 1), 6)
    stages = {s.stage: s for s in component.stages}
    # by hand: 10 won of the 25 closed deals that passed prospecting and qualification,
    # 10 of the 15 that passed proposal; only 8 passed negotiation (fewer than 10)
    assert (stages["prospecting"].won, stages["prospecting"].closed) == (10, 25)
    assert stages["qualification"].probability == pytest.approx(10 / 25)
    assert stages["proposal"].probability == pytest.approx(10 / 15)
    assert (stages["negotiation"].probability, stages["negotiation"].source) == (None,
                                                                                 "opportunity")
    # July: negotiation deal at its own 0.75 + the overdue qualification deal at 0.4;
    # August: the proposal deal at 2/3; the prospecting deal closes after the horizon
    assert component.by_month[0] == pytest.approx(1000 * 0.75 + 500 * 0.4)
    assert component.by_month[1] == pytest.approx(3000 * 10 / 15, abs=0.01)
    assert sum(component.by_month[2:]) == 0
    assert (component.open_opportunities, component.overdue, component.beyond_horizon) == (
        4, 1, 1)
    assert component.categories == {"commit": 3000.0, "best_case": 1000.0, "pipeline": 500.0}
    assert component.weighted_total == pytest.approx(950 + 2000, abs=0.01)
    assert "negotiation" in " ".join(component.reasons)


async def test_stored_forecast_with_pipeline_and_its_accuracy_later(
        org: Organization, other_org: Organization) -> None:
    values = list(synthetic(36, seed=3).round(2))
    customer = await seed_revenue(org, values, date(2025, 6, 1))
    await seed_pipeline(org, customer)
    await seed_revenue(other_org, [9e6] * 36, date(2025, 6, 1))

    row = await service.run_forecast(org.id, horizon_months=6, include_pipeline=True, now=NOW,
                                     origins=2)
    stored = await Forecast.get(id=row.id)
    assert (stored.series_start, stored.series_end) == (date(2022, 7, 1), date(2025, 6, 1))
    assert [p["month"] for p in stored.points] == [f"2025-{m:02d}" for m in range(7, 13)]
    for p in stored.points:
        assert all(math.isfinite(p[k]) for k in p if k != "month")
        assert p["lower95"] <= p["lower80"] <= p["value"] <= p["upper80"] <= p["upper95"]
        assert p["value"] < 5e5  # the other organization's millions are not in it
    assert stored.points[0]["pipeline"] == pytest.approx(950.0)
    assert stored.decomposition["pipeline"]["categories"]["commit"] == 3000.0
    assert stored.decomposition["seasonal"]["kind"] == "multiplicative"
    assert "open pipeline adds" in stored.reason
    assert await queries.latest_forecast(org.id, 6, True) == stored
    assert await queries.latest_forecast(org.id, 6, False) is None
    assert await queries.forecast_accuracy(org.id, now=NOW) == []  # nothing completed yet

    # what happened afterwards: July 2025 .. October 2025 recorded, November not complete
    actual = [11_000.0, 0.0, 9_000.0, 50_000.0]
    await Invoice.bulk_create([
        Invoice(organization_id=org.id, customer_id=customer.id, amount=Decimal(f"{a:.2f}"),
                status=InvoiceStatus.PAID, issued_at=_paid(date(2025, 7 + i, 1), 1),
                paid_at=_paid(date(2025, 7 + i, 1)))
        for i, a in enumerate(actual) if a > 0])
    later = datetime(2025, 11, 3, tzinfo=UTC)
    [report] = await queries.forecast_accuracy(org.id, now=later)
    assert report.forecast.id == row.id and report.completed_months == 4
    assert [m.actual for m in report.months] == actual
    for m, p in zip(report.months, stored.points, strict=False):
        assert m.predicted == p["value"] and m.error == pytest.approx(m.actual - p["value"])
        assert m.in80 == (p["lower80"] <= m.actual <= p["upper80"])
        assert m.in95 == (p["lower95"] <= m.actual <= p["upper95"])
    assert report.months[1].abs_pct_error is None  # August had no revenue
    assert report.mape == pytest.approx(np.mean([abs(m.error) / m.actual for m in
                                                 report.months if m.actual > 0]))
    assert report.mae == pytest.approx(np.mean([abs(m.error) for m in report.months]), abs=0.01)
    assert report.mase == pytest.approx(report.mae / stored.backtest["scale_value"], rel=1e-4)
    assert not report.months[3].in95  # 50,000 is far outside any interval
    assert await queries.forecast_accuracy(other_org.id, now=later) == []
