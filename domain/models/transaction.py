from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import Source
from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class Transaction(Model):
    """A one-off purchase (orders of non-subscription customers; CSV imports)."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="transactions"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="transactions"
    )
    customer_id: int
    external_id = fields.CharField(max_length=100)
    at = fields.DatetimeField()
    amount = MoneyField()
    currency = fields.CharField(max_length=3, default="USD")
    quantity = fields.IntField(default=1)
    source = fields.CharEnumField(Source, max_length=16, default=Source.IMPORT)
    properties: fields.Field[dict] = fields.JSONField(default=dict)

    class Meta:
        table = "transaction"
        unique_together = (("organization", "external_id"),)
        indexes = (Index(fields=("customer_id", "at")), Index(fields=("organization_id", "at")))
