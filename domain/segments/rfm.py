"""RFM scores and the 11 named segments.

Scores. Each customer gets a recency, frequency and monetary score from 1 to 5 by quintile
of its organization's customers: score = ceil(5 * p), p the customer's percentile rank
(average rank of ties / n), so tied values always share a score. Recency ranks the days
since the last purchase in reverse (the most recent fifth scores 5); frequency ranks the
number of purchases; monetary the total spend.

Segments, from the recency score R (rows) and the frequency score F (columns):

    R \\ F  1               2               3               4           5
    5      New Customers   Pot. Loyalists  Pot. Loyalists  Champions   Champions
    4      Promising       Pot. Loyalists  Pot. Loyalists  Loyal       Loyal
    3      About to Sleep  About to Sleep  Need Attention  Loyal       Loyal
    2      Hibernating     Hibernating     At Risk         At Risk     Cannot Lose Them
    1      Lost            Lost            At Risk         At Risk     Cannot Lose Them

(the widely used R-F segment map, with its lowest corner split into Hibernating, R = 2, and
Lost, R = 1). Monetary does not change the segment; it sets the value tier.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from domain.errors import ValidationFailed


class Segment(StrEnum):
    CHAMPIONS = "Champions"
    LOYAL = "Loyal Customers"
    POTENTIAL_LOYALISTS = "Potential Loyalists"
    NEW = "New Customers"
    PROMISING = "Promising"
    NEED_ATTENTION = "Need Attention"
    ABOUT_TO_SLEEP = "About to Sleep"
    AT_RISK = "At Risk"
    CANNOT_LOSE = "Cannot Lose Them"
    HIBERNATING = "Hibernating"
    LOST = "Lost"


S = Segment
# GRID[r - 1][f - 1]
GRID: tuple[tuple[Segment, ...], ...] = (
    (S.LOST, S.LOST, S.AT_RISK, S.AT_RISK, S.CANNOT_LOSE),
    (S.HIBERNATING, S.HIBERNATING, S.AT_RISK, S.AT_RISK, S.CANNOT_LOSE),
    (S.ABOUT_TO_SLEEP, S.ABOUT_TO_SLEEP, S.NEED_ATTENTION, S.LOYAL, S.LOYAL),
    (S.PROMISING, S.POTENTIAL_LOYALISTS, S.POTENTIAL_LOYALISTS, S.LOYAL, S.LOYAL),
    (S.NEW, S.POTENTIAL_LOYALISTS, S.POTENTIAL_LOYALISTS, S.CHAMPIONS, S.CHAMPIONS),
)

ACTIONS: dict[Segment, str] = {
    S.CHAMPIONS: "Reward them; ask for reviews and referrals; early access to new products",
    S.LOYAL: "Upsell higher-value products; invite to a loyalty programme",
    S.POTENTIAL_LOYALISTS: "Offer membership or a loyalty programme; recommend related products",
    S.NEW: "Onboard well; help them succeed with the first purchase",
    S.PROMISING: "Build brand awareness; offer free trials of more products",
    S.NEED_ATTENTION: "Limited-time offers based on their past purchases",
    S.ABOUT_TO_SLEEP: "Share popular products and a discount to reconnect",
    S.AT_RISK: "Personal emails to reconnect; renewal offers; helpful resources",
    S.CANNOT_LOSE: "Win them back with new products or renewals; talk to them personally",
    S.HIBERNATING: "Offer other relevant products and special discounts",
    S.LOST: "Revive interest with an outreach campaign; otherwise let them go",
}


def segment_of(r: int, f: int) -> Segment:
    """The segment of recency score `r` and frequency score `f` (1..5 each)."""
    for name, value in (("r", r), ("f", f)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or not (
                1 <= value <= 5):
            raise ValidationFailed(f"{name} must be a score from 1 to 5", field=name)
    return GRID[int(r) - 1][int(f) - 1]


def quintile_scores(values: pd.Series, *, higher_is_better: bool = True) -> pd.Series:
    """1..5 by percentile rank (ties share a score); missing values score 1."""
    ranked = values.rank(method="average", pct=True, ascending=higher_is_better)
    scores = np.ceil(ranked.to_numpy(dtype=float) * 5.0)
    scores = np.where(np.isnan(scores), 1.0, np.clip(scores, 1.0, 5.0))
    return pd.Series(scores.astype(np.int64), index=values.index, name=values.name)


def score_customers(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (one row per customer) holds `days_since_last`, `purchases` and `spend`;
    returns `r`, `f`, `m`, `rfm` ("545") and `segment` per customer."""
    missing = [c for c in ("days_since_last", "purchases", "spend") if c not in frame.columns]
    if missing:
        raise ValidationFailed(f"missing column(s): {', '.join(missing)}", field=missing[0])
    r = quintile_scores(frame["days_since_last"], higher_is_better=False)
    f = quintile_scores(frame["purchases"])
    m = quintile_scores(frame["spend"])
    grid = np.array([[s.value for s in row] for row in GRID], dtype=object)
    out = pd.DataFrame({"r": r, "f": f, "m": m}, index=frame.index)
    out["rfm"] = r.astype(str) + f.astype(str) + m.astype(str)
    out["segment"] = grid[r.to_numpy() - 1, f.to_numpy() - 1]
    return out
