"""Churn mutations (merged into the root `Mutation`): train, score, activate (operator)."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar, overload

import strawberry
from strawberry.file_uploads import Upload

from api.churn.types import ChurnModel
from api.context import Info
from api.errors import NoActiveModelError, NotFoundError, ValidationError, to_user_error
from api.inputs import parse_id
from api.permissions import IsOperator
from api.types import Job
from domain.churn import commands, table
from domain.errors import DomainError
from domain.jobs.service import JobRequest

T = TypeVar("T")


@strawberry.input
class TrainChurnModelInput:
    horizon_days: int = strawberry.field(
        default=90, description="Churn within this many days after a cutoff is the label "
                                "(7..730)")
    cutoffs: int = strawberry.field(default=6, description="Training cutoffs stacked (2..24)")
    spacing_days: int = strawberry.field(default=30, description="Days between cutoffs "
                                                                 "(7..365)")


@strawberry.type
class ChurnJobStarted:
    job: Job
    already_running: bool = strawberry.field(
        description="The organization's unfinished job of this kind was returned; no second "
                    "one was queued")


@strawberry.type
class ChurnModelActivated:
    model: ChurnModel


@strawberry.type
class DroppedColumn:
    column: str
    reason: str


@strawberry.type(description="The table is valid and queued for cross-validation; the "
                             "job's result holds the figures.")
class ChurnTableAccepted:
    job: Job
    rows: int = strawberry.field(description="Rows with a label")
    rows_without_label: int
    features: list[str] = strawberry.field(description="Columns used as features")
    dropped_columns: list[DroppedColumn] = strawberry.field(
        description="Identifiers, constants and free text left out")
    churn_rate: float


EvaluateChurnTableResult = Annotated[
    ChurnTableAccepted | ValidationError, strawberry.union("EvaluateChurnTableResult")]
TrainChurnModelResult = Annotated[
    ChurnJobStarted | ValidationError, strawberry.union("TrainChurnModelResult")]
ScoreCustomersResult = Annotated[
    ChurnJobStarted | NoActiveModelError, strawberry.union("ScoreCustomersResult")]
ActivateChurnModelResult = Annotated[
    ChurnModelActivated | NotFoundError | ValidationError,
    strawberry.union("ActivateChurnModelResult")]


@overload
def job_started(request: JobRequest) -> ChurnJobStarted: ...


@overload
def job_started(request: JobRequest, cls: type[T]) -> T: ...


def job_started(request: JobRequest, cls: type[Any] = ChurnJobStarted) -> Any:
    """The job a mutation queued (or the unfinished one it found), as `cls`: a type with
    the fields `job` and `alreadyRunning` (`ChurnJobStarted`, `LeadJobStarted`)."""
    return cls(job=request.job, already_running=request.existing)


@strawberry.type
class ChurnMutations:
    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Train a churn model (operator). The new version becomes active only if "
                    "it beats the active one on held-out data; follow the job.")
    async def train_churn_model(self, info: Info, input: TrainChurnModelInput | None = None
                                ) -> TrainChurnModelResult:
        args = input or TrainChurnModelInput()
        try:
            request = await commands.request_training(
                info.context.queue, info.context.org_id, horizon_days=args.horizon_days,
                cutoffs=args.cutoffs, spacing_days=args.spacing_days)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request)

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Score every live customer with the active churn model now (operator).")
    async def score_customers(self, info: Info) -> ScoreCustomersResult:
        try:
            request = await commands.request_scoring(info.context.queue, info.context.org_id)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request)

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Upload a customer table (CSV, multipart) with a churned yes/no column "
                    "and cross-validate the churn model and its baseline on it (operator). "
                    "Validated now; the figures arrive as the job's result.")
    async def evaluate_churn_table(self, info: Info, file: Upload, label: str,
                                   folds: int = 5) -> EvaluateChurnTableResult:
        settings = info.context.settings
        content = await file.read(settings.import_max_bytes + 1)  # type: ignore[attr-defined]
        try:
            accepted = await table.stage_churn_table(
                info.context.queue, info.context.org_id,
                getattr(file, "filename", "") or "table.csv", content, label=label,
                folds=folds, max_bytes=settings.import_max_bytes)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return ChurnTableAccepted(
            job=accepted.job, rows=accepted.rows,  # type: ignore[arg-type]
            rows_without_label=accepted.rows_without_label, features=accepted.features,
            dropped_columns=[DroppedColumn(column=c, reason=r)
                             for c, r in accepted.dropped.items()],
            churn_rate=accepted.churn_rate)

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Make a churn model version active: a rollback, or forcing a candidate "
                    "(operator). The active one is retired.")
    async def activate_churn_model(self, info: Info, id: strawberry.ID
                                   ) -> ActivateChurnModelResult:
        try:
            version = await commands.activate_model(info.context.org_id, parse_id(id))
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return ChurnModelActivated(model=version)  # type: ignore[arg-type]
