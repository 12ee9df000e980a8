"""importCsv over GraphQL multipart: typed rejections, a job that writes, progress."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from domain.enums import Role
from domain.models import Customer, Organization, Transaction
from tests.support.api import Gql

IMPORT = """mutation($kind: ImportKind!, $file: Upload!) { importCsv(kind: $kind, file: $file) {
  __typename
  ... on ImportStarted { job { id status kind } }
  ... on ImportRejectedError { code totalErrors errors { row field message } }
  ... on ValidationError { code field message }
} }"""

CUSTOMERS = (
    "CustomerID,Name,SignupDate,Email,Country,Plan,MRR\n"
    "A-1,Alpha Ltd,2025-01-05,ops@alpha.test,GB,growth,120.50\n"
    "A-2,Beta GmbH,2025-02-10T09:30:00+01:00,hi@beta.test,DE,starter,0\n"
)


async def upload(gql: Gql, kind: str, text: str, role: Role = Role.OPERATOR) -> dict[str, Any]:
    operations = {"query": IMPORT, "variables": {"kind": kind, "file": None}}
    response = await gql.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("upload.csv", text.encode(), "text/csv")},
        headers={"Authorization": f"Bearer {gql.keys[role]}"},
    )
    body: dict[str, Any] = response.json()
    return body


async def wait_for_job(gql: Gql, job_id: str) -> dict[str, Any]:
    query = "query($id: ID!) { job(id: $id) { status progress result error } }"
    for _ in range(200):
        job: dict[str, Any] = (await gql.data(query, {"id": job_id}))["job"]
        if job["status"] in ("SUCCEEDED", "FAILED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


async def test_customers_then_transactions(gql: Gql, org: Organization, runtime: Any) -> None:
    started = (await upload(gql, "CUSTOMERS", CUSTOMERS))["data"]["importCsv"]
    assert started["__typename"] == "ImportStarted"
    assert started["job"]["kind"] == "IMPORT_CSV"
    job = await wait_for_job(gql, started["job"]["id"])
    assert job["status"] == "SUCCEEDED" and job["progress"] == 1.0
    assert job["result"]["created"] == 2
    alpha = await Customer.get(organization_id=org.id, external_ref="A-1")
    assert (alpha.name, alpha.country, str(alpha.mrr)) == ("Alpha Ltd", "GB", "120.50")

    transactions = ("CustomerID,TransactionDate,TransactionAmount,Channel\n"
                    "A-1,2025-03-01,19.99,web\nA-2,2025-03-02,5,app\n")
    started = (await upload(gql, "TRANSACTIONS", transactions))["data"]["importCsv"]
    job = await wait_for_job(gql, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    rows = await Transaction.filter(organization_id=org.id).order_by("at")
    assert [(str(r.amount), r.properties["Channel"]) for r in rows] == [("19.99", "web"),
                                                                       ("5.00", "app")]


async def test_malformed_files_are_rejected_with_row_and_field(gql: Gql,
                                                               org: Organization) -> None:
    before = await Customer.filter(organization_id=org.id).count()
    cases = [
        ("CUSTOMERS", "CustomerID,Name\nA-1,Alpha\n", 1, "SignupDate"),
        ("CUSTOMERS", "CustomerID,Name,SignupDate\nA-1,Alpha,31/01/2025\n", 2, "SignupDate"),
        ("CUSTOMERS", "CustomerID,Name,SignupDate,MRR\nA-1,Alpha,2025-01-01,-3\n", 2, "MRR"),
        ("TRANSACTIONS", "CustomerID,TransactionDate,TransactionAmount\nNOPE,2025-01-01,3\n",
         2, "CustomerID"),
        ("TRANSACTIONS", "CustomerID,TransactionDate,TransactionAmount\nX,2025-01-01,-1\n",
         2, "TransactionAmount"),
    ]
    for kind, text, row, field in cases:
        result = (await upload(gql, kind, text))["data"]["importCsv"]
        assert result["__typename"] == "ImportRejectedError", (text, result)
        assert result["code"] == "IMPORT_REJECTED"
        assert {"row": row, "field": field} in [
            {"row": e["row"], "field": e["field"]} for e in result["errors"]], result
    assert await Customer.filter(organization_id=org.id).count() == before


async def test_import_needs_the_operator_role(gql: Gql, org: Organization) -> None:
    body = await upload(gql, "CUSTOMERS", CUSTOMERS, role=Role.ANALYST)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert not await Customer.filter(organization_id=org.id).exists()
