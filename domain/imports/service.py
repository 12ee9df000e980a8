"""CSV imports of customers and transactions. Imports are ALL-OR-NOTHING.

An upload is validated in full before anything is queued; if any row has a problem the
file is rejected with a list of errors (each naming the line of the file and the column)
and nothing is written. A valid file is stored with an import job; the job writes every
row in one database transaction, so a failure while writing (for example a customer
deleted since the upload) leaves nothing half-written, and running the job again never
writes a row twice.

Files are UTF-8 CSV (a byte-order mark is fine) with a header line. Column names are
matched ignoring case, surrounding spaces and inner spaces, underscores or hyphens
(``customer_id`` and ``Customer ID`` both mean ``CustomerID``); errors use the names below.
Values are stripped of surrounding spaces. Blank lines are ignored.

Customers (kind ``customers``), one row per customer:

- ``CustomerID`` (required): your id for the customer, unique in the file.
- ``Name`` (required).
- ``SignupDate`` (required): ISO 8601 date or date-time, e.g. ``2024-01-31`` or
  ``2024-01-31T14:30:00+02:00``; values without a time zone are UTC.
- ``Email``, ``Domain``, ``Industry``, ``Region``, ``Plan`` (optional text).
- ``Country`` (optional): ISO 3166-1 alpha-2 code such as ``US``, ``GB``, ``DE``.
- ``Currency`` (optional): ISO 4217 code, default ``USD``.
- ``MRR`` (optional): monthly recurring revenue, a number >= 0 with at most 2 decimals,
  default 0.
- ``Stage`` (optional): one of lead, mql, sql, opportunity, customer, expansion,
  contraction, at_risk, churned, reactivated. A new customer without one is a
  ``customer`` when its MRR is above 0, else a ``lead``.

Other columns are ignored. A CustomerID already known in the organization updates that
customer: every column present in the file overwrites the stored value (an empty cell
clears it; Currency falls back to USD, MRR to 0), columns absent from the file are left
as they are, and an empty Stage keeps the customer's current stage. A new customer gets
a lifecycle transition into its stage at its SignupDate, and a changed stage a transition
at import time, both with source ``import`` and reason "imported from <filename>".

Transactions (kind ``transactions``), one row per purchase:

- ``CustomerID`` (required): the CustomerID of a customer already imported into the
  same organization.
- ``TransactionDate`` (required): ISO 8601 date or date-time as above.
- ``TransactionAmount`` (required): a number >= 0 with at most 2 decimals.
- ``TransactionID`` (optional): your id for the transaction, unique in the file. Without
  one, a stable id is derived from the customer, date, amount and the number of identical
  rows before it, so importing the same file again adds nothing.
- ``Currency`` (optional): ISO 4217 code, default ``USD``.
- ``Quantity`` (optional): a whole number >= 1, default 1.

Every other named column (ProductCategory, Channel, Campaign, ReturnFlag, ...) is kept
verbatim in the transaction's ``properties``. A TransactionID already imported is skipped
(counted as unchanged), never duplicated or changed.

Errors: ``ImportRejected`` (code ``IMPORT_REJECTED``) carries ``errors``, a list of
``RowError(row, field, message)``: ``row`` is the line number in the file (the header is
line 1, 0 means the file as a whole), ``field`` the column name, or ``file`` for problems
with the file itself (too big, empty, not UTF-8, not CSV, a row with too many values).
At most 100 errors are listed; the total count is in the error's details.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any, TypeVar

import numpy as np
from tortoise.transactions import in_transaction

from domain.enums import ImportKind, JobKind, Source
from domain.errors import NotFound
from domain.imports.errors import FILE, ImportRejected, RowError, reject
from domain.imports.parse import (
    CustomerRecord,
    Inspection,
    ParsedImport,
    TransactionRecord,
    inspect_csv,
    parse_csv,
)
from domain.jobs import service as jobs
from domain.jobs.service import JobQueue, Progress
from domain.models import Customer, ImportBatch, Job, LifecycleTransition, Transaction

__all__ = [
    "ImportRejected",
    "ParsedImport",
    "RowError",
    "apply_import",
    "parse_csv",
    "stage_import",
]

MAX_ERRORS = 100
CUSTOMER_CHUNK = 500  # bounded by the bind parameters of one bulk UPDATE
TRANSACTION_CHUNK = 1000
IN_LIST_LIMIT = 10_000  # more CustomerIDs than this: read the organization's refs instead
OPTIONAL_CUSTOMER_FIELDS = {
    "Email": "email", "Domain": "domain", "Industry": "industry", "Country": "country",
    "Region": "region", "Plan": "plan", "Currency": "currency", "MRR": "mrr",
}

T = TypeVar("T")


async def stage_import(
    queue: JobQueue,
    org_id: int,
    kind: ImportKind,
    filename: str,
    content: bytes,
    *,
    max_bytes: int,
) -> Job:
    """Validate an upload in full, then store it with an import job and queue the job.

    Raises ImportRejected (and stores nothing) when anything is wrong with the file."""
    if len(content) > max_bytes:
        raise reject(
            0, FILE, f"the file is {_size(len(content))}; the limit is {_size(max_bytes)}"
        )
    inspection = await asyncio.to_thread(inspect_csv, kind, content, max_errors=MAX_ERRORS)
    if kind is ImportKind.TRANSACTIONS:
        await _resolve_customers(org_id, inspection)
    inspection.raise_if_invalid()
    name = clean_filename(filename)
    rows = inspection.parsed.rows

    async def prepare(job: Job) -> None:
        await ImportBatch.create(
            organization_id=org_id, job=job, kind=kind.value, filename=name, rows=rows,
            content=content,
        )

    params = {"kind": kind.value, "filename": name, "rows": rows}
    return await jobs.submit(queue, org_id, JobKind.IMPORT_CSV, params, prepare)


async def apply_import(job: Job, progress: Progress) -> dict[str, Any]:
    """Job handler: write the job's import batch in one transaction.

    A batch already applied returns the result stored with it. The file is validated
    again (the data may have changed since the upload); ImportRejected fails the job
    with the errors in its result and writes nothing."""
    org_id: int = job.organization_id  # type: ignore[attr-defined]
    batch = await ImportBatch.get_or_none(job_id=job.id, organization_id=org_id)
    if batch is None:
        raise NotFound(f"no import batch for job {job.id}", field="job")
    if batch.applied_at is not None:
        return await _stored_result(job)
    kind = ImportKind(batch.kind)
    inspection = await asyncio.to_thread(
        inspect_csv, kind, bytes(batch.content), max_errors=MAX_ERRORS
    )
    reason = f"imported from {batch.filename or 'a CSV file'}"[:500]
    async with in_transaction():
        locked = await ImportBatch.filter(id=batch.id).select_for_update().first()
        if locked is None or locked.applied_at is not None:
            return await _stored_result(job)
        parsed = inspection.parsed
        if kind is ImportKind.CUSTOMERS:
            inspection.raise_if_invalid()
            await progress(0.05, f"validated {parsed.rows} rows")
            counts = await _write_customers(org_id, parsed, reason, progress)
        else:
            customer_ids = await _resolve_customers(org_id, inspection)
            inspection.raise_if_invalid()
            await progress(0.05, f"validated {parsed.rows} rows")
            counts = await _write_transactions(org_id, parsed, customer_ids, progress)
        result: dict[str, Any] = {"kind": kind.value, "rows": parsed.rows, **counts.as_dict()}
        await ImportBatch.filter(id=batch.id).update(applied_at=datetime.now(UTC))
        job.result = result
        await job.save(update_fields=["result"])
    return result


def clean_filename(filename: str) -> str:
    """The file's base name (no directories), at most 255 characters."""
    return PurePosixPath(filename.replace("\\", "/")).name.strip()[:255]


async def customer_ids(org_id: int, refs: Collection[str]) -> dict[str, int]:
    """Customer ids by external_ref for `refs` in the organization, in one query."""
    if not refs:
        return {}
    query = Customer.filter(organization_id=org_id)
    if len(refs) <= IN_LIST_LIMIT:
        query = query.filter(external_ref__in=list(refs))
    else:
        query = query.filter(external_ref__not_isnull=True)
    rows = await query.values_list("external_ref", "id")
    wanted = set(refs)
    return {ref: id_ for ref, id_ in rows if ref in wanted}


async def _resolve_customers(org_id: int, inspection: Inspection) -> dict[str, int]:
    """Flag every transaction whose CustomerID is unknown in the organization."""
    records = inspection.parsed.transactions
    found = await customer_ids(org_id, {r.customer_ref for r in records})
    log = inspection.log
    unknown = np.zeros(len(log.lines), dtype=bool)
    refs: dict[int, str] = {}
    for record in records:
        if record.customer_ref not in found:
            unknown[record.position] = True
            refs[record.position] = record.customer_ref
    log.flag(
        "CustomerID", unknown,
        lambda i: f'no customer with CustomerID "{refs[i]}" in this organization; '
        "import the customers first",
    )
    return found


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class _Reporter:
    """Reports write progress from 5% to 95%, at most about once per percent."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.reported = 0.0

    async def advance(self, rows: int) -> None:
        self.done += rows
        fraction = 0.05 + 0.9 * self.done / self.total
        if fraction - self.reported >= 0.01 or self.done >= self.total:
            self.reported = fraction
            await self.progress(fraction, f"written {self.done} of {self.total} rows")


async def _write_customers(
    org_id: int, parsed: ParsedImport, reason: str, progress: Progress
) -> Counts:
    present = [OPTIONAL_CUSTOMER_FIELDS[c] for c in parsed.columns if c in OPTIONAL_CUSTOMER_FIELDS]
    fields = ["name", "created_at", *present, "stage", "updated_at"]
    counts, reporter = Counts(), _Reporter(progress, parsed.rows)
    for chunk in _chunks(parsed.customers, CUSTOMER_CHUNK):
        now = datetime.now(UTC)
        existing = {
            c.external_ref: c
            for c in await Customer.filter(
                organization_id=org_id, external_ref__in=[r.external_ref for r in chunk]
            )
        }
        new: list[Customer] = []
        changed: list[Customer] = []
        transitions: list[LifecycleTransition] = []
        for record in chunk:
            customer = existing.get(record.external_ref)
            if customer is None:
                new.append(_new_customer(org_id, record))
                continue
            before = customer.stage
            if not _update_customer(customer, record, present):
                counts.unchanged += 1
                continue
            customer.updated_at = now
            changed.append(customer)
            if customer.stage != before:
                transitions.append(LifecycleTransition(
                    organization_id=org_id, customer_id=customer.id, from_stage=before,
                    to_stage=customer.stage, at=now, source=Source.IMPORT, reason=reason,
                ))
        if new:
            await Customer.bulk_create(new, batch_size=CUSTOMER_CHUNK)
            ids = await customer_ids(org_id, [c.external_ref for c in new if c.external_ref])
            transitions += [
                LifecycleTransition(
                    organization_id=org_id, customer_id=ids[c.external_ref], from_stage=None,
                    to_stage=c.stage, at=c.created_at, source=Source.IMPORT, reason=reason,
                )
                for c in new
                if c.external_ref
            ]
        if changed:
            await Customer.bulk_update(changed, fields=fields, batch_size=CUSTOMER_CHUNK)
        if transitions:
            await LifecycleTransition.bulk_create(transitions, batch_size=CUSTOMER_CHUNK)
        counts.created += len(new)
        counts.updated += len(changed)
        await reporter.advance(len(chunk))
    return counts


def _new_customer(org_id: int, record: CustomerRecord) -> Customer:
    now = datetime.now(UTC)
    return Customer(
        organization_id=org_id, external_ref=record.external_ref, name=record.name,
        email=record.email, domain=record.domain, industry=record.industry,
        country=record.country, region=record.region, plan=record.plan,
        currency=record.currency, mrr=record.mrr, stage=record.initial_stage,
        created_at=record.created_at, first_seen_at=record.created_at, updated_at=now,
    )


def _update_customer(customer: Customer, record: CustomerRecord, present: list[str]) -> bool:
    """Copy the file's values onto `customer`; True when anything changed."""
    changed = False
    for name in ("name", "created_at", *present):
        value = getattr(record, name)
        if getattr(customer, name) != value:
            setattr(customer, name, value)
            changed = True
    if record.stage is not None and customer.stage != record.stage:
        customer.stage = record.stage
        changed = True
    return changed


async def _write_transactions(
    org_id: int, parsed: ParsedImport, ids: dict[str, int], progress: Progress
) -> Counts:
    counts, reporter = Counts(), _Reporter(progress, parsed.rows)
    for chunk in _chunks(parsed.transactions, TRANSACTION_CHUNK):
        existing = set(
            await Transaction.filter(
                organization_id=org_id, external_id__in=[r.external_id for r in chunk]
            ).values_list("external_id", flat=True)
        )
        new = [_new_transaction(org_id, r, ids) for r in chunk if r.external_id not in existing]
        if new:
            await Transaction.bulk_create(new, batch_size=TRANSACTION_CHUNK)
        counts.created += len(new)
        counts.unchanged += len(chunk) - len(new)
        await reporter.advance(len(chunk))
    return counts


def _new_transaction(org_id: int, record: TransactionRecord, ids: dict[str, int]) -> Transaction:
    return Transaction(
        organization_id=org_id, customer_id=ids[record.customer_ref],
        external_id=record.external_id, at=record.at, amount=record.amount,
        currency=record.currency, quantity=record.quantity, source=Source.IMPORT,
        properties=record.properties,
    )


async def _stored_result(job: Job) -> dict[str, Any]:
    """The result written with the batch (in the same transaction as its rows)."""
    stored = await Job.filter(id=job.id).values_list("result", flat=True)
    result = stored[0] if stored else None
    if not isinstance(result, dict):
        raise NotFound(f"import job {job.id} was applied but its result is missing", field="job")
    return result


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"
