"""GraphQL object types. Resolvers return ORM objects; nested lists go through DataLoaders."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Generic, TypeVar

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.enums import (
    ForecastCategory,
    InvoiceStatus,
    JobKind,
    JobStatus,
    LeadStatus,
    OpportunityStage,
    Role,
    Source,
    Stage,
    SubscriptionStatus,
    SyncMode,
    SyncStatus,
    TicketPriority,
)
from api.permissions import IsAnalyst
from api.prefetch import load_now
from api.selection import selects
from domain.pagination import (
    Page,
    check_first,
    decode_keyset,
    keyset_cursor,
    parse_timestamp,
)

if TYPE_CHECKING:
    from api.churn.types import Risk
    from api.clv.types import CustomerClv
    from api.leads.types import LeadScore
    from api.segments.types import CustomerSegment

T = TypeVar("T")
INVOICE_ORDERING = "invoices:issued_at:desc"


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        description="Rows matching the filter (computed only when selected)."
    )

    @strawberry.field
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def connection(page: Page[T]) -> Connection[T]:
    return Connection(
        edges=[Edge(cursor=c, node=n) for c, n in zip(page.cursors, page.items, strict=True)],
        page_info=PageInfo(
            has_next_page=page.has_next, has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
        total_count=page.total,
    )


@strawberry.type
class Organization:
    id: strawberry.ID
    name: str
    slug: str
    created_at: datetime


@strawberry.type
class Viewer:
    organization: Organization
    role: Role
    api_key_prefix: str


@strawberry.type
class LifecycleTransition:
    id: strawberry.ID
    from_stage: Stage | None
    to_stage: Stage
    at: datetime
    source: Source
    reason: str


@strawberry.type(name="CustomerSubscription", description="A billing subscription.")
class Subscription:
    id: strawberry.ID
    plan: str
    status: SubscriptionStatus
    seats: int
    mrr: Decimal
    currency: str
    started_at: datetime
    canceled_at: datetime | None


@strawberry.type
class Invoice:
    id: strawberry.ID
    amount: Decimal
    currency: str
    status: InvoiceStatus
    issued_at: datetime
    paid_at: datetime | None


@strawberry.type
class UsageCount:
    type: str
    quantity: int


@strawberry.type
class UsageWeek:
    week_start: date
    total: int

    @strawberry.field
    def by_type(self) -> list[UsageCount]:
        return [UsageCount(type=t, quantity=q) for t, q in self.by_type]  # type: ignore[attr-defined]


@strawberry.type
class SupportTicket:
    id: strawberry.ID
    subject: str
    topic: str
    priority: TicketPriority
    sentiment: float = strawberry.field(description="-1 (angry) .. 1 (delighted)")
    opened_at: datetime
    closed_at: datetime | None


@strawberry.type
class OpportunityStageChange:
    from_stage: OpportunityStage | None
    to_stage: OpportunityStage
    at: datetime


@strawberry.type
class Customer:
    id: strawberry.ID
    name: str
    email: str | None = strawberry.field(permission_classes=[IsAnalyst])
    domain: str | None
    industry: str | None
    country: str | None
    region: str | None
    plan: str | None
    currency: str
    mrr: Decimal
    stage: Stage
    created_at: datetime
    first_seen_at: datetime | None
    external_ref: str | None
    stripe_id: str | None
    hubspot_id: str | None
    salesforce_id: str | None

    @strawberry.field(description="Lifecycle transitions, oldest first.")
    def journey(self, info: Info) -> list[LifecycleTransition]:
        return load_now(info.context.loaders.journey, int(self.id))

    @strawberry.field(description="Subscriptions, newest first.")
    def subscriptions(self, info: Info) -> list[Subscription]:
        return load_now(info.context.loaders.subscriptions, int(self.id))

    @strawberry.field(description="Invoices, newest first.")
    async def invoices(
        self, info: Info, first: int = 12, after: str | None = None
    ) -> Connection[Invoice]:
        check_first(first, info.context.settings.max_page_size)
        before = None
        if after:
            raw, last_id = decode_keyset(after, INVOICE_ORDERING)
            before = (parse_timestamp(raw), last_id)
        customer_id = int(self.id)
        rows = await info.context.loaders.invoices.load((customer_id, (first + 1, before)))
        total = await info.context.loaders.invoice_count.load(customer_id) if selects(
            info, "totalCount") else None
        page = Page(items=rows[:first], cursors=[keyset_cursor(INVOICE_ORDERING, i.issued_at, i.id)
                                                 for i in rows[:first]],
                    has_next=len(rows) > first, has_previous=after is not None, total=total)
        return connection(page)  # type: ignore[arg-type]

    @strawberry.field(description="Weekly usage (ISO weeks, Monday start), oldest first.")
    async def usage(self, info: Info, weeks: int = 12) -> list[UsageWeek]:
        check_first(weeks, 156, field="weeks")
        return await info.context.loaders.usage.load((int(self.id), weeks))  # type: ignore[return-value]

    @strawberry.field(description="Support tickets, newest first.")
    async def tickets(self, info: Info, first: int = 20) -> list[SupportTicket]:
        check_first(first, info.context.settings.max_page_size)
        return await info.context.loaders.tickets.load((int(self.id), first))  # type: ignore[return-value]

    @strawberry.field(description="Churn risk at the latest scoring (null: never scored, or "
                                  "no live subscription then).")
    def risk(self, info: Info) -> Annotated[Risk, strawberry.lazy("api.churn.types")] | None:
        return load_now(info.context.loaders.risk, int(self.id))

    @strawberry.field(description="Predicted lifetime value (null: not valued yet, or no "
                                  "purchases or subscription to value).")
    def clv(self, info: Info) -> Annotated[CustomerClv, strawberry.lazy("api.clv.types")] | None:
        return load_now(info.context.loaders.clv, int(self.id))

    @strawberry.field(description="RFM segment at the latest segment update (null: no "
                                  "revenue then).")
    def segment(self, info: Info
                ) -> Annotated[CustomerSegment, strawberry.lazy("api.segments.types")] | None:
        return load_now(info.context.loaders.segment, int(self.id))

    @strawberry.field
    def opportunities(self, info: Info) -> list[Opportunity]:
        return load_now(info.context.loaders.opportunities, int(self.id))

    @strawberry.field
    def leads(self, info: Info) -> list[Lead]:
        return load_now(info.context.loaders.leads, int(self.id))


@strawberry.type
class Opportunity:
    id: strawberry.ID
    name: str
    amount: Decimal
    currency: str
    stage: OpportunityStage
    probability: float
    forecast_category: ForecastCategory
    close_date: date
    is_closed: bool
    is_won: bool
    created_at: datetime

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        customer_id = self.customer_id  # type: ignore[attr-defined]
        return await info.context.loaders.customer.load(customer_id)  # type: ignore[return-value]

    @strawberry.field
    async def stage_history(self, info: Info) -> list[OpportunityStageChange]:
        return await info.context.loaders.opportunity_history.load(int(self.id))  # type: ignore[return-value]


@strawberry.type
class Lead:
    id: strawberry.ID
    name: str
    email: str | None = strawberry.field(permission_classes=[IsAnalyst])
    source: str
    status: LeadStatus
    attributes: JSON
    created_at: datetime
    converted_at: datetime | None

    @strawberry.field(description="Chance of converting from the active lead model (null: "
                                  "not scored: converted, disqualified, or no lead model)")
    def score(self, info: Info
              ) -> Annotated[LeadScore, strawberry.lazy("api.leads.types")] | None:
        return load_now(info.context.loaders.lead_score, int(self.id))

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        customer_id = self.customer_id  # type: ignore[attr-defined]
        if customer_id is None:
            return None
        return await info.context.loaders.customer.load(customer_id)  # type: ignore[return-value]


@strawberry.type
class Job:
    id: strawberry.ID
    kind: JobKind
    status: JobStatus
    progress: float = strawberry.field(description="0..1")
    message: str
    params: JSON
    result: JSON | None
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@strawberry.type
class ApiKey:
    id: strawberry.ID
    name: str
    prefix: str
    role: Role
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None



@strawberry.type
class SyncError:
    kind: str
    id: str = strawberry.field(description="The provider's id of the record")
    code: str
    message: str


@strawberry.type(description="One sync of one source: counts, position and errors.")
class SyncRun:
    id: strawberry.ID
    source: Source
    mode: SyncMode
    status: SyncStatus
    stream: str = strawberry.field(description="The stream being (or last) synced")
    cursor: JSON = strawberry.field(description="Where the run resumes")
    created: int
    updated: int
    unchanged: int
    failed: int
    pages: int
    message: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @strawberry.field
    def job_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.job_id))

    @strawberry.field
    def errors(self) -> list[SyncError]:
        rows: list[dict[str, object]] = self.errors  # type: ignore[assignment]
        return [SyncError(kind=str(e.get("kind", "")), id=str(e.get("id", "")),
                          code=str(e.get("code", "")), message=str(e.get("message", "")))
                for e in rows]

    @strawberry.field(description="Seconds from start to finish (or until now)")
    def duration_seconds(self) -> float | None:
        started = self.started_at
        if started is None:
            return None
        end = self.finished_at or datetime.now(UTC)
        return round((end - started).total_seconds(), 3)


@strawberry.type(description="A connection to a provider. Credentials are never returned.")
class Integration:
    source: Source
    base_url: str
    enabled: bool
    schedule: str = strawberry.field(description="Cron expression ('' when not scheduled)")
    paused_until: datetime | None
    pause_reason: str
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Names of the credentials stored (never their values)")
    def configured_secrets(self) -> list[str]:
        return list(self.secret_names)  # type: ignore[attr-defined]
