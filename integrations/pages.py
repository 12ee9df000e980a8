"""The page every list call returns: its records and where the next page starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_cursor: str | None  # None: this was the last page

    @property
    def done(self) -> bool:
        return self.next_cursor is None
