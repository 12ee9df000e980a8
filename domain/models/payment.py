from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import PaymentStatus
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.invoice import Invoice
    from domain.models.organization import Organization


class Payment(Model):
    """A payment attempt (a Stripe charge); failed ones feed the churn features."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="payments"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="payments"
    )
    customer_id: int
    invoice: fields.ForeignKeyNullableRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="payments", null=True
    )
    invoice_id: int | None
    amount = MoneyField()
    currency = fields.CharField(max_length=3, default="USD")
    status = fields.CharEnumField(PaymentStatus, max_length=16)
    failure_code = fields.CharField(max_length=100, null=True)
    at = fields.DatetimeField()
    stripe_id = fields.CharField(max_length=100)

    class Meta:
        table = "payment"
        unique_together = (("organization", "stripe_id"),)
        indexes = (Index(fields=("customer_id", "at")),)
