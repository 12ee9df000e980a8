"""Webhooks: verified, deduplicated, answered at once, applied by a job from current state."""

from __future__ import annotations

import json
import time
from typing import Any

from domain.enums import JobKind, Source, Stage, WebhookStatus
from domain.models import Customer, Job, LifecycleTransition, Organization, WebhookEvent
from domain.sync.signatures import sign_hubspot, sign_stripe
from integrations.sandbox.app import Sandboxes
from tests.support.sync import HUBSPOT_APP_SECRET, WEBHOOK_SECRET, connect, finished
from tests.test_sync_identity import acme
from tests.test_sync_stripe import sync


async def state(org: Organization) -> tuple[int, int, int]:
    return (await WebhookEvent.filter(organization_id=org.id).count(),
            await Job.filter(organization_id=org.id, kind=JobKind.PROCESS_WEBHOOK).count(),
            await LifecycleTransition.filter(organization_id=org.id).count())


def stripe_event(event_id: str, obj: dict[str, Any], kind: str) -> bytes:
    return json.dumps({"id": event_id, "object": "event", "type": kind, "created": 1,
                       "data": {"object": obj}}).encode()


async def post_stripe(gql: Any, org: Organization, body: bytes, *, secret: str = WEBHOOK_SECRET,
                      at: float | None = None, header: str | None = None) -> Any:
    signature = header or sign_stripe(body, secret, int(at or time.time()))
    return await gql.client.post(f"/webhooks/stripe?org={org.slug}", content=body,
                                 headers={"Stripe-Signature": signature,
                                          "Content-Type": "application/json"})


async def test_stripe_webhook_rejects_forgeries_and_replays_and_applies_a_valid_event(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    acme(sandboxes)
    await connect(org.id, sandboxes, Source.STRIPE)
    await sync(gql, "STRIPE", "FULL")
    customer = await Customer.get(organization_id=org.id)
    assert customer.stage is Stage.CUSTOMER
    before = await state(org)

    # The subscription is canceled at Stripe; the event says so.
    current = sandboxes.stripe.put_subscription({"id": "sub_acme", "status": "canceled"})
    body = stripe_event("evt_cancel_1", current, "customer.subscription.deleted")

    bad = await post_stripe(gql, org, body, secret="whsec_wrong")
    stale = await post_stripe(gql, org, body, at=time.time() - 301)
    missing = await gql.client.post(f"/webhooks/stripe?org={org.slug}", content=body)
    garbage = b'{"id": "evt_x", "type": '
    malformed = await post_stripe(gql, org, garbage)
    unknown_org = await gql.client.post("/webhooks/stripe?org=nobody", content=body,
                                        headers={"Stripe-Signature": "t=1,v1=00"})
    for response, status, code in ((bad, 400, "SIGNATURE_REJECTED"),
                                    (stale, 400, "SIGNATURE_REJECTED"),
                                    (missing, 400, "SIGNATURE_REJECTED"),
                                    (malformed, 400, "MALFORMED_WEBHOOK"),
                                    (unknown_org, 404, "NOT_FOUND")):
        assert response.status_code == status, response.text
        assert response.json()["error"]["code"] == code
        assert "Traceback" not in response.text
    assert "tolerance" in stale.json()["error"]["message"]
    assert await state(org) == before  # nothing stored, nothing queued, nothing moved

    good = await post_stripe(gql, org, body)
    assert good.status_code == 200 and good.json()["accepted"] == 1
    await finished(int(good.json()["jobId"]))
    replay = await post_stripe(gql, org, body)
    assert replay.status_code == 200
    assert (replay.json()["accepted"], replay.json()["duplicates"]) == (0, 1)

    customer = await Customer.get(id=customer.id)
    assert customer.stage is Stage.CHURNED
    steps = await LifecycleTransition.filter(customer_id=customer.id).order_by("id")
    assert (steps[-1].from_stage, steps[-1].to_stage, steps[-1].source) == (
        Stage.CUSTOMER, Stage.CHURNED, Source.STRIPE)
    event = await WebhookEvent.get(organization_id=org.id, event_id="evt_cancel_1")
    assert event.status is WebhookStatus.PROCESSED
    assert await state(org) == (before[0] + 1, before[1] + 1, before[2] + 1)


async def test_a_late_event_cannot_roll_back_newer_state(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    acme(sandboxes)
    await connect(org.id, sandboxes, Source.STRIPE)
    await sync(gql, "STRIPE", "FULL")
    old_snapshot = sandboxes.stripe.rendered("subscription", "sub_acme")
    sandboxes.stripe.put_subscription({"id": "sub_acme", "status": "canceled"})
    # The "active" event arrives after the cancellation: current state is re-fetched.
    late = await post_stripe(gql, org, stripe_event(
        "evt_old", old_snapshot, "customer.subscription.updated"))
    await finished(int(late.json()["jobId"]))
    assert (await Customer.get(organization_id=org.id)).stage is Stage.CHURNED


async def test_hubspot_v3_signature_over_method_uri_body_and_timestamp(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    acme(sandboxes)
    await connect(org.id, sandboxes, Source.HUBSPOT)
    uri = f"http://test/webhooks/hubspot?org={org.slug}"
    sandboxes.hubspot.put_company("902", {"name": "Initech", "domain": "initech.example",
                                          "lifecyclestage": "marketingqualifiedlead"})
    body = json.dumps([{"eventId": 4711, "subscriptionType": "company.creation",
                        "objectId": 902, "portalId": 1, "occurredAt": 1}]).encode()

    async def post(payload: bytes, *, millis: int | None = None, secret: str =
                   HUBSPOT_APP_SECRET) -> Any:
        stamp = millis or int(time.time() * 1000)
        return await gql.client.post(uri, content=payload, headers={
            "X-HubSpot-Signature-v3": sign_hubspot("POST", uri, payload, secret, stamp),
            "X-HubSpot-Request-Timestamp": str(stamp), "Content-Type": "application/json"})

    before = await state(org)
    assert (await post(body, secret="wrong")).status_code == 400
    assert (await post(body, millis=int((time.time() - 301) * 1000))).status_code == 400
    assert (await post(b"[{")).status_code == 400
    assert await state(org) == before
    ok = await post(body)
    assert ok.status_code == 200, ok.text
    await finished(int(ok.json()["jobId"]))
    assert (await post(body)).json()["duplicates"] == 1
    created = await Customer.get(organization_id=org.id, hubspot_id="902")
    assert (created.name, created.stage) == ("Initech", Stage.MQL)
