"""What survives faults: full syncs of 50k records from all three sandboxes (served on
loopback, seeded from the demo world) through 429 bursts, 5xx and a worker killed mid-run
end with exactly the sources' records."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from domain.db import is_postgres
from domain.enums import Source, SyncMode, SyncStatus
from domain.models import (
    Contact,
    CustomerLink,
    Invoice,
    Lead,
    Opportunity,
    OpportunityStageChange,
    Organization,
    Payment,
    Subscription,
    SyncRun,
)
from domain.settings import Settings
from domain.sync.service import start_sync
from integrations.hubspot import HubSpotClient
from integrations.salesforce import (
    ACCOUNT,
    CONTACT,
    LEAD,
    OPPORTUNITY,
    OPPORTUNITY_HISTORY,
    SalesforceClient,
)
from integrations.sandbox.app import (
    HUBSPOT_TOKEN,
    SALESFORCE_ID,
    SALESFORCE_SECRET,
    STRIPE_KEY,
    Sandboxes,
)
from integrations.sandbox.faults import Faults
from integrations.stripe.client import StripeClient
from tests.support.sync import connect, finished
from tests.test_sandbox_seed import drain
from workers.queue import ArqJobQueue
from workers.sandbox_seed import seed_sandboxes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CUSTOMERS = 1750  # the demo world: about 51,000 records across the three providers
CUSTOMERS = int(os.environ.get("LIFELINE_FAULT_CUSTOMERS", str(DEFAULT_CUSTOMERS)))


@pytest.fixture
def served() -> Iterator[Sandboxes]:
    """Sandboxes served by uvicorn on a loopback port, in a thread of this process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sandboxes = Sandboxes(f"http://127.0.0.1:{port}")
    server = uvicorn.Server(uvicorn.Config(sandboxes.app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield sandboxes
    server.should_exit = True
    thread.join(timeout=5)


def worker(settings: Settings, redis_url: str, queue: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REDIS_URL": redis_url, "LIFELINE_QUEUE_NAME": queue,
           "LIFELINE_JOB_STALE_SECONDS": "4", "LIFELINE_ENV": "test",
           "LIFELINE_SYNC_RETRY_ATTEMPTS": "10", "LIFELINE_SYNC_RETRY_BASE_DELAY": "0.01",
           "LIFELINE_SYNC_RETRY_MAX_DELAY": "0.1", "LIFELINE_SYNC_REQUEST_TIMEOUT": "5"}
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    else:
        env["LIFELINE_SQLITE_PATH"] = str(settings.sqlite_path)
    return subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def money(minor: int) -> Decimal:
    return Decimal(minor) / 100


async def source_records(sandboxes: Sandboxes) -> dict[str, list[Any]]:
    """Everything the sandboxes hold, read back through the provider clients."""
    transport = httpx.ASGITransport(app=sandboxes.app)
    async with StripeClient(STRIPE_KEY, base_url=sandboxes.url("stripe"),
                            transport=transport) as stripe, \
            HubSpotClient(HUBSPOT_TOKEN, base_url=sandboxes.url("hubspot"),
                          transport=transport) as hubspot, \
            SalesforceClient(SALESFORCE_ID, SALESFORCE_SECRET,
                             login_url=sandboxes.url("salesforce"),
                             transport=transport) as salesforce:
        return {
            "customers": await drain(stripe.list_customers),
            "subscriptions": await drain(stripe.list_subscriptions),
            "invoices": await drain(stripe.list_invoices),
            "charges": await drain(stripe.list_charges),
            "companies": await drain(hubspot.list_companies),
            "contacts": await drain(hubspot.list_contacts),
            "accounts": await drain(partial(salesforce.query_changed, ACCOUNT)),
            "sf_contacts": await drain(partial(salesforce.query_changed, CONTACT)),
            "leads": await drain(partial(salesforce.query_changed, LEAD)),
            "opportunities": await drain(partial(salesforce.query_changed, OPPORTUNITY)),
            "history": await drain(partial(salesforce.query_changed, OPPORTUNITY_HISTORY)),
        }


async def by(model: Any, org: Organization, key: str, **where: Any) -> dict[str, Any]:
    rows = await model.filter(organization_id=org.id, **where)
    keyed = {getattr(r, key): r for r in rows}
    assert len(keyed) == len(rows), f"{model.__name__}: duplicate {key}"
    return keyed


async def test_full_syncs_survive_rate_limits_server_errors_and_a_killed_worker(
        org: Organization, settings: Settings, runtime: Any, served: Sandboxes) -> None:
    if not is_postgres(settings):
        pytest.skip("two processes writing one SQLite file is not a supported deployment")
    summary = seed_sandboxes(served, customers=CUSTOMERS)
    assert summary.total >= 50_000 or CUSTOMERS != DEFAULT_CUSTOMERS
    await connect(org.id, served)
    served.set_faults(Faults(rate_429=0.10, burst=2, retry_after=0, rate_5xx=0.02, seed=11))
    queue = ArqJobQueue(runtime.redis, f"lifeline:faults:{uuid.uuid4().hex[:8]}")
    runs = [await start_sync(queue, org.id, source, SyncMode.FULL)
            for source in (Source.STRIPE, Source.HUBSPOT, Source.SALESFORCE)]

    async def written() -> int:
        return sum([(await SyncRun.get(id=r.id)).created for r in runs])

    first = worker(settings, runtime.redis_url, queue.queue_name)
    try:
        deadline = time.monotonic() + 120
        while await written() < summary.total // 3:
            assert first.poll() is None, "the first worker died on its own"
            assert time.monotonic() < deadline, "the first worker made no progress"
            await asyncio.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert await written() < summary.total
        await asyncio.sleep(4.5)  # the jobs' heartbeats go stale

        second = worker(settings, runtime.redis_url, queue.queue_name)
        try:
            done_jobs = [await finished(r.job_id, wait=240) for r in runs]
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()

    done = [await SyncRun.get(id=r.id) for r in runs]
    assert all(d.status is SyncStatus.SUCCEEDED for d in done), [d.message for d in done]
    assert max(j.attempts for j in done_jobs) == 2  # at least one run was resumed
    assert sum(d.failed for d in done) == 0
    # Each record once: created, or (an account found in another source) linked; the page
    # being written when the worker died is read again and found unchanged.
    matched = await CustomerLink.filter(organization_id=org.id).exclude(
        matched_by="created").count()
    assert matched > 100
    assert sum(d.created for d in done) == summary.total - matched
    assert sum(d.updated for d in done) == matched
    faults = served.fault_counts()
    assert sum(f.get("429", 0) for f in faults.values()) > 50, faults
    assert sum(f.get("5xx", 0) for f in faults.values()) > 5, faults

    served.set_faults(Faults())
    source = await source_records(served)
    links = await CustomerLink.filter(organization_id=org.id).values_list("source",
                                                                          "external_id")
    assert len(links) == len(set(links))
    for kind, name in ((Source.STRIPE, "customers"), (Source.HUBSPOT, "companies"),
                       (Source.SALESFORCE, "accounts")):
        assert {e for s, e in links if s == kind} == {r.id for r in source[name]}, kind
    subs = await by(Subscription, org, "stripe_id")
    assert set(subs) == {s.id for s in source["subscriptions"]}
    for record in source["subscriptions"]:
        assert subs[record.id].mrr == money(record.monthly_amount)
        assert subs[record.id].status.value == ("canceled" if record.status == "canceled"
                                                 else "active")
    invoices = await by(Invoice, org, "stripe_id")
    assert set(invoices) == {i.id for i in source["invoices"]}
    assert all(invoices[i.id].amount == money(i.total) for i in source["invoices"])
    payments = await by(Payment, org, "stripe_id")
    assert {p: r.status.value for p, r in payments.items()} == {
        c.id: c.status for c in source["charges"]}
    leads = await by(Lead, org, "hubspot_id", hubspot_id__not_isnull=True)
    assert {k: r.email for k, r in leads.items()} == {
        c.id: (c.email or "").lower() or None for c in source["contacts"]}
    sf_leads = await by(Lead, org, "salesforce_id", salesforce_id__not_isnull=True)
    assert set(sf_leads) == {lead.id for lead in source["leads"]}
    contacts = await by(Contact, org, "external_id")
    assert set(contacts) == {c.id for c in source["sf_contacts"]}
    opportunities = await by(Opportunity, org, "salesforce_id")
    assert {k: r.amount for k, r in opportunities.items()} == {
        o.id: o.amount for o in source["opportunities"]}
    history = await by(OpportunityStageChange, org, "salesforce_id")
    assert set(history) == {h.id for h in source["history"]}
