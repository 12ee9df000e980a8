"""The incentive catalogue as plain values, and the vectorised cost and eligibility of every
incentive for every customer (n customers x k incentives)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from domain.enums import CostBasis, IncentiveKind, ValueTier

if TYPE_CHECKING:
    from domain.models import Incentive

TIERS = tuple(t.value for t in ValueTier)  # the value tiers, high to low


@dataclass(frozen=True, kw_only=True)
class IncentiveSpec:
    """One incentive, independent of the ORM. Cost: `rate x MRR x duration_months` (MRR
    basis), `rate x CLV` (CLV basis) or `amount` (fixed)."""

    code: str
    name: str
    kind: IncentiveKind
    percent: float | None = None
    cost_basis: CostBasis
    rate: float = 0.0
    amount: float = 0.0
    duration_months: int = 1
    cooldown_days: int = 90
    max_cost_by_tier: dict[str, float] = field(default_factory=dict)
    tiers: tuple[str, ...] = ()
    prior_lift: float = 0.1
    description: str = ""


def spec(incentive: Incentive) -> IncentiveSpec:
    return IncentiveSpec(
        code=incentive.code, name=incentive.name, kind=IncentiveKind(incentive.kind),
        percent=None if incentive.percent is None else float(incentive.percent),
        cost_basis=CostBasis(incentive.cost_basis), rate=float(incentive.rate),
        amount=float(incentive.amount), duration_months=int(incentive.duration_months),
        cooldown_days=int(incentive.cooldown_days),
        max_cost_by_tier={str(k): float(v) for k, v in (incentive.max_cost_by_tier or {}).items()},
        tiers=tuple(str(t) for t in (incentive.tiers or [])),
        prior_lift=float(incentive.prior_lift), description=incentive.description,
    )


def _discount(percent: int, lift: float, caps: dict[str, float]) -> IncentiveSpec:
    return IncentiveSpec(
        code=f"discount_{percent}", name=f"{percent}% off for 3 months",
        kind=IncentiveKind.PERCENT_DISCOUNT, percent=float(percent), cost_basis=CostBasis.MRR,
        rate=percent / 100, duration_months=3, cooldown_days=90, max_cost_by_tier=caps,
        prior_lift=lift,
        description=f"{percent}% off the subscription for the next three monthly invoices.",
    )


DEFAULT_CATALOGUE: tuple[IncentiveSpec, ...] = (
    _discount(5, 0.05, {}),
    _discount(10, 0.10, {}),
    _discount(15, 0.16, {ValueTier.LOW.value: 60.0}),
    _discount(20, 0.22, {ValueTier.LOW.value: 60.0, ValueTier.MEDIUM.value: 400.0}),
    IncentiveSpec(
        code="credit_50", name="50 account credit", kind=IncentiveKind.FIXED_CREDIT,
        cost_basis=CostBasis.FIXED, amount=50.0, cooldown_days=90, prior_lift=0.08,
        description="A one-off credit of 50 applied to the next invoice.",
    ),
    IncentiveSpec(
        code="free_upgrade", name="Free upgrade for a month", kind=IncentiveKind.FREE_UPGRADE,
        cost_basis=CostBasis.MRR, rate=0.5, duration_months=1, cooldown_days=180,
        prior_lift=0.12,
        description="The next plan up for one month at the current price (the cost is the "
                    "price difference, about half the current MRR).",
    ),
    IncentiveSpec(
        code="feature_unlock", name="Premium feature unlock", kind=IncentiveKind.FEATURE_UNLOCK,
        cost_basis=CostBasis.FIXED, amount=15.0, duration_months=3, cooldown_days=90,
        prior_lift=0.06,
        description="A premium feature unlocked for three months (small serving cost).",
    ),
    IncentiveSpec(
        code="loyalty_bonus", name="Loyalty bonus", kind=IncentiveKind.LOYALTY_BONUS,
        cost_basis=CostBasis.CLV, rate=0.02, cooldown_days=365, prior_lift=0.08,
        tiers=(ValueTier.MEDIUM.value, ValueTier.HIGH.value),
        description="A thank-you bonus worth 2% of the customer's predicted lifetime value, "
                    "for medium- and high-value customers.",
    ),
    IncentiveSpec(
        code="bundle", name="Personalised bundle", kind=IncentiveKind.BUNDLE,
        cost_basis=CostBasis.MRR, rate=0.25, duration_months=2, cooldown_days=180,
        prior_lift=0.14,
        description="Add-ons picked from the customer's usage, at a quarter of the MRR off "
                    "for two months.",
    ),
)


def _clean(values: np.ndarray) -> np.ndarray:
    """Unknown (NaN) or negative revenue counts as 0."""
    arr = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(arr) & (arr > 0), arr, 0.0)


def cost_matrix(specs: Sequence[IncentiveSpec], mrr: np.ndarray, clv: np.ndarray) -> np.ndarray:
    """Cost of each incentive (column) for each customer (row), float64 (n, k). Unknown or
    negative MRR / CLV counts as 0."""
    m, c = _clean(mrr), _clean(clv)
    if m.shape != c.shape or m.ndim != 1:
        raise ValueError("mrr and clv must be 1-d arrays of the same length")
    out = np.empty((m.shape[0], len(specs)), dtype=np.float64, order="F")  # columns contiguous
    for j, s in enumerate(specs):
        if s.cost_basis == CostBasis.MRR:
            np.multiply(m, s.rate * s.duration_months, out=out[:, j])
        elif s.cost_basis == CostBasis.CLV:
            np.multiply(c, s.rate, out=out[:, j])
        else:
            out[:, j] = s.amount
    return out


def _tier_codes(tiers: np.ndarray) -> np.ndarray:
    """Index of each customer's tier in `TIERS`; len(TIERS) for an unknown tier."""
    arr = np.asarray(tiers)
    codes = np.full(arr.shape[0], len(TIERS), dtype=np.int8)
    for i, tier in enumerate(TIERS):
        codes[arr == tier] = i
    return codes


def eligibility_mask(specs: Sequence[IncentiveSpec], tiers: np.ndarray, costs: np.ndarray
                     ) -> np.ndarray:
    """Whether each incentive may be offered to each customer (n, k): its tier is among the
    incentive's `tiers` (empty: any tier) and its cost is at most the tier's cap (a tier
    without a cap, or an unknown tier, has none). A NaN cost is never eligible."""
    codes = _tier_codes(tiers)
    n = codes.shape[0]
    if costs.shape != (n, len(specs)):
        raise ValueError(f"costs must have shape ({n}, {len(specs)}), not {costs.shape}")
    out = np.empty((n, len(specs)), dtype=bool)
    for j, s in enumerate(specs):
        allowed = np.array([not s.tiers or t in s.tiers for t in TIERS] + [not s.tiers])
        caps = np.array([s.max_cost_by_tier.get(t, np.inf) for t in TIERS] + [np.inf])
        out[:, j] = allowed[codes] & (costs[:, j] <= caps[codes])
    return out


def cooldown_mask(specs: Sequence[IncentiveSpec], last_given: Mapping[str, np.ndarray], *,
                  n: int | None = None) -> np.ndarray:
    """Whether each incentive is out of its cooldown for each customer (n, k).

    `last_given[kind]`: days since the customer last got an incentive of that kind (NaN:
    never). An incentive is blocked while those days are below its `cooldown_days`; a kind
    missing from the mapping never blocks. `n` is required only when the mapping is empty."""
    arrays = {str(k): np.asarray(v, dtype=np.float64) for k, v in last_given.items()}
    lengths = {a.shape[0] for a in arrays.values()}
    if n is not None:
        lengths.add(n)
    if len(lengths) != 1:
        raise ValueError("every last_given array must have the same length (and n if given)")
    size = lengths.pop()
    out = np.ones((size, len(specs)), dtype=bool)
    for j, s in enumerate(specs):
        days = arrays.get(s.kind.value)
        if days is not None and s.cooldown_days > 0:
            out[:, j] = ~(days < s.cooldown_days)  # NaN (never given) compares False
    return out
