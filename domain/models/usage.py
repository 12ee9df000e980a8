from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class UsageEvent(Model):
    """Product usage: `quantity` events of `type` at `at` (often pre-aggregated per day/week)."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="usage_events"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="usage_events"
    )
    customer_id: int
    type = fields.CharField(max_length=64)
    at = fields.DatetimeField()
    quantity = fields.IntField(default=1)
    properties: fields.Field[dict] = fields.JSONField(default=dict)

    class Meta:
        table = "usage_event"
        indexes = (Index(fields=("customer_id", "at")),)
