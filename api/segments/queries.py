"""Segment query fields (merged into the root `Query`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.context import Info
from api.permissions import IsAnalyst
from api.segments.types import MigrationCell, SegmentMigration, SegmentSummary
from domain.segments import queries as segments


@strawberry.type
class SegmentQueries:
    @strawberry.field(permission_classes=[IsAnalyst],
                      description="The named segments at the latest segment update (or the "
                                  "latest on or before `on`), in the order of the RFM map.")
    async def segments(self, info: Info, on: date | None = None) -> list[SegmentSummary]:
        return await segments.segments(info.context.org_id, on)  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="How customers moved between segments from one date to "
                                  "another.")
    async def segment_migration(
        self, info: Info, from_: Annotated[date, strawberry.argument(name="from")], to: date,
    ) -> SegmentMigration:
        found = await segments.migration(info.context.org_id, from_, to)
        return SegmentMigration(
            source_date=found.source_date, target_date=found.target_date,
            segments=found.segments,
            cells=[MigrationCell(source=c.source, target=c.target, count=c.count)
                   for c in found.cells])
