"""Pipeline health from opportunities and their stage history: pure pandas, no database.

Definitions (the GraphQL descriptions say the same). `as_of` is the moment of the read
(now); the lookback is the 365 days before it.

* Pipeline: the open opportunities (`is_closed` false). Per stage: count, value (sum of
  `amount`) and weighted value (sum of `amount x probability`). Amounts are summed as
  stored, without currency conversion (a note says so when currencies differ).
* Visits: each stage change opens a visit of its `to_stage` at `at`, which ends at the
  opportunity's next change. A history whose first change has a `from_stage` also gets a
  visit of that stage from the opportunity's `created_at`.
* Velocity: the median days of the visits of each stage that ended in the lookback (the
  opportunity left the stage in the last 365 days), with the number of visits behind it.
* Win rate: won / closed among the opportunities closed in the lookback (`close_date` in
  the last 365 days). By stage: among those that visited the stage. By source: by the lead
  source of the opportunity's customer (its earliest lead; null without one). By segment:
  by the customer's current segment (null when not segmented).
* Stalled: open, and no stage change for more than 2 x the median days of its stage (30
  days when that median is unknown); time since the last change, or since `created_at`
  without history.
* Ageing: open, and older (since `created_at`) than the 90th percentile (linear
  interpolation) of the cycle length (`close_date` - creation date) of the deals won in the
  lookback; no threshold (and none flagged) without such deals.
* Coverage: the open pipeline value with a close date in the period [today, period_end]
  (default: the end of the current calendar quarter) / target, and the same for the
  weighted value. Null without a target. Open deals whose close date has passed are not
  counted (a note gives their number and value).

Undefined numbers are None, never NaN; `notes` say why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from domain.enums import OpportunityStage
from domain.errors import ValidationFailed

LOOKBACK_DAYS = 365
STALL_MULTIPLE = 2.0
STALL_DEFAULT_DAYS = 30.0
AGEING_PERCENTILE = 90.0
LISTED_DEALS = 100
MIN_TARGET = 0.01
OPEN_STAGES = (OpportunityStage.PROSPECTING, OpportunityStage.QUALIFICATION,
               OpportunityStage.PROPOSAL, OpportunityStage.NEGOTIATION)
OPPORTUNITY_COLUMNS = ("id", "customer_id", "name", "stage", "amount", "probability",
                       "close_date", "is_closed", "is_won", "created_at", "currency",
                       "segment", "source")
CHANGE_COLUMNS = ("opportunity_id", "from_stage", "to_stage", "at")
_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class WinRate:
    key: str | None  # stage, source or segment; None: no source / not segmented
    won: int
    closed: int
    rate: float | None  # None when nothing closed


@dataclass(frozen=True)
class StageHealth:
    stage: OpportunityStage
    count: int
    value: float
    weighted_value: float
    median_days: float | None
    velocity_sample: int  # visits behind the median
    stall_after_days: float
    win_rate: WinRate


@dataclass(frozen=True)
class Deal:
    opportunity_id: int
    customer_id: int
    name: str
    stage: OpportunityStage
    amount: float
    close_date: date
    age_days: float
    days_in_stage: float


@dataclass(frozen=True)
class Flagged:
    count: int
    value: float
    deals: list[Deal]  # at most LISTED_DEALS, largest amount first


@dataclass(frozen=True)
class Coverage:
    period_start: date
    period_end: date
    target: float | None
    count: int
    value: float
    weighted_value: float
    ratio: float | None
    weighted_ratio: float | None


@dataclass(frozen=True)
class PipelineHealth:
    as_of: datetime
    open_count: int
    open_value: float
    weighted_value: float
    stages: list[StageHealth]
    win_rate: WinRate
    win_rate_by_source: list[WinRate]
    win_rate_by_segment: list[WinRate]
    stalled: Flagged
    ageing: Flagged
    ageing_after_days: float | None
    coverage: Coverage
    notes: list[str]


def quarter_end(day: date) -> date:
    """The last day of `day`'s calendar quarter."""
    last_month = (day.month - 1) // 3 * 3 + 3
    if last_month == 12:
        return date(day.year, 12, 31)
    return date(day.year, last_month + 1, 1) - timedelta(days=1)


def check_inputs(as_of: datetime, target: float | None, period_end: date | None) -> date:
    """The period's end (default: end of the quarter); ValidationFailed for bad input."""
    if target is not None and (not math.isfinite(target) or target < MIN_TARGET):
        raise ValidationFailed(f"target must be a positive amount (at least {MIN_TARGET})",
                               field="target")
    end = period_end if period_end is not None else quarter_end(as_of.date())
    if end < as_of.date():
        raise ValidationFailed(f"periodEnd must be on or after today ({as_of.date()})",
                               field="periodEnd")
    return end


def visits(opps: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """opportunity_id, stage, entered, left (NaT while still in it): one row per visit."""
    ch = changes.sort_values(["opportunity_id", "at"], kind="stable")
    left = ch.groupby("opportunity_id")["at"].shift(-1)
    rows = pd.DataFrame({"opportunity_id": ch["opportunity_id"].to_numpy(),
                         "stage": ch["to_stage"].to_numpy(), "entered": ch["at"].to_numpy(),
                         "left": left.to_numpy()})
    first = ch.drop_duplicates("opportunity_id")
    first = first[first["from_stage"].notna()]
    created = opps.set_index("id")["created_at"]
    before = pd.DataFrame({"opportunity_id": first["opportunity_id"].to_numpy(),
                           "stage": first["from_stage"].to_numpy(),
                           "entered": created.reindex(first["opportunity_id"]).to_numpy(),
                           "left": first["at"].to_numpy()})
    both = [f for f in (before, rows) if len(f)]
    out = pd.concat(both, ignore_index=True) if both else rows
    for column in ("entered", "left"):
        out[column] = pd.to_datetime(out[column], utc=True)
    return out


def _rate(won: int, closed: int, key: str | None) -> WinRate:
    return WinRate(key=key, won=won, closed=closed, rate=won / closed if closed else None)


def _grouped_rates(closed: pd.DataFrame, column: str) -> list[WinRate]:
    out = []
    missing = closed[column].isna()
    for key, group in closed[~missing].groupby(column):
        out.append(_rate(int(group["is_won"].sum()), len(group), str(key)))
    if missing.any():
        out.append(_rate(int(closed.loc[missing, "is_won"].sum()), int(missing.sum()), None))
    return sorted(out, key=lambda r: (-r.closed, r.key is None, r.key or ""))


def _flagged(rows: pd.DataFrame) -> Flagged:
    top = rows.sort_values(["amount", "id"], ascending=[False, True]).head(LISTED_DEALS)
    deals = [Deal(opportunity_id=int(r.id), customer_id=int(r.customer_id), name=str(r.name),
                  stage=OpportunityStage(r.stage), amount=float(r.amount),
                  close_date=r.close_date, age_days=float(r.age_days),
                  days_in_stage=float(r.days_in_stage))
             for r in top.itertuples(index=False)]
    return Flagged(count=len(rows), value=float(rows["amount"].sum()), deals=deals)


def _stage_rows(open_: pd.DataFrame, medians: dict[str, tuple[float | None, int]],
                reach_rates: dict[str, WinRate]) -> list[StageHealth]:
    present = [OpportunityStage(s) for s in open_["stage"].unique()]
    stages = list(OPEN_STAGES) + sorted(s for s in present if s not in OPEN_STAGES)
    out = []
    for stage in stages:
        rows = open_[open_["stage"] == stage.value]
        median, sample = medians.get(stage.value, (None, 0))
        out.append(StageHealth(
            stage=stage, count=len(rows), value=float(rows["amount"].sum()),
            weighted_value=float((rows["amount"] * rows["probability"]).sum()),
            median_days=median, velocity_sample=sample,
            stall_after_days=STALL_MULTIPLE * median if median is not None
            else STALL_DEFAULT_DAYS,
            win_rate=reach_rates.get(stage.value, _rate(0, 0, stage.value))))
    return out


def _coverage(open_: pd.DataFrame, start: date, end: date, target: float | None,
              notes: list[str]) -> Coverage:
    closing = open_[(open_["close_date"] >= start) & (open_["close_date"] <= end)]
    overdue = open_[open_["close_date"] < start]
    if len(overdue):
        notes.append(f"{len(overdue)} open deals (value {float(overdue['amount'].sum()):.2f})"
                     f" have a close date before {start} and are not counted in coverage")
    value = float(closing["amount"].sum())
    weighted = float((closing["amount"] * closing["probability"]).sum())
    if target is None:
        notes.append("no target given: coverage is null")
    return Coverage(period_start=start, period_end=end, target=target, count=len(closing),
                    value=value, weighted_value=weighted,
                    ratio=value / target if target else None,
                    weighted_ratio=weighted / target if target else None)


def pipeline_health(opps: pd.DataFrame, changes: pd.DataFrame, *, as_of: datetime,
                    target: float | None = None, period_end: date | None = None
                    ) -> PipelineHealth:
    """Pipeline health of `opps` (OPPORTUNITY_COLUMNS: the open ones and those closed in the
    lookback) with their stage `changes` (CHANGE_COLUMNS) at `as_of`."""
    end = check_inputs(as_of, target, period_end)
    now = pd.Timestamp(as_of)
    since = now - pd.Timedelta(days=LOOKBACK_DAYS)
    notes: list[str] = []
    if opps.empty:
        notes.append("no opportunities in this organization: counts and values are 0, rates, "
                     "medians and coverage ratios are null")
    open_ = opps[~opps["is_closed"].astype(bool)].copy()
    closed = opps[opps["is_closed"].astype(bool)
                  & (opps["close_date"] >= since.date()) & (opps["close_date"] <= now.date())]
    seen = visits(opps, changes)

    done = seen[seen["left"].notna() & (seen["left"] >= since) & (seen["left"] < now)]
    days = (done["left"] - done["entered"]) / _DAY
    medians: dict[str, tuple[float | None, int]] = {
        str(stage): (float(d.median()), len(d)) for stage, d in days.groupby(done["stage"])}
    for stage in OPEN_STAGES:
        if stage.value not in medians and len(opps):
            notes.append(f"no opportunity left {stage.value} in the last {LOOKBACK_DAYS} days: "
                         f"its median is unknown and deals in it stall after "
                         f"{STALL_DEFAULT_DAYS:g} days")

    reached = seen[seen["opportunity_id"].isin(closed["id"])][["opportunity_id", "stage"]]
    reached = reached.drop_duplicates().merge(
        closed[["id", "is_won"]], left_on="opportunity_id", right_on="id")
    reach_rates = {str(s): _rate(int(g["is_won"].sum()), len(g), str(s))
                   for s, g in reached.groupby("stage")}
    if len(opps) and closed.empty:
        notes.append(f"no opportunity closed in the last {LOOKBACK_DAYS} days: win rates are "
                     "null")

    last_move = seen.groupby("opportunity_id")["entered"].max()
    moved = pd.Series(pd.to_datetime(last_move.reindex(open_["id"]).to_numpy(), utc=True),
                      index=open_.index)
    open_["last_move"] = moved.where(moved.notna(), open_["created_at"])
    open_["days_in_stage"] = (now - open_["last_move"]) / _DAY
    open_["age_days"] = (now - open_["created_at"]) / _DAY
    stages = _stage_rows(open_, medians, reach_rates)
    limit = {s.stage.value: s.stall_after_days for s in stages}
    stalled = open_[open_["days_in_stage"] > open_["stage"].map(limit).fillna(
        STALL_DEFAULT_DAYS)]

    won = closed[closed["is_won"].astype(bool)]
    cycles = [(c - t.date()).days for c, t in zip(won["close_date"], won["created_at"],
                                                  strict=True)]
    ageing_after = float(np.percentile(cycles, AGEING_PERCENTILE)) if cycles else None
    if ageing_after is None:
        if len(opps):
            notes.append(f"no deal won in the last {LOOKBACK_DAYS} days: the ageing threshold"
                         " is unknown and no deal is flagged as ageing")
        ageing = open_.iloc[0:0]
    else:
        ageing = open_[open_["age_days"] > ageing_after]

    currencies = sorted(set(open_["currency"].dropna()))
    if len(currencies) > 1:
        notes.append(f"amounts are summed across currencies ({', '.join(currencies)}) "
                     "without conversion")
    for name, flagged in (("stalled", stalled), ("ageing", ageing)):
        if len(flagged) > LISTED_DEALS:
            notes.append(f"{len(flagged)} {name} deals: the {LISTED_DEALS} largest are listed")
    if len(opps) and open_.empty:
        notes.append("no open opportunities: the pipeline is empty")
    coverage = _coverage(open_, now.date(), end, target, notes)
    return PipelineHealth(
        as_of=as_of, open_count=len(open_), open_value=float(open_["amount"].sum()),
        weighted_value=float((open_["amount"] * open_["probability"]).sum()), stages=stages,
        win_rate=_rate(int(closed["is_won"].sum()), len(closed), None),
        win_rate_by_source=_grouped_rates(closed, "source"),
        win_rate_by_segment=_grouped_rates(closed, "segment"),
        stalled=_flagged(stalled), ageing=_flagged(ageing), ageing_after_days=ageing_after,
        coverage=coverage, notes=notes)
