"""Reading the current field's selection, fragments included."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.context import Info


def fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    """The fields of a selection set, looking through named and inline fragments."""
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            yield from fields(selection.selections)
        elif isinstance(selection, SelectedField):
            yield selection


def selects(info: Info, name: str) -> bool:
    """Whether the current field's selection includes `name` (e.g. totalCount)."""
    return any(f.name == name for field in info.selected_fields for f in fields(field.selections))


def node_field_names(info: Info) -> set[str]:
    """Names selected under `edges { node { … } }` and `nodes { … }` of this connection."""
    names: set[str] = set()
    for connection in info.selected_fields:
        for field in fields(connection.selections):
            if field.name == "edges":
                for inner in fields(field.selections):
                    if inner.name == "node":
                        names.update(f.name for f in fields(inner.selections))
            elif field.name == "nodes":
                names.update(f.name for f in fields(field.selections))
    return names
