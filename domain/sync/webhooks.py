"""Receiving provider webhooks: verify, deduplicate on the event id, answer at once, and
leave the work to a job (which re-fetches current state, so order does not matter)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from domain.enums import JobKind, Source, WebhookStatus
from domain.errors import DomainError, NotFound
from domain.jobs import service as jobs
from domain.models import Integration, Job, Organization, WebhookEvent
from domain.settings import Settings
from domain.sync import crypto
from domain.sync.signatures import SignatureRejected, verify_hubspot, verify_stripe


class MalformedWebhook(DomainError):
    code = "MALFORMED_WEBHOOK"


class WebhookNotConfigured(DomainError):
    code = "WEBHOOK_NOT_CONFIGURED"


@dataclass(frozen=True)
class Receipt:
    accepted: int  # new events queued
    duplicates: int  # events seen before (ignored)
    job_id: int | None


async def _secret(org_slug: str | None, source: Source, name: str, settings: Settings
                  ) -> tuple[int, str]:
    if not org_slug:
        raise NotFound("name the organization with ?org=<slug> in the webhook URL",
                       field="org")
    org = await Organization.get_or_none(slug=org_slug)
    integration = None if org is None else await Integration.get_or_none(
        organization_id=org.id, source=source)
    if org is None or integration is None or not integration.enabled:
        raise NotFound(f"no {source.value} integration for organization '{org_slug}'",
                       field="org")
    secret = crypto.decrypt(settings, integration.secrets_encrypted).get(name)
    if not secret:
        raise WebhookNotConfigured(f"the {source.value} integration has no {name} configured",
                                   field=name)
    return org.id, secret


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise MalformedWebhook("the body is not valid JSON", field="body") from None


async def receive_stripe(queue: jobs.JobQueue, settings: Settings, org_slug: str | None,
                         body: bytes, signature: str | None) -> Receipt:
    org_id, secret = await _secret(org_slug, Source.STRIPE, "webhook_secret", settings)
    verify_stripe(body, signature, secret, now=time.time(),
                  tolerance=settings.webhook_tolerance_seconds)
    event = _json(body)
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) \
            or not isinstance(event.get("type"), str) or not isinstance(event.get("data"), dict):
        raise MalformedWebhook("a Stripe event needs an id, a type and data", field="body")
    return await _store(queue, org_id, Source.STRIPE, [(event["id"], event["type"], event)])


async def receive_hubspot(queue: jobs.JobQueue, settings: Settings, org_slug: str | None,
                          method: str, uri: str, body: bytes, signature: str | None,
                          timestamp: str | None) -> Receipt:
    org_id, secret = await _secret(org_slug, Source.HUBSPOT, "client_secret", settings)
    verify_hubspot(method, uri, body, signature, timestamp, secret, now=time.time(),
                   tolerance=settings.webhook_tolerance_seconds)
    events = _json(body)
    if not isinstance(events, list) or not all(
            isinstance(e, dict) and "eventId" in e and isinstance(e.get("subscriptionType"), str)
            and "objectId" in e for e in events):
        raise MalformedWebhook("HubSpot sends a list of events, each with eventId, "
                               "subscriptionType and objectId", field="body")
    return await _store(queue, org_id, Source.HUBSPOT,
                        [(str(e["eventId"]), e["subscriptionType"], e) for e in events])


class WebhookRace(DomainError):
    code = "WEBHOOK_RACE"


async def _store(queue: jobs.JobQueue, org_id: int, source: Source,
                 events: list[tuple[str, str, dict[str, Any]]]) -> Receipt:
    """Store the events not seen before and their job in one transaction."""
    known: set[str] = {str(e) for e in await WebhookEvent.filter(
        organization_id=org_id, source=source, event_id__in=[e[0] for e in events]
    ).values_list("event_id", flat=True)}
    fresh = list({e[0]: e for e in events if e[0] not in known}.values())
    duplicates = len(events) - len(fresh)
    if not fresh:
        return Receipt(0, duplicates, None)
    now = datetime.now(UTC)

    async def prepare(job: Job) -> None:
        await WebhookEvent.bulk_create([
            WebhookEvent(organization_id=org_id, source=source, event_id=event_id[:255],
                         type=kind[:100], payload=payload, received_at=now)
            for event_id, kind, payload in fresh])

    try:
        job = await jobs.submit(queue, org_id, JobKind.PROCESS_WEBHOOK,
                                {"source": source.value, "events": [e[0] for e in fresh]},
                                prepare)
    except IntegrityError:
        raise WebhookRace("the same event is being received concurrently; retry later",
                          field="body") from None
    return Receipt(len(fresh), duplicates, job.id)


async def pending_events(job: Job) -> list[WebhookEvent]:
    ids = [str(i) for i in job.params.get("events", [])]
    return await WebhookEvent.filter(
        organization_id=job.organization_id, source=Source(job.params["source"]),
        event_id__in=ids, status=WebhookStatus.RECEIVED).order_by("id")


async def mark(event: WebhookEvent, status: WebhookStatus, error: str | None = None) -> None:
    event.status, event.error = status, error
    event.processed_at = datetime.now(UTC)
    await event.save(update_fields=["status", "error", "processed_at"])


__all__ = ["MalformedWebhook", "Receipt", "SignatureRejected", "WebhookNotConfigured",
           "WebhookRace"]
