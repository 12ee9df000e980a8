"""Lead scoring on an organization's own leads: training with its leak check, scores that
follow source and engagement with factors of both signs and a next action, `scoreLead` for
an unsaved lead with typed errors, `leads(orderBy: SCORE)` in constant statements, other
organizations kept out, and a finished sync queueing the scoring."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import numpy as np
import pytest

from domain.enums import JobKind, JobStatus, LeadStatus, Role, Source, SyncMode
from domain.leads import commands
from domain.leads.scoring import score_leads
from domain.leads.service import TrainingOutcome, train_lead_model
from domain.models import Job, Lead, LeadScore, ModelVersion, Organization
from domain.sync import service as syncs
from tests.support.api import Gql, count_statements, keys_for
from tests.support.leads import lead_org, seed_leads
from tests.support.sync import HeldQueue, connect, finished

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FIELDS = "value probability recommendation modelVersion factors { feature label impact }"
LEADS = """query($first: Int!, $after: String) {
  leads(first: $first, after: $after, orderBy: SCORE) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id source status score { FIELDS } } } } }""".replace("FIELDS", FIELDS)
SCORE_LEAD = """mutation($input: LeadInput!) { scoreLead(input: $input) { __typename
  ... on LeadScore { value probability recommendation modelVersion
    positiveFactors { feature name label impact oddsMultiplier }
    negativeFactors { feature label impact } }
  ... on UserError { code field message } } }"""
TRAIN = """mutation { trainLeadModel { __typename
  ... on LeadJobStarted { alreadyRunning job { id kind } }
  ... on UserError { code field message } } }"""


@pytest.fixture(scope="module")
async def world() -> AsyncIterator[tuple[Organization, TrainingOutcome]]:
    org = await lead_org("Leads")
    await seed_leads(org.id, 1500, seed=11, now=NOW)
    outcome = await train_lead_model(org.id, now=NOW)
    await score_leads(org.id, now=NOW)
    yield org, outcome


@pytest.fixture
async def wgql(app: object, world: tuple[Organization, TrainingOutcome]
               ) -> AsyncIterator[Gql]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield Gql(client=client, keys=await keys_for(world[0].id))


async def test_training_excludes_the_leaking_crm_field_and_promotes(
        world: tuple[Organization, TrainingOutcome]) -> None:
    org, outcome = world
    assert outcome.promoted and outcome.status == "active"
    assert "attr:crm_stage" in outcome.excluded and "attr:crm_stage" not in outcome.features
    assert "converted rows" in outcome.excluded["attr:crm_stage"]
    for used in ("source", "attr:pages_viewed", "attr:email_opens", "attr:demo_requested"):
        assert used in outcome.features
    version = await ModelVersion.get(id=outcome.version_id, organization_id=org.id)
    assert version.kind == "lead" and version.metrics["model"]["roc_auc"] > 0.7
    assert "attr:crm_stage" in version.metrics["leaks"]["excluded"]
    decided = await Lead.filter(organization_id=org.id).exclude(
        status=LeadStatus.OPEN).count()
    assert outcome.rows == decided


async def test_open_leads_are_scored_in_the_order_source_and_engagement_drive(
        world: tuple[Organization, TrainingOutcome]) -> None:
    org, outcome = world
    leads = {lead.id: lead for lead in await Lead.filter(organization_id=org.id)}
    scores = await LeadScore.filter(organization_id=org.id)
    live = (LeadStatus.OPEN, LeadStatus.WORKING)  # converted and disqualified are not scored
    assert {s.lead_id for s in scores} == {i for i, lead in leads.items()
                                           if lead.status in live}
    assert all(s.model_version_id == outcome.version_id for s in scores)
    by_source: dict[str, list[float]] = {}
    engaged: list[float] = []
    idle: list[float] = []
    for s in scores:
        lead = leads[s.lead_id]
        assert 0.0 <= s.value <= 100.0 and s.value == pytest.approx(100 * s.probability,
                                                                     abs=0.05)
        assert s.recommendation
        by_source.setdefault(lead.source, []).append(s.value)
        pages = int(lead.attributes["pages_viewed"])
        (engaged if pages >= 6 else idle if pages <= 2 else []).append(s.value)
    assert np.mean(by_source["referral"]) > np.mean(by_source["organic"]) > np.mean(
        by_source["outbound"])
    assert np.mean(engaged) > np.mean(idle)
    signs = {np.sign(f["impact"]) for s in scores for f in s.factors}
    assert signs == {1.0, -1.0}
    for s in scores:
        impacts = [f["impact"] for f in s.factors]
        ups = [i for i in impacts if i > 0]
        assert ups == sorted(ups, reverse=True) and all(f["label"] for f in s.factors)


async def test_score_lead_ranks_an_unsaved_hot_lead_above_a_cold_one(wgql: Gql) -> None:
    hot = (await wgql.data(SCORE_LEAD, {"input": {
        "source": "referral", "email": "ana@corp.example",
        "attributes": {"pages_viewed": 14, "email_opens": 8, "demo_requested": True}}},
        role=Role.ANALYST))["scoreLead"]
    cold = (await wgql.data(SCORE_LEAD, {"input": {
        "source": "outbound", "attributes": {"pages_viewed": 0, "email_opens": 0,
                                             "demo_requested": False}}},
        role=Role.ANALYST))["scoreLead"]
    assert hot["__typename"] == cold["__typename"] == "LeadScore"
    assert hot["value"] > 60 > 30 > cold["value"]
    assert hot["value"] == pytest.approx(100 * hot["probability"], abs=0.05)
    assert hot["positiveFactors"] and cold["negativeFactors"]
    assert all(f["impact"] > 0 for f in hot["positiveFactors"])
    assert all(f["impact"] < 0 for f in cold["negativeFactors"])
    assert any(f["label"] == "Source: referral" for f in hot["positiveFactors"])
    assert any(f["label"] == "Source: outbound" for f in cold["negativeFactors"])
    assert hot["recommendation"].startswith("Call") and not cold[
        "recommendation"].startswith("Call")
    assert hot["modelVersion"] == 1


@pytest.mark.parametrize(("lead", "code", "field"), [
    ({"source": "  "}, "VALIDATION_FAILED", "source"),
    ({"source": "web", "email": "not-an-email"}, "VALIDATION_FAILED", "email"),
    ({"source": "web", "attributes": ["a"]}, "VALIDATION_FAILED", "attributes"),
    ({"source": "web", "attributes": {"pages": {"n": 1}}}, "VALIDATION_FAILED",
     "attributes.pages"),
    ({"source": "web", "createdAt": "2999-01-01T00:00:00+00:00"}, "VALIDATION_FAILED",
     "createdAt"),
])
async def test_score_lead_input_errors_name_the_field(wgql: Gql, lead: dict[str, Any],
                                                      code: str, field: str) -> None:
    out = (await wgql.data(SCORE_LEAD, {"input": lead}, role=Role.ANALYST))["scoreLead"]
    assert (out["__typename"], out["code"], out["field"]) == ("ValidationError", code, field)
    assert out["message"]


async def test_score_lead_needs_a_model_and_an_analyst(gql: Gql, wgql: Gql) -> None:
    none = (await gql.data(SCORE_LEAD, {"input": {"source": "web"}}))["scoreLead"]
    assert (none["__typename"], none["code"]) == ("NoActiveModelError", "NO_ACTIVE_MODEL")
    viewer = await wgql(SCORE_LEAD, {"input": {"source": "web"}}, role=Role.VIEWER)
    assert viewer["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_leads_by_score_page_in_order_in_constant_statements(
        wgql: Gql, world: tuple[Organization, TrainingOutcome], other_org: Organization
        ) -> None:
    org, _ = world
    await seed_leads(other_org.id, 60, seed=3, now=NOW, open_share=1.0)
    stored = {s.lead_id: s.value for s in await LeadScore.filter(organization_id=org.id)}
    total = await Lead.filter(organization_id=org.id).count()
    seen: list[dict[str, Any]] = []
    after = None
    while len(seen) < len(stored) + 10:
        page = (await wgql.data(LEADS, {"first": 50, "after": after}))["leads"]
        assert page["totalCount"] == total
        seen += [e["node"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        assert page["pageInfo"]["hasNextPage"]
    values = [n["score"]["value"] if n["score"] else -1.0 for n in seen]
    assert values == sorted(values, reverse=True)
    scored = [n for n in seen if n["score"]]
    assert len(scored) == len(stored) and all(
        n["score"]["value"] == pytest.approx(stored[int(n["id"])]) for n in scored)
    assert all(n["score"]["recommendation"] and n["score"]["modelVersion"] == 1
               for n in scored)
    assert all(n["score"] is None and n["status"] in ("CONVERTED", "DISQUALIFIED")
               for n in seen[len(stored):])
    others = {lead.id for lead in await Lead.filter(organization_id=other_org.id)}
    assert not others & {int(n["id"]) for n in seen}
    counts = []
    for first in (5, 40):
        with count_statements() as statements:
            await wgql.data(LEADS, {"first": first})
        counts.append(len([s for s in statements if "lead" in s.lower()]))
    assert counts[0] == counts[1] <= 5
    # the default order is unchanged: newest first
    newest = (await wgql.data("{ leads(first: 3) { nodes { createdAt } } }"))["leads"]["nodes"]
    stamps = [n["createdAt"] for n in newest]
    assert stamps == sorted(stamps, reverse=True)


async def test_other_organizations_see_no_scores(gql: Gql, org: Organization,
                                                 world: tuple[Organization, TrainingOutcome]
                                                 ) -> None:
    await seed_leads(org.id, 30, seed=5, now=NOW, open_share=1.0)
    page = (await gql.data(LEADS, {"first": 50}))["leads"]
    assert page["totalCount"] == 30 and all(e["node"]["score"] is None
                                            for e in page["edges"])
    assert (await gql.data("{ leadModels { id } }"))["leadModels"] == []
    too_few = (await gql.data(TRAIN, role=Role.OPERATOR))["trainLeadModel"]
    assert (too_few["code"], too_few["field"]) == ("NOT_ENOUGH_LEADS", "leads")


async def test_a_finished_sync_queues_lead_scoring(
        world: tuple[Organization, TrainingOutcome], other_org: Organization,
        sandboxes: Any, runtime: Any) -> None:
    org, _ = world
    held = HeldQueue()
    assert await commands.after_sync(held, other_org.id) is None  # no lead model
    await connect(org.id, sandboxes, Source.STRIPE)
    run = await syncs.start_sync(runtime.queue, org.id, Source.STRIPE, SyncMode.FULL)
    sync_job = await finished(run.job_id)
    assert sync_job.status is JobStatus.SUCCEEDED, sync_job.error
    assert sync_job.result is not None
    queued = sync_job.result["score_leads_job_id"]
    job = await Job.get(id=queued, organization_id=org.id)
    assert job.kind is JobKind.SCORE_LEADS
    done = await finished(job.id)
    assert done.status is JobStatus.SUCCEEDED, done.error
    assert done.result is not None
    assert done.result["scored"] == await LeadScore.filter(organization_id=org.id).count()


async def test_train_lead_model_runs_as_a_job_that_scores_the_open_leads(
        gql: Gql, org: Organization, runtime: Any) -> None:
    await seed_leads(org.id, 500, seed=21, now=datetime.now(UTC))
    held = HeldQueue()
    first = await commands.request_training(held, org.id, exclude=["attr:industry"])
    again = await commands.request_training(held, org.id)
    assert again.existing and again.job.id == first.job.id and len(held.jobs) == 1
    await Job.filter(id=first.job.id).update(status=JobStatus.FAILED)  # free the slot
    started = (await gql.data(TRAIN, role=Role.OPERATOR))["trainLeadModel"]
    assert started["__typename"] == "LeadJobStarted" and not started["alreadyRunning"]
    job = await finished(int(started["job"]["id"]), wait=300)
    assert job.status is JobStatus.SUCCEEDED, job.error
    assert job.result is not None and job.result["promoted"]
    live = await Lead.filter(organization_id=org.id,
                             status__in=[LeadStatus.OPEN, LeadStatus.WORKING]).count()
    assert job.result["scoring"]["scored"] == live == await LeadScore.filter(
        organization_id=org.id).count()
    models = (await gql.data("{ leadModels { version status metrics "
                             "excludedColumns { column reason singleAuc } } }"))["leadModels"]
    assert [m["status"] for m in models] == ["ACTIVE"]
    assert "attr:crm_stage" in {c["column"] for c in models[0]["excludedColumns"]}
    assert models[0]["metrics"]["model"]["roc_auc"] > 0.6
    score = (await gql.data("mutation { scoreLeads { __typename "
                            "... on LeadJobStarted { job { kind } } } }",
                            role=Role.OPERATOR))["scoreLeads"]
    assert score == {"__typename": "LeadJobStarted", "job": {"kind": "SCORE_LEADS"}}
