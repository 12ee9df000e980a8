"""How fast `generate_world` writes a large world into PostgreSQL.

    .venv/bin/python bench/generate.py [--customers 100000] [--seed 7] [--usage-weeks N]
                                       [--dsn postgresql://postgres@127.0.0.1:5432/postgres]

Creates a throwaway database next to `--dsn` (trust auth), migrates it with
`domain.schema_migrations.upgrade`, creates one organization, runs `generate_world` once and
prints the time spent generating the arrays, then rows, seconds and rows/s per table (COPY
plus the sequence reset; the final ANALYZE is part of the total only). The database is
dropped at the end, also on errors and Ctrl-C. `--usage-weeks` defaults to the service's own
choice (full history up to 50,000 accounts, the last 13 weeks above).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _with_database(dsn: str, name: str) -> str:
    return urlunsplit(urlsplit(dsn)._replace(path="/" + name))


async def _admin(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(_with_database(dsn, "postgres"))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def run(customers: int, seed: int, usage_weeks: int | None, dsn: str) -> None:
    name = f"lifeline_bench_{uuid.uuid4().hex[:10]}"
    await _admin(dsn, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = "postgres://" + _with_database(dsn, name).split("://", 1)[1]
    from domain.db import close_db, init_db
    from domain.demo.service import effective_usage_weeks, generate_world_report
    from domain.models import Organization
    from domain.schema_migrations import upgrade
    from domain.settings import get_settings

    get_settings.cache_clear()
    settings = get_settings()
    try:
        await init_db(settings)
        await upgrade(settings)
        org = await Organization.create(name="Bench", slug="bench")
        weeks = effective_usage_weeks(customers, usage_weeks)
        print(f"database {name}; {customers:,} accounts, seed {seed}, weekly usage: "
              f"{'full history' if weeks is None else f'last {weeks} weeks'}", flush=True)
        last = [0.0]

        async def progress(fraction: float, message: str) -> None:
            if fraction - last[0] >= 0.1 or fraction in (0.0, 1.0):
                last[0] = fraction
                print(f"  {fraction:5.0%}  {message}", flush=True)

        started = time.perf_counter()
        report = await generate_world_report(
            org.id, customers=customers, seed=seed, usage_weeks=usage_weeks,
            now=datetime.now(UTC), progress=progress,
        )
        total = time.perf_counter() - started
        rows = sum(w.rows for w in report.written)
        copy_seconds = sum(w.seconds for w in report.written)
        print(f"\ngenerating arrays: {report.build_seconds:8.1f} s")
        print(f"{'table':<26}{'rows':>12}{'seconds':>10}{'rows/s':>12}")
        for w in report.written:
            rate = w.rows / w.seconds if w.seconds else 0.0
            print(f"{w.table:<26}{w.rows:>12,}{w.seconds:>10.1f}{rate:>12,.0f}")
        print(f"{'all tables':<26}{rows:>12,}{copy_seconds:>10.1f}"
              f"{rows / max(copy_seconds, 1e-9):>12,.0f}")
        print(f"\ntotal {total:.1f} s ({rows / total:,.0f} rows/s end to end, "
              f"ANALYZE and other overhead {total - report.build_seconds - copy_seconds:.1f} s)")
    finally:
        await close_db()
        await _admin(dsn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--usage-weeks", type=int, default=None)
    parser.add_argument("--dsn", default=ADMIN_DSN, help="PostgreSQL server (trust auth)")
    args = parser.parse_args()
    asyncio.run(run(args.customers, args.seed, args.usage_weeks, args.dsn))


if __name__ == "__main__":
    main()
