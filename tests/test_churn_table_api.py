"""evaluateChurnTable: an uploaded customer table (real Telco rows) validated at once, with
typed errors for bad labels and unusable tables, then cross-validated by a job."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from domain.enums import JobStatus, Role
from domain.models import ImportBatch, Job, Organization
from tests.support.api import Gql
from tests.support.sync import finished

TELCO = Path(__file__).resolve().parents[1] / "../shared/data/telco_churn.csv"
EVALUATE = """mutation($file: Upload!, $label: String!, $folds: Int!) {
  evaluateChurnTable(file: $file, label: $label, folds: $folds) { __typename
    ... on ChurnTableAccepted { job { id kind } rows rowsWithoutLabel features churnRate
                                droppedColumns { column reason } }
    ... on UserError { code field message } } }"""


@pytest.fixture(scope="module")
def telco() -> pd.DataFrame:
    return pd.read_csv(TELCO, dtype=str, keep_default_na=False).head(1500)


async def _upload(gql: Gql, content: bytes, label: str = "Churn", folds: int = 3,
                  role: Role = Role.OPERATOR) -> dict[str, Any]:
    operations = {"query": EVALUATE, "variables": {"file": None, "label": label,
                                                   "folds": folds}}
    response = await gql.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("customers.csv", content, "text/csv")},
        headers={"Authorization": f"Bearer {gql.keys[role]}"})
    body: dict[str, Any] = response.json()
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["evaluateChurnTable"]
    return result


def _csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode()


async def test_a_customer_table_is_cross_validated_by_a_job(
        gql: Gql, org: Organization, telco: pd.DataFrame, runtime: Any) -> None:
    accepted = await _upload(gql, _csv(telco))
    assert accepted["__typename"] == "ChurnTableAccepted"
    assert accepted["rows"] == 1500 and accepted["rowsWithoutLabel"] == 0
    assert accepted["churnRate"] == pytest.approx((telco["Churn"] == "Yes").mean())
    assert {"column": "customerID", "reason": accepted["droppedColumns"][0]["reason"]} in \
        accepted["droppedColumns"]
    assert {"tenure", "Contract", "TotalCharges"} <= set(accepted["features"])
    assert "Churn" not in accepted["features"]

    job = await finished(int(accepted["job"]["id"]), wait=300)
    assert job.status is JobStatus.SUCCEEDED, job.error
    result = job.result or {}
    assert result["rows"] == 1500 and result["folds"] == 3 and len(result["per_fold"]) == 3
    assert sum(f["test_rows"] for f in result["per_fold"]) == 1500
    assert result["model"]["roc_auc"] > 0.78 and result["baseline"]["roc_auc"] > 0.78
    assert 0 <= result["model"]["ece"] < 0.1
    assert "customerID" in result["dropped"]


@pytest.mark.parametrize(("label", "rows", "code"), [
    ("Churned", None, "LABEL_MISSING"),
    ("tenure", None, "LABEL_INVALID"),
    ("Churn", "constant", "LABEL_CONSTANT"),
    ("Churn", "ids only", "NO_USABLE_FEATURES"),
])
async def test_bad_tables_are_typed_errors_and_store_nothing(
        gql: Gql, org: Organization, telco: pd.DataFrame, label: str, rows: str | None,
        code: str) -> None:
    table = telco
    if rows == "constant":
        table = telco[telco["Churn"] == "No"]
    elif rows == "ids only":
        table = telco[["customerID", "Churn"]]
    error = await _upload(gql, _csv(table), label=label)
    assert (error["__typename"], error["code"]) == ("ValidationError", code)
    assert error["field"] == label and error["message"]
    assert not await ImportBatch.filter(organization_id=org.id).exists()
    assert not await Job.filter(organization_id=org.id).exists()


async def test_unreadable_files_few_rows_bad_folds_and_roles(
        gql: Gql, org: Organization, telco: pd.DataFrame) -> None:
    assert (await _upload(gql, b"\xff\xfe\x00garbage"))["field"] in ("file", "Churn")
    assert (await _upload(gql, _csv(telco), folds=1))["field"] == "folds"
    few = await _upload(gql, _csv(telco.head(40)), folds=5)
    assert (few["code"], few["field"]) == ("TOO_FEW_ROWS", "label")
    operations = {"query": EVALUATE, "variables": {"file": None, "label": "Churn", "folds": 3}}
    response = await gql.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("customers.csv", _csv(telco), "text/csv")},
        headers={"Authorization": f"Bearer {gql.keys[Role.ANALYST]}"})
    assert response.json()["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert not await Job.filter(organization_id=org.id).exists()
