"""Keyset pages over a Tortoise queryset ordered by (created_at or another column, id)."""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.pagination import Page, check_first, decode_keyset, keyset_cursor, parse_timestamp

M = TypeVar("M", bound=Model)


async def newest_first_page(
    qs: QuerySet[M], *, first: int, after: str | None, max_page_size: int,
    column: str = "created_at", with_total: bool = True,
) -> Page[M]:
    """Rows newest first by `column` (a datetime), ties broken by id."""
    check_first(first, max_page_size)
    page_qs = qs
    ordering = f"{qs.model._meta.db_table}:{column}:desc"
    if after:
        raw, last_id = decode_keyset(after, ordering)
        value = parse_timestamp(raw)
        older: dict[str, Any] = {f"{column}__lt": value}
        tie: dict[str, Any] = {column: value, "id__lt": last_id}
        page_qs = qs.filter(Q(**older) | Q(**tie))
    rows = await page_qs.order_by(f"-{column}", "-id").limit(first + 1)
    items = rows[:first]
    return Page(
        items=items,
        cursors=[keyset_cursor(ordering, getattr(r, column), r.pk) for r in items],
        has_next=len(rows) > first,
        has_previous=after is not None,
        total=await qs.count() if with_total else None,
    )
