"""Incentive reads, always within one organization."""

from __future__ import annotations

from collections.abc import Iterable

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


async def incentives_by_ids(org_id: int, ids: Iterable[int]) -> dict[int, Incentive]:
    """id -> incentive for those of `ids` that are the organization's (one query)."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return {}
    rows = await Incentive.filter(organization_id=org_id, id__in=wanted)
    return {int(row.id): row for row in rows}
