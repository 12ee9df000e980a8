"""Moving customers through the journey from what a page of source data says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from domain.enums import Source, Stage
from domain.models import Customer, LifecycleTransition
from domain.sync.stages import crm_move


async def advance(org_id: int, source: Source, reports: Mapping[int, tuple[Stage, str]],
                  now: datetime) -> int:
    """Apply CRM stage reports (customer id → (stage, reason)); forward moves only.
    Returns how many customers moved."""
    if not reports:
        return 0
    moved: list[Customer] = []
    steps: list[LifecycleTransition] = []
    for customer in await Customer.filter(organization_id=org_id, id__in=list(reports)):
        stage, reason = reports[customer.id]
        target = crm_move(customer.stage, stage)
        if target is None:
            continue
        steps.append(LifecycleTransition(
            organization_id=org_id, customer_id=customer.id, from_stage=customer.stage,
            to_stage=target, at=now, source=source, reason=reason[:500]))
        customer.stage = target
        customer.updated_at = now
        moved.append(customer)
    if moved:
        await Customer.bulk_update(moved, fields=["stage", "updated_at"])
        await LifecycleTransition.bulk_create(steps)
    return len(moved)


def furthest(current: tuple[Stage, str] | None, stage: Stage, reason: str,
             order: tuple[Stage, ...]) -> tuple[Stage, str]:
    """Keep the furthest of two reported stages for one customer."""
    if current is None or order.index(stage) > order.index(current[0]):
        return stage, reason
    return current
