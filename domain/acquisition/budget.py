"""Acquisition budget split across the High-CLV, Growth-Potential and Low-CLV audiences.

`allocate(total, tiers, weights)` gives each tier a share of the budget proportional to its
weight (3:2:1 by default, `Settings.clv_budget_weights`). Tiers without customers get
nothing and the others' weights are renormalised. Amounts are in cents: each tier gets the
floor of its exact share, and the cents left over go one by one to the largest remainders
(ties to the higher tier), so the spends always add up to the total exactly.

Per tier: its customers, spend, spend per existing customer, and the acquisition guide:
`max_cac = cac_share x avg CLV` is the most worth paying for one new customer like these;
at that price the spend buys `spend / max_cac` new customers, worth `spend / cac_share`
in CLV (`expected_clv`), i.e. `1 / cac_share` per unit spent (`return_on_spend`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Protocol

from domain.errors import ValidationFailed

DEFAULT_WEIGHTS = (3.0, 2.0, 1.0)
MAX_BUDGET = 1e13
CENT = Decimal("0.01")


class TierStats(Protocol):
    """What the split needs of an audience (`domain.acquisition.audiences.Audience`)."""

    @property
    def name(self) -> str: ...

    @property
    def count(self) -> int: ...

    @property
    def avg_clv(self) -> float: ...


@dataclass(frozen=True)
class TierBudget:
    audience: str
    weight: float
    share: float  # of the total, after renormalisation (0 for a skipped tier)
    count: int
    spend: float
    spend_per_customer: float | None  # None without customers
    avg_clv: float
    max_cac: float | None  # None when the tier has no value to pay for
    new_customers_at_max_cac: float | None
    expected_clv: float | None
    return_on_spend: float | None
    skipped: bool


@dataclass(frozen=True)
class BudgetAllocation:
    total_budget: float
    weights: tuple[float, float, float]
    cac_share: float
    tiers: list[TierBudget]


def parse_weights(value: str | Sequence[float] | None, *, field: str = "weights"
                  ) -> tuple[float, float, float]:
    """Three finite, non-negative weights, not all zero, from "3,2,1" or a sequence."""
    if value is None:
        return DEFAULT_WEIGHTS
    try:
        parts = ([float(p) for p in value.split(",")] if isinstance(value, str)
                 else [float(p) for p in value])
    except (TypeError, ValueError):
        raise ValidationFailed(f"{field} must be three numbers, e.g. 3,2,1",
                               field=field) from None
    if len(parts) != 3:
        raise ValidationFailed(f"{field} must be exactly three numbers (High-CLV, "
                               f"Growth-Potential, Low-CLV), got {len(parts)}", field=field)
    if any(not math.isfinite(p) or p < 0 for p in parts):
        raise ValidationFailed(f"{field} must be finite and not negative", field=field)
    if sum(parts) == 0:
        raise ValidationFailed(f"{field} must not all be zero", field=field)
    return parts[0], parts[1], parts[2]


def _cents(total: float) -> int:
    if isinstance(total, bool) or not isinstance(total, int | float) or not math.isfinite(total):
        raise ValidationFailed("totalBudget must be a finite number", field="totalBudget")
    if total < 0:
        raise ValidationFailed("totalBudget must not be negative", field="totalBudget")
    if total > MAX_BUDGET:
        raise ValidationFailed(f"totalBudget must be at most {MAX_BUDGET:g}",
                               field="totalBudget")
    try:
        return int(Decimal(repr(float(total))).quantize(CENT, rounding=ROUND_HALF_UP) * 100)
    except InvalidOperation:  # pragma: no cover - finite floats always convert
        raise ValidationFailed("totalBudget is not a number", field="totalBudget") from None


def split_cents(total_cents: int, weights: Sequence[float]) -> list[int]:
    """Largest-remainder split of `total_cents` in proportion to `weights` (exact sums)."""
    exact = [Fraction(w) for w in weights]
    whole = sum(exact)
    if whole == 0:
        return [0] * len(exact)
    shares = [total_cents * w / whole for w in exact]
    floors = [math.floor(s) for s in shares]
    left = total_cents - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def allocate(total_budget: float, tiers: Sequence[TierStats],
             weights: str | Sequence[float] | None = DEFAULT_WEIGHTS, *,
             cac_share: float = 0.30) -> BudgetAllocation:
    """Split `total_budget` over the three audiences (module docstring). `tiers` are the
    High-CLV, Growth-Potential and Low-CLV audiences in that order."""
    w = parse_weights(weights)
    cents = _cents(total_budget)
    if len(tiers) != 3:
        raise ValidationFailed("three audiences are needed", field="audiences")
    if not 0 < cac_share <= 1:
        raise ValidationFailed("the CAC share must be in (0, 1]", field="cacShare")
    live = [w[i] if tiers[i].count > 0 else 0.0 for i in range(3)]
    if sum(live) == 0:
        if all(t.count == 0 for t in tiers):
            raise ValidationFailed("no customer has a predicted CLV yet: compute customer "
                                   "values first", field="audiences")
        raise ValidationFailed("every audience with customers has weight 0", field="weights")
    spends = split_cents(cents, live)
    out: list[TierBudget] = []
    for i, tier in enumerate(tiers):
        spend = spends[i] / 100
        avg = float(tier.avg_clv)
        max_cac = round(cac_share * avg, 2) if avg > 0 else None
        buys = spend / max_cac if max_cac else None
        out.append(TierBudget(
            audience=str(tier.name), weight=w[i], share=live[i] / sum(live),
            count=tier.count, spend=spend,
            spend_per_customer=round(spend / tier.count, 2) if tier.count else None,
            avg_clv=avg, max_cac=max_cac,
            new_customers_at_max_cac=round(buys, 2) if buys is not None else None,
            expected_clv=round(buys * avg, 2) if buys is not None else None,
            return_on_spend=round(buys * avg / spend, 4) if buys and spend else None,
            skipped=live[i] == 0,
        ))
    return BudgetAllocation(total_budget=cents / 100, weights=w, cac_share=cac_share,
                            tiers=out)
