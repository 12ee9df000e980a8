"""Events published over Redis pub/sub so any API process can serve any subscription."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

from redis.asyncio import Redis


def job_channel(job_id: int) -> str:
    return f"lifeline:job:{job_id}"


def risk_channel(org_id: int) -> str:
    """Risk changes of one organization's customers (`domain.churn.scoring`)."""
    return f"lifeline:risk:{org_id}"


def campaign_channel(org_id: int) -> str:
    """Retention campaigns of one organization written or updated (`domain.decisions`)."""
    return f"lifeline:campaign:{org_id}"


class EventBus(Protocol):
    async def publish(self, channel: str, payload: dict[str, Any]) -> None: ...

    def subscription(self, channel: str) -> Any:
        """Async context manager: subscribed on entry, yields an async iterator of payloads."""


class RedisEventBus:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def publish(self, channel: str, payload: dict[str, Any]) -> None:
        await self.redis.publish(channel, json.dumps(payload, default=str))

    @asynccontextmanager
    async def subscription(self, channel: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(channel)

        async def messages() -> AsyncIterator[dict[str, Any]]:
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    yield json.loads(message["data"])

        try:
            yield messages()
        finally:
            await pubsub.unsubscribe(channel)
            await pubsub.aclose()
