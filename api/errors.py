"""Expected errors as data: typed GraphQL error objects built from domain errors."""

from __future__ import annotations

import strawberry

from api.enums import Stage
from domain import errors
from domain.enums import Stage as DomainStage


@strawberry.interface(description="An expected error: stable code, the field concerned, text.")
class UserError:
    code: str
    field: str | None
    message: str


@strawberry.type
class NotFoundError(UserError):
    pass


@strawberry.type
class ValidationError(UserError):
    pass


@strawberry.type
class PermissionDeniedError(UserError):
    pass


@strawberry.type
class InvalidStageTransitionError(UserError):
    from_stage: Stage
    to_stage: Stage
    allowed: list[Stage]


@strawberry.type
class SyncInProgressError(UserError):
    run_id: strawberry.ID | None


@strawberry.type
class IntegrationNotConfiguredError(UserError):
    pass


@strawberry.type
class IntegrationPausedError(UserError):
    paused_until: str | None


@strawberry.type(description="Nothing to score with: train a churn model first.")
class NoActiveModelError(UserError):
    pass


@strawberry.type
class RowError:
    row: int = strawberry.field(description="1-based line in the file (the header is line 1)")
    field: str
    message: str


@strawberry.type
class ImportRejectedError(UserError):
    total_errors: int
    errors: list[RowError]


def _base(exc: errors.DomainError) -> dict[str, object]:
    return {"code": exc.code, "field": exc.field, "message": exc.message}


def to_user_error(exc: errors.DomainError) -> UserError:
    """Map a domain error to its GraphQL type (unknown kinds become ValidationError)."""
    if isinstance(exc, errors.InvalidTransition):
        return InvalidStageTransitionError(
            **_base(exc),  # type: ignore[arg-type]
            from_stage=DomainStage(exc.details["from_stage"]),
            to_stage=DomainStage(exc.details["to_stage"]),
            allowed=[DomainStage(s) for s in exc.details["allowed"]],
        )
    if exc.code == "NO_ACTIVE_MODEL":
        return NoActiveModelError(**_base(exc))  # type: ignore[arg-type]
    if isinstance(exc, errors.NotFound):
        return NotFoundError(**_base(exc))  # type: ignore[arg-type]
    if exc.code == "SYNC_IN_PROGRESS":
        run_id = exc.details.get("run_id")
        return SyncInProgressError(**_base(exc),  # type: ignore[arg-type]
                                   run_id=strawberry.ID(str(run_id)) if run_id else None)
    if exc.code == "INTEGRATION_NOT_CONFIGURED":
        return IntegrationNotConfiguredError(**_base(exc))  # type: ignore[arg-type]
    if exc.code == "INTEGRATION_PAUSED":
        return IntegrationPausedError(**_base(exc),  # type: ignore[arg-type]
                                      paused_until=exc.details.get("paused_until"))
    if isinstance(exc, errors.PermissionDenied):
        return PermissionDeniedError(**_base(exc))  # type: ignore[arg-type]
    row_errors = getattr(exc, "errors", None)
    if row_errors is not None:
        return ImportRejectedError(
            **_base(exc),  # type: ignore[arg-type]
            total_errors=int(exc.details.get("total_errors", len(row_errors))),
            errors=[RowError(row=e.row, field=e.field, message=e.message) for e in row_errors],
        )
    return ValidationError(**_base(exc))  # type: ignore[arg-type]


ERROR_TYPES = (NotFoundError, ValidationError, PermissionDeniedError,
               InvalidStageTransitionError, ImportRejectedError)
