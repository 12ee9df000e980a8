"""Model registry: version numbering, promotion rule, rollback, artifacts with a checksum,
and organization scoping."""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.db import is_postgres
from domain.enums import ModelStatus
from domain.errors import DomainError
from domain.ml import registry
from domain.ml.registry import (
    ModelArtifactInvalid,
    ModelNotFound,
    ModelNotPromotable,
    NoActiveModel,
)
from domain.models import ModelArtifact, ModelVersion, Organization

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)


def _by_auc(candidate: dict[str, Any], current: dict[str, Any]) -> tuple[bool, str]:
    better = candidate["auc"] > current["auc"]
    return better, f"AUC {candidate['auc']} vs {current['auc']}"


async def _register(org_id: int, auc: float, *, kind: str = "churn",
                    parts: dict[str, bytes] | None = None) -> ModelVersion:
    cutoffs = [NOW - timedelta(days=d) for d in (180, 150, 120)]
    return await registry.register_candidate(
        org_id, kind, model_bytes=parts or {"classifier": b"clf-%f" % auc, "survival": b"{}"},
        params={"lr": 0.02, "nan": math.nan}, features=["mrr", "tenure_days"],
        metrics={"auc": auc, "ece": 0.02},
        calibration=[{"lower": 0.0, "upper": 0.1, "count": 10}],
        importance={"mrr": 3.0, "tenure_days": 1.0}, window=(cutoffs[0], NOW - timedelta(days=30)),
        cutoffs=cutoffs, horizon_days=90,
    )


async def test_versions_are_numbered_per_organization_and_kind(
        org: Organization, other_org: Organization) -> None:
    first = await _register(org.id, 0.7)
    second = await _register(org.id, 0.8)
    other = await _register(other_org.id, 0.9)
    lead = await _register(org.id, 0.6, kind="lead_score")
    assert (first.version, second.version, other.version, lead.version) == (1, 2, 1, 1)
    assert first.status is ModelStatus.CANDIDATE
    assert first.artifact_location.startswith("db:model_artifact/")
    assert len(first.artifact_sha256) == 64
    stored = await ModelVersion.get(id=first.id)
    assert stored.params == {"lr": 0.02, "nan": None}  # NaN stored as null (JSONB-safe)
    assert stored.cutoffs[0] == (NOW - timedelta(days=180)).isoformat()
    assert [v.version for v in await registry.versions(org.id, "churn")] == [2, 1]
    assert await registry.active(org.id, "churn") is None
    with pytest.raises(NoActiveModel) as err:
        await registry.require_active(org.id, "churn")
    assert err.value.code == "NO_ACTIVE_MODEL"


async def test_concurrent_registrations_get_distinct_numbers(org: Organization) -> None:
    if not is_postgres():
        pytest.skip("SQLite serialises writers; the row lock matters on PostgreSQL")
    made = await asyncio.gather(*(_register(org.id, 0.5 + i / 100) for i in range(6)))
    assert sorted(v.version for v in made) == [1, 2, 3, 4, 5, 6]


async def test_promotion_rule_and_rollback(org: Organization) -> None:
    v1 = await registry.promote_if_better(org.id, (await _register(org.id, 0.75)).id,
                                          compare=_by_auc)
    assert v1.status is ModelStatus.ACTIVE and v1.activated_at is not None
    assert "no active model" in v1.reason

    worse = await _register(org.id, 0.70)
    kept = await registry.promote_if_better(org.id, worse.id, compare=_by_auc)
    assert kept.status is ModelStatus.CANDIDATE
    assert "not promoted over version 1" in kept.reason and "0.7 vs 0.75" in kept.reason
    assert (await registry.active(org.id, "churn")).id == v1.id  # type: ignore[union-attr]

    better = await _register(org.id, 0.80)
    v3 = await registry.promote_if_better(org.id, better.id, compare=_by_auc)
    assert v3.status is ModelStatus.ACTIVE and "promoted over version 1" in v3.reason
    old = await ModelVersion.get(id=v1.id)
    assert old.status is ModelStatus.RETIRED and old.retired_at is not None

    with pytest.raises(ModelNotPromotable) as err:  # only candidates are promoted
        await registry.promote_if_better(org.id, v1.id, compare=_by_auc)
    assert err.value.code == "MODEL_NOT_PROMOTABLE"

    back = await registry.activate(org.id, v1.id)  # rollback to version 1
    assert back.status is ModelStatus.ACTIVE and back.retired_at is None
    assert "activated explicitly (was retired; replaced version 3)" in back.reason
    assert (await ModelVersion.get(id=v3.id)).status is ModelStatus.RETIRED
    assert (await registry.require_active(org.id, "churn")).id == v1.id
    assert await ModelVersion.filter(organization_id=org.id,
                                     status=ModelStatus.ACTIVE).count() == 1
    again = await registry.activate(org.id, v1.id)  # idempotent
    assert again.status is ModelStatus.ACTIVE

    forced = await registry.activate(org.id, worse.id)  # a candidate can be forced active
    assert forced.status is ModelStatus.ACTIVE
    assert (await ModelVersion.get(id=v1.id)).status is ModelStatus.RETIRED


async def test_artifacts_round_trip_and_tampering_is_refused(org: Organization) -> None:
    parts = {"classifier": bytes(range(256)) * 50, "survival": b'{"format": "x"}'}
    version = await _register(org.id, 0.7, parts=parts)
    assert await registry.load_artifact(org.id, version.id) == parts
    artifact = await ModelArtifact.get(model_version_id=version.id)
    assert artifact.size == len(bytes(artifact.content))
    content = bytearray(bytes(artifact.content))
    content[len(content) // 2] ^= 0xFF
    artifact.content = bytes(content)
    await artifact.save(update_fields=["content"])
    with pytest.raises(ModelArtifactInvalid) as err:
        await registry.load_artifact(org.id, version.id)
    assert err.value.code == "MODEL_ARTIFACT_INVALID" and err.value.field == "artifact"


async def test_another_organization_cannot_see_load_or_activate(
        org: Organization, other_org: Organization) -> None:
    version = await _register(org.id, 0.7)
    calls = [
        registry.load_artifact(other_org.id, version.id),
        registry.activate(other_org.id, version.id),
        registry.promote_if_better(other_org.id, version.id, compare=_by_auc),
        registry.get_version(other_org.id, version.id),
    ]
    for call in calls:
        with pytest.raises(ModelNotFound) as err:
            await call
        assert err.value.code == "MODEL_NOT_FOUND" and err.value.field == "versionId"
    assert await registry.versions(other_org.id, "churn") == []
    assert (await ModelVersion.get(id=version.id)).status is ModelStatus.CANDIDATE


async def test_invalid_input_is_a_typed_error(org: Organization) -> None:
    with pytest.raises(DomainError):
        await _register(org.id, 0.7, parts={"../evil": b"x"})
    with pytest.raises(DomainError):
        await _register(org.id, 0.7, kind="")
    assert await registry.versions(org.id, "churn") == []
