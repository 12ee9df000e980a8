"""All three providers, seeded from the demo world, through every kind of fault the
sandboxes inject: the second run of the same syncs changes nothing."""

from __future__ import annotations

from typing import Any

from domain.enums import SyncStatus
from domain.models import Customer, CustomerLink, LifecycleTransition, Organization
from integrations.http import RetryPolicy
from integrations.sandbox.app import Sandboxes
from integrations.sandbox.faults import Faults
from tests.support.sync import connect
from tests.test_sync_stripe import sync
from workers.sandbox_seed import seed_sandboxes

SOURCES = ("HUBSPOT", "SALESFORCE", "STRIPE")


async def test_every_fault_kind_and_a_second_run_that_changes_nothing(
        org: Organization, gql: Any, sandboxes: Sandboxes, runtime: Any) -> None:
    summary = seed_sandboxes(sandboxes, customers=200, seed=21)
    await connect(org.id, sandboxes)
    sandboxes.set_faults(Faults(rate_429=0.05, burst=3, rate_5xx=0.03, rate_timeout=0.02,
                                hang_seconds=1.0, rate_truncated=0.03, seed=5))
    runtime.ctx["retry_policy"] = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=0.25,
                                              max_attempts=12)
    first = [await sync(gql, source, "FULL") for source in SOURCES]
    assert all(r.status is SyncStatus.SUCCEEDED for r in first), [r.message for r in first]
    assert sum(r.failed for r in first) == 0
    matched = await CustomerLink.filter(organization_id=org.id).exclude(
        matched_by="created").count()
    assert sum(r.created + r.updated for r in first) == summary.total
    assert sum(r.updated for r in first) == matched
    injected = sandboxes.fault_counts()
    for kind in ("429", "5xx", "timeout", "truncate"):
        assert sum(c.get(kind, 0) for c in injected.values()) > 0, (kind, injected)

    customers = await Customer.filter(organization_id=org.id).count()
    steps = await LifecycleTransition.filter(organization_id=org.id).count()
    again = [await sync(gql, source, "FULL") for source in SOURCES]
    assert [(r.created, r.updated, r.failed) for r in again] == [(0, 0, 0)] * 3
    assert sum(r.unchanged for r in again) == summary.total
    incremental = [await sync(gql, source, "INCREMENTAL") for source in SOURCES]
    assert [(r.created, r.updated, r.failed) for r in incremental] == [(0, 0, 0)] * 3
    assert await Customer.filter(organization_id=org.id).count() == customers
    assert await LifecycleTransition.filter(organization_id=org.id).count() == steps
