"""Per-request DataLoaders: every nested list is fetched with one statement per relation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from datetime import datetime
from typing import TypeVar

from strawberry.dataloader import DataLoader

from domain.campaigns import queries as campaigns
from domain.churn import queries as churn
from domain.clv import queries as clv
from domain.customers import related
from domain.customers.queries import customers_by_ids
from domain.leads.queries import current_scores as lead_scores
from domain.models import (
    Action,
    Campaign,
    Customer,
    CustomerValue,
    Delivery,
    Incentive,
    Invoice,
    LeadScore,
    RiskScore,
    SegmentSnapshot,
)
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


async def _customers(org_id: int, ids: list[int]) -> list[Customer | None]:
    found = await customers_by_ids(org_id, ids)
    return [found.get(i) for i in ids]


async def _invoices(org_id: int, ids: list[int], window: InvoiceWindow) -> list[list[Invoice]]:
    return await related.latest_invoices(org_id, ids, window[0], window[1])


async def _risk(org_id: int, ids: list[int]) -> list[RiskScore | None]:
    found = await churn.current_scores(org_id, ids)
    return [found.get(i) for i in ids]


async def _versions(org_id: int, ids: list[int]) -> list[int | None]:
    found = await churn.version_numbers(org_id, ids)
    return [found.get(i) for i in ids]


async def _history(org_id: int, ids: list[int], first: int) -> list[list[RiskScore]]:
    found = await churn.risk_history(org_id, ids, first)
    return [found[i] for i in ids]


async def _clv(org_id: int, ids: list[int]) -> list[CustomerValue | None]:
    found = await clv.values(org_id, ids)
    return [found.get(i) for i in ids]


async def _segment(org_id: int, ids: list[int]) -> list[SegmentSnapshot | None]:
    found = await current_segments(org_id, ids)
    return [found.get(i) for i in ids]


async def _segment_history(org_id: int, ids: list[int], first: int
                           ) -> list[list[SegmentSnapshot]]:
    found = await segment_history(org_id, ids, first)
    return [found[i] for i in ids]


async def _lead_score(org_id: int, ids: list[int]) -> list[LeadScore | None]:
    found = await lead_scores(org_id, ids)
    return [found.get(i) for i in ids]


async def _incentives(org_id: int, ids: list[int]) -> list[Incentive | None]:
    found = {i.id: i for i in await Incentive.filter(organization_id=org_id, id__in=ids)}
    return [found.get(i) for i in ids]


async def _campaigns(org_id: int, ids: list[int]) -> list[Campaign | None]:
    found = await campaigns.campaigns_by_ids(org_id, ids)
    return [found.get(i) for i in ids]


async def _deliveries(org_id: int, ids: list[int]) -> list[list[Delivery]]:
    found = await campaigns.deliveries(org_id, ids)
    return [found[i] for i in ids]


async def _customer_actions(org_id: int, ids: list[int], first: int) -> list[list[Action]]:
    found = await campaigns.customer_actions(org_id, ids, limit=first)
    return [found[i] for i in ids]


class Loaders:
    """Created per request; the organization is read when a batch runs (after auth)."""

    def __init__(self, org: Org) -> None:
        self.customer = _batch(org, _customers)
        self.journey = _batch(org, related.journeys)
        self.subscriptions = _batch(org, related.subscriptions)
        self.opportunities = _batch(org, related.opportunities)
        self.leads = _batch(org, related.leads)
        self.invoice_count = _batch(org, related.invoice_counts)
        self.opportunity_history = _batch(org, stage_history)
        self.tickets = _batch_with_option(org, related.latest_tickets)
        self.usage = _batch_with_option(org, related.weekly_usage)
        self.invoices = _batch_with_option(org, _invoices)
        self.risk = _batch(org, _risk)
        self.model_version = _batch(org, _versions)
        self.risk_history = _batch_with_option(org, _history)
        self.clv = _batch(org, _clv)
        self.lead_score = _batch(org, _lead_score)
        self.segment = _batch(org, _segment)
        self.segment_history = _batch_with_option(org, _segment_history)
        self.incentive = _batch(org, _incentives)
        self.campaign = _batch(org, _campaigns)
        self.deliveries = _batch(org, _deliveries)
        self.retention_actions = _batch_with_option(org, _customer_actions)
