"""Cluster query fields (merged into the root `Query`)."""

from __future__ import annotations

import strawberry

from api.clusters.types import ClusterSet, cluster_set
from api.context import Info
from api.permissions import IsAnalyst
from domain.segments import clusters


@strawberry.type
class ClusterQueries:
    @strawberry.field(permission_classes=[IsAnalyst],
                      description="The latest behavioural clusters of the customers (analyst); "
                                  "null until clusters are fitted.")
    async def clusters(self, info: Info) -> ClusterSet | None:
        summary = await clusters.latest_clusters(info.context.org_id)
        return cluster_set(summary) if summary is not None else None
