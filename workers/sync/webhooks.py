"""Applying received webhook events. Each event names an object; its current state is
fetched from the provider and written like a sync page, so events may arrive late, twice
or out of order without harm."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import httpx
from tortoise.transactions import in_transaction

from domain.enums import Source, WebhookStatus
from domain.jobs.service import Progress
from domain.models import Job
from domain.settings import Settings
from domain.sync import config as sync_config
from domain.sync.records import Batch, Deletion
from domain.sync.store import write_batch
from domain.sync.webhooks import mark, pending_events
from integrations.http import ProviderError, RetryPolicy
from integrations.hubspot import HubSpotClient
from integrations.hubspot.records import HubSpotCompany, HubSpotContact
from integrations.stripe.client import StripeClient
from workers.sync import hubspot as hubspot_sync
from workers.sync import stripe as stripe_sync
from workers.sync.runner import retry_policy

log = logging.getLogger(__name__)
HUBSPOT_KINDS = {"company": "companies", "contact": "contacts", "deal": "deals"}


async def _stripe_batch(client: StripeClient, payload: dict[str, Any]) -> Batch | None:
    obj = payload.get("data", {}).get("object", {})
    kind, object_id = obj.get("object"), obj.get("id")
    batch = Batch()
    if not isinstance(object_id, str):
        return None
    if kind == "customer":
        stripe_sync.add(batch, await client.get_customer(object_id))
        return batch
    fetch = {"subscription": client.get_subscription, "invoice": client.get_invoice,
             "charge": client.get_charge}.get(str(kind))
    if fetch is None:
        return None
    current = await fetch(object_id)
    owner = getattr(current, "customer", None)
    if owner:  # the customer first, in case its own event has not been applied yet
        stripe_sync.add(batch, await client.get_customer(owner))
    stripe_sync.add(batch, current)
    return batch


async def _hubspot_batch(client: HubSpotClient, words: hubspot_sync.Vocabulary,
                         payload: dict[str, Any]) -> Batch | None:
    kind = str(payload.get("subscriptionType", "")).partition(".")[0]
    object_id = str(payload.get("objectId", ""))
    if kind not in HUBSPOT_KINDS or not object_id:
        return None
    # A deletion too is checked against the current state: it may arrive after a restore.
    current = await client.get_object(HUBSPOT_KINDS[kind], object_id)
    if current is None:
        return Batch(deletions=[Deletion(Source.HUBSPOT,
                                         hubspot_sync.DELETED_AS[HUBSPOT_KINDS[kind]],
                                         object_id)])
    batch = Batch()
    if isinstance(current, HubSpotCompany):
        batch.accounts.append(words.account(current))
    elif isinstance(current, HubSpotContact):
        hubspot_sync.add_contact(words, batch, current)
    else:
        hubspot_sync.add_deal(words, batch, current)
    return batch


async def process_events(job: Job, progress: Progress, *, settings: Settings,
                         transport: httpx.AsyncBaseTransport | None = None,
                         policy: RetryPolicy | None = None) -> dict[str, Any]:
    events = await pending_events(job)
    source = Source(job.params["source"])
    creds = await sync_config.credentials(job.organization_id, source, settings)
    policy = policy or retry_policy(settings)
    counts = {"processed": 0, "ignored": 0, "failed": 0}
    if source is Source.STRIPE:
        stripe = StripeClient(creds.secrets["api_key"], base_url=creds.base_url,
                              transport=transport, policy=policy)
        close = stripe.aclose
    else:
        hub = HubSpotClient(creds.secrets["access_token"], base_url=creds.base_url,
                            transport=transport, policy=policy)
        close = hub.aclose
    try:
        if source is Source.HUBSPOT:
            words = hubspot_sync.Vocabulary(await hub.lifecycle_stages("companies"),
                                            await hub.lifecycle_stages("contacts"),
                                            await hub.deal_stages())
        for done, event in enumerate(events, 1):
            try:
                batch = (await _stripe_batch(stripe, event.payload) if source is Source.STRIPE
                         else await _hubspot_batch(hub, words, event.payload))
            except ProviderError as exc:
                log.warning("webhook event %s: %s", event.event_id, exc.message)
                await mark(event, WebhookStatus.FAILED, exc.message[:500])
                counts["failed"] += 1
                continue
            if batch is None:
                await mark(event, WebhookStatus.IGNORED)
                counts["ignored"] += 1
                continue
            async with in_transaction():
                await write_batch(job.organization_id, source, batch, datetime.now(UTC))
                await mark(event, WebhookStatus.PROCESSED)
            counts["processed"] += 1
            await progress(done / max(len(events), 1), f"{done} of {len(events)} events")
    finally:
        await close()
    return counts
