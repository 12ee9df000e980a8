"""Revenue mutations (merged into the root `Mutation`): recording acquisition spend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from api.context import Info
from api.errors import UserError, ValidationError, to_user_error
from api.permissions import IsOperator
from api.revenue.inputs import SpendInput
from domain.errors import DomainError
from domain.revenue import spend


@strawberry.type(description="A spend entry as stored.")
class SpendEntry:
    month: date = strawberry.field(description="First day of the month")
    channel: str
    amount: Decimal
    currency: str


@strawberry.type(description="Every entry was stored (or replaced that of its month and "
                             "channel).")
class SpendRecorded:
    entries: list[SpendEntry]
    created: int
    updated: int = strawberry.field(description="Entries that replaced an existing one")


@strawberry.type(description="One invalid field of a spend entry.")
class SpendFieldError:
    field: str = strawberry.field(description="e.g. entries[2].amount (0-based)")
    message: str


@strawberry.type(description="Some entries are invalid; nothing was stored.")
class SpendRejectedError(UserError):
    errors: list[SpendFieldError]


RecordSpendResult = Annotated[SpendRecorded | SpendRejectedError | ValidationError,
                              strawberry.union("RecordSpendResult")]


@strawberry.type
class RevenueMutations:
    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Record acquisition spend per month and channel (operator): an upsert "
                    "by (month, channel), all or nothing. CAC and payback in revenueMetrics "
                    "are computed from it.")
    async def record_spend(self, info: Info, entries: list[SpendInput]) -> RecordSpendResult:
        try:
            recorded = await spend.record_spend(info.context.org_id,
                                                [e.to_domain() for e in entries])
        except spend.SpendRejected as exc:
            return SpendRejectedError(
                code=exc.code, field=exc.field, message=exc.message,
                errors=[SpendFieldError(field=e.field, message=e.message) for e in exc.errors])
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return SpendRecorded(entries=recorded.entries,  # type: ignore[arg-type]
                             created=recorded.created, updated=recorded.updated)
