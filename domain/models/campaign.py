"""Retention campaigns: a campaign's actions (one decision per customer, with its audit
trail) and their deliveries through the organization's channels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import (
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
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.incentive import Incentive
    from domain.models.organization import Organization


class Campaign(Model):
    """A set of retention actions decided together. Nightly campaigns carry
    `batch_key` = "nightly:YYYY-MM-DD" (unique per organization: one per day); manual ones
    carry the `audience` filter they were built from. `summary`: {targeted, control, monitored,
    no_action, by_route, expected_net, expected_cost, ...}; `model_versions`: the churn and
    value model versions used. Outcomes are read from billing once `window_ends_at` passed."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="campaigns"
    )
    organization_id: int
    kind = fields.CharEnumField(CampaignKind, max_length=8)
    name = fields.CharField(max_length=200)
    batch_key = fields.CharField(max_length=64, null=True)
    status = fields.CharEnumField(CampaignStatus, max_length=8, default=CampaignStatus.ACTIVE)
    audience: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    summary: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    model_versions: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    decided_at = fields.DatetimeField()
    window_ends_at = fields.DatetimeField()
    outcomes_detected_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "campaign"
        unique_together = (("organization", "batch_key"),)
        indexes = (Index(fields=("organization_id", "decided_at", "id")),)


class Action(Model):
    """One decision for one customer in one campaign (unique per campaign and customer).

    The context (segment, risk level, value tier) and `arm` (incentive code or "none")
    locate the bandit posterior it was drawn from; `churn_probability`, `clv`, `mrr` are
    the inputs; `cost`, `expected_gain` (CLV x (p - p with incentive) - cost, at the
    posterior mean), `expected_roi` (expected_gain / cost) and `priority` the results.
    `explanation`: every input and sampled value ({model_versions, samples per arm,
    rejected arms and why, route rule, ...}) so that the decision can be explained.
    `control`: held out at random (no incentive). `outcome` is set by `recordOutcome` or
    detected from billing after the campaign window."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="actions"
    )
    organization_id: int
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="actions"
    )
    campaign_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="retention_actions"
    )
    customer_id: int
    incentive: fields.ForeignKeyNullableRelation[Incentive] = fields.ForeignKeyField(
        "models.Incentive", related_name="actions", null=True
    )
    incentive_id: int | None
    arm = fields.CharField(max_length=64)
    segment = fields.CharField(max_length=32, default="")
    risk_level = fields.CharEnumField(RiskLevel, max_length=16)
    tier = fields.CharEnumField(ValueTier, max_length=8)
    route = fields.CharEnumField(Route, max_length=8)
    status = fields.CharEnumField(ActionStatus, max_length=12)
    control = fields.BooleanField(default=False)
    churn_probability = fields.FloatField()
    clv = fields.FloatField()
    mrr = fields.FloatField(default=0.0)
    cost = fields.FloatField(default=0.0)
    expected_gain = fields.FloatField(default=0.0)
    expected_roi = fields.FloatField(null=True)
    priority = fields.FloatField(default=0.0)
    urgency_days = fields.FloatField(null=True)  # predicted median days to churn
    explanation: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    message = fields.TextField(default="")
    reviewed_by = fields.CharField(max_length=200, null=True)
    reviewed_at = fields.DatetimeField(null=True)
    review_note = fields.TextField(default="")
    executed_at = fields.DatetimeField(null=True)
    offer_expires_at = fields.DatetimeField(null=True)
    outcome = fields.CharEnumField(Outcome, max_length=8, null=True)
    outcome_source = fields.CharEnumField(OutcomeSource, max_length=8, null=True)
    outcome_at = fields.DatetimeField(null=True)
    revenue_after = MoneyField(null=True)  # MRR x months kept in the window, if retained
    decided_at = fields.DatetimeField()

    class Meta:
        table = "retention_action"
        unique_together = (("campaign", "customer"),)
        indexes = (
            Index(fields=("campaign_id", "route", "status", "priority")),
            Index(fields=("organization_id", "customer_id", "decided_at")),
        )


class Delivery(Model):
    """One action sent through one channel (unique per action and channel, so a restart
    cannot create a second send). `event_id` is sent as the `webhook-id` header and stays
    the same on every retry, so receivers can de-duplicate. A worker claims a due row
    (PENDING, `next_attempt_at` passed; or SENDING with an expired `locked_until`), sends,
    and records SENT, or PENDING with the next backoff, or DEAD after the last attempt."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="deliveries"
    )
    organization_id: int
    action: fields.ForeignKeyRelation[Action] = fields.ForeignKeyField(
        "models.Action", related_name="deliveries"
    )
    action_id: int
    channel = fields.CharEnumField(Channel, max_length=16)
    status = fields.CharEnumField(DeliveryStatus, max_length=8, default=DeliveryStatus.PENDING)
    event_id = fields.CharField(max_length=64, unique=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    locked_until = fields.DatetimeField(null=True)
    last_status_code = fields.IntField(null=True)
    last_error = fields.TextField(default="")
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "delivery"
        unique_together = (("action", "channel"),)
        indexes = (Index(fields=("status", "next_attempt_at")),)
