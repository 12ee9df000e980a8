"""What survives faults: a 50k-record sync from the sandboxes (served on loopback) through
429 bursts, 5xx and a worker killed mid-run ends with exactly the source's records."""

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
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from domain.db import is_postgres
from domain.enums import Source, SyncMode, SyncStatus
from domain.models import Customer, Invoice, Organization, Payment, Subscription, SyncRun
from domain.settings import Settings
from domain.sync.service import start_sync
from integrations.sandbox.app import Sandboxes
from integrations.sandbox.faults import Faults
from tests.support.sync import connect, finished, stripe_world
from workers.queue import ArqJobQueue

ROOT = Path(__file__).resolve().parents[1]
CUSTOMERS = int(os.environ.get("LIFELINE_FAULT_CUSTOMERS", "8400"))  # 6 records each: 50,400


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


async def test_full_sync_survives_rate_limits_server_errors_and_a_killed_worker(
        org: Organization, settings: Settings, runtime: Any, served: Sandboxes) -> None:
    if not is_postgres(settings):
        pytest.skip("two processes writing one SQLite file is not a supported deployment")
    world = stripe_world(served, CUSTOMERS)
    records = sum(len(v) for v in world.values())
    assert records >= 50_000 or CUSTOMERS != 8400
    await connect(org.id, served, Source.STRIPE)
    served.set_faults(Faults(rate_429=0.10, burst=2, retry_after=0, rate_5xx=0.02,
                             seed=11))
    queue_name = f"lifeline:faults:{uuid.uuid4().hex[:8]}"
    run = await start_sync(ArqJobQueue(runtime.redis, queue_name), org.id, Source.STRIPE,
                           SyncMode.FULL)

    first = worker(settings, runtime.redis_url, queue_name)
    try:
        deadline = time.monotonic() + 120
        while (await SyncRun.get(id=run.id)).created < records // 3:
            assert first.poll() is None, first.stderr.read() if first.stderr else b""
            assert time.monotonic() < deadline, "the first worker made no progress"
            await asyncio.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = await SyncRun.get(id=run.id)
        assert killed_at.status is SyncStatus.RUNNING and killed_at.created < records
        await asyncio.sleep(4.5)  # the job's heartbeat goes stale

        second = worker(settings, runtime.redis_url, queue_name)
        try:
            job = await finished(run.job_id, wait=180)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=20)
    finally:
        if first.poll() is None:
            first.kill()

    done = await SyncRun.get(id=run.id)
    assert job.attempts == 2 and done.status is SyncStatus.SUCCEEDED, done.message
    counts = served.fault_counts()["stripe"]
    assert counts.get("429", 0) > 50 and counts.get("5xx", 0) > 5, counts
    # Resumed from the committed cursor: every record once (the page being written when
    # the worker died may be written again, as unchanged).
    assert done.created == records and done.failed == 0
    assert done.updated == 0 and done.unchanged <= 100

    customers = {c.stripe_id: c for c in await Customer.filter(organization_id=org.id)}
    assert len(customers) == CUSTOMERS and set(customers) == {
        c["id"] for c in world["customers"]}
    for source in world["customers"][::97]:
        row = customers[source["id"]]
        assert (row.name, row.email, row.currency) == (
            source["name"], source["email"], source["currency"].upper())
    subs = {s.stripe_id: s for s in await Subscription.filter(organization_id=org.id)}
    assert set(subs) == {s["id"] for s in world["subscriptions"]}
    for source in world["subscriptions"]:
        row = subs[source["id"]]
        item = source["items"][0]
        assert row.status.value == source["status"]
        assert row.mrr == money(item["price"]["unit_amount"] * item["quantity"])
        assert row.seats == item["quantity"]
    invoices = {i.stripe_id: i for i in await Invoice.filter(organization_id=org.id)}
    assert set(invoices) == {i["id"] for i in world["invoices"]}
    assert all(invoices[i["id"]].amount == money(i["total"]) for i in world["invoices"])
    payments = {p.stripe_id: p for p in await Payment.filter(organization_id=org.id)}
    assert set(payments) == {c["id"] for c in world["charges"]}
    assert all(payments[c["id"]].status.value == c["status"] for c in world["charges"])
