from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import Stage
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.organization import Organization


class Customer(Model):
    """The account: one unified record across Stripe, HubSpot, Salesforce and imports."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="customers"
    )
    organization_id: int
    name = fields.CharField(max_length=255)
    email = fields.CharField(max_length=255, null=True)
    domain = fields.CharField(max_length=255, null=True)
    industry = fields.CharField(max_length=100, null=True)
    country = fields.CharField(max_length=2, null=True)
    region = fields.CharField(max_length=100, null=True)
    plan = fields.CharField(max_length=100, null=True)
    currency = fields.CharField(max_length=3, default="USD")
    mrr = MoneyField(default=0)
    stage = fields.CharEnumField(Stage, max_length=16, default=Stage.LEAD)
    created_at = fields.DatetimeField()
    first_seen_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)
    external_ref = fields.CharField(max_length=100, null=True)
    stripe_id = fields.CharField(max_length=100, null=True)
    hubspot_id = fields.CharField(max_length=100, null=True)
    salesforce_id = fields.CharField(max_length=100, null=True)
    # the current named segment (RFM), written by segment updates; null until segmented
    segment = fields.CharField(max_length=32, null=True)

    class Meta:
        table = "customer"
        unique_together = (
            ("organization", "external_ref"),
            ("organization", "stripe_id"),
            ("organization", "hubspot_id"),
            ("organization", "salesforce_id"),
        )
        indexes = (
            Index(fields=("organization_id", "stage", "id")),
            Index(fields=("organization_id", "country", "id")),
            Index(fields=("organization_id", "industry", "id")),
            Index(fields=("organization_id", "plan", "id")),
            Index(fields=("organization_id", "segment", "id")),
            Index(fields=("organization_id", "mrr", "id")),
            Index(fields=("organization_id", "created_at", "id")),
            Index(fields=("organization_id", "name", "id")),
            Index(fields=("organization_id", "email")),
            Index(fields=("organization_id", "domain")),
        )
