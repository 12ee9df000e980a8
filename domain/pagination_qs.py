"""Keyset pages over a Tortoise queryset ordered by (created_at or another column, id)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.errors import ValidationFailed
from domain.pagination import Page, check_first, decode_cursor, encode_cursor

M = TypeVar("M", bound=Model)


async def newest_first_page(
    qs: QuerySet[M], *, first: int, after: str | None, max_page_size: int,
    column: str = "created_at", with_total: bool = True,
) -> Page[M]:
    """Rows newest first by `column` (a datetime), ties broken by id."""
    check_first(first, max_page_size)
    page_qs = qs
    if after:
        raw, last_id = decode_cursor(after, 2)
        try:
            value = datetime.fromisoformat(str(raw))
        except ValueError as exc:
            raise ValidationFailed("not a cursor for this ordering", field="after") from exc
        older: dict[str, Any] = {f"{column}__lt": value}
        tie: dict[str, Any] = {column: value, "id__lt": last_id}
        page_qs = qs.filter(Q(**older) | Q(**tie))
    rows = await page_qs.order_by(f"-{column}", "-id").limit(first + 1)
    items = rows[:first]
    return Page(
        items=items,
        cursors=[encode_cursor(getattr(r, column), r.pk) for r in items],
        has_next=len(rows) > first,
        has_previous=after is not None,
        total=await qs.count() if with_total else None,
    )
