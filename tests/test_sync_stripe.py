"""Stripe syncs end to end: GraphQL → job → sandbox over HTTP → rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.enums import Source, Stage, SyncStatus
from domain.models import (
    Customer,
    CustomerLink,
    Integration,
    Invoice,
    LifecycleTransition,
    Organization,
    Payment,
    Subscription,
    SyncRun,
)
from integrations.sandbox.app import Sandboxes
from tests.support.sync import connect, finished, stripe_world

START = """mutation($source: Source!, $mode: SyncMode!) {
  startSync(source: $source, mode: $mode) {
    __typename
    ... on SyncStarted { run { id status jobId } }
    ... on UserError { code field message }
    ... on SyncInProgressError { runId }
    ... on IntegrationPausedError { pausedUntil }
  }
}"""


async def sync(gql: Any, source: str = "STRIPE", mode: str = "FULL") -> SyncRun:
    data = await gql.data(START, {"source": source, "mode": mode}, role="operator")
    started = data["startSync"]
    assert started["__typename"] == "SyncStarted", started
    await finished(int(started["run"]["jobId"]))
    return await SyncRun.get(id=int(started["run"]["id"]))


async def test_full_sync_writes_every_stripe_record_and_a_second_run_changes_nothing(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    world = stripe_world(sandboxes, 150)
    await connect(org.id, sandboxes, Source.STRIPE)

    run = await sync(gql)
    assert run.status is SyncStatus.SUCCEEDED, run.message
    total = sum(len(v) for v in world.values())
    assert (run.created, run.updated, run.failed) == (total, 0, 0)
    assert await Customer.filter(organization_id=org.id).count() == 150
    assert await Subscription.filter(organization_id=org.id).count() == 150
    assert await Invoice.filter(organization_id=org.id).count() == 300
    assert await Payment.filter(organization_id=org.id, status="failed").count() == sum(
        1 for c in world["charges"] if c["status"] == "failed")
    assert await CustomerLink.filter(organization_id=org.id, source=Source.STRIPE).count() == 150

    sub = world["subscriptions"][0]
    item = sub["items"][0]
    row = await Subscription.get(organization_id=org.id, stripe_id=sub["id"])
    assert row.mrr == Decimal(item["price"]["unit_amount"] * item["quantity"]) / 100
    customer = await Customer.get(id=row.customer_id)
    expected = Stage.CHURNED if sub["status"] == "canceled" else Stage.CUSTOMER
    assert customer.stage is expected
    assert customer.mrr == (Decimal(0) if expected is Stage.CHURNED else row.mrr)

    again = await sync(gql)
    assert again.status is SyncStatus.SUCCEEDED
    assert (again.created, again.updated, again.unchanged) == (0, 0, total)
    steps = await LifecycleTransition.filter(organization_id=org.id).count()
    third = await sync(gql, mode="INCREMENTAL")
    assert (third.created, third.updated) == (0, 0)
    assert await LifecycleTransition.filter(organization_id=org.id).count() == steps


async def test_an_expired_event_cursor_falls_back_to_a_full_sync(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    stripe_world(sandboxes, 30)
    await connect(org.id, sandboxes, Source.STRIPE)
    await sync(gql)
    await Integration.filter(organization_id=org.id, source=Source.STRIPE).update(
        state={"last_event": "evt_expired_long_ago"})
    sandboxes.stripe.put_customer({"id": "cus_00000003", "name": "Renamed Co"})

    run = await sync(gql, mode="INCREMENTAL")
    assert run.status is SyncStatus.SUCCEEDED
    assert "past Stripe's 30-day retention: ran a full sync" in run.message
    assert (run.created, run.updated) == (0, 1)
    integration = await Integration.get(organization_id=org.id, source=Source.STRIPE)
    assert integration.state["last_event"] != "evt_expired_long_ago"
