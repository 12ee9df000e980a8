"""The ASGI application: /graphql (HTTP + graphql-transport-ws) and /health."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from api.acquisition.queries import audience_csv
from api.context import Context
from api.offers import offer_routes
from api.schema import build_schema, shape_error
from api.webhooks import hubspot_webhook, stripe_webhook
from api.ws import AuthenticatingTransportWSHandler
from domain.auth.service import authenticate, bearer_token
from domain.db import close_db, init_db
from domain.errors import Unauthenticated
from domain.settings import Settings, get_settings
from workers import runtime as worker_runtime
from workers.runtime import Runtime

log = logging.getLogger("lifeline.api")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class LifelineGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = AuthenticatingTransportWSHandler

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide="graphiql" if settings.env == "dev" else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            multipart_uploads_enabled=True,
            allow_queries_via_get=False,
        )
        self.settings = settings

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        """Shape errors raised before execution too (parsing, validation, limits)."""
        if result.errors:
            request_id = request.scope.get("state", {}).get("request_id", "-")
            result.errors = [shape_error(e, request_id) for e in result.errors]
        return await super().process_result(request, result)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        state = request.scope.setdefault("state", {})
        rt: Runtime = request.app.state.runtime
        context = Context(
            request=request, response=response, settings=self.settings, bus=rt.bus,
            queue=rt.queue, loaders=None,  # type: ignore[arg-type]  # set per operation
            request_id=state.get("request_id") or uuid.uuid4().hex[:16],
            principal=state.get("principal"),
        )
        return context


def _error(status: int, request_id: str, code: str, message: str,
           field: str | None = None) -> JSONResponse:
    body = {"data": None, "errors": [{"message": message, "extensions": {
        "code": code, "field": field, "requestId": request_id}}]}
    return JSONResponse(body, status_code=status, headers={"x-request-id": request_id})


class GraphQLEndpoint:
    """Authenticates HTTP requests before GraphQL runs; sockets authenticate on init."""

    def __init__(self, view: LifelineGraphQL) -> None:
        self.view = view
        settings = view.settings
        self.max_body = settings.import_max_bytes + 1024 * 1024  # the file plus the form

    async def refuse(self, scope: Scope, headers: dict[bytes, bytes], state: dict[str, Any],
                     request_id: str) -> Response | None:
        """A response ending the request early (too large, or no valid key), else None."""
        if scope["method"] == "GET" and b"text/html" in headers.get(b"accept", b""):
            return None  # the GraphiQL page
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            return _error(413, request_id, "PAYLOAD_TOO_LARGE",
                          f"request body is larger than {self.max_body} bytes", "file")
        token = bearer_token(headers.get(b"authorization", b"").decode("latin-1"))
        try:
            state["principal"] = await authenticate(token, self.view.settings.auth_cache_seconds)
        except Unauthenticated as exc:
            return _error(401, request_id, exc.code, exc.message, exc.field)
        except Exception:
            log.exception("authentication failed unexpectedly (request %s)", request_id)
            return _error(500, request_id, "INTERNAL_SERVER_ERROR",
                          f"internal server error (request id {request_id})")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.setdefault("state", {})
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
        state["request_id"] = request_id
        if scope["type"] == "http" and scope.get("method") in ("POST", "GET"):
            refusal = await self.refuse(scope, headers, state, request_id)
            if refusal is not None:
                await refusal(scope, receive, send)
                return

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        await self.view(scope, receive, send_with_id if scope["type"] == "http" else send)


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None, rt: Runtime | None = None,
               with_worker: bool | None = None) -> Starlette:
    """Build the app. Without `rt`, the lifespan connects the database and builds the clients
    (Redis, event bus, queue; a worker in this process in the embedded mode)."""
    settings = settings or get_settings()
    endpoint = GraphQLEndpoint(LifelineGraphQL(settings))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if rt is not None:
            yield
            return
        await init_db(settings)
        run_worker = settings.embedded_redis if with_worker is None else with_worker
        app.state.runtime = await worker_runtime.start(settings, with_worker=run_worker)
        log.info("lifeline ready (worker in process: %s)", run_worker)
        try:
            yield
        finally:
            await worker_runtime.stop(app.state.runtime)
            await close_db()

    routes: list[BaseRoute] = []
    if settings.sandbox_customers > 0:
        from workers.demo_sandbox import build_sandboxes

        sandboxes, summary = build_sandboxes(f"{settings.base_url}/sandbox",
                                             settings.sandbox_customers, settings.sandbox_seed)
        routes.append(Mount("/sandbox", app=sandboxes.app))
        log.info("provider sandboxes at %s/sandbox: %d records", settings.base_url,
                 summary.total)
    app = Starlette(
        routes=[*routes, Route("/graphql", endpoint, methods=["GET", "POST"]),
                WebSocketRoute("/graphql", endpoint), Route("/health", health),
                Route("/webhooks/stripe", stripe_webhook, methods=["POST"]),
                Route("/webhooks/hubspot", hubspot_webhook, methods=["POST"]),
                Route("/audiences/{name}.csv", audience_csv, methods=["GET"]),
                *offer_routes()],
        lifespan=lifespan,
    )
    app.state.runtime = rt
    return app
