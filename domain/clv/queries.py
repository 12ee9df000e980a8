"""Customer value reads: values of a page of customers and the value models."""

from __future__ import annotations

from collections.abc import Sequence

from domain.ml import registry
from domain.models import CustomerValue, ModelVersion

KIND = "clv"


async def values(org_id: int, ids: Sequence[int]) -> dict[int, CustomerValue]:
    """The stored value of each customer that has one. One statement."""
    if not ids:
        return {}
    rows = await CustomerValue.filter(organization_id=org_id, customer_id__in=list(ids))
    return {r.customer_id: r for r in rows}


async def models(org_id: int) -> list[ModelVersion]:
    """Value model versions (fits), newest first."""
    return await registry.versions(org_id, KIND)


async def active_model(org_id: int) -> ModelVersion | None:
    return await registry.active(org_id, KIND)
