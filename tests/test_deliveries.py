"""Executing retention actions and delivering them: signed webhooks a real receiver verifies
(and the `standardwebhooks` reference implementation too), 5xx retried with growing backoff
and the same webhook-id, dead letters after the last attempt or a 4xx, claims that never
overlap, and HubSpot tasks through the sandbox (a worker killed mid-send:
test_delivery_restart.py)."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from domain.campaigns import delivery as dl
from domain.campaigns.execution import execute_actions, request_execution
from domain.enums import (
    ActionStatus,
    Channel,
    DeliveryStatus,
    JobStatus,
    Route,
    Source,
)
from domain.errors import NotFound
from domain.models import (
    Action,
    Customer,
    Delivery,
    Job,
    Organization,
)
from domain.settings import Settings
from integrations.http import BadResponse
from integrations.hubspot import HubSpotClient
from integrations.outbound import SendResult, SignatureInvalid, WebhookSender, sign, verify
from integrations.sandbox.app import HUBSPOT_TOKEN, Sandboxes
from tests.support.deliveries import (
    OTHER_SECRET,
    SECRET,
    fast,
    held_job,
    run_job,
    world,
)
from tests.support.receiver import HANG, Receiver, reference_available, reference_verify
from tests.support.sync import connect, finished


def test_signatures_verify_and_tampering_fails() -> None:
    body = b'{"type":"retention.action.executed","data":{"action_id":1}}'
    now = int(time.time())
    headers = {"webhook-id": "evt_1", "webhook-timestamp": str(now),
               "webhook-signature": sign(SECRET, "evt_1", now, body)}
    verify(SECRET, headers, body)
    if reference_available():
        assert reference_verify(SECRET, headers, body) is True
    for bad_secret, bad_headers, bad_body in (
            (SECRET, headers, body.replace(b"1}", b"2}")),
            (OTHER_SECRET, headers, body),
            (SECRET, {**headers, "webhook-id": "evt_2"}, body),
            (SECRET, {**headers, "webhook-timestamp": str(now + 1)}, body)):
        with pytest.raises(SignatureInvalid):
            verify(bad_secret, bad_headers, bad_body)
        assert reference_verify(bad_secret, bad_headers, bad_body) in (False, None)
    old = now - 3600
    stale = {**headers, "webhook-timestamp": str(old),
             "webhook-signature": sign(SECRET, "evt_1", old, body)}
    with pytest.raises(SignatureInvalid, match="tolerance"):
        verify(SECRET, stale, body)
    # a rotated secret: several signatures, one matching is enough
    verify(SECRET, {**headers, "webhook-signature":
                    f"{sign(OTHER_SECRET, 'evt_1', now, body)} {headers['webhook-signature']}"},
           body)
    # a secret without the whsec_ prefix signs with its UTF-8 bytes
    plain = sign("plain-secret-of-sixteen", "evt_1", now, body)
    assert plain != sign(SECRET, "evt_1", now, body)
    verify("plain-secret-of-sixteen", {**headers, "webhook-signature": plain}, body)


async def test_a_receiver_verifies_a_real_send(receiver: Receiver) -> None:
    payload = {"type": "retention.action.executed", "data": {"action_id": 7, "note": "né"}}
    async with httpx.AsyncClient() as client:
        sender = WebhookSender(client, timeout=0.5)
        result = await sender.send(receiver.url, SECRET, "evt_real", payload)
        assert result == SendResult(ok=True, status_code=200)
        got = receiver.requests[-1]
        assert got.webhook_id == "evt_real" and got.verified, got.error
        if reference_available():
            assert got.reference_verified is True
        assert json.loads(got.body) == payload
        assert b" " not in got.body  # compact JSON: what was signed is what was sent

        wrong = await sender.send(receiver.url, OTHER_SECRET, "evt_wrong", payload)
        assert not wrong.ok and wrong.status_code == 401 and not wrong.retryable
        assert not receiver.requests[-1].verified
        assert receiver.requests[-1].reference_verified in (False, None)

        # a tampered body with the original headers fails verification at the receiver
        headers = {"webhook-id": got.webhook_id, "webhook-timestamp": got.timestamp,
                   "webhook-signature": sign(SECRET, got.webhook_id, int(got.timestamp),
                                             got.body)}
        tampered = await client.post(receiver.url, content=got.body.replace(b"7", b"8"),
                                     headers=headers)
        assert tampered.status_code == 401 and "no v1 signature" in tampered.text

        receiver.script([HANG])
        hung = await sender.send(receiver.url, SECRET, "evt_hang", payload)
        assert not hung.ok and hung.retryable and "no response within 0.5 s" in hung.error
        receiver.release()
        refused = await sender.send("http://127.0.0.1:9/closed", SECRET, "evt_x", payload)
        assert not refused.ok and refused.retryable and refused.status_code is None


# -- (b) (c) (e) retries, backoff, dead letters ----------------------------------------------


async def test_5xx_is_retried_with_the_same_webhook_id_and_growing_backoff(
        org: Organization, settings: Settings, runtime: Any, receiver: Receiver) -> None:
    fence = await held_job(org)
    [action] = await world(org, settings, 1, channels=[Channel.WEBHOOK, Channel.ONSITE],
                           url=receiver.url)
    result = await execute_actions(org.id, [action.id], actor="ops@acme.test",
                                   settings=settings)
    assert result.executed == [action.id] and len(result.deliveries) == 1
    receiver.script([500, 503])
    job = await run_job(fence, runtime, fast(settings))
    assert job.status is JobStatus.SUCCEEDED and job.result == {"sent": 1, "retrying": 2,
                                                                "dead": 0}
    row = await Delivery.get(id=result.deliveries[0])
    assert row.status is DeliveryStatus.SENT and row.attempts == 3 and row.sent_at
    assert [r.answer for r in receiver.requests] == [500, 503, 200]
    assert {r.webhook_id for r in receiver.requests} == {row.event_id}
    assert all(r.verified for r in receiver.requests)
    first, second = (b.at - a.at for a, b in zip(receiver.requests, receiver.requests[1:],
                                                 strict=False))
    assert first >= 0.1 and second >= 0.2  # waits in [base/2, base], then [base, 2 base]
    body = json.loads(receiver.requests[-1].body)
    assert body["type"] == "retention.action.executed"
    data = body["data"]
    assert data["action_id"] == action.id and data["campaign_id"] == action.campaign_id
    assert data["incentive"]["code"] == "save20" and data["incentive"]["percent"] == 20.0
    assert data["customer"]["id"] == action.customer_id and data["route"] == "auto"
    assert data["expires_at"] and data["message"].startswith("Hi ")


async def test_backoff_grows_per_attempt_and_is_capped(org: Organization, settings: Settings,
                                                       fenced: Job) -> None:
    [action] = await world(org, settings, 1, channels=[Channel.WEBHOOK], url="http://x.test/")
    result = await execute_actions(org.id, [action.id], actor="ops", settings=settings)
    config = settings.model_copy(update={"delivery_backoff_seconds": 10.0,
                                         "delivery_backoff_max_seconds": 60.0,
                                         "delivery_max_attempts": 7})
    failed = SendResult(ok=False, status_code=502, error="HTTP 502", retryable=True)
    moment = datetime.now(UTC)
    waits = []
    for attempt in range(1, 8):
        [row] = await dl.claim_due(moment, 5, 30.0, org_id=org.id)
        assert row.id == result.deliveries[0] and row.attempts == attempt
        assert row.status is DeliveryStatus.SENDING
        assert await dl.claim_due(moment, 5, 30.0, org_id=org.id) == []  # leased
        row = await dl.record_result(row, failed, config, now=moment)
        if attempt == 7:
            assert row.status is DeliveryStatus.DEAD
            assert row.last_error == "HTTP 502 (gave up after 7 attempts)"
            break
        stored = await Delivery.get(id=row.id)
        assert stored.status is DeliveryStatus.PENDING and stored.last_status_code == 502
        wait = (stored.next_attempt_at - moment).total_seconds()
        full = min(60.0, 10.0 * 2 ** (attempt - 1))
        assert full / 2 - 1e-3 <= wait <= full + 1e-3, (attempt, wait)
        waits.append(wait)
        assert await dl.claim_due(moment, 5, 30.0, org_id=org.id) == []  # not yet due
        moment = stored.next_attempt_at
    assert waits[:3] == sorted(waits[:3])  # [5, 10], [10, 20], [20, 40] s: never shorter
    assert max(waits) <= 60.0  # capped
    assert (await Delivery.get(id=row.id)).status is DeliveryStatus.DEAD


async def test_always_5xx_is_dead_lettered_and_retry_dead_resends(
        org: Organization, settings: Settings, runtime: Any, receiver: Receiver) -> None:
    fence = await held_job(org)
    [action] = await world(org, settings, 1, channels=[Channel.WEBHOOK], url=receiver.url)
    result = await execute_actions(org.id, [action.id], actor="ops", settings=settings)
    config = fast(settings, delivery_backoff_seconds=0.05, delivery_max_attempts=3)
    receiver.script(then=500)
    job = await run_job(fence, runtime, config)
    assert job.result == {"sent": 0, "retrying": 2, "dead": 1}
    row = await Delivery.get(id=result.deliveries[0])
    assert row.status is DeliveryStatus.DEAD and row.attempts == 3
    assert row.last_status_code == 500
    assert row.last_error.startswith("HTTP 500") and "gave up after 3 attempts" in row.last_error
    assert len(receiver.requests) == 3
    assert await dl.deliveries(org.id, DeliveryStatus.DEAD) == [row]

    receiver.script(then=200)
    again = await held_job(org)
    retried = await dl.retry_dead(org.id, [row.id])
    assert [(d.id, d.status, d.attempts) for d in retried] == [
        (row.id, DeliveryStatus.PENDING, 0)]
    await run_job(again, runtime, config)
    row = await Delivery.get(id=row.id)
    assert row.status is DeliveryStatus.SENT and row.attempts == 1
    assert [r.answer for r in receiver.requests] == [500, 500, 500, 200]
    assert set(receiver.ids()) == {row.event_id}
    assert await dl.retry_dead(org.id, [row.id]) == []  # a sent one is left alone
    with pytest.raises(NotFound) as missing:
        await dl.retry_dead(org.id, [row.id, 10**12])
    assert missing.value.field == "deliveryIds" and str(10**12) in missing.value.message


async def test_a_4xx_is_dead_lettered_at_once(org: Organization, settings: Settings,
                                              runtime: Any, receiver: Receiver) -> None:
    fence = await held_job(org)
    [action] = await world(org, settings, 1, channels=[Channel.WEBHOOK], url=receiver.url)
    result = await execute_actions(org.id, [action.id], actor="ops", settings=settings)
    receiver.script(then=400)
    job = await run_job(fence, runtime, fast(settings))
    assert job.result == {"sent": 0, "retrying": 0, "dead": 1}
    row = await Delivery.get(id=result.deliveries[0])
    assert row.status is DeliveryStatus.DEAD and row.attempts == 1
    assert row.last_status_code == 400 and "not retried" in row.last_error
    assert len(receiver.requests) == 1


async def test_claims_never_overlap_and_sent_rows_are_never_claimed(
        org: Organization, settings: Settings, fenced: Job) -> None:
    actions = await world(org, settings, 40, channels=[Channel.WEBHOOK], url="http://x.test/")
    result = await execute_actions(org.id, [a.id for a in actions], actor="ops",
                                   settings=settings)
    assert len(result.deliveries) == 40
    now = datetime.now(UTC)
    batches = await asyncio.gather(*(dl.claim_due(now, 7, 60.0, org_id=org.id)
                                     for _ in range(8)))
    claimed = [d.id for batch in batches for d in batch]
    assert sorted(claimed) == sorted(result.deliveries)  # each exactly once
    sent = next(d for batch in batches for d in batch)  # any claim may have come last
    await dl.record_result(sent, SendResult(ok=True, status_code=204), settings)
    # leases expire (a worker died): everything but the acknowledged one is claimable again
    later = now + timedelta(seconds=61)
    again = await dl.claim_due(later, 100, 60.0, org_id=org.id)
    assert sorted(d.id for d in again) == sorted(set(claimed) - {sent.id})
    assert all(d.attempts == 2 for d in again)
    # a delivery whose worker died on its last attempt is dead-lettered, not sent again
    last = await dl.claim_due(later + timedelta(seconds=61), 100, 60.0, org_id=org.id,
                              max_attempts=2)
    assert last == []
    assert await Delivery.filter(id__in=claimed, status=DeliveryStatus.DEAD).count() == 39
    assert (await Delivery.get(id=sent.id)).status is DeliveryStatus.SENT


# -- (d) a worker killed mid-send --------------------------------------------------------------


async def test_execute_runs_only_approved_actions_once(
        org: Organization, other_org: Organization, settings: Settings, fenced: Job) -> None:
    actions = await world(org, settings, 5, channels=[
        Channel.WEBHOOK, Channel.HUBSPOT_TASK, Channel.ONSITE], url="http://127.0.0.1:9/h")
    await Action.filter(id=actions[1].id).update(status=ActionStatus.PROPOSED, route=Route.REVIEW)
    await Action.filter(id=actions[2].id).update(status=ActionStatus.REJECTED)
    await Action.filter(id=actions[3].id).update(status=ActionStatus.CONTROL, incentive_id=None)
    await Customer.filter(id=actions[4].customer_id).update(hubspot_id="1000001")
    [foreign] = await world(other_org, settings, 1, channels=[Channel.WEBHOOK])
    ids = [a.id for a in actions]

    with pytest.raises(NotFound) as err:
        await execute_actions(org.id, [*ids, foreign.id], actor="ops", settings=settings)
    assert err.value.field == "actionIds" and str(foreign.id) in err.value.message
    assert await Action.filter(id__in=ids, status=ActionStatus.EXECUTED).count() == 0
    assert await Delivery.filter(organization_id=org.id).count() == 0

    moment = datetime(2026, 1, 31, 12, tzinfo=UTC)
    result = await execute_actions(org.id, ids, actor="ops@acme.test", settings=settings,
                                   now=moment)
    assert result.executed == [actions[0].id, actions[4].id]
    assert dict(result.skipped) == {
        actions[1].id: "status is proposed; only approved actions are executed",
        actions[2].id: "status is rejected; only approved actions are executed",
        actions[3].id: "status is control; only approved actions are executed"}
    done = await Action.get(id=actions[0].id)
    assert done.status is ActionStatus.EXECUTED and done.executed_at == moment
    assert done.offer_expires_at == datetime(2026, 4, 30, 12, tzinfo=UTC)  # + 3 months
    assert done.explanation["executed_by"] == "ops@acme.test"
    rows = await Delivery.filter(organization_id=org.id).order_by("id")
    assert sorted(r.id for r in rows) == result.deliveries
    assert {(r.action_id, r.channel) for r in rows} == {
        (a, c) for a in result.executed for c in (Channel.WEBHOOK, Channel.HUBSPOT_TASK)}
    assert len({r.event_id for r in rows}) == 4
    assert all(r.event_id.startswith("evt_") for r in rows)
    webhooks = [r for r in rows if r.channel is Channel.WEBHOOK]
    assert all(r.status is DeliveryStatus.PENDING and r.next_attempt_at == moment
               for r in webhooks)
    tasks = [r for r in rows if r.channel is Channel.HUBSPOT_TASK]
    assert all(r.status is DeliveryStatus.DEAD for r in tasks)  # no HubSpot integration
    assert all("HubSpot is not connected" in r.last_error for r in tasks)

    again = await execute_actions(org.id, ids, actor="ops", settings=settings)
    assert again.executed == [] and again.deliveries == []
    assert dict(again.skipped)[actions[0].id] == "already executed"
    assert await Delivery.filter(organization_id=org.id).count() == 4


async def test_an_action_without_incentive_expires_after_30_days(
        org: Organization, settings: Settings, fenced: Job) -> None:
    [action] = await world(org, settings, 1, channels=[Channel.ONSITE])
    await Action.filter(id=action.id).update(incentive_id=None, arm="none")
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    result = await execute_actions(org.id, [action.id], actor="ops", settings=settings,
                                   now=moment)
    assert result.executed == [action.id] and result.deliveries == []  # on-site: served
    done = await Action.get(id=action.id)
    assert done.offer_expires_at == moment + timedelta(days=30)


async def test_hubspot_task_is_created_on_the_company(
        org: Organization, settings: Settings, runtime: Any, sandboxes: Sandboxes) -> None:
    await connect(org.id, sandboxes, Source.HUBSPOT)
    company = sandboxes.hubspot.put_company(None, {"name": "Acme Corp"})
    actions = await world(org, settings, 2, channels=[Channel.HUBSPOT_TASK])
    await Customer.filter(id=actions[0].customer_id).update(hubspot_id=company)
    await Action.filter(id=actions[0].id).update(route=Route.URGENT)
    result = await execute_actions(org.id, [a.id for a in actions], actor="ops",
                                   settings=settings)
    rows = {r.action_id: r for r in await Delivery.filter(id__in=result.deliveries)}
    assert rows[actions[1].id].status is DeliveryStatus.DEAD
    assert "has no HubSpot company id" in rows[actions[1].id].last_error

    job = await finished((await request_execution(runtime.queue, org.id)).id)
    assert job.status is JobStatus.SUCCEEDED and job.result == {"sent": 1, "retrying": 0,
                                                                "dead": 0}
    assert (await Delivery.get(id=rows[actions[0].id].id)).status is DeliveryStatus.SENT
    [task] = sandboxes.hubspot.tasks.for_company(company)
    customer = await Customer.get(id=actions[0].customer_id)
    assert task.properties["hs_task_subject"] == (
        f"Retention offer for {customer.name}: 20% off for 3 months")
    assert task.properties["hs_task_status"] == "NOT_STARTED"
    assert task.properties["hs_task_priority"] == "HIGH"
    assert rows[actions[0].id].event_id in (task.properties["hs_task_body"] or "")
    assert len(sandboxes.hubspot.tasks.tasks) == 1


async def test_hubspot_client_creates_tasks_in_the_wire_format() -> None:
    sandboxes = Sandboxes()
    company = sandboxes.hubspot.put_company(None, {"name": "Globex"})
    due = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    async with HubSpotClient(HUBSPOT_TOKEN, base_url=sandboxes.url("hubspot"),
                             transport=httpx.ASGITransport(app=sandboxes.app)) as client:
        task_id = await client.create_task(company, "Call Globex", "Offer 20% off", due,
                                           owner_id="77")
        with pytest.raises(BadResponse, match="does not exist"):
            await client.create_task("999", "Nobody", "", due)
    task = sandboxes.hubspot.tasks.tasks[task_id]
    assert task.company_ids == [company]
    assert task.properties["hs_timestamp"] == "2026-05-04T09:30:00.000Z"
    assert task.properties["hubspot_owner_id"] == "77"
    assert task.properties["hs_task_priority"] == "MEDIUM"
