"""Two organizations: nothing of one is visible to, or changeable by, the other."""

from __future__ import annotations

from domain.auth.service import create_api_key
from domain.enums import JobKind, LeadStatus, Role, Stage
from domain.models import (
    ApiKey,
    Customer,
    Job,
    Lead,
    LifecycleTransition,
    Opportunity,
    Organization,
)
from tests.support.api import NOW, Gql, seed_customers

EVERYTHING = """{
  customers(first: 100) { totalCount edges { node { id name
    journey { id } subscriptions { id } invoices(first: 50) { totalCount edges { node { id } } }
    tickets(first: 50) { id } opportunities { id customer { id } } leads { id }
    usage(weeks: 156) { total } } } }
  leads(first: 100) { totalCount edges { node { id customer { id } } } }
  opportunities(first: 100) { totalCount edges { node { id customer { id } } } }
  jobs(first: 100) { totalCount edges { node { id } } }
  apiKeys { id }
}"""


async def _seed_pipeline(org_id: int, customer: Customer, tag: str) -> tuple[Lead, Opportunity]:
    lead = await Lead.create(organization_id=org_id, customer_id=customer.id, name=tag,
                             source="organic", status=LeadStatus.CONVERTED, created_at=NOW)
    opp = await Opportunity.create(
        organization_id=org_id, customer_id=customer.id, name=tag, amount=100, stage="proposal",
        probability=0.5, forecast_category="pipeline", close_date=NOW.date(), created_at=NOW)
    return lead, opp


def _ids(data: dict, path: str) -> set[str]:  # type: ignore[type-arg]
    return {e["node"]["id"] for e in data[path]["edges"]}


async def test_no_root_or_nested_field_leaks(gql: Gql, org: Organization,
                                             other_org: Organization) -> None:
    mine = await seed_customers(org.id, 3, prefix="Mine")
    theirs = await seed_customers(other_org.id, 4, prefix="Theirs")
    my_lead, my_opp = await _seed_pipeline(org.id, mine[0], "mine")
    their_lead, their_opp = await _seed_pipeline(other_org.id, theirs[0], "theirs")
    my_job = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV)
    their_job = await Job.create(organization_id=other_org.id, kind=JobKind.IMPORT_CSV)
    await create_api_key(other_org.id, Role.ADMIN)

    data = await gql.data(EVERYTHING)
    assert _ids(data, "customers") == {str(c.id) for c in mine}
    assert data["customers"]["totalCount"] == 3
    assert _ids(data, "leads") == {str(my_lead.id)}
    assert _ids(data, "opportunities") == {str(my_opp.id)}
    assert _ids(data, "jobs") == {str(my_job.id)}
    my_keys = {str(k.id) for k in await ApiKey.filter(organization_id=org.id)}
    assert {k["id"] for k in data["apiKeys"]} == my_keys
    for edge in data["customers"]["edges"]:
        node = edge["node"]
        assert node["invoices"]["totalCount"] == 3
        assert len(node["journey"]) == 2

    for query, row in [("customer", theirs[0]), ("job", their_job)]:
        body = await gql.data(f'query($id: ID!) {{ {query}(id: $id) {{ id }} }}',
                              {"id": str(row.id)})
        assert body[query] is None
    assert their_lead.id and their_opp.id


async def test_mutations_cannot_touch_another_organization(gql: Gql, org: Organization,
                                                           other_org: Organization) -> None:
    [theirs] = await seed_customers(other_org.id, 1, prefix="Other")
    moved = await gql.data(
        'mutation($id: ID!) { moveCustomerStage(input: {customerId: $id, stage: CHURNED}) { '
        "__typename ... on NotFoundError { field } } }", {"id": str(theirs.id)})
    assert moved["moveCustomerStage"] == {"__typename": "NotFoundError", "field": "customerId"}
    assert (await Customer.get(id=theirs.id)).stage == Stage.CUSTOMER
    assert await LifecycleTransition.filter(customer_id=theirs.id).count() == 2

    their_key = await create_api_key(other_org.id, Role.VIEWER)
    revoked = await gql.data(
        'mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }',
        {"id": str(their_key.key.id)})
    assert revoked["revokeApiKey"]["__typename"] == "NotFoundError"
    assert (await ApiKey.get(id=their_key.key.id)).revoked_at is None

    created = await gql.data('mutation { createApiKey(input: {name: "n", role: VIEWER}) { '
                             "... on ApiKeyCreated { secret } } }")
    principal_org = (await ApiKey.get(prefix=created["createApiKey"]["secret"].split("_")[1]))
    assert principal_org.organization_id == org.id  # type: ignore[attr-defined]
