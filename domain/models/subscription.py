from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import SubscriptionStatus
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class Subscription(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="subscriptions"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="subscriptions"
    )
    customer_id: int
    plan = fields.CharField(max_length=100)
    status = fields.CharEnumField(SubscriptionStatus, max_length=16)
    seats = fields.IntField(default=1)
    mrr = MoneyField()
    currency = fields.CharField(max_length=3, default="USD")
    started_at = fields.DatetimeField()
    canceled_at = fields.DatetimeField(null=True)
    stripe_id = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "subscription"
        unique_together = (("organization", "stripe_id"),)
        indexes = (
            Index(fields=("customer_id", "started_at")),
            Index(fields=("organization_id", "status")),
        )
