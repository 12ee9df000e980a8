"""Keyset (cursor) pagination shared by every connection."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from domain.errors import ValidationFailed

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    total: int | None = None


def encode_cursor(*values: Any) -> str:
    raw = json.dumps([v if isinstance(v, int | float | None) else str(v) for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int, field: str = "after") -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError) as exc:
        raise ValidationFailed("not a cursor returned by this API", field=field) from exc
    if not isinstance(values, list) or len(values) != size:
        raise ValidationFailed("not a cursor for this ordering", field=field)
    return values


MAX_ROW_ID = 2**63 - 1


def keyset_cursor(ordering: str, value: Any, row_id: int) -> str:
    """A cursor for keyset pages: the ordering it belongs to, the sort value and the id."""
    return encode_cursor(ordering, value, row_id)


def decode_keyset(cursor: str, ordering: str, field: str = "after") -> tuple[Any, int]:
    """The sort value and id of a keyset cursor made for `ordering`."""
    tag, value, row_id = decode_cursor(cursor, 3, field)
    if tag != ordering:
        raise ValidationFailed("this cursor belongs to another ordering", field=field)
    if not isinstance(row_id, int) or isinstance(row_id, bool) or not 0 <= row_id <= MAX_ROW_ID:
        raise ValidationFailed("not a cursor returned by this API", field=field)
    return value, row_id


def parse_timestamp(raw: Any, field: str = "after") -> datetime:
    """A time zone-aware datetime from a cursor value."""
    try:
        value = datetime.fromisoformat(str(raw))
    except ValueError:
        raise ValidationFailed("not a cursor returned by this API", field=field) from None
    if value.tzinfo is None:
        raise ValidationFailed("not a cursor returned by this API", field=field)
    return value


def check_first(first: int, maximum: int, field: str = "first") -> None:
    if first < 1:
        raise ValidationFailed(f"{field} must be at least 1", field=field)
    if first > maximum:
        raise ValidationFailed(f"{field} must be at most {maximum} (got {first})", field=field)
