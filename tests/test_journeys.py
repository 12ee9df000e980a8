"""Lifecycle rules and the moveCustomerStage mutation."""

from __future__ import annotations

import pytest

from domain.enums import Stage
from domain.errors import InvalidTransition
from domain.journeys.rules import ALLOWED, is_allowed
from domain.journeys.service import move_stage
from domain.models import Customer, LifecycleTransition, Organization
from tests.support.api import Gql, seed_customers

MOVE = """mutation($id: ID!, $stage: Stage!, $reason: String!) {
  moveCustomerStage(input: {customerId: $id, stage: $stage, reason: $reason}) {
    __typename
    ... on MoveCustomerStagePayload { customer { stage } transition { fromStage toStage reason
      source } }
    ... on InvalidStageTransitionError { code field message fromStage toStage allowed }
    ... on NotFoundError { code field message }
    ... on ValidationError { code field message }
  }
}"""


def test_rules_cover_every_stage_and_never_allow_staying_put() -> None:
    assert set(ALLOWED) == set(Stage)
    for stage, targets in ALLOWED.items():
        assert stage not in targets
    assert ALLOWED[Stage.CHURNED] == {Stage.REACTIVATED}
    assert is_allowed(Stage.LEAD, Stage.CUSTOMER)  # self-serve sign-up
    assert not is_allowed(Stage.CUSTOMER, Stage.LEAD)
    assert not is_allowed(Stage.LEAD, Stage.CHURNED)


async def test_full_journey_is_recorded(org: Organization) -> None:
    customer = await Customer.create(organization_id=org.id, name="J", created_at="2025-01-01")
    path = [Stage.MQL, Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER, Stage.EXPANSION,
            Stage.AT_RISK, Stage.CHURNED, Stage.REACTIVATED]
    for stage in path:
        await move_stage(org.id, customer.id, stage, reason=f"to {stage}")
    rows = await LifecycleTransition.filter(customer_id=customer.id).order_by("id")
    assert [r.to_stage for r in rows] == path
    assert [r.from_stage for r in rows] == [Stage.LEAD, *path[:-1]]
    with pytest.raises(InvalidTransition) as info:
        await move_stage(org.id, customer.id, Stage.LEAD)
    assert info.value.field == "stage"
    assert "lead" not in info.value.details["allowed"]


async def test_mutation_moves_and_rejects_with_typed_errors(gql: Gql, org: Organization) -> None:
    [customer] = await seed_customers(org.id, 1)
    variables = {"id": str(customer.id), "stage": "AT_RISK", "reason": "usage down 40%"}
    moved = (await gql.data(MOVE, variables))["moveCustomerStage"]
    assert moved["__typename"] == "MoveCustomerStagePayload"
    assert moved["customer"]["stage"] == "AT_RISK"
    assert moved["transition"] == {"fromStage": "CUSTOMER", "toStage": "AT_RISK",
                                   "reason": "usage down 40%", "source": "API"}

    before = await LifecycleTransition.filter(customer_id=customer.id).count()
    bad = (await gql.data(MOVE, {**variables, "stage": "MQL"}))["moveCustomerStage"]
    assert bad["__typename"] == "InvalidStageTransitionError"
    assert (bad["code"], bad["field"], bad["fromStage"], bad["toStage"]) == (
        "INVALID_STAGE_TRANSITION", "stage", "AT_RISK", "MQL")
    assert set(bad["allowed"]) == {"CUSTOMER", "EXPANSION", "CONTRACTION", "CHURNED"}
    assert await LifecycleTransition.filter(customer_id=customer.id).count() == before
    assert (await Customer.get(id=customer.id)).stage == Stage.AT_RISK

    missing = (await gql.data(MOVE, {**variables, "id": "999999999"}))["moveCustomerStage"]
    assert (missing["__typename"], missing["field"]) == ("NotFoundError", "customerId")
    garbage = (await gql.data(MOVE, {**variables, "id": "abc"}))["moveCustomerStage"]
    assert (garbage["__typename"], garbage["field"]) == ("ValidationError", "customerId")
