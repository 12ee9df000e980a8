"""Prefetch a page's nested lists so their resolvers can answer without awaiting.

The page resolver loads each selected relation for all rows at once (one statement per
relation, through the same DataLoaders). The nested resolvers then find finished results
in the loader's cache and return plain lists, which spares graphql-core an awaitable,
a task and a gather per row and field. Without a prefetch (e.g. `customer(id)`) the same
resolvers return the DataLoader future as usual.

Also the two helpers of resolvers that run on stored rows: `row` and `version_number`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from api.context import Info
from api.selection import node_field_names

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Customer fields without arguments whose values come from a loader of the same name.
CUSTOMER_RELATIONS = ("journey", "subscriptions", "opportunities", "leads", "risk", "clv",
                      "segment")


def row(obj: object) -> Any:
    """The stored row (ORM row or domain object) a resolver runs on: its stored attributes,
    not the GraphQL fields."""
    return obj


def version_number(info: Info, stored: object) -> int:
    """The number of the model version a stored row points at (batched per request)."""
    return load_now(info.context.loaders.model_version, row(stored).model_version_id)


def load_now(loader: DataLoader[K, V], key: K) -> Any:
    """The cached result when it is already there, else the loader's future."""
    future = loader.cache_map.get(key)
    if future is not None and future.done() and future.exception() is None:
        return future.result()
    return loader.load(key)


async def prefetch_customer_relations(info: Info, ids: list[int]) -> None:
    if not ids:
        return
    loaders = info.context.loaders
    wanted = node_field_names(info).intersection(CUSTOMER_RELATIONS)
    await asyncio.gather(*(getattr(loaders, name).load_many(ids) for name in sorted(wanted)))
