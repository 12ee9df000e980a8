"""Pipeline health types (definitions in `domain.pipeline.health`)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.enums import OpportunityStage
from domain.pipeline import health as domain


@strawberry.type(description="Won / closed among the opportunities closed in the last 365 "
                             "days (close date), for one stage, lead source or segment.")
class WinRate:
    key: str | None = strawberry.field(
        description="The stage, lead source or segment; null: the customer has no lead "
                    "(by source) or no segment (by segment), or all deals (overall)")
    won: int
    closed: int
    rate: float | None = strawberry.field(description="won / closed; null when none closed")


@strawberry.type(description="One pipeline stage: open opportunities in it, its velocity, "
                             "when its deals count as stalled, and its win rate.")
class PipelineStage:
    stage: OpportunityStage
    count: int = strawberry.field(description="Open opportunities in the stage")
    value: float = strawberry.field(description="Sum of their amounts (no currency "
                                                "conversion)")
    weighted_value: float = strawberry.field(description="Sum of amount x probability")
    median_days: float | None = strawberry.field(
        description="Median days spent in the stage, over the visits that ended (the deal "
                    "moved on) in the last 365 days; null when none did")
    velocity_sample: int = strawberry.field(description="Visits behind medianDays")
    stall_after_days: float = strawberry.field(
        description="An open deal in this stage is stalled after this many days without a "
                    "stage change: 2 x medianDays, or 30 when the median is unknown")
    win_rate: WinRate = strawberry.field(
        description="Won / closed among the deals closed in the last 365 days that were "
                    "in this stage at some point (by their stage history)")


@strawberry.type(description="An open opportunity flagged as stalled or ageing.")
class PipelineDeal:
    opportunity_id: strawberry.ID
    customer_id: strawberry.ID
    name: str
    stage: OpportunityStage
    amount: float
    close_date: date
    age_days: float = strawberry.field(description="Days since the deal was created")
    days_in_stage: float = strawberry.field(
        description="Days since its last stage change (or its creation without history)")


@strawberry.type(description="Flagged open deals: how many, their value, and the 100 "
                             "largest.")
class FlaggedDeals:
    count: int
    value: float
    deals: list[PipelineDeal] = strawberry.field(description="At most 100, largest first")


@strawberry.type(description="Open pipeline closing in [periodStart, periodEnd] against a "
                             "target. Deals whose close date has passed are not counted.")
class PipelineCoverage:
    period_start: date = strawberry.field(description="Today (UTC)")
    period_end: date
    target: float | None
    count: int = strawberry.field(description="Open deals closing in the period")
    value: float = strawberry.field(description="Their amounts")
    weighted_value: float = strawberry.field(description="Their amount x probability")
    ratio: float | None = strawberry.field(description="value / target; null without target")
    weighted_ratio: float | None = strawberry.field(
        description="weightedValue / target; null without target")


@strawberry.type(description=(
    "Pipeline health at asOf. Pipeline: the open opportunities. Velocity: median days per "
    "stage from the stage history (visits ending in the last 365 days). Win rates: won / "
    "closed among the deals closed in the last 365 days, by stage reached, by the lead "
    "source of the customer (its earliest lead) and by the customer's segment. Stalled: "
    "open and no stage change for more than 2 x its stage's median days (30 when unknown). "
    "Ageing: open and older than the 90th percentile of the cycle length (close date - "
    "creation) of the deals won in the last 365 days. Amounts are summed without currency "
    "conversion. Undefined numbers are null and notes say why."))
class PipelineHealth:
    as_of: datetime
    open_count: int
    open_value: float
    weighted_value: float = strawberry.field(description="Sum of amount x probability")
    stages: list[PipelineStage] = strawberry.field(
        description="The four open stages in order (and any other stage an open deal has)")
    win_rate: WinRate = strawberry.field(description="Over all deals closed in 365 days")
    win_rate_by_source: list[WinRate] = strawberry.field(
        description="By lead source, most closed deals first")
    win_rate_by_segment: list[WinRate] = strawberry.field(
        description="By customer segment, most closed deals first")
    stalled: FlaggedDeals
    ageing: FlaggedDeals
    ageing_after_days: float | None = strawberry.field(
        description="The ageing threshold in days; null without deals won in 365 days")
    coverage: PipelineCoverage
    notes: list[str] = strawberry.field(description="Why a number is null or zero, and "
                                                    "what was left out")

    @classmethod
    def from_domain(cls, h: domain.PipelineHealth) -> PipelineHealth:
        """The stages, win rates and coverage have these types' fields and are returned as
        they are; the flagged deals get GraphQL ids."""
        return cls(
            as_of=h.as_of, open_count=h.open_count, open_value=h.open_value,
            weighted_value=h.weighted_value, stalled=_flagged(h.stalled),
            ageing=_flagged(h.ageing), ageing_after_days=h.ageing_after_days,
            notes=list(h.notes),
            stages=h.stages,  # type: ignore[arg-type]
            win_rate=h.win_rate,  # type: ignore[arg-type]
            win_rate_by_source=h.win_rate_by_source,  # type: ignore[arg-type]
            win_rate_by_segment=h.win_rate_by_segment,  # type: ignore[arg-type]
            coverage=h.coverage)  # type: ignore[arg-type]


def _flagged(f: domain.Flagged) -> FlaggedDeals:
    return FlaggedDeals(count=f.count, value=f.value, deals=[
        PipelineDeal(opportunity_id=strawberry.ID(str(d.opportunity_id)),
                     customer_id=strawberry.ID(str(d.customer_id)), name=d.name,
                     stage=d.stage, amount=d.amount, close_date=d.close_date,
                     age_days=d.age_days, days_in_stage=d.days_in_stage)
        for d in f.deals])
