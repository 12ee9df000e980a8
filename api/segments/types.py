"""Segment types: a customer's current segment (its latest `SegmentSnapshot`), the summary
per segment and the migration matrix."""

from __future__ import annotations

from datetime import date

import strawberry

from api.context import Info
from api.enums import ValueTier
from api.prefetch import row
from domain.pagination import check_first
from domain.segments.queries import MAX_HISTORY
from domain.segments.rfm import ACTIONS, Segment


@strawberry.type(description="A customer's segment at one segment update.")
class SegmentPoint:
    segment: str
    recency: int
    frequency: int
    monetary: int
    tier: ValueTier | None
    taken_on: date


@strawberry.type(description="A customer's RFM scores and named segment at the latest "
                             "segment update.")
class CustomerSegment:
    segment: str = strawberry.field(description="One of the 11 named segments")
    recency: int = strawberry.field(description="R score 1..5 (5: bought most recently)")
    frequency: int = strawberry.field(description="F score 1..5")
    monetary: int = strawberry.field(description="M score 1..5")
    tier: ValueTier | None = strawberry.field(description="Value tier by predicted CLV")
    cluster: int | None = strawberry.field(description="Behavioural cluster id (see clusters)")
    revenue: float = strawberry.field(description="Revenue to date at the update")
    taken_on: date = strawberry.field(description="Date of the segment update")

    @strawberry.field
    def name(self) -> str:
        return str(row(self).segment)

    @strawberry.field(description="R, F and M scores, e.g. \"545\"")
    def rfm(self) -> str:
        stored = row(self)
        return f"{stored.recency}{stored.frequency}{stored.monetary}"

    @strawberry.field
    def recommended_action(self) -> str:
        return ACTIONS[Segment(row(self).segment)]

    @strawberry.field(description="Segment updates, newest first (this one included)")
    async def history(self, info: Info, first: int = 12) -> list[SegmentPoint]:
        check_first(first, MAX_HISTORY)
        key = (row(self).customer_id, first)
        return await info.context.loaders.segment_history.load(key)  # type: ignore[return-value]


@strawberry.type(description="One named segment at the latest update (or the one on or "
                             "before the date asked for).")
class SegmentSummary:
    name: str
    count: int
    revenue: float = strawberry.field(description="Revenue to date of its customers")
    avg_clv: float | None = strawberry.field(description="Mean CLV of its valued customers")
    avg_risk: float | None = strawberry.field(
        description="Mean churn probability of its scored customers")
    recommended_action: str
    on: date


@strawberry.type
class MigrationCell:
    source: str = strawberry.field(name="from")
    target: str = strawberry.field(name="to")
    count: int


@strawberry.type(description="Customers moving between segments: the latest updates on or "
                             "before `from` and `to`; \"(none)\" is no segment then.")
class SegmentMigration:
    source_date: date = strawberry.field(name="fromDate")
    target_date: date = strawberry.field(name="toDate")
    segments: list[str]
    cells: list[MigrationCell]

    @strawberry.field(description="Counts as a matrix: rows `from`, columns `to`, both in "
                                  "the order of `segments`")
    def matrix(self) -> list[list[int]]:
        index = {s: i for i, s in enumerate(self.segments)}
        grid = [[0] * len(self.segments) for _ in self.segments]
        for c in self.cells:
            grid[index[c.source]][index[c.target]] = c.count
        return grid
