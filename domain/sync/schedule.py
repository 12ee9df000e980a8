"""Five-field cron expressions (minute hour day-of-month month day-of-week) for sync
schedules: `*`, `*/n`, `a-b`, `a-b/n` and lists; days of week 0-6 from Sunday (7 = Sunday)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import ValidationFailed

_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_NAMES = ("minute", "hour", "day of month", "month", "day of week")


@dataclass(frozen=True)
class Cron:
    expression: str
    fields: tuple[frozenset[int], ...]

    def matches(self, when: datetime) -> bool:
        minute, hour, day, month, weekday = self.fields
        dow = (when.weekday() + 1) % 7  # Monday=0 in Python; cron counts from Sunday
        return (when.minute in minute and when.hour in hour and when.day in day
                and when.month in month and (dow in weekday or (dow == 0 and 7 in weekday)))


def _part(text: str, low: int, high: int, name: str, field: str) -> set[int]:
    values: set[int] = set()
    for item in text.split(","):
        body, _, step_text = item.partition("/")
        try:
            step = int(step_text) if step_text else 1
            if body == "*":
                start, end = low, high
            elif "-" in body:
                a, b = body.split("-", 1)
                start, end = int(a), int(b)
            else:
                start = end = int(body)
        except ValueError:
            raise ValidationFailed(f"cron {name} '{item}' is not a number, range or step",
                                   field=field) from None
        if step < 1 or start < low or end > high or start > end:
            raise ValidationFailed(f"cron {name} '{item}' is outside {low}-{high}", field=field)
        values.update(range(start, end + 1, step))
    return values


def parse_cron(expression: str, field: str = "schedule") -> Cron:
    parts = expression.split()
    if len(parts) != 5:
        raise ValidationFailed(
            f"a schedule is a cron expression of 5 fields (minute hour day month weekday), "
            f"got {len(parts)}", field=field)
    sets = tuple(frozenset(_part(p, lo, hi, name, field))
                 for p, (lo, hi), name in zip(parts, _BOUNDS, _NAMES, strict=True))
    return Cron(expression, sets)
