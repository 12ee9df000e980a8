"""Campaign mutations (operator; merged into the root `Mutation`): review actions and
record outcomes."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from datetime import date
from typing import Annotated, Protocol

import strawberry

from api.campaigns.types import Action, Campaign, Delivery
from api.churn.mutations import ChurnJobStarted, job_started
from api.context import Info
from api.enums import ActionStatus, Outcome, RiskLevel, ValueTier
from api.errors import NoActiveModelError, NotFoundError, ValidationError, to_user_error
from api.inputs import parse_id
from api.permissions import IsOperator
from api.types import Job
from domain.campaigns import delivery, events, execution, outcomes, review
from domain.decisions import commands as decisions
from domain.errors import DomainError
from domain.events import campaign_channel


def actor(info: Info) -> str:
    caller = info.context.caller
    return f"api key {caller.api_key_prefix} ({caller.role.value})"


def parse_ids(ids: list[strawberry.ID], field: str = "actionIds") -> list[int]:
    return [parse_id(i, field) for i in ids]


@strawberry.type
class SkippedAction:
    id: strawberry.ID
    status: ActionStatus
    reason: str


@strawberry.type(description="Which actions changed and which were left alone, and why.")
class ActionsReviewed:
    status: ActionStatus = strawberry.field(description="What the changed actions became")
    changed: list[strawberry.ID]
    skipped: list[SkippedAction]


@strawberry.type
class OutcomeRecorded:
    action: Action


@strawberry.type
class SkippedExecution:
    id: strawberry.ID
    reason: str


@strawberry.type(description="Executed actions and their deliveries; a job sends them.")
class ActionsExecuted:
    executed: list[strawberry.ID]
    skipped: list[SkippedExecution]
    deliveries: int = strawberry.field(description="Sends created (webhook, HubSpot task)")
    job: Job | None = strawberry.field(description="The job sending them (null: nothing "
                                                   "to send)")


@strawberry.type
class DeliveriesRequeued:
    deliveries: list[Delivery]
    job: Job


@strawberry.input(description="Who a manual campaign is for; omitted conditions match "
                              "everyone with a churn score at or above the rules' minimum.")
class CampaignAudienceInput:
    segments: list[str] | None = strawberry.field(default=None,
                                                  description="RFM segment names")
    risk_levels: list[RiskLevel] | None = None
    tiers: list[ValueTier] | None = None
    min_probability: float | None = None
    max_probability: float | None = None
    customer_ids: list[strawberry.ID] | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "segments": self.segments,
            "risk_levels": None if self.risk_levels is None else [
                r.value for r in self.risk_levels],
            "tiers": None if self.tiers is None else [t.value for t in self.tiers],
            "min_probability": self.min_probability, "max_probability": self.max_probability,
            "customer_ids": None if self.customer_ids is None else [
                parse_id(c, f"audience.customerIds[{i}]")
                for i, c in enumerate(self.customer_ids)]}


@strawberry.type
class CampaignCreated:
    campaign: Campaign


CreateCampaignResult = Annotated[CampaignCreated | ValidationError,
                                 strawberry.union("CreateCampaignResult")]
RunDecisionBatchResult = Annotated[ChurnJobStarted | NoActiveModelError | ValidationError,
                                   strawberry.union("RunDecisionBatchResult")]
ExecuteActionsResult = Annotated[ActionsExecuted | NotFoundError | ValidationError,
                                 strawberry.union("ExecuteActionsResult")]
RetryDeliveriesResult = Annotated[DeliveriesRequeued | NotFoundError | ValidationError,
                                  strawberry.union("RetryDeliveriesResult")]
ReviewActionsResult = Annotated[ActionsReviewed | NotFoundError | ValidationError,
                                strawberry.union("ReviewActionsResult")]
RecordOutcomeResult = Annotated[OutcomeRecorded | NotFoundError | ValidationError,
                                strawberry.union("RecordOutcomeResult")]


class _Review(Protocol):
    """`review.approve_actions` or `review.reject_actions`."""

    def __call__(self, org_id: int, action_ids: Iterable[int], *, actor: str,
                 note: str = "") -> Awaitable[review.ReviewResult]: ...


async def _review(info: Info, apply: _Review, action_ids: list[strawberry.ID],
                  note: str) -> ReviewActionsResult:
    """Approve or reject, publish the "reviewed" event, and say what changed."""
    try:
        result = await apply(info.context.org_id, parse_ids(action_ids), actor=actor(info),
                             note=note)
    except DomainError as exc:
        return to_user_error(exc)  # type: ignore[return-value]
    await events.publish_actions(info.context.bus, info.context.org_id, result.changed,
                                 "reviewed")
    return ActionsReviewed(
        status=result.status, changed=[strawberry.ID(str(i)) for i in result.changed],
        skipped=[SkippedAction(id=strawberry.ID(str(s.action_id)), status=s.status,
                               reason=s.reason) for s in result.skipped])


@strawberry.type
class CampaignMutations:
    @strawberry.mutation(permission_classes=[IsOperator],
                         description="Run the decision batch now (operator): score, decide, "
                                     "write the day's campaign. A second run on the same day "
                                     "returns the existing campaign; also runs nightly.")
    async def run_decision_batch(self, info: Info, day: date | None = None,
                                 score: bool = True) -> RunDecisionBatchResult:
        try:
            request = await decisions.request_batch(info.context.queue, info.context.org_id,
                                                    day, score=score)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return job_started(request)

    @strawberry.mutation(permission_classes=[IsOperator],
                         description="A manual campaign from a segment or risk filter "
                                     "(operator), decided and routed like the nightly one.")
    async def create_campaign(self, info: Info, name: str,
                              audience: CampaignAudienceInput) -> CreateCampaignResult:
        # loads the ML libraries on first use
        from domain.decisions import service as decision_service

        try:
            row = await decision_service.create_campaign(
                info.context.org_id, name, audience.to_dict(),
                settings=info.context.settings, actor=actor(info), bus=info.context.bus,
                queue=info.context.queue)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return CampaignCreated(campaign=row)  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[IsOperator],
                         description="Approve proposed actions (operator); approved actions "
                                     "are sent by executeActions.")
    async def approve_actions(self, info: Info, action_ids: list[strawberry.ID],
                              note: str = "") -> ReviewActionsResult:
        return await _review(info, review.approve_actions, action_ids, note)

    @strawberry.mutation(permission_classes=[IsOperator],
                         description="Reject proposed actions (operator).")
    async def reject_actions(self, info: Info, action_ids: list[strawberry.ID],
                             note: str = "") -> ReviewActionsResult:
        return await _review(info, review.reject_actions, action_ids, note)

    @strawberry.mutation(permission_classes=[IsOperator],
                         description="Record whether a customer was retained (operator); "
                                     "the incentive's posterior learns from it. A manual "
                                     "outcome is never overwritten by billing.")
    async def record_outcome(self, info: Info, action_id: strawberry.ID, outcome: Outcome,
                             revenue: float | None = None) -> RecordOutcomeResult:
        try:
            row = await outcomes.record_outcome(info.context.org_id,
                                                parse_id(action_id, "actionId"), outcome,
                                                revenue=revenue)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        org_id = info.context.org_id
        await info.context.bus.publish(
            campaign_channel(org_id), events.event(org_id, row.campaign_id, "outcomes", [row.id]))
        return OutcomeRecorded(action=row)  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[IsOperator],
                         description="Execute approved actions (operator): each is sent "
                                     "through the organization's channels (signed webhook, "
                                     "HubSpot task) and shown by the on-site widget. "
                                     "Executing twice sends nothing twice.")
    async def execute_actions(self, info: Info, action_ids: list[strawberry.ID]
                              ) -> ExecuteActionsResult:
        try:
            ids = parse_ids(action_ids)
            result = await execution.execute_actions(info.context.org_id, ids,
                                                     actor=actor(info),
                                                     settings=info.context.settings)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        job = (await execution.request_execution(info.context.queue, info.context.org_id)
               if result.deliveries else None)
        await events.publish_actions(info.context.bus, info.context.org_id, result.executed,
                                     "executed")
        return ActionsExecuted(
            executed=[strawberry.ID(str(i)) for i in result.executed],
            skipped=[SkippedExecution(id=strawberry.ID(str(i)), reason=reason)
                     for i, reason in result.skipped],
            deliveries=len(result.deliveries), job=job)  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[IsOperator],
                         description="Send dead-lettered deliveries again (operator), with "
                                     "their attempts reset and the same webhook-id.")
    async def retry_deliveries(self, info: Info, delivery_ids: list[strawberry.ID]
                               ) -> RetryDeliveriesResult:
        try:
            rows = await delivery.retry_dead(info.context.org_id,
                                             parse_ids(delivery_ids, "deliveryIds"))
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        job = await execution.request_execution(info.context.queue, info.context.org_id)
        return DeliveriesRequeued(deliveries=rows, job=job)  # type: ignore[arg-type]
