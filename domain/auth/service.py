"""Organizations and API keys. Only a SHA-256 hash of each secret is stored."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError

from domain.enums import Role
from domain.errors import NotFound, Unauthenticated, ValidationFailed
from domain.models import ApiKey, Organization

KEY_PATTERN = re.compile(r"^ll_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$")
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's organization and role."""

    organization_id: int
    role: Role
    api_key_id: int
    api_key_prefix: str



@dataclass(frozen=True, slots=True)
class IssuedKey:
    key: ApiKey
    secret: str  # shown once, never stored


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]


async def create_organization(name: str, slug: str | None = None) -> Organization:
    name = name.strip()
    if not name:
        raise ValidationFailed("name must not be empty", field="name")
    slug = _slugify(slug or name)
    if not slug:
        raise ValidationFailed("slug must contain a letter or digit", field="slug")
    try:
        return await Organization.create(name=name, slug=slug)
    except IntegrityError:
        raise ValidationFailed(f"organization {slug!r} already exists", field="slug") from None


async def organization_by_slug(slug: str) -> Organization:
    org = await Organization.get_or_none(slug=slug)
    if org is None:
        raise NotFound(f"no organization with slug {slug!r}", field="org")
    return org


async def create_api_key(org_id: int, role: Role, name: str = "") -> IssuedKey:
    prefix = secrets.token_hex(6)
    token = f"ll_{prefix}_{secrets.token_urlsafe(32)}"
    key = await ApiKey.create(
        organization_id=org_id, name=name or f"{role.value} key", prefix=prefix,
        secret_hash=_hash(token), role=role,
    )
    _cache.clear()
    return IssuedKey(key=key, secret=token)


async def revoke_api_key(org_id: int, key_id: int) -> ApiKey:
    key = await ApiKey.get_or_none(id=key_id, organization_id=org_id)
    if key is None:
        raise NotFound(f"api key {key_id} not found", field="id")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await key.save(update_fields=["revoked_at"])
    _cache.clear()
    return key


async def list_api_keys(org_id: int) -> list[ApiKey]:
    return await ApiKey.filter(organization_id=org_id).order_by("id")


def bearer_token(header: str | None) -> str | None:
    """The key from an `Authorization: Bearer <key>` value (None if absent or another scheme)."""
    scheme, _, token = (header or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


# token -> (principal, expires at monotonic time)
_cache: dict[str, tuple[Principal, float]] = {}


async def authenticate(token: str | None, cache_seconds: float = 0.0) -> Principal:
    """Resolve a bearer token to a principal, or raise Unauthenticated."""
    if not token:
        raise Unauthenticated("missing API key: send 'Authorization: Bearer <key>'",
                              field="authorization")
    cached = _cache.get(token)
    if cached is not None and cached[1] > time.monotonic():
        return cached[0]
    match = KEY_PATTERN.match(token)
    if match is None:
        raise Unauthenticated("malformed API key", field="authorization")
    key = await ApiKey.get_or_none(prefix=match.group(1))
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(token)):
        raise Unauthenticated("unknown API key", field="authorization")
    if key.revoked_at is not None:
        raise Unauthenticated("API key has been revoked", field="authorization")
    now = datetime.now(UTC)
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        await ApiKey.filter(id=key.id).update(last_used_at=now)
    principal = Principal(organization_id=key.organization_id, role=key.role,
                          api_key_id=key.id, api_key_prefix=key.prefix)
    if cache_seconds > 0:
        if len(_cache) > 10_000:
            _cache.clear()
        _cache[token] = (principal, time.monotonic() + cache_seconds)
    return principal
