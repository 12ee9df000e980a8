"""Depth, alias and token limits, error shaping, and the validation cache."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from api.schema import CACHE_SIZE, shape_error
from domain.errors import ValidationFailed
from domain.models import Organization
from tests.support.api import Gql


async def test_too_deep_query_is_rejected(gql: Gql, org: Organization) -> None:
    inner = "id"
    for _ in range(5):
        inner = f"customer {{ opportunities {{ {inner} }} }}"
    query = f"{{ opportunities(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"
    body = await gql(query)
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert "exceeds maximum operation depth of 10" in error["message"]
    syntax = await gql("{ viewer { role }")
    assert syntax["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_too_many_aliases_and_tokens(gql: Gql, org: Organization) -> None:
    aliases = " ".join(f"a{i}: viewer {{ role }}" for i in range(20))
    body = await gql("{ " + aliases + " }")
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"
    huge = "{ viewer { " + " ".join(["role"] * 3000) + " } }"
    body = await gql(huge)
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_TOKENS"


async def test_validation_cache_hits_across_requests(gql: Gql, org: Organization) -> None:
    """The limiter rules are created once per schema, so identical documents validate once."""
    validate = _get_validate_cache(CACHE_SIZE)
    parse = _get_parse_cache(CACHE_SIZE)
    query = "query CacheProbe { viewer { role organization { name } } }"
    await gql.data(query)
    before_v, before_p = validate.cache_info(), parse.cache_info()
    for _ in range(3):
        await gql.data(query)
    after_v, after_p = validate.cache_info(), parse.cache_info()
    assert after_v.hits - before_v.hits == 3
    assert after_v.misses == before_v.misses
    assert after_p.hits - before_p.hits == 3


def test_unexpected_errors_are_masked_with_request_id() -> None:
    boom = GraphQLError("db password is hunter2", original_error=RuntimeError("hunter2"))
    shaped = shape_error(boom, "req-123")
    assert "hunter2" not in shaped.message
    assert shaped.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-123"}
    expected = GraphQLError("x", original_error=ValidationFailed("bad first", field="first"))
    shaped = shape_error(expected, "req-9")
    assert shaped.message == "bad first"
    assert shaped.extensions == {"code": "VALIDATION_FAILED", "field": "first",
                                 "requestId": "req-9"}


async def test_request_id_is_echoed(gql: Gql, org: Organization) -> None:
    response = await gql.client.post(
        "/graphql", json={"query": "{ viewer { role } }"},
        headers={"Authorization": f"Bearer {next(iter(gql.keys.values()))}",
                 "X-Request-ID": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"


async def test_query_cost_bounds_the_rows_a_query_can_read(gql: Gql, org: Organization) -> None:
    page = "customers(first: 100) { nodes { invoices(first: 100) { nodes { id } } " \
           "tickets(first: 100) { id } usage(weeks: 156) { total } } }"
    fine = await gql("{ " + page + " }")
    assert "errors" not in fine, fine  # 100 + 10,000 + 10,000 + 15,600 rows
    aliased = "{ " + " ".join(f"a{i}: {page}" for i in range(2)) + " }"
    body = await gql(aliased)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "could read up to 71400 rows; the limit is 50000" in error["message"]

    # omitted arguments count at their schema default (invoices: 12), variables at the maximum
    defaults = await gql("query D { a: customers(first: 100) { nodes { invoices { totalCount } "
                         "} } b: customers(first: 100) { nodes { invoices { totalCount } } } }")
    assert "errors" not in defaults, defaults
    variables = ("query V($n: Int!) { " + " ".join(
        f"a{i}: customers(first: $n) {{ nodes {{ invoices(first: $n) {{ totalCount }} }} }}"
        for i in range(5)) + " }")
    body = await gql(variables, {"n": 1})
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    fragment = ("query F { " + " ".join(f"a{i}: customers(first: 100) {{ ...Inv }}"
                                        for i in range(5))
                + " } fragment Inv on CustomerConnection { nodes { invoices(first: 100) { "
                  "totalCount } } }")
    body = await gql(fragment)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
