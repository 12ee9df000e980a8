"""The incentive catalogue and decision rules through GraphQL: defaults, typed errors
naming the field (negative cost, overlapping routes), roles, and nothing half-written."""

from __future__ import annotations

from domain.enums import Role
from domain.models import DecisionRules, Incentive, Organization
from tests.support.api import Gql

INCENTIVES = """query { incentives { code kind costBasis rate amount percent durationMonths
  cooldownDays priorLift tiers maxCostByTier { tier maxCost } active } }"""
CREATE = """mutation($input: IncentiveInput!) { createIncentive(input: $input) {
  __typename ... on IncentiveSaved { incentive { code amount costBasis } }
  ... on UserError { code field message } } }"""
CONFIGURE = """mutation($input: DecisionRulesInput!) { configureDecisionRules(input: $input) {
  __typename ... on DecisionRulesSaved { rules { controlShare channels webhookSecretSet
    widgetKey routes { name route minProbability maxProbability minClv maxClv maxCost } } }
  ... on UserError { code field message } } }"""
RULES = "query { decisionRules { fallbackRoute controlShare widgetKey routes { name route } } }"


async def test_default_catalogue_and_rules(gql: Gql, org: Organization) -> None:
    rows = (await gql.data(INCENTIVES, role=Role.VIEWER))["incentives"]
    codes = {r["code"] for r in rows}
    assert {"discount_5", "discount_10", "discount_15", "discount_20", "credit_50",
            "free_upgrade", "feature_unlock", "loyalty_bonus", "bundle"} <= codes
    discount = next(r for r in rows if r["code"] == "discount_15")
    assert (discount["kind"], discount["costBasis"], discount["percent"]) == (
        "PERCENT_DISCOUNT", "MRR", 15.0)
    assert {"tier": "LOW", "maxCost": 60.0} in discount["maxCostByTier"]
    assert await Incentive.filter(organization_id=org.id).count() == len(rows)
    rules = (await gql.data(RULES, role=Role.ANALYST))["decisionRules"]
    assert (rules["fallbackRoute"], rules["controlShare"]) == ("REVIEW", 0.1)
    assert {r["name"]: r["route"] for r in rules["routes"]}["urgent"] == "URGENT"
    denied = await gql(RULES, role=Role.VIEWER)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_negative_cost_is_a_typed_error(gql: Gql, org: Organization) -> None:
    await gql.data(INCENTIVES)
    before = await Incentive.filter(organization_id=org.id).count()
    bad = {"code": "credit_x", "name": "Credit", "kind": "FIXED_CREDIT", "costBasis": "FIXED",
           "amount": -25.0}
    result = (await gql.data(CREATE, {"input": bad}))["createIncentive"]
    assert (result["__typename"], result["field"]) == ("ValidationError", "amount")
    assert "negative" in result["message"]
    assert await Incentive.filter(organization_id=org.id).count() == before
    good = {**bad, "amount": 25.0}
    saved = (await gql.data(CREATE, {"input": good}))["createIncentive"]
    assert saved["incentive"] == {"code": "credit_x", "amount": 25.0, "costBasis": "FIXED"}
    again = (await gql.data(CREATE, {"input": good}))["createIncentive"]
    assert (again["__typename"], again["field"]) == ("ValidationError", "code")
    denied = await gql(CREATE, {"input": good}, role=Role.OPERATOR)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_overlapping_rules_are_rejected_and_nothing_changes(gql: Gql,
                                                                  org: Organization) -> None:
    start = (await gql.data(RULES))["decisionRules"]
    overlapping = [
        {"name": "urgent", "route": "URGENT", "minProbability": 0.8, "minClv": 2000},
        {"name": "vip", "route": "REVIEW", "minClv": 5000},
    ]
    result = (await gql.data(CONFIGURE, {"input": {"routes": overlapping,
                                                   "controlShare": 0.2}}))
    error = result["configureDecisionRules"]
    assert (error["__typename"], error["field"]) == ("ValidationError", "routes[1]")
    assert "'vip'" in error["message"] and "'urgent'" in error["message"]
    assert (await gql.data(RULES))["decisionRules"] == start
    disjoint = [overlapping[0], {**overlapping[1], "maxProbability": 0.8}]
    saved = (await gql.data(CONFIGURE, {"input": {
        "routes": disjoint, "controlShare": 0.2, "channels": ["WEBHOOK", "ONSITE"],
        "webhookUrl": "https://hooks.example.com/lifeline",
        "webhookSecret": "a-long-enough-signing-secret"}}))["configureDecisionRules"]
    rules = saved["rules"]
    assert rules["controlShare"] == 0.2 and rules["webhookSecretSet"] is True
    assert rules["channels"] == ["WEBHOOK", "ONSITE"]
    assert [r["name"] for r in rules["routes"]] == ["urgent", "vip"]
    row = await DecisionRules.get(organization_id=org.id)
    assert "a-long-enough-signing-secret" not in row.webhook_secret_encrypted
    missing_url = (await gql.data(CONFIGURE, {"input": {"webhookUrl": ""}}))
    assert missing_url["configureDecisionRules"]["field"] == "webhookUrl"
