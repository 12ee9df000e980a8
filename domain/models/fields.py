from __future__ import annotations

from typing import Any

from tortoise import fields


class MoneyField(fields.DecimalField):
    """Decimal money amount (2 places) that sorts and compares numerically on every backend.

    Tortoise stores decimals as VARCHAR on SQLite, which would order "9.00" after "10.00";
    a NUMERIC column keeps SQLite's comparisons numeric. PostgreSQL keeps NUMERIC(14,2).
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    class _db_sqlite:
        SQL_TYPE = "NUMERIC(14,2)"
