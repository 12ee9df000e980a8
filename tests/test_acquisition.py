"""New-customer CLV: early-behaviour features, the LightGBM model against its per-channel
baseline, predictClv with the recommended CAC and its factors, typed errors, and the
predictClv / trainAcquisitionModel GraphQL fields end to end. Audiences and the budget split:
tests/test_acquisition_audiences.py."""

from __future__ import annotations

import hashlib
import math
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import numpy as np
import pandas as pd
import pytest

from domain.acquisition import estimator
from domain.acquisition.features import EarlyBehaviour, NotEnoughHistory, early_frame
from domain.acquisition.service import KIND, predict_clv, train_acquisition_model
from domain.enums import ModelStatus, Role
from domain.errors import ValidationFailed
from domain.ml import registry
from domain.ml.registry import NoActiveModel
from domain.models import Organization, Transaction
from domain.settings import Settings
from tests.support.acquisition import (
    END,
    MATURE,
    customers,
    new_org,
    shop_world,
)
from tests.support.api import Gql, keys_for


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
async def world() -> AsyncIterator[Organization]:
    org = await new_org("Shop")
    await shop_world(org.id)
    yield org


@pytest.fixture(scope="module")
async def trained(world: Organization) -> Any:
    return await train_acquisition_model(world.id)


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
async def wgql(client: httpx.AsyncClient, world: Organization) -> Gql:
    return Gql(client=client, keys=await keys_for(world.id))


# ---- features ------------------------------------------------------------------------

async def test_early_features_and_target_follow_the_windows(org: Organization) -> None:
    [a, b] = await customers(org.id, 2, "f")
    t0 = END - timedelta(days=395)
    spec = [(a, 0, "40", {"Channel": " Referral ", "Campaign": "Spring", "Engagement": "80",
                          "ReturnFlag": "0"}),
            (a, 10, "60", {"channel": "referral", "engagement": "60", "returnflag": "yes"}),
            (a, 29.9, "20", {"ReturnFlag": "TRUE"}),
            (a, 30, "100", {"ReturnFlag": "1"}),  # day 30: the target's first day
            (a, 394.9, "50", {}),
            (a, 395, "999", {}),  # the first day after the target's year
            (b, 300, "25", {"Source": "Social"})]
    await Transaction.bulk_create([
        Transaction(organization_id=org.id, customer_id=c.id, external_id=f"e{i}",
                    at=t0 + timedelta(days=d), amount=Decimal(v), properties=p)
        for i, (c, d, v, p) in enumerate(spec)])
    frame = await early_frame(org.id)
    assert frame.data_end == END
    row = frame.X.loc[a.id]
    assert row["orders_first_30_days"] == 3 and row["revenue_first_30_days"] == 120
    assert row["first_order_amount"] == 40
    assert row["return_rate"] == pytest.approx(2 / 3)
    assert row["engagement"] == 70 and row["channel"] == "referral"
    assert row["campaign"] == "spring"
    assert frame.target.loc[a.id] == 150  # days 30 and 394.9; not day 395
    assert bool(frame.mature.loc[a.id])  # first purchase exactly 395 days before the end
    assert frame.X.loc[b.id, "channel"] == "social"  # "Source" when there is no "Channel"
    assert math.isnan(frame.X.loc[b.id, "engagement"])
    assert not bool(frame.mature.loc[b.id]) and math.isnan(frame.target.loc[b.id])
    X, y, _ = frame.training()
    assert list(X.index) == [a.id] and list(y) == [150]
    earlier = await early_frame(org.id, at=t0 + timedelta(days=100))  # as of day 100
    assert earlier.data_end == t0 + timedelta(days=30) and not earlier.mature.any()


# ---- the model -----------------------------------------------------------------------

async def test_trained_model_ranks_new_customers_and_beats_the_baseline(
        world: Organization, trained: Any) -> None:
    assert trained.kind == KIND and trained.status is ModelStatus.ACTIVE
    m = trained.metrics
    assert m["rows"]["total"] == MATURE  # recent customers have no complete year
    assert m["rows"]["held_out"] == round(0.2 * MATURE)
    assert m["model"]["spearman"] > 0.4
    assert m["model"]["mae"] <= m["baseline"]["mae"]
    assert m["served"] == "lightgbm" and "beats the baseline" in m["reason"]
    assert m["reason"] in trained.reason
    assert set(trained.features) == {"orders_first_30_days", "revenue_first_30_days",
                                     "first_order_amount", "return_rate", "engagement",
                                     "channel", "campaign"}
    assert trained.feature_importance["engagement"] > 0
    assert trained.feature_importance["channel"] > 0
    assert (await registry.active(world.id, KIND)).id == trained.id  # type: ignore[union-attr]
    # trained as of two months earlier: older data than the active version, not promoted
    older = await train_acquisition_model(world.id, at=END - timedelta(days=60))
    assert older.status is ModelStatus.CANDIDATE and "older than the active" in older.reason
    assert older.metrics["rows"]["total"] < MATURE


def test_baseline_is_served_when_lightgbm_cannot_beat_it() -> None:
    """The target is exactly each channel's constant: the baseline's held-out MAE is 0, which
    LightGBM cannot beat, so the baseline is served, with the reason."""
    rng = np.random.default_rng(3)
    n = 200
    channels = rng.choice(["a", "b", "c"], n)
    X = pd.DataFrame({"orders_first_30_days": rng.integers(1, 4, n).astype(float),
                      "revenue_first_30_days": rng.uniform(10, 200, n),
                      "first_order_amount": rng.uniform(10, 100, n),
                      "return_rate": rng.uniform(0, 1, n), "engagement": rng.uniform(0, 100, n),
                      "channel": channels, "campaign": None})
    y = np.array([{"a": 100.0, "b": 300.0, "c": 40.0}[c] for c in channels])
    fitted = estimator.fit(X, y)
    assert fitted.served == "baseline" and fitted.metrics["baseline"]["mae"] == 0
    assert "serving the baseline" in fitted.reason and "booster" not in fitted.parts
    predictor = estimator.load(fitted.parts)
    numbers = ("orders_first_30_days", "revenue_first_30_days", "first_order_amount",
               "return_rate", "engagement")
    new = pd.DataFrame({**{k: [1.0, 1.0] for k in numbers}, "channel": ["b", "zzz"],
                        "campaign": [None, None]})
    known, unseen = estimator.predict(predictor, new)
    assert known.value == 300 and known.contributions == {"channel": 300 - y.mean()}
    assert unseen.value == pytest.approx(y.mean())  # an unseen channel: the overall mean


REFERRAL = EarlyBehaviour(orders_first_30_days=3, revenue_first_30_days=150.0,
                          first_order_amount=50.0, return_rate=0.0, channel="Referral",
                          campaign="spring", engagement=90.0)
SOCIAL = EarlyBehaviour(orders_first_30_days=1, revenue_first_30_days=50.0,
                        first_order_amount=50.0, return_rate=0.5, channel="social",
                        campaign="spring", engagement=10.0)


async def test_predict_clv_values_recommends_a_cac_and_explains(
        world: Organization, trained: Any, settings: Settings) -> None:
    high = await predict_clv(world.id, REFERRAL, settings)
    low = await predict_clv(world.id, SOCIAL, settings)
    assert high.value > 2 * low.value > 0
    assert high.lower <= high.value <= high.upper and high.lower >= 0
    assert high.recommended_cac == round(0.30 * high.value, 2)
    assert (high.model, high.model_version, high.currency) == ("lightgbm", trained.version,
                                                               "USD")
    assert 0 < len(high.factors) <= 5
    impacts = [abs(f.impact) for f in high.factors]
    assert impacts == sorted(impacts, reverse=True)
    by = {f.feature: f for f in high.factors}
    assert by["channel"].impact > 0 and by["channel"].label.startswith("referral channel +$")
    assert by["engagement"].impact > 0 and by["engagement"].label.startswith("engagement 90/100")
    assert {f.feature: f for f in low.factors}["channel"].label.startswith("social channel -$")
    other = await predict_clv(world.id, REFERRAL,
                              settings.model_copy(update={"clv_cac_share": 0.5}))
    assert other.value == high.value and other.recommended_cac == round(0.5 * high.value, 2)
    unseen = await predict_clv(world.id, EarlyBehaviour(
        orders_first_30_days=2, revenue_first_30_days=90.0, first_order_amount=45.0,
        channel="tiktok", campaign="new-year"), settings)
    assert unseen.value >= 0 and unseen.notes == [
        "channel 'tiktok' was not seen in training", "campaign 'new-year' was not seen in "
        "training"]


@pytest.mark.parametrize(("change", "field"), [
    ({"orders_first_30_days": -1}, "ordersFirst30Days"),
    ({"revenue_first_30_days": -0.01}, "revenueFirst30Days"),
    ({"first_order_amount": -5.0}, "firstOrderAmount"),
    ({"first_order_amount": math.inf}, "firstOrderAmount"),
    ({"return_rate": 1.2}, "returnRate"),
    ({"return_rate": -0.1}, "returnRate"),
    ({"return_rate": math.nan}, "returnRate"),
    ({"engagement": 101.0}, "engagement"),
    ({"engagement": -1.0}, "engagement"),
])
async def test_bad_inputs_name_their_field(change: dict[str, Any], field: str,
                                           settings: Settings) -> None:
    bad = EarlyBehaviour(**{**REFERRAL.__dict__, **change})
    with pytest.raises(ValidationFailed) as err:
        await predict_clv(1, bad, settings)  # checked before any model is read
    assert err.value.field == field and field in err.value.message


async def test_no_model_and_too_little_history_are_typed_errors(
        org: Organization, settings: Settings) -> None:
    with pytest.raises(NoActiveModel):
        await predict_clv(org.id, REFERRAL, settings)
    with pytest.raises(NotEnoughHistory, match="no transactions"):
        await train_acquisition_model(org.id)
    await shop_world(org.id, mature=30, recent=5, seed=4)
    with pytest.raises(NotEnoughHistory) as err:
        await train_acquisition_model(org.id)
    assert err.value.code == "NOT_ENOUGH_HISTORY"
    assert "30 customers" in err.value.message and "at least 50" in err.value.message
    assert await registry.versions(org.id, KIND) == []


# ---- GraphQL -------------------------------------------------------------------------

PREDICT = """query($input: NewCustomerInput!) { predictClv(input: $input) {
  value lower upper recommendedCac model modelVersion currency horizonDays notes
  factors { feature label impact } } }"""
TRAIN = """mutation { trainAcquisitionModel { __typename
  ... on AcquisitionModelTrained { promoted model { id version status reason features
      metrics { served reason trainingRows earlyStoppingRows heldOutRows
                model { mae rmse spearman n } baseline { mae spearman n } } } }
  ... on UserError { code field message } } }"""
INPUT = {"ordersFirst30Days": 3, "revenueFirst30Days": 150.0, "firstOrderAmount": 50.0,
         "returnRate": 0.0, "channel": "Referral", "campaign": "spring", "engagement": 90.0}


async def test_predict_clv_through_graphql(wgql: Gql, world: Organization, trained: Any,
                                           settings: Settings) -> None:
    data = (await wgql.data(PREDICT, {"input": INPUT}, role=Role.ANALYST))["predictClv"]
    direct = await predict_clv(world.id, REFERRAL, settings)
    assert data["value"] == direct.value and data["recommendedCac"] == direct.recommended_cac
    assert data["modelVersion"] == direct.model_version and data["model"] == "lightgbm"
    assert data["horizonDays"] == 365 and data["notes"] == []
    assert data["factors"] == [{"feature": f.feature, "label": f.label, "impact": f.impact}
                               for f in direct.factors]
    bad = await wgql(PREDICT, {"input": {**INPUT, "returnRate": 1.5}}, role=Role.ANALYST)
    assert bad["data"] is None
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    assert bad["errors"][0]["extensions"]["field"] == "returnRate"
    denied = await wgql(PREDICT, {"input": INPUT}, role=Role.VIEWER)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_predict_clv_without_a_model_is_a_typed_graphql_error(gql: Gql) -> None:
    body = await gql(PREDICT, {"input": INPUT}, role=Role.ANALYST)
    assert body["errors"][0]["extensions"]["code"] == "NO_ACTIVE_MODEL"


async def test_train_acquisition_model_mutation(wgql: Gql, gql: Gql, world: Organization,
                                                trained: Any) -> None:
    denied = await wgql(TRAIN, role=Role.ANALYST)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    empty = (await gql.data(TRAIN, role=Role.OPERATOR))["trainAcquisitionModel"]
    assert empty["__typename"] == "ValidationError" and empty["code"] == "NOT_ENOUGH_HISTORY"
    result = (await wgql.data(TRAIN, role=Role.OPERATOR))["trainAcquisitionModel"]
    assert result["__typename"] == "AcquisitionModelTrained" and result["promoted"]
    model = result["model"]
    assert model["version"] > trained.version and model["status"] == "ACTIVE"
    metrics = model["metrics"]
    assert metrics["served"] == "lightgbm" and metrics["trainingRows"] > 0
    assert metrics["model"]["mae"] <= metrics["baseline"]["mae"]
    assert metrics["model"]["spearman"] > 0.4 and metrics["heldOutRows"] == metrics["model"]["n"]
    # the same data: the same model (deterministic), and the earlier version is retired
    assert metrics["model"]["mae"] == pytest.approx(trained.metrics["model"]["mae"])
    assert (await registry.get_version(world.id, trained.id)).status is ModelStatus.RETIRED
