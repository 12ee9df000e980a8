"""Identity resolution across sources, and billing overriding the CRM's stage."""

from __future__ import annotations

from typing import Any

from domain.enums import Source, Stage, SyncStatus
from domain.models import Customer, CustomerLink, LifecycleTransition, Opportunity, Organization
from integrations.sandbox.app import Sandboxes
from tests.support.api import keys_for
from tests.support.sync import connect
from tests.test_sync_stripe import sync


def acme(sandboxes: Sandboxes) -> None:
    sandboxes.hubspot.put_company("901", {"name": "Acme (HubSpot)", "domain": "acme.io",
                                          "lifecyclestage": "customer", "industry": "Software"})
    account = sandboxes.salesforce.put("Account", {
        "Name": "Acme Corporation", "Website": "https://www.acme.io/", "Industry": "Technology",
        "BillingCountry": "DE", "Type": "Customer - Direct"})
    sandboxes.salesforce.put("Opportunity", {
        "Name": "Acme renewal", "AccountId": account, "StageName": "Negotiation/Review",
        "Amount": 12000, "CloseDate": "2025-03-01"})
    sandboxes.stripe.put_customer({"id": "cus_acme", "email": "finance@acme.io",
                                   "name": "ACME billing", "currency": "eur"})
    sandboxes.stripe.put_subscription({
        "id": "sub_acme", "customer": "cus_acme", "status": "active", "currency": "eur",
        "items": [{"quantity": 10, "price": {"unit_amount": 5000, "currency": "eur",
                                             "recurring": {"interval": "month"}}}]})


async def test_one_customer_across_three_sources_with_three_links(
        org: Organization, other_org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    acme(sandboxes)
    for tenant in (org, other_org):
        await connect(tenant.id, sandboxes)
    for source in ("HUBSPOT", "SALESFORCE", "STRIPE"):
        run = await sync(gql, source, "FULL")
        assert run.status is SyncStatus.SUCCEEDED, run.message

    customers = await Customer.filter(organization_id=org.id)
    assert len(customers) == 1
    customer = customers[0]
    links = {link.source: link for link in
             await CustomerLink.filter(customer_id=customer.id)}
    assert set(links) == {Source.HUBSPOT, Source.SALESFORCE, Source.STRIPE}
    assert (links[Source.HUBSPOT].matched_by, links[Source.SALESFORCE].matched_by,
            links[Source.STRIPE].matched_by) == ("created", "domain", "domain")
    # Field owners: Salesforce names the account, Stripe owns billing email and currency.
    assert (customer.name, customer.email, customer.currency, customer.country) == (
        "Acme Corporation", "finance@acme.io", "EUR", "DE")
    assert customer.domain == "acme.io" and str(customer.mrr) == "500.00"
    assert customer.stage is Stage.CUSTOMER
    assert await Opportunity.filter(customer_id=customer.id).count() == 1

    # The other organization's syncs never touched this customer (nothing synced there).
    assert await Customer.filter(organization_id=other_org.id).count() == 0
    gql.keys = await keys_for(other_org.id)
    await sync(gql, "STRIPE", "FULL")
    theirs = await Customer.get(organization_id=other_org.id)
    assert theirs.id != customer.id
    assert await CustomerLink.filter(customer_id=customer.id).count() == 3


async def test_billing_churns_a_customer_the_crm_still_calls_customer(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    acme(sandboxes)
    await connect(org.id, sandboxes)
    for source in ("HUBSPOT", "STRIPE"):
        await sync(gql, source, "FULL")
    sandboxes.stripe.put_subscription({"id": "sub_acme", "status": "canceled"})
    run = await sync(gql, "STRIPE", "INCREMENTAL")
    assert (run.status, run.updated) == (SyncStatus.SUCCEEDED, 1)
    await sync(gql, "HUBSPOT", "FULL")  # the CRM still says customer

    customer = await Customer.get(organization_id=org.id)
    assert customer.stage is Stage.CHURNED and str(customer.mrr) == "0.00"
    last = await LifecycleTransition.filter(customer_id=customer.id).order_by("-id").first()
    assert last is not None
    assert (last.from_stage, last.to_stage, last.source) == (
        Stage.CUSTOMER, Stage.CHURNED, Source.STRIPE)
    assert "sub_acme" in last.reason

    sandboxes.stripe.put_subscription({"id": "sub_back", "customer": "cus_acme",
                                       "status": "active", "currency": "eur", "items": [
        {"quantity": 1, "price": {"unit_amount": 9900, "currency": "eur",
                                  "recurring": {"interval": "month"}}}]})
    await sync(gql, "STRIPE", "INCREMENTAL")
    customer = await Customer.get(id=customer.id)
    assert customer.stage is Stage.REACTIVATED and str(customer.mrr) == "99.00"
