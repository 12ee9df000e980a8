"""Lead scoring mutations (merged into the root `Mutation`): train and score (operator),
score one unsaved lead (analyst), evaluate an uploaded lead table (operator)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from api.churn.mutations import DroppedColumn, job_started
from api.context import Info
from api.errors import NoActiveModelError, ValidationError, to_user_error
from api.leads.inputs import LeadInput, TrainLeadModelInput
from api.leads.types import Estimate, LeadJobStarted, LeadScore, LeakingColumn
from api.permissions import IsAnalyst, IsOperator
from api.types import Job
from domain.errors import DomainError
from domain.leads import commands


@strawberry.type(description="The table is valid: its leaking columns are listed now, the "
                             "cross-validated figures arrive as the job's result.")
class LeadTableAccepted:
    job: Job
    rows: int = strawberry.field(description="Rows with a label")
    rows_without_label: int
    features: list[str] = strawberry.field(description="Columns the model will use")
    dropped_columns: list[DroppedColumn] = strawberry.field(
        description="Identifiers, constants and free text left out")
    excluded_columns: list[LeakingColumn] = strawberry.field(
        description="Columns left out as leaking the outcome, with the figures")
    checked_columns: list[LeakingColumn] = strawberry.field(
        description="Every feature column's leak figures")
    conversion_rate: float


TrainLeadModelResult = Annotated[
    LeadJobStarted | ValidationError, strawberry.union("TrainLeadModelResult")]
ScoreLeadsResult = Annotated[
    LeadJobStarted | NoActiveModelError, strawberry.union("ScoreLeadsResult")]
ScoreLeadResult = Annotated[
    LeadScore | ValidationError | NoActiveModelError, strawberry.union("ScoreLeadResult")]
EvaluateLeadTableResult = Annotated[
    LeadTableAccepted | ValidationError, strawberry.union("EvaluateLeadTableResult")]


@strawberry.type
class LeadMutations:
    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Train the lead scoring model on the organization's leads (operator). "
                    "Leaking columns are excluded (see leadModels); follow the job.")
    async def train_lead_model(self, info: Info, input: TrainLeadModelInput | None = None
                               ) -> TrainLeadModelResult:
        args = input or TrainLeadModelInput()
        try:
            request = await commands.request_training(
                info.context.queue, info.context.org_id, include=args.include,
                exclude=args.exclude)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request, cls=LeadJobStarted)

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Score every open lead with the active lead model now (operator).")
    async def score_leads(self, info: Info) -> ScoreLeadsResult:
        try:
            request = await commands.request_scoring(info.context.queue, info.context.org_id)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request, cls=LeadJobStarted)

    @strawberry.mutation(
        permission_classes=[IsAnalyst],
        description="Score a lead that is not stored (analyst): 0-100, factors and the next "
                    "action. Nothing is written.")
    async def score_lead(self, info: Info, input: LeadInput) -> ScoreLeadResult:
        from domain.leads import scoring  # loads the ML libraries on first use

        try:
            out = await scoring.score_lead(
                info.context.org_id, source=input.source, email=input.email,
                attributes=input.attributes, created_at=input.created_at)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        s = out.scored
        return Estimate(value=s.value, probability=s.probability,  # type: ignore[return-value]
                        factors=s.factors, recommendation=s.recommendation,
                        scored_at=out.scored_at, model_version_number=out.model_version)

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Upload a lead table (CSV, multipart) with a converted yes/no column: "
                    "columns leaking the outcome are found and listed now, and the lead "
                    "model is cross-validated without them by a job (operator).")
    async def evaluate_lead_table(
        self, info: Info, file: Upload, label: str, folds: int = 5,
        include: list[str] | None = None, exclude: list[str] | None = None,
    ) -> EvaluateLeadTableResult:
        from domain.leads import tabular  # loads the ML libraries on first use

        settings = info.context.settings
        content = await file.read(settings.import_max_bytes + 1)  # type: ignore[attr-defined]
        try:
            accepted = await tabular.stage_lead_table(
                info.context.queue, info.context.org_id,
                getattr(file, "filename", "") or "leads.csv", content, label=label,
                folds=folds, include=include or [], exclude=exclude or [],
                max_bytes=settings.import_max_bytes)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        checks = [c.as_dict() for c in accepted.leaks.checks]
        return LeadTableAccepted(
            job=accepted.job, rows=accepted.rows,  # type: ignore[arg-type]
            rows_without_label=accepted.rows_without_label, features=accepted.features,
            dropped_columns=[DroppedColumn(column=c, reason=r)
                             for c, r in accepted.dropped.items()],
            excluded_columns=[LeakingColumn.of(c) for c in checks if c["excluded"]],
            checked_columns=[LeakingColumn.of(c) for c in checks],
            conversion_rate=accepted.conversion_rate)
