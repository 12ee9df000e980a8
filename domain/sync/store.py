"""Committing one page of a sync: its records and the run's cursor in one transaction.

A killed worker therefore loses at most the page it was writing, and the next attempt
starts from the cursor that was committed with the last page it wrote. Writing the same
page twice changes nothing (every write is an upsert keyed by the provider's id).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from domain.enums import Source
from domain.models import Organization, SyncRun
from domain.sync import accounts, billing, bulk, crm
from domain.sync.outcome import Outcome
from domain.sync.records import Batch


async def write_batch(org_id: int, source: Source, batch: Batch, now: datetime) -> Outcome:
    """Write a page's records in dependency order (inside the caller's transaction)."""
    out = Outcome()
    if batch.accounts:
        # Identity resolution reads then writes customers: serialise it per organization so
        # two sources syncing at once cannot both create the same company.
        await Organization.filter(id=org_id).select_for_update().values_list("id")
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
    """Write `batch` and move `run` to `cursor` atomically; returns what the page did."""
    now = datetime.now(UTC)
    async with in_transaction():
        out = await write_batch(run.organization_id, run.source, batch, now)
        _record(run, out, stream, cursor)
        await bulk.analyze_growing(SyncRun, run.pages)
        await run.save(update_fields=[
            "stream", "cursor", "created", "updated", "unchanged", "failed", "pages", "errors"])
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
