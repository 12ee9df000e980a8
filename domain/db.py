"""Tortoise ORM configuration and lifecycle."""

from __future__ import annotations

from typing import Any

from tortoise import Tortoise

from domain.settings import Settings, get_settings

MODELS_MODULE = "domain.models"


def database_url(settings: Settings) -> str:
    url = settings.database_url
    if not url:
        return f"sqlite://{settings.sqlite_path}"
    for prefix in ("postgresql+asyncpg://", "postgresql://"):
        if url.startswith(prefix):
            return "postgres://" + url[len(prefix) :]
    return url


def is_postgres(settings: Settings | None = None) -> bool:
    return database_url(settings or get_settings()).startswith(("postgres://", "asyncpg://"))


def tortoise_config(settings: Settings | None = None) -> dict[str, Any]:
    settings = settings or get_settings()
    return {
        "connections": {"default": database_url(settings)},
        "apps": {
            "models": {"models": [MODELS_MODULE, "aerich.models"], "default_connection": "default"}
        },
        "use_tz": True,
        "timezone": "UTC",
    }


# Read by aerich (see [tool.aerich] in pyproject.toml).
TORTOISE_ORM = tortoise_config()


async def init_db(settings: Settings | None = None) -> None:
    """Connect Tortoise for this process; the context is shared by every task."""
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()
