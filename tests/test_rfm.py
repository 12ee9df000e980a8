"""RFM scores and segments at every boundary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from domain.errors import ValidationFailed
from domain.segments.rfm import ACTIONS, GRID, Segment, quintile_scores, score_customers, segment_of

S = Segment
EXPECTED = {  # (r, f) -> segment, all 25 cells written out
    (5, 1): S.NEW, (5, 2): S.POTENTIAL_LOYALISTS, (5, 3): S.POTENTIAL_LOYALISTS,
    (5, 4): S.CHAMPIONS, (5, 5): S.CHAMPIONS,
    (4, 1): S.PROMISING, (4, 2): S.POTENTIAL_LOYALISTS, (4, 3): S.POTENTIAL_LOYALISTS,
    (4, 4): S.LOYAL, (4, 5): S.LOYAL,
    (3, 1): S.ABOUT_TO_SLEEP, (3, 2): S.ABOUT_TO_SLEEP, (3, 3): S.NEED_ATTENTION,
    (3, 4): S.LOYAL, (3, 5): S.LOYAL,
    (2, 1): S.HIBERNATING, (2, 2): S.HIBERNATING, (2, 3): S.AT_RISK, (2, 4): S.AT_RISK,
    (2, 5): S.CANNOT_LOSE,
    (1, 1): S.LOST, (1, 2): S.LOST, (1, 3): S.AT_RISK, (1, 4): S.AT_RISK,
    (1, 5): S.CANNOT_LOSE,
}


@pytest.mark.parametrize(("r", "f"), sorted(EXPECTED))
def test_every_cell_of_the_grid(r: int, f: int) -> None:
    assert segment_of(r, f) is EXPECTED[(r, f)]


def test_all_eleven_segments_are_reachable_and_have_an_action() -> None:
    assert {s for row in GRID for s in row} == set(Segment) and len(Segment) == 11
    assert set(ACTIONS) == set(Segment) and all(ACTIONS.values())


@pytest.mark.parametrize(("r", "f"), [(0, 3), (6, 3), (3, 0), (3, 6), (True, 3)])
def test_scores_outside_1_to_5_are_refused(r: int, f: int) -> None:
    with pytest.raises(ValidationFailed):
        segment_of(r, f)


def test_quintiles_split_at_each_fifth_and_ties_share_a_score() -> None:
    values = pd.Series(np.arange(1, 11, dtype=float))  # 10 customers: two per quintile
    assert quintile_scores(values).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintile_scores(values, higher_is_better=False).tolist() == [
        5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    tied = pd.Series([1.0, 2.0, 2.0, 2.0, 9.0])
    scores = quintile_scores(tied).tolist()
    assert scores[1] == scores[2] == scores[3] == 3 and scores[0] == 1 and scores[4] == 5
    assert quintile_scores(pd.Series([np.nan, 1.0])).tolist() == [1, 5]


def test_customers_are_scored_and_segmented() -> None:
    frame = pd.DataFrame({
        "days_since_last": [1, 2, 300, 400, 5, 200, 3, 350, 10, 250],
        "purchases": [20, 1, 18, 1, 2, 9, 15, 2, 6, 12],
        "spend": [900, 30, 800, 10, 40, 300, 700, 20, 200, 500],
    }, index=list("abcdefghij"))
    out = score_customers(frame)
    assert out.loc["a", "rfm"] == "555" and out.loc["a", "segment"] == "Champions"
    assert out.loc["b", "segment"] == "New Customers"          # very recent, one purchase
    assert out.loc["c", "segment"] == "Cannot Lose Them"       # long gone, bought a lot
    assert out.loc["d", "segment"] == "Lost"                   # long gone, bought once
    with pytest.raises(ValidationFailed) as err:
        score_customers(frame.drop(columns=["spend"]))
    assert err.value.field == "spend"
