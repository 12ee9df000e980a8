"""Trained model versions and their artifacts (the registry in `domain.ml.registry`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from domain.enums import ModelStatus

if TYPE_CHECKING:
    from domain.models.organization import Organization


class ModelVersion(Model):
    """One trained model of a `kind` (e.g. "churn"), numbered per organization and kind.

    `metrics` hold the held-out figures of the model and of its baseline (and of the
    survival model for churn), `reason` why it was or was not promoted / activated."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="model_versions"
    )
    organization_id: int
    kind = fields.CharField(max_length=32)
    version = fields.IntField()
    status = fields.CharEnumField(ModelStatus, max_length=16, default=ModelStatus.CANDIDATE)
    params: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    features: fields.Field[list[str]] = fields.JSONField(default=list)
    metrics: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    calibration: fields.Field[list[dict[str, Any]]] = fields.JSONField(default=list)
    feature_importance: fields.Field[dict[str, float]] = fields.JSONField(default=dict)
    window_start = fields.DatetimeField()
    window_end = fields.DatetimeField()
    cutoffs: fields.Field[list[str]] = fields.JSONField(default=list)
    horizon_days = fields.IntField()
    artifact_location = fields.CharField(max_length=500, default="")
    artifact_sha256 = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    activated_at = fields.DatetimeField(null=True)
    retired_at = fields.DatetimeField(null=True)
    reason = fields.TextField(default="")

    class Meta:
        table = "model_version"
        unique_together = (("organization", "kind", "version"),)
        indexes = (Index(fields=("organization_id", "kind", "status")),)


class ModelArtifact(Model):
    """The bytes of a model version: its named parts (e.g. "classifier", "survival") packed
    in one zip archive whose SHA-256 is `ModelVersion.artifact_sha256`."""

    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="model_artifacts"
    )
    organization_id: int
    model_version: fields.OneToOneRelation[ModelVersion] = fields.OneToOneField(
        "models.ModelVersion", related_name="artifact"
    )
    model_version_id: int
    content = fields.BinaryField()
    size = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "model_artifact"
