"""Churn model quality on generated demo worlds: time-split AUC and time-to-churn concordance.

    .venv/bin/python -m bench.churn_demo [--customers 10000] [--seeds 1 2 3]

For each seed, a demo world (`domain.demo.service.generate_world`, the same generator as
`lifeline demo`) is written to a throwaway SQLite file and the churn model is trained by
the product's own use case (`domain.churn.service.train_churn_model`, six monthly cutoffs,
90-day horizon). Its figures are held out in time: the classifier and its logistic baseline
are fitted on the earlier cutoffs and measured on the latest cutoff's accounts (their churn
in the 90 days after it); the Cox model is fitted with follow-up ending at that cutoff and
its concordance measured on the same accounts. Prints one row per seed and the mean.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NOW = datetime(2025, 6, 30, tzinfo=UTC)
COLUMNS = ("AUC", "LR AUC", "ECE", "Lift@10%", "C-index", "valid", "churns", "fit s")


async def _one(customers: int, seed: int) -> list[float]:
    from domain.churn.service import train_churn_model
    from domain.demo.service import generate_world
    from domain.models import Organization

    org = await Organization.create(name=f"Bench {seed}", slug=f"bench-{uuid.uuid4().hex[:8]}")
    await generate_world(org.id, customers=customers, seed=seed, now=NOW)
    started = time.perf_counter()
    outcome = await train_churn_model(org.id, now=NOW)
    seconds = time.perf_counter() - started
    m = outcome.metrics
    return [m["model"]["roc_auc"], m["baseline"]["roc_auc"], m["model"]["ece"],
            m["model"]["lift_top_decile"], m["survival"]["concordance"],
            float(m["rows"]["validation"]), float(m["rows"]["validation_churns"]), seconds]


def _fmt(values: list[float]) -> str:
    return "".join(f"{v:>10.0f}" if k in (5, 6) else f"{v:>10.3f}"
                   for k, v in enumerate(values))


async def main(customers: int, seeds: list[int]) -> None:
    from domain.db import close_db, init_db
    from domain.schema_migrations import upgrade
    from domain.settings import get_settings

    settings = get_settings()
    await init_db(settings)
    try:
        await upgrade(settings)
        print(f"demo worlds of {customers:,} accounts, data until {NOW:%Y-%m-%d}")
        print(f"{'seed':<8}" + "".join(f"{c:>10}" for c in COLUMNS))
        rows = []
        for seed in seeds:
            rows.append(await _one(customers, seed))
            print(f"{seed:<8}" + _fmt(rows[-1]), flush=True)
        means = [statistics.fmean(col) for col in zip(*rows, strict=True)]
        print(f"{'mean':<8}" + _fmt(means))
    finally:
        await close_db()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=10000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="lifeline-churn-demo-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["LIFELINE_SQLITE_PATH"] = os.path.join(workdir, "bench.db")
    os.environ.setdefault("LIFELINE_ENV", "test")
    try:
        asyncio.run(main(args.customers, args.seeds))
    finally:
        db = Path(workdir) / "bench.db"
        db.unlink(missing_ok=True)
        os.rmdir(workdir)
