"""Generate a demo world into an organization (see `domain.demo.story` for the story).

`generate_world(org_id, customers=2000)` writes a realistic B2B SaaS organization for the
demo; `generate_world(org_id, customers=1_000_000)` a benchmark world. Output is
deterministic for a given `seed` and `now` (only the primary keys depend on what the
database already holds).

Weekly usage is the largest table (about 2.5 rows per paying account per week). With
`usage_weeks=None` the full weekly history is written for worlds of up to
`FULL_USAGE_MAX_CUSTOMERS` accounts; above that only the last `DEFAULT_USAGE_WEEKS` weeks
(a quarter: enough to see the 8-12 week decline before recent cancellations) are kept, so
a 1M-account world stays in minutes. Pass a number to choose the cap explicitly.

`shop_customers` adds the e-commerce slice of `domain.demo.shop` (customers buying by
one-off orders: `Customer` and `Transaction` rows, no subscriptions) from its own random
stream, after the SaaS rows: the SaaS part of the world is the same with or without it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from domain.db import is_postgres
from domain.demo import activity, tables
from domain.demo.frame import Table
from domain.demo.funnel import Funnel, generate_funnel
from domain.demo.lifecycle import Lifecycle, simulate
from domain.demo.shop import generate_shop, with_shop
from domain.demo.writer import Written, write_tables
from domain.errors import ValidationFailed

FULL_USAGE_MAX_CUSTOMERS = 50_000
DEFAULT_USAGE_WEEKS = 13

Progress = Callable[[float, str], Awaitable[None]]


@dataclass(frozen=True)
class WorldSummary:
    """Rows written per table, and the seconds the whole generation took."""

    customers: int
    leads: int
    opportunities: int
    transitions: int
    subscriptions: int
    invoices: int
    usage_events: int
    tickets: int
    seconds: float
    shop_customers: int = 0  # of `customers`: the e-commerce slice
    transactions: int = 0


@dataclass(frozen=True)
class WorldReport:
    """A summary plus the timing of each phase (for benchmarks)."""

    summary: WorldSummary
    build_seconds: float  # generating the arrays
    written: tuple[Written, ...]  # rows and seconds per table


def effective_usage_weeks(customers: int, usage_weeks: int | None) -> int | None:
    """The weekly-usage cap actually used (None: full history)."""
    if usage_weeks is not None:
        return max(usage_weeks, 0)
    return None if customers <= FULL_USAGE_MAX_CUSTOMERS else DEFAULT_USAGE_WEEKS


def _build(customers: int, seed: int, start: int, now: int, usage_weeks: int | None,
           shop_customers: int = 0) -> list[Table]:
    funnel_seed, life_seed, rows_seed = np.random.SeedSequence(seed).spawn(3)
    funnel: Funnel = generate_funnel(funnel_seed, customers, start, now)
    life: Lifecycle = simulate(life_seed, funnel, start, now, usage_weeks)
    rng = np.random.default_rng(rows_seed)
    acc = tables.accounts(funnel, life)
    opportunities, history = activity.opportunities(funnel, life, acc, now)
    built = [
        tables.customers(rng, funnel, life, acc, now),
        tables.leads(funnel, acc),
        tables.transitions(funnel, life, acc),
        opportunities,
        history,
        tables.subscriptions(funnel, life, acc),
        tables.invoices(funnel, life, acc),
        activity.usage(rng, life, acc),
        activity.tickets(rng, life, acc, now),
    ]
    if shop_customers <= 0:
        return built
    return with_shop(built, generate_shop(shop_customers, seed=seed, start=start, end=now), now)


async def generate_world_report(
    org_id: int, *, customers: int, seed: int = 7, now: datetime | None = None,
    years: int = 3, usage_weeks: int | None = None, progress: Progress | None = None,
    shop_customers: int = 0,
) -> WorldReport:
    """`generate_world`, returning the per-table timings as well."""
    if customers < 0:
        raise ValidationFailed("customers must be zero or more", field="customers")
    if years < 1:
        raise ValidationFailed("years must be at least 1", field="years")
    if shop_customers < 0:
        raise ValidationFailed("shop_customers must be zero or more", field="shop_customers")
    started = time.perf_counter()
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    end = int(moment.timestamp())
    start = int((moment - timedelta(days=365 * years)).timestamp())
    weeks = effective_usage_weeks(customers, usage_weeks)
    if progress is not None:
        shop = f" and {shop_customers:,} shop customers" if shop_customers else ""
        await progress(0.0, f"simulating {customers:,} accounts{shop} over {years} years")
    built = await asyncio.to_thread(_build, customers, seed, start, end, weeks, shop_customers)
    build_seconds = time.perf_counter() - started

    async def writing(fraction: float, message: str) -> None:
        if progress is not None:
            await progress(0.3 + 0.7 * fraction, message)

    written = await write_tables(org_id, built, postgres=is_postgres(), progress=writing)
    rows = {w.table: w.rows for w in written}
    summary = WorldSummary(
        customers=rows["customer"], leads=rows["lead"], opportunities=rows["opportunity"],
        transitions=rows["lifecycle_transition"], subscriptions=rows["subscription"],
        invoices=rows["invoice"], usage_events=rows["usage_event"],
        tickets=rows["support_ticket"], seconds=round(time.perf_counter() - started, 3),
        shop_customers=max(shop_customers, 0), transactions=rows.get("transaction", 0),
    )
    if progress is not None:
        await progress(1.0, "done")
    return WorldReport(summary, build_seconds, tuple(written))


async def generate_world(
    org_id: int, *, customers: int, seed: int = 7, now: datetime | None = None,
    years: int = 3, usage_weeks: int | None = None, progress: Progress | None = None,
    shop_customers: int = 0,
) -> WorldSummary:
    """Write a generated B2B SaaS world into organization `org_id`.

    `customers` accounts become paying customers or are still in the funnel (leads that
    were disqualified come on top, as `Lead` rows only). The window is `years` back from
    `now` (default: the current time). `usage_weeks` caps weekly usage to the last N weeks
    (None: full history up to 50,000 accounts, the last 13 weeks above). `progress` is
    awaited with a fraction in [0, 1] and a message as the work advances.
    `shop_customers` e-commerce customers (`domain.demo.shop`) come on top of the accounts.
    """
    report = await generate_world_report(
        org_id, customers=customers, seed=seed, now=now, years=years,
        usage_weeks=usage_weeks, progress=progress, shop_customers=shop_customers,
    )
    return report.summary
