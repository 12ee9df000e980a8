"""Keyset (cursor) pagination shared by every connection."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
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


def check_first(first: int, maximum: int, field: str = "first") -> None:
    if first < 1:
        raise ValidationFailed(f"{field} must be at least 1", field=field)
    if first > maximum:
        raise ValidationFailed(f"{field} must be at most {maximum} (got {first})", field=field)
