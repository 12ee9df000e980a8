"""Campaign, action, delivery and ROI types. Actions resolve their customer, incentive,
campaign and deliveries through the request's DataLoaders (one statement per relation
per page)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.enums import (
    ActionStatus,
    CampaignKind,
    CampaignStatus,
    Channel,
    DeliveryStatus,
    Outcome,
    OutcomeSource,
    RiskLevel,
    Route,
    ValueTier,
)
from api.incentives.types import Incentive
from api.prefetch import row
from api.selection import selects
from api.types import Connection, Customer, connection
from domain.campaigns import queries
from domain.decisions.queries import explain

if TYPE_CHECKING:
    from domain.decisions.service import Preview  # for types only: it loads the ML libraries


@strawberry.type(description="One send of an executed action through one channel.")
class Delivery:
    id: strawberry.ID
    channel: Channel
    status: DeliveryStatus
    event_id: str = strawberry.field(description="Sent as the webhook-id header; the same "
                                                 "on every retry")
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str
    sent_at: datetime | None


@strawberry.type(description="One retention decision for one customer: the incentive (if "
                             "any), why, who acts on it, and what happened.")
class Action:
    id: strawberry.ID
    arm: str = strawberry.field(description="The incentive code, or 'none'")
    segment: str
    risk_level: RiskLevel
    tier: ValueTier
    route: Route
    status: ActionStatus
    control: bool = strawberry.field(description="Held out at random: no incentive, "
                                                 "measures the true lift")
    churn_probability: float
    clv: float
    mrr: float
    cost: float = strawberry.field(description="Cost of the incentive")
    expected_gain: float = strawberry.field(
        description="CLV x (p - p with the incentive) - cost, at the posterior mean")
    expected_roi: float | None = strawberry.field(description="expectedGain / cost")
    priority: float = strawberry.field(description="CLV x p x lift - cost")
    urgency_days: float | None = strawberry.field(
        description="Predicted median days to churn")
    message: str = strawberry.field(description="Drafted message to the customer")
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str
    executed_at: datetime | None
    offer_expires_at: datetime | None
    outcome: Outcome | None
    outcome_source: OutcomeSource | None
    outcome_at: datetime | None
    decided_at: datetime

    @strawberry.field(description="Revenue from the customer in the campaign window")
    def revenue_after(self) -> float | None:
        value = row(self).revenue_after
        return None if value is None else float(value)

    @strawberry.field(description="Every input and sampled value behind the decision")
    def explanation(self) -> JSON:
        return row(self).explanation

    @strawberry.field(description="The decision in words: why this incentive (or none)")
    def why(self) -> str:
        return explain(row(self))

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        return await info.context.loaders.customer.load(row(self).customer_id)  # type: ignore[return-value]

    @strawberry.field
    async def incentive(self, info: Info) -> Incentive | None:
        incentive_id = row(self).incentive_id
        if incentive_id is None:
            return None
        return await info.context.loaders.incentive.load(incentive_id)  # type: ignore[return-value]

    @strawberry.field
    async def campaign(self, info: Info) -> Campaign | None:
        return await info.context.loaders.campaign.load(row(self).campaign_id)  # type: ignore[return-value]

    @strawberry.field
    async def deliveries(self, info: Info) -> list[Delivery]:
        return await info.context.loaders.deliveries.load(row(self).id)  # type: ignore[return-value]


@strawberry.type
class IncentiveCount:
    code: str
    actions: int


@strawberry.type
class RouteCount:
    route: Route
    actions: int


@strawberry.type(description="A retention campaign: the nightly batch's (one per day) or "
                             "a manual one.")
class Campaign:
    id: strawberry.ID
    kind: CampaignKind
    name: str
    status: CampaignStatus
    decided_at: datetime
    window_ends_at: datetime = strawberry.field(
        description="Outcomes are read from billing after this")
    outcomes_detected_at: datetime | None
    created_at: datetime

    @strawberry.field(description="The filter a manual campaign was built from")
    def audience(self) -> JSON:
        return row(self).audience

    @strawberry.field(description="Counts and expected figures when it was decided")
    def summary(self) -> JSON:
        return row(self).summary

    @strawberry.field(description="Model versions used")
    def model_versions(self) -> JSON:
        return row(self).model_versions

    @strawberry.field(description="Customers given an incentive (control excluded)")
    def targeted(self) -> int:
        return int(row(self).summary.get("targeted", 0))

    @strawberry.field(description="Held out at random (no incentive)")
    def control(self) -> int:
        return int(row(self).summary.get("control", 0))

    @strawberry.field(description="Watched only (monitor route)")
    def monitored(self) -> int:
        return int(row(self).summary.get("monitored", 0))

    @strawberry.field(description="Customers for whom no incentive pays")
    def no_action(self) -> int:
        return int(row(self).summary.get("no_action", 0))

    @strawberry.field(description="Sum of the expected gains (net of cost) of the incentives")
    def expected_net(self) -> float:
        return float(row(self).summary.get("expected_net", 0.0))

    @strawberry.field(description="Sum of the incentives' costs")
    def expected_cost(self) -> float:
        return float(row(self).summary.get("expected_cost", 0.0))

    @strawberry.field(description="expectedNet / expectedCost")
    def expected_roi(self) -> float | None:
        value = row(self).summary.get("expected_roi")
        return None if value is None else float(value)

    @strawberry.field(description="Customers offered each incentive")
    def by_incentive(self) -> list[IncentiveCount]:
        counts: dict[str, int] = row(self).summary.get("by_incentive", {})
        return [IncentiveCount(code=k, actions=int(v)) for k, v in sorted(counts.items())]

    @strawberry.field
    def by_route(self) -> list[RouteCount]:
        counts: dict[str, int] = row(self).summary.get("by_route", {})
        return [RouteCount(route=Route(k), actions=int(v)) for k, v in sorted(counts.items())]

    @strawberry.field(description="Actions, highest priority first")
    async def actions(self, info: Info, first: int = 50, after: str | None = None,
                      route: Route | None = None, status: ActionStatus | None = None
                      ) -> Connection[Action]:
        page = await queries.actions(
            info.context.org_id, int(row(self).id), route=route, status=status, first=first,
            after=after, max_page_size=info.context.settings.max_page_size,
            with_total=selects(info, "totalCount"))
        return connection(page)  # type: ignore[arg-type]


@strawberry.type(description="A figure with its 95% confidence interval.")
class Estimate:
    value: float
    low: float
    high: float


@strawberry.type
class ArmResult:
    n: int
    retained: int
    rate: Estimate | None = strawberry.field(description="Retention rate (Wilson interval)")


@strawberry.type(description="Return of the retention incentives of one group, against "
                             "the random control group.")
class RoiRow:
    key: str
    label: str
    treated: ArmResult = strawberry.field(description="Customers sent an incentive")
    control: ArmResult = strawberry.field(description="Held out at random")
    control_basis: str = strawberry.field(
        description="group: the group's own control; contexts: control customers of the "
                    "same contexts; none: no control yet")
    uplift: Estimate | None = strawberry.field(
        description="Retention rate treated - control (Newcombe interval)")
    incremental_retained: Estimate | None
    mean_clv: float | None
    saved_revenue: Estimate | None = strawberry.field(
        description="Incremental retained customers x their mean CLV")
    cost: float = strawberry.field(description="Incentive cost")
    net: Estimate | None = strawberry.field(description="Saved revenue - cost")
    roi: Estimate | None = strawberry.field(description="Net / cost")
    cost_per_retained: float | None
    notes: list[str]


@strawberry.type(description="The decision a customer would get now (nothing is written).")
class DecisionPreview:
    customer_id: strawberry.ID
    considered: bool = strawberry.field(
        description="The churn probability reaches the rules' minimum (else the batch does "
                    "not decide for this customer)")
    status: ActionStatus
    arm: str = strawberry.field(description="The incentive code, or 'none'")
    route: Route
    cost: float
    expected_gain: float
    expected_roi: float | None
    priority: float
    urgency_days: float | None
    explanation: JSON
    why: str

    @classmethod
    def of(cls, p: Preview) -> DecisionPreview:
        return cls(customer_id=strawberry.ID(str(p.customer_id)), considered=p.considered,
                   status=p.status, arm=p.arm, route=Route(p.route), cost=p.cost,
                   expected_gain=p.expected_gain, expected_roi=p.expected_roi,
                   priority=p.priority, urgency_days=p.urgency_days,
                   explanation=p.explanation,  # type: ignore[arg-type]
                   why=explain(p.explanation))

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        return await info.context.loaders.customer.load(int(self.customer_id))  # type: ignore[return-value]
