"""Churn risk: the score history, the current score per customer, risk changes and drift
reports (written by `domain.churn.scoring`, read by `domain.churn.queries`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import RiskLevel

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.ml import ModelVersion
    from domain.models.organization import Organization


class RiskScore(Model):
    """One scoring of one customer by one model version at `scored_at` (the history).

    `factors`: the top risk-raising features [{feature, label, impact}] (impact in log-odds);
    `recommendations`: playbook actions [str]; `time_to_churn_*`: median days to churn and a
    central 50% interval from the survival model (null = beyond the model's horizon).
    At most one row per (customer, scored_at, model version): re-running is idempotent; the
    unique index also serves reads by (customer_id, scored_at)."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="risk_scores"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="risk_scores"
    )
    customer_id: int
    model_version: fields.ForeignKeyRelation[ModelVersion] = fields.ForeignKeyField(
        "models.ModelVersion", related_name="risk_scores"
    )
    model_version_id: int
    probability = fields.FloatField()
    level = fields.CharEnumField(RiskLevel, max_length=16)
    factors: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    recommendations: fields.Field[list[str]] = fields.JSONField(default=list)
    time_to_churn_days = fields.FloatField(null=True)
    time_to_churn_low = fields.FloatField(null=True)
    time_to_churn_high = fields.FloatField(null=True)
    scored_at = fields.DatetimeField()

    class Meta:
        table = "risk_score"
        unique_together = (("customer", "scored_at", "model_version"),)
        indexes = (Index(fields=("organization_id", "scored_at")),)


class CustomerRisk(Model):
    """The current score of a customer (its latest `RiskScore`), one row per customer with a
    live subscription at the latest scoring; the index serves `atRiskCustomers` pages."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="customer_risks"
    )
    organization_id: int
    customer: fields.OneToOneRelation[Customer] = fields.OneToOneField(
        "models.Customer", related_name="risk"
    )
    customer_id: int
    probability = fields.FloatField()
    level = fields.CharEnumField(RiskLevel, max_length=16)
    model_version: fields.ForeignKeyRelation[ModelVersion] = fields.ForeignKeyField(
        "models.ModelVersion", related_name="customer_risks"
    )
    model_version_id: int
    scored_at = fields.DatetimeField()
    score: fields.ForeignKeyRelation[RiskScore] = fields.ForeignKeyField(
        "models.RiskScore", related_name="current_for"
    )
    score_id: int

    class Meta:
        table = "customer_risk"
        indexes = (Index(fields=("organization_id", "probability", "customer_id")),)


class RiskChange(Model):
    """A customer's level changed, or its probability moved more than
    `Settings.risk_change_delta`, between two scorings (`from_*` null: first scoring)."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="risk_changes"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="risk_changes"
    )
    customer_id: int
    from_level = fields.CharEnumField(RiskLevel, max_length=16, null=True)
    to_level = fields.CharEnumField(RiskLevel, max_length=16)
    from_probability = fields.FloatField(null=True)
    to_probability = fields.FloatField()
    model_version: fields.ForeignKeyRelation[ModelVersion] = fields.ForeignKeyField(
        "models.ModelVersion", related_name="risk_changes"
    )
    model_version_id: int
    at = fields.DatetimeField()

    class Meta:
        table = "risk_change"
        indexes = (
            Index(fields=("organization_id", "at")),
            Index(fields=("customer_id", "at")),
        )


class DriftReport(Model):
    """Population stability index per feature between a model's training rows and one
    scoring run at `computed_at`; `flagged` when `max_psi` exceeds the threshold."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="drift_reports"
    )
    organization_id: int
    model_version: fields.ForeignKeyRelation[ModelVersion] = fields.ForeignKeyField(
        "models.ModelVersion", related_name="drift_reports"
    )
    model_version_id: int
    computed_at = fields.DatetimeField()
    rows = fields.IntField(default=0)
    psi: fields.Field[dict[str, float]] = fields.JSONField(default=dict)
    max_psi = fields.FloatField()
    max_feature = fields.CharField(max_length=64, default="")
    flagged = fields.BooleanField(default=False)
    threshold = fields.FloatField()

    class Meta:
        table = "drift_report"
        unique_together = (("model_version", "computed_at"),)
        indexes = (Index(fields=("organization_id", "computed_at")),)
