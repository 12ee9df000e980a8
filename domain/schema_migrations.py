"""Schema migrations with aerich: one migration history per SQL dialect.

aerich writes dialect-specific SQL, so `migrations/postgres/` and `migrations/sqlite/` each
hold a full history generated from the same models. `lifeline makemigrations` writes both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aerich import Command
from aerich.migrate import Migrate
from aerich.utils import decompress_dict, get_models_describe
from tortoise import Tortoise

from domain.db import is_postgres, tortoise_config
from domain.settings import Settings, get_settings

APP = "models"
ROOT = Path(__file__).resolve().parent.parent / "migrations"


def dialect(settings: Settings) -> str:
    return "postgres" if is_postgres(settings) else "sqlite"


def location(settings: Settings) -> Path:
    return ROOT / dialect(settings)


def _command(settings: Settings) -> Command:
    return Command(tortoise_config(settings), app=APP, location=str(location(settings)))


async def upgrade(settings: Settings | None = None) -> list[str]:
    """Apply every migration not yet applied; returns the files applied."""
    settings = settings or get_settings()
    if not any(Migrate.get_migration_dir(str(location(settings)), APP).glob("*.py")):
        raise RuntimeError(f"no migrations found in {location(settings)}")
    command = _command(settings)
    await command.init()
    return await command.upgrade()


async def make_migration(name: str, settings: Settings | None = None) -> str | None:
    """Bring the database to head, then write a migration for any model change."""
    settings = settings or get_settings()
    command = _command(settings)
    folder = Migrate.get_migration_dir(str(location(settings)), APP)
    if not any(folder.glob("*.py")):
        await command.init_db(safe=True)
        return "initial"
    await command.init()
    await command.upgrade()
    await command.init()  # read the state the upgrade recorded (a fresh database had none)
    if dialect(settings) == "sqlite":
        # SQLite has no column comments; aerich refuses rather than skipping them (a comment
        # changes whenever an enum column gains a value).
        from aerich.ddl.sqlite import SqliteDDL

        SqliteDDL.set_comment = lambda self, model, field_describe: ""  # type: ignore[method-assign]
    return await command.migrate(name=name, no_input=True) or None


def _normalise(state: dict[str, Any]) -> dict[str, Any]:
    normalised: dict[str, Any] = json.loads(json.dumps(state, sort_keys=True, default=str))
    return normalised


def drift(settings: Settings | None = None) -> list[str]:
    """Models whose description differs from the state recorded by the last migration.

    Needs Tortoise initialised with the app's models. Empty means no drift.
    """
    settings = settings or get_settings()
    folder = Migrate.get_migration_dir(str(location(settings)), APP)
    files = sorted(folder.glob("*.py"), key=lambda p: int(p.stem.split("_")[0]))
    if not files:
        return ["<no migrations>"]
    namespace: dict[str, Any] = {}
    exec(compile(files[-1].read_text(), str(files[-1]), "exec"), namespace)
    if not Tortoise.apps:
        raise RuntimeError("Tortoise must be initialised before checking drift")
    return diff_states(decompress_dict(namespace["MODELS_STATE"]), get_models_describe(APP))


def diff_states(recorded: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Names of models described differently in two model states."""
    old, new = _normalise(recorded), _normalise(current)
    return sorted(n for n in set(old) | set(new) if old.get(n) != new.get(n))
