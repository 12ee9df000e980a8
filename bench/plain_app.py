"""Baseline for bench/api_read.py: the customers page without GraphQL or an ORM.

A plain Starlette endpoint that does what Lifeline does for the benchmarked query and
nothing else: the same bearer-key check (`domain.auth.service.authenticate` with the same
cache setting), the same three SQL statements sent with asyncpg directly (the page, then the
journeys and the subscriptions of its ids, concurrently, as Lifeline's DataLoaders do), and
the same JSON body, encoded the way Strawberry encodes it. It is served like `lifeline serve`:
one uvicorn process with the same options and log level.

    DATABASE_URL=postgresql://... .venv/bin/python -m bench.plain_app --port 8001
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import SimpleNamespace
from typing import Any, cast

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tortoise import connections

from domain.auth.service import authenticate
from domain.db import close_db, init_db
from domain.enums import Source, Stage, SubscriptionStatus
from domain.errors import Unauthenticated
from domain.settings import get_settings

PAGE_SIZE = 100

# The statements Lifeline sends for the benchmarked query, as the `tortoise.db_client` logger
# shows them. Tortoise lists the columns in a per-process order; `check_same_sql` checks that
# these match Lifeline's statements up to that order before it measures anything.
CUSTOMER_COLUMNS = (
    '"id","organization_id","name","email","domain","industry","country","region","plan",'
    '"currency","mrr","stage","created_at","first_seen_at","updated_at","external_ref",'
    '"stripe_id","hubspot_id","salesforce_id"'
)
TRANSITION_COLUMNS = (
    '"id","organization_id","customer_id","from_stage","to_stage","at","source","reason"'
)
SUBSCRIPTION_COLUMNS = (
    '"id","organization_id","customer_id","plan","status","seats","mrr","currency",'
    '"started_at","canceled_at","stripe_id"'
)
PAGE_SQL = (
    f'SELECT {CUSTOMER_COLUMNS} FROM "customer" WHERE "organization_id"=$1 '
    'ORDER BY "created_at" DESC,"id" DESC LIMIT $2'
)


def _in_list(n: int) -> str:
    return ",".join(f"${i}" for i in range(2, n + 2))


def journeys_sql(n: int) -> str:
    return (f'SELECT {TRANSITION_COLUMNS} FROM "lifecycle_transition" WHERE "organization_id"=$1 '
            f'AND "customer_id" IN ({_in_list(n)}) ORDER BY "customer_id" ASC,"at" ASC,"id" ASC')


def subscriptions_sql(n: int) -> str:
    return (f'SELECT {SUBSCRIPTION_COLUMNS} FROM "subscription" WHERE "organization_id"=$1 '
            f'AND "customer_id" IN ({_in_list(n)}) '
            'ORDER BY "customer_id" ASC,"started_at" DESC,"id" DESC')


def statements(n: int) -> list[str]:
    """The statements one request sends for a page of `n` customers (auth aside)."""
    return [PAGE_SQL, journeys_sql(n), subscriptions_sql(n)]


def _shape(sql: str) -> tuple[tuple[str, ...], str]:
    """A statement with its column list sorted (Tortoise's column order varies by process)."""
    match = re.fullmatch(r"SELECT (.+?) FROM (.+)", sql.strip(), re.S)
    if match is None:
        return (), sql.strip()
    return tuple(sorted(c.strip() for c in match.group(1).split(","))), match.group(2)


async def check_same_sql(key: str, query: str) -> int:
    """Run `query` once through Lifeline in process (Tortoise initialised) and fail unless it
    sends this baseline's statements. Returns how many it sent (auth aside)."""
    import httpx

    from api.app import create_app

    records: list[logging.LogRecord] = []

    def capture(record: logging.LogRecord) -> bool:
        records.append(record)
        return False  # keep it out of the log

    logger = logging.getLogger("tortoise.db_client")
    level = logger.level
    logger.addFilter(capture)
    logger.setLevel(logging.DEBUG)
    try:
        app = create_app(get_settings(), rt=cast(Any, SimpleNamespace(bus=None, queue=None)))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://bench") as client:
            response = await client.post("/graphql", json={"query": query},
                                         headers={"Authorization": f"Bearer {key}"})
    finally:
        logger.removeFilter(capture)
        logger.setLevel(level)
    edges = response.json()["data"]["customers"]["edges"]
    captured = [str(r.args[0]) for r in records  # "%s: %s" % (sql, values); auth aside
                if isinstance(r.args, tuple) and r.args and '"api_key"' not in str(r.args[0])]
    ours = statements(len(edges))
    if sorted(map(_shape, captured)) != sorted(map(_shape, ours)):
        raise SystemExit("bench/plain_app.py no longer sends Lifeline's SQL.\nLifeline:\n  "
                         + "\n  ".join(captured) + "\nplain:\n  " + "\n  ".join(ours))
    return len(captured)


# GraphQL serialises enums by name: Stage.CUSTOMER ("customer") -> "CUSTOMER".
STAGE = {s.value: s.name for s in Stage}
SOURCE = {s.value: s.name for s in Source}
STATUS = {s.value: s.name for s in SubscriptionStatus}


def bearer_token(value: str | None) -> str | None:
    """Same parsing as api.app.bearer_token."""
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


class State:
    pool: asyncpg.Pool
    cache_seconds: float


state = State()


async def _fetch(sql: str, *args: Any) -> list[asyncpg.Record]:
    async with state.pool.acquire() as con:
        return await con.fetch(sql, *args)


def _grouped(rows: Sequence[asyncpg.Record]) -> dict[int, list[asyncpg.Record]]:
    grouped: dict[int, list[asyncpg.Record]] = defaultdict(list)
    for row in rows:
        grouped[row["customer_id"]].append(row)
    return grouped


def _node(c: asyncpg.Record, journey: list[asyncpg.Record],
          subscriptions: list[asyncpg.Record]) -> dict[str, Any]:
    return {
        "id": str(c["id"]), "name": c["name"], "plan": c["plan"], "mrr": str(c["mrr"]),
        "stage": STAGE[c["stage"]], "createdAt": c["created_at"].isoformat(),
        "journey": [{
            "fromStage": STAGE[t["from_stage"]] if t["from_stage"] is not None else None,
            "toStage": STAGE[t["to_stage"]], "at": t["at"].isoformat(),
            "source": SOURCE[t["source"]],
        } for t in journey],
        "subscriptions": [{
            "plan": s["plan"], "status": STATUS[s["status"]], "mrr": str(s["mrr"]),
            "seats": s["seats"], "startedAt": s["started_at"].isoformat(),
        } for s in subscriptions],
    }


async def customers_page(request: Request) -> Response:
    try:
        principal = await authenticate(bearer_token(request.headers.get("authorization")),
                                       state.cache_seconds)
    except Unauthenticated as exc:
        return JSONResponse({"data": None, "errors": [{"message": exc.message}]},
                            status_code=401)
    body = await request.json()
    if not isinstance(body, dict) or "query" not in body:
        return JSONResponse({"errors": [{"message": "expected a GraphQL request"}]},
                            status_code=400)
    org = principal.organization_id
    rows = (await _fetch(PAGE_SQL, org, PAGE_SIZE + 1))[:PAGE_SIZE]
    ids = [r["id"] for r in rows]
    journeys: dict[int, list[asyncpg.Record]] = {}
    subscriptions: dict[int, list[asyncpg.Record]] = {}
    if ids:
        j_rows, s_rows = await asyncio.gather(_fetch(journeys_sql(len(ids)), org, *ids),
                                              _fetch(subscriptions_sql(len(ids)), org, *ids))
        journeys, subscriptions = _grouped(j_rows), _grouped(s_rows)
    edges = [{"node": _node(c, journeys.get(c["id"], []), subscriptions.get(c["id"], []))}
             for c in rows]
    payload = {"data": {"customers": {"edges": edges}}}
    # Strawberry's encoder: json.dumps(data, separators=(",", ":")).
    return Response(json.dumps(payload, separators=(",", ":")), media_type="application/json")


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    settings = get_settings()
    await init_db(settings)  # Tortoise is used by `authenticate` only (api_key lookups)
    client: Any = connections.get("default")
    dsn = settings.database_url or ""
    # Same pool bounds as Tortoise's asyncpg pool in the Lifeline process.
    state.pool = await asyncpg.create_pool(dsn, min_size=client.pool_minsize,
                                           max_size=client.pool_maxsize)
    state.cache_seconds = settings.auth_cache_seconds
    try:
        yield
    finally:
        await state.pool.close()
        await close_db()


app = Starlette(routes=[Route("/graphql", customers_page, methods=["POST"]),
                        Route("/health", health)], lifespan=lifespan)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    settings = get_settings()
    logging.basicConfig(level=os.environ.get("LIFELINE_LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # As api.server.serve runs Lifeline.
    uvicorn.run(app, host=args.host, port=args.port, log_level=settings.log_level.lower(),
                proxy_headers=False)


if __name__ == "__main__":
    main()
