"""Customer value: the current CLV per customer (written by `domain.clv.service`) and the
dated segment snapshots (written by `domain.segments.service`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import ValueModel, ValueTier

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.ml import ModelVersion
    from domain.models.organization import Organization


class CustomerValue(Model):
    """A customer's current predicted lifetime value (one row per customer).

    `value` is discounted CLV over `horizon_months` in the organization's currency, with a
    90% interval [`lower`, `upper`]. `p_alive` and `expected_purchases` exist for order
    buyers (purchase models), `expected_lifetime_months` for subscribers (sBG).
    `factors`: [{feature, label, impact}] (impact in currency, from the ML model)."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="customer_values"
    )
    organization_id: int
    customer: fields.OneToOneRelation[Customer] = fields.OneToOneField(
        "models.Customer", related_name="value"
    )
    customer_id: int
    model_version: fields.ForeignKeyNullableRelation[ModelVersion] = fields.ForeignKeyField(
        "models.ModelVersion", related_name="customer_values", null=True
    )
    model_version_id: int | None
    model = fields.CharEnumField(ValueModel, max_length=16)
    value = fields.FloatField()
    lower = fields.FloatField()
    upper = fields.FloatField()
    horizon_months = fields.IntField()
    p_alive = fields.FloatField(null=True)
    expected_purchases = fields.FloatField(null=True)
    expected_lifetime_months = fields.FloatField(null=True)
    tier = fields.CharEnumField(ValueTier, max_length=8)
    factors: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    computed_at = fields.DatetimeField()

    class Meta:
        table = "customer_value"
        indexes = (Index(fields=("organization_id", "value", "customer_id")),)


class SegmentSnapshot(Model):
    """A customer's RFM scores, named segment, value tier and behavioural cluster on one
    date (`taken_on`); the history behind segment migration. One row per customer and date."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="segment_snapshots"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="segment_snapshots"
    )
    customer_id: int
    taken_on = fields.DateField()
    segment = fields.CharField(max_length=32)
    recency = fields.SmallIntField()  # R score 1..5
    frequency = fields.SmallIntField()  # F score 1..5
    monetary = fields.SmallIntField()  # M score 1..5
    revenue = fields.FloatField()  # revenue in the RFM window
    tier = fields.CharEnumField(ValueTier, max_length=8, null=True)
    cluster = fields.SmallIntField(null=True)

    class Meta:
        table = "segment_snapshot"
        unique_together = (("customer", "taken_on"),)
        indexes = (Index(fields=("organization_id", "taken_on", "segment")),)
