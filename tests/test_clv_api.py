"""CLV and segments through GraphQL: Customer.clv and Customer.segment as stored, in a
constant number of statements per page; clvModel with its holdout and backtest; segments
and segmentMigration; the fitClvModels job chained to the segment update; roles, typed
errors and organization scoping."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from domain.clv.service import fit_clv_models
from domain.enums import JobKind, JobStatus, Role
from domain.models import CustomerValue, Job, Organization, SegmentSnapshot
from domain.segments.service import update_segments
from domain.settings import Settings
from tests.support.api import Gql, count_statements, keys_for
from tests.support.clv import CDNOW_END, cdnow_sample, write_orders
from tests.support.sync import finished

CLV = """clv { value interval { low high } pAlive expectedPurchases expectedLifetimeMonths
  horizonMonths model tier modelVersion computedAt factors { feature label impact } }"""
SEGMENT = """segment { name rfm recency frequency monetary tier cluster revenue takenOn
  recommendedAction history(first: 5) { segment takenOn } }"""
PAGE = "query($n: Int!) { customers(first: $n) { nodes { id CLV SEGMENT } } }".replace(
    "CLV", CLV).replace("SEGMENT", SEGMENT)
MIGRATION = """query($from: Date!, $to: Date!) { segmentMigration(from: $from, to: $to) {
  fromDate toDate segments matrix cells { from to count } } }"""
FIT = """mutation { fitClvModels { __typename ... on ChurnJobStarted { alreadyRunning
  job { id kind status } } ... on UserError { code field message } } }"""


@pytest.fixture(scope="module")
async def shop(settings: Settings) -> AsyncIterator[Organization]:
    org = await Organization.create(name="Shop", slug=f"shop-{uuid.uuid4().hex[:8]}")
    await write_orders(org.id, cdnow_sample())
    await update_segments(org.id, at=CDNOW_END - timedelta(days=90), with_clusters=False)
    await fit_clv_models(org.id, settings=settings, at=CDNOW_END)
    await update_segments(org.id, at=CDNOW_END)
    yield org


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
async def sgql(client: httpx.AsyncClient, shop: Organization) -> Gql:
    return Gql(client=client, keys=await keys_for(shop.id))


async def test_customer_clv_and_segment_are_the_stored_rows(sgql: Gql, shop: Organization
                                                            ) -> None:
    nodes = (await sgql.data(PAGE, {"n": 25}, role=Role.VIEWER))["customers"]["nodes"]
    assert len(nodes) == 25
    for node in nodes:
        row = await CustomerValue.get(customer_id=int(node["id"]))
        clv: dict[str, Any] = node["clv"]
        assert clv["value"] == pytest.approx(row.value)
        assert clv["interval"] == {"low": pytest.approx(row.lower),
                                   "high": pytest.approx(row.upper)}
        assert clv["interval"]["low"] <= clv["value"] <= clv["interval"]["high"]
        assert clv["pAlive"] == pytest.approx(row.p_alive)
        assert clv["model"] == "BGNBD" and clv["horizonMonths"] == 12
        assert clv["tier"] == row.tier.value.upper() and clv["modelVersion"] >= 1
        assert [f["feature"] for f in clv["factors"]] == [f["feature"] for f in row.factors]
        snap = await SegmentSnapshot.filter(customer_id=int(node["id"])).order_by(
            "-taken_on").first()
        assert snap is not None
        seg = node["segment"]
        assert seg["name"] == snap.segment and seg["takenOn"] == CDNOW_END.date().isoformat()
        assert seg["rfm"] == f"{snap.recency}{snap.frequency}{snap.monetary}"
        assert seg["tier"] == row.tier.value.upper() and seg["recommendedAction"]
        history = await SegmentSnapshot.filter(customer_id=int(node["id"])).order_by(
            "-taken_on")
        assert seg["history"] == [{"segment": h.segment, "takenOn": h.taken_on.isoformat()}
                                  for h in history] and len(history) == 2


async def test_a_page_of_values_and_segments_takes_the_same_statements(sgql: Gql) -> None:
    await sgql.data("{ viewer { role } }")
    counts = []
    for n in (2, 25):
        with count_statements() as statements:
            nodes = (await sgql.data(PAGE, {"n": n}))["customers"]["nodes"]
        assert len(nodes) == n and all(x["clv"] and x["segment"] for x in nodes)
        counts.append(len(statements))
    assert counts[0] == counts[1]


async def test_clv_model_reports_holdout_backtest_and_warnings(sgql: Gql) -> None:
    model = (await sgql.data("""{ clvModel { version status warnings excluded byModel
      holdout { customers actual predicted naive mae naiveMae
        buckets { frequency customers actual predicted naive } }
      backtest { chosen reason figures } } }""", role=Role.ANALYST))["clvModel"]
    assert model["status"] == "ACTIVE" and model["byModel"] == {"bgnbd": 2349}
    assert model["excluded"] == {"non_positive_amount": 8}
    assert any("zero or negative" in w for w in model["warnings"])
    buckets = model["holdout"]["buckets"]
    assert [b["frequency"] for b in buckets][:2] == ["0", "1"]
    assert sum(b["customers"] for b in buckets) == model["holdout"]["customers"]
    assert model["backtest"]["chosen"] in model["backtest"]["reason"]
    assert {"probabilistic", "ml", "blend"} <= set(model["backtest"]["figures"])


async def test_segments_and_their_migration(sgql: Gql) -> None:
    segments = (await sgql.data("""{ segments { name count revenue avgClv avgRisk
      recommendedAction on } }""", role=Role.ANALYST))["segments"]
    assert sum(s["count"] for s in segments) == 2349
    champions = next(s for s in segments if s["name"] == "Champions")
    lost = next(s for s in segments if s["name"] == "Lost")
    assert champions["avgClv"] > 5 * lost["avgClv"] and champions["avgRisk"] is None
    moved = (await sgql.data(MIGRATION, {"from": str((CDNOW_END - timedelta(days=90)).date()),
                                         "to": str(CDNOW_END.date())}))["segmentMigration"]
    total = sum(c["count"] for c in moved["cells"])
    assert total == sum(sum(row) for row in moved["matrix"]) >= 2349
    i = moved["segments"].index("Champions")
    stay = next(c["count"] for c in moved["cells"] if c["from"] == c["to"] == "Champions")
    assert moved["matrix"][i][i] == stay
    bad = await sgql(MIGRATION, {"from": "1990-01-01", "to": "1998-01-01"})
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    assert bad["errors"][0]["extensions"]["field"] == "from"
    denied = await sgql("{ segments { name } }", role=Role.VIEWER)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_fit_job_values_then_updates_segments(gql: Gql, org: Organization) -> None:
    empty = (await gql.data(FIT, role=Role.OPERATOR))["fitClvModels"]
    assert empty["__typename"] == "ValidationError" and empty["field"] == "organization"
    await write_orders(org.id, cdnow_sample().head(1200))
    started = (await gql.data(FIT, role=Role.OPERATOR))["fitClvModels"]
    assert started["__typename"] == "ChurnJobStarted"
    job = await finished(int(started["job"]["id"]))
    assert job.status is JobStatus.SUCCEEDED, job.result
    assert job.result and job.result["valued"] == await CustomerValue.filter(
        organization_id=org.id).count() > 0
    # the new-customer model learns from the same orders (first purchases in early 1997)
    assert job.result["acquisition_model"]["status"] == "active", job.result
    follow = await finished(int(job.result["segments_job_id"]))
    assert follow.kind is JobKind.UPDATE_SEGMENTS and follow.status is JobStatus.SUCCEEDED
    assert await SegmentSnapshot.filter(organization_id=org.id).count() == job.result["valued"]
    denied = await gql(FIT, role=Role.ANALYST)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert await Job.filter(organization_id=org.id, kind=JobKind.FIT_CLV_MODELS).count() == 1


async def test_another_organization_sees_none_of_it(gql: Gql, shop: Organization) -> None:
    theirs = await CustomerValue.filter(organization_id=shop.id).first()
    assert theirs is not None
    data = await gql.data("""query($id: ID!) { customer(id: $id) { id clv { value } } }""",
                          {"id": str(theirs.customer_id)})
    assert data["customer"] is None
    assert (await gql.data("{ segments { name } clvModel { version } }"))  == {
        "segments": [], "clvModel": None}
