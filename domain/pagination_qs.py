"""Keyset pages over a Tortoise queryset ordered by (created_at or another column, id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.pagination import Page, check_first, decode_keyset, keyset_cursor, parse_timestamp

M = TypeVar("M", bound=Model)


async def newest_first_page(
    qs: QuerySet[M], *, first: int, after: str | None, max_page_size: int,
    column: str = "created_at", with_total: bool = True, ordering: str | None = None,
    parse: Callable[[Any], Any] = parse_timestamp,
) -> Page[M]:
    """Rows highest `column` first (by default a datetime: newest first), ties broken by id.
    `ordering`: the cursors' tag ("<table>:<column>:desc" by default); `parse`: the sort
    value of a cursor (ValidationFailed when it is no such value)."""
    check_first(first, max_page_size)
    page_qs = qs
    tag = ordering or f"{qs.model._meta.db_table}:{column}:desc"
    if after:
        raw, last_id = decode_keyset(after, tag)
        value = parse(raw)
        older: dict[str, Any] = {f"{column}__lt": value}
        tie: dict[str, Any] = {column: value, "id__lt": last_id}
        page_qs = qs.filter(Q(**older) | Q(**tie))
    rows = await page_qs.order_by(f"-{column}", "-id").limit(first + 1)
    items = rows[:first]
    return Page(
        items=items,
        cursors=[keyset_cursor(tag, getattr(r, column), r.pk) for r in items],
        has_next=len(rows) > first,
        has_previous=after is not None,
        total=await qs.count() if with_total else None,
    )
