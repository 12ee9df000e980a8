"""API keys, roles and the 401 / PERMISSION_DENIED paths."""

from __future__ import annotations

from domain.auth.service import authenticate, create_api_key
from domain.enums import Role
from domain.errors import Unauthenticated
from domain.models import ApiKey, Organization
from tests.support.api import Gql, seed_customers

VIEWER = "{ viewer { role apiKeyPrefix organization { slug } } }"


async def test_only_a_hash_of_the_secret_is_stored(org: Organization) -> None:
    issued = await create_api_key(org.id, Role.ANALYST, "ci")
    row = await ApiKey.get(id=issued.key.id)
    assert issued.secret.startswith(f"ll_{row.prefix}_")
    assert issued.secret not in (row.secret_hash, row.prefix, row.name)
    principal = await authenticate(issued.secret)
    assert (principal.organization_id, principal.role) == (org.id, Role.ANALYST)
    assert (await ApiKey.get(id=row.id)).last_used_at is not None


async def test_missing_malformed_unknown_and_revoked_keys(gql: Gql, org: Organization) -> None:
    for token, text in [(None, "missing API key"), ("nonsense", "malformed"),
                        ("ll_000000000000_" + "x" * 43, "unknown")]:
        response = await gql.raw(VIEWER, role=None, token=token)
        assert response.status_code == 401
        error = response.json()["errors"][0]
        assert text in error["message"]
        assert error["extensions"]["field"] == "authorization"
        assert error["extensions"]["code"] == "UNAUTHENTICATED"

    victim = await create_api_key(org.id, Role.VIEWER)
    assert (await gql.raw(VIEWER, token=victim.secret)).status_code == 200
    revoked = await gql.data(
        "mutation($id: ID!) { revokeApiKey(id: $id) { __typename "
        "... on ApiKeyRevoked { apiKey { revokedAt } } } }", {"id": str(victim.key.id)})
    assert revoked["revokeApiKey"]["apiKey"]["revokedAt"]
    response = await gql.raw(VIEWER, token=victim.secret)
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]
    try:
        await authenticate(victim.secret)
        raise AssertionError("a revoked key authenticated")
    except Unauthenticated:
        pass


async def test_viewer_reads_but_cannot_write_or_see_emails(gql: Gql, org: Organization) -> None:
    [customer] = await seed_customers(org.id, 1)
    data = await gql.data(VIEWER, role=Role.VIEWER)
    assert data["viewer"]["role"] == "VIEWER"
    assert data["viewer"]["organization"]["slug"] == org.slug

    body = await gql("query($id: ID!) { customer(id: $id) { name email } }",
                     {"id": str(customer.id)}, role=Role.VIEWER)
    assert body["data"]["customer"] is None or body["data"]["customer"]["email"] is None
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    analyst = await gql.data("query($id: ID!) { customer(id: $id) { email } }",
                             {"id": str(customer.id)}, role=Role.ANALYST)
    assert analyst["customer"]["email"] == customer.email

    move = """mutation($id: ID!) { moveCustomerStage(input: {customerId: $id, stage: AT_RISK}) {
      __typename } }"""
    body = await gql(move, {"id": str(customer.id)}, role=Role.VIEWER)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert "analyst" in body["errors"][0]["message"]

    create = 'mutation { createApiKey(input: {name: "x", role: ADMIN}) { __typename } }'
    for role in (Role.VIEWER, Role.ANALYST, Role.OPERATOR):
        body = await gql(create, role=role)
        assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    keys_before = await ApiKey.filter(organization_id=org.id).count()
    created = await gql.data(create.replace("__typename", "__typename ... on ApiKeyCreated "
                                            "{ secret apiKey { role prefix } }"))
    assert created["createApiKey"]["apiKey"]["role"] == "ADMIN"
    assert await ApiKey.filter(organization_id=org.id).count() == keys_before + 1
    empty = await gql.data('mutation { createApiKey(input: {name: " ", role: VIEWER}) { '
                           "... on ValidationError { field message } } }")
    assert empty["createApiKey"]["field"] == "name"


async def test_api_keys_listing_is_admin_only(gql: Gql, org: Organization) -> None:
    body = await gql("{ apiKeys { prefix } }", role=Role.OPERATOR)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    data = await gql.data("{ apiKeys { prefix role } }")
    assert {k["role"] for k in data["apiKeys"]} == {"VIEWER", "ANALYST", "OPERATOR", "ADMIN"}
