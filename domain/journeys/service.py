"""Moving an account through its lifecycle. Every change is stored as a transition."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from domain.enums import Source, Stage
from domain.errors import InvalidTransition, NotFound
from domain.journeys.rules import allowed_from, is_allowed
from domain.models import Customer, LifecycleTransition


async def move_stage(
    org_id: int,
    customer_id: int,
    to: Stage,
    *,
    source: Source = Source.API,
    reason: str = "",
    at: datetime | None = None,
) -> tuple[Customer, LifecycleTransition]:
    """Move a customer to `to`, or raise InvalidTransition naming the allowed targets."""
    async with in_transaction():
        customer = (
            await Customer.filter(id=customer_id, organization_id=org_id)
            .select_for_update()
            .first()
        )
        if customer is None:
            raise NotFound(f"customer {customer_id} not found", field="customerId")
        current = customer.stage
        if not is_allowed(current, to):
            allowed = sorted(s.value for s in allowed_from(current))
            raise InvalidTransition(
                f"cannot move from {current.value} to {to.value}; allowed: {', '.join(allowed)}",
                field="stage", from_stage=current.value, to_stage=to.value, allowed=allowed,
            )
        customer.stage = to
        await customer.save(update_fields=["stage", "updated_at"])
        transition = await LifecycleTransition.create(
            organization_id=org_id, customer_id=customer.id, from_stage=current, to_stage=to,
            at=at or datetime.now(UTC), source=source, reason=reason[:500],
        )
    return customer, transition
