"""Durable jobs: idempotent runs, progress over graphql-transport-ws, the sweeper."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest
import websockets

from domain.auth.service import create_api_key, revoke_api_key
from domain.enums import JobKind, JobStatus, Role, Stage
from domain.jobs import service as jobs
from domain.jobs.service import Progress
from domain.journeys.service import move_stage
from domain.models import Job, Organization
from tests.support.api import seed_customers
from tests.support.ws import receive, subscribe, ws_connect

PROGRESS = """subscription($id: ID!) { jobProgress(jobId: $id) {
  jobId status progress message result error } }"""


async def test_a_finished_job_does_not_run_again(org: Organization, runtime: Any) -> None:
    calls: list[int] = []

    async def handler(job: Job, progress: Progress) -> dict[str, Any]:
        calls.append(job.id)
        await progress(0.5, "half way")
        return {"answer": 42}

    job = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV)
    await jobs.run(job.id, runtime.bus, handler)
    await jobs.run(job.id, runtime.bus, handler)
    job = await Job.get(id=job.id)
    assert calls == [job.id]
    assert (job.status, job.progress, job.result, job.attempts) == (
        JobStatus.SUCCEEDED, 1.0, {"answer": 42}, 1)


async def test_unexpected_failure_is_recorded_without_details(org: Organization,
                                                              runtime: Any) -> None:
    async def handler(job: Job, progress: Progress) -> dict[str, Any]:
        raise KeyError("secret-internal-detail")

    job = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV)
    with pytest.raises(KeyError):
        await jobs.run(job.id, runtime.bus, handler)
    job = await Job.get(id=job.id)
    assert job.status is JobStatus.FAILED
    assert job.error == "internal error (KeyError)"


async def test_sweeper_finds_only_stale_unfinished_jobs(org: Organization) -> None:
    stale = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV,
                             heartbeat_at=jobs.now() - timedelta(hours=1))
    fresh = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV,
                             heartbeat_at=jobs.now())
    done = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV,
                            status=JobStatus.SUCCEEDED,
                            heartbeat_at=jobs.now() - timedelta(hours=1))
    found = {j.id for j in await jobs.stale_jobs(timedelta(minutes=5))}
    assert stale.id in found
    assert fresh.id not in found and done.id not in found


async def test_job_progress_streams_until_done(org: Organization, runtime: Any,
                                               live_server: str) -> None:
    key = await create_api_key(org.id, Role.VIEWER)
    job = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV)
    release = asyncio.Event()

    async def handler(job: Job, progress: Progress) -> dict[str, Any]:
        await release.wait()
        for step in (1, 2, 3):
            await progress(step / 4, f"step {step}")
        return {"rows": 3}

    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, PROGRESS, {"id": str(job.id)})
        first = await receive(ws)
        assert first["payload"]["data"]["jobProgress"]["status"] == "QUEUED"
        runner = asyncio.create_task(jobs.run(job.id, runtime.bus, handler))
        release.set()
        updates = []
        while True:
            message = await receive(ws)
            if message["type"] == "complete":
                break
            updates.append(message["payload"]["data"]["jobProgress"])
        await runner
    assert [u["message"] for u in updates] == ["started", "step 1", "step 2", "step 3", "done"]
    assert updates[-1]["status"] == "SUCCEEDED" and updates[-1]["progress"] == 1.0
    assert updates[-1]["result"] == {"rows": 3}


async def test_websocket_needs_a_key_and_stays_in_its_organization(
    org: Organization, other_org: Organization, live_server: str
) -> None:
    async with ws_connect(live_server, {}) as ws:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await receive(ws)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401

    async with ws_connect(live_server, {"Authorization": "Bearer ll_nope"}) as ws:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await receive(ws)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401

    key = await create_api_key(org.id, Role.ADMIN)
    theirs = await Job.create(organization_id=other_org.id, kind=JobKind.IMPORT_CSV)
    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, PROGRESS, {"id": str(theirs.id)})
        message = await receive(ws)
        assert message["type"] in ("next", "error")
        errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_sweeper_gives_up_after_max_attempts(org: Organization, runtime: Any) -> None:
    old = jobs.now() - timedelta(hours=1)
    tired = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV,
                             status=JobStatus.RUNNING, attempts=jobs.MAX_ATTEMPTS,
                             heartbeat_at=old)
    await jobs.sweep(runtime.queue, timedelta(minutes=5), runtime.bus)
    tired = await Job.get(id=tired.id)
    assert tired.status is JobStatus.FAILED
    assert tired.error is not None and "gave up after 3 attempts" in tired.error


async def test_revoked_key_stops_working_on_an_open_socket(org: Organization,
                                                           live_server: str) -> None:
    key = await create_api_key(org.id, Role.ADMIN)
    job = await Job.create(organization_id=org.id, kind=JobKind.IMPORT_CSV,
                           status=JobStatus.SUCCEEDED)
    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, PROGRESS, {"id": str(job.id)})
        assert (await receive(ws))["type"] == "next"
        assert (await receive(ws))["type"] == "complete"
        await revoke_api_key(org.id, key.key.id)
        await ws.send(json.dumps({"id": "2", "type": "subscribe", "payload": {
            "query": PROGRESS, "variables": {"id": str(job.id)}}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await receive(ws)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


async def test_each_socket_operation_sees_fresh_data(org: Organization, live_server: str) -> None:
    [customer] = await seed_customers(org.id, 1, prefix="Fresh")
    key = await create_api_key(org.id, Role.ADMIN)
    query = "query($id: ID!) { customer(id: $id) { journey { toStage } } }"
    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, query, {"id": str(customer.id)})
        first = (await receive(ws))["payload"]["data"]["customer"]["journey"]
        assert (await receive(ws))["type"] == "complete"
        await move_stage(org.id, customer.id, Stage.AT_RISK)
        await ws.send(json.dumps({"id": "2", "type": "subscribe", "payload": {
            "query": query, "variables": {"id": str(customer.id)}}}))
        second = (await receive(ws))["payload"]["data"]["customer"]["journey"]
    assert len(second) == len(first) + 1
    assert second[-1] == {"toStage": "AT_RISK"}
