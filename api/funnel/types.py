"""Funnel types and the grouping enum (definitions in `domain.funnel.analysis`)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.enums import Stage
from domain.funnel import analysis as domain
from domain.funnel.analysis import FunnelGroupBy

strawberry.enum(FunnelGroupBy, name="FunnelGroup", description=(
    "How to split the funnel: NONE (overall only), SOURCE (the source of the unit's "
    "earliest lead) or SEGMENT (the customer's segment; leads without an account have "
    "none)."))


@strawberry.type(description=(
    "One stage pair. Cohort: the units (customers, and leads without an account) whose "
    "first entry into fromStage falls in [from, to). Converted: reached toStage or a later "
    "funnel stage after that entry, up to now (forward skips count). The previous numbers "
    "pool the 4 windows of equal length before from, each as it stood the same time after "
    "its window (so as long to convert)."))
class FunnelStep:
    from_stage: Stage
    to_stage: Stage
    entered: int
    converted: int
    conversion_rate: float | None = strawberry.field(
        description="converted / entered; null when nobody entered")
    median_days: float | None = strawberry.field(
        description="Median days from the entry to the first later stage, over the "
                    "converted; null when none converted")
    previous_entered: int
    previous_converted: int
    previous_rate: float | None = strawberry.field(
        description="The pair's rate over the preceding windows; null without entries")
    drop_points: float | None = strawberry.field(
        description="(previousRate - conversionRate) x 100, in percentage points (negative "
                    "when it rose); null when either rate is null")
    relative_drop: float | None = strawberry.field(
        description="(previousRate - conversionRate) / previousRate; null when either is "
                    "null or previousRate is 0")

    @classmethod
    def from_domain(cls, s: domain.FunnelStep) -> FunnelStep:
        return cls(from_stage=s.from_stage, to_stage=s.to_stage, entered=s.entered,
                   converted=s.converted, conversion_rate=s.rate, median_days=s.median_days,
                   previous_entered=s.previous_entered,
                   previous_converted=s.previous_converted, previous_rate=s.previous_rate,
                   drop_points=s.drop_points, relative_drop=s.relative_drop)


@strawberry.type(description="The stage pair whose conversion fell most against its own "
                             "history (largest dropPoints; ties: largest relativeDrop).")
class FunnelBottleneck:
    from_stage: Stage
    to_stage: Stage
    conversion_rate: float
    previous_rate: float
    drop_points: float = strawberry.field(description="Fall in percentage points")
    relative_drop: float | None = strawberry.field(
        description="Fall / previousRate; null when previousRate is 0")


@strawberry.type(description="The funnel of one group (or of everyone).")
class FunnelBreakdown:
    key: str | None = strawberry.field(
        description="The lead source or segment; null: overall, or no source / segment")
    steps: list[FunnelStep] = strawberry.field(
        description="lead → mql, mql → sql, sql → opportunity, opportunity → customer")
    bottleneck: FunnelBottleneck | None = strawberry.field(
        description="Null when no pair has history or none fell (see notes)")
    notes: list[str]

    @classmethod
    def from_domain(cls, g: domain.FunnelGroup) -> FunnelBreakdown:
        b = g.bottleneck
        return cls(key=g.key, steps=[FunnelStep.from_domain(s) for s in g.steps],
                   bottleneck=FunnelBottleneck(
                       from_stage=b.from_stage, to_stage=b.to_stage, conversion_rate=b.rate,
                       previous_rate=b.previous_rate, drop_points=b.drop_points,
                       relative_drop=b.relative_drop) if b else None,
                   notes=list(g.notes))


@strawberry.type(description="Funnel conversion over [from, to) (UTC), overall and by "
                             "group. Undefined numbers are null and notes say why.")
class Funnel:
    start: date = strawberry.field(name="from")
    end: date = strawberry.field(name="to")
    as_of: datetime = strawberry.field(description="Conversions are counted up to here")
    group_by: FunnelGroupBy
    history_from: date = strawberry.field(
        description="Start of the preceding windows the bottleneck compares against")
    overall: FunnelBreakdown
    groups: list[FunnelBreakdown] = strawberry.field(
        description="One per source or segment with entries in the window, most entries "
                    "into lead first; empty for NONE")
    bottleneck: FunnelBottleneck | None = strawberry.field(
        description="The overall funnel's bottleneck (overall.bottleneck)")
    notes: list[str]

    @classmethod
    def from_domain(cls, f: domain.Funnel) -> Funnel:
        overall = FunnelBreakdown.from_domain(f.overall)
        return cls(start=f.start, end=f.end, as_of=f.as_of, group_by=f.group_by,
                   history_from=f.history_start, overall=overall,
                   groups=[FunnelBreakdown.from_domain(g) for g in f.groups],
                   bottleneck=overall.bottleneck, notes=[*f.notes, *f.overall.notes])
