"""The executor's shortcuts change speed, not results."""

from __future__ import annotations

from typing import Any

from api.context import Context
from api.errors import ERROR_TYPES
from api.executor import LeafFastPathExecutor
from api.loaders import Loaders
from api.mutations import Mutation
from api.queries import Query
from api.schema import ErrorShaping, LifelineSchema, build_schema
from api.subscriptions import Subscription
from domain.auth.service import Principal
from domain.enums import Role
from domain.models import Organization
from domain.settings import Settings
from tests.support.api import count_statements, seed_customers

PAGE = """{ customers(first: 20, orderBy: {field: NAME, direction: ASC}) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id name email plan mrr currency stage createdAt firstSeenAt country
    journey { id fromStage toStage at source reason }
    subscriptions { plan status mrr seats startedAt canceledAt }
    invoices(first: 2) { totalCount nodes { amount status issuedAt paidAt } }
    tickets(first: 1) { topic priority sentiment } } } } }"""


def _context(settings: Settings, org_id: int, role: Role) -> Context:
    context = Context(request=None, response=None, settings=settings, bus=None,  # type: ignore[arg-type]
                      queue=None, loaders=None, request_id="test",  # type: ignore[arg-type]
                      principal=Principal(org_id, role, 0, "test"))
    context.loaders = Loaders(lambda: org_id)
    return context


async def _run(schema: Any, settings: Settings, org_id: int, role: Role) -> dict[str, Any]:
    result = await schema.execute(PAGE, context_value=_context(settings, org_id, role))
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


async def test_same_results_as_plain_graphql_core(settings: Settings, org: Organization) -> None:
    await seed_customers(org.id, 20)
    fast = build_schema(settings)
    assert fast.execution_context_class is LeafFastPathExecutor
    plain = LifelineSchema(query=Query, mutation=Mutation, subscription=Subscription,
                           types=list(ERROR_TYPES), extensions=[ErrorShaping])
    for role in (Role.ANALYST, Role.VIEWER):  # the viewer gets a permission error on email
        expected = await _run(plain, settings, org.id, role)
        assert await _run(fast, settings, org.id, role) == expected
    viewer = await _run(fast, settings, org.id, Role.VIEWER)
    assert len(viewer["errors"]) == 20
    assert {e["path"][-1] for e in viewer["errors"]} == {"email"}


async def test_prefetch_keeps_the_statement_count(settings: Settings, org: Organization) -> None:
    await seed_customers(org.id, 20)
    with count_statements() as statements:
        await _run(build_schema(settings), settings, org.id, Role.ANALYST)
    # page, count, journeys, subscriptions, invoices, invoice counts, tickets
    assert len(statements) == 7, statements
