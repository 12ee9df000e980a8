"""Churn query fields (merged into the root `Query`)."""

from __future__ import annotations

import strawberry

from api.churn.types import ChurnModel, ModelDrift
from api.context import Info
from api.inputs import parse_id
from api.prefetch import prefetch_customer_relations
from api.selection import selects
from api.types import Connection, Customer, connection
from domain.churn import queries as churn
from domain.churn.commands import KIND
from domain.ml import registry
from domain.models import ModelVersion


def _model_id(model_id: strawberry.ID | None) -> int | None:
    return parse_id(model_id, "modelId") if model_id is not None else None


@strawberry.type
class ChurnQueries:
    @strawberry.field(description="Customers by current churn probability, riskiest first "
                                  "(first: 1..100). Only customers scored at the latest run.")
    async def at_risk_customers(
        self, info: Info, first: int, after: str | None = None, min_probability: float = 0.0,
    ) -> Connection[Customer]:
        page = await churn.at_risk_customers(
            info.context.org_id, min_probability=min_probability, first=first, after=after,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"))
        await prefetch_customer_relations(info, [c.id for c in page.items])
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field(description="Churn model versions, newest first.")
    async def churn_models(self, info: Info) -> list[ChurnModel]:
        return await registry.versions(info.context.org_id, KIND)  # type: ignore[return-value]

    @strawberry.field
    async def churn_model(self, info: Info, id: strawberry.ID) -> ChurnModel | None:
        row = await ModelVersion.get_or_none(id=parse_id(id), kind=KIND,
                                             organization_id=info.context.org_id)
        return row  # type: ignore[return-value]

    @strawberry.field(description="The latest drift report (of one model version if given): "
                                  "PSI per feature between training and the scoring run.")
    async def model_drift(self, info: Info, model_id: strawberry.ID | None = None
                          ) -> ModelDrift | None:
        report = await churn.latest_drift(info.context.org_id, _model_id(model_id))
        return report  # type: ignore[return-value]

    @strawberry.field(description="Drift reports, newest first (first: 1..100).")
    async def drift_reports(self, info: Info, model_id: strawberry.ID | None = None,
                            first: int = 10) -> list[ModelDrift]:
        rows = await churn.drift_reports(info.context.org_id, _model_id(model_id),
                                         first)
        return rows  # type: ignore[return-value]
