"""Read throughput of the Lifeline API against a plain Starlette + asyncpg baseline.

    .venv/bin/python bench/api_read.py [--customers 2000] [--seconds 15] [--warmup 3]
                                       [--concurrency 8] [--rounds 2] [--seeder simple]

One run (about 80 s with the defaults; Linux, it reads /proc): create a throwaway PostgreSQL
database on 127.0.0.1:5432, migrate it, seed one organization (--seeder: simple, the default,
a bulk_create seed with 2-4 lifecycle transitions and 1-2 subscriptions per customer;
world, `generate_world` from domain.demo.service; auto = world when available), ANALYZE,
issue a viewer key; check in process that bench/plain_app.py sends Lifeline's SQL (captured from the
`tortoise.db_client` DEBUG logger); start `lifeline serve` and `python -m bench.plain_app`
(one uvicorn process each, same options, WARNING logs, the local Redis); fail unless both
return equal JSON; then load Lifeline, plain, Lifeline, plain, ... from a separate load
generator process: `--concurrency` keep-alive HTTP/1.1 connections in a closed loop, a
warm-up, then a timed window recording every completed request's latency. Reported: each
target's best round by req/s (noise on a shared machine only slows a round down); every round
is printed too. The database is dropped at the end, also on Ctrl-C.

Fairness. The load generator, PostgreSQL and the server under test share the machine's CPUs
(2 cores here). That is the same for both targets, so the ratio is fair, but it caps the faster
target more than the slower one, which flatters the ratio toward 1. To keep that small the load
generator is a minimal asyncio HTTP/1.1 client (httpx.AsyncClient used ~1.4 ms of CPU per
request here, this client ~0.1 ms). CPU per request is reported for the server process, its
PostgreSQL backends and the load generator (from /proc): it depends much less on other load
than req/s does; `busy` is the whole machine's CPU use, other people's work included.
Closed-loop latencies include queueing: p50 ~ concurrency / throughput. Needs no tool outside
the project's virtualenv (no wrk, no py-spy).
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import inspect
import json
import math
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx

REPO = Path(__file__).resolve().parent.parent
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
HOST = "127.0.0.1"
QUERY = """query Page { customers(first: 100, orderBy: {field: CREATED_AT, direction: DESC}) {
  edges { node { id name plan mrr stage createdAt
    journey { fromStage toStage at source }
    subscriptions { plan status mrr seats startedAt } } } } }"""
BODY = json.dumps({"query": QUERY}).encode()


# --- load generator (runs in its own process: `api_read.py _loadgen '<json>'`) --------------

def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the process has gone
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _sample(cfg: dict[str, Any]) -> dict[str, Any]:
    """Cumulative CPU seconds of the server, of this process and of each PostgreSQL backend
    serving the bench database (its process title names it), and the machine's jiffies."""
    backends = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if cfg["db"].encode() in (proc / "cmdline").read_bytes():
                    backends[proc.name] = _cpu_seconds(int(proc.name))
            except OSError:
                continue
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return {"server": _cpu_seconds(cfg["pid"]), "client": time.process_time(), "db": backends,
            "busy": sum(ticks) - ticks[3] - ticks[4], "all": sum(ticks)}  # not idle, iowait


async def _connection(cfg: dict[str, Any], request: bytes, window: tuple[float, float],
                      latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection(HOST, cfg["port"])
    try:
        while time.perf_counter() < window[1]:
            started = time.perf_counter()
            writer.write(request)
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
            match = re.search(r"\r\ncontent-length: *(\d+)", head)
            if match is None:
                raise RuntimeError(f"no content-length in response: {head!r}")
            body = await reader.readexactly(int(match.group(1)))
            done = time.perf_counter()
            if not head.startswith("http/1.1 200") or len(body) != cfg["expect_bytes"]:
                errors.append(head.split("\r\n", 1)[0] + " " + body[:200].decode("latin-1"))
            elif window[0] <= done <= window[1]:
                latencies.append(done - started)
    finally:
        writer.close()


async def _load(cfg: dict[str, Any]) -> dict[str, Any]:
    request = (f"POST /graphql HTTP/1.1\r\nHost: {HOST}:{cfg['port']}\r\n"
               f"Authorization: Bearer {cfg['key']}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(BODY)}\r\n\r\n").encode() + BODY
    start = time.perf_counter() + cfg["warmup"]
    window = (start, start + cfg["seconds"])
    latencies: list[float] = []
    errors: list[str] = []
    marks: list[dict[str, Any]] = []

    async def sample() -> None:
        for at in window:
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            marks.append(_sample(cfg))

    await asyncio.gather(sample(), *(_connection(cfg, request, window, latencies, errors)
                                     for _ in range(cfg["concurrency"])))
    if errors:
        raise SystemExit(f"{len(errors)} bad responses, first: {errors[0]}")
    n = len(latencies)
    if n == 0:
        raise SystemExit("no request completed within the timed window")
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[max(0, math.ceil(q * n) - 1)] * 1000

    a, b = marks
    db_cpu = sum(cpu - a["db"].get(pid, 0.0) for pid, cpu in b["db"].items())
    return {"requests": n, "rps": n / cfg["seconds"], "p50_ms": pct(0.50), "p99_ms": pct(0.99),
            "server_cpu_ms": (b["server"] - a["server"]) * 1000 / n,
            "db_cpu_ms": db_cpu * 1000 / n, "client_cpu_ms": (b["client"] - a["client"]) * 1000 / n,
            "machine_busy_pct": 100 * (b["busy"] - a["busy"]) / max(1, b["all"] - a["all"])}


def loadgen_main(raw: str) -> None:
    import uvloop  # (installed with uvicorn[standard]) the client should cost little CPU

    print(json.dumps(uvloop.run(_load(json.loads(raw)))))


# --- database: create, seed, drop ---------------------------------------------------------

async def admin(sql: str) -> None:
    con = await asyncpg.connect(ADMIN_DSN)
    try:
        await con.execute(sql)
    finally:
        await con.close()


async def seed_bulk(org_id: int, customers: int, seed: int) -> None:
    """Customers with 2-4 lifecycle transitions and 1-2 subscriptions each."""
    from domain.enums import Source, Stage, SubscriptionStatus
    from domain.models import Customer, LifecycleTransition, Subscription

    rng = random.Random(seed)
    funnel = [Stage.LEAD, Stage.MQL, Stage.SQL, Stage.CUSTOMER]
    plans = {"starter": Decimal(49), "growth": Decimal(199), "scale": Decimal(799)}
    steps = [rng.randint(2, 4) for _ in range(customers)]
    await Customer.bulk_create([Customer(
        organization_id=org_id, name=f"Account {i:05d}", plan=rng.choice(list(plans)),
        mrr=Decimal(rng.randrange(500_000)) / 100, stage=funnel[steps[i] - 1],
        created_at=datetime(2025, 1, 1, tzinfo=UTC) - timedelta(seconds=rng.randrange(6 * 10**7)),
    ) for i in range(customers)], batch_size=1000)
    transitions, subscriptions = [], []
    for (customer_id, at), n in zip(await Customer.filter(organization_id=org_id).order_by(
            "id").values_list("id", "created_at"), steps, strict=True):
        for k in range(n):
            transitions.append(LifecycleTransition(
                organization_id=org_id, customer_id=customer_id, to_stage=funnel[k], at=at,
                from_stage=funnel[k - 1] if k else None, source=rng.choice(list(Source)[:3])))
            at += timedelta(hours=rng.randrange(1, 24 * 30))
        for plan, seats in ((rng.choice(list(plans)), rng.randint(1, 50))
                            for _ in range(rng.randint(1, 2))):
            subscriptions.append(Subscription(
                organization_id=org_id, customer_id=customer_id, plan=plan, seats=seats,
                status=rng.choice(list(SubscriptionStatus)), mrr=plans[plan] * seats,
                started_at=at + timedelta(days=rng.randrange(60))))
    await LifecycleTransition.bulk_create(transitions, batch_size=2000)
    await Subscription.bulk_create(subscriptions, batch_size=2000)


async def prepare(customers: int, seeder: str) -> tuple[str, str]:
    """Migrate, seed and issue a viewer key; check the baseline's SQL. Returns (key, seeder)."""
    from tortoise import connections

    from bench.plain_app import check_same_sql
    from domain.auth.service import create_api_key, create_organization
    from domain.db import close_db, init_db
    from domain.enums import Role
    from domain.schema_migrations import upgrade
    from domain.settings import get_settings

    settings = get_settings()
    await init_db(settings)
    try:
        await upgrade(settings)
        org = await create_organization("Bench Inc.", "bench")
        try:
            if seeder == "simple":
                raise LookupError("--seeder simple")
            from domain.demo.service import generate_world
            fixed: dict[str, Any] = {"now": datetime(2025, 1, 1, tzinfo=UTC)}  # same every run
            await generate_world(org.id, customers=customers, seed=7, **(
                fixed if "now" in inspect.signature(generate_world).parameters else {}))
            seeder = "generate_world"
        except Exception as exc:  # the generator is optional: fall back to the simple seed
            if seeder == "world":
                raise
            print(f"  not using generate_world ({type(exc).__name__}: {exc}); "
                  "seeding with bulk_create", flush=True)
            await connections.get("default").execute_script("TRUNCATE customer CASCADE")
            seeder = "bulk_create"
            await seed_bulk(org.id, customers, seed=7)
        # Planner statistics, as autovacuum would gather them in a live database; without
        # them the nested-list statements cost several times more, depending on timing.
        await connections.get("default").execute_script("ANALYZE")
        issued = await create_api_key(org.id, Role.VIEWER, "bench viewer")
        n = await check_same_sql(issued.secret, QUERY)
        print(f"  same SQL: Lifeline sends {n} statements for the page, as the baseline "
              "does", flush=True)
        return issued.secret, seeder
    finally:
        await close_db()


# --- servers --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(name: str, argv: list[str], env: dict[str, str], port: int,
                 log: Any) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)  # Ctrl-C reaches us; we stop it in order
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"{name} exited with {proc.returncode}:\n{log.read().decode()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{name} did not answer /health within 60 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_same_response(ports: dict[str, int], key: str) -> dict[str, Any]:
    bodies = {name: httpx.post(f"http://{HOST}:{port}/graphql", content=BODY, timeout=30,
                               headers={"Authorization": f"Bearer {key}",
                                        "Content-Type": "application/json"}).content
              for name, port in ports.items()}
    ours, theirs = (json.loads(bodies[n]) for n in ("lifeline", "plain"))
    if "errors" in ours or ours != theirs:
        a, b = (json.dumps(body, indent=1).splitlines() for body in (ours, theirs))
        diff = difflib.unified_diff(a, b, "lifeline", "plain", lineterm="", n=2)
        raise SystemExit("the two responses differ:\n" + "\n".join(list(diff)[:60]))
    nodes = [e["node"] for e in ours["data"]["customers"]["edges"]]
    return {"customers": len(nodes), "transitions": sum(len(n["journey"]) for n in nodes),
            "subscriptions": sum(len(n["subscriptions"]) for n in nodes),
            "bytes": len(bodies["lifeline"]),
            "byte_identical": bodies["lifeline"] == bodies["plain"]}


def measure(port: int, pid: int, key: str, db: str, args: argparse.Namespace,
            size: int) -> dict[str, Any]:
    cfg = {"port": port, "pid": pid, "key": key, "db": db, "warmup": args.warmup,
           "seconds": args.seconds, "concurrency": args.concurrency, "expect_bytes": size}
    out = subprocess.run([sys.executable, __file__, "_loadgen", json.dumps(cfg)], cwd=REPO,
                         capture_output=True, text=True, check=False,
                         timeout=args.warmup + args.seconds + 60)
    if out.returncode != 0:
        raise SystemExit(f"load generator failed:\n{out.stderr}{out.stdout}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- main -------------------------------------------------------------------------------------

def _row(name: str, label: str, r: dict[str, Any]) -> str:
    return (f"{name:<9} {label:>5} {r['rps']:9.1f} {r['p50_ms']:9.2f} {r['p99_ms']:9.2f} "
            f"{r['server_cpu_ms']:8.2f} {r['db_cpu_ms']:8.2f} {r['client_cpu_ms']:8.2f} "
            f"{r['machine_busy_pct']:5.0f}%")


def run(args: argparse.Namespace, db: str, env: dict[str, str]) -> None:
    idle_load = os.getloadavg()[0]
    if idle_load > 0.5:
        print(f"warning: 1-minute load average is {idle_load:.2f} before starting; other work "
              "on this machine will make the figures noisy", flush=True)
    print(f"database {db}: migrating and seeding {args.customers:,} customers ...", flush=True)
    started = time.perf_counter()
    key, seeder = asyncio.run(prepare(args.customers, args.seeder))
    print(f"  ready in {time.perf_counter() - started:.1f}s (seeded with {seeder})", flush=True)
    ports = {"lifeline": free_port(), "plain": free_port()}
    argv = {"lifeline": [str(Path(sys.executable).with_name("lifeline")), "serve",
                         "--host", HOST, "--port", str(ports["lifeline"])],
            "plain": [sys.executable, "-m", "bench.plain_app",
                      "--host", HOST, "--port", str(ports["plain"])]}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    with tempfile.TemporaryFile() as log_a, tempfile.TemporaryFile() as log_b:
        try:
            for name, log in (("lifeline", log_a), ("plain", log_b)):
                procs[name] = start_server(name, argv[name], env, ports[name], log)
            page = check_same_response(ports, key)
            print(f"  responses equal: {page['customers']} customers, {page['transitions']} "
                  f"transitions, {page['subscriptions']} subscriptions, {page['bytes']:,} "
                  f"bytes (byte-identical: {page['byte_identical']})", flush=True)
            results: dict[str, list[dict[str, Any]]] = {"lifeline": [], "plain": []}
            print(f"\n{args.rounds} round(s) x {args.warmup:g}s warm-up + {args.seconds:g}s, "
                  f"{args.concurrency} keep-alive connections\n"
                  f"{'target':<9} {'round':>5} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
                  f"{'srv ms/r':>8} {'db ms/r':>8} {'cli ms/r':>8} {'busy':>6}", flush=True)
            for i in range(args.rounds):
                for name in ("lifeline", "plain"):
                    r = measure(ports[name], procs[name].pid, key, db, args, page["bytes"])
                    results[name].append(r)
                    print(_row(name, str(i + 1), r), flush=True)
        finally:
            for proc in procs.values():
                stop(proc)
    best = {name: max(rs, key=lambda r: r["rps"]) for name, rs in results.items()}
    ratio_rps = best["lifeline"]["rps"] / best["plain"]["rps"]
    ratio_p50 = best["lifeline"]["p50_ms"] / best["plain"]["p50_ms"]
    ratio_cpu = best["lifeline"]["server_cpu_ms"] / best["plain"]["server_cpu_ms"]
    print(f"\nbest round of {args.rounds} per target (by req/s). CPU ms per request: srv = "
          "the server process, db = its PostgreSQL backends, cli = the load generator; "
          "busy = the whole machine's CPU (other work included)")
    for name in ("lifeline", "plain"):
        print(_row(name, "best", best[name]))
    print(f"ratio lifeline/plain: req/s {ratio_rps:.3f}  p50 {ratio_p50:.2f}x  "
          f"server CPU per request {ratio_cpu:.2f}x")

    def figures(r: dict[str, Any]) -> dict[str, Any]:
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}

    print(json.dumps({
        "bench": "api_read", "aggregate": f"best of {args.rounds} rounds by req/s",
        "customers": args.customers, "seeded_with": seeder, "concurrency": args.concurrency,
        "seconds": args.seconds, "warmup": args.warmup, "page": page,
        "lifeline": figures(best["lifeline"]), "plain": figures(best["plain"]),
        "ratio_rps": round(ratio_rps, 3), "ratio_p50": round(ratio_p50, 2),
        "ratio_server_cpu": round(ratio_cpu, 2),
        "loadavg_1m_before": round(idle_load, 2),
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "rounds": {n: [figures(r) for r in rs] for n, rs in results.items()},
    }))


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "_loadgen":
        loadgen_main(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=15.0, help="timed window per round")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up before each window")
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive connections")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seeder", choices=["auto", "world", "simple"], default="simple",
                        help="simple (default): 2-4 transitions and 1-2 subscriptions per "
                        "customer, so the page has both; world: domain.demo generate_world "
                        "(its newest accounts are mostly funnel leads without subscriptions); "
                        "auto: world if it is available")
    args = parser.parse_args()
    if args.customers < 1 or args.rounds < 1 or args.concurrency < 1 or args.seconds <= 0:
        parser.error("--customers, --rounds, --concurrency and --seconds must be positive")
    db = f"lifeline_bench_{os.getpid()}_{random.randrange(16**6):06x}"
    env = {**os.environ, "DATABASE_URL": f"postgresql://postgres@{HOST}:5432/{db}",
           "REDIS_URL": REDIS_URL, "LIFELINE_ENV": "prod", "LIFELINE_LOG_LEVEL": "WARNING",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    os.environ.update(env)  # read by domain.settings in this process too
    sys.path.insert(0, str(REPO))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    signal.signal(signal.SIGTERM, _interrupt)
    asyncio.run(admin(f'CREATE DATABASE "{db}"'))
    try:
        run(args, db, env)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        print(f"dropped database {db}", file=sys.stderr)


if __name__ == "__main__":
    main()
