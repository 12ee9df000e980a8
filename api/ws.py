"""graphql-transport-ws with authentication in `connection_init` (close 4401 on failure),
the key checked again for every operation (a revoked key stops working on open sockets
within the auth cache time), and the same error shaping as HTTP."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

from graphql import GraphQLSyntaxError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)

from api.schema import shape_error
from domain.auth.service import Principal, authenticate, bearer_token
from domain.errors import Unauthenticated


class AuthenticatingTransportWSHandler(BaseGraphQLTransportWSHandler[Any, None]):
    token: str | None = None

    async def _authenticate(self) -> Principal | None:
        try:
            return await authenticate(
                self.token, self.view.settings.auth_cache_seconds  # type: ignore[attr-defined]
            )
        except Unauthenticated:
            if self.connection_init_timeout_task:
                self.connection_init_timeout_task.cancel()
            await self.websocket.close(code=4401, reason="Unauthorized")
            return None

    async def handle_connection_init(self, message: Any) -> None:
        payload = message.get("payload")
        if isinstance(payload, dict):
            raw = payload.get("Authorization") or payload.get("authorization")
            if isinstance(raw, str):
                self.token = bearer_token(raw)
            elif isinstance(payload.get("apiKey"), str):
                self.token = payload["apiKey"]
            principal = await self._authenticate()
            if principal is None:
                return
            self.context.principal = principal
        await super().handle_connection_init(message)  # rejects other payloads with 4400

    async def handle_subscribe(self, message: Any) -> None:
        if self.connection_acknowledged and await self._authenticate() is None:
            return
        await super().handle_subscribe(message)

    async def _send_result_stream(self, operation: Any, result_source: Any) -> None:
        request_id = getattr(self.context, "request_id", "-")

        async def shaped(results: AsyncIterator[Any]) -> AsyncGenerator[Any, None]:
            async for result in results:
                errors = getattr(result, "errors", None)
                if errors and not isinstance(errors[0], GraphQLSyntaxError):
                    result.errors = [shape_error(e, request_id) for e in errors]
                yield result

        await super()._send_result_stream(operation, shaped(result_source))
