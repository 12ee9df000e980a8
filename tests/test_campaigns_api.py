"""Retention campaigns through GraphQL: a manual campaign decided and routed, its actions
page by route and status (constant statements), review, execution, outcomes (typed error
for unknown actions), ROI, the decision preview, the batch mutation, roles and the
campaignUpdated subscription."""

from __future__ import annotations

import json
from typing import Any

from domain.auth.service import create_api_key
from domain.enums import Role
from domain.events import campaign_channel
from domain.incentives.service import RulesInput, configure_decision_rules
from domain.models import Action, ArmOutcomes, Organization
from domain.settings import Settings, get_settings
from tests.support.api import Gql, count_statements
from tests.support.decisions import Spec, learned, models, place
from tests.support.sync import finished
from tests.support.ws import receive, subscribe, ws_connect
from tests.test_churn_subscriptions import _listening

CREATE = """mutation($name: String!, $audience: CampaignAudienceInput!) {
  createCampaign(name: $name, audience: $audience) {
    __typename
    ... on CampaignCreated { campaign { id kind name targeted byRoute { route actions } } }
    ... on UserError { code field message } } }"""
ACTIONS = """query($id: ID!, $route: Route, $status: ActionStatus, $first: Int!) {
  campaign(id: $id) { actions(route: $route, status: $status, first: $first) {
    totalCount nodes { id route status arm cost expectedGain priority control why
      customer { id name } incentive { code } deliveries { channel status } } } } }"""
APPROVE = """mutation($ids: [ID!]!) { approveActions(actionIds: $ids) {
  __typename ... on ActionsReviewed { status changed skipped { id status reason } }
  ... on UserError { code field message } } }"""
EXECUTE = """mutation($ids: [ID!]!) { executeActions(actionIds: $ids) {
  __typename ... on ActionsExecuted { executed skipped { id reason } deliveries job { id } }
  ... on UserError { code field message } } }"""
OUTCOME = """mutation($id: ID!, $outcome: Outcome!) {
  recordOutcome(actionId: $id, outcome: $outcome) {
  __typename ... on OutcomeRecorded { action { id outcome outcomeSource } }
  ... on UserError { code field message } } }"""
ROI = """query { roi(groupBy: TOTAL) { key treated { n retained } control { n } uplift { value }
  cost notes } }"""
PREVIEW = """query($id: ID!) { decisionPreview(customerId: $id) { considered status arm route
  expectedGain why customer { id } } }"""
BATCH = """mutation($day: Date) { runDecisionBatch(day: $day, score: false) {
  __typename ... on ChurnJobStarted { alreadyRunning job { id } }
  ... on UserError { code field message } } }"""
UPDATED = """subscription { campaignUpdated { change actionIds campaign { id name } } }"""

SPECS = [Spec(0.85, 3000.0, mrr=150.0),  # urgent
         Spec(0.5, 6000.0, mrr=300.0),  # review (CLV > 5,000)
         Spec(0.5, 1000.0, mrr=60.0),  # monitor (p 0.4-0.6)
         *[Spec(0.3, 900.0, mrr=40.0) for _ in range(3)],  # auto, cheap incentives
         *[Spec(0.75, 4000.0, mrr=200.0) for _ in range(6)]]  # review (fallback)


async def _world(org: Organization) -> list[int]:
    """The customers above, no control hold-out (so every route is seen), outcomes learned."""
    await configure_decision_rules(org.id, RulesInput(control_share=0.0), get_settings())
    ids = await place(org.id, await models(org.id), SPECS)
    await learned(org.id, lift=0.3)
    return ids


async def _campaign(gql: Gql) -> dict[str, Any]:
    created = (await gql.data(CREATE, {"name": "Spring save", "audience": {}},
                              role=Role.OPERATOR))["createCampaign"]
    assert created["__typename"] == "CampaignCreated", created
    return dict(created["campaign"])


async def test_a_manual_campaign_is_routed_reviewed_executed_and_learned_from(
        gql: Gql, org: Organization) -> None:
    customers = await _world(org)
    campaign = await _campaign(gql)
    assert campaign["kind"] == "MANUAL" and campaign["targeted"] > 0
    routes = {r["route"]: r["actions"] for r in campaign["byRoute"]}
    assert routes.get("URGENT") == 1 and routes.get("MONITOR") == 1

    page = (await gql.data(ACTIONS, {"id": campaign["id"], "route": "URGENT", "first": 10}
                           ))["campaign"]["actions"]
    urgent = page["nodes"][0]
    assert page["totalCount"] == 1 and urgent["customer"]["id"] == str(customers[0])
    assert urgent["incentive"]["code"] == urgent["arm"] and urgent["cost"] > 0
    assert "0.85" in urgent["why"] and urgent["status"] == "PROPOSED"
    monitor = (await gql.data(ACTIONS, {"id": campaign["id"], "route": "MONITOR", "first": 5}
                              ))["campaign"]["actions"]["nodes"][0]
    assert monitor["incentive"] is None and monitor["status"] == "MONITORING"

    # the page and its nested customer, incentive and deliveries: statements do not grow
    counts = []
    for first in (2, 12):
        with count_statements() as statements:
            await gql.data(ACTIONS, {"id": campaign["id"], "first": first})
        counts.append(len([s for s in statements if "api_key" not in s]))
    assert counts[0] == counts[1], counts

    denied = await gql(APPROVE, {"ids": [urgent["id"]]}, role=Role.ANALYST)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    approved = (await gql.data(APPROVE, {"ids": [urgent["id"]]}, role=Role.OPERATOR)
                )["approveActions"]
    assert approved == {"__typename": "ActionsReviewed", "status": "APPROVED",
                        "changed": [urgent["id"]], "skipped": []}
    again = (await gql.data(APPROVE, {"ids": [urgent["id"]]}, role=Role.OPERATOR)
             )["approveActions"]
    assert again["skipped"][0]["reason"] == "already approved"
    executed = (await gql.data(EXECUTE, {"ids": [urgent["id"], monitor["id"]]},
                               role=Role.OPERATOR))["executeActions"]
    assert executed["executed"] == [urgent["id"]]
    assert [s["id"] for s in executed["skipped"]] == [monitor["id"]]

    arm = {"organization_id": org.id, "arm": urgent["arm"],
           "context": "At Risk|critical|medium"}
    before = await ArmOutcomes.get(**arm)
    recorded = (await gql.data(OUTCOME, {"id": urgent["id"], "outcome": "RETAINED"},
                               role=Role.OPERATOR))["recordOutcome"]
    assert recorded["action"]["outcome"] == "RETAINED"
    assert recorded["action"]["outcomeSource"] == "MANUAL"
    after = await ArmOutcomes.get(**arm)  # the posterior learns from it
    assert (after.retained, after.churned) == (before.retained + 1, before.churned)
    assert after.expected_churn == before.expected_churn + 0.85
    rows = (await gql.data(ROI, role=Role.ANALYST))["roi"]
    assert rows[0]["treated"]["n"] == 1 and rows[0]["treated"]["retained"] == 1
    assert rows[0]["uplift"] is None and rows[0]["notes"]


async def test_outcomes_for_unknown_actions_are_typed_errors(gql: Gql, org: Organization,
                                                             other_org: Organization) -> None:
    await _world(org)
    await _campaign(gql)
    theirs = await place(other_org.id, await models(other_org.id), SPECS[:1])
    before = await ArmOutcomes.filter(organization_id=org.id).count()
    for action_id in ("987654321", str(theirs[0])):
        result = (await gql.data(OUTCOME, {"id": action_id, "outcome": "CHURNED"},
                                 role=Role.OPERATOR))["recordOutcome"]
        assert (result["__typename"], result["field"]) == ("NotFoundError", "actionId")
        assert action_id in result["message"]
    bad = (await gql.data(APPROVE, {"ids": ["x"]}, role=Role.OPERATOR))["approveActions"]
    assert (bad["__typename"], bad["field"]) == ("ValidationError", "actionIds")
    assert await ArmOutcomes.filter(organization_id=org.id).count() == before
    assert not await Action.filter(organization_id=org.id, outcome__isnull=False).exists()


async def test_preview_writes_nothing_and_explains(gql: Gql, org: Organization,
                                                   other_org: Organization) -> None:
    customers = await _world(org)
    preview = (await gql.data(PREVIEW, {"id": str(customers[1])}, role=Role.ANALYST)
               )["decisionPreview"]
    assert preview["considered"] and preview["route"] == "REVIEW"
    assert preview["customer"]["id"] == str(customers[1]) and "6,000" in preview["why"]
    assert not await Action.filter(organization_id=org.id).exists()
    theirs = await place(other_org.id, await models(other_org.id), SPECS[:1])
    hidden = await gql(PREVIEW, {"id": str(theirs[0])}, role=Role.ANALYST)
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert hidden["errors"][0]["extensions"]["field"] == "customerId"


async def test_the_batch_mutation_writes_one_campaign_per_day(gql: Gql, org: Organization
                                                              ) -> None:
    await _world(org)
    first = (await gql.data(BATCH, {"day": None}, role=Role.OPERATOR))["runDecisionBatch"]
    assert first["__typename"] == "ChurnJobStarted", first
    job = await finished(int(first["job"]["id"]))
    assert job.status.value == "succeeded", job.error
    second = (await gql.data(BATCH, {"day": None}, role=Role.OPERATOR))["runDecisionBatch"]
    again = await finished(int(second["job"]["id"]))
    assert again.result is not None and again.result["created"] is False
    campaigns = await gql.data("query { campaigns(first: 5) { totalCount nodes { kind } } }")
    assert campaigns["campaigns"]["totalCount"] == 1
    future = (await gql.data(BATCH, {"day": "2999-01-01"}, role=Role.OPERATOR)
              )["runDecisionBatch"]
    assert (future["__typename"], future["field"]) == ("ValidationError", "day")


async def test_campaign_updates_reach_subscribers(live_server: str, runtime: Any,
                                                  org: Organization, settings: Settings,
                                                  gql: Gql) -> None:
    await _world(org)
    campaign = await _campaign(gql)
    key = await create_api_key(org.id, Role.VIEWER)
    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, UPDATED, {})
        await _listening(runtime, campaign_channel(org.id), 1)
        urgent = (await gql.data(ACTIONS, {"id": campaign["id"], "route": "URGENT",
                                           "first": 1}))["campaign"]["actions"]["nodes"][0]
        await gql.data(APPROVE, {"ids": [urgent["id"]]}, role=Role.OPERATOR)
        message = await receive(ws)
        event = message["payload"]["data"]["campaignUpdated"]
        assert event == {"change": "REVIEWED", "actionIds": [urgent["id"]],
                         "campaign": {"id": campaign["id"], "name": "Spring save"}}, json.dumps(
            message)
