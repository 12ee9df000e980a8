"""Import errors: every problem names the line of the file and the column it concerns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt

from domain.errors import DomainError

FILE = "file"
"""The `field` of problems that concern the file as a whole rather than one column."""


@dataclass(frozen=True)
class RowError:
    """One problem: `row` is the 1-based line number in the file (the header is line 1;
    0 means the file as a whole), `field` the canonical column name or "file"."""

    row: int
    field: str
    message: str


class ImportRejected(DomainError):
    """The file was not imported because of `errors` (at most `max_errors` of them; the
    details carry the total). Imports are all-or-nothing: nothing was written."""

    code = "IMPORT_REJECTED"

    def __init__(
        self, errors: Sequence[RowError], *, total: int | None = None, rows: int | None = None
    ) -> None:
        self.errors = list(errors)
        total = len(self.errors) if total is None else total
        rows = len({e.row for e in self.errors}) if rows is None else rows
        super().__init__(
            _summary(self.errors, total, rows),
            field=FILE,
            errors=[asdict(e) for e in self.errors],
            total_errors=total,
            rows_with_errors=rows,
        )
        self.total = total
        self.rows = rows


def _summary(errors: Sequence[RowError], total: int, rows: int) -> str:
    if total == 1 and errors:
        only = errors[0]
        where = f"line {only.row}, {only.field}" if only.row > 0 else only.field
        return f"{where}: {only.message}; nothing was imported"
    head = f"{rows} row has errors" if rows == 1 else f"{rows} rows have errors"
    if total != rows:
        head += f" ({total} errors)"
    if len(errors) < total:
        head += f"; the first {len(errors)} are listed"
    return f"{head}; nothing was imported"


def reject(row: int, field: str, message: str) -> ImportRejected:
    return ImportRejected([RowError(row, field, message)])


class ErrorLog:
    """Collects row errors from vectorised checks, keeping the first `max_errors` (by line,
    then column) and counting all of them and the distinct rows they touch."""

    def __init__(
        self, lines: npt.NDArray[np.int64], columns: Iterable[str], *, max_errors: int
    ) -> None:
        self.lines = lines
        self.max_errors = max(1, max_errors)
        self.total = 0
        self.bad: npt.NDArray[np.bool_] = np.zeros(len(lines), dtype=bool)
        self._order = {name: i for i, name in enumerate(columns)}
        self._kept: list[tuple[int, int, int, RowError]] = []

    def __bool__(self) -> bool:
        return self.total > 0

    def flag(
        self, field: str, mask: npt.NDArray[np.bool_], describe: Callable[[int], str]
    ) -> None:
        """Record an error in `field` for every row position where `mask` is true;
        `describe(position)` writes the message (only called for rows that are kept)."""
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        self.total += len(positions)
        self.bad[positions] = True
        for position in positions[: self.max_errors]:
            index = int(position)
            self._keep(RowError(int(self.lines[index]), field, describe(index)))

    def add(self, position: int, field: str, message: str) -> None:
        """Record one error for the row at `position`."""
        self.total += 1
        self.bad[position] = True
        self._keep(RowError(int(self.lines[position]), field, message))

    def _keep(self, error: RowError) -> None:
        order = self._order.get(error.field, len(self._order))
        self._kept.append((error.row, order, len(self._kept), error))
        if len(self._kept) > 4 * self.max_errors:
            self._kept = sorted(self._kept)[: self.max_errors]

    @property
    def errors(self) -> list[RowError]:
        return [item[3] for item in sorted(self._kept)[: self.max_errors]]

    def rejection(self) -> ImportRejected:
        return ImportRejected(self.errors, total=self.total, rows=int(self.bad.sum()))
