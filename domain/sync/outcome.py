"""What a page (or a whole run) did with its records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_ERRORS = 100


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, kind: str, external_id: str, code: str, message: str) -> None:
        self.failed += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(
                {"kind": kind, "id": external_id, "code": code, "message": message})

    def add(self, other: Outcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed += other.failed
        room = MAX_ERRORS - len(self.errors)
        self.errors.extend(other.errors[: max(room, 0)])
