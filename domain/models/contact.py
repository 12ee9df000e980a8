from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import Source

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class Contact(Model):
    """A person at a customer (Salesforce Contact)."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="contacts"
    )
    organization_id: int
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="contacts", null=True
    )
    customer_id: int | None
    source = fields.CharEnumField(Source, max_length=16)
    external_id = fields.CharField(max_length=100)
    email = fields.CharField(max_length=255, null=True)
    name = fields.CharField(max_length=255, default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "contact"
        unique_together = (("organization", "source", "external_id"),)
        indexes = (Index(fields=("customer_id",)), Index(fields=("organization_id", "email")))
