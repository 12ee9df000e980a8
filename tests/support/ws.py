"""A minimal graphql-transport-ws client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection


@asynccontextmanager
async def ws_connect(host: str, payload: dict[str, Any] | None) -> AsyncIterator[ClientConnection]:
    async with websockets.connect(f"ws://{host}/graphql",
                                  subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
        yield ws


async def receive(ws: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(10):
        message: dict[str, Any] = json.loads(await ws.recv())
    return message


async def subscribe(ws: ClientConnection, query: str, variables: dict[str, Any],
                    op_id: str = "1") -> None:
    ack = await receive(ws)
    assert ack["type"] == "connection_ack", ack
    await ws.send(json.dumps({"id": op_id, "type": "subscribe",
                              "payload": {"query": query, "variables": variables}}))
