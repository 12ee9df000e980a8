from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import InvoiceStatus
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization
    from domain.models.subscription import Subscription


class Invoice(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="invoices"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="invoices"
    )
    customer_id: int
    subscription: fields.ForeignKeyNullableRelation[Subscription] = fields.ForeignKeyField(
        "models.Subscription", related_name="invoices", null=True
    )
    subscription_id: int | None
    amount = MoneyField()
    currency = fields.CharField(max_length=3, default="USD")
    status = fields.CharEnumField(InvoiceStatus, max_length=16)
    issued_at = fields.DatetimeField()
    paid_at = fields.DatetimeField(null=True)
    stripe_id = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "invoice"
        unique_together = (("organization", "stripe_id"),)
        indexes = (
            Index(fields=("customer_id", "issued_at", "id")),
            Index(fields=("organization_id", "issued_at")),
        )
