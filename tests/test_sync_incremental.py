"""Incremental syncs read only what changed since the last successful run: HubSpot through
the search API on the last-modified date, Salesforce on SystemModstamp with queryAll for
deletions, Stripe through the events list."""

from __future__ import annotations

from typing import Any

from domain.enums import LeadStatus, OpportunityStage, Source, Stage, SyncStatus
from domain.models import (
    Customer,
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
    for i in range(250):
        hub.put_company(str(1000 + i), {"name": f"Co {i}", "domain": f"co{i}.example",
                                         "lifecyclestage": "lead"})
        hub.put_contact(str(5000 + i), {"email": f"p{i}@co{i}.example", "firstname": "P",
                                         "lastname": str(i), "lifecyclestage": "lead"},
                        company_ids=[str(1000 + i)])
    await connect(org.id, sandboxes, Source.HUBSPOT)
    full = await sync(gql, "HUBSPOT", "FULL")
    assert (full.status, full.created) == (SyncStatus.SUCCEEDED, 500)

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
