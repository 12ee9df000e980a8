from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import ForecastCategory, OpportunityStage
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class Opportunity(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="opportunities"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="opportunities"
    )
    customer_id: int
    name = fields.CharField(max_length=255)
    amount = MoneyField()
    currency = fields.CharField(max_length=3, default="USD")
    stage = fields.CharEnumField(OpportunityStage, max_length=16)
    probability = fields.FloatField()
    forecast_category = fields.CharEnumField(ForecastCategory, max_length=16)
    close_date = fields.DateField()
    is_closed = fields.BooleanField(default=False)
    is_won = fields.BooleanField(default=False)
    created_at = fields.DatetimeField()
    salesforce_id = fields.CharField(max_length=100, null=True)
    hubspot_id = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "opportunity"
        unique_together = (("organization", "salesforce_id"), ("organization", "hubspot_id"))
        indexes = (
            Index(fields=("organization_id", "close_date", "id")),
            Index(fields=("organization_id", "stage", "id")),
            Index(fields=("customer_id",)),
        )


class OpportunityStageChange(Model):
    """Stage history of an opportunity (Salesforce OpportunityHistory)."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="opportunity_changes"
    )
    organization_id: int
    opportunity: fields.ForeignKeyRelation[Opportunity] = fields.ForeignKeyField(
        "models.Opportunity", related_name="stage_changes"
    )
    opportunity_id: int
    from_stage = fields.CharEnumField(OpportunityStage, max_length=16, null=True)
    to_stage = fields.CharEnumField(OpportunityStage, max_length=16)
    at = fields.DatetimeField()
    salesforce_id = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "opportunity_stage_change"
        unique_together = (("organization", "salesforce_id"),)
        indexes = (Index(fields=("opportunity_id", "at")),)
