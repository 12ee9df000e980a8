"""The demo world seeded into the provider sandboxes, read back through the real clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

import httpx
import pytest

from domain.demo.service import _build
from integrations.hubspot import HubSpotClient
from integrations.pages import Page
from integrations.salesforce import (
    ACCOUNT,
    CONTACT,
    LEAD,
    OPPORTUNITY,
    OPPORTUNITY_HISTORY,
    SalesforceClient,
)
from integrations.sandbox.app import (
    HUBSPOT_TOKEN,
    SALESFORCE_ID,
    SALESFORCE_SECRET,
    STRIPE_KEY,
    Sandboxes,
)
from integrations.stripe.client import StripeClient
from workers.sandbox_seed import SeedSummary, seed_sandboxes

T = TypeVar("T")
NOW = datetime(2025, 6, 1, tzinfo=UTC)
CUSTOMERS = 300


async def drain(fetch: Callable[..., Awaitable[Page[T]]]) -> list[T]:
    items: list[T] = []
    cursor: str | None = None
    while True:
        page = await fetch(cursor=cursor)
        items += page.items
        if page.next_cursor is None:
            return items
        cursor = page.next_cursor


def domain_of(email: str | None) -> str:
    return (email or "").rsplit("@", 1)[-1].lower()


@pytest.fixture(scope="module")
def seeded() -> tuple[Sandboxes, SeedSummary]:
    sandboxes = Sandboxes()
    return sandboxes, seed_sandboxes(sandboxes, customers=CUSTOMERS, now=NOW)


@pytest.fixture(scope="module")
async def served(seeded: tuple[Sandboxes, SeedSummary]) -> AsyncIterator[dict[str, list[Any]]]:
    """Everything each sandbox serves, read through Lifeline's own clients."""
    sandboxes, _ = seeded
    transport = httpx.ASGITransport(app=sandboxes.app)
    async with StripeClient(STRIPE_KEY, base_url="http://localhost/stripe",
                            transport=transport) as stripe, \
            HubSpotClient(HUBSPOT_TOKEN, base_url="http://localhost/hubspot",
                          transport=transport) as hubspot, \
            SalesforceClient(SALESFORCE_ID, SALESFORCE_SECRET,
                             login_url="http://localhost/salesforce",
                             transport=transport) as salesforce:
        yield {
            "stripe_customers": await drain(stripe.list_customers),
            "stripe_subscriptions": await drain(stripe.list_subscriptions),
            "stripe_invoices": await drain(stripe.list_invoices),
            "stripe_charges": await drain(stripe.list_charges),
            "hubspot_companies": await drain(hubspot.list_companies),
            "hubspot_contacts": await drain(hubspot.list_contacts),
            "hubspot_deals": await drain(hubspot.list_deals),
            "salesforce_accounts": await drain(partial(salesforce.query_changed, ACCOUNT)),
            "salesforce_contacts": await drain(partial(salesforce.query_changed, CONTACT)),
            "salesforce_leads": await drain(partial(salesforce.query_changed, LEAD)),
            "salesforce_opportunities": await drain(
                partial(salesforce.query_changed, OPPORTUNITY)),
            "salesforce_history": await drain(
                partial(salesforce.query_changed, OPPORTUNITY_HISTORY)),
            "lifecycle": [o.value for o in await hubspot.lifecycle_stages("companies")],
            "lead_status": [o.value for o in await hubspot.property_options(
                "contacts", "hs_lead_status")],
            "stages": [s.api_name for s in await salesforce.opportunity_stages()],
            "statuses": [s.api_name for s in await salesforce.lead_statuses()],
        }


def world_rows() -> dict[str, int]:
    end = int(NOW.timestamp())
    start = int((NOW - timedelta(days=365 * 3)).timestamp())
    return {t.name: t.rows for t in _build(CUSTOMERS, 7, start, end, 0)}


async def test_the_summary_counts_what_each_sandbox_serves(
        seeded: tuple[Sandboxes, SeedSummary], served: dict[str, list[Any]]) -> None:
    sandboxes, summary = seeded
    counts = {name: len(served[name]) for name in summary.__dataclass_fields__}
    assert counts == vars(summary)
    assert summary.total == sum(counts.values())
    rows = world_rows()
    assert summary.hubspot_companies == rows["customer"]
    assert summary.hubspot_contacts == rows["lead"]
    assert summary.stripe_subscriptions == rows["subscription"]
    assert summary.stripe_invoices == rows["invoice"]
    assert summary.salesforce_opportunities == rows["opportunity"]
    # the history is the world's, once: no automatic rows on top, and the switch is back on
    assert summary.salesforce_history == rows["opportunity_stage_change"]
    assert sandboxes.salesforce.auto_history is True
    assert all(h.created_date <= NOW for h in served["salesforce_history"])
    opportunities = {o.id for o in served["salesforce_opportunities"]}
    assert {h.opportunity_id for h in served["salesforce_history"]} == opportunities


async def test_every_value_is_one_the_provider_knows(served: dict[str, list[Any]]) -> None:
    assert {c.lifecyclestage for c in served["hubspot_companies"]} <= set(served["lifecycle"])
    assert {c.lifecyclestage for c in served["hubspot_contacts"]} <= set(served["lifecycle"])
    assert {c.lead_status for c in served["hubspot_contacts"]} <= set(served["lead_status"])
    assert {o.stage_name for o in served["salesforce_opportunities"]} <= set(served["stages"])
    assert {h.stage_name for h in served["salesforce_history"]} <= set(served["stages"])
    assert {lead.status for lead in served["salesforce_leads"]} <= set(served["statuses"])
    for sub in served["stripe_subscriptions"]:
        assert sub.status in ("active", "canceled")
        assert (sub.canceled_at is not None) == (sub.status == "canceled")
        (item,) = sub.items
        assert item.price.unit_amount * item.quantity == sub.monthly_amount > 0
    charges = {c.invoice: c for c in served["stripe_charges"]}
    for invoice in served["stripe_invoices"]:
        charge = charges[invoice.id]
        assert charge.amount == invoice.total
        if invoice.status == "paid":
            assert charge.status == "succeeded" and invoice.paid_at is not None
        elif invoice.attempt_count:  # a failed payment
            assert (charge.status, charge.failure_code) == ("failed", "card_declined")
    converted = [lead for lead in served["salesforce_leads"] if lead.is_converted]
    accounts = {a.id for a in served["salesforce_accounts"]}
    assert converted and all(lead.converted_account_id in accounts for lead in converted)


async def test_the_same_company_appears_in_every_source(
        seeded: tuple[Sandboxes, SeedSummary], served: dict[str, list[Any]]) -> None:
    sandboxes, _ = seeded
    companies = {c.id: c for c in served["hubspot_companies"]}
    accounts = {a.id: a for a in served["salesforce_accounts"]}
    stripe_domains = {domain_of(c.email) for c in served["stripe_customers"]}
    everywhere = (stripe_domains & {c.domain for c in companies.values()}
                  & {a.website for a in accounts.values()})
    assert len(everywhere) > CUSTOMERS // 10

    # about half of the Stripe customers name their CRM records, and those agree
    linked = [c for c in served["stripe_customers"] if c.metadata.get("hubspot_company_id")]
    assert 0.35 < len(linked) / len(served["stripe_customers"]) < 0.65
    both = 0
    for customer in linked:
        assert companies[customer.metadata["hubspot_company_id"]].domain == domain_of(
            customer.email)
        sf_id = customer.metadata.get("salesforce_account_id")
        if sf_id:
            both += 1
            assert accounts[sf_id].website == domain_of(customer.email)
            assert accounts[sf_id].type == "Customer - Direct"
    assert both > 0

    # contacts sit at their company, and the wire format carries the references
    for contact in served["hubspot_contacts"]:
        for company_id in contact.company_ids:
            assert companies[company_id].domain == domain_of(contact.email)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sandboxes.app),
                                 base_url="http://localhost") as http:
        response = await http.get(f"/stripe/v1/customers/{linked[0].id}",
                                  headers={"Authorization": f"Bearer {STRIPE_KEY}"})
    assert response.status_code == 200
    assert response.json()["metadata"] == linked[0].metadata


def test_seeding_is_deterministic() -> None:
    def seed() -> Sandboxes:
        sandboxes = Sandboxes()
        sandboxes.salesforce.clock.set(NOW + timedelta(days=1))  # the audit stamps' source
        seed_sandboxes(sandboxes, customers=120, seed=11, now=NOW)
        return sandboxes

    one, two = seed(), seed()
    for kind in ("customer", "subscription", "invoice", "charge"):
        ids = list(getattr(one.stripe, f"{kind}s").objects)
        assert ids == list(getattr(two.stripe, f"{kind}s").objects)
        assert [one.stripe.rendered(kind, i) for i in ids] == [
            two.stripe.rendered(kind, i) for i in ids]
    for kind in ("companies", "contacts"):
        ids = [str(i) for i in one.hubspot.tables[kind].ids]
        assert ids == [str(i) for i in two.hubspot.tables[kind].ids]
        assert [one.hubspot.object_json(kind, i) for i in ids] == [
            two.hubspot.object_json(kind, i) for i in ids]
    for name, table in one.salesforce.tables.items():
        assert table.rows == two.salesforce.tables[name].rows
