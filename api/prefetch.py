"""Prefetch a page's nested lists so their resolvers can answer without awaiting.

The page resolver loads each selected relation for all rows at once (one statement per
relation, through the same DataLoaders). The nested resolvers then find finished results
in the loader's cache and return plain lists, which spares graphql-core an awaitable,
a task and a gather per row and field. Without a prefetch (e.g. `customer(id)`) the same
resolvers return the DataLoader future as usual.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.context import Info

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Customer fields without arguments whose lists come from a loader of the same name.
CUSTOMER_RELATIONS = ("journey", "subscriptions", "opportunities", "leads")


def load_now(loader: DataLoader[K, V], key: K) -> Any:
    """The cached result when it is already there, else the loader's future."""
    future = loader.cache_map.get(key)
    if future is not None and future.done() and future.exception() is None:
        return future.result()
    return loader.load(key)


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)
        elif isinstance(selection, SelectedField):
            yield selection


def node_field_names(info: Info) -> set[str]:
    """Names selected under `edges { node { … } }` and `nodes { … }` of this connection."""
    names: set[str] = set()
    for connection in info.selected_fields:
        for field in _fields(connection.selections):
            if field.name == "edges":
                for inner in _fields(field.selections):
                    if inner.name == "node":
                        names.update(f.name for f in _fields(inner.selections))
            elif field.name == "nodes":
                names.update(f.name for f in _fields(field.selections))
    return names


async def prefetch_customer_relations(info: Info, ids: list[int]) -> None:
    if not ids:
        return
    loaders = info.context.loaders
    wanted = node_field_names(info).intersection(CUSTOMER_RELATIONS)
    await asyncio.gather(*(getattr(loaders, name).load_many(ids) for name in sorted(wanted)))
