"""Credentials encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from the
`cryptography` package). Several keys rotate: the first encrypts, any decrypts."""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from domain.errors import DomainError
from domain.settings import Settings

_DEV_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"lifeline development only").digest())


class SecretKeyMissing(DomainError):
    code = "SECRET_KEY_MISSING"


class SecretsUnreadable(DomainError):
    code = "SECRETS_UNREADABLE"


def _fernet(settings: Settings) -> MultiFernet:
    keys = [k.strip() for k in settings.secret_keys.split(",") if k.strip()]
    if not keys:
        if settings.env == "prod":
            raise SecretKeyMissing(
                "LIFELINE_SECRET_KEYS is not set: integration credentials cannot be stored "
                "(generate a key with `python -c \"from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())\"`)", field="secretKeys")
        keys = [_DEV_KEY.decode()]
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except ValueError as exc:
        raise SecretKeyMissing("LIFELINE_SECRET_KEYS holds a key that is not a Fernet key",
                               field="secretKeys") from exc


def encrypt(settings: Settings, secrets: dict[str, str]) -> str:
    return _fernet(settings).encrypt(json.dumps(secrets, sort_keys=True).encode()).decode()


def decrypt(settings: Settings, token: str) -> dict[str, str]:
    if not token:
        return {}
    try:
        data = json.loads(_fernet(settings).decrypt(token.encode()))
    except InvalidToken as exc:
        raise SecretsUnreadable("stored credentials cannot be decrypted with the configured "
                                "keys (was LIFELINE_SECRET_KEYS rotated without keeping the "
                                "old key?)") from exc
    return {str(k): str(v) for k, v in data.items()}
