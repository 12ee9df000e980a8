"""GraphQL test client, keys per role, and a small seeded world."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from domain.auth.service import create_api_key
from domain.enums import (
    InvoiceStatus,
    Role,
    Source,
    Stage,
    SubscriptionStatus,
    TicketPriority,
)
from domain.models import (
    Customer,
    Invoice,
    LifecycleTransition,
    Subscription,
    SupportTicket,
    UsageEvent,
)


@dataclass
class Gql:
    client: httpx.AsyncClient
    keys: dict[Role, str] = field(default_factory=dict)

    async def raw(self, query: str, variables: dict[str, Any] | None = None,
                  role: Role | None = Role.ADMIN, token: str | None = None) -> httpx.Response:
        headers = {}
        secret = token if token is not None else (self.keys[role] if role else None)
        if secret:
            headers["Authorization"] = f"Bearer {secret}"
        return await self.client.post("/graphql", json={"query": query, "variables": variables},
                                      headers=headers)

    async def __call__(self, query: str, variables: dict[str, Any] | None = None,
                       role: Role = Role.ADMIN) -> dict[str, Any]:
        response = await self.raw(query, variables, role)
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None,
                   role: Role = Role.ADMIN) -> dict[str, Any]:
        body = await self(query, variables, role)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data


async def keys_for(org_id: int) -> dict[Role, str]:
    return {role: (await create_api_key(org_id, role)).secret for role in Role}


NOW = datetime(2026, 6, 1, tzinfo=UTC)


async def seed_customers(org_id: int, n: int, *, prefix: str = "Cust") -> list[Customer]:
    """n customers, each with 2 transitions, 1 subscription, 3 invoices, 2 tickets, usage."""
    countries = ["US", "DE", "GB", "FR"]
    customers = [
        Customer(organization_id=org_id, name=f"{prefix} {i:03d}", email=f"c{i}@{prefix}.test",
                 domain=f"{prefix.lower()}{i}.test", industry="software" if i % 2 else "retail",
                 country=countries[i % 4], plan="growth" if i % 3 else "starter",
                 mrr=Decimal(100 + 10 * i), stage=Stage.CUSTOMER,
                 created_at=NOW - timedelta(days=400 - i), external_ref=f"{prefix}-{i}")
        for i in range(n)
    ]
    await Customer.bulk_create(customers)
    rows = await Customer.filter(organization_id=org_id, name__startswith=prefix).order_by("id")
    transitions, subs, invoices, tickets, usage = [], [], [], [], []
    for c in rows:
        transitions += [
            LifecycleTransition(organization_id=org_id, customer_id=c.id, from_stage=None,
                                to_stage=Stage.LEAD, at=c.created_at, source=Source.DEMO),
            LifecycleTransition(organization_id=org_id, customer_id=c.id, from_stage=Stage.LEAD,
                                to_stage=Stage.CUSTOMER, at=c.created_at + timedelta(days=9),
                                source=Source.DEMO, reason="signed"),
        ]
        subs.append(Subscription(organization_id=org_id, customer_id=c.id, plan=c.plan or "",
                                 status=SubscriptionStatus.ACTIVE, seats=5, mrr=c.mrr,
                                 started_at=c.created_at + timedelta(days=9)))
        for m in range(3):
            invoices.append(Invoice(organization_id=org_id, customer_id=c.id, amount=c.mrr,
                                    status=InvoiceStatus.FAILED if m == 1 else InvoiceStatus.PAID,
                                    issued_at=NOW - timedelta(days=30 * m)))
        for t in range(2):
            tickets.append(SupportTicket(organization_id=org_id, customer_id=c.id, topic="billing",
                                         priority=TicketPriority.NORMAL, sentiment=-0.2 * t,
                                         opened_at=NOW - timedelta(days=10 * t)))
        for w in range(3):
            usage.append(UsageEvent(organization_id=org_id, customer_id=c.id, type="login",
                                    at=NOW - timedelta(weeks=w), quantity=10 + w))
    await LifecycleTransition.bulk_create(transitions)
    await Subscription.bulk_create(subs)
    await Invoice.bulk_create(invoices)
    await SupportTicket.bulk_create(tickets)
    await UsageEvent.bulk_create(usage)
    return rows


_SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)


# Set while a block counts; tasks started inside the block inherit it (context variables
# are copied into new tasks), background tasks started earlier (the in-process worker's
# jobs and crons) do not, so their statements are not counted.
_COUNTING: ContextVar[object | None] = ContextVar("counting_statements", default=None)


class _Counter(logging.Handler):
    def __init__(self, token: object) -> None:
        super().__init__(logging.DEBUG)
        self.token = token
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if _COUNTING.get() is not self.token:
            return
        text = str(record.msg % record.args if record.args else record.msg)
        if _SQL.match(text):
            self.statements.append(text)


@contextmanager
def count_statements() -> Iterator[list[str]]:
    """Collect every SQL statement the ORM sends for the code running in this block (and
    the tasks it starts)."""
    logger = logging.getLogger("tortoise.db_client")
    token = object()
    handler = _Counter(token)
    previous = logger.level
    reset = _COUNTING.set(token)
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield handler.statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        _COUNTING.reset(reset)
