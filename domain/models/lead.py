from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import LeadStatus

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.ml import ModelVersion
    from domain.models.organization import Organization


class Lead(Model):
    """A person or company in the funnel before (or while) becoming a customer."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="leads"
    )
    organization_id: int
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="leads", null=True
    )
    customer_id: int | None
    name = fields.CharField(max_length=255, default="")
    email = fields.CharField(max_length=255, null=True)
    source = fields.CharField(max_length=100)
    status = fields.CharEnumField(LeadStatus, max_length=16, default=LeadStatus.OPEN)
    attributes: fields.Field[dict] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()
    converted_at = fields.DatetimeField(null=True)
    hubspot_id = fields.CharField(max_length=100, null=True)
    salesforce_id = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "lead"
        unique_together = (("organization", "hubspot_id"), ("organization", "salesforce_id"))
        indexes = (
            Index(fields=("organization_id", "created_at", "id")),
            Index(fields=("organization_id", "status", "id")),
            Index(fields=("organization_id", "source", "id")),
            Index(fields=("customer_id",)),
        )


class LeadScore(Model):
    """A lead's current score from the organization's active lead model (one row per lead):
    `value` 0..100 (the calibrated conversion probability x 100), the top positive and
    negative factors [{feature, label, impact}] (impact in log-odds) and the next action."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="lead_scores"
    )
    organization_id: int
    lead: fields.OneToOneRelation[Lead] = fields.OneToOneField(
        "models.Lead", related_name="score"
    )
    lead_id: int
    model_version: fields.ForeignKeyRelation[ModelVersion] = fields.ForeignKeyField(
        "models.ModelVersion", related_name="lead_scores"
    )
    model_version_id: int
    value = fields.FloatField()
    probability = fields.FloatField()
    factors: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    recommendation = fields.TextField(default="")
    scored_at = fields.DatetimeField()

    class Meta:
        table = "lead_score"
        indexes = (Index(fields=("organization_id", "value", "lead_id")),)
