from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import JobKind, JobStatus

if TYPE_CHECKING:
    from domain.models.organization import Organization


class Job(Model):
    """Durable record of background work; the queue only carries its id."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="jobs"
    )
    organization_id: int
    kind = fields.CharEnumField(JobKind, max_length=32)
    status = fields.CharEnumField(JobStatus, max_length=16, default=JobStatus.QUEUED)
    progress = fields.FloatField(default=0.0)
    message = fields.CharField(max_length=500, default="")
    params: fields.Field[dict] = fields.JSONField(default=dict)
    result: fields.Field[dict | None] = fields.JSONField(null=True)
    error: str | None = fields.TextField(null=True)
    attempts = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    heartbeat_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "job"
        indexes = (
            Index(fields=("organization_id", "created_at", "id")),
            Index(fields=("status", "heartbeat_at")),
        )


class ImportBatch(Model):
    """An uploaded, validated CSV waiting to be (or already) written by an import job."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="imports"
    )
    organization_id: int
    job: fields.OneToOneRelation[Job] = fields.OneToOneField(
        "models.Job", related_name="import_batch"
    )
    job_id: int
    kind = fields.CharField(max_length=32)
    filename = fields.CharField(max_length=255, default="")
    rows = fields.IntField()
    content = fields.BinaryField()
    applied_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "import_batch"
