"""Valuing an organization's customers from its stored transactions and subscriptions:
the CDNOW sample through the database gives lifetimes' own figures, subscribers get
sBG x MRR, bad rows are left out with a message, nothing crashes or stores a NaN."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest

from domain.clv import contractual
from domain.clv.estimator import sbg
from domain.clv.estimator.value import fit_value, score_value
from domain.clv.service import fit_clv_models
from domain.clv.summary import summarise
from domain.enums import Stage, SubscriptionStatus, ValueModel
from domain.models import (
    Customer,
    CustomerValue,
    ModelVersion,
    Organization,
    Subscription,
    Transaction,
)
from domain.settings import Settings
from tests.support.clv import CDNOW_END, cdnow_sample, write_orders


async def _org(name: str) -> Organization:
    return await Organization.create(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="module")
async def cdnow() -> Organization:
    org = await _org("Cdnow")
    await write_orders(org.id, cdnow_sample())
    return org


async def test_cdnow_through_the_database_matches_the_estimators_on_the_same_summary(
        cdnow: Organization, settings: Settings) -> None:
    outcome = await fit_clv_models(cdnow.id, settings=settings, at=CDNOW_END)
    tx = cdnow_sample().rename(columns={"customer_index": "customer_id"})
    tx = tx[tx["amount"] > 0]
    summary = summarise(tx, CDNOW_END)
    expected = score_value(fit_value(summary), summary, horizon_months=12,
                           discount_rate=settings.clv_discount_rate)
    version = await ModelVersion.get(id=outcome.version_id)
    assert version.kind == "clv" and version.status.value == "active"
    fitted = version.params["purchases"]["purchase_params"]
    reference = fit_value(summary).purchases.params
    for name, value in reference.items():
        assert fitted[name] == pytest.approx(value, rel=1e-6)
    # zero-amount rows are left out and said so
    assert outcome.excluded == {"non_positive_amount": 8}
    assert any("zero or negative amount" in w for w in outcome.warnings)
    rows = await CustomerValue.filter(organization_id=cdnow.id)
    assert len(rows) == len(summary) == outcome.valued
    by_value = sorted(rows, key=lambda r: -r.value)
    stored = np.array([r.value for r in by_value])
    assert stored == pytest.approx(np.sort(expected["value"].to_numpy())[::-1], abs=0.006)
    for r in rows:
        assert r.model is ValueModel.BGNBD and r.horizon_months == 12
        assert math.isfinite(r.value) and 0 <= r.lower <= r.value <= r.upper
        assert r.p_alive is not None and 0.0 <= r.p_alive <= 1.0
        assert r.expected_purchases is not None and r.expected_purchases >= 0
    # tiers: top fifth by value high
    high = [r for r in rows if r.tier.value == "high"]
    assert abs(len(high) - 0.2 * len(rows)) < 0.02 * len(rows)
    assert min(r.value for r in high) >= max(r.value for r in rows if r.tier.value != "high")
    # the holdout report and the backtest against the ML model are stored with reasons
    holdout = version.metrics["holdout"]
    assert holdout["buckets"][0]["frequency"] == "0" and holdout["actual"] > 0
    backtest = version.metrics["backtest"]
    assert backtest["chosen"] in {"probabilistic", "ml", "blend"}
    assert backtest["chosen"] in backtest["reason"] and backtest["held_out"] > 100
    assert all(backtest[k]["mae"] >= backtest[backtest["chosen"]]["mae"]
               for k in ("probabilistic", "ml", "blend"))
    # factors come from the ML model in currency
    assert by_value[0].factors and {"feature", "label", "impact"} <= set(by_value[0].factors[0])


async def test_a_second_fit_replaces_the_values(cdnow: Organization, settings: Settings) -> None:
    first = await fit_clv_models(cdnow.id, settings=settings, at=CDNOW_END)
    before = {r.customer_id: r.value for r in await CustomerValue.filter(
        organization_id=cdnow.id)}
    second = await fit_clv_models(cdnow.id, settings=settings, at=CDNOW_END)
    after = {r.customer_id: r.value for r in await CustomerValue.filter(
        organization_id=cdnow.id)}
    assert second.version_id != first.version_id and before == after


async def _subscriber(org: Organization, n: int, started: datetime, mrr: float,
                      canceled: datetime | None) -> Customer:
    c = await Customer.create(organization_id=org.id, name=f"S{n}", stage=Stage.CUSTOMER,
                              created_at=started, external_ref=f"s{n}")
    await Subscription.create(
        organization_id=org.id, customer_id=c.id, plan="pro", mrr=Decimal(str(mrr)),
        status=SubscriptionStatus.CANCELED if canceled else SubscriptionStatus.ACTIVE,
        started_at=started, canceled_at=canceled)
    return c


async def test_subscribers_get_sbg_times_mrr(settings: Settings) -> None:
    org = await _org("Subs")
    at = datetime(2025, 1, 1, tzinfo=UTC)
    rng = np.random.default_rng(3)
    made = []
    for n in range(60):
        start = at - timedelta(days=int(rng.integers(40, 700)))
        canceled = start + timedelta(days=int(rng.integers(31, 400))) if n % 3 == 0 else None
        if canceled is not None and canceled >= at:
            canceled = None
        made.append(await _subscriber(org, n, start, 100.0 + n, canceled))
    outcome = await fit_clv_models(org.id, settings=settings, at=at)
    assert outcome.by_model == {"sbg": 60}
    version = await ModelVersion.get(id=outcome.version_id)
    params = version.params["retention"]
    fit = sbg.SBGParams(alpha=params["alpha"], beta=params["beta"], log_likelihood=0, n=0,
                        churned=0)
    monthly = (1 + settings.clv_discount_rate) ** (1 / 12) - 1
    rows = {r.customer_id: r for r in await CustomerValue.filter(organization_id=org.id)}
    for c in made:
        row = rows[c.id]
        sub = await Subscription.get(customer_id=c.id)
        if sub.canceled_at is not None:
            assert row.value == 0 and row.p_alive == 0
            continue
        months = (at - sub.started_at).total_seconds() / 86400 / contractual.DAYS_PER_MONTH
        by_hand = float(sub.mrr) * sbg.expected_future_periods(
            fit, np.array([math.floor(months)]), 12, monthly)[0]
        assert row.value == pytest.approx(by_hand, abs=0.01)
        assert row.p_alive == 1.0 and row.lower <= row.value <= row.upper
        assert row.expected_lifetime_months and row.expected_lifetime_months > 0


async def test_bad_rows_are_left_out_with_a_message(settings: Settings) -> None:
    org = await _org("Messy")
    at = datetime(2025, 1, 1, tzinfo=UTC)
    c = await Customer.create(organization_id=org.id, name="Only", stage=Stage.CUSTOMER,
                              created_at=at - timedelta(days=100))
    rows = [(-5, -20.0, {}), (-4, 0.0, {}), (-3, 30.0, {"ReturnFlag": "1"}),
            (5, 40.0, {}), (-60, 25.0, {}), (-30, 35.0, {})]
    for n, (days, amount, props) in enumerate(rows):
        await Transaction.create(organization_id=org.id, customer_id=c.id, external_id=f"x{n}",
                                 at=at + timedelta(days=days), amount=Decimal(str(amount)),
                                 properties=props)
    outcome = await fit_clv_models(org.id, settings=settings, at=at)
    assert outcome.excluded == {"future": 1, "non_positive_amount": 2, "returned": 1}
    text = " ".join(outcome.warnings)
    assert "dated in the future" in text and "returned" in text
    # a single customer cannot fit a purchase model: said in words, nothing stored, no crash
    assert "at least two customers" in text
    assert outcome.valued == 0 and not await CustomerValue.filter(organization_id=org.id)


async def test_no_repeat_buyers_is_a_message_not_a_crash(settings: Settings) -> None:
    org = await _org("OneShot")
    at = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(20):
        c = await Customer.create(organization_id=org.id, name=f"B{n}", stage=Stage.CUSTOMER,
                                  created_at=at - timedelta(days=50 + n))
        await Transaction.create(organization_id=org.id, customer_id=c.id, external_id=f"o{n}",
                                 at=at - timedelta(days=50 + n), amount=Decimal("12.50"))
    outcome = await fit_clv_models(org.id, settings=settings, at=at)
    assert outcome.valued == 0
    assert any("bought more than once" in w for w in outcome.warnings)
    version = await ModelVersion.get(id=outcome.version_id)
    assert version.metrics["warnings"] == outcome.warnings


async def test_nothing_to_value(settings: Settings) -> None:
    org = await _org("Empty")
    outcome = await fit_clv_models(org.id, settings=settings)
    assert outcome.version_id is None and outcome.valued == 0
    assert "nothing to value" in outcome.warnings[-1]


async def test_values_stay_in_their_organization(cdnow: Organization, settings: Settings
                                                 ) -> None:
    other = await _org("Other")
    await write_orders(other.id, cdnow_sample().head(400))
    before = await CustomerValue.filter(organization_id=cdnow.id).count()
    await fit_clv_models(other.id, settings=settings, at=CDNOW_END)
    assert await CustomerValue.filter(organization_id=cdnow.id).count() == before
    theirs = await CustomerValue.filter(organization_id=other.id).values_list(
        "customer_id", flat=True)
    assert theirs and set(await Customer.filter(organization_id=other.id).values_list(
        "id", flat=True)) >= set(theirs)


def test_tiers_top_fifth_high_next_high_half_medium() -> None:
    import pandas as pd

    from domain.clv.compute import assign_tiers

    tiers = assign_tiers(pd.Series([50.0, 40, 30, 20, 10, 9, 8, 7, 6, 5]))
    assert list(tiers) == ["high"] * 2 + ["medium"] * 3 + ["low"] * 5
    assert list(assign_tiers(pd.Series([3.0]))) == ["high"]  # a single customer is high
    assert list(assign_tiers(pd.Series([1.0, 1.0, 1.0]))) == ["high"] * 3  # ties share


def test_ml_features_keep_no_gap_for_one_time_buyers() -> None:
    import pandas as pd

    from domain.clv.compute import ml_frame

    at = pd.Timestamp("2025-01-01", tz="UTC")
    revenue = pd.DataFrame({"customer_id": [1, 2, 2], "amount": [10.0, 5.0, 7.0],
                            "at": pd.to_datetime(["2024-12-01", "2024-10-01", "2024-11-01"],
                                                 utc=True)})
    X = ml_frame(revenue, pd.DataFrame(columns=["live", "mrr"]), pd.Index([3]), at)
    assert list(X.index) == [1, 2, 3]
    assert np.isnan(X.loc[1, "mean_gap_days"]) and np.isnan(X.loc[3, "mean_gap_days"])
    assert X.loc[2, "mean_gap_days"] == pytest.approx(31.0)
    assert X.loc[3, "revenue_all"] == 0.0 and X.loc[1, "revenue_all"] == 10.0


async def test_former_subscribers_who_order_are_valued_by_the_purchase_model(
        settings: Settings) -> None:
    org = await _org("Mixed")
    mapping = await write_orders(org.id, cdnow_sample().head(1500))
    former, current = mapping[min(mapping)], mapping[max(mapping)]
    start = datetime(1997, 1, 5, tzinfo=UTC)
    await Subscription.create(organization_id=org.id, customer_id=former, plan="club",
                              mrr=Decimal("20"), status=SubscriptionStatus.CANCELED,
                              started_at=start, canceled_at=start + timedelta(days=70))
    await Subscription.create(organization_id=org.id, customer_id=current, plan="club",
                              mrr=Decimal("20"), status=SubscriptionStatus.ACTIVE,
                              started_at=start)
    await fit_clv_models(org.id, settings=settings, at=CDNOW_END)
    rows = {r.customer_id: r for r in await CustomerValue.filter(organization_id=org.id)}
    assert rows[former].model is ValueModel.BGNBD and rows[former].p_alive is not None
    assert rows[current].model is ValueModel.SBG and rows[current].value > 0
    assert len(rows) == len(mapping) - sum(  # customers whose orders were all zero
        1 for cid in mapping.values() if cid not in rows)


def test_ml_contributions_add_up_to_the_prediction() -> None:
    import pandas as pd

    from domain.clv.estimator import ml
    from domain.clv.features import FEATURES

    rng = np.random.default_rng(5)
    X = pd.DataFrame(rng.gamma(2.0, 50.0, size=(400, len(FEATURES))), columns=list(FEATURES))
    y = 0.8 * X["revenue_365d"].to_numpy() + 3.0 * X["avg_order"].to_numpy()
    model = ml.fit_regressor(X, y, seed=1)
    contrib = ml.contributions(model, X)
    raw = model.booster.predict(X) + X["revenue_365d"].to_numpy()
    assert contrib.sum(axis=1) == pytest.approx(raw, rel=1e-6)
    restored = ml.load(ml.dump(model))
    assert ml.predict(restored, X) == pytest.approx(ml.predict(model, X))


async def test_the_ml_model_values_customers_when_it_wins_the_backtest(settings: Settings
                                                                       ) -> None:
    """Before the backtest's cutoff everyone bought once (no purchase model can be fitted
    then), after it customers repeat in proportion to their first order: only the ML model
    can predict that year, so it must win and value the customers, with factors and an
    interval from its held-out errors."""
    org = await _org("Learned")
    at = datetime(2025, 1, 1, tzinfo=UTC)
    rng = np.random.default_rng(11)
    rows = []
    for n in range(300):
        first = at - timedelta(days=int(rng.integers(400, 700)))
        c = await Customer.create(organization_id=org.id, name=f"L{n}", stage=Stage.CUSTOMER,
                                  created_at=first)
        amount = float(rng.choice([20.0, 60.0, 120.0]))
        rows.append(Transaction(organization_id=org.id, customer_id=c.id, external_id=f"{n}",
                                at=first, amount=Decimal(f"{amount:.2f}")))
        for k in range(int(amount // 20)):
            rows.append(Transaction(organization_id=org.id, customer_id=c.id,
                                    external_id=f"{n}-{k}",
                                    at=at - timedelta(days=300 - 40 * k + int(rng.integers(5))),
                                    amount=Decimal("30.00")))
    await Transaction.bulk_create(rows, batch_size=1000)
    outcome = await fit_clv_models(org.id, settings=settings, at=at)
    assert outcome.chosen in {"ml", "blend"}, outcome.reason
    version = await ModelVersion.get(id=outcome.version_id)
    test = version.metrics["backtest"]
    assert test[outcome.chosen]["mae"] < test["probabilistic"]["mae"]
    values = await CustomerValue.filter(organization_id=org.id)
    assert len(values) == 300
    assert {v.model for v in values} <= {ValueModel.ML, ValueModel.BLEND}
    for v in values:
        assert math.isfinite(v.value) and 0 <= v.lower <= v.value <= v.upper and v.factors
    first = {}
    for t in await Transaction.filter(organization_id=org.id).order_by("at"):
        first.setdefault(t.customer_id, float(t.amount))
    by_group = {a: np.mean([v.value for v in values if first[v.customer_id] == a])
                for a in (20.0, 60.0, 120.0)}
    assert by_group[20.0] < by_group[60.0] < by_group[120.0]
