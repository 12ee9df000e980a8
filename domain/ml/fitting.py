"""Where CPU-heavy fitting runs: the worker passes a `FitIn` that uses its process pool;
without one, services fit in a thread (`in_thread`), never on the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class FitIn(Protocol):
    """Runs `fn(*args)` somewhere else (thread, process pool) and awaits its result."""

    def __call__(self, fn: Callable[..., T], /, *args: Any) -> Awaitable[T]: ...


async def in_thread(fn: Callable[..., T], /, *args: Any) -> T:
    return await asyncio.to_thread(fn, *args)
