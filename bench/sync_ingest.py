"""Ingest throughput of a FULL Stripe sync against a raw asyncpg COPY of the same rows.

    .venv/bin/python -m bench.sync_ingest [--records 100000] [--seed 3] [--copy-rounds 3]

A throwaway PostgreSQL database on 127.0.0.1:5432, migrated; the Stripe sandbox in its own
uvicorn process (`_sandbox` below) seeded with N = --records / 6 customers, a subscription
each, two invoices per subscription and a charge per invoice (6N records). In this process,
through the real code path without arq: an organization, its Stripe integration,
`start_sync(FULL)` on an in-memory queue, and the job run by `domain.jobs.service.run` ->
`workers.sync.runner.run_sync` (the event bus is a no-op). The job run is timed, and must
leave exactly N customers, N subscriptions, 2N invoices and 2N payments. CPU seconds of this
process, the sandbox and the database's PostgreSQL backends come from /proc (Linux).

Baseline: those rows (every column) read back and COPYed by asyncpg `copy_records_to_table`
into the same tables (indexes, constraints, foreign keys) under a new organization, ids drawn
from the sequences beforehand and foreign keys remapped; only the COPY is timed, best of
--copy-rounds. One more COPY adds the sync's customer_link and lifecycle_transition rows.
The database is dropped at the end, also on errors and Ctrl-C.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.api_read import _sample, admin, free_port, stop

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
T0 = datetime(2024, 1, 1, tzinfo=UTC)
# Tables the baseline COPYs, in order, each with its foreign keys to tables copied before it.
RECORD_TABLES: dict[str, dict[str, str]] = {
    "customer": {}, "subscription": {"customer_id": "customer"},
    "invoice": {"customer_id": "customer", "subscription_id": "subscription"},
    "payment": {"customer_id": "customer", "invoice_id": "invoice"}}
SIDE_TABLES = {"customer_link": {"customer_id": "customer"},
               "lifecycle_transition": {"customer_id": "customer"}}


def stripe_world(customers: int, *, seed: int = 3, invoices_per_sub: int = 2
                 ) -> dict[str, list[dict[str, Any]]]:
    """tests/support/sync.py::stripe_world's objects: one subscription per customer (a fifth
    canceled), invoices and a charge per invoice (a tenth failed)."""
    rng = random.Random(seed)
    world: dict[str, list[dict[str, Any]]] = {
        "customers": [], "subscriptions": [], "invoices": [], "charges": []}
    for i in range(customers):
        created = int((T0 + timedelta(minutes=i)).timestamp())
        cid, sid = f"cus_{i:08d}", f"sub_{i:08d}"
        world["customers"].append({
            "id": cid, "object": "customer", "created": created, "email": f"billing@co{i}.example",
            "name": f"Company {i}", "currency": "usd", "address": {"country": "US"},
            "metadata": {}})
        canceled = rng.random() < 0.2
        amount = rng.choice([4900, 9900, 19900])
        seats = rng.randint(1, 20)
        world["subscriptions"].append({
            "id": sid, "object": "subscription", "customer": cid, "created": created,
            "start_date": created, "status": "canceled" if canceled else "active",
            "canceled_at": created + 86400 * 90 if canceled else None,
            "ended_at": created + 86400 * 90 if canceled else None, "currency": "usd",
            "items": [{"id": f"si_{i:08d}", "quantity": seats, "price": {
                "id": f"price_{amount}", "nickname": f"plan-{amount}", "product": "prod_app",
                "unit_amount": amount, "currency": "usd",
                "recurring": {"interval": "month", "interval_count": 1}}}],
            "metadata": {}})
        for k in range(invoices_per_sub):
            iid, issued = f"in_{i:08d}_{k}", created + 86400 * 30 * k
            failed = rng.random() < 0.1
            world["invoices"].append({
                "id": iid, "object": "invoice", "customer": cid, "subscription": sid,
                "status": "open" if failed else "paid", "total": amount * seats,
                "amount_paid": 0 if failed else amount * seats, "amount_due": amount * seats,
                "currency": "usd", "created": issued, "attempt_count": 1,
                "status_transitions": {"paid_at": None if failed else issued + 60}})
            world["charges"].append({
                "id": f"ch_{i:08d}_{k}", "object": "charge", "customer": cid, "invoice": iid,
                "amount": amount * seats, "currency": "usd",
                "status": "failed" if failed else "succeeded",
                "failure_code": "card_declined" if failed else None, "created": issued + 60})
    return world


def sandbox_main(port: int, customers: int, seed: int) -> None:
    """The sandbox process: `python -m bench.sync_ingest _sandbox PORT CUSTOMERS SEED`."""
    import uvicorn

    from integrations.sandbox.app import Sandboxes

    sandboxes = Sandboxes(f"http://{HOST}:{port}")
    world = stripe_world(customers, seed=seed)
    sandboxes.stripe.bulk_load(customers=world["customers"], invoices=world["invoices"],
                               subscriptions=world["subscriptions"], charges=world["charges"])
    uvicorn.run(sandboxes.app, host=HOST, port=port, log_level="warning", access_log=False)


def start_sandbox(port: int, customers: int, seed: int, log: Any) -> subprocess.Popen[bytes]:
    from integrations.sandbox.app import STRIPE_KEY

    proc = subprocess.Popen([sys.executable, "-m", "bench.sync_ingest", "_sandbox", str(port),
                             str(customers), str(seed)], cwd=REPO, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"sandbox exited with {proc.returncode}:\n{log.read().decode()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/stripe/v1/customers?limit=1", timeout=1,
                         headers={"Authorization": f"Bearer {STRIPE_KEY}"}).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop(proc)
    raise SystemExit("the sandbox did not answer within 120 s")


class MemoryQueue(list[Any]):
    async def enqueue(self, job: Any) -> None:
        self.append(job)


class NullBus:
    async def publish(self, channel: str, payload: dict[str, Any]) -> None:
        return None

    def subscription(self, channel: str) -> Any:
        raise NotImplementedError


class CountingTransport(httpx.AsyncHTTPTransport):
    """Counts requests and the seconds until their response headers (the sandbox renders a
    whole page before sending them: about the time the sync waits on the provider)."""

    requests, seconds = 0, 0.0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            return await super().handle_async_request(request)
        finally:
            self.requests += 1
            self.seconds += time.perf_counter() - started


async def run_sync(port: int, cpu: dict[str, Any]) -> dict[str, Any]:
    from domain.auth.service import create_organization
    from domain.enums import JobStatus, Source, SyncMode
    from domain.jobs import service as jobs
    from domain.models import Job, SyncRun
    from domain.settings import get_settings
    from domain.sync.config import IntegrationInput, configure_integration
    from domain.sync.service import start_sync
    from integrations.sandbox.app import STRIPE_KEY
    from workers.sync import runner

    settings = get_settings()
    org = await create_organization("Sync Bench", "sync-bench")
    await configure_integration(org.id, IntegrationInput(
        source=Source.STRIPE, secrets={"api_key": STRIPE_KEY},
        base_url=f"http://{HOST}:{port}/stripe"), settings)
    queue, bus, transport = MemoryQueue(), NullBus(), CountingTransport()
    run = await start_sync(queue, org.id, Source.STRIPE, SyncMode.FULL)
    commit_page, in_commit = runner.commit_page, [0.0]

    async def timed_commit(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await commit_page(*args, **kwargs)
        finally:
            in_commit[0] += time.perf_counter() - started

    async def handler(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        return await runner.run_sync(job, progress, bus=bus, settings=settings,
                                     transport=transport)

    runner.commit_page = timed_commit
    try:
        before, started = _sample(cpu), time.perf_counter()
        job = await jobs.run(queue[0].id, bus, handler)
        seconds, after = time.perf_counter() - started, _sample(cpu)
    finally:
        runner.commit_page = commit_page
    if job is None or job.status is not JobStatus.SUCCEEDED:
        raise SystemExit(f"the sync job did not succeed: {job and (job.status, job.error)}")
    run = await SyncRun.get(id=run.id)
    return {"org_id": org.id, "seconds": seconds, "pages": run.pages, "failed": run.failed,
            "requests": transport.requests, "http_seconds": transport.seconds,
            "commit_seconds": in_commit[0], "cpu_sync": after["client"] - before["client"],
            "cpu_sandbox": after["server"] - before["server"],
            "cpu_postgres": sum(c - before["db"].get(p, 0.0) for p, c in after["db"].items()),
            "busy": (after["busy"] - before["busy"]) / max(1, after["all"] - before["all"])}


async def copy_baseline(con: asyncpg.Connection, org_id: int,
                        tables: dict[str, dict[str, str]]) -> tuple[float, int]:
    """COPY `org_id`'s rows of `tables` under a new organization: (seconds of COPY, rows)."""
    new_org = await con.fetchval(
        "INSERT INTO organization (name, slug, created_at) VALUES ($1, $2, now()) RETURNING id",
        "COPY Bench", f"copy-bench-{random.randrange(16**8):08x}")
    ids: dict[str, dict[int, int]] = {}  # old -> new ids, per table
    staged: list[tuple[str, list[str], list[tuple[Any, ...]]]] = []
    for table, refs in tables.items():
        rows = await con.fetch(f"SELECT * FROM {table} WHERE organization_id = $1 ORDER BY id",
                               org_id)
        seq = await con.fetchval("SELECT pg_get_serial_sequence($1, 'id')", table)
        first = int(await con.fetchval("SELECT nextval($1)", seq))
        await con.execute("SELECT setval($1, $2)", seq, first + len(rows) - 1)
        ids[table] = {int(r["id"]): first + n for n, r in enumerate(rows)}
        records = []
        for r in rows:
            values = {**dict(r), "id": ids[table][r["id"]], "organization_id": new_org}
            for column, target in refs.items():
                if values[column] is not None:
                    values[column] = ids[target][values[column]]
            records.append(tuple(values.values()))
        staged.append((table, list(rows[0].keys()), records))
    started = time.perf_counter()
    for table, columns, records in staged:
        await con.copy_records_to_table(table, records=records, columns=columns)
    return time.perf_counter() - started, sum(len(r) for _, _, r in staged)


async def bench(args: argparse.Namespace, dsn: str, port: int, cpu: dict[str, Any]) -> None:
    from domain.db import close_db, init_db
    from domain.schema_migrations import upgrade
    from domain.settings import get_settings

    n = args.customers
    await init_db(get_settings())
    try:
        await upgrade(get_settings())
        sync = await run_sync(port, cpu)
    finally:
        await close_db()
    con = await asyncpg.connect(dsn)
    try:
        got = {t: int(await con.fetchval(
            f"SELECT count(*) FROM {t} WHERE organization_id = $1", sync["org_id"]))
            for t in [*RECORD_TABLES, *SIDE_TABLES]}
        want = {"customer": n, "subscription": n, "invoice": 2 * n, "payment": 2 * n}
        if any(got[t] != c for t, c in want.items()) or sync["failed"]:
            raise SystemExit(f"sync wrote {got} (failed {sync['failed']}), expected {want}")
        await con.execute("ANALYZE")
        rounds = [await copy_baseline(con, sync["org_id"], RECORD_TABLES)
                  for _ in range(args.copy_rounds)]
        side_s, side_rows = await copy_baseline(con, sync["org_id"],
                                                {**RECORD_TABLES, **SIDE_TABLES})
    finally:
        await con.close()
    (copy_s, copy_rows), records = min(rounds), 6 * n
    rate, copy_rate = records / sync["seconds"], copy_rows / copy_s
    print(f"\nrecords              {records:>9,}    ({n:,} customers, {n:,} subscriptions, "
          f"{2 * n:,} invoices, {2 * n:,} charges)\n"
          f"Lifeline FULL sync   {sync['seconds']:>9.2f} s  {rate:>9,.0f} records/s   "
          f"({sync['pages']:,} pages, {sync['requests']:,} HTTP requests)\n"
          f"  in commit_page     {sync['commit_seconds']:>9.2f} s  (writing pages)\n"
          f"  awaiting HTTP      {sync['http_seconds']:>9.2f} s  (to response headers)\n"
          f"  CPU seconds        sync process {sync['cpu_sync']:.2f}, sandbox "
          f"{sync['cpu_sandbox']:.2f}, PostgreSQL {sync['cpu_postgres']:.2f}; machine busy "
          f"{100 * sync['busy']:.0f}% of {os.cpu_count()} CPUs\n"
          f"asyncpg COPY         {copy_s:>9.2f} s  {copy_rate:>9,.0f} records/s   "
          f"(best of {len(rounds)}: {', '.join(f'{s:.2f}' for s, _ in rounds)} s)\n"
          f"ratio sync / COPY    {rate / copy_rate:>9.3f}      (target >= 0.25)\n"
          f"COPY with the {got['customer_link']:,} customer_link and "
          f"{got['lifecycle_transition']:,} lifecycle_transition rows too: {side_rows:,} rows "
          f"in {side_s:.2f} s, ratio {side_s / sync['seconds']:.3f}")
    print(json.dumps({"bench": "sync_ingest", "records": records, "ratio": round(
        rate / copy_rate, 4), "sync_records_per_s": round(rate), "copy_records_per_s": round(
        copy_rate), **{k: round(v, 3) if isinstance(v, float) else v for k, v in sync.items()},
        "copy_seconds": [round(s, 3) for s, _ in rounds], "copy_all_seconds": round(side_s, 3)}))


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "_sandbox":
        sandbox_main(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000,
                        help="about this many Stripe records (6 per customer)")
    parser.add_argument("--seed", type=int, default=3, help="the world's random seed")
    parser.add_argument("--copy-rounds", type=int, default=3,
                        help="COPY this many times (a new organization each) and keep the best")
    args = parser.parse_args()
    if args.records < 1 or args.copy_rounds < 1:
        parser.error("--records and --copy-rounds must be positive")
    args.customers = max(1, round(args.records / 6))
    from cryptography.fernet import Fernet

    db = f"lifeline_bench_{os.getpid()}_{random.randrange(16**6):06x}"
    dsn = f"postgresql://postgres@{HOST}:5432/{db}"
    os.environ.update({"DATABASE_URL": dsn, "LIFELINE_ENV": "prod",
                       "LIFELINE_LOG_LEVEL": "WARNING",
                       "LIFELINE_SECRET_KEYS": Fernet.generate_key().decode()})
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    port = free_port()
    print(f"database {db}; sandbox on port {port} with {args.customers:,} customers "
          f"({6 * args.customers:,} records)", flush=True)
    asyncio.run(admin(f'CREATE DATABASE "{db}"'))
    proc = None
    with tempfile.TemporaryFile() as log:
        try:
            proc = start_sandbox(port, args.customers, args.seed, log)
            asyncio.run(bench(args, dsn, port, {"pid": proc.pid, "db": db}))
        except KeyboardInterrupt:
            print("\ninterrupted", file=sys.stderr)
            raise SystemExit(130) from None
        finally:
            if proc is not None:
                stop(proc)
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
            print(f"dropped database {db}", file=sys.stderr)


if __name__ == "__main__":
    main()
