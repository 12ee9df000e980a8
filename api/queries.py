"""Root query fields. Thin: parse arguments, call domain reads, return ORM objects."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.acquisition.queries import AcquisitionQueries
from api.campaigns.queries import CampaignQueries
from api.churn.queries import ChurnQueries
from api.clusters.queries import ClusterQueries
from api.clv.queries import ClvQueries
from api.cohorts.queries import CohortQueries
from api.context import Info
from api.enums import JobKind, JobStatus, LeadStatus, OpportunityStage, Source, SyncStatus
from api.forecasts.queries import ForecastQueries
from api.funnel.queries import FunnelQueries
from api.incentives.queries import IncentiveQueries
from api.inputs import CustomerFilter, CustomerOrder, parse_id
from api.leads.inputs import LeadOrder
from api.leads.queries import LeadQueries
from api.permissions import IsAdmin, IsAnalyst
from api.pipeline.queries import PipelineQueries
from api.prefetch import prefetch_customer_relations
from api.revenue.queries import RevenueQueries
from api.segments.queries import SegmentQueries
from api.selection import node_field_names, selects
from api.types import (
    ApiKey,
    Connection,
    Customer,
    Integration,
    Job,
    Lead,
    Opportunity,
    SyncRun,
    Viewer,
    connection,
)
from domain.auth.service import list_api_keys
from domain.customers import queries as customers
from domain.enums import Role
from domain.jobs import queries as jobs
from domain.leads import queries as leads
from domain.models import Customer as CustomerRow
from domain.models import Job as JobRow
from domain.models import Organization as OrganizationRow
from domain.models import SyncRun as SyncRunRow
from domain.opportunities import queries as opportunities
from domain.sync import config as sync_config
from domain.sync import queries as sync_queries


@strawberry.type
class Query(CampaignQueries, IncentiveQueries, ChurnQueries, CohortQueries, ClusterQueries,
            AcquisitionQueries, ClvQueries, SegmentQueries, PipelineQueries, FunnelQueries,
            RevenueQueries, ForecastQueries, LeadQueries):
    @strawberry.field(description="The calling key's organization and role.")
    async def viewer(self, info: Info) -> Viewer:
        principal = info.context.caller
        org = await OrganizationRow.get(id=principal.organization_id)
        return Viewer(organization=org, role=principal.role,  # type: ignore[arg-type]
                      api_key_prefix=principal.api_key_prefix)

    @strawberry.field(description="Accounts, one page at a time (first: 1..100).")
    async def customers(
        self,
        info: Info,
        first: int,
        after: str | None = None,
        filter: CustomerFilter | None = None,
        order_by: CustomerOrder | None = None,
    ) -> Connection[Customer]:
        page = await customers.customers_page(
            info.context.org_id, first=first, after=after,
            filter=filter.to_domain(info.context.caller.role.allows(Role.ANALYST))
            if filter else None,
            order=order_by.to_domain() if order_by else None,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"),
        )
        await prefetch_customer_relations(info, [c.id for c in page.items])
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field
    async def customer(self, info: Info, id: strawberry.ID) -> Customer | None:
        row: CustomerRow | None = await CustomerRow.get_or_none(
            id=parse_id(id), organization_id=info.context.org_id)
        return row  # type: ignore[return-value]

    @strawberry.field
    async def leads(
        self, info: Info, first: int, after: str | None = None,
        status: LeadStatus | None = None, source: str | None = None,
        order_by: LeadOrder | None = None,
    ) -> Connection[Lead]:
        page = await leads.leads_page(
            info.context.org_id, first=first, after=after, status=status, source=source,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"),
            order=order_by or LeadOrder.CREATED_AT,
        )
        if page.items and "score" in node_field_names(info):  # one statement for the page
            await info.context.loaders.lead_score.load_many([r.id for r in page.items])
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field
    async def opportunities(
        self, info: Info, first: int, after: str | None = None,
        stage: OpportunityStage | None = None, open_only: bool = False,
    ) -> Connection[Opportunity]:
        page = await opportunities.opportunities_page(
            info.context.org_id, first=first, after=after, stage=stage, open_only=open_only,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"),
        )
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field
    async def jobs(
        self, info: Info, first: int, after: str | None = None,
        kind: JobKind | None = None, status: JobStatus | None = None,
    ) -> Connection[Job]:
        page = await jobs.jobs_page(
            info.context.org_id, first=first, after=after, kind=kind, status=status,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"),
        )
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field
    async def job(self, info: Info, id: strawberry.ID) -> Job | None:
        row: JobRow | None = await JobRow.get_or_none(
            id=parse_id(id), organization_id=info.context.org_id)
        return row  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAdmin])
    async def api_keys(self, info: Info) -> list[ApiKey]:
        return await list_api_keys(info.context.org_id)  # type: ignore[return-value]


    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Sync runs, newest first (analyst).")
    async def sync_runs(
        self, info: Info, first: int, after: str | None = None,
        provider: Annotated[Source | None, strawberry.argument(name="source")] = None,
        status: SyncStatus | None = None,
    ) -> Connection[SyncRun]:
        page = await sync_queries.sync_runs_page(
            info.context.org_id, first=first, after=after, source=provider, status=status,
            max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"),
        )
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field(permission_classes=[IsAnalyst])
    async def sync_run(self, info: Info, id: strawberry.ID) -> SyncRun | None:
        row = await SyncRunRow.get_or_none(id=parse_id(id), organization_id=info.context.org_id)
        return row  # type: ignore[return-value]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Connected providers (credentials are never returned).")
    async def integrations(self, info: Info) -> list[Integration]:
        return await sync_config.integrations(info.context.org_id)  # type: ignore[return-value]
