"""The public on-site offer endpoint: what it serves (and to whom), what it never reveals,
its errors, CORS, the per-key-and-address rate limit, and the widget script."""

from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from api.offers import WINDOW_SECONDS
from domain.campaigns.execution import execute_actions
from domain.campaigns.offers import current_offer
from domain.enums import (
    ActionStatus,
    CampaignKind,
    CostBasis,
    IncentiveKind,
    RiskLevel,
    Route,
    Stage,
    ValueTier,
)
from domain.errors import NotFound
from domain.models import Action, Campaign, Customer, DecisionRules, Incentive, Organization
from domain.settings import Settings

PUBLIC_KEYS = {"headline", "message", "incentive_code", "incentive_name", "kind", "percent",
               "amount", "currency", "duration_months", "expires_at"}
MESSAGE = ("Subject: A thank-you from us: 15% off your next 3 months\n\nHi Ann,\n\n"
           "We'd like to offer you 15% off your next 3 months.")


def client_for(app: object, address: str = "203.0.113.7") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://test")


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as c:
        yield c


async def rules(org: Organization, channels: Sequence[str] = ("onsite", "webhook")) -> str:
    key = secrets.token_urlsafe(24)
    await DecisionRules.create(organization=org, channels=list(channels), widget_key=key)
    return key


async def customer(org: Organization, name: str = "Ann", **refs: Any) -> Customer:
    return await Customer.create(organization=org, name=name, stage=Stage.CUSTOMER,
                                 created_at=datetime(2024, 1, 1, tzinfo=UTC), **refs)


async def incentive(org: Organization, code: str = "discount_15", **fields: Any) -> Incentive:
    values: dict[str, Any] = {"name": "15% off for 3 months", "percent": 15.0,
                              "kind": IncentiveKind.PERCENT_DISCOUNT,
                              "cost_basis": CostBasis.MRR, "rate": 0.15, "duration_months": 3}
    return await Incentive.create(organization=org, code=code, **{**values, **fields})


async def action(org: Organization, who: Customer, offer: Incentive | None, *,
                 status: ActionStatus = ActionStatus.EXECUTED, message: str = MESSAGE,
                 executed: timedelta = timedelta(hours=-1),
                 expires: timedelta | None = timedelta(days=30)) -> Action:
    now = datetime.now(UTC)
    campaign = await Campaign.create(organization=org, kind=CampaignKind.MANUAL,
                                     name=f"c-{uuid.uuid4().hex[:6]}", decided_at=now,
                                     window_ends_at=now + timedelta(days=60))
    done = status is ActionStatus.EXECUTED
    return await Action.create(
        organization=org, campaign=campaign, customer=who, incentive=offer,
        arm=offer.code if offer else "none", segment="At Risk", risk_level=RiskLevel.HIGH,
        tier=ValueTier.MEDIUM, route=Route.AUTO, status=status, churn_probability=0.61,
        clv=1234.5, cost=40.0, expected_gain=99.0, explanation={"secret": "model internals"},
        message=message, decided_at=now - timedelta(days=1),
        executed_at=now + executed if done else None,
        offer_expires_at=now + expires if expires is not None else None)


async def get_offer(client: httpx.AsyncClient, key: str, ref: str | None) -> httpx.Response:
    params = {} if ref is None else {"customer": ref}
    return await client.get(f"/offers/{key}", params=params)


def assert_public(response: httpx.Response) -> None:
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["cache-control"] == "no-store"


async def test_an_executed_onsite_offer_is_served_with_only_public_fields(
        client: httpx.AsyncClient, org: Organization) -> None:
    key = await rules(org)
    ann = await customer(org, external_ref="crm-1", email="Ann.Smith@Example.com",
                         stripe_id="cus_ann")
    served = await action(org, ann, await incentive(org))
    for ref in ("crm-1", "ann.smith@example.COM", " cus_ann "):
        response = await get_offer(client, key, ref)
        assert response.status_code == 200, response.text
        assert_public(response)
        assert response.headers["content-type"].startswith("application/json")
        body = response.json()
        assert set(body) == {"offer"}
        offer = body["offer"]
        assert set(offer) == PUBLIC_KEYS
        # drafted for the public page: never the customer's name or the stored text
        assert "15%" in offer["headline"] and offer["message"].startswith("Hi there,")
        assert "Ann" not in response.text and "Smith" not in response.text
        assert offer == {
            "headline": offer["headline"], "message": offer["message"],
            "incentive_code": "discount_15", "incentive_name": "15% off for 3 months",
            "kind": "percent_discount", "percent": 15.0, "amount": None, "currency": "USD",
            "duration_months": 3, "expires_at": offer["expires_at"]}
        assert offer["expires_at"] == served.offer_expires_at.astimezone(UTC).isoformat()
        for secret in ("0.61", "1234.5", "At Risk", "model internals", "crm-1", "cus_ann"):
            assert secret not in response.text


async def test_the_newest_executed_offer_wins(client: httpx.AsyncClient,
                                              org: Organization) -> None:
    key = await rules(org)
    ann = await customer(org, external_ref="crm-2")
    await action(org, ann, await incentive(org), executed=timedelta(days=-3))
    credit = await incentive(org, "credit_50", name="50 account credit", percent=None,
                             kind=IncentiveKind.FIXED_CREDIT, cost_basis=CostBasis.FIXED,
                             amount=50, duration_months=1)
    await action(org, ann, credit, message="", executed=timedelta(minutes=-5))
    offer = (await get_offer(client, key, "crm-2")).json()["offer"]
    assert offer["incentive_code"] == "credit_50" and offer["amount"] == 50.0
    # drafted from the built-in templates, without the customer's name
    assert "$50 credit" in offer["headline"] and offer["message"].startswith("Hi there,")


async def test_the_customer_reference_takes_precedence_over_an_email(
        client: httpx.AsyncClient, org: Organization) -> None:
    key = await rules(org)
    by_ref = await customer(org, "By reference", external_ref="vip@example.com")
    by_email = await customer(org, "By email", email="VIP@example.com")
    await action(org, by_ref, await incentive(org))
    await action(org, by_email, await incentive(org, "bundle", kind=IncentiveKind.BUNDLE,
                                                percent=None, name="Bundle"))
    offer = (await get_offer(client, key, "vip@example.com")).json()["offer"]
    assert offer["incentive_code"] == "discount_15"


async def test_no_offer_cases_answer_null(client: httpx.AsyncClient, org: Organization,
                                          other_org: Organization) -> None:
    key, other_key = await rules(org), await rules(other_org)
    offer = await incentive(org)
    cases: dict[str, tuple[Incentive | None, dict[str, Any]]] = {
        "expired": (offer, {"expires": timedelta(seconds=-1)}),
        "approved": (offer, {"status": ActionStatus.APPROVED}),
        "proposed": (offer, {"status": ActionStatus.PROPOSED}),
        "no-incentive": (None, {}),
    }
    for ref, (given, change) in cases.items():
        await action(org, await customer(org, ref, external_ref=ref), given, **change)
    live = await customer(org, "Live", external_ref="live")
    await action(org, live, offer)
    assert (await get_offer(client, key, "live")).json()["offer"] is not None
    for ref in cases:
        response = await get_offer(client, key, ref)
        assert response.status_code == 200 and response.json() == {"offer": None}, ref
    # another organization's key never reaches this organization's customers
    assert (await get_offer(client, other_key, "live")).json() == {"offer": None}


async def test_an_organization_without_the_onsite_channel_serves_nothing(
        client: httpx.AsyncClient, org: Organization) -> None:
    key = await rules(org, channels=["webhook"])
    await action(org, await customer(org, external_ref="crm-9"), await incentive(org))
    response = await get_offer(client, key, "crm-9")
    assert response.status_code == 200 and response.json() == {"offer": None}


async def test_unknown_and_offerless_customers_get_identical_answers(
        client: httpx.AsyncClient, org: Organization) -> None:
    key = await rules(org)
    await customer(org, email="known@example.com", external_ref="known")
    known = await get_offer(client, key, "known@example.com")
    unknown = await get_offer(client, key, "nobody@example.com")
    by_ref = await get_offer(client, key, "known")
    assert known.status_code == unknown.status_code == by_ref.status_code == 200
    assert known.content == unknown.content == by_ref.content == b'{"offer":null}'
    assert dict(known.headers) == dict(unknown.headers)


async def test_domain_lookup_refuses_an_unknown_key() -> None:
    with pytest.raises(NotFound) as caught:
        await current_offer(secrets.token_urlsafe(24), "anyone", now=datetime.now(UTC))
    assert caught.value.field == "widget_key"


async def test_errors(client: httpx.AsyncClient, org: Organization) -> None:
    key = await rules(org)
    for bad in (secrets.token_urlsafe(24), "not a key!", "x" * 65):
        response = await get_offer(client, bad, "anyone")
        assert response.status_code == 404
        assert response.json() == {"error": "unknown widget key"}
        assert_public(response)
    for ref in (None, "", "   ", "x" * 256):
        response = await get_offer(client, key, ref)
        assert response.status_code == 400, ref
        body = response.json()
        assert body["field"] == "customer" and body["error"] and set(body) == {"error", "field"}
        assert_public(response)
    assert (await get_offer(client, key, "x" * 255)).status_code == 200
    assert (await client.post(f"/offers/{key}?customer=a")).status_code == 405


async def test_cors_preflight(client: httpx.AsyncClient, org: Organization) -> None:
    key = await rules(org)
    response = await client.options(f"/offers/{key}", headers={
        "origin": "https://shop.example", "access-control-request-method": "GET"})
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET"


async def _fresh_window() -> None:
    """Wait for a new rate window when this one is about to end (the count would reset)."""
    left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    if left < 5:
        await asyncio.sleep(left + 0.1)


async def test_rate_limit_per_key_and_address(app: object, settings: Settings,
                                              monkeypatch: pytest.MonkeyPatch,
                                              org: Organization,
                                              other_org: Organization) -> None:
    monkeypatch.setattr(settings, "offer_rate_per_minute", 3)
    key, other_key = await rules(org), await rules(other_org)
    await _fresh_window()
    async with client_for(app, "198.51.100.1") as first, \
            client_for(app, "198.51.100.2") as second:
        for _ in range(3):
            assert (await get_offer(first, key, "someone")).status_code == 200
        refused = await get_offer(first, key, "someone")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= WINDOW_SECONDS
        assert refused.json()["error"] and "offer" not in refused.json()
        assert_public(refused)
        # every request counts, whatever it asks for
        assert (await get_offer(first, key, None)).status_code == 429
        # another address, or another key from the same address, has its own allowance
        assert (await get_offer(second, key, "someone")).status_code == 200
        assert (await get_offer(first, other_key, "someone")).status_code == 200


async def test_an_action_executed_by_the_service_is_served(
        client: httpx.AsyncClient, org: Organization, settings: Settings) -> None:
    key = await rules(org, channels=["onsite"])
    ann = await customer(org, "Ann", external_ref="crm-exec")
    approved = await action(org, ann, await incentive(org), status=ActionStatus.APPROVED,
                            message="", expires=None)
    assert (await get_offer(client, key, "crm-exec")).json() == {"offer": None}
    result = await execute_actions(org.id, [approved.id], actor="test", settings=settings)
    assert result.executed == [approved.id]
    offer = (await get_offer(client, key, "crm-exec")).json()["offer"]
    assert offer is not None and offer["incentive_code"] == "discount_15"
    expires = datetime.fromisoformat(offer["expires_at"])
    assert timedelta(days=85) < expires - datetime.now(UTC) < timedelta(days=93)
    assert offer["message"].startswith("Hi there,") and "15% off" in offer["headline"]


async def test_widget_script(client: httpx.AsyncClient) -> None:
    response = await client.get("/offers/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    script = response.text
    for needle in ("data-widget-key", "data-customer", "fetch(", "textContent",
                   "encodeURIComponent(customer)"):
        assert needle in script
    assert "innerHTML" not in script and "eval(" not in script

