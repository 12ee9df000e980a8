"""Vectorised column checks. Each takes a column of stripped strings ("" when empty),
flags the bad cells in an ErrorLog (naming the column) and returns the parsed values.
Empty optional cells are never errors; empty required cells are reported once."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd

from domain.imports.errors import ErrorLog

Mask = npt.NDArray[np.bool_]

CENT = Decimal("0.01")
MAX_MONEY_DIGITS = 12  # MoneyField: 14 digits, 2 of them decimals
DATE_EXAMPLE = "2024-01-31 or 2024-01-31T14:30:00Z"
_DATE_SHAPE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{8})([T ]\S.*)?"
_NUMBER_SHAPE = r"[-+]?(\d+(\.\d*)?|\.\d+)"
_INTEGER_SHAPE = r"[-+]?\d+(\.0*)?"
_EMAIL_SHAPE = r"[^@\s]+@[^@\s]+\.[^@\s]+"
MIN_YEAR, MAX_YEAR = 1900, 2199


def shown(value: str) -> str:
    """A cell value quoted for a message, shortened when long."""
    return f'"{value[:40]}..."' if len(value) > 40 else f'"{value}"'


def _mask(values: pd.Series) -> Mask:
    return values.to_numpy(dtype=bool, na_value=False)


def present(cells: pd.Series) -> Mask:
    return _mask(cells != "")


def text(
    log: ErrorLog, cells: pd.Series, field: str, *, max_length: int, required: bool = False
) -> pd.Series:
    """Free text up to `max_length` characters."""
    if required:
        log.flag(field, ~present(cells), lambda _: "is required but empty")
    lengths = cells.str.len()
    log.flag(
        field, _mask(lengths > max_length),
        lambda i: f"is {lengths.iat[i]} characters long; at most {max_length} are allowed",
    )
    return cells


def email(log: ErrorLog, cells: pd.Series, field: str) -> pd.Series:
    filled = present(cells)
    text(log, cells, field, max_length=255)
    bad = filled & ~_mask(cells.str.fullmatch(_EMAIL_SHAPE))
    log.flag(field, bad, lambda i: f"{shown(cells.iat[i])} is not an email address")
    return cells


def dates(log: ErrorLog, cells: pd.Series, field: str, *, required: bool = False) -> pd.Series:
    """ISO 8601 dates or date-times; naive values are UTC. Returns datetime64[UTC]."""
    filled = present(cells)
    if required:
        log.flag(field, ~filled, lambda _: "is required but empty")
    shaped = _mask(cells.str.fullmatch(_DATE_SHAPE))
    parsed = pd.to_datetime(
        cells.where(shaped, ""), format="ISO8601", utc=True, errors="coerce"
    )
    invalid = filled & _mask(parsed.isna())
    log.flag(
        field, invalid,
        lambda i: f"{shown(cells.iat[i])} is not a valid date; expected ISO 8601 "
        f"(YYYY-MM-DD with an optional time), for example {DATE_EXAMPLE}",
    )
    years = parsed.dt.year
    outside = filled & ~invalid & _mask((years < MIN_YEAR) | (years > MAX_YEAR))
    log.flag(
        field, outside,
        lambda i: f"{shown(cells.iat[i])} is out of range; "
        f"expected a year from {MIN_YEAR} to {MAX_YEAR}",
    )
    return parsed


def money(
    log: ErrorLog, cells: pd.Series, field: str, *, required: bool = False
) -> list[Decimal | None]:
    """Amounts >= 0 with at most 2 decimals, like 1234.50. Returns None for empty or
    invalid cells."""
    filled = present(cells)
    if required:
        log.flag(field, ~filled, lambda _: "is required but empty")
    numeric = filled & _mask(cells.str.fullmatch(_NUMBER_SHAPE))
    log.flag(
        field, filled & ~numeric,
        lambda i: f"{shown(cells.iat[i])} is not a number; expected digits with an optional "
        "decimal point, like 1234.50 (no currency symbols or thousands separators)",
    )
    whole = cells.str.partition(".")[0].str.lstrip("+-").str.lstrip("0")
    decimals = cells.str.partition(".")[2].str.rstrip("0")
    negative = numeric & _mask(cells.str.startswith("-")) & _mask(
        (whole != "") | (decimals != "")
    )
    log.flag(field, negative, lambda i: f"{shown(cells.iat[i])} is negative; must be 0 or more")
    too_precise = numeric & ~negative & _mask(decimals.str.len() > 2)
    log.flag(
        field, too_precise, lambda i: f"{shown(cells.iat[i])} has more than 2 decimals"
    )
    too_large = numeric & ~negative & _mask(whole.str.len() > MAX_MONEY_DIGITS)
    log.flag(
        field, too_large,
        lambda i: f"{shown(cells.iat[i])} is too large; at most {'9' * MAX_MONEY_DIGITS}.99",
    )
    valid = numeric & ~negative & ~too_precise & ~too_large
    return [
        Decimal(value).quantize(CENT) if ok else None
        for value, ok in zip(cells.tolist(), valid.tolist(), strict=True)
    ]


def integers(
    log: ErrorLog, cells: pd.Series, field: str, *, minimum: int, maximum: int
) -> list[int | None]:
    """Whole numbers in [minimum, maximum]. Returns None for empty or invalid cells."""
    filled = present(cells)
    whole = filled & _mask(cells.str.fullmatch(_INTEGER_SHAPE))
    log.flag(
        field, filled & ~whole, lambda i: f"{shown(cells.iat[i])} is not a whole number"
    )
    numbers = pd.to_numeric(cells.where(whole, ""), errors="coerce")
    outside = whole & _mask((numbers < minimum) | (numbers > maximum))
    log.flag(
        field, outside,
        lambda i: f"{shown(cells.iat[i])} is out of range; must be from {minimum} to {maximum}",
    )
    valid = whole & ~outside
    return [
        int(Decimal(value)) if ok else None
        for value, ok in zip(cells.tolist(), valid.tolist(), strict=True)
    ]


def codes(
    log: ErrorLog, cells: pd.Series, field: str, allowed: Collection[str], *, what: str,
    example: str,
) -> pd.Series:
    """Codes from a fixed list, matched case-insensitively; returns them upper-cased."""
    upper = cells.str.upper()
    bad = present(cells) & ~_mask(upper.isin(allowed))
    log.flag(
        field, bad, lambda i: f"{shown(cells.iat[i])} is not {what} (for example {example})"
    )
    return upper


def choices(
    log: ErrorLog, cells: pd.Series, field: str, allowed: Collection[str]
) -> pd.Series:
    """One of `allowed` (lower-case, words joined by "_"), matched ignoring case and
    treating spaces and hyphens as "_"."""
    normal = cells.str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    bad = present(cells) & ~_mask(normal.isin(allowed))
    listed = ", ".join(allowed)
    log.flag(
        field, bad, lambda i: f"{shown(cells.iat[i])} is not allowed; use one of: {listed}"
    )
    return normal


def unique(log: ErrorLog, cells: pd.Series, field: str) -> None:
    """Flag every repeat of a non-empty value, naming the line of its first occurrence."""
    filled = present(cells)
    repeated = filled & _mask(cells.duplicated(keep="first"))
    if not repeated.any():
        return
    firsts = filled & ~repeated & _mask(cells.duplicated(keep=False))
    first_line = dict(zip(cells[firsts].tolist(), log.lines[firsts].tolist(), strict=True))
    log.flag(
        field, repeated,
        lambda i: f"{field} {shown(cells.iat[i])} appears more than once; "
        f"first on line {first_line[cells.iat[i]]}",
    )
