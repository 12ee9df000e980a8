"""Funnel conversion over a window: pure pandas, no database.

Definitions (the GraphQL descriptions say the same):

* Funnel stages: lead → mql → sql → opportunity → customer, giving four pairs (a stage and
  the next). Units are customers (accounts), by their `LifecycleTransition`s into funnel
  stages, and leads without an account, which enter `lead` at their `created_at` and have
  no later move recorded. A customer without a transition into `lead` enters it at its
  earliest lead's `created_at` when that is not after its first funnel transition.
* Entry into a stage: the unit's first move into it (before `as_of`, i.e. now).
* Cohort of a pair over [from, to): the units whose entry into the pair's first stage falls
  in the window (UTC midnights).
* Converted: the unit reached the next stage or a later funnel stage after that entry,
  at any time up to `as_of` (forward skips count: a self-serve sign-up that goes lead →
  customer converted from lead; recycling back to mql does not). Conversion rate:
  converted / entered; None when nobody entered.
* Median days: the median time from the entry to the first later funnel stage reached,
  over the converted units; None when none converted.
* Groups: by SOURCE (the source of the unit's earliest lead; None without a lead), by
  SEGMENT (`Customer.segment`; None when not segmented, and for leads without an account)
  or NONE (the overall funnel only).
* History: the HISTORY_WINDOWS windows of the same length right before `from`, pooled
  (their converted / their entered). Each preceding window k is measured as it stood at
  `as_of` - k x length, so it had exactly as long to convert as the current window: a
  recent window is not penalised for being recent.
* Bottleneck: of the pairs with a rate both in the window and in its history, the one
  whose rate fell most, in percentage points (ties: the larger relative fall), with both
  the points and the relative fall ((previous - now) / previous). None, with a note, when
  no pair has history or no rate fell.

Undefined numbers are None, never NaN; `notes` say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from itertools import pairwise

import numpy as np
import pandas as pd

from domain.enums import Stage
from domain.errors import ValidationFailed
from domain.journeys.rules import FUNNEL

HISTORY_WINDOWS = 4
MAX_WINDOW_DAYS = 3660  # about ten years
EARLIEST = date(1900, 1, 1)
PAIRS: tuple[tuple[Stage, Stage], ...] = tuple(pairwise(FUNNEL))
MOVE_COLUMNS = ("unit", "stage", "at")  # unit: customer id, or -lead id for a bare lead
UNIT_COLUMNS = ("unit", "key")
_DAY = pd.Timedelta(days=1)
_RANK = {stage.value: k for k, stage in enumerate(FUNNEL)}


class FunnelGroupBy(StrEnum):
    NONE = "none"
    SOURCE = "source"
    SEGMENT = "segment"


@dataclass(frozen=True)
class FunnelStep:
    from_stage: Stage
    to_stage: Stage
    entered: int
    converted: int
    rate: float | None
    median_days: float | None
    previous_entered: int
    previous_converted: int
    previous_rate: float | None
    drop_points: float | None  # (previous - rate) x 100; negative when it rose
    relative_drop: float | None  # (previous - rate) / previous


@dataclass(frozen=True)
class Bottleneck:
    from_stage: Stage
    to_stage: Stage
    rate: float
    previous_rate: float
    drop_points: float
    relative_drop: float | None  # None when the previous rate was 0 (cannot fall then)


@dataclass(frozen=True)
class FunnelGroup:
    key: str | None  # None: the overall funnel, or units without a source / segment
    steps: list[FunnelStep]
    bottleneck: Bottleneck | None
    notes: list[str]


@dataclass(frozen=True)
class Funnel:
    start: date
    end: date
    as_of: datetime
    group_by: FunnelGroupBy
    history_start: date
    overall: FunnelGroup
    groups: list[FunnelGroup]  # empty for NONE
    notes: list[str]


def midnight(day: date) -> pd.Timestamp:
    return pd.Timestamp(datetime.combine(day, time.min, UTC))


def check_window(start: date, end: date, as_of: datetime) -> None:
    if start >= end:
        raise ValidationFailed(f"from ({start}) must be before to ({end})", field="from")
    if start < EARLIEST:
        raise ValidationFailed(f"from must be on or after {EARLIEST}", field="from")
    if (end - start).days > MAX_WINDOW_DAYS:
        raise ValidationFailed(f"to must be at most {MAX_WINDOW_DAYS} days after from",
                               field="to")
    if midnight(start) > pd.Timestamp(as_of):
        raise ValidationFailed(f"from ({start}) is in the future: nothing entered yet",
                               field="from")


def history_start(start: date, end: date) -> date:
    return start - (end - start) * HISTORY_WINDOWS


def funnel_moves(transitions: pd.DataFrame, leads: pd.DataFrame) -> pd.DataFrame:
    """Every unit's moves into funnel stages (MOVE_COLUMNS), from the customers'
    transitions (customer_id, stage, at) and the leads (id, customer_id, created_at)."""
    moves = transitions.rename(columns={"customer_id": "unit"})[list(MOVE_COLUMNS)]
    moves = moves[moves["stage"].isin(_RANK)]
    bare = leads[leads["customer_id"].isna()]
    bare_moves = pd.DataFrame({"unit": -bare["id"].astype(np.int64), "stage": Stage.LEAD.value,
                               "at": bare["created_at"]})
    attached = leads[leads["customer_id"].notna()]
    first_lead = attached.groupby(attached["customer_id"].astype(np.int64))["created_at"].min()
    first_move = moves.groupby("unit")["at"].min()
    has_lead = set(moves.loc[moves["stage"] == Stage.LEAD.value, "unit"])
    keep = [u for u in first_lead.index if u not in has_lead
            and (u not in first_move.index or first_lead[u] <= first_move[u])]
    lead_moves = pd.DataFrame({"unit": np.array(keep, np.int64), "stage": Stage.LEAD.value,
                               "at": first_lead.reindex(keep).to_numpy()})
    parts = [p for p in (moves, bare_moves, lead_moves) if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else moves
    out["at"] = pd.to_datetime(out["at"], utc=True)
    return out.astype({"unit": np.int64})


def pair_outcomes(moves: pd.DataFrame, stage: Stage) -> pd.DataFrame:
    """unit, entry (first move into `stage`), reached (first later funnel stage after the
    entry; NaT when none)."""
    entry = moves[moves["stage"] == stage.value].groupby("unit")["at"].min()
    later = moves[moves["stage"].map(_RANK) > _RANK[stage.value]]
    joined = later.merge(entry.rename("entry").reset_index(), on="unit")
    reached = joined[joined["at"] >= joined["entry"]].groupby("unit")["at"].min()
    out = entry.rename("entry").reset_index()
    out["reached"] = pd.to_datetime(reached.reindex(entry.index).reset_index(drop=True),
                                    utc=True)
    out["entry"] = pd.to_datetime(out["entry"], utc=True)
    return out


def _counts(out: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp, upto: pd.Timestamp
            ) -> tuple[pd.DataFrame, pd.Series]:
    cohort = out[(out["entry"] >= lo) & (out["entry"] < hi)]
    done = cohort["reached"].notna() & (cohort["reached"] < upto)
    return cohort, done


def _step(out: pd.DataFrame, pair: tuple[Stage, Stage], start: date, end: date,
          as_of: pd.Timestamp) -> FunnelStep:
    lo, hi = midnight(start), midnight(end)
    cohort, done = _counts(out, lo, hi, as_of)
    entered, converted = len(cohort), int(done.sum())
    days = (cohort.loc[done, "reached"] - cohort.loc[done, "entry"]) / _DAY
    length = hi - lo
    prev_entered = prev_converted = 0
    for k in range(1, HISTORY_WINDOWS + 1):
        past, past_done = _counts(out, lo - k * length, hi - k * length, as_of - k * length)
        prev_entered += len(past)
        prev_converted += int(past_done.sum())
    rate = converted / entered if entered else None
    previous = prev_converted / prev_entered if prev_entered else None
    drop = relative = None
    if rate is not None and previous is not None:
        drop = (previous - rate) * 100.0
        relative = (previous - rate) / previous if previous else None
    return FunnelStep(from_stage=pair[0], to_stage=pair[1], entered=entered,
                      converted=converted, rate=rate,
                      median_days=float(days.median()) if converted else None,
                      previous_entered=prev_entered, previous_converted=prev_converted,
                      previous_rate=previous, drop_points=drop, relative_drop=relative)


def bottleneck(steps: list[FunnelStep], notes: list[str]) -> Bottleneck | None:
    """The step whose rate fell most against its history (None with a note)."""
    compared = [s for s in steps if s.drop_points is not None]
    if not compared:
        notes.append(f"no bottleneck: no stage pair has entries both in the window and in "
                     f"the {HISTORY_WINDOWS} windows of equal length before it")
        return None
    worst = max(compared, key=lambda s: (s.drop_points or 0.0, s.relative_drop or 0.0))
    if worst.drop_points is None or worst.drop_points <= 0:
        notes.append("no bottleneck: no stage's conversion fell against its own history")
        return None
    assert worst.rate is not None and worst.previous_rate is not None
    return Bottleneck(from_stage=worst.from_stage, to_stage=worst.to_stage, rate=worst.rate,
                      previous_rate=worst.previous_rate, drop_points=worst.drop_points,
                      relative_drop=worst.relative_drop)


def _group(outcomes: list[pd.DataFrame], key: str | None, start: date, end: date,
           as_of: pd.Timestamp) -> FunnelGroup:
    steps = [_step(out, pair, start, end, as_of)
             for out, pair in zip(outcomes, PAIRS, strict=True)]
    notes: list[str] = []
    return FunnelGroup(key=key, steps=steps, bottleneck=bottleneck(steps, notes), notes=notes)


def funnel(moves: pd.DataFrame, units: pd.DataFrame, *, start: date, end: date,
           as_of: datetime, group_by: FunnelGroupBy = FunnelGroupBy.NONE) -> Funnel:
    """The funnel over [start, end) of `moves` (see `funnel_moves`), grouped by the `key`
    of each unit in `units` (UNIT_COLUMNS; units missing there have key None)."""
    check_window(start, end, as_of)
    now = pd.Timestamp(as_of)
    moves = moves[moves["at"] < now]
    notes: list[str] = []
    if moves.empty:
        notes.append("no leads or funnel transitions in this organization: counts are 0, "
                     "rates and medians null")
    if midnight(end) > now:
        notes.append(f"the window runs past now ({as_of:%Y-%m-%d %H:%M} UTC): only entries "
                     "so far count")
    bare = moves[(moves["unit"] < 0) & (moves["at"] >= midnight(start))
                 & (moves["at"] < midnight(end))]
    if len(bare):
        notes.append(f"{len(bare)} leads without an account entered lead in the window: they "
                     "count at lead → mql only (their later moves are not recorded)")
    outcomes = [pair_outcomes(moves, pair[0]) for pair in PAIRS]
    overall = _group(outcomes, None, start, end, now)
    groups: list[FunnelGroup] = []
    if group_by is not FunnelGroupBy.NONE:
        key_of = units.drop_duplicates("unit").set_index("unit")["key"]
        keyed = [out.assign(key=out["unit"].map(key_of)) for out in outcomes]
        keys = sorted({k for out in keyed for k in out["key"].dropna()})
        for key in [*keys, None]:
            parts = [out[out["key"] == key] if key is not None else out[out["key"].isna()]
                     for out in keyed]
            group = _group(parts, key, start, end, now)
            if any(s.entered for s in group.steps):
                groups.append(group)
        groups.sort(key=lambda g: (-g.steps[0].entered, g.key is None, g.key or ""))
    return Funnel(start=start, end=end, as_of=as_of, group_by=group_by,
                  history_start=history_start(start, end), overall=overall, groups=groups,
                  notes=notes)
