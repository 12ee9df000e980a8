from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import Source, Stage

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class LifecycleTransition(Model):
    """One step of a customer's journey, with where it came from and why."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="transitions"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="transitions"
    )
    customer_id: int
    from_stage = fields.CharEnumField(Stage, max_length=16, null=True)
    to_stage = fields.CharEnumField(Stage, max_length=16)
    at = fields.DatetimeField()
    source = fields.CharEnumField(Source, max_length=16)
    reason = fields.CharField(max_length=500, default="")

    class Meta:
        table = "lifecycle_transition"
        indexes = (Index(fields=("customer_id", "at")), Index(fields=("organization_id", "at")))
