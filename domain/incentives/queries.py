"""Incentive reads, always within one organization."""

from __future__ import annotations

from domain.models import Incentive


async def incentives(org_id: int, *, active: bool | None = None) -> list[Incentive]:
    """The organization's incentives ordered by code (only active or inactive ones if
    `active` is given)."""
    query = Incentive.filter(organization_id=org_id)
    if active is not None:
        query = query.filter(active=active)
    return await query.order_by("code")


async def incentive_by_code(org_id: int, code: str) -> Incentive | None:
    return await Incentive.get_or_none(organization_id=org_id, code=code)
