"""The sync API: credentials stay secret, errors are data, one sync per source at a time,
progress streams, exhausted allowances pause, schedules fire once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from domain.auth.service import create_api_key
from domain.db import is_postgres
from domain.enums import JobKind, Role, Source, SyncMode, SyncStatus
from domain.errors import ValidationFailed
from domain.jobs import service as jobs
from domain.models import Integration, Job, Organization, SyncRun
from domain.settings import get_settings
from domain.sync import crypto
from domain.sync import service as syncs
from domain.sync.schedule import parse_cron
from domain.sync.store import transient
from integrations.http import RetryPolicy
from integrations.sandbox.app import STRIPE_KEY, Sandboxes
from tests.support.api import count_statements
from tests.support.sync import HeldQueue, connect, finished, stripe_world
from tests.support.ws import receive, subscribe, ws_connect
from tests.test_sync_stripe import START, sync
from workers.sync.runner import run_sync

CONFIGURE = """mutation($input: ConfigureIntegrationInput!) {
  configureIntegration(input: $input) {
    __typename
    ... on IntegrationConfigured { integration { source baseUrl configuredSecrets schedule } }
    ... on UserError { code field message }
  }
}"""


async def test_credentials_are_encrypted_write_only_and_checked(
        org: Organization, gql: Any) -> None:
    secret = "sk_live_very_secret_value_123"
    body = await gql(CONFIGURE, {"input": {"source": "STRIPE", "apiKey": secret,
                                           "baseUrl": "https://api.stripe.com",
                                           "schedule": "*/15 * * * *"}})
    configured = body["data"]["configureIntegration"]
    assert configured["__typename"] == "IntegrationConfigured"
    assert configured["integration"]["configuredSecrets"] == ["apiKey"]
    listed = await gql.raw("{ integrations { source configuredSecrets baseUrl } }")
    assert secret not in str(body) and secret not in listed.text
    stored = await Integration.get(organization_id=org.id, source=Source.STRIPE)
    assert secret not in stored.secrets_encrypted
    assert crypto.decrypt(get_settings(), stored.secrets_encrypted) == {"api_key": secret}

    # Omitting a credential keeps it; a new webhook secret is added beside it.
    await gql(CONFIGURE, {"input": {"source": "STRIPE", "webhookSecret": "whsec_1"}})
    stored = await Integration.get(id=stored.id)
    assert crypto.decrypt(get_settings(), stored.secrets_encrypted) == {
        "api_key": secret, "webhook_secret": "whsec_1"}

    cases = [
        ({"source": "HUBSPOT"}, "accessToken", "required"),
        ({"source": "STRIPE", "accessToken": "x"}, "accessToken", "takes no accessToken"),
        ({"source": "STRIPE", "baseUrl": "ftp://x"}, "baseUrl", "not an http"),
        ({"source": "STRIPE", "schedule": "61 * * * *"}, "schedule", "outside 0-59"),
        ({"source": "STRIPE", "schedule": "daily"}, "schedule", "5 fields"),
        ({"source": "SALESFORCE", "clientId": "id", "clientSecret": " "}, "clientSecret",
         "empty"),
        ({"source": "DEMO", "apiKey": "k"}, "source", "not an integration"),
    ]
    for data, field, words in cases:
        result = (await gql(CONFIGURE, {"input": data}))["data"]["configureIntegration"]
        assert (result["__typename"], result["field"]) == ("ValidationError", field), result
        assert words in result["message"]
    operator = await gql(CONFIGURE, {"input": {"source": "STRIPE", "apiKey": "k"}},
                         role=Role.OPERATOR)
    assert operator["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    stored_after = await Integration.get(id=stored.id)
    assert stored_after.secrets_encrypted == stored.secrets_encrypted  # nothing half-written


async def test_a_production_server_refuses_to_store_credentials_without_a_key() -> None:
    settings = get_settings().model_copy(update={"env": "prod", "secret_keys": ""})
    with pytest.raises(crypto.SecretKeyMissing):
        crypto.encrypt(settings, {"api_key": "x"})
    rotated = get_settings().model_copy(update={
        "secret_keys": "a2V5LW9uZS1rZXktb25lLWtleS1vbmUta2V5LW9uZSE=,"
                       "a2V5LXR3by1rZXktdHdvLWtleS10d28ta2V5LXR3byE="})
    old = get_settings().model_copy(update={
        "secret_keys": "a2V5LXR3by1rZXktdHdvLWtleS10d28ta2V5LXR3byE="})
    token = crypto.encrypt(old, {"api_key": "x"})
    assert crypto.decrypt(rotated, token) == {"api_key": "x"}  # old key still decrypts
    with pytest.raises(crypto.SecretsUnreadable):
        crypto.decrypt(get_settings(), token)


async def test_start_sync_errors_are_data_and_one_run_per_source(
        org: Organization, gql: Any, sandboxes: Sandboxes, runtime: Any) -> None:
    missing = (await gql(START, {"source": "HUBSPOT", "mode": "FULL"},
                         role=Role.OPERATOR))["data"]["startSync"]
    assert (missing["__typename"], missing["code"]) == (
        "IntegrationNotConfiguredError", "INTEGRATION_NOT_CONFIGURED")
    analyst = await gql(START, {"source": "STRIPE", "mode": "FULL"}, role=Role.ANALYST)
    assert analyst["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

    await connect(org.id, sandboxes, Source.STRIPE)
    parked = HeldQueue()
    first = await syncs.start_sync(parked, org.id, Source.STRIPE, SyncMode.FULL)
    busy = (await gql(START, {"source": "STRIPE", "mode": "INCREMENTAL"},
                      role=Role.OPERATOR))["data"]["startSync"]
    assert busy["__typename"] == "SyncInProgressError" and busy["runId"] == str(first.id)
    assert await SyncRun.filter(organization_id=org.id).count() == 1
    assert await Job.filter(organization_id=org.id, kind=JobKind.SYNC_SOURCE).count() == 1


async def test_sync_progress_streams_counts_until_the_run_ends(
        org: Organization, sandboxes: Sandboxes, runtime: Any, live_server: str) -> None:
    stripe_world(sandboxes, 400)
    await connect(org.id, sandboxes, Source.STRIPE)
    run = await syncs.start_sync(HeldQueue(), org.id, Source.STRIPE, SyncMode.FULL)
    key = await create_api_key(org.id, Role.VIEWER)
    query = ("subscription($id: ID!) { syncProgress(runId: $id) "
             "{ status stream created updated unchanged pages } }")
    transport = httpx.ASGITransport(app=sandboxes.app)
    policy = RetryPolicy(base_delay=0.001, timeout=2.0)

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await run_sync(job, progress, bus=runtime.bus, settings=get_settings(),
                              transport=transport, policy=policy)

    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, query, {"id": str(run.id)})
        first = await receive(ws)
        assert first["payload"]["data"]["syncProgress"]["status"] == "QUEUED"
        task = asyncio.create_task(jobs.run(run.job_id, runtime.bus, handler))
        updates = []
        while (message := await receive(ws))["type"] != "complete":
            updates.append(message["payload"]["data"]["syncProgress"])
        await task
    assert updates[-1]["status"] == "SUCCEEDED" and updates[-1]["created"] == 2400
    created = [u["created"] for u in updates]
    assert created == sorted(created) and len(updates) >= 2


async def test_an_exhausted_salesforce_allowance_pauses_then_resumes_from_the_cursor(
        org: Organization, gql: Any, sandboxes: Sandboxes, runtime: Any) -> None:
    for i in range(2500):  # two query batches of accounts
        sandboxes.salesforce.put("Account", {"Name": f"Account {i}",
                                             "Website": f"https://a{i}.example"})
    await connect(org.id, sandboxes, Source.SALESFORCE)
    parked = HeldQueue()
    run = await syncs.start_sync(parked, org.id, Source.SALESFORCE, SyncMode.FULL)
    calls = {"n": 0}
    original = sandboxes.salesforce.faults

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await run_sync(job, progress, bus=runtime.bus, settings=get_settings(),
                              transport=transport, policy=RetryPolicy(base_delay=0.001))

    class LimitAfterFirstPage(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if "/query/" in request.url.path:  # the second page of accounts
                calls["n"] += 1
                original.request_limit_exceeded = True
            return await inner.handle_async_request(request)

    inner = httpx.ASGITransport(app=sandboxes.app)
    transport = LimitAfterFirstPage()
    await jobs.run(run.job_id, runtime.bus, handler)
    paused = await SyncRun.get(id=run.id)
    assert paused.status is SyncStatus.PAUSED and paused.created == 2000
    assert "REQUEST_LIMIT_EXCEEDED" in paused.message or "limit" in paused.message.lower()
    integration = await Integration.get(organization_id=org.id, source=Source.SALESFORCE)
    assert integration.paused_until is not None
    refused = (await gql(START, {"source": "SALESFORCE", "mode": "FULL"},
                         role=Role.OPERATOR))["data"]["startSync"]
    assert refused["__typename"] == "IntegrationPausedError" and refused["pausedUntil"]

    # The allowance is back: the scheduler resumes the run under a new job.
    original.request_limit_exceeded = False
    await Integration.filter(id=integration.id).update(
        paused_until=datetime.now(UTC) - timedelta(seconds=1))
    assert await syncs.resume_paused(parked) == 1
    resumed = await SyncRun.get(id=run.id)
    assert resumed.status is SyncStatus.QUEUED and resumed.job_id == parked.jobs[-1].id
    transport = httpx.ASGITransport(app=sandboxes.app)  # type: ignore[assignment]
    await jobs.run(resumed.job_id, runtime.bus, handler)
    done = await SyncRun.get(id=run.id)
    assert done.status is SyncStatus.SUCCEEDED and done.created == 2500


async def test_schedules_fire_once_per_minute_they_match(org: Organization,
                                                          sandboxes: Sandboxes) -> None:
    with pytest.raises(ValidationFailed):
        parse_cron("*/0 * * * *")
    cron = parse_cron("5,35 9-17 * * 1-5")
    monday = datetime(2026, 11, 23, 9, 35, tzinfo=UTC)
    assert cron.matches(monday) and not cron.matches(monday + timedelta(days=5))
    assert not cron.matches(monday.replace(minute=36))

    await connect(org.id, sandboxes, Source.STRIPE)
    await Integration.filter(organization_id=org.id).update(schedule="*/10 * * * *")
    due = datetime(2026, 11, 23, 10, 20, 30, tzinfo=UTC)
    mine = [i for i in await syncs.due_schedules(due) if i.organization_id == org.id]
    assert len(mine) == 1
    again = [i for i in await syncs.due_schedules(due) if i.organization_id == org.id]
    assert again == []  # a second scheduler in the same minute starts nothing
    later = [i for i in await syncs.due_schedules(due + timedelta(minutes=1))
             if i.organization_id == org.id]
    assert later == []


async def test_sync_runs_page_reads_in_constant_statements(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    stripe_world(sandboxes, 20)
    await connect(org.id, sandboxes, Source.STRIPE)
    for _ in range(3):
        await sync(gql)
    query = ("{ syncRuns(first: 10) { totalCount edges { node { id source status created "
             "updated unchanged failed errors { code } durationSeconds jobId } } } }")
    with count_statements() as statements:
        data = await gql.data(query)
    assert len(data["syncRuns"]["edges"]) == 3
    assert len([s for s in statements if "sync_run" in s]) == 2  # the page and its count
    assert STRIPE_KEY not in str(data)
    assert all(e["node"]["status"] == "SUCCEEDED" for e in data["syncRuns"]["edges"])
    await finished(int(data["syncRuns"]["edges"][0]["node"]["jobId"]))


async def test_a_provider_failure_fails_the_run_with_its_reason_and_frees_the_source(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    await connect(org.id, sandboxes, Source.STRIPE)
    await gql(CONFIGURE, {"input": {"source": "STRIPE", "apiKey": "sk_test_wrong"}})
    run = await sync(gql)
    assert run.status is SyncStatus.FAILED and "stripe" in run.message
    job = await Job.get(id=run.job_id)
    assert job.result is not None and job.result["code"] == "PROVIDER_FAILED"
    assert job.result["status"] == 401

    await gql(CONFIGURE, {"input": {"source": "STRIPE", "apiKey": STRIPE_KEY}})
    assert (await sync(gql)).status is SyncStatus.SUCCEEDED


async def test_a_run_whose_job_was_given_up_no_longer_blocks_its_source(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    await connect(org.id, sandboxes, Source.STRIPE)
    stuck = await syncs.start_sync(HeldQueue(), org.id, Source.STRIPE, SyncMode.FULL)
    await Job.filter(id=stuck.job_id).update(
        status="failed", error="gave up after 3 attempts (the worker stopped or timed out)")
    fresh = await sync(gql)
    assert fresh.status is SyncStatus.SUCCEEDED
    old = await SyncRun.get(id=stuck.id)
    assert old.status is SyncStatus.FAILED and "gave up" in old.message


def test_only_deadlocks_and_serialization_failures_are_retried() -> None:
    class Aborted(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__(sqlstate)
            self.sqlstate = sqlstate

    def wrapped(inner: Exception) -> Exception:
        try:
            raise RuntimeError("wrapped by the ORM") from inner
        except RuntimeError as outer:
            return outer

    assert transient(Aborted("40P01")) and transient(wrapped(Aborted("40001")))
    assert not transient(Aborted("23505"))  # a unique violation is a bug, not bad luck
    assert not transient(ValueError("no sqlstate"))


async def test_long_retry_waits_keep_the_job_alive(org: Organization, monkeypatch: Any
                                                   ) -> None:
    from workers.sync import runner

    job = await Job.create(organization_id=org.id, kind=JobKind.SYNC_SOURCE, status="running",
                           heartbeat_at=datetime.now(UTC) - timedelta(hours=1))
    monkeypatch.setattr(runner, "HEARTBEAT_EVERY", 0.05)
    await runner.alive_while_sleeping(job.id)(0.12)  # a Retry-After longer than a beat
    fresh = await Job.get(id=job.id)
    assert fresh.heartbeat_at is not None
    assert datetime.now(UTC) - fresh.heartbeat_at < timedelta(seconds=5)


async def test_page_writes_take_the_organization_row_lock(
        org: Organization, sandboxes: Sandboxes, runtime: Any) -> None:
    if not is_postgres():
        pytest.skip("SQLite serialises writers without row locks")
    stripe_world(sandboxes, 5)
    await connect(org.id, sandboxes, Source.STRIPE)
    run = await syncs.start_sync(HeldQueue(), org.id, Source.STRIPE, SyncMode.FULL)

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await run_sync(job, progress, bus=runtime.bus, settings=get_settings(),
                              transport=httpx.ASGITransport(app=sandboxes.app),
                              policy=RetryPolicy(base_delay=0.001))

    with count_statements() as statements:
        await jobs.run(run.job_id, runtime.bus, handler)
    locks = [s for s in statements if 'FROM "organization"' in s and "FOR NO KEY UPDATE" in s]
    assert len(locks) >= 4  # one per page written
