"""Churn subscriptions (merged into the root `Subscription`)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

import strawberry

from api.context import Info
from api.enums import RiskLevel
from api.inputs import parse_id
from api.types import Customer
from domain.churn.changes import ChangeFilter, risk_changes
from domain.enums import RiskLevel as Level
from domain.models import Customer as CustomerRow


@strawberry.input(description="Every condition given must hold.")
class RiskChangeFilter:
    min_level: RiskLevel | None = strawberry.field(
        default=None, description="The new or the previous level is at least this one")
    segment: str | None = strawberry.field(
        default=None, description="The customer's current segment")
    customer_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these customers (1..1000)")

    def to_domain(self) -> ChangeFilter:
        ids = None if self.customer_ids is None else [
            parse_id(i, "filter.customerIds") for i in self.customer_ids]
        return ChangeFilter.of(self.min_level, self.segment, ids)


@strawberry.type(description="A customer's churn level changed, or its probability moved "
                             "more than the configured delta, at a scoring run.")
class RiskChange:
    customer_id: strawberry.ID
    from_level: RiskLevel | None = strawberry.field(description="Null: first scoring")
    to_level: RiskLevel
    from_probability: float | None
    to_probability: float
    model_version: int
    at: datetime

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        row = await CustomerRow.get_or_none(id=int(self.customer_id),
                                            organization_id=info.context.org_id)
        return row  # type: ignore[return-value]


def _event(change: dict[str, Any]) -> RiskChange:
    return RiskChange(
        customer_id=strawberry.ID(str(change["customer_id"])),
        from_level=Level(change["from_level"]) if change.get("from_level") else None,
        to_level=Level(change["to_level"]),
        from_probability=change.get("from_probability"),
        to_probability=float(change["to_probability"]),
        model_version=int(change["model_version"]),
        at=datetime.fromisoformat(str(change["at"])),
    )


@strawberry.type
class ChurnSubscriptions:
    @strawberry.subscription(description="Risk changes of your organization's customers "
                                         "from now on, as scoring runs store them.")
    async def risk_changed(self, info: Info, filter: RiskChangeFilter | None = None
                           ) -> AsyncGenerator[RiskChange, None]:
        how = filter.to_domain() if filter is not None else ChangeFilter()
        async for change in risk_changes(info.context.bus, info.context.org_id, how):
            yield _event(change)
