"""riskChanged over graphql-transport-ws: a scoring run's changes arrive through Redis
pub/sub, filtered per subscriber; another organization's subscriber hears nothing of them;
a socket without a valid key is closed."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import websockets

from domain.auth.service import create_api_key
from domain.churn.scoring import live_customers, score_customers
from domain.demo.service import generate_world
from domain.enums import RiskLevel, Role
from domain.events import risk_channel
from domain.models import Customer, Organization, RiskChange
from domain.settings import Settings
from tests.support.churn import copy_model, trained_world
from tests.support.ws import receive, subscribe, ws_connect

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
RISK_CHANGED = """subscription($filter: RiskChangeFilter) { riskChanged(filter: $filter) {
  customerId fromLevel toLevel fromProbability toProbability modelVersion at
  customer { id name } } }"""


async def _scored_org(name: str, source: Organization, customers: int, seed: int
                      ) -> Organization:
    org = await Organization.create(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:8]}")
    await generate_world(org.id, customers=customers, seed=seed, now=NOW)
    await copy_model(source.id, org.id)
    return org


async def _listening(runtime: Any, channel: str, subscribers: int) -> None:
    """Wait until the API process has subscribed `subscribers` times to `channel`."""
    async with asyncio.timeout(10):
        while True:
            counts = dict(await runtime.bus.redis.pubsub_numsub(channel))
            if counts.get(channel.encode(), counts.get(channel, 0)) >= subscribers:
                return
            await asyncio.sleep(0.02)


async def _collect(ws: Any, until: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Events per operation id, until each operation has seen its sentinel customer."""
    got: dict[str, list[dict[str, Any]]] = {op: [] for op in until}
    done: set[str] = set()
    while done != set(until):
        message = await receive(ws)
        assert message["type"] == "next", message
        op, event = message["id"], message["payload"]["data"]["riskChanged"]
        got[op].append(event)
        if int(event["customerId"]) == until[op]:
            done.add(op)
    return got


async def test_risk_changes_reach_their_organization_filtered(
        live_server: str, runtime: Any, settings: Settings) -> None:
    source = await trained_world("Source", customers=800, seed=37, now=NOW)
    mine = await _scored_org("Mine", source, 250, 5)
    theirs = await _scored_org("Theirs", source, 150, 6)
    live = await live_customers(mine.id, NOW)
    # the sentinel (a customer not scored now) passes both filters and ends each stream
    gone = await Customer.filter(organization_id=mine.id).exclude(id__in=live).first()
    assert gone is not None
    sentinel = gone.id
    tagged, asked = [*live[:20], sentinel], [*live[10:40], sentinel]
    await Customer.filter(id__in=tagged).update(segment="At Risk")
    key = await create_api_key(mine.id, Role.VIEWER)
    other = await create_api_key(theirs.id, Role.VIEWER)

    async with ws_connect(live_server, {}) as anonymous:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await receive(anonymous)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401

    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws, \
            ws_connect(live_server, {"Authorization": f"Bearer {other.secret}"}) as wt:
        await subscribe(ws, RISK_CHANGED, {"filter": {"minLevel": "MEDIUM"}}, op_id="medium")
        await ws.send(json.dumps({"id": "tagged", "type": "subscribe", "payload": {
            "query": RISK_CHANGED, "variables": {"filter": {
                "segment": "At Risk", "customerIds": [str(i) for i in asked]}}}}))
        await subscribe(wt, RISK_CHANGED, {}, op_id="all")
        await _listening(runtime, risk_channel(mine.id), 2)
        await _listening(runtime, risk_channel(theirs.id), 1)

        outcome = await score_customers(mine.id, bus=runtime.bus, settings=settings, now=NOW)
        assert outcome.changes == outcome.scored > 0
        await runtime.bus.publish(risk_channel(mine.id), {"organization_id": mine.id, "changes": [
            {"organization_id": mine.id, "customer_id": sentinel, "from_level": "low",
             "to_level": "critical", "from_probability": 0.1, "to_probability": 0.9,
             "model_version": 1, "at": NOW.isoformat()}]})
        got = await _collect(ws, {"medium": sentinel, "tagged": sentinel})

        stored = await RiskChange.filter(organization_id=mine.id).order_by("id")
        medium = [c.customer_id for c in stored
                if c.to_level is not RiskLevel.LOW]
        assert medium and len(medium) < len(stored)
        assert [int(e["customerId"]) for e in got["medium"][:-1]] == medium
        both = set(tagged) & set(asked)
        assert [int(e["customerId"]) for e in got["tagged"][:-1]] == [
            c.customer_id for c in stored if c.customer_id in both]
        first = got["medium"][0]
        change = next(c for c in stored if c.customer_id == int(first["customerId"]))
        assert first["fromLevel"] is None and first["toLevel"] == change.to_level.value.upper()
        assert first["toProbability"] == pytest.approx(change.to_probability)
        assert first["customer"]["id"] == first["customerId"]
        assert datetime.fromisoformat(first["at"]) == NOW

        # the other organization heard nothing of it: its first event is its own scoring's
        await score_customers(theirs.id, bus=runtime.bus, settings=settings, now=NOW)
        message = await receive(wt)
        event = message["payload"]["data"]["riskChanged"]
        assert await Customer.filter(id=int(event["customerId"]),
                                     organization_id=theirs.id).exists()


async def test_a_bad_filter_is_an_error_naming_the_field(live_server: str,
                                                         org: Organization) -> None:
    key = await create_api_key(org.id, Role.VIEWER)
    async with ws_connect(live_server, {"Authorization": f"Bearer {key.secret}"}) as ws:
        await subscribe(ws, RISK_CHANGED, {"filter": {"customerIds": ["x"]}})
        message = await receive(ws)
        errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
        assert errors[0]["extensions"]["field"] == "filter.customerIds"
