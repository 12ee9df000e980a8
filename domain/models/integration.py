from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import Source, SyncMode, SyncStatus, WebhookStatus

if TYPE_CHECKING:
    from domain.models.customer import Customer
    from domain.models.job import Job
    from domain.models.organization import Organization


class Integration(Model):
    """An organization's connection to one provider. Credentials are encrypted at rest and
    never leave the domain layer; `state` holds the incremental watermarks."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="integrations"
    )
    organization_id: int
    source = fields.CharEnumField(Source, max_length=16)
    base_url = fields.CharField(max_length=500, default="")
    secrets_encrypted = fields.TextField(default="")
    secret_names: fields.Field[list] = fields.JSONField(default=list)
    enabled = fields.BooleanField(default=True)
    schedule = fields.CharField(max_length=100, default="")  # cron, '' for none
    state: fields.Field[dict] = fields.JSONField(default=dict)
    paused_until = fields.DatetimeField(null=True)
    pause_reason = fields.CharField(max_length=500, default="")
    last_scheduled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "integration"
        unique_together = (("organization", "source"),)


class SyncRun(Model):
    """One sync of one source: what it did so far and where it resumes."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="sync_runs"
    )
    organization_id: int
    job: fields.OneToOneRelation[Job] = fields.OneToOneField("models.Job", related_name="sync_run")
    job_id: int
    source = fields.CharEnumField(Source, max_length=16)
    mode = fields.CharEnumField(SyncMode, max_length=16)
    status = fields.CharEnumField(SyncStatus, max_length=16, default=SyncStatus.QUEUED)
    stream = fields.CharField(max_length=50, default="")
    cursor: fields.Field[dict] = fields.JSONField(default=dict)
    created = fields.IntField(default=0)
    updated = fields.IntField(default=0)
    unchanged = fields.IntField(default=0)
    failed = fields.IntField(default=0)
    pages = fields.IntField(default=0)
    errors: fields.Field[list] = fields.JSONField(default=list)
    message = fields.CharField(max_length=500, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sync_run"
        indexes = (
            Index(fields=("organization_id", "created_at", "id")),
            Index(fields=("organization_id", "source", "status")),
        )


class CustomerLink(Model):
    """One provider account (Stripe customer, HubSpot company, Salesforce account) resolved
    to one customer, and how it was matched."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="customer_links"
    )
    organization_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="links"
    )
    customer_id: int
    source = fields.CharEnumField(Source, max_length=16)
    external_id = fields.CharField(max_length=100)
    matched_by = fields.CharField(max_length=16)
    created_at = fields.DatetimeField()

    class Meta:
        table = "customer_link"
        unique_together = (("organization", "source", "external_id"),)
        indexes = (Index(fields=("customer_id",)),)


class WebhookEvent(Model):
    """A provider event received once: the unique key makes a replay a no-op."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="webhook_events"
    )
    organization_id: int
    source = fields.CharEnumField(Source, max_length=16)
    event_id = fields.CharField(max_length=255)
    type = fields.CharField(max_length=100)
    payload: fields.Field[dict] = fields.JSONField()
    status = fields.CharEnumField(WebhookStatus, max_length=16, default=WebhookStatus.RECEIVED)
    error: str | None = fields.TextField(null=True)
    received_at = fields.DatetimeField()
    processed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_event"
        unique_together = (("organization", "source", "event_id"),)
