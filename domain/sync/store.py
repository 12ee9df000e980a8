"""Committing one page of a sync: its records and the run's cursor in one transaction.

A killed worker therefore loses at most the page it was writing, and the next attempt
starts from the cursor that was committed with the last page it wrote. Writing the same
page twice changes nothing (every write is an upsert keyed by the provider's id).
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from domain.enums import Source
from domain.locks import lock_organization
from domain.models import SyncRun
from domain.sync import accounts, billing, bulk, crm
from domain.sync.outcome import Outcome
from domain.sync.records import Batch

log = logging.getLogger(__name__)
TRANSIENT_ATTEMPTS = 4
RUN_FIELDS = ["stream", "cursor", "created", "updated", "unchanged", "failed", "pages",
              "errors"]


async def write_batch(org_id: int, source: Source, batch: Batch, now: datetime) -> Outcome:
    """Write a page's records in dependency order (inside the caller's transaction)."""
    out = Outcome()
    # Pages of one organization are written one at a time, whichever source they come
    # from: identity resolution reads then writes customers (two sources syncing at once
    # must not both create the same company), and pages of different sources update the
    # same customers (stage, MRR) in no particular order, which would deadlock.
    await lock_organization(org_id)
    if batch.accounts:
        out.add(await accounts.write_accounts(org_id, source, batch.accounts, now))
    account_deletions = [d.external_id for d in batch.deletions if d.kind == "account"]
    if account_deletions:
        await accounts.unlink_accounts(org_id, source, account_deletions, out)
    if batch.contacts:
        out.add(await crm.write_contacts(org_id, source, batch.contacts))
    if batch.subscriptions:
        out.add(await billing.write_subscriptions(org_id, batch.subscriptions, now))
    if batch.invoices:
        out.add(await billing.write_invoices(org_id, batch.invoices))
    if batch.payments:
        out.add(await billing.write_payments(org_id, batch.payments))
    if batch.leads:
        out.add(await crm.write_leads(org_id, source, batch.leads, now))
    if batch.opportunities:
        out.add(await crm.write_opportunities(org_id, source, batch.opportunities, now))
    if batch.history:
        out.add(await crm.write_history(org_id, batch.history))
    others = [d for d in batch.deletions if d.kind != "account"]
    if others:
        out.add(await crm.apply_deletions(org_id, others))
    for external_id, code, message in batch.skipped:
        out.fail("record", external_id, code, message)
    return out


async def commit_page(run: SyncRun, batch: Batch, stream: str, cursor: dict[str, Any]
                      ) -> Outcome:
    """Write `batch` and move `run` to `cursor` atomically; returns what the page did. A
    transaction the database aborts as a deadlock or serialization failure is retried."""
    for attempt in range(1, TRANSIENT_ATTEMPTS + 1):
        before = {name: getattr(run, name) for name in RUN_FIELDS}
        try:
            return await _commit(run, batch, stream, cursor)
        except Exception as exc:
            for name, value in before.items():
                setattr(run, name, value)
            if attempt == TRANSIENT_ATTEMPTS or not transient(exc):
                raise
            log.info("sync run %s: page transaction aborted (%s), retrying", run.id,
                     type(exc).__name__)
            await asyncio.sleep(random.uniform(0.01, 0.1) * attempt)
    raise AssertionError("unreachable")


def transient(exc: BaseException | None) -> bool:
    """A deadlock or serialization failure (SQLSTATE 40P01 / 40001), however wrapped."""
    seen = 0
    while exc is not None and seen < 5:
        if getattr(exc, "sqlstate", None) in ("40P01", "40001"):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


async def _commit(run: SyncRun, batch: Batch, stream: str, cursor: dict[str, Any]
                  ) -> Outcome:
    now = datetime.now(UTC)
    async with in_transaction():
        out = await write_batch(run.organization_id, run.source, batch, now)
        _record(run, out, stream, cursor)
        await run.save(update_fields=RUN_FIELDS)
    await bulk.analyze_growing(SyncRun, run.pages)  # outside: it locks the tables it reads
    return out


async def move_cursor(run: SyncRun, stream: str, cursor: dict[str, Any]) -> None:
    """Move the cursor without records (a stream finished, a watermark was read)."""
    run.stream, run.cursor = stream, cursor
    await run.save(update_fields=["stream", "cursor"])


def _record(run: SyncRun, out: Outcome, stream: str, cursor: dict[str, Any]) -> None:
    run.stream, run.cursor = stream, cursor
    run.created += out.created
    run.updated += out.updated
    run.unchanged += out.unchanged
    run.failed += out.failed
    run.pages += 1
    if out.errors and len(run.errors) < 100:
        run.errors = [*run.errors, *out.errors][:100]
