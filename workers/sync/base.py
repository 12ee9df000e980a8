"""What a provider sync is made of: an ordered list of streams, each fetched page by page
from a plain-string cursor and turned into a domain `Batch`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import httpx

from domain.enums import SyncMode
from domain.sync.config import Credentials
from domain.sync.records import Batch
from integrations.http import RetryPolicy, Sleep


@dataclass
class Fetched:
    batch: Batch
    next_cursor: str | None  # None: the stream is done
    mark: str | None = None  # the stream's new watermark (a timestamp or an event id)


Fetch = Callable[[str | None, str | None], Awaitable[Fetched]]  # (cursor, since) → page


@dataclass(frozen=True)
class Stream:
    name: str
    fetch: Fetch
    since_key: str | None = None  # the Integration.state key this stream continues from


@dataclass
class Plan:
    streams: list[Stream]
    close: Callable[[], Awaitable[None]]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Connect:
    """What a plan builder gets: credentials, where to reach the provider, how to retry."""

    credentials: Credentials
    mode: SyncMode
    state: dict[str, Any]
    transport: httpx.AsyncBaseTransport | None
    policy: RetryPolicy
    sleep: Sleep = asyncio.sleep  # waits between retries (the runner's keeps the job alive)


class PlanBuilder(Protocol):
    async def __call__(self, connect: Connect) -> Plan: ...


def later(a: str | None, b: str | None) -> str | None:
    """The later of two ISO timestamps (either may be missing)."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=lambda v: datetime.fromisoformat(v))
