"""Risk changes as a stream for subscribers: the organization's `risk_channel` messages
(one per committed scoring chunk, see `churn.scoring`), filtered per subscriber.

A change passes a filter when every given condition holds:
  * `min_level`: its new level OR its previous level is at least `min_level` (a subscriber
    watching high risk hears both about customers entering and leaving it);
  * `segment`: the customer's current segment (`Customer.segment`) is this one, read when
    the message arrives (one statement per message, only when a segment is asked for);
  * `customer_ids`: the customer is one of these.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from domain.enums import RiskLevel
from domain.errors import ValidationFailed
from domain.events import EventBus, risk_channel
from domain.models import Customer

MAX_CUSTOMER_IDS = 1000
MAX_SEGMENT = 32
_RANK = {level: n for n, level in enumerate(RiskLevel)}


@dataclass(frozen=True)
class ChangeFilter:
    min_level: RiskLevel | None = None
    segment: str | None = None
    customer_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, min_level: RiskLevel | None, segment: str | None,
           customer_ids: Sequence[int] | None) -> ChangeFilter:
        if segment is not None and not 1 <= len(segment.strip()) <= MAX_SEGMENT:
            raise ValidationFailed(f"segment must be 1 to {MAX_SEGMENT} characters",
                                   field="filter.segment")
        if customer_ids is not None and not 1 <= len(customer_ids) <= MAX_CUSTOMER_IDS:
            raise ValidationFailed(f"customerIds must hold 1 to {MAX_CUSTOMER_IDS} ids",
                                   field="filter.customerIds")
        return cls(min_level=min_level, segment=segment.strip() if segment else None,
                   customer_ids=frozenset(customer_ids) if customer_ids is not None else None)

    def _level_passes(self, change: dict[str, Any]) -> bool:
        if self.min_level is None:
            return True
        floor = _RANK[self.min_level]
        levels = (change.get("to_level"), change.get("from_level"))
        return any(v is not None and _RANK[RiskLevel(v)] >= floor for v in levels)

    def _cheap(self, change: dict[str, Any]) -> bool:
        ids = self.customer_ids
        return (ids is None or int(change["customer_id"]) in ids) and self._level_passes(change)


async def matching(org_id: int, changes: Sequence[dict[str, Any]], how: ChangeFilter
                   ) -> list[dict[str, Any]]:
    """The changes of one message that pass `how`, in order."""
    kept = [c for c in changes if how._cheap(c)]
    if not kept or how.segment is None:
        return kept
    ids = {int(c["customer_id"]) for c in kept}
    rows = await Customer.filter(organization_id=org_id, id__in=list(ids),
                                 segment=how.segment).values_list("id", flat=True)
    inside = {int(i) for i in rows}  # type: ignore[call-overload]
    return [c for c in kept if int(c["customer_id"]) in inside]


async def risk_changes(bus: EventBus, org_id: int, how: ChangeFilter
                       ) -> AsyncIterator[dict[str, Any]]:
    """Every change of organization `org_id` published from now on that passes `how`."""
    async with bus.subscription(risk_channel(org_id)) as messages:
        async for message in messages:
            if message.get("organization_id") != org_id:
                continue
            for change in await matching(org_id, message.get("changes") or [], how):
                if change.get("organization_id") == org_id:
                    yield change
