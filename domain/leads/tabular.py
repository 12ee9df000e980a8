"""Lead scoring on an uploaded lead table (CSV, one row per lead, a converted yes/no column).

The generic tabular pipeline is churn's (`domain.churn.tabular`: label parsing with typed
errors, identifiers / constants / free text dropped, numeric-looking text parsed, stratified
k-fold cross-validation of the calibrated LR + LightGBM model); this module adds what is
particular to leads: "Select" (a form's "not chosen") is a blank, the label vocabulary is a
conversion's (converted / won / customer vs lost / disqualified), and columns that leak the
outcome (`leakage.detect_leaks`) are excluded before anything is learnt, and reported.

`stage_lead_table` validates an upload at once (readable CSV, label present and binary, some
usable columns, enough rows of each outcome for the folds, the caller's include / exclude
names), reports the leaking columns immediately, and stores the table with an
`evaluate_lead_table` job that cross-validates it in the
worker's process pool (`run_table_evaluation`); running the job again returns the result.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from domain.churn.tabular import (
    NEGATIVE,
    POSITIVE,
    LabelVocabulary,
    TabularData,
    TooFewRows,
    cross_validate,
    prepare_table,
)
from domain.enums import JobKind
from domain.errors import NotFound, ValidationFailed
from domain.imports.service import clean_filename
from domain.jobs import service as jobs
from domain.jobs.service import JobQueue
from domain.leads import estimator
from domain.leads.leakage import LeakReport, detect_leaks, without_leaks
from domain.ml import registry
from domain.models import ImportBatch, Job

if TYPE_CHECKING:
    from domain.ml.fitting import FitIn

TABLE_KIND = "lead_table"
FOLDS = (2, 10)
NOT_CHOSEN = ("select",)  # form placeholders meaning "nothing chosen" (case-insensitive)
LEAD_LABELS = LabelVocabulary(
    positive=(POSITIVE - {"churned", "churn", "lost", "cancelled", "canceled", "left",
                          "inactive"}) | {"converted", "won", "closed won", "customer", "paid"},
    negative=(NEGATIVE - {"active", "retained", "stayed", "current"})
    | {"lost", "closed lost", "disqualified", "not converted", "unconverted"},
    hint="yes/no, true/false, 1/0, converted/lost",
    outcome="lead scoring",
)


@dataclass(frozen=True)
class LeadTable:
    data: TabularData  # without the excluded (leaking) columns
    leaks: LeakReport  # every column's figures, and which were excluded why


@dataclass(frozen=True)
class TableAccepted:
    job: Job
    rows: int
    rows_without_label: int
    features: list[str]
    dropped: dict[str, str]  # identifiers, constants, free text
    leaks: LeakReport
    conversion_rate: float


def read_table(content: bytes) -> pd.DataFrame:
    """The CSV as text columns, "Select" placeholders blanked."""
    try:
        df = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValidationFailed(f"the file is not a readable CSV: {exc}", field="file") from exc
    return blank_placeholders(df)


def blank_placeholders(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if not pd.api.types.is_numeric_dtype(s):
            text = s.astype("string").str.strip().str.lower()
            out[col] = s.mask(text.isin(NOT_CHOSEN).fillna(False).to_numpy(dtype=bool), "")
    return out


def prepare_lead_table(df: pd.DataFrame, label: str, *, include: Sequence[str] = (),
                       exclude: Sequence[str] = ()) -> LeadTable:
    """Typed errors for the label (`LABEL_MISSING`, `LABEL_INVALID`, `LABEL_CONSTANT`) and
    unusable tables; leaking columns found and excluded (see `leakage`)."""
    if not label.strip():
        raise ValidationFailed("label must name the column saying whether the lead "
                               "converted", field="label")
    data = prepare_table(blank_placeholders(df), label, LEAD_LABELS)
    report = detect_leaks(data.X, data.y, include=include, exclude=exclude)
    return LeadTable(data=without_leaks(data, report), leaks=report)


def check_folds(data: TabularData, folds: int) -> None:
    low, high = FOLDS
    if isinstance(folds, bool) or not low <= folds <= high:
        raise ValidationFailed(f"folds must be from {low} to {high}", field="folds")
    minority = int(np.bincount(np.asarray(data.y), minlength=2).min())
    if minority < folds * 4:
        raise TooFewRows(f"the rarer label value has {minority} rows; {folds}-fold "
                         f"validation needs at least {folds * 4}", field="label")


def cross_validate_leads(table: LeadTable, folds: int = 5, seed: int = 42,
                         progress: Callable[[float, str], None] | None = None
                         ) -> dict[str, Any]:
    """Stratified k-fold figures of the lead model and its LR baseline (leaks excluded)."""
    check_folds(table.data, folds)
    cfg = estimator.config(seed=seed, refit=True, rows=len(table.data.X))
    report = cross_validate(table.data, folds=folds, seed=seed, config=cfg, progress=progress)
    out: dict[str, Any] = registry.jsonable({
        "rows": len(table.data.X), "features": [str(c) for c in table.data.X.columns],
        "dropped": dict(table.data.dropped), "leaks": table.leaks.as_dict(),
        "excluded": table.leaks.excluded, "conversion_rate": float(np.mean(table.data.y)),
        "folds": folds, "model": report.mean_lightgbm, "baseline": report.mean_baseline,
        "per_fold": [{"fold": f.fold, "test_rows": f.n_test, "blend_weight": f.blend_weight,
                      "model": f.lightgbm.scalars(), "baseline": f.baseline.scalars()}
                     for f in report.folds],
    })
    return out


def _inspect(content: bytes, label: str, include: Sequence[str], exclude: Sequence[str]
             ) -> LeadTable:
    return prepare_lead_table(read_table(content), label, include=include, exclude=exclude)


async def stage_lead_table(queue: JobQueue, org_id: int, filename: str, content: bytes, *,
                           label: str, folds: int = 5, include: Sequence[str] = (),
                           exclude: Sequence[str] = (), max_bytes: int) -> TableAccepted:
    """Validate the table and find its leaks now; store it with a cross-validation job."""
    if len(content) > max_bytes:
        raise ValidationFailed(f"the file is {len(content):,} bytes; the limit is "
                               f"{max_bytes:,}", field="file")
    low, high = FOLDS
    if isinstance(folds, bool) or not low <= folds <= high:
        raise ValidationFailed(f"folds must be from {low} to {high}", field="folds")
    table = await asyncio.to_thread(_inspect, content, label, list(include), list(exclude))
    check_folds(table.data, folds)
    name = clean_filename(filename)
    rows = len(table.data.X)

    async def prepare(job: Job) -> None:
        await ImportBatch.create(organization_id=org_id, job=job, kind=TABLE_KIND,
                                 filename=name, rows=rows, content=content)

    params = {"label": label, "folds": folds, "filename": name, "rows": rows,
              "include": list(include), "exclude": list(exclude)}
    job = await jobs.submit(queue, org_id, JobKind.EVALUATE_LEAD_TABLE, params, prepare)
    return TableAccepted(job=job, rows=rows, rows_without_label=table.data.rows_without_label,
                         features=[str(c) for c in table.data.X.columns],
                         dropped={c: r for c, r in table.data.dropped.items()
                                  if c not in table.leaks.excluded},
                         leaks=table.leaks, conversion_rate=float(np.mean(table.data.y)))


def evaluate_table(content: bytes, label: str, folds: int, include: Sequence[str] = (),
                   exclude: Sequence[str] = ()) -> dict[str, Any]:
    """Pure (runs in a worker process): leaks out, cross-validated figures back."""
    return cross_validate_leads(_inspect(content, label, include, exclude), folds)


async def run_table_evaluation(job: Job, fit_in: FitIn, progress: jobs.Progress
                               ) -> dict[str, Any]:
    """Job handler: evaluate the job's stored table (again: the stored result)."""
    batch = await ImportBatch.get_or_none(job_id=job.id, organization_id=job.organization_id,
                                          kind=TABLE_KIND)
    if batch is None:
        raise NotFound(f"no uploaded lead table for job {job.id}", field="job")
    if batch.applied_at is not None and job.result:
        return dict(job.result)
    params = job.params or {}
    folds = int(params.get("folds", 5))
    await progress(0.05, f"cross-validating {batch.rows:,} leads, {folds} folds")
    result: dict[str, Any] = await fit_in(
        evaluate_table, bytes(batch.content), str(params["label"]), folds,
        [str(c) for c in params.get("include", [])], [str(c) for c in params.get("exclude", [])])
    batch.applied_at = datetime.now(UTC)
    await batch.save(update_fields=["applied_at"])
    return result
