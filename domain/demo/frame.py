"""Columnar tables handed from the generator to the writer.

A `Table` holds numpy columns with *local* ids: row i gets primary key `base + i + 1`, where
`base` is the table's current max id, and a reference column holds the local row index of
the parent (-1 for NULL). The writer turns each column into database values by its `Kind`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np


class Kind(Enum):
    INT = "int"  # int64
    FLOAT = "float"
    BOOL = "bool"
    TEXT = "text"  # object array of str (None allowed)
    TS = "ts"  # int64 epoch seconds, story.NULL_TS for NULL; written tz-aware UTC
    DATE = "date"  # int64 epoch seconds, written as the UTC calendar date
    MONEY = "money"  # int64 cents, written with 2 decimal places
    JSON = "json"  # object array of JSON text
    REF = "ref"  # int64 local row index of another table, -1 for NULL
    CUSTOMER_REF = "customer_ref"  # derived from the row's own id: "C000123"
    ROW_REF = "row_ref"  # the row's own id after the prefix in `ref`: "ORD-" -> "ORD-00000123"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    values: np.ndarray | None = None  # None for CUSTOMER_REF
    ref: str | None = None  # referenced table for REF, prefix for ROW_REF


@dataclass(frozen=True)
class Table:
    name: str
    rows: int
    columns: tuple[Column, ...]


def table(name: str, rows: int, *columns: Column) -> Table:
    for column in columns:
        if column.values is not None and len(column.values) != rows:
            raise ValueError(f"{name}.{column.name}: {len(column.values)} values, {rows} rows")
    return Table(name, rows, columns)


def col(name: str, kind: Kind, values: np.ndarray | None = None, ref: str | None = None
        ) -> Column:
    return Column(name, kind, values, ref)
