"""Per-organization integration settings. Credentials are encrypted at rest and only ever
decrypted for a sync or to check a webhook signature; the API sees their names only."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from domain.enums import Source
from domain.errors import NotFound, ValidationFailed
from domain.models import Integration
from domain.settings import Settings
from domain.sync import crypto
from domain.sync.schedule import parse_cron

SYNC_SOURCES = (Source.STRIPE, Source.HUBSPOT, Source.SALESFORCE)
SECRETS: dict[Source, tuple[str, ...]] = {
    Source.STRIPE: ("api_key", "webhook_secret"),
    Source.HUBSPOT: ("access_token", "client_secret"),
    Source.SALESFORCE: ("client_id", "client_secret"),
}
REQUIRED: dict[Source, tuple[str, ...]] = {
    Source.STRIPE: ("api_key",),
    Source.HUBSPOT: ("access_token",),
    Source.SALESFORCE: ("client_id", "client_secret"),
}
DEFAULT_URLS = {
    Source.STRIPE: "https://api.stripe.com",
    Source.HUBSPOT: "https://api.hubapi.com",
    Source.SALESFORCE: "https://login.salesforce.com",
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@dataclass(frozen=True)
class IntegrationInput:
    source: Source
    secrets: dict[str, str | None] = field(default_factory=dict)  # None: keep what is stored
    base_url: str | None = None
    schedule: str | None = None  # '' clears it
    enabled: bool | None = None


@dataclass(frozen=True)
class Credentials:
    source: Source
    base_url: str
    secrets: dict[str, str]


def _check_source(source: Source) -> None:
    if source not in SYNC_SOURCES:
        raise ValidationFailed(
            f"{source.value} is not an integration (use one of "
            f"{', '.join(s.value for s in SYNC_SOURCES)})", field="source")


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationFailed(f"'{url}' is not an http(s) URL", field="baseUrl")
    return url.strip().rstrip("/")


async def configure_integration(org_id: int, data: IntegrationInput, settings: Settings
                                ) -> Integration:
    _check_source(data.source)
    allowed = SECRETS[data.source]
    for name, value in data.secrets.items():
        if name not in allowed:
            raise ValidationFailed(
                f"{data.source.value} takes no {camel(name)} (it takes "
                f"{', '.join(camel(a) for a in allowed)})", field=camel(name))
        if value is not None and not value.strip():
            raise ValidationFailed(f"{camel(name)} is empty", field=camel(name))
    base_url = _check_url(data.base_url) if data.base_url is not None else None
    if data.schedule:
        parse_cron(data.schedule)
    async with in_transaction():
        integration = await Integration.filter(
            organization_id=org_id, source=data.source).select_for_update().first()
        if integration is None:
            integration = Integration(organization_id=org_id, source=data.source,
                                      base_url=DEFAULT_URLS[data.source])
        stored = crypto.decrypt(settings, integration.secrets_encrypted)
        stored.update({k: v.strip() for k, v in data.secrets.items() if v is not None})
        for name in REQUIRED[data.source]:
            if name not in stored:
                raise ValidationFailed(f"{camel(name)} is required to connect "
                                       f"{data.source.value}", field=camel(name))
        integration.secrets_encrypted = crypto.encrypt(settings, stored)
        integration.secret_names = sorted(camel(n) for n in stored)
        if base_url is not None:
            integration.base_url = base_url
        if data.schedule is not None:
            integration.schedule = " ".join(data.schedule.split())
        if data.enabled is not None:
            integration.enabled = data.enabled
        await integration.save()
    return integration


async def integrations(org_id: int) -> list[Integration]:
    return await Integration.filter(organization_id=org_id).order_by("source")


async def credentials(org_id: int, source: Source, settings: Settings) -> Credentials:
    integration = await Integration.get_or_none(organization_id=org_id, source=source)
    if integration is None:
        raise NotFound(f"{source.value} is not configured for this organization",
                       field="source")
    return Credentials(source, integration.base_url,
                       crypto.decrypt(settings, integration.secrets_encrypted))
