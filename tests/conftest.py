"""Test set-up: a throwaway database (SQLite file, or a fresh PostgreSQL database when
DATABASE_URL points at PostgreSQL) migrated with the real migrations, and Redis (REDIS_URL, or
an embedded server). Tests isolate themselves by creating their own organizations."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator

os.environ.setdefault("LIFELINE_ENV", "test")
_tmp = tempfile.mkdtemp(prefix="lifeline-test-")
if not os.environ.get("DATABASE_URL"):
    os.environ["LIFELINE_SQLITE_PATH"] = os.path.join(_tmp, "test.db")
os.environ["LIFELINE_QUEUE_NAME"] = f"lifeline:test:{uuid.uuid4().hex[:8]}"

import pytest  # noqa: E402

from domain.db import close_db, init_db, is_postgres  # noqa: E402
from domain.models import Organization  # noqa: E402
from domain.settings import Settings, get_settings  # noqa: E402
from tests.support.pg import create_database, drop_database  # noqa: E402


@pytest.fixture(scope="session")
async def settings() -> AsyncIterator[Settings]:
    base = get_settings()
    if is_postgres(base):
        assert base.database_url
        url = await create_database(base.database_url)
        os.environ["DATABASE_URL"] = url
        get_settings.cache_clear()
        try:
            yield get_settings()
        finally:
            await drop_database(url)
    else:
        yield base


@pytest.fixture(scope="session", autouse=True)
async def db(settings: Settings) -> AsyncIterator[None]:
    from domain.schema_migrations import upgrade

    await init_db(settings)
    await upgrade(settings)
    yield
    await close_db()


@pytest.fixture
async def org() -> Organization:
    return await Organization.create(name="Acme", slug=f"acme-{uuid.uuid4().hex[:10]}")


@pytest.fixture
async def other_org() -> Organization:
    return await Organization.create(name="Globex", slug=f"globex-{uuid.uuid4().hex[:10]}")


@pytest.fixture(scope="session")
async def runtime(settings: Settings, db: None) -> AsyncIterator[object]:
    """Redis (REDIS_URL or embedded), event bus, job queue and an in-process arq worker."""
    from workers.runtime import start, stop

    rt = await start(settings, with_worker=True)
    yield rt
    await stop(rt)


@pytest.fixture(scope="session")
async def app(settings: Settings, runtime: object) -> object:
    from api.app import create_app

    return create_app(settings, rt=runtime)


@pytest.fixture
async def gql(app: object, org: Organization) -> AsyncIterator[object]:
    """A GraphQL client for `org`, with one key per role (gql.keys)."""
    import httpx

    from tests.support.api import Gql, keys_for

    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield Gql(client=client, keys=await keys_for(org.id))


@pytest.fixture(scope="session")
async def live_server(app: object) -> AsyncIterator[str]:
    """The app served by uvicorn on a free loopback port (for websocket tests)."""
    import asyncio
    import socket

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,  # type: ignore[arg-type]
                                           lifespan="off", log_level="warning"))
    server.install_signal_handlers = lambda: None  # type: ignore[attr-defined,method-assign]
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes only a flag
        await asyncio.sleep(0.02)
    yield f"127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture
async def sandboxes(runtime: object) -> AsyncIterator[object]:
    """Fresh provider sandboxes reached by the in-process worker through an ASGI transport,
    with a retry policy fast enough for tests."""
    import httpx

    from integrations.http import RetryPolicy
    from integrations.sandbox.app import Sandboxes

    sb = Sandboxes("http://localhost")
    ctx = runtime.ctx  # type: ignore[attr-defined]
    ctx["transport"] = httpx.ASGITransport(app=sb.app)
    ctx["retry_policy"] = RetryPolicy(base_delay=0.001, max_delay=0.01, timeout=2.0,
                                      max_attempts=10)
    yield sb
    ctx.pop("transport", None)
    ctx.pop("retry_policy", None)


@pytest.fixture
def receiver() -> Iterator[object]:
    """A webhook receiver on loopback verifying signatures with the test secret."""
    from tests.support.deliveries import SECRET
    from tests.support.receiver import Receiver

    with Receiver(SECRET) as running:
        yield running


@pytest.fixture
async def fenced(org: Organization) -> AsyncIterator[object]:
    """A queued deliveries job no worker runs: the minute cron leaves the organization to
    it while the test sends by itself."""
    from tests.support.deliveries import held_job, release

    job = await held_job(org)
    yield job
    await release(job)
