"""Incremental syncs read only what changed since the last successful run: HubSpot through
the search API on the last-modified date, Salesforce on SystemModstamp with queryAll for
deletions, Stripe through the events list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from domain.enums import LeadStatus, OpportunityStage, Source, Stage, SyncStatus
from domain.models import (
    Customer,
    CustomerLink,
    Lead,
    LifecycleTransition,
    Opportunity,
    OpportunityStageChange,
    Organization,
)
from integrations.sandbox.app import Sandboxes
from tests.support.sync import connect
from tests.test_sync_stripe import sync


async def test_hubspot_incremental_reads_changes_and_moves_the_journey_forward_only(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    hub = sandboxes.hubspot
    hub.set_clock(datetime.now(UTC) - timedelta(hours=2))  # the portal's history
    for i in range(250):
        hub.put_company(str(1000 + i), {"name": f"Co {i}", "domain": f"co{i}.example",
                                         "lifecyclestage": "lead"})
        hub.put_contact(str(5000 + i), {"email": f"p{i}@co{i}.example", "firstname": "P",
                                         "lastname": str(i), "lifecyclestage": "lead"},
                        company_ids=[str(1000 + i)])
    await connect(org.id, sandboxes, Source.HUBSPOT)
    full = await sync(gql, "HUBSPOT", "FULL")
    assert (full.status, full.created) == (SyncStatus.SUCCEEDED, 500)

    hub.set_clock(datetime.now(UTC))
    hub.put_company("1007", {"lifecyclestage": "salesqualifiedlead"})
    hub.put_contact("5008", {"lifecyclestage": "marketingqualifiedlead",
                             "hs_lead_status": "IN_PROGRESS"})
    hub.put_company("1009", {"lifecyclestage": "lead"})  # touched, not changed
    run = await sync(gql, "HUBSPOT", "INCREMENTAL")
    assert run.status is SyncStatus.SUCCEEDED
    assert run.created == 0 and run.updated == 2
    assert run.unchanged <= 3  # the touched one, and the boundary of the watermark

    moved = await Customer.get(organization_id=org.id, hubspot_id="1007")
    assert moved.stage is Stage.SQL
    step = await LifecycleTransition.filter(customer_id=moved.id).order_by("-id").first()
    assert step is not None and (step.from_stage, step.to_stage, step.source) == (
        Stage.LEAD, Stage.SQL, Source.HUBSPOT)
    lead = await Lead.get(organization_id=org.id, hubspot_id="5008")
    assert lead.status is LeadStatus.WORKING
    assert (await Customer.get(id=lead.customer_id)).stage is Stage.MQL

    hub.put_company("1007", {"lifecyclestage": "lead"})  # the CRM goes backwards
    await sync(gql, "HUBSPOT", "INCREMENTAL")
    assert (await Customer.get(id=moved.id)).stage is Stage.SQL


async def test_portal_specific_lifecycle_stages_are_read_not_assumed(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    sandboxes.hubspot.set_lifecycle_options([
        {"value": "lead", "label": "Lead", "displayOrder": 0},
        {"value": "1234567", "label": "Trial user", "displayOrder": 1},
        {"value": "marketingqualifiedlead", "label": "MQL", "displayOrder": 2},
        {"value": "customer", "label": "Customer", "displayOrder": 3},
        {"value": "98765", "label": "Paying customer (enterprise)", "displayOrder": 4},
    ])
    sandboxes.hubspot.put_company("1", {"name": "Trial Co", "domain": "trial.example",
                                        "lifecyclestage": "1234567"})
    sandboxes.hubspot.put_company("2", {"name": "Big Co", "domain": "big.example",
                                        "lifecyclestage": "98765"})
    await connect(org.id, sandboxes, Source.HUBSPOT)
    await sync(gql, "HUBSPOT", "FULL")
    trial = await Customer.get(organization_id=org.id, hubspot_id="1")
    big = await Customer.get(organization_id=org.id, hubspot_id="2")
    assert (trial.stage, big.stage) == (Stage.LEAD, Stage.CUSTOMER)


async def test_salesforce_incremental_follows_systemmodstamp_and_applies_deletions(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    sf = sandboxes.salesforce
    account = sf.put("Account", {"Name": "Globex", "Website": "globex.example"})
    opportunity = sf.put("Opportunity", {"Name": "Globex expansion", "AccountId": account,
                                         "StageName": "Prospecting", "Amount": 5000,
                                         "CloseDate": "2025-06-30"})
    lead = sf.put("Lead", {"LastName": "Doe", "Company": "Initrode", "Email": "jd@initrode.io",
                           "Status": "Open - Not Contacted", "LeadSource": "Web"})
    await connect(org.id, sandboxes, Source.SALESFORCE)
    full = await sync(gql, "SALESFORCE", "FULL")
    assert full.status is SyncStatus.SUCCEEDED, full.message
    assert (await Lead.get(organization_id=org.id, salesforce_id=lead)).status is \
        LeadStatus.OPEN
    customer = await Customer.get(organization_id=org.id, salesforce_id=account)
    assert customer.stage is Stage.OPPORTUNITY

    sf.clock.advance(120)
    sf.put("Opportunity", {"Id": opportunity, "StageName": "Closed Won"})
    sf.delete("Lead", lead)
    run = await sync(gql, "SALESFORCE", "INCREMENTAL")
    assert run.status is SyncStatus.SUCCEEDED, run.message
    assert run.created >= 1 and run.updated >= 2  # the opportunity, its history, the lead

    row = await Opportunity.get(organization_id=org.id, salesforce_id=opportunity)
    assert (row.stage, row.is_won, row.is_closed) == (OpportunityStage.CLOSED_WON, True, True)
    history = await OpportunityStageChange.filter(opportunity_id=row.id).order_by("at", "id")
    assert [(h.from_stage, h.to_stage) for h in history] == [
        (None, OpportunityStage.PROSPECTING),
        (OpportunityStage.PROSPECTING, OpportunityStage.CLOSED_WON)]
    assert not await Lead.filter(organization_id=org.id, salesforce_id=lead).exists()
    assert (await Customer.get(id=customer.id)).stage is Stage.CUSTOMER


async def test_hubspot_deals_use_the_portals_deal_stages(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    hub = sandboxes.hubspot
    hub.put_company("300", {"name": "Hooli", "domain": "hooli.example",
                            "lifecyclestage": "lead"})
    hub.put_deal("700", {"dealname": "Hooli pilot", "amount": "24000.50",
                         "dealstage": "contractsent", "pipeline": "default",
                         "closedate": "2025-09-30T00:00:00Z"}, company_ids=["300"])
    hub.put_deal("701", {"dealname": "Hooli lost", "amount": "100", "dealstage": "closedlost",
                         "pipeline": "default"}, company_ids=["300"])
    await connect(org.id, sandboxes, Source.HUBSPOT)
    run = await sync(gql, "HUBSPOT", "FULL")
    assert (run.status, run.created, run.failed) == (SyncStatus.SUCCEEDED, 3, 0)
    pilot = await Opportunity.get(organization_id=org.id, hubspot_id="700")
    assert (str(pilot.amount), pilot.stage, pilot.is_closed) == (
        "24000.50", OpportunityStage.NEGOTIATION, False)
    lost = await Opportunity.get(organization_id=org.id, hubspot_id="701")
    assert (lost.stage, lost.is_closed, lost.is_won) == (OpportunityStage.CLOSED_LOST, True,
                                                         False)
    customer = await Customer.get(organization_id=org.id, hubspot_id="300")
    assert customer.stage is Stage.OPPORTUNITY  # an open deal moves the account forward

    hub.archive("deals", "701")
    again = await sync(gql, "HUBSPOT", "INCREMENTAL")
    assert again.status is SyncStatus.SUCCEEDED
    assert not await Opportunity.filter(organization_id=org.id, hubspot_id="701").exists()


async def test_a_change_made_during_a_full_hubspot_sync_is_not_lost(
        org: Organization, gql: Any, sandboxes: Sandboxes, runtime: Any) -> None:
    hub = sandboxes.hubspot
    hub.set_clock(datetime.now(UTC) - timedelta(hours=2))
    for i in range(250):  # three pages of companies, listed by id
        hub.put_company(str(2000 + i), {"name": f"Co {i}", "domain": f"c{i}.example"})
    hub.set_clock(datetime.now(UTC))
    inner = httpx.ASGITransport(app=sandboxes.app)
    served: list[str] = []

    class EditsWhileListing(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await inner.handle_async_request(request)
            if request.url.path.endswith("/objects/companies") and request.method == "GET":
                served.append(request.url.params.get("after", ""))
                if len(served) == 1:  # page 1 was read: company 2000 changes after it,
                    hub.put_company("2000", {"name": "Renamed after its page was read"})
                    hub.put_company("2249", {"name": "Renamed on the last page"})
            return response

    runtime.ctx["transport"] = EditsWhileListing()
    await connect(org.id, sandboxes, Source.HUBSPOT)
    full = await sync(gql, "HUBSPOT", "FULL")
    assert full.status is SyncStatus.SUCCEEDED and len(served) == 3
    stale = await Customer.get(organization_id=org.id, hubspot_id="2000")
    assert stale.name == "Co 0"  # read before the change

    run = await sync(gql, "HUBSPOT", "INCREMENTAL")
    assert run.status is SyncStatus.SUCCEEDED
    assert (await Customer.get(id=stale.id)).name == "Renamed after its page was read"


async def test_two_stripe_customers_naming_one_crm_account_never_merge(
        org: Organization, gql: Any, sandboxes: Sandboxes) -> None:
    account = sandboxes.salesforce.put("Account", {"Name": "Umbrella", "Website": "umbrella.io"})
    for cid, email in (("cus_first", "ap@umbrella-eu.example"),
                       ("cus_second", "ap@umbrella-us.example")):
        sandboxes.stripe.put_customer({"id": cid, "email": email, "name": cid,
                                       "metadata": {"salesforce_account_id": account}})
    await connect(org.id, sandboxes, Source.SALESFORCE, Source.STRIPE)
    await sync(gql, "SALESFORCE", "FULL")
    run = await sync(gql, "STRIPE", "FULL")
    assert (run.created, run.updated) == (1, 1)  # one linked by reference, one new
    crm = await Customer.get(organization_id=org.id, salesforce_id=account)
    links = await CustomerLink.filter(customer_id=crm.id, source=Source.STRIPE)
    assert len(links) == 1 and links[0].matched_by == "reference"
    other = await Customer.get(organization_id=org.id,
                               stripe_id="cus_second" if links[0].external_id == "cus_first"
                               else "cus_first")
    assert other.id != crm.id
