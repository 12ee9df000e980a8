"""Revenue KPIs of a month or a range of months, from the customers' MRR change points
(`domain.revenue.movements`) and the recorded acquisition spend. Pure code.

For a window of months first..last (one month by default, the last complete one):

* MRR: the MRR at the end of `last`; ARR = 12 x MRR.
* Paying customers: customers with MRR > 0 at the end of `last`; ARPA = MRR / paying
  customers (null when none).
* NRR and GRR, trailing 12 months: the cohort of customers with MRR > 0 at the end of
  `last` - 12. NRR = their MRR at the end of `last` / their MRR then; GRR = the sum over
  them of min(MRR now, MRR then) / their MRR then (expansion does not count, so GRR <= 1
  and GRR <= NRR). Null when nobody had MRR 12 months before.
* Logo churn rate (monthly): customers churned in the window's months / customers paying at
  the start of each of those months (summed over the months, so for one month it is churned
  / paying at its start). Revenue churn rate (monthly, gross): -(churn + contraction MRR) /
  starting MRR, summed the same way. Null without a base.
* LTV = ARPA / revenue churn rate; null when that rate is 0 (unbounded) or null.
* CAC = acquisition spend recorded for the window's months (all channels) / new customers
  in them; payback months = CAC / ARPA of the new customers (their new MRR / their number),
  which is spend / new MRR. Both null with "no spend recorded" when the organization has no
  spend rows, or when none is recorded for the window's months, or when there are no new
  customers.

Every null comes with a note saying why; no figure is ever NaN or infinite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import numpy as np

from domain.revenue.movements import Movement, MrrChanges, window_cells
from domain.revenue.series import CENT, MonthWindow, money, month_label

TRAILING_MONTHS = 12


@dataclass(frozen=True)
class RevenueMetrics:
    window: MonthWindow
    mrr: Decimal
    arr: Decimal
    paying_customers: int
    arpa: Decimal | None
    nrr: float | None
    grr: float | None
    logo_churn_rate: float | None
    revenue_churn_rate: float | None
    ltv: Decimal | None
    new_customers: int
    new_mrr: Decimal
    spend: Decimal | None
    cac: Decimal | None
    payback_months: float | None
    notes: list[str] = field(default_factory=list)


def _money(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator) / 100).quantize(CENT)


def _ratio(value: Fraction) -> float:
    return float(value)


@dataclass
class _Retention:
    nrr: float | None
    grr: float | None


def _retention(changes: MrrChanges, last: int, notes: list[str]) -> _Retention:
    base_month = last - TRAILING_MONTHS
    then = changes.mrr_at(base_month)
    then = then[then > 0]
    if then.empty:
        notes.append(f"NRR and GRR are null: no customer had MRR at the end of "
                     f"{month_label(base_month)}, {TRAILING_MONTHS} months before "
                     f"{month_label(last)}")
        return _Retention(None, None)
    now = changes.mrr_at(last).reindex(then.index, fill_value=0)
    base = int(then.sum())
    kept = int(np.minimum(now.to_numpy(), then.to_numpy()).sum())
    return _Retention(_ratio(Fraction(int(now.sum()), base)), _ratio(Fraction(kept, base)))


def revenue_metrics(changes: MrrChanges, window: MonthWindow, spend: Mapping[int, int],
                    *, spend_recorded: bool, notes: list[str] | None = None
                    ) -> RevenueMetrics:
    """The KPIs of `window`. `spend`: recorded acquisition spend in cents by month index
    (all channels); `spend_recorded`: whether the organization has any spend row at all."""
    out = list(notes or [])
    label = window.label
    amounts, counts, starting, starting_customers = window_cells(changes, window)
    mrr = changes.total_at(window.last)
    paying = changes.paying_at(window.last)
    if changes.empty:
        out.append("no subscription with MRR: MRR and ARR are 0")
    arpa: Fraction | None = Fraction(mrr, paying) if paying else None
    if arpa is None:
        out.append(f"ARPA is null: no paying customer at the end of {month_label(window.last)}")
    retention = _retention(changes, window.last, out)

    base_logos, base_mrr = int(starting_customers.sum()), int(starting.sum())
    churned = int(counts[:, Movement.CHURN].sum())
    lost = -int(amounts[:, Movement.CHURN].sum() + amounts[:, Movement.CONTRACTION].sum())
    logo_rate = Fraction(churned, base_logos) if base_logos else None
    revenue_rate = Fraction(lost, base_mrr) if base_mrr else None
    if base_logos == 0:
        out.append(f"churn rates are null: no paying customer at the start of {label}")

    ltv: Fraction | None = None
    if arpa is not None and revenue_rate is not None and revenue_rate > 0:
        ltv = arpa / revenue_rate
    elif revenue_rate == 0:
        out.append(f"LTV is null: no revenue churn in {label}, so it would be unbounded")
    elif arpa is not None:
        out.append("LTV is null: no revenue churn rate")

    new_count = int(counts[:, Movement.NEW].sum())
    new_mrr = int(amounts[:, Movement.NEW].sum())
    spent = [spend[m] for m in window.months if m in spend]
    spend_total = sum(spent) if spent else None
    cac: Fraction | None = None
    payback: Fraction | None = None
    if not spend_recorded:
        out.append("CAC and payback are null: no spend recorded")
    elif spend_total is None:
        out.append(f"CAC and payback are null: no spend recorded for {label}")
    elif new_count == 0:
        out.append(f"CAC and payback are null: no new customers in {label} "
                   f"(spend {money(spend_total)})")
    else:
        cac = Fraction(spend_total, new_count)
        payback = Fraction(spend_total, new_mrr)
        if len(spent) < len(window.months):
            out.append(f"spend is recorded for {len(spent)} of the {len(window.months)} months "
                       f"of {label}; CAC uses what is recorded")
    return RevenueMetrics(
        window=window, mrr=money(mrr), arr=money(12 * mrr), paying_customers=paying,
        arpa=_money(arpa) if arpa is not None else None,
        nrr=retention.nrr, grr=retention.grr,
        logo_churn_rate=_ratio(logo_rate) if logo_rate is not None else None,
        revenue_churn_rate=_ratio(revenue_rate) if revenue_rate is not None else None,
        ltv=_money(ltv) if ltv is not None else None,
        new_customers=new_count, new_mrr=money(new_mrr),
        spend=money(spend_total) if spend_total is not None else None,
        cac=_money(cac) if cac is not None else None,
        payback_months=round(float(payback), 4) if payback is not None else None,
        notes=out)
