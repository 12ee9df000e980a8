"""Hostile or odd input gets a typed error naming the field, never an internal error."""

from __future__ import annotations

import base64
import json

from domain.enums import Role
from domain.models import Organization
from tests.support.api import Gql, seed_customers

PAGE = """query($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {
  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    ...Counted edges { node { id name } } pageInfo { endCursor } } }
fragment Counted on CustomerConnection { totalCount }"""


def _cursor(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def _error(body: dict) -> dict:  # type: ignore[type-arg]
    assert body["errors"], body
    extensions: dict = body["errors"][0]["extensions"]  # type: ignore[type-arg]
    return extensions


async def test_total_count_inside_fragments(gql: Gql, org: Organization) -> None:
    [customer, *_] = await seed_customers(org.id, 4)
    data = await gql.data(PAGE, {"first": 2})
    assert data["customers"]["totalCount"] == 4
    nested = await gql.data("query($id: ID!) { customer(id: $id) { invoices(first: 1) { "
                            "... on InvoiceConnection { totalCount } } } }",
                            {"id": str(customer.id)})
    assert nested["customer"]["invoices"]["totalCount"] == 3


async def test_cursors_are_checked(gql: Gql, org: Organization) -> None:
    await seed_customers(org.id, 4)
    by_name = {"field": "NAME", "direction": "ASC"}
    end = (await gql.data(PAGE, {"first": 2, "orderBy": by_name}))["customers"]["pageInfo"]
    # a cursor of one ordering is refused by another, instead of returning a wrong page
    other = await gql(PAGE, {"first": 2, "after": end["endCursor"]})
    assert _error(other) == {**_error(other), "code": "VALIDATION_FAILED", "field": "after"}
    assert "another ordering" in other["errors"][0]["message"]
    crafted = [
        _cursor("customers:name:asc", "x", "not-an-id"),
        _cursor("customers:name:asc", "x", 2**70),
        _cursor("customers:created_at:desc", "2025-01-01T00:00:00", 5),  # no time zone
        _cursor("customers:mrr:desc", "NaN", 5),
        "%%%",
    ]
    orders = [by_name, by_name, None, {"field": "MRR", "direction": "DESC"}, None]
    for cursor, order in zip(crafted, orders, strict=True):
        body = await gql(PAGE, {"first": 2, "after": cursor, "orderBy": order})
        assert _error(body)["code"] == "VALIDATION_FAILED", (cursor, body)
        assert _error(body)["field"] == "after"


async def test_numbers_and_ids_out_of_range(gql: Gql, org: Organization) -> None:
    body = await gql(PAGE, {"first": 5, "filter": {"mrrMin": "NaN"}})
    assert _error(body) == {**_error(body), "code": "VALIDATION_FAILED",
                            "field": "filter.mrrMin"}
    body = await gql("{ customer(id: \"99999999999\") { id } }")
    assert _error(body)["field"] == "id"
    long_name = await gql.data('mutation { createApiKey(input: {name: "' + "x" * 201 +
                               '", role: VIEWER}) { ... on ValidationError { field } } }')
    assert long_name["createApiKey"] == {"field": "name"}


async def test_viewers_cannot_probe_emails_through_search(gql: Gql, org: Organization) -> None:
    await seed_customers(org.id, 3, prefix="Probe")
    email_part = {"first": 10, "filter": {"search": "c1@probe"}}
    assert (await gql.data(PAGE, email_part, role=Role.ANALYST))["customers"]["totalCount"] == 1
    assert (await gql.data(PAGE, email_part, role=Role.VIEWER))["customers"]["totalCount"] == 0
    by_name = {"first": 10, "filter": {"search": "probe 001"}}
    assert (await gql.data(PAGE, by_name, role=Role.VIEWER))["customers"]["totalCount"] == 1


async def test_oversized_requests_are_refused_before_parsing(gql: Gql, org: Organization) -> None:
    response = await gql.client.post(
        "/graphql", content=b"{}", headers={
            "Authorization": f"Bearer {gql.keys[Role.VIEWER]}", "content-type": "application/json",
            "content-length": str(10**12)})
    assert response.status_code == 413
    assert _error(response.json()) == {**_error(response.json()), "code": "PAYLOAD_TOO_LARGE",
                                       "field": "file"}


async def test_unknown_field_named_token_is_a_validation_error(gql: Gql, org: Organization) -> None:
    body = await gql("{ viewer { token } }")
    assert _error(body)["code"] == "GRAPHQL_VALIDATION_FAILED"
