"""Reading an uploaded CSV into columns, keeping the file line number of every row.

The csv module tokenises (so quoted values may span lines and every row keeps the line it
starts on); the columns are then handed to pandas for vectorised validation.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.imports.errors import FILE, ImportRejected, RowError, reject


def column_key(name: str) -> str:
    """How header names are matched: ignoring case, spaces, underscores and hyphens."""
    return re.sub(r"[\s_\-]+", "", name).casefold()


@dataclass(frozen=True)
class Table:
    """The data rows of a file: `cells` holds the recognised columns (by canonical name,
    values stripped), `extras` every other named column (header and values verbatim)."""

    lines: npt.NDArray[np.int64]
    cells: dict[str, pd.Series]
    extras: dict[str, list[str]]
    order: tuple[str, ...]
    problems: list[tuple[int, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)

    def column(self, name: str) -> pd.Series:
        """The stripped values of column `name`; all empty when the file lacks it."""
        found = self.cells.get(name)
        if found is None:
            return pd.Series([""] * len(self), dtype="str")
        return found


def decode(content: bytes) -> str:
    """The file as text (UTF-8, with or without a byte-order mark)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        byte = content[exc.start : exc.start + 1].hex().upper()
        raise reject(
            line, FILE,
            f"the file is not UTF-8 text (byte 0x{byte} on line {line}); "
            "save it as \"CSV UTF-8\" and upload it again",
        ) from exc


def _records(text: str) -> Iterable[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise reject(reader.line_num, FILE, f"the file is not valid CSV: {exc}") from exc
        if any(cell.strip() for cell in row):
            yield line, row
        line = reader.line_num + 1


def read_table(content: bytes, columns: Iterable[str], required: Iterable[str]) -> Table:
    """Tokenise `content` and map its header onto the canonical `columns`.

    Raises ImportRejected for whole-file problems: an empty file, a missing required
    column, a column named twice, a header without data rows."""
    text = decode(content)
    rows = iter(_records(text))
    first = next(rows, None)
    if first is None:
        raise reject(0, FILE, "the file is empty; the first line must be the column header")
    header_line, header = first
    body = list(rows)
    if not body:
        raise reject(header_line, FILE, "the file has a header but no data rows")
    known = {column_key(name): name for name in columns}
    positions, extras, errors = _map_header(header, header_line, known)
    width = len(header)
    problems: list[tuple[int, str]] = []
    for position, (_, row) in enumerate(body):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                (position, f"the row has {len(row)} values but the header has {width} columns")
            )
    values = _columns(body, width)
    for index in range(width):
        if not header[index].strip() and any(cell.strip() for cell in values[index]):
            errors.append(RowError(
                header_line, FILE, f"column {index + 1} has values but no name in the header"
            ))
    errors += [
        RowError(header_line, name, f"the required column {name} is missing")
        for name in required
        if name not in positions
    ]
    if errors:
        raise ImportRejected(errors)
    lines = np.fromiter((line for line, _ in body), dtype=np.int64, count=len(body))
    cells = {
        name: pd.Series(values[index], dtype="str").str.strip()
        for name, index in positions.items()
    }
    order = tuple(sorted(positions, key=positions.__getitem__))
    return Table(
        lines=lines,
        cells=cells,
        extras={name: list(values[index]) for name, index in extras.items()},
        order=order,
        problems=problems,
    )


def _map_header(
    header: list[str], line: int, known: dict[str, str]
) -> tuple[dict[str, int], dict[str, int], list[RowError]]:
    positions: dict[str, int] = {}
    extras: dict[str, int] = {}
    errors: list[RowError] = []
    for index, raw in enumerate(header):
        name = raw.strip()
        if not name:
            continue
        canonical = known.get(column_key(name))
        target, label = (extras, name) if canonical is None else (positions, canonical)
        if label in target:
            errors.append(RowError(
                line, label,
                f"the column appears twice (columns {target[label] + 1} and {index + 1})",
            ))
        else:
            target[label] = index
    return positions, extras, errors


def _columns(body: list[tuple[int, list[str]]], width: int) -> list[tuple[str, ...]]:
    """Transpose the rows into columns, padding short rows with empty values."""
    padded = (
        row[:width] if len(row) >= width else row + [""] * (width - len(row))
        for _, row in body
    )
    return list(zip(*padded, strict=True))
