"""Sending executed actions through their channels: the EXECUTE_ACTIONS job (one
organization's due deliveries, now) and the minute cron (every organization's, a bounded
batch). Each claimed delivery is sent and its outcome recorded at once, a few at a time.

Webhooks go through a real network client; tests may route them with
`ctx["webhook_transport"]`. HubSpot tasks use `ctx["transport"]` and `ctx["retry_policy"]`
like the syncs, else the network and a policy short enough to end within the lease (at
least four request timeouts: `lease_seconds`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from domain.campaigns import delivery as deliveries
from domain.enums import Channel, DeliveryStatus, Source
from domain.errors import DomainError
from domain.jobs import service as jobs
from domain.models import Action, Delivery, Job
from domain.settings import Settings
from domain.sync import config as sync_config
from integrations.http import AuthFailed, BadResponse, ProviderError, RetryPolicy
from integrations.hubspot import HubSpotClient
from integrations.outbound import SendResult, WebhookSender

log = logging.getLogger(__name__)

CHUNK = 8  # claimed at a time and all sent at once, so each ends within its lease
CRON_BATCH = 500  # deliveries one cron run sends at most (the next minute does the rest)
JOB_WAIT = 5.0  # a job waits for a retry due within this many seconds instead of ending
JOB_BUDGET = 600.0  # seconds a job keeps sending before it leaves the rest to the cron


@dataclass
class Totals:
    sent: int = 0
    retrying: int = 0
    dead: int = 0

    @property
    def done(self) -> int:
        return self.sent + self.retrying + self.dead

    def add(self, row: Delivery) -> None:
        if row.status is DeliveryStatus.SENT:
            self.sent += 1
        elif row.status is DeliveryStatus.DEAD:
            self.dead += 1
        else:
            self.retrying += 1

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "retrying": self.retrying, "dead": self.dead}


def lease_seconds(settings: Settings) -> float:
    """The claim's lease: the configured one, but never shorter than a send can take (an
    expired lease lets another worker send the same delivery while this one still is)."""
    return max(settings.delivery_lease_seconds, 4 * settings.delivery_timeout_seconds)


def task_policy(ctx: dict[str, Any], settings: Settings) -> RetryPolicy:
    policy = ctx.get("retry_policy")
    if isinstance(policy, RetryPolicy):
        return policy
    return RetryPolicy(max_attempts=3, base_delay=0.5, max_delay=5.0,
                       timeout=settings.delivery_timeout_seconds, max_retry_after=10.0)


def provider_result(exc: ProviderError) -> SendResult:
    """A HubSpot failure as a send outcome: refusals are final, the rest retried."""
    final = isinstance(exc, AuthFailed | BadResponse)
    return SendResult(ok=False, status_code=exc.status, error=f"{exc.provider}: {exc.message}",
                      retryable=not final, retry_after=exc.retry_after)


class Channels:
    """One run's senders: the webhook client, and a HubSpot client per organization. Each
    organization's webhook target (or why there is none) is read once per run."""

    def __init__(self, ctx: dict[str, Any], settings: Settings) -> None:
        self.ctx = ctx
        self.settings = settings
        self._http = httpx.AsyncClient(transport=ctx.get("webhook_transport"))
        self.webhooks = WebhookSender(self._http, timeout=settings.delivery_timeout_seconds)
        self._hubspot: dict[int, HubSpotClient] = {}
        self._targets: dict[int, deliveries.WebhookTarget | deliveries.Undeliverable] = {}

    async def aclose(self) -> None:
        for client in self._hubspot.values():
            await client.aclose()
        await self._http.aclose()

    async def _hubspot_client(self, org_id: int) -> HubSpotClient:
        if org_id not in self._hubspot:
            try:
                creds = await sync_config.credentials(org_id, Source.HUBSPOT, self.settings)
            except DomainError as exc:
                raise deliveries.Undeliverable(f"HubSpot is not connected: {exc.message}",
                                               field="source") from exc
            self._hubspot[org_id] = HubSpotClient(
                creds.secrets.get("access_token", ""), base_url=creds.base_url,
                transport=self.ctx.get("transport"), policy=task_policy(self.ctx, self.settings))
        return self._hubspot[org_id]

    async def _webhook_target(self, org_id: int) -> deliveries.WebhookTarget:
        if org_id not in self._targets:
            try:
                self._targets[org_id] = await deliveries.webhook_target(org_id, self.settings)
            except deliveries.Undeliverable as exc:
                self._targets[org_id] = exc
        target = self._targets[org_id]
        if isinstance(target, deliveries.Undeliverable):
            raise target
        return target

    async def _attempt(self, row: Delivery, actions: Mapping[int, Action]) -> SendResult:
        if row.channel is Channel.WEBHOOK:
            target = await self._webhook_target(row.organization_id)
            body = deliveries.action_payload(deliveries.action_of(row, actions))
            return await self.webhooks.send(target.url, target.secret, row.event_id, body)
        if row.channel is Channel.HUBSPOT_TASK:
            task = deliveries.hubspot_task(row, deliveries.action_of(row, actions))
            client = await self._hubspot_client(row.organization_id)
            task_id = await client.create_task(task.company_id, task.subject, task.body,
                                               task.due, priority=task.priority)
            log.info("delivery %s: HubSpot task %s on company %s", row.id, task_id,
                     task.company_id)
            return SendResult(ok=True, status_code=201)
        return SendResult(ok=False, error=f"channel {row.channel.value} is not sent")

    async def send(self, row: Delivery, actions: Mapping[int, Action]) -> Delivery:
        """One attempt of a claimed delivery (its action among `actions`, as
        `deliveries.actions_of` reads them), recorded before returning."""
        try:
            result = await self._attempt(row, actions)
        except DomainError as exc:
            result = SendResult(ok=False, error=exc.message)
        except ProviderError as exc:
            result = provider_result(exc)
        except Exception as exc:  # recorded and retried; the run goes on
            log.exception("delivery %s failed", row.id)
            result = SendResult(ok=False, retryable=True,
                                error=f"internal error ({type(exc).__name__})")
        return await deliveries.record_result(row, result, self.settings)


Report = Callable[[Totals], Awaitable[None]]


async def send_claimed(channels: Channels, rows: list[Delivery], totals: Totals) -> None:
    """Send the claimed rows all at once (a chunk: CHUNK at most), their actions read once."""
    actions = await deliveries.actions_of(rows)

    async def one(row: Delivery) -> None:
        totals.add(await channels.send(row, actions))

    await asyncio.gather(*(one(row) for row in rows))


async def drain(channels: Channels, *, org_id: int | None = None, budget: int | None = None,
                report: Report | None = None) -> Totals:
    """Claim and send due deliveries, CHUNK at a time, until none is due (or `budget` sent).
    One organization's (its job) waits for a retry due within JOB_WAIT seconds. The cron
    (every organization) leaves those with their own job queued or running when it starts
    alone."""
    settings = channels.settings
    totals = Totals()
    started = time.monotonic()
    excluded = await deliveries.organizations_sending() if org_id is None else set()
    while budget is None or totals.done < budget:
        size = CHUNK if budget is None else min(CHUNK, budget - totals.done)
        rows = await deliveries.claim_due(
            datetime.now(UTC), size, lease_seconds(settings), org_id=org_id,
            exclude_orgs=excluded, max_attempts=settings.delivery_max_attempts)
        if rows:
            await send_claimed(channels, rows, totals)
            if report is not None:
                await report(totals)
            continue
        if org_id is None or time.monotonic() - started > JOB_BUDGET:
            break
        due = await deliveries.next_due(org_id)
        pause = (due - datetime.now(UTC)).total_seconds() if due is not None else None
        if pause is None or pause > JOB_WAIT:
            break
        await asyncio.sleep(max(pause, 0.0) + 0.01)
    return totals


async def execute_actions(ctx: dict[str, Any], job_id: int) -> None:
    """Send the job's organization's due deliveries (retries due within seconds included);
    later retries are left to the cron. Running it again sends only what is still due."""

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        settings: Settings = ctx["settings"]
        due = await deliveries.count_due(job.organization_id, datetime.now(UTC))
        await progress(0.0, f"{due} deliveries due")

        async def report(totals: Totals) -> None:
            await progress(min(totals.done / max(due, totals.done, 1), 0.99),
                           f"{totals.sent} sent, {totals.retrying} to retry, "
                           f"{totals.dead} dead")

        channels = Channels(ctx, settings)
        try:
            totals = await drain(channels, org_id=job.organization_id, report=report)
        finally:
            await channels.aclose()
        return totals.as_dict()

    await jobs.run(job_id, ctx["bus"], handler)


async def send_due_deliveries(ctx: dict[str, Any]) -> int:
    """Cron, every minute: send every organization's due deliveries (at most CRON_BATCH),
    retries after backoff and leases of dead workers included. Returns how many were sent
    (acknowledged)."""
    channels = Channels(ctx, ctx["settings"])
    try:
        totals = await drain(channels, budget=CRON_BATCH)
    finally:
        await channels.aclose()
    if totals.done:
        log.info("deliveries: %s", totals.as_dict())
    return totals.sent

