"""The tabular lead path on the real X Education table: the leak detector catches the
columns sales fill in after contact (with its figures), the model cross-validates honestly
without them, and a table without its label is a typed error naming the column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from domain.churn.tabular import LabelConstant, LabelInvalid, LabelMissing
from domain.enums import JobStatus, Role
from domain.errors import ValidationFailed
from domain.leads.tabular import LeadTable, cross_validate_leads, prepare_lead_table
from domain.models import Organization
from tests.support.sync import finished

LEADS = Path(__file__).resolve().parents[2] / "shared" / "data" / "leads_x_education.csv"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(LEADS, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def table(raw: pd.DataFrame) -> LeadTable:
    return prepare_lead_table(raw, "Converted")


def test_the_detector_excludes_tags_and_lead_quality_with_their_figures(
        table: LeadTable, raw: pd.DataFrame) -> None:
    excluded = table.leaks.excluded
    assert {"Tags", "Lead Quality"} <= set(excluded)
    assert "Tags" not in table.data.X.columns and "Lead Quality" not in table.data.X.columns
    y = raw["Converted"].astype(int)
    # Tags alone predicts conversion far too well
    tags = table.leaks.check("Tags")
    assert tags.single_auc is not None and tags.single_auc >= 0.85
    assert "AUC" in excluded["Tags"] and f"{tags.single_auc:.3f}" in excluded["Tags"]
    # Lead Quality is filled twice as often for converted leads: the rates are the table's
    quality = table.leaks.check("Lead Quality")
    filled = raw["Lead Quality"].str.strip() != ""
    assert quality.filled_converted == pytest.approx(filled[y == 1].mean())
    assert quality.filled_others == pytest.approx(filled[y == 0].mean())
    assert quality.filled_converted >= 1.75 * quality.filled_others
    assert "71.2% of converted rows vs 34.1%" in excluded["Lead Quality"]
    # ordinary lead attributes stay in ("Select" counts as blank, identifiers are dropped)
    for kept in ("Lead Origin", "Lead Source", "Total Time Spent on Website", "City"):
        assert kept in table.data.X.columns and not table.leaks.check(kept).excluded
    assert table.data.X["City"].isna().mean() == pytest.approx(
        raw["City"].isin(["", "Select"]).mean())
    assert {"Prospect ID", "Lead Number"} <= set(table.data.dropped)


def test_the_caller_can_force_columns_in_and_out(raw: pd.DataFrame) -> None:
    forced = prepare_lead_table(raw, "Converted", include=["Tags"], exclude=["Lead Origin"])
    assert "Tags" in forced.data.X.columns and "Lead Origin" not in forced.data.X.columns
    assert forced.leaks.check("Tags").forced == "included" and forced.leaks.check("Tags").flagged
    assert forced.leaks.excluded["Lead Origin"].startswith("excluded by the caller")
    with pytest.raises(ValidationFailed) as unknown:
        prepare_lead_table(raw, "Converted", exclude=["No Such Column"])
    assert unknown.value.field == "exclude" and "No Such Column" in unknown.value.message


def test_cross_validated_auc_without_leaks_is_honest_and_high(table: LeadTable) -> None:
    result = cross_validate_leads(table, folds=2)
    assert result["model"]["roc_auc"] >= 0.88
    assert result["model"]["roc_auc"] < 0.97  # the leaking columns would give ~0.98
    assert result["baseline"]["roc_auc"] > 0.85
    assert {"Tags", "Lead Quality"} <= set(result["excluded"])
    assert len(result["per_fold"]) == 2 and result["rows"] == 9240


def test_a_lead_table_without_its_label_is_a_typed_error(raw: pd.DataFrame) -> None:
    with pytest.raises(LabelMissing) as missing:
        prepare_lead_table(raw.drop(columns=["Converted"]), "Converted")
    assert missing.value.code == "LABEL_MISSING" and missing.value.field == "Converted"
    assert "'Converted' is not in the table" in missing.value.message
    with pytest.raises(LabelInvalid) as invalid:
        prepare_lead_table(raw, "Lead Origin")
    assert "converted/lost" in invalid.value.message
    with pytest.raises(LabelConstant):
        prepare_lead_table(raw.assign(Converted="1"), "Converted")
    words = raw.head(200).assign(Converted=raw["Converted"].head(200).map(
        {"1": "Converted", "0": "Lost"}))
    assert prepare_lead_table(words, "Converted").data.y.sum() == (
        raw["Converted"].head(200) == "1").sum()


EVALUATE = """mutation($file: Upload!, $label: String!, $folds: Int!) {
  evaluateLeadTable(file: $file, label: $label, folds: $folds) { __typename
    ... on LeadTableAccepted { job { id kind } rows features conversionRate
      droppedColumns { column reason }
      excludedColumns { column reason filledConverted filledOthers singleAuc forced } }
    ... on UserError { code field message } } }"""


async def _upload(gql: Any, content: bytes, label: str = "Converted", folds: int = 2,
                  role: Role = Role.OPERATOR) -> dict[str, Any]:
    operations = {"query": EVALUATE, "variables": {"file": None, "label": label,
                                                   "folds": folds}}
    response = await gql.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("leads.csv", content, "text/csv")},
        headers={"Authorization": f"Bearer {gql.keys[role]}"})
    body: dict[str, Any] = response.json()
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["evaluateLeadTable"]
    return result


async def test_evaluate_lead_table_lists_leaks_at_once_and_cross_validates_in_a_job(
        gql: Any, org: Organization, raw: pd.DataFrame, runtime: Any) -> None:
    sample = raw.sample(2000, random_state=1)
    accepted = await _upload(gql, sample.to_csv(index=False).encode())
    assert accepted["__typename"] == "LeadTableAccepted", accepted
    excluded = {c["column"]: c for c in accepted["excludedColumns"]}
    assert {"Tags", "Lead Quality"} <= set(excluded)
    assert excluded["Lead Quality"]["filledConverted"] > 1.75 * excluded["Lead Quality"][
        "filledOthers"]
    assert "Tags" not in accepted["features"] and accepted["rows"] == 2000
    assert accepted["conversionRate"] == pytest.approx((sample["Converted"] == "1").mean())
    assert {"Prospect ID", "Lead Number"} <= {c["column"] for c in accepted["droppedColumns"]}
    job = await finished(int(accepted["job"]["id"]), wait=300)
    assert job.status is JobStatus.SUCCEEDED and job.organization_id == org.id, job.error
    assert job.result is not None and job.result["folds"] == 2
    assert 0.8 < job.result["model"]["roc_auc"] < 0.97
    assert set(job.result["excluded"]) == set(excluded)

    no_label = await _upload(gql, sample.drop(columns=["Converted"]).to_csv(
        index=False).encode())
    assert (no_label["__typename"], no_label["code"], no_label["field"]) == (
        "ValidationError", "LABEL_MISSING", "Converted")
    assert "'Converted' is not in the table" in no_label["message"]
    folds = await _upload(gql, sample.to_csv(index=False).encode(), folds=1)
    assert (folds["code"], folds["field"]) == ("VALIDATION_FAILED", "folds")
    denied = await gql.client.post(
        "/graphql", data={"operations": json.dumps({"query": EVALUATE, "variables": {
            "file": None, "label": "Converted", "folds": 2}}),
            "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("leads.csv", b"a,b\n1,2\n", "text/csv")},
        headers={"Authorization": f"Bearer {gql.keys[Role.ANALYST]}"})
    assert denied.json()["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
