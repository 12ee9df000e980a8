"""customers / customer: pagination, filters, ordering, nested data and statement counts."""

from __future__ import annotations

from decimal import Decimal

from domain.models import Organization
from tests.support.api import Gql, count_statements, seed_customers

PAGE = """
query($first: Int!, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {
  customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id name mrr country stage } }
  }
}"""

NESTED = """
query($first: Int!) {
  customers(first: $first, orderBy: {field: ID, direction: ASC}) {
    edges { node {
      id name
      journey { fromStage toStage at source reason }
      subscriptions { plan status mrr seats }
      invoices(first: 2) { totalCount edges { node { amount status issuedAt } } }
      tickets(first: 5) { topic sentiment openedAt }
    } }
  }
}"""


async def _walk(gql: Gql, variables: dict[str, object]) -> list[dict[str, object]]:
    nodes, after = [], None
    while True:
        page = (await gql.data(PAGE, {**variables, "after": after}))["customers"]
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_pages_cover_every_row_once_in_order(gql: Gql, org: Organization) -> None:
    await seed_customers(org.id, 23)
    for field, direction in [("MRR", "DESC"), ("NAME", "ASC"), ("CREATED_AT", "DESC")]:
        nodes = await _walk(gql, {"first": 5, "orderBy": {"field": field, "direction": direction}})
        assert len(nodes) == 23
        assert len({n["id"] for n in nodes}) == 23
        if field == "MRR":
            mrrs = [Decimal(str(n["mrr"])) for n in nodes]
            assert mrrs == sorted(mrrs, reverse=True)
        if field == "NAME":
            assert [n["name"] for n in nodes] == sorted(n["name"] for n in nodes)

    first = (await gql.data(PAGE, {"first": 5}))["customers"]
    assert first["totalCount"] == 23
    assert first["pageInfo"] == {**first["pageInfo"], "hasNextPage": True,
                                 "hasPreviousPage": False}


async def test_filters(gql: Gql, org: Organization) -> None:
    await seed_customers(org.id, 20)
    by_country = (await gql.data(PAGE, {"first": 50, "filter": {"country": "de"}}))["customers"]
    assert by_country["totalCount"] == 5
    assert {e["node"]["country"] for e in by_country["edges"]} == {"DE"}

    mrr = (await gql.data(PAGE, {"first": 50, "filter": {"mrrMin": "150", "mrrMax": "200"}}))
    values = sorted(Decimal(str(e["node"]["mrr"])) for e in mrr["customers"]["edges"])
    assert values == [Decimal(v) for v in range(150, 201, 10)]

    search = (await gql.data(PAGE, {"first": 50, "filter": {"search": "CUST 01"}}))["customers"]
    assert {e["node"]["name"] for e in search["edges"]} == {f"Cust {i:03d}" for i in range(10, 20)}

    stage = await gql.data(PAGE, {"first": 50, "filter": {"stage": ["CHURNED"]}})
    assert stage["customers"]["totalCount"] == 0


async def test_bad_page_arguments_name_the_field(gql: Gql, org: Organization) -> None:
    body = await gql(PAGE, {"first": 101})
    assert body["errors"][0]["extensions"]["field"] == "first"
    assert "at most 100" in body["errors"][0]["message"]
    body = await gql(PAGE, {"first": 5, "after": "garbage!"})
    assert body["errors"][0]["extensions"] == {**body["errors"][0]["extensions"],
                                               "code": "VALIDATION_FAILED", "field": "after"}
    body = await gql(PAGE, {"first": 5, "filter": {"mrrMin": "10", "mrrMax": "5"}})
    assert body["errors"][0]["extensions"]["field"] == "filter.mrrMax"
    body = await gql("{ customers { edges { node { id } } } }")
    assert "first" in body["errors"][0]["message"]


async def test_nested_data_is_correct(gql: Gql, org: Organization) -> None:
    await seed_customers(org.id, 3)
    nodes = [e["node"] for e in (await gql.data(NESTED, {"first": 3}))["customers"]["edges"]]
    for node in nodes:
        assert [t["toStage"] for t in node["journey"]] == ["LEAD", "CUSTOMER"]
        assert node["journey"][1]["reason"] == "signed"
        assert len(node["subscriptions"]) == 1
        assert node["invoices"]["totalCount"] == 3
        issued = [e["node"]["issuedAt"] for e in node["invoices"]["edges"]]
        assert len(issued) == 2 and issued == sorted(issued, reverse=True)
        assert len(node["tickets"]) == 2


async def test_statement_count_is_constant_in_page_size(gql: Gql, org: Organization) -> None:
    """N+1 guard: 10 and 100 rows with journey, subscriptions, invoices, tickets."""
    await seed_customers(org.id, 100)
    await gql.data(NESTED, {"first": 1})  # warm the key cache
    counts = {}
    for first in (10, 100):
        with count_statements() as statements:
            data = await gql.data(NESTED, {"first": first})
        assert len(data["customers"]["edges"]) == first
        counts[first] = len(statements)
    # page, journeys, subscriptions, invoices, invoice counts, tickets (+ nothing per row)
    assert counts == {10: 6, 100: 6}, counts


async def test_usage_is_weekly(gql: Gql, org: Organization) -> None:
    [customer, *_] = await seed_customers(org.id, 1)
    query = "query($id: ID!) { customer(id: $id) { usage(weeks: 156) { weekStart total "\
            "byType { type quantity } } } }"
    weeks = (await gql.data(query, {"id": str(customer.id)}))["customer"]["usage"]
    assert [w["total"] for w in weeks] == [12, 11, 10]
    assert weeks[0]["byType"] == [{"type": "login", "quantity": 12}]
    body = await gql(query.replace("156", "999"), {"id": str(customer.id)})
    assert body["errors"][0]["extensions"]["field"] == "weeks"
