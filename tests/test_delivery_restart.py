"""A worker killed mid-send: the new worker re-sends only the request in flight, with the
same webhook-id, and nothing acknowledged is sent twice (real worker processes)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from domain.campaigns.execution import execute_actions, request_execution
from domain.enums import (
    Channel,
    DeliveryStatus,
    JobStatus,
)
from domain.models import (
    Delivery,
    Job,
    Organization,
)
from domain.settings import Settings
from tests.support.deliveries import (
    ROOT,
    world,
)
from tests.support.receiver import HANG, Receiver
from workers.queue import ArqJobQueue


def start_worker(settings: Settings, redis_url: str, queue: str, log: Path
                 ) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REDIS_URL": redis_url, "LIFELINE_QUEUE_NAME": queue,
           "LIFELINE_ENV": "test", "LIFELINE_JOB_STALE_SECONDS": "3",
           "LIFELINE_DELIVERY_TIMEOUT_SECONDS": "3", "LIFELINE_DELIVERY_LEASE_SECONDS": "12",
           "LIFELINE_DELIVERY_BACKOFF_SECONDS": "0.1"}
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    else:
        env["LIFELINE_SQLITE_PATH"] = str(settings.sqlite_path)
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)


async def until(check: Any, wait: float, what: str, proc: Any = None) -> None:
    deadline = time.monotonic() + wait
    while not await check():
        assert proc is None or proc.poll() is None, f"the worker exited while waiting: {what}"
        assert time.monotonic() < deadline, f"timed out waiting: {what}"
        await asyncio.sleep(0.05)


@pytest.fixture
def worker_log() -> Any:
    path = Path(tempfile.mkdtemp(prefix="lifeline-deliveries-")) / "worker.log"
    yield path
    if path.exists() and os.environ.get("LIFELINE_SHOW_WORKER_LOG"):
        print(path.read_text()[-5000:])


async def test_a_worker_restart_sends_nothing_twice(
        org: Organization, settings: Settings, runtime: Any, receiver: Receiver,
        worker_log: Path) -> None:
    actions = await world(org, settings, 30, channels=[Channel.WEBHOOK], url=receiver.url)
    result = await execute_actions(org.id, [a.id for a in actions], actor="ops",
                                   settings=settings)
    events = {d.id: d.event_id for d in await Delivery.filter(id__in=result.deliveries)}
    assert len(events) == 30
    receiver.script([200] * 29 + [HANG])  # the last request is processed, its answer lost
    queue = ArqJobQueue(runtime.redis, f"lifeline:deliveries:{uuid.uuid4().hex[:8]}")
    job = await request_execution(queue, org.id)
    # the workers' sweeper would pick up jobs earlier tests left unfinished in this database
    await Job.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).exclude(
        id=job.id).update(status=JobStatus.FAILED, error="left by an earlier test")

    async def sent() -> int:
        return await Delivery.filter(id__in=result.deliveries,
                                     status=DeliveryStatus.SENT).count()

    first = start_worker(settings, runtime.redis_url, queue.queue_name, worker_log)
    second = None
    try:
        async def held_and_rest_sent() -> bool:
            return receiver.held.is_set() and await sent() == 29

        await until(held_and_rest_sent, 60, "29 sent and one held", first)
        first.send_signal(signal.SIGKILL)
        first.wait()
        [in_flight] = await Delivery.filter(id__in=result.deliveries,
                                            status=DeliveryStatus.SENDING)
        held_id = receiver.requests[-1].webhook_id
        assert in_flight.event_id == held_id and in_flight.attempts == 1
        acknowledged = set(events.values()) - {held_id}
        assert in_flight.locked_until is not None
        await asyncio.sleep(max((in_flight.locked_until - datetime.now(UTC)).total_seconds(),
                                3.0) + 0.5)  # the lease and the job's heartbeat expire
        second = start_worker(settings, runtime.redis_url, queue.queue_name, worker_log)

        async def all_sent() -> bool:
            return await sent() == 30 and (await Job.get(id=job.id)).status.finished

        await until(all_sent, 90, "the new worker to finish", second)
    finally:
        receiver.release()
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    done = await Job.get(id=job.id)
    assert done.status is JobStatus.SUCCEEDED and done.attempts == 2  # resumed by the new one
    assert (await Delivery.get(id=in_flight.id)).attempts == 2
    # every event processed exactly once; none acknowledged twice; only the one in flight at
    # the kill was sent again, with the same webhook-id (and the receiver saw a duplicate)
    assert receiver.processed == dict.fromkeys(events.values(), 1)
    assert all(receiver.answered(e) == 1 for e in events.values())
    assert all(receiver.ids().count(e) == 1 for e in acknowledged)
    repeats = [r for r in receiver.requests if r.webhook_id == held_id]
    assert [(r.answer, r.duplicate) for r in repeats] == [(None, False), (200, True)]
    assert all(r.verified for r in receiver.requests)


# -- (f) executing actions -----------------------------------------------------------------
