"""The retention incentive catalogue and the per-organization decision rules (written by
`domain.incentives`), and the outcome counts the bandit learns from (`domain.decisions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from domain.enums import CostBasis, IncentiveKind, Route
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.organization import Organization


class Incentive(Model):
    """One incentive an organization may offer, identified by `code` (stable: the bandit's
    arm). Cost: `rate x MRR x duration_months` (MRR basis), `rate x CLV` (CLV basis) or
    `amount` (fixed). `percent` is the discount for percentage discounts.
    Eligibility: not offered to a customer who got an incentive of the same kind within
    `cooldown_days`; `max_cost_by_tier` caps the cost by value tier ({"low": 50.0, ...}; a
    missing tier has no cap); `tiers` restricts it to some value tiers (empty: all).
    `prior_lift`: the relative churn reduction expected before any outcome is seen (the
    bandit's prior), e.g. 0.2 = churn probability x 0.8."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="incentives"
    )
    organization_id: int
    code = fields.CharField(max_length=64)
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(IncentiveKind, max_length=24)
    percent = fields.FloatField(null=True)
    cost_basis = fields.CharEnumField(CostBasis, max_length=8)
    rate = fields.FloatField(default=0.0)
    amount = MoneyField(default=0)
    duration_months = fields.IntField(default=1)
    cooldown_days = fields.IntField(default=90)
    max_cost_by_tier: fields.Field[dict[str, float]] = fields.JSONField(default=dict)
    tiers: fields.Field[list[str]] = fields.JSONField(default=list)
    prior_lift = fields.FloatField(default=0.1)
    active = fields.BooleanField(default=True)
    description = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "incentive"
        unique_together = (("organization", "code"),)


class DecisionRules(Model):
    """An organization's decision configuration (one row; defaults when absent).

    `routes`: disjoint boxes [{name, route, min_probability, max_probability, min_clv,
    max_clv, max_cost}] (half-open [min, max), null max = unbounded; `max_cost` only lets
    a box hold actions whose incentive costs at most that); a decision in no box goes to
    `fallback_route`. `min_probability`: customers below it are not at risk (not
    considered). `control_share`: the random share of eligible customers held out.
    `prior_strength`: pseudo-observations behind each incentive's prior.
    `window_days`: after a campaign's day, how long until its outcomes are read from
    billing. `channels`: where executed actions go (webhook, hubspot_task, onsite).
    `webhook_secret_encrypted`: Fernet token of {"secret": ...} (see domain.sync.crypto).
    `widget_key`: the public key of the on-site offer endpoint."""

    id = fields.IntField(primary_key=True)
    organization: fields.OneToOneRelation[Organization] = fields.OneToOneField(
        "models.Organization", related_name="decision_rules"
    )
    organization_id: int
    routes: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    fallback_route = fields.CharEnumField(Route, max_length=8, default=Route.REVIEW)
    min_probability = fields.FloatField(default=0.2)
    control_share = fields.FloatField(default=0.1)
    prior_strength = fields.FloatField(default=20.0)
    window_days = fields.IntField(default=60)
    channels: fields.Field[list[str]] = fields.JSONField(default=list)
    webhook_url = fields.CharField(max_length=500, default="")
    webhook_secret_encrypted = fields.TextField(default="")
    widget_key = fields.CharField(max_length=64, unique=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "decision_rules"


class ArmOutcomes(Model):
    """Observed retention outcomes of one arm (an incentive code, or "none") in one
    context ("segment|risk level|value tier"): the counts behind the Beta posterior
    (prior + counts; the prior comes from configuration when the posterior is read).
    `expected_churn`: the sum of the counted customers' predicted churn probabilities at
    decision time, so that an arm given to riskier customers is not judged worse for it."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="arm_outcomes"
    )
    organization_id: int
    context = fields.CharField(max_length=96)
    arm = fields.CharField(max_length=64)
    retained = fields.IntField(default=0)
    churned = fields.IntField(default=0)
    expected_churn = fields.FloatField(default=0.0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "arm_outcomes"
        unique_together = (("organization", "context", "arm"),)
