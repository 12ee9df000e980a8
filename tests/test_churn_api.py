"""Churn through GraphQL: Customer.risk, at-risk pages (constant statements), model versions
with metrics, calibration and importance, drift, the train / score / activate mutations
with their typed errors, roles and organization scoping."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from domain.churn.scoring import score_customers
from domain.demo.service import generate_world
from domain.enums import JobStatus, Role
from domain.models import CustomerRisk, DriftReport, ModelVersion, Organization, RiskScore
from domain.settings import Settings
from tests.support.api import Gql, count_statements, keys_for
from tests.support.churn import copy_model, trained_world
from tests.support.sync import finished

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)

RISK = """probability level scoredAt recommendations timeToChurnDays
  timeToChurnInterval { low high } modelVersion
  factors { feature name label impact oddsMultiplier }
  history(first: 3) { probability level scoredAt modelVersion }"""
AT_RISK = """query($first: Int!, $after: String, $min: Float!) {
  atRiskCustomers(first: $first, after: $after, minProbability: $min) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name subscriptions { plan } risk { RISK } } } } }""".replace(
    "RISK", RISK)
MODEL = """query($id: ID!) { churnModel(id: $id) {
  id version status reason horizonDays windowStart windowEnd cutoffs features artifactSha256
  metrics { trainingRows validationRows trainingChurns validationChurns validationCutoff
    model { rocAuc prAuc brier logLoss ece liftTopDecile baseRate n positives }
    baseline { rocAuc ece } survival { concordance rows events } }
  calibration { lower upper meanPredicted observedRate count }
  featureImportance(first: 5) { feature name importance share } } }"""
TRAIN = """mutation($input: TrainChurnModelInput) { trainChurnModel(input: $input) {
  __typename ... on ChurnJobStarted { alreadyRunning job { id kind status } }
  ... on UserError { code field message } } }"""
SCORE = """mutation { scoreCustomers { __typename
  ... on ChurnJobStarted { alreadyRunning job { id kind } }
  ... on UserError { code field message } } }"""
ACTIVATE = """mutation($id: ID!) { activateChurnModel(id: $id) { __typename
  ... on ChurnModelActivated { model { id version status } }
  ... on UserError { code field message } } }"""


@pytest.fixture(scope="module")
async def world(settings: Settings) -> AsyncIterator[Organization]:
    org = await trained_world("Scored", customers=800, seed=35, now=NOW)
    await score_customers(org.id, bus=None, settings=settings, now=NOW)
    yield org


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
async def wgql(client: httpx.AsyncClient, world: Organization) -> Gql:
    return Gql(client=client, keys=await keys_for(world.id))


def _page(data: dict[str, Any]) -> dict[str, Any]:
    page: dict[str, Any] = data["atRiskCustomers"]
    return page


async def test_at_risk_pages_carry_each_customers_risk(wgql: Gql, world: Organization,
                                                       settings: Settings) -> None:
    active = await ModelVersion.get(organization_id=world.id, kind="churn", status="active")
    # the 25 riskiest customers' floor: two pages of 10 and a rest
    floor = (await CustomerRisk.filter(organization_id=world.id).order_by(
        "-probability").offset(24).first())
    assert floor is not None
    first = _page(await wgql.data(AT_RISK, {"first": 10, "min": floor.probability},
                                  role=Role.VIEWER))
    stored = await CustomerRisk.filter(organization_id=world.id,
                                       probability__gte=floor.probability).count()
    assert first["totalCount"] == stored >= 25 and first["pageInfo"]["hasNextPage"]
    probabilities = [e["node"]["risk"]["probability"] for e in first["edges"]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert min(probabilities) >= floor.probability
    thresholds = [float(t) for t in settings.churn_levels.split(",")]
    for edge in first["edges"]:
        node, risk = edge["node"], edge["node"]["risk"]
        row = await RiskScore.get(customer_id=int(node["id"]), scored_at=NOW)
        assert risk["probability"] == pytest.approx(row.probability)
        assert risk["level"] == row.level.value.upper()
        expected = ["LOW", "MEDIUM", "HIGH", "CRITICAL"][sum(
            row.probability >= t for t in thresholds)]
        assert risk["level"] == expected
        assert risk["modelVersion"] == active.version
        assert datetime.fromisoformat(risk["scoredAt"]) == NOW
        assert [f["feature"] for f in risk["factors"]] == [f["feature"] for f in row.factors]
        impacts = [f["impact"] for f in risk["factors"]]
        assert impacts and impacts == sorted(impacts, reverse=True) and impacts[-1] > 0
        for f in risk["factors"]:
            assert f["oddsMultiplier"] == pytest.approx(math.exp(f["impact"]), abs=1e-3)
            assert f["label"] and f["name"] and f["name"] != f["feature"]
        assert risk["recommendations"] == row.recommendations and risk["recommendations"]
        assert risk["timeToChurnDays"] == row.time_to_churn_days
        if row.time_to_churn_days is not None:
            assert risk["timeToChurnInterval"]["low"] <= risk["timeToChurnDays"]
        assert risk["history"] == [{"probability": risk["probability"],
                                    "level": risk["level"], "scoredAt": risk["scoredAt"],
                                    "modelVersion": active.version}]
        assert node["subscriptions"]

    after = _page(await wgql.data(AT_RISK, {"first": 10, "min": floor.probability,
                                            "after": first["pageInfo"]["endCursor"]}))
    seen = {e["node"]["id"] for e in first["edges"]}
    assert not seen & {e["node"]["id"] for e in after["edges"]}
    assert after["edges"][0]["node"]["risk"]["probability"] <= probabilities[-1]


async def test_at_risk_pages_take_the_same_statements_whatever_their_size(
        wgql: Gql) -> None:
    await wgql.data("{ viewer { role } }")  # the key's first use is recorded once
    counts = []
    for first in (2, 25):
        with count_statements() as statements:
            page = _page(await wgql.data(AT_RISK, {"first": first, "min": 0.0}))
        assert len(page["edges"]) == first
        counts.append(len(statements))
    # key, page, total, customers, subscriptions, current scores, version numbers, histories
    assert counts[0] == counts[1] <= 8


async def test_unscored_customers_have_no_risk(gql: Gql, org: Organization) -> None:
    await generate_world(org.id, customers=20, seed=2, now=NOW)
    data = await gql.data("{ customers(first: 5) { nodes { id risk { probability } } } }")
    assert [n["risk"] for n in data["customers"]["nodes"]] == [None] * 5
    assert _page(await gql.data(AT_RISK, {"first": 5, "min": 0.0}))["edges"] == []


async def test_a_model_version_shows_its_held_out_figures(wgql: Gql,
                                                          world: Organization) -> None:
    listed = (await wgql.data("{ churnModels { id version status } }"))["churnModels"]
    active = await ModelVersion.get(organization_id=world.id, kind="churn", status="active")
    assert {"id": str(active.id), "version": active.version, "status": "ACTIVE"} in listed
    model = (await wgql.data(MODEL, {"id": str(active.id)}))["churnModel"]
    stored = active.metrics
    metrics = model["metrics"]
    assert metrics["model"]["rocAuc"] == pytest.approx(stored["model"]["roc_auc"])
    assert metrics["model"]["ece"] == pytest.approx(stored["model"]["ece"])
    assert metrics["baseline"]["rocAuc"] == pytest.approx(stored["baseline"]["roc_auc"])
    assert metrics["model"]["rocAuc"] > 0.7 and metrics["model"]["ece"] < 0.1
    assert metrics["survival"]["concordance"] == pytest.approx(
        stored["survival"]["concordance"]) and metrics["survival"]["concordance"] > 0.6
    assert metrics["validationRows"] == metrics["model"]["n"] == stored["rows"]["validation"]
    assert metrics["validationChurns"] == metrics["model"]["positives"]
    assert sum(b["count"] for b in model["calibration"]) == metrics["validationRows"]
    for b in model["calibration"]:
        assert b["lower"] <= b["meanPredicted"] <= b["upper"]
    importance = model["featureImportance"]
    assert len(importance) == 5
    assert [i["importance"] for i in importance] == sorted(
        (i["importance"] for i in importance), reverse=True)
    top = max(active.feature_importance.items(), key=lambda kv: kv[1])
    total = sum(active.feature_importance.values())
    assert importance[0]["feature"] == top[0]
    assert importance[0]["share"] == pytest.approx(top[1] / total, abs=1e-5)
    assert len(model["cutoffs"]) >= 2 and model["features"] == active.features


async def test_model_drift_reports_the_largest_shifts(wgql: Gql, world: Organization) -> None:
    report = await DriftReport.get(organization_id=world.id, computed_at=NOW)
    data = await wgql.data("""{ modelDrift { computedAt rows maxPsi maxFeature flagged
        threshold modelVersion features(first: 3) { feature name psi } }
        driftReports(first: 5) { maxPsi } }""")
    drift = data["modelDrift"]
    assert drift["maxPsi"] == pytest.approx(report.max_psi)
    assert drift["flagged"] == report.flagged and drift["rows"] == report.rows
    assert drift["features"][0]["feature"] == drift["maxFeature"] == report.max_feature
    psis = [f["psi"] for f in drift["features"]]
    assert psis == sorted(psis, reverse=True)
    assert data["driftReports"] == [{"maxPsi": drift["maxPsi"]}]


async def test_training_and_scoring_through_the_api(gql: Gql, org: Organization,
                                                    runtime: Any) -> None:
    body = await gql.data(SCORE, role=Role.OPERATOR)
    assert body["scoreCustomers"]["__typename"] == "NoActiveModelError"
    assert body["scoreCustomers"]["code"] == "NO_ACTIVE_MODEL"
    empty = (await gql.data(TRAIN, role=Role.OPERATOR))["trainChurnModel"]
    assert (empty["__typename"], empty["code"]) == ("ValidationError", "NOT_ENOUGH_HISTORY")
    bad = (await gql.data(TRAIN, {"input": {"horizonDays": 0}}, role=Role.OPERATOR))
    assert bad["trainChurnModel"]["field"] == "horizonDays"
    denied = await gql(TRAIN, role=Role.ANALYST)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

    await generate_world(org.id, customers=700, seed=36, now=NOW)
    started = (await gql.data(TRAIN, role=Role.OPERATOR))["trainChurnModel"]
    assert started["__typename"] == "ChurnJobStarted" and not started["alreadyRunning"]
    again = (await gql.data(TRAIN, role=Role.OPERATOR))["trainChurnModel"]
    assert again["alreadyRunning"] and again["job"]["id"] == started["job"]["id"]
    trained = await finished(int(started["job"]["id"]), wait=240)
    assert trained.status is JobStatus.SUCCEEDED, trained.error
    models = (await gql.data("{ churnModels { version status } }"))["churnModels"]
    assert models == [{"version": 1, "status": "ACTIVE"}]

    scoring = (await gql.data(SCORE, role=Role.OPERATOR))["scoreCustomers"]
    assert scoring["__typename"] == "ChurnJobStarted"
    scored = await finished(int(scoring["job"]["id"]), wait=240)
    assert scored.status is JobStatus.SUCCEEDED, scored.error
    page = _page(await gql.data(AT_RISK, {"first": 5, "min": 0.0}))
    assert page["totalCount"] == scored.result["scored"] > 0  # type: ignore[index]


async def test_activate_rolls_back_and_stays_in_the_organization(
        gql: Gql, org: Organization, world: Organization, wgql: Gql) -> None:
    first = await copy_model(world.id, org.id)
    second = await copy_model(world.id, org.id)
    assert second.status.value == "active"
    back = (await gql.data(ACTIVATE, {"id": str(first.id)}, role=Role.OPERATOR))
    assert back["activateChurnModel"]["model"] == {"id": str(first.id), "version": 1,
                                                   "status": "ACTIVE"}
    statuses = {m.version: m.status.value for m in await ModelVersion.filter(
        organization_id=org.id)}
    assert statuses == {1: "active", 2: "retired"}

    theirs = await ModelVersion.get(organization_id=world.id, status="active")
    for model_id in (str(theirs.id), "99999999"):
        out = (await gql.data(ACTIVATE, {"id": model_id}, role=Role.OPERATOR))
        assert out["activateChurnModel"]["code"] == "MODEL_NOT_FOUND"
    assert (await ModelVersion.get(id=theirs.id)).status.value == "active"
    assert (await gql.data("query($id: ID!) { churnModel(id: $id) { id } }",
                           {"id": str(theirs.id)}))["churnModel"] is None
    mine = (await gql.data("{ churnModels { id } }"))["churnModels"]
    assert {m["id"] for m in mine} == {str(first.id), str(second.id)}
    bad = await gql("query { churnModel(id: \"abc\") { id } }")
    assert bad["errors"][0]["extensions"]["field"] == "id"
