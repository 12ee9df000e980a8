"""Moving customers through the journey from what a page of source data says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from domain.enums import Source, Stage
from domain.models import Customer, LifecycleTransition
from domain.sync.stages import crm_move
from domain.sync.upsert import create_all, update_all


async def advance(org_id: int, source: Source, reports: Mapping[int, tuple[Stage, str]],
                  now: datetime) -> int:
    """Apply CRM stage reports (customer id → (stage, reason)); forward moves only.
    Returns how many customers moved."""
    if not reports:
        return 0
    moved: list[Customer] = []
    steps: list[dict[str, object]] = []
    for customer in await Customer.filter(organization_id=org_id, id__in=list(reports)):
        stage, reason = reports[customer.id]
        target = crm_move(customer.stage, stage)
        if target is None:
            continue
        steps.append({"organization_id": org_id, "customer_id": customer.id,
                      "from_stage": customer.stage, "to_stage": target, "at": now,
                      "source": source, "reason": reason[:500]})
        customer.stage = target
        customer.updated_at = now
        moved.append(customer)
    await update_all(Customer, moved, {"stage": "text", "updated_at": "timestamptz"})
    await create_all(LifecycleTransition, steps)
    return len(moved)


def furthest(current: tuple[Stage, str] | None, stage: Stage, reason: str,
             order: tuple[Stage, ...]) -> tuple[Stage, str]:
    """Keep the furthest of two reported stages for one customer."""
    if current is None or order.index(stage) > order.index(current[0]):
        return stage, reason
    return current
