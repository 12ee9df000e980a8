"""CSV imports: validated in full, written all-or-nothing by the real job queue and worker."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from domain.enums import ImportKind, JobStatus, Source, Stage
from domain.events import job_channel
from domain.imports.service import (
    ImportRejected,
    RowError,
    apply_import,
    parse_csv,
    stage_import,
)
from domain.jobs import service as jobs
from domain.models import (
    Customer,
    ImportBatch,
    Job,
    LifecycleTransition,
    Organization,
    Transaction,
)
from tests.support.sync import HeldQueue, finished

MAX_BYTES = 1_000_000
WAIT_SECONDS = 30
CDNOW = Path(__file__).resolve().parents[2] / "shared" / "data" / "cdnow_master.txt"

CUSTOMERS = b"""\
CustomerID,Name,SignupDate,Email,Domain,Industry,Country,Region,Plan,Currency,MRR,Stage
C1,Acme,2024-01-05,ops@acme.io,acme.io,Software,us,West,Pro,eur,100.50,
C2,"Globex, Inc",2024-02-01T10:00:00+02:00,,,,,,,,,At Risk
C3,Initech,2024-03-01 09:30:00,,,,GB,,,,0,
"""

TRANSACTIONS = b"""\
CustomerID,TransactionID,TransactionDate,TransactionAmount,Quantity,ProductCategory,Channel
C1,T-1,2024-03-01,19.99,2,Books,web
C1,,2024-03-02T12:00:00Z,5.00,,Music,
C2,,2024-03-02,5,1,Music,store
C2,,2024-03-02,5.00,1,Music,store
"""


async def imported(org: Organization, runtime: Any, kind: ImportKind, content: bytes,
                   filename: str = "upload.csv") -> Job:
    job = await stage_import(runtime.queue, org.id, kind, filename, content,
                             max_bytes=MAX_BYTES)
    job = await finished(job.id, wait=WAIT_SECONDS)
    assert job.status is JobStatus.SUCCEEDED, job.result
    return job


async def snapshot(org: Organization) -> dict[str, int]:
    return {
        "customers": await Customer.filter(organization_id=org.id).count(),
        "transactions": await Transaction.filter(organization_id=org.id).count(),
        "transitions": await LifecycleTransition.filter(organization_id=org.id).count(),
        "jobs": await Job.filter(organization_id=org.id).count(),
        "batches": await ImportBatch.filter(organization_id=org.id).count(),
    }


async def add_customers(org: Organization, *refs: str) -> None:
    for ref in refs:
        await Customer.create(organization=org, name=f"Customer {ref}", external_ref=ref,
                              created_at=datetime(2024, 1, 1, tzinfo=UTC))


async def test_customers_import_creates_customers_with_transitions(
    org: Organization, runtime: Any
) -> None:
    content = CUSTOMERS.replace(b"CustomerID,Name,", b" customer id ,NAME ,", 1)
    job = await imported(org, runtime, ImportKind.CUSTOMERS, content, "C:\\exports\\crm.csv")

    assert job.result == {"kind": "customers", "rows": 3, "created": 3, "updated": 0,
                          "unchanged": 0}
    assert (job.progress, job.params) == (
        1.0, {"kind": "customers", "filename": "crm.csv", "rows": 3})
    acme = await Customer.get(organization_id=org.id, external_ref="C1")
    assert (acme.name, acme.email, acme.domain, acme.industry, acme.country, acme.region,
            acme.plan, acme.currency, acme.mrr, acme.stage) == (
        "Acme", "ops@acme.io", "acme.io", "Software", "US", "West", "Pro", "EUR",
        Decimal("100.50"), Stage.CUSTOMER)
    assert acme.created_at == datetime(2024, 1, 5, tzinfo=UTC)
    globex = await Customer.get(organization_id=org.id, external_ref="C2")
    assert (globex.name, globex.stage, globex.currency, globex.mrr, globex.email) == (
        "Globex, Inc", Stage.AT_RISK, "USD", Decimal("0"), None)
    assert globex.created_at == datetime(2024, 2, 1, 8, tzinfo=UTC)
    initech = await Customer.get(organization_id=org.id, external_ref="C3")
    assert initech.stage is Stage.LEAD
    assert initech.created_at == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)

    transitions = await LifecycleTransition.filter(organization_id=org.id).order_by("id")
    assert [(t.customer_id, t.from_stage, t.to_stage, t.source, t.reason)
            for t in transitions] == [
        (acme.id, None, Stage.CUSTOMER, Source.IMPORT, "imported from crm.csv"),
        (globex.id, None, Stage.AT_RISK, Source.IMPORT, "imported from crm.csv"),
        (initech.id, None, Stage.LEAD, Source.IMPORT, "imported from crm.csv"),
    ]
    batch = await ImportBatch.get(job_id=job.id)
    assert batch.applied_at is not None and bytes(batch.content) == content


async def test_reimport_updates_customers_without_duplicating(
    org: Organization, runtime: Any
) -> None:
    await imported(org, runtime, ImportKind.CUSTOMERS, CUSTOMERS)
    again = await imported(org, runtime, ImportKind.CUSTOMERS, CUSTOMERS)
    assert again.result == {"kind": "customers", "rows": 3, "created": 0, "updated": 0,
                            "unchanged": 3}

    changed = b"""customerid,name,signupdate,mrr,stage
C1,Acme Corp,2024-01-05,250,expansion
C2,"Globex, Inc",2024-02-01T08:00:00Z,0,
C4,Hooli,2024-04-01,,
"""
    job = await imported(org, runtime, ImportKind.CUSTOMERS, changed)
    assert job.result == {"kind": "customers", "rows": 3, "created": 1, "updated": 1,
                          "unchanged": 1}
    assert await Customer.filter(organization_id=org.id).count() == 4
    acme = await Customer.get(organization_id=org.id, external_ref="C1")
    # Columns present overwrite, absent ones (Email, Country, ...) are kept.
    assert (acme.name, acme.mrr, acme.stage, acme.email, acme.country) == (
        "Acme Corp", Decimal("250"), Stage.EXPANSION, "ops@acme.io", "US")
    globex = await Customer.get(organization_id=org.id, external_ref="C2")
    assert globex.stage is Stage.AT_RISK  # an empty Stage keeps the current one
    moves = await LifecycleTransition.filter(customer_id=acme.id).order_by("id")
    assert [(m.from_stage, m.to_stage) for m in moves] == [
        (None, Stage.CUSTOMER), (Stage.CUSTOMER, Stage.EXPANSION)]


async def test_transactions_import_keeps_other_columns_and_is_idempotent(
    org: Organization, runtime: Any
) -> None:
    await add_customers(org, "C1", "C2")
    job = await imported(org, runtime, ImportKind.TRANSACTIONS, TRANSACTIONS)
    assert job.result == {"kind": "transactions", "rows": 4, "created": 4, "updated": 0,
                          "unchanged": 0}

    rows = await Transaction.filter(organization_id=org.id).order_by("id")
    c1 = await Customer.get(organization_id=org.id, external_ref="C1")
    first = rows[0]
    assert (first.external_id, first.customer_id, first.amount, first.quantity,
            first.currency, first.source, first.properties) == (
        "T-1", c1.id, Decimal("19.99"), 2, "USD", Source.IMPORT,
        {"ProductCategory": "Books", "Channel": "web"})
    assert first.at == datetime(2024, 3, 1, tzinfo=UTC)
    assert rows[1].properties == {"ProductCategory": "Music", "Channel": ""}
    assert rows[1].at == datetime(2024, 3, 2, 12, tzinfo=UTC)
    # Identical rows without a TransactionID get distinct, stable ids.
    derived = [r.external_id for r in rows[1:]]
    assert len(set(derived)) == 3 and all(i.startswith("sha1:") for i in derived)

    again = await imported(org, runtime, ImportKind.TRANSACTIONS, TRANSACTIONS)
    assert again.result == {"kind": "transactions", "rows": 4, "created": 0, "updated": 0,
                            "unchanged": 4}
    assert [r.external_id for r in await Transaction.filter(organization_id=org.id)
            .order_by("id")] == ["T-1", *derived]


async def test_running_the_job_again_changes_nothing(org: Organization, runtime: Any) -> None:
    await add_customers(org, "C1", "C2")
    job = await imported(org, runtime, ImportKind.TRANSACTIONS, TRANSACTIONS)
    before = await snapshot(org)

    await jobs.run(job.id, runtime.bus, apply_import)
    assert await snapshot(org) == before

    # As if the worker died after the import committed but before the job was finished,
    # and the sweeper put the job back in the queue.
    await Job.filter(id=job.id).update(status=JobStatus.QUEUED)
    rerun = await jobs.run(job.id, runtime.bus, apply_import)
    assert rerun is not None and rerun.status is JobStatus.SUCCEEDED
    assert rerun.result == job.result
    assert await snapshot(org) == before


async def test_large_import_is_written_in_chunks_with_progress(
    org: Organization, runtime: Any
) -> None:
    lines = ["CustomerID,Name,SignupDate,MRR"]
    lines += [f"K{i},Company {i},2024-01-01,{i % 7}" for i in range(1200)]
    queue = HeldQueue()
    job = await stage_import(queue, org.id, ImportKind.CUSTOMERS, "big.csv",
                             "\n".join(lines).encode(), max_bytes=MAX_BYTES)
    events: list[dict[str, Any]] = []
    async with runtime.bus.subscription(job_channel(job.id)) as messages:
        await runtime.queue.enqueue(queue.jobs[0])
        async with asyncio.timeout(30):
            async for event in messages:
                events.append(event)
                if event["status"] in ("succeeded", "failed"):
                    break
    assert events[-1]["status"] == "succeeded"
    assert events[-1]["result"]["created"] == 1200
    created = [e["message"] for e in events if e["message"].startswith("created")]
    assert created == ["created 500 customers", "created 1000 customers",
                       "created 1200 customers"]
    fractions = [e["progress"] for e in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert await Customer.filter(organization_id=org.id).count() == 1200
    assert await LifecycleTransition.filter(organization_id=org.id).count() == 1200
    assert await Customer.filter(organization_id=org.id, stage=Stage.CUSTOMER).count() == 1028

    bumped = [lines[0]] + [f"K{i},Company {i},2024-01-01,{i % 7 + 1}" for i in range(1200)]
    job = await imported(org, runtime, ImportKind.CUSTOMERS, "\n".join(bumped).encode())
    assert job.result is not None and job.result["updated"] == 1200
    assert await Customer.filter(organization_id=org.id, mrr=Decimal("7")).count() == 171


CUSTOMER_HEADER = b"CustomerID,Name,SignupDate,MRR,Stage,Country,Currency\n"
TX_HEADER = b"CustomerID,TransactionID,TransactionDate,TransactionAmount,Quantity\n"

MALFORMED = [
    ("missing column", ImportKind.CUSTOMERS, b"CustomerID,SignupDate\nC1,2024-01-01\n",
     1, "Name", "the required column Name is missing"),
    ("empty file", ImportKind.CUSTOMERS, b"  \n", 0, "file", "empty"),
    ("header only", ImportKind.CUSTOMERS, CUSTOMER_HEADER, 1, "file", "no data rows"),
    ("not utf-8", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1,Caf\xe9,2024-01-01,,,,\n",
     2, "file", "not UTF-8"),
    ("empty required", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1, ,2024-01-01,,,,\n",
     2, "Name", "is required but empty"),
    ("bad date", ImportKind.CUSTOMERS,
     CUSTOMER_HEADER + b"C1,A,2024-01-01,,,,\nC2,B,31/01/2024,,,,\n",
     3, "SignupDate", '"31/01/2024" is not a valid date; expected ISO 8601'),
    ("line numbers follow quoted line breaks", ImportKind.CUSTOMERS,
     CUSTOMER_HEADER + b'C1,"two\nlines",2024-01-01,,,,\nC2,B,2024-13-01,,,,\n',
     4, "SignupDate", "2024-13-01"),
    ("negative mrr", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1,A,2024-01-01,-5,,,\n",
     2, "MRR", "negative"),
    ("non-numeric mrr", ImportKind.CUSTOMERS,
     CUSTOMER_HEADER + b"C1,A,2024-01-01,$100,,,\n", 2, "MRR", "not a number"),
    ("too many decimals", ImportKind.CUSTOMERS,
     CUSTOMER_HEADER + b"C1,A,2024-01-01,10.125,,,\n", 2, "MRR", "more than 2 decimals"),
    ("unknown stage", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1,A,2024-01-01,,vip,,\n",
     2, "Stage", "lead, mql, sql, opportunity, customer, expansion, contraction, at_risk"),
    ("bad country", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1,A,2024-01-01,,,USA,\n",
     2, "Country", "ISO-3166"),
    ("bad currency", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1,A,2024-01-01,,,,$$$\n",
     2, "Currency", "ISO-4217"),
    ("duplicate customer", ImportKind.CUSTOMERS,
     CUSTOMER_HEADER + b"C1,A,2024-01-01,,,,\nC1,B,2024-01-01,,,,\n",
     3, "CustomerID", "first on line 2"),
    ("too many values", ImportKind.CUSTOMERS, CUSTOMER_HEADER + b"C1,A,2024-01-01,,,,,x\n",
     2, "file", "8 values"),
    ("column named twice", ImportKind.CUSTOMERS,
     b"CustomerID,Name,SignupDate,customer_id\nC1,A,2024-01-01,C1\n",
     1, "CustomerID", "appears twice (columns 1 and 4)"),
    ("values without a column name", ImportKind.CUSTOMERS,
     b"CustomerID,Name,SignupDate,\nC1,A,2024-01-01,oops\n", 1, "file", "no name"),
    ("missing amount column", ImportKind.TRANSACTIONS,
     b"CustomerID,TransactionDate\nC1,2024-01-01\n", 1, "TransactionAmount", "missing"),
    ("negative amount", ImportKind.TRANSACTIONS, TX_HEADER + b"C1,T1,2024-01-01,-1.00,1\n",
     2, "TransactionAmount", "negative"),
    ("bad quantity", ImportKind.TRANSACTIONS, TX_HEADER + b"C1,T1,2024-01-01,1.00,0\n",
     2, "Quantity", "out of range"),
    ("duplicate transaction", ImportKind.TRANSACTIONS,
     TX_HEADER + b"C1,T1,2024-01-01,1,1\nC2,T1,2024-01-02,2,1\n",
     3, "TransactionID", "first on line 2"),
    ("unknown customer", ImportKind.TRANSACTIONS,
     TX_HEADER + b"C1,T1,2024-01-01,1,1\nC9,T2,2024-01-02,2,1\n",
     3, "CustomerID", 'no customer with CustomerID "C9"'),
]


@pytest.mark.parametrize(
    ("kind", "content", "row", "field", "text"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
async def test_malformed_files_are_rejected_and_nothing_is_written(
    org: Organization, runtime: Any, kind: ImportKind, content: bytes, row: int, field: str,
    text: str,
) -> None:
    await add_customers(org, "C1", "C2")
    before = await snapshot(org)
    with pytest.raises(ImportRejected) as caught:
        await stage_import(runtime.queue, org.id, kind, "bad.csv", content,
                           max_bytes=MAX_BYTES)
    error = caught.value
    assert error.code == "IMPORT_REJECTED"
    assert len(error.errors) == 1, error.errors
    assert (error.errors[0].row, error.errors[0].field) == (row, field)
    assert text in error.errors[0].message
    assert "nothing was imported" in error.message
    assert await snapshot(org) == before


async def test_file_over_the_size_limit_is_rejected(org: Organization, runtime: Any) -> None:
    before = await snapshot(org)
    with pytest.raises(ImportRejected) as caught:
        await stage_import(runtime.queue, org.id, ImportKind.CUSTOMERS, "big.csv",
                           CUSTOMERS, max_bytes=100)
    assert caught.value.errors == [
        RowError(0, "file", f"the file is {len(CUSTOMERS)} bytes; the limit is 100 bytes")]
    assert await snapshot(org) == before


async def test_every_problem_is_reported_and_the_list_is_capped(
    org: Organization, runtime: Any
) -> None:
    rows = [f"C{i},Name,not-a-date,-1" for i in range(150)]
    content = ("CustomerID,Name,SignupDate,MRR\n" + "\n".join(rows)).encode()
    with pytest.raises(ImportRejected) as caught:
        await stage_import(runtime.queue, org.id, ImportKind.CUSTOMERS, "bad.csv", content,
                           max_bytes=MAX_BYTES)
    error = caught.value
    assert len(error.errors) == 100
    assert (error.total, error.rows) == (300, 150)
    assert error.details["total_errors"] == 300
    assert error.message == (
        "150 rows have errors (300 errors); the first 100 are listed; nothing was imported")
    assert [(e.row, e.field) for e in error.errors[:3]] == [
        (2, "SignupDate"), (2, "MRR"), (3, "SignupDate")]


async def test_customers_of_another_organization_are_unknown(
    org: Organization, other_org: Organization, runtime: Any
) -> None:
    await add_customers(other_org, "X1", "C1")
    with pytest.raises(ImportRejected) as caught:
        await stage_import(runtime.queue, org.id, ImportKind.TRANSACTIONS, "tx.csv",
                           TX_HEADER + b"X1,T1,2024-01-01,10,1\n", max_bytes=MAX_BYTES)
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "CustomerID")]

    # The same CustomerID in two organizations is two customers.
    job = await imported(org, runtime, ImportKind.CUSTOMERS,
                         b"CustomerID,Name,SignupDate\nC1,Ours,2024-05-01\n")
    assert job.result is not None and job.result["created"] == 1
    theirs = await Customer.get(organization_id=other_org.id, external_ref="C1")
    assert theirs.name == "Customer C1"
    assert await Job.filter(organization_id=other_org.id).count() == 0


async def test_customer_deleted_before_apply_fails_the_job_and_writes_nothing(
    org: Organization, runtime: Any
) -> None:
    await add_customers(org, "C1", "C2")
    queue = HeldQueue()
    job = await stage_import(queue, org.id, ImportKind.TRANSACTIONS, "tx.csv", TRANSACTIONS,
                             max_bytes=MAX_BYTES)
    await Customer.filter(organization_id=org.id, external_ref="C2").delete()
    before = await snapshot(org)

    await runtime.queue.enqueue(queue.jobs[0])
    job = await finished(job.id, wait=WAIT_SECONDS)

    assert job.status is JobStatus.FAILED
    assert job.result is not None
    assert job.result["code"] == "IMPORT_REJECTED"
    assert [(e["row"], e["field"]) for e in job.result["errors"]] == [
        (4, "CustomerID"), (5, "CustomerID")]
    assert await snapshot(org) == before
    assert await Transaction.filter(organization_id=org.id).count() == 0
    assert (await ImportBatch.get(job_id=job.id)).applied_at is None


async def test_import_batch_of_another_job_is_not_applied(org: Organization,
                                                          runtime: Any) -> None:
    await add_customers(org, "C1", "C2")
    queue = HeldQueue()
    job = await stage_import(queue, org.id, ImportKind.TRANSACTIONS, "tx.csv", TRANSACTIONS,
                             max_bytes=MAX_BYTES)
    stray = await Job.create(organization_id=org.id, kind=job.kind)
    await jobs.run(stray.id, runtime.bus, apply_import)
    stray = await Job.get(id=stray.id)
    assert stray.status is JobStatus.FAILED and stray.result is not None
    assert stray.result["code"] == "NOT_FOUND"
    assert await Transaction.filter(organization_id=org.id).count() == 0


def test_parse_accepts_spreadsheet_exports() -> None:
    content = (
        b"\xef\xbb\xbfCustomerID,Name,SignupDate,,\r\n"
        b"C1,Acme,2024-01-05,,\r\n"
        b",,,,\r\n"
        b"\r\n"
        b"C2,Globex,2024-01-06\r\n"
    )
    parsed = parse_csv(ImportKind.CUSTOMERS, content)
    assert [(c.line, c.external_ref, c.name) for c in parsed.customers] == [
        (2, "C1", "Acme"), (5, "C2", "Globex")]
    assert parsed.columns == ("CustomerID", "Name", "SignupDate")


def test_parse_handles_the_70k_row_cdnow_file() -> None:
    raw = pd.read_csv(CDNOW, sep=r"\s+", dtype=str)
    frame = pd.DataFrame({
        "CustomerID": raw["customer_id"],
        "TransactionDate": pd.to_datetime(raw["date"], format="%Y%m%d").dt.strftime("%Y-%m-%d"),
        "TransactionAmount": raw["dollar_value"],
        "Quantity": raw["number_of_cds"],
        "Source": "cdnow",
    })
    parsed = parse_csv(ImportKind.TRANSACTIONS, frame.to_csv(index=False).encode())
    assert parsed.rows == len(raw) == 69_659
    assert len({t.external_id for t in parsed.transactions}) == parsed.rows
    assert len({t.customer_ref for t in parsed.transactions}) == 23_570
    first = parsed.transactions[0]
    assert (first.customer_ref, first.amount, first.quantity, first.properties) == (
        "00001", Decimal("11.77"), 1, {"Source": "cdnow"})
