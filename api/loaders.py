"""Per-request DataLoaders: every nested list is fetched with one statement per relation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from datetime import datetime
from typing import TypeVar

from strawberry.dataloader import DataLoader

from domain.campaigns import queries as campaigns
from domain.churn import queries as churn
from domain.clv import queries as clv
from domain.customers import related
from domain.customers.queries import customers_by_ids
from domain.incentives.queries import incentives_by_ids
from domain.leads.queries import current_scores as lead_scores
from domain.models import Delivery, Invoice, RiskScore, SegmentSnapshot
from domain.opportunities.queries import stage_history
from domain.segments.queries import current_segments, segment_history

V = TypeVar("V")
O = TypeVar("O", bound=Hashable)  # noqa: E741

Org = Callable[[], int]
InvoiceWindow = tuple[int, tuple[datetime, int] | None]


def _batch(org: Org, fn: Callable[[int, list[int]], Awaitable[Sequence[V]]]) -> DataLoader[int, V]:
    async def load(ids: list[int]) -> Sequence[V]:
        return await fn(org(), ids)

    return DataLoader(load_fn=load)


def _by_id(org: Org, fn: Callable[[int, list[int]], Awaitable[Mapping[int, V]]]
           ) -> DataLoader[int, V | None]:
    """For reads answering {id: row} with the ids they found: None for the others."""

    async def load(ids: list[int]) -> list[V | None]:
        found = await fn(org(), ids)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _batch_with_option(
    org: Org, fn: Callable[[int, list[int], O], Awaitable[Sequence[V]]]
) -> DataLoader[tuple[int, O], V]:
    """Keys are (id, option); one call per distinct option (in practice, one per page)."""

    async def load(keys: list[tuple[int, O]]) -> list[V]:
        by_option: dict[O, list[int]] = {}
        for key_id, option in keys:
            by_option.setdefault(option, []).append(key_id)
        results: dict[tuple[int, O], V] = {}
        for option, ids in by_option.items():
            unique = list(dict.fromkeys(ids))
            for key_id, value in zip(unique, await fn(org(), unique, option), strict=True):
                results[(key_id, option)] = value
        return [results[key] for key in keys]

    return DataLoader(load_fn=load)


async def _invoices(org_id: int, ids: list[int], window: InvoiceWindow) -> list[list[Invoice]]:
    return await related.latest_invoices(org_id, ids, window[0], window[1])


async def _history(org_id: int, ids: list[int], first: int) -> list[list[RiskScore]]:
    found = await churn.risk_history(org_id, ids, first)
    return [found[i] for i in ids]


async def _segment_history(org_id: int, ids: list[int], first: int
                           ) -> list[list[SegmentSnapshot]]:
    found = await segment_history(org_id, ids, first)
    return [found[i] for i in ids]


async def _deliveries(org_id: int, ids: list[int]) -> list[list[Delivery]]:
    found = await campaigns.deliveries(org_id, ids)
    return [found[i] for i in ids]


class Loaders:
    """Created per request; the organization is read when a batch runs (after auth)."""

    def __init__(self, org: Org) -> None:
        self.customer = _by_id(org, customers_by_ids)
        self.journey = _batch(org, related.journeys)
        self.subscriptions = _batch(org, related.subscriptions)
        self.opportunities = _batch(org, related.opportunities)
        self.leads = _batch(org, related.leads)
        self.invoice_count = _batch(org, related.invoice_counts)
        self.opportunity_history = _batch(org, stage_history)
        self.tickets = _batch_with_option(org, related.latest_tickets)
        self.usage = _batch_with_option(org, related.weekly_usage)
        self.invoices = _batch_with_option(org, _invoices)
        self.risk = _by_id(org, churn.current_scores)
        self.model_version = _by_id(org, churn.version_numbers)
        self.risk_history = _batch_with_option(org, _history)
        self.clv = _by_id(org, clv.values)
        self.lead_score = _by_id(org, lead_scores)
        self.segment = _by_id(org, current_segments)
        self.segment_history = _batch_with_option(org, _segment_history)
        self.incentive = _by_id(org, incentives_by_ids)
        self.campaign = _by_id(org, campaigns.campaigns_by_ids)
        self.deliveries = _batch(org, _deliveries)
