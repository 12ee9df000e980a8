"""CSV imports of customers and transactions. Imports are ALL-OR-NOTHING.

An upload is validated in full before anything is queued; if any row has a problem the
file is rejected with a list of errors (each naming the line of the file and the column)
and nothing is written. A valid file is stored with an import job; the job checks it again
and writes every row in one database transaction, so a failure while writing (for example
a customer deleted since the upload) leaves nothing half-written, and running the job
again never writes a row twice.

Files are UTF-8 CSV (a byte-order mark is fine) with a header line, at most the configured
size (``import_max_bytes``, 50 MB by default). Column names are matched ignoring case,
surrounding spaces and inner spaces, underscores or hyphens (``customer_id`` and
``Customer ID`` both mean ``CustomerID``); errors use the names below. Values are stripped
of surrounding spaces; blank lines, and empty columns without a name (the trailing commas
spreadsheets write), are ignored.

Value formats:

- dates: ISO 8601 date or date-time, e.g. ``2024-01-31``, ``2024-01-31T14:30:00Z`` or
  ``2024-01-31 14:30:00+02:00`` (``20240131`` is accepted too); values without a time
  zone are UTC; years 1900 to 2199.
- amounts: digits with an optional decimal point, >= 0, at most 2 decimals, at most
  999999999999.99; no currency symbols or thousands separators (``1234.50``).
- ids (CustomerID, TransactionID): at most 100 characters, compared exactly (case counts).
- text: Name, Email and Domain at most 255 characters, Industry, Region, Plan at most 100.

Customers (kind ``customers``), one row per customer:

- ``CustomerID`` (required): your id for the customer, unique in the file.
- ``Name`` (required).
- ``SignupDate`` (required): a date.
- ``Email`` (optional, an email address), ``Domain``, ``Industry``, ``Region``, ``Plan``
  (optional text).
- ``Country`` (optional): ISO 3166-1 alpha-2 code such as ``US``, ``GB``, ``DE``.
- ``Currency`` (optional): ISO 4217 code, default ``USD``.
- ``MRR`` (optional): monthly recurring revenue, an amount, default 0.
- ``Stage`` (optional): one of lead, mql, sql, opportunity, customer, expansion,
  contraction, at_risk, churned, reactivated (case, spaces and hyphens do not matter:
  ``At Risk`` is ``at_risk``). A new customer without one is a ``customer`` when its MRR
  is above 0, else a ``lead``.

Other columns are ignored. A CustomerID already known in the organization updates that
customer: every column present in the file overwrites the stored value (an empty cell
clears it; Currency falls back to USD, MRR to 0), columns absent from the file are left
as they are, and an empty Stage keeps the customer's current stage. A new customer gets
a lifecycle transition into its stage at its SignupDate, and a changed stage a transition
at import time, both with source ``import`` and reason "imported from <filename>". Stage
changes from an import are recorded as given, without the journey rules for manual moves.

Transactions (kind ``transactions``), one row per purchase:

- ``CustomerID`` (required): the CustomerID of a customer already imported into the
  same organization.
- ``TransactionDate`` (required): a date.
- ``TransactionAmount`` (required): an amount.
- ``TransactionID`` (optional): your id for the transaction, unique in the file. Without
  one, a stable id is derived from the customer, date, amount and the number of identical
  rows before it, so importing the same file again adds nothing.
- ``Currency`` (optional): ISO 4217 code, default ``USD``.
- ``Quantity`` (optional): a whole number >= 1, default 1.

Every other named column (ProductCategory, Channel, Campaign, ReturnFlag, ...) is kept
verbatim (header and value as written) in the transaction's ``properties``. A
TransactionID already imported is skipped (counted as unchanged), never duplicated or
changed.

Errors: ``ImportRejected`` (code ``IMPORT_REJECTED``) carries ``errors``, a list of
``RowError(row, field, message)``: ``row`` is the line number in the file (the header is
line 1; 0 means the file as a whole; a quoted value spanning lines counts every line),
``field`` the column name, or ``file`` for problems with the file itself (too big, empty,
no data rows, not UTF-8, not CSV, a row with more values than the header has columns).
All errors are found in one pass; at most 100 are listed, in file order, and the totals
are in the error's details (``total_errors``, ``rows_with_errors``). A failed import job
stores the same in its result.

A successful import job's result is ``{"kind", "rows", "created", "updated",
"unchanged"}``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

import numpy as np
from tortoise.transactions import in_transaction

from domain.enums import ImportKind, JobKind
from domain.errors import NotFound
from domain.imports.errors import FILE, ImportRejected, RowError, reject
from domain.imports.parse import (
    Inspection,
    ParsedImport,
    inspect_csv,
    parse_csv,
)
from domain.imports.write import customer_ids, write_customers, write_transactions
from domain.jobs import service as jobs
from domain.jobs.service import JobQueue, Progress
from domain.locks import lock_organization
from domain.models import ImportBatch, Job

__all__ = [
    "ImportRejected",
    "ParsedImport",
    "RowError",
    "apply_import",
    "parse_csv",
    "stage_import",
]

MAX_ERRORS = 100


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
    kind = ImportKind(kind)
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

    A batch already applied returns the result stored with it (written in the same
    transaction as its rows). The file is validated again (the data may have changed since
    the upload); ImportRejected fails the job with the errors in its result and writes
    nothing. Progress is published per chunk as rows are written; being part of the
    transaction, the stored progress is only seen by others when it commits."""
    org_id = job.organization_id
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
        # Customers are written one writer at a time per organization, like sync pages
        # (which resolve and create customers too): an import and a sync cannot both
        # create the same company, nor deadlock on each other's customer rows.
        await lock_organization(job.organization_id)
        locked = await ImportBatch.filter(id=batch.id).select_for_update().first()
        if locked is None or locked.applied_at is not None:
            return await _stored_result(job)
        parsed = inspection.parsed
        if kind is ImportKind.CUSTOMERS:
            inspection.raise_if_invalid()
            await progress(0.05, f"validated {parsed.rows} rows")
            counts = await write_customers(org_id, parsed, reason, progress)
        else:
            ids = await _resolve_customers(org_id, inspection)
            inspection.raise_if_invalid()
            await progress(0.05, f"validated {parsed.rows} rows")
            counts = await write_transactions(org_id, parsed, ids, progress)
        result: dict[str, Any] = {"kind": kind.value, "rows": parsed.rows, **counts.as_dict()}
        await ImportBatch.filter(id=batch.id).update(applied_at=datetime.now(UTC))
        job.result = result
        await job.save(update_fields=["result"])
    return result


def clean_filename(filename: str) -> str:
    """The file's base name (no directories), at most 255 characters."""
    return PurePosixPath(filename.replace("\\", "/")).name.strip()[:255]


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
