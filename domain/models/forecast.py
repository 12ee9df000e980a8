"""Stored revenue forecasts (written by `domain.forecasts.service`): each run keeps its
points and intervals, the chosen method and its backtest, so that past forecasts can be
compared with what happened (`forecastAccuracy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.models.fields import MoneyField

if TYPE_CHECKING:
    from domain.models.organization import Organization


class Forecast(Model):
    """One forecast of a monthly series (`metric`: "revenue" or "mrr").

    `points`: [{month "YYYY-MM", value, lower80, upper80, lower95, upper95, pipeline}] for
    the `horizon_months` months after `series_end` (the last complete month used);
    `backtest`: the rolling-origin figures per method; `method`: the one chosen (or the
    combination); `reason`: why, in words (e.g. a short history)."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="forecasts"
    )
    organization_id: int
    metric = fields.CharField(max_length=16, default="revenue")
    created_at = fields.DatetimeField()
    series_start = fields.DateField()
    series_end = fields.DateField()
    horizon_months = fields.IntField()
    include_pipeline = fields.BooleanField(default=False)
    method = fields.CharField(max_length=64)
    points: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    backtest: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    decomposition: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    reason = fields.TextField(default="")

    class Meta:
        table = "forecast"
        indexes = (Index(fields=("organization_id", "metric", "created_at")),)


class AcquisitionSpend(Model):
    """Sales and marketing spend of one month (and channel), recorded by the organization:
    what CAC and payback are computed from."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="acquisition_spend"
    )
    organization_id: int
    month = fields.DateField()  # the first day of the month
    channel = fields.CharField(max_length=100, default="all")
    amount = MoneyField()
    currency = fields.CharField(max_length=3, default="USD")

    class Meta:
        table = "acquisition_spend"
        unique_together = (("organization", "month", "channel"),)
