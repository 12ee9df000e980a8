"""Churn model evaluation on an uploaded customer table (the tabular path as a use case).

`stage_churn_table` validates the upload in full before anything is stored: the CSV parses,
the label column exists and is binary and not constant, some feature columns are usable
(`tabular.prepare_table`: identifiers, constants and free text are dropped), and the
minority class has enough rows for the folds. Each problem is a typed error naming the
field. A valid file is stored (an `ImportBatch` of kind `churn_table`) with an
`evaluate_churn_table` job, which cross-validates the same estimator as the product's churn
model (`tabular.cross_validate`, stratified k-fold, every choice made inside the training
folds) in the worker's process pool and stores the mean and per-fold figures of the model
and of its logistic-regression baseline as the job's result. Running the job again returns
the stored result.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from domain.enums import JobKind
from domain.errors import NotFound, ValidationFailed
from domain.imports.service import clean_filename
from domain.jobs import service as jobs
from domain.jobs.service import JobQueue
from domain.models import ImportBatch, Job

if TYPE_CHECKING:
    from domain.churn.tabular import TabularData
    from domain.ml.fitting import FitIn

TABLE_KIND = "churn_table"
FOLDS = (2, 10)


@dataclass(frozen=True)
class TableAccepted:
    job: Job
    rows: int
    features: list[str]
    dropped: dict[str, str]
    churn_rate: float
    rows_without_label: int


def _inspect(content: bytes, label: str) -> TabularData:
    from domain.churn.tabular import prepare_table  # loads the ML libraries on first use

    try:
        df = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValidationFailed(f"the file is not a readable CSV: {exc}", field="file") from exc
    return prepare_table(df, label)


def _check(data: TabularData, folds: int) -> None:
    from domain.churn.tabular import TooFewRows

    minority = int(np.bincount(np.asarray(data.y), minlength=2).min())
    if minority < folds * 4:
        raise TooFewRows(f"the rarer label value has {minority} rows; {folds}-fold "
                         f"validation needs at least {folds * 4}", field="label")


async def stage_churn_table(queue: JobQueue, org_id: int, filename: str, content: bytes, *,
                            label: str, folds: int = 5, max_bytes: int) -> TableAccepted:
    """Validate the table, then store it with an evaluation job and queue the job."""
    if len(content) > max_bytes:
        raise ValidationFailed(f"the file is {len(content):,} bytes; the limit is "
                               f"{max_bytes:,}", field="file")
    if not label.strip():
        raise ValidationFailed("label must name the column holding churned yes/no",
                               field="label")
    low, high = FOLDS
    if isinstance(folds, bool) or not low <= folds <= high:
        raise ValidationFailed(f"folds must be from {low} to {high}", field="folds")
    data = await asyncio.to_thread(_inspect, content, label)
    _check(data, folds)
    name = clean_filename(filename)
    rows = len(data.X)

    async def prepare(job: Job) -> None:
        await ImportBatch.create(organization_id=org_id, job=job, kind=TABLE_KIND,
                                 filename=name, rows=rows, content=content)

    params = {"label": label, "folds": folds, "filename": name, "rows": rows}
    job = await jobs.submit(queue, org_id, JobKind.EVALUATE_CHURN_TABLE, params, prepare)
    return TableAccepted(job=job, rows=rows, features=[str(c) for c in data.X.columns],
                         dropped=dict(data.dropped), churn_rate=float(np.mean(data.y)),
                         rows_without_label=data.rows_without_label)


def evaluate_table(content: bytes, label: str, folds: int) -> dict[str, Any]:
    """Pure (runs in a worker process): cross-validate the table, return plain figures."""
    from domain.churn.tabular import cross_validate

    data = _inspect(content, label)
    _check(data, folds)
    report = cross_validate(data, folds=folds)
    return {
        "rows": len(data.X), "features": [str(c) for c in data.X.columns],
        "dropped": dict(data.dropped), "churn_rate": float(np.mean(data.y)),
        "folds": folds, "model": report.mean_lightgbm, "baseline": report.mean_baseline,
        "per_fold": [{"fold": f.fold, "test_rows": f.n_test, "mode": f.mode,
                      "model": f.lightgbm.scalars(), "baseline": f.baseline.scalars()}
                     for f in report.folds],
    }


async def run_table_evaluation(job: Job, fit_in: FitIn, progress: jobs.Progress
                               ) -> dict[str, Any]:
    """Job handler: evaluate the job's stored table (again: the stored result)."""
    batch = await ImportBatch.get_or_none(job_id=job.id, organization_id=job.organization_id,
                                          kind=TABLE_KIND)
    if batch is None:
        raise NotFound(f"no uploaded table for job {job.id}", field="job")
    if batch.applied_at is not None and job.result:
        return dict(job.result)
    params = job.params or {}
    await progress(0.05, f"cross-validating {batch.rows:,} rows, {params.get('folds', 5)} folds")
    result: dict[str, Any] = await fit_in(evaluate_table, bytes(batch.content),
                                          str(params["label"]), int(params.get("folds", 5)))
    batch.applied_at = datetime.now(UTC)
    await batch.save(update_fields=["applied_at"])
    return result
