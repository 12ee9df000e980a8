"""Each customer's MRR at month ends and the MRR movements between them. Pure numpy /
pandas: the reads are in `domain.revenue.queries`.

Input: MRR changes (customer_id, month index, delta in cents), as `queries.mrr_deltas`
builds them from subscriptions: each subscription adds its `mrr` at the end of the month it
started in and takes it away at the end of the month it was canceled in. Summed per
customer and month, a running total gives the customer's MRR at the end of every month in
which it changed (it holds until the next change).

Movements of month m, per customer, comparing its MRR at the end of m - 1 and of m:

* new: 0 -> > 0, and the customer never had MRR at an earlier month end;
* reactivation: 0 -> > 0, and it had MRR at some earlier month end;
* expansion: up (from > 0); contraction: down, still > 0 (both amounts are the change);
* churn: > 0 -> 0. Canceling one of two subscriptions is a contraction: churn is when the
  last one goes.

Contraction and churn amounts are negative, so net new MRR = new + expansion + contraction
+ churn + reactivation, and starting MRR + net new = ending MRR (checked for every month).
Logo counts count the customers in each movement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import IntEnum

import numpy as np
import pandas as pd

from domain.errors import ValidationFailed
from domain.revenue.series import MonthWindow, money, month_label
from domain.times import month_from_index

DELTA_COLUMNS = ("customer_id", "month", "delta")


class Movement(IntEnum):
    NEW = 0
    EXPANSION = 1
    CONTRACTION = 2
    CHURN = 3
    REACTIVATION = 4


KINDS = len(Movement)


@dataclass(frozen=True)
class MrrChanges:
    """Per-customer change points, sorted by customer then month: `level` is the MRR (cents)
    at the end of `month`, `prev` at the end of the month before, `kind` the movement."""

    customer: np.ndarray
    month: np.ndarray
    level: np.ndarray
    prev: np.ndarray
    kind: np.ndarray

    @property
    def empty(self) -> bool:
        return len(self.customer) == 0

    def mrr_at(self, month: int) -> pd.Series:
        """MRR (cents) at the end of `month` of every customer that had a change by then."""
        upto = self.month <= month
        frame = pd.DataFrame({"c": self.customer[upto], "level": self.level[upto]})
        return frame.groupby("c")["level"].last()

    def total_at(self, month: int) -> int:
        return int(self.mrr_at(month).sum())

    def paying_at(self, month: int) -> int:
        return int((self.mrr_at(month) > 0).sum())


def mrr_changes(deltas: pd.DataFrame) -> MrrChanges:
    """Change points from MRR deltas (columns DELTA_COLUMNS; several rows of one customer
    and month are summed, zero sums dropped)."""
    missing = [c for c in DELTA_COLUMNS if c not in deltas.columns]
    if missing:
        raise ValidationFailed(f"MRR changes need a {missing[0]!r} column", field=missing[0])
    frame = (deltas.astype({"customer_id": np.int64, "month": np.int64, "delta": np.int64})
             .groupby(["customer_id", "month"], as_index=False)["delta"].sum())
    frame = frame[frame["delta"] != 0].sort_values(["customer_id", "month"])
    by = frame.groupby("customer_id")
    level = by["delta"].cumsum().to_numpy(np.int64)
    delta = frame["delta"].to_numpy(np.int64)
    customer = frame["customer_id"].to_numpy(np.int64)
    if (level < 0).any():
        bad = int(np.flatnonzero(level < 0)[0])
        raise ValidationFailed(
            f"customer {customer[bad]} would have negative MRR ({money(int(level[bad]))}) at "
            f"the end of {month_label(int(frame['month'].iloc[bad]))}", field="mrr")
    prev = level - delta
    peak = pd.Series(level, index=frame.index).groupby(frame["customer_id"]).cummax()
    had_before = peak.groupby(frame["customer_id"]).shift(1, fill_value=0).to_numpy() > 0
    kind = np.select(
        [(prev == 0) & ~had_before, prev == 0, level == 0, level > prev],
        [Movement.NEW, Movement.REACTIVATION, Movement.CHURN, Movement.EXPANSION],
        default=Movement.CONTRACTION).astype(np.int64)
    return MrrChanges(customer=customer, month=frame["month"].to_numpy(np.int64),
                      level=level, prev=prev, kind=kind)


@dataclass(frozen=True)
class MovementCounts:
    new: int
    expansion: int
    contraction: int
    churn: int
    reactivation: int
    starting_customers: int  # paying (MRR > 0) at the end of the month before
    ending_customers: int


@dataclass(frozen=True)
class MovementRow:
    """One month's MRR bridge (or the totals of a window: `month` is its first month)."""

    month: date
    label: str
    starting_mrr: Decimal
    new: Decimal
    expansion: Decimal
    contraction: Decimal  # <= 0
    churn: Decimal  # <= 0
    reactivation: Decimal
    net_new: Decimal
    ending_mrr: Decimal
    counts: MovementCounts


@dataclass(frozen=True)
class MrrMovements:
    window: MonthWindow
    months: list[MovementRow]
    totals: MovementRow
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Cells:
    amounts: np.ndarray  # (months, KINDS) cents
    counts: np.ndarray  # (months, KINDS)
    starting: np.ndarray  # (months,) cents
    ending: np.ndarray
    starting_customers: np.ndarray
    ending_customers: np.ndarray


def _cells(changes: MrrChanges, window: MonthWindow) -> _Cells:
    n = window.last - window.first + 1
    inside = (changes.month >= window.first) & (changes.month <= window.last)
    slot = (changes.month[inside] - window.first) * KINDS + changes.kind[inside]
    moved = changes.level[inside] - changes.prev[inside]
    amounts = np.bincount(slot, weights=moved, minlength=n * KINDS)
    amounts = np.rint(amounts).astype(np.int64).reshape(n, KINDS)
    counts = np.bincount(slot, minlength=n * KINDS).astype(np.int64).reshape(n, KINDS)
    start_total = changes.total_at(window.first - 1)
    net = amounts.sum(axis=1)
    ending = start_total + np.cumsum(net)
    starting = np.concatenate([[start_total], ending[:-1]])
    # the checks: every month against the sum of its raw changes, whatever their kind, and
    # the last month against the customers' levels read directly
    step = np.bincount(changes.month[inside] - window.first, weights=moved, minlength=n)
    direct = start_total + np.cumsum(np.rint(step).astype(np.int64))
    if not np.array_equal(direct, ending) or int(ending[-1]) != changes.total_at(window.last):
        bad = int(np.flatnonzero(direct != ending)[0]) if not np.array_equal(direct, ending) \
            else n - 1
        raise RuntimeError(f"the MRR bridge of {month_label(window.first + bad)} does not "
                           "balance")
    logos = (counts[:, Movement.NEW] + counts[:, Movement.REACTIVATION]
             - counts[:, Movement.CHURN])
    start_logos = changes.paying_at(window.first - 1)
    ending_customers = start_logos + np.cumsum(logos)
    starting_customers = np.concatenate([[start_logos], ending_customers[:-1]])
    return _Cells(amounts, counts, starting, ending, starting_customers, ending_customers)


def _row(month: int, label: str, amounts: np.ndarray, counts: np.ndarray, starting: int,
         ending: int, starting_customers: int, ending_customers: int) -> MovementRow:
    a = [int(x) for x in amounts]
    c = [int(x) for x in counts]
    return MovementRow(
        month=month_from_index(month), label=label, starting_mrr=money(starting),
        new=money(a[Movement.NEW]), expansion=money(a[Movement.EXPANSION]),
        contraction=money(a[Movement.CONTRACTION]), churn=money(a[Movement.CHURN]),
        reactivation=money(a[Movement.REACTIVATION]), net_new=money(sum(a)),
        ending_mrr=money(ending),
        counts=MovementCounts(
            new=c[Movement.NEW], expansion=c[Movement.EXPANSION],
            contraction=c[Movement.CONTRACTION], churn=c[Movement.CHURN],
            reactivation=c[Movement.REACTIVATION], starting_customers=starting_customers,
            ending_customers=ending_customers))


def mrr_movements(changes: MrrChanges, window: MonthWindow,
                  notes: list[str] | None = None) -> MrrMovements:
    """The MRR bridge of every month of `window`, and its totals."""
    cells = _cells(changes, window)
    months = [
        _row(m, month_label(m), cells.amounts[i], cells.counts[i], int(cells.starting[i]),
             int(cells.ending[i]), int(cells.starting_customers[i]),
             int(cells.ending_customers[i]))
        for i, m in enumerate(window.months)]
    totals = _row(window.first, window.label, cells.amounts.sum(axis=0),
                  cells.counts.sum(axis=0), int(cells.starting[0]), int(cells.ending[-1]),
                  int(cells.starting_customers[0]), int(cells.ending_customers[-1]))
    out = list(notes or [])
    if changes.empty:
        out.append("no subscription with MRR: every figure is 0")
    return MrrMovements(window=window, months=months, totals=totals, notes=out)


def window_cells(changes: MrrChanges, window: MonthWindow) -> tuple[np.ndarray, np.ndarray,
                                                                     np.ndarray, np.ndarray]:
    """(amounts, counts, starting MRR, starting customers) per month of `window`: what the
    KPIs in `domain.revenue.metrics` are computed from."""
    cells = _cells(changes, window)
    return cells.amounts, cells.counts, cells.starting, cells.starting_customers
