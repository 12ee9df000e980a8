"""Model registry: numbered versions per organization and kind, one active at a time.

A trained model is registered as a `candidate` (`register_candidate`), then either promoted
by `promote_if_better` when it beats the active model on held-out data (the caller says how
to compare; with no active model it is promoted), or left a candidate with the reason. An
explicit `activate` makes any version of the organization active (a rollback to an earlier
one, or forcing a candidate). Whenever a version becomes active, the previously active one
of the same kind is `retired`. Changes take the organization row lock (as imports and syncs
do), so version numbers and the single active version hold under concurrency.

Artifacts: the named byte parts of a model are packed in one zip archive stored in
`model_artifact`; its SHA-256 is kept on the version and checked by `load_artifact`, so
bytes changed in the database are refused before anything unpickles them.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from tortoise.transactions import in_transaction

from domain.enums import ModelStatus
from domain.errors import NotFound, ValidationFailed
from domain.locks import lock_organization
from domain.models import ModelArtifact, ModelVersion

Compare = Callable[[dict[str, Any], dict[str, Any]], tuple[bool, str]]
_PART_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same parts give the same digest
MAX_REASON = 4000


class ModelNotFound(NotFound):
    code = "MODEL_NOT_FOUND"


class NoActiveModel(NotFound):
    code = "NO_ACTIVE_MODEL"


class ModelNotPromotable(ValidationFailed):
    code = "MODEL_NOT_PROMOTABLE"


class ModelArtifactInvalid(ValidationFailed):
    code = "MODEL_ARTIFACT_INVALID"


def jsonable(value: Any) -> Any:
    """Plain JSON values: NaN/inf become null (PostgreSQL's JSONB refuses NaN), numpy
    scalars become Python numbers, datetimes ISO strings, tuples lists."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    return str(value)


def pack(parts: Mapping[str, bytes]) -> bytes:
    """Zip archive of the named parts (deterministic for the same input)."""
    if not parts:
        raise ValidationFailed("a model needs at least one artifact part", field="model_bytes")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(parts):
            if not _PART_NAME.match(name):
                raise ValidationFailed(f"invalid artifact part name {name!r}",
                                       field="model_bytes")
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, bytes(parts[name]))
    return buf.getvalue()


def unpack(content: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ModelArtifactInvalid(f"model artifact could not be read: {exc}",
                                   field="artifact") from exc


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


async def _version(org_id: int, version_id: int, *, lock: bool = False) -> ModelVersion:
    query = ModelVersion.filter(id=version_id, organization_id=org_id)
    if lock:
        query = query.select_for_update()
    found = await query.first()
    if found is None:
        raise ModelNotFound(f"model version {version_id} not found", field="versionId")
    return found


async def _current_active(org_id: int, kind: str) -> ModelVersion | None:
    return await ModelVersion.filter(organization_id=org_id, kind=kind,
                                     status=ModelStatus.ACTIVE).order_by("-version").first()


def _append_reason(current: str, note: str) -> str:
    text = f"{current}\n{note}" if current else note
    return text[-MAX_REASON:]


async def register_candidate(
    org_id: int,
    kind: str,
    *,
    model_bytes: Mapping[str, bytes],
    params: Mapping[str, Any],
    features: Sequence[str],
    metrics: Mapping[str, Any],
    calibration: Sequence[Mapping[str, Any]],
    importance: Mapping[str, float],
    window: tuple[datetime, datetime],
    cutoffs: Sequence[datetime],
    horizon_days: int,
) -> ModelVersion:
    """Store a new candidate with the next version number of (organization, kind)."""
    if not kind or len(kind) > 32:
        raise ValidationFailed("kind must be 1 to 32 characters", field="kind")
    if window[0] > window[1]:
        raise ValidationFailed("the training window starts after it ends", field="window")
    content = pack(model_bytes)
    digest = sha256(content)
    async with in_transaction():
        await lock_organization(org_id)
        last = await ModelVersion.filter(organization_id=org_id, kind=kind).order_by(
            "-version").only("id", "version").first()
        number = last.version + 1 if last is not None else 1
        version = await ModelVersion.create(
            organization_id=org_id, kind=kind, version=number, status=ModelStatus.CANDIDATE,
            params=jsonable(params), features=[str(f) for f in features],
            metrics=jsonable(metrics), calibration=jsonable(list(calibration)),
            feature_importance=jsonable(importance), window_start=window[0],
            window_end=window[1], cutoffs=[c.isoformat() for c in sorted(cutoffs)],
            horizon_days=horizon_days, artifact_sha256=digest,
        )
        artifact = await ModelArtifact.create(
            organization_id=org_id, model_version_id=version.id, content=content,
            size=len(content),
        )
        version.artifact_location = f"db:model_artifact/{artifact.id}"
        await version.save(update_fields=["artifact_location"])
    return version


def _make_active(version: ModelVersion, at: datetime, note: str) -> None:
    version.status = ModelStatus.ACTIVE
    version.activated_at = at
    version.retired_at = None
    version.reason = _append_reason(version.reason, note)


async def _retire(previous: ModelVersion | None, at: datetime, note: str) -> None:
    if previous is None:
        return
    previous.status = ModelStatus.RETIRED
    previous.retired_at = at
    previous.reason = _append_reason(previous.reason, note)
    await previous.save(update_fields=["status", "retired_at", "reason"])


def _with_identity(version: ModelVersion) -> dict[str, Any]:
    return {**version.metrics, "version_id": version.id, "version": version.version}


async def promote_if_better(org_id: int, version_id: int, *, compare: Compare) -> ModelVersion:
    """Make candidate `version_id` active when there is no active model of its kind, or
    when `compare(candidate.metrics, active.metrics)` returns (True, why); otherwise it
    stays a candidate. Either way the reason is stored on the candidate. The dicts given to
    `compare` are copies of the stored metrics plus `version_id` and `version`, so a rule can
    tell whether figures the candidate recorded about an earlier model concern this one."""
    async with in_transaction():
        await lock_organization(org_id)
        candidate = await _version(org_id, version_id, lock=True)
        if candidate.status is not ModelStatus.CANDIDATE:
            raise ModelNotPromotable(
                f"version {candidate.version} is {candidate.status.value}, not a candidate",
                field="versionId", status=candidate.status.value)
        current = await _current_active(org_id, candidate.kind)
        at = _now()
        if current is None:
            _make_active(candidate, at, "promoted: no active model to compare with")
        else:
            better, why = compare(_with_identity(candidate), _with_identity(current))
            if not better:
                candidate.reason = _append_reason(
                    candidate.reason, f"not promoted over version {current.version}: {why}")
                await candidate.save(update_fields=["reason"])
                return candidate
            await _retire(current, at, f"retired: version {candidate.version} is better")
            _make_active(candidate, at, f"promoted over version {current.version}: {why}")
        await candidate.save(update_fields=["status", "activated_at", "retired_at", "reason"])
    return candidate


async def activate(org_id: int, version_id: int) -> ModelVersion:
    """Make any version of the organization active (rollback, or forcing a candidate); the
    currently active one of the same kind is retired. Activating the active one is a no-op."""
    async with in_transaction():
        await lock_organization(org_id)
        chosen = await _version(org_id, version_id, lock=True)
        if chosen.status is ModelStatus.ACTIVE:
            return chosen
        current = await _current_active(org_id, chosen.kind)
        at = _now()
        previous = f"version {current.version}" if current is not None else "no active model"
        await _retire(current, at, f"retired: version {chosen.version} activated explicitly")
        _make_active(chosen, at, f"activated explicitly (was {chosen.status.value}; "
                                 f"replaced {previous})")
        await chosen.save(update_fields=["status", "activated_at", "retired_at", "reason"])
    return chosen


async def active(org_id: int, kind: str) -> ModelVersion | None:
    """The active version of `kind`, if any."""
    return await _current_active(org_id, kind)


async def require_active(org_id: int, kind: str) -> ModelVersion:
    found = await _current_active(org_id, kind)
    if found is None:
        raise NoActiveModel(f"no active {kind} model; train one first", field="kind")
    return found


async def get_version(org_id: int, version_id: int) -> ModelVersion:
    return await _version(org_id, version_id)


async def organizations_with_active(kind: str) -> list[int]:
    """Organizations that have an active model of `kind` (for scheduled scoring)."""
    rows = await ModelVersion.filter(kind=kind, status=ModelStatus.ACTIVE).values_list(
        "organization_id", flat=True)
    return sorted({int(r) for r in rows})  # type: ignore[call-overload]


async def versions(org_id: int, kind: str) -> list[ModelVersion]:
    """Every version of `kind`, newest first."""
    return await ModelVersion.filter(organization_id=org_id, kind=kind).order_by("-version")


async def load_artifact(org_id: int, version_id: int) -> dict[str, bytes]:
    """The named parts of a version's artifact, after checking their SHA-256."""
    version = await _version(org_id, version_id)
    artifact = await ModelArtifact.filter(organization_id=org_id,
                                          model_version_id=version.id).first()
    if artifact is None:
        raise ModelNotFound(f"model version {version.version} has no artifact",
                            field="versionId")
    content = bytes(artifact.content)
    if sha256(content) != version.artifact_sha256:
        raise ModelArtifactInvalid(
            f"artifact of model version {version.version} does not match its checksum",
            field="artifact")
    return unpack(content)
