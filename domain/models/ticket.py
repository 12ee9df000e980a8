from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import TicketPriority

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.organization import Organization


class SupportTicket(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="tickets"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="tickets"
    )
    customer_id: int
    subject = fields.CharField(max_length=255, default="")
    topic = fields.CharField(max_length=64)
    priority = fields.CharEnumField(TicketPriority, max_length=16)
    sentiment = fields.FloatField(description="-1 (angry) .. 1 (delighted)")
    opened_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "support_ticket"
        indexes = (Index(fields=("customer_id", "opened_at")),)
