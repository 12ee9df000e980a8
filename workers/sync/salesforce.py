"""Salesforce: Account, Contact, Lead, Opportunity and OpportunityHistory by SOQL on
SystemModstamp (after the last sync's watermark when incremental), then deletions from
queryAll. Stage and status meanings come from the org's own OpportunityStage and
LeadStatus rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.enums import Source, Stage, SyncMode
from domain.sync import vocab
from domain.sync.records import (
    AccountRecord,
    Batch,
    ContactRecord,
    Deletion,
    LeadRecord,
    OpportunityRecord,
    StageHistoryRecord,
)
from integrations.http import BadResponse
from integrations.salesforce import (
    ACCOUNT,
    CONTACT,
    INVALID_QUERY_LOCATOR,
    LEAD,
    OPPORTUNITY,
    OPPORTUNITY_HISTORY,
    LeadStatusInfo,
    OpportunityStageInfo,
    SalesforceClient,
    SfAccount,
    SfContact,
    SfLead,
    SfOpportunity,
    SfOpportunityHistory,
    SObject,
)
from workers.sync.base import Connect, Fetched, Plan, Stream

LOOK_BACK = timedelta(minutes=1)  # late commits can carry a slightly earlier SystemModstamp
SF = Source.SALESFORCE


class Vocabulary:
    def __init__(self, stages: tuple[OpportunityStageInfo, ...],
                 statuses: tuple[LeadStatusInfo, ...]) -> None:
        self.stages = {s.label: s for s in stages} | {s.api_name: s for s in stages}
        self.statuses = {s.label: s for s in statuses} | {s.api_name: s for s in statuses}

    def opportunity_stage(self, label: str, is_closed: bool, is_won: bool,
                          probability: float | None) -> Any:
        info = self.stages.get(label)
        if info is not None:
            is_closed, is_won = info.is_closed, info.is_won
            probability = probability if probability is not None else info.probability
        fraction = probability / 100 if probability is not None else None
        return vocab.opportunity_stage(label, is_closed=is_closed, is_won=is_won,
                                       probability=fraction)

    def account(self, a: SfAccount) -> AccountRecord:
        kind = (a.type or "").lower()
        country = (a.billing_country or "").strip()
        return AccountRecord(
            source=SF, external_id=a.id, name=a.name or a.id, created_at=a.created_date,
            domain=a.website, industry=a.industry,
            country=country if len(country) == 2 else None,
            stage=Stage.CUSTOMER if "customer" in kind else None, stage_label=a.type or "")

    def lead(self, lead: SfLead) -> LeadRecord:
        info = self.statuses.get(lead.status)
        converted = lead.is_converted or bool(info and info.is_converted)
        status = vocab.lead_status(lead.status, is_converted=converted)
        name = " ".join(p for p in (lead.first_name, lead.last_name) if p) or lead.company or ""
        converted_at = (datetime.combine(lead.converted_date, datetime.min.time(),
                                         lead.created_date.tzinfo)
                        if lead.converted_date else None)
        return LeadRecord(
            source=SF, external_id=lead.id, name=name, email=lead.email,
            channel=lead.lead_source or "unknown", status=status, created_at=lead.created_date,
            converted_at=converted_at, account_id=lead.converted_account_id,
            stage=vocab.lead_stage(status),
            attributes={"company": lead.company, "status": lead.status})

    def opportunity(self, o: SfOpportunity) -> OpportunityRecord:
        stage = self.opportunity_stage(o.stage_name, o.is_closed, o.is_won, o.probability)
        probability = (o.probability if o.probability is not None else 0.0) / 100
        return OpportunityRecord(
            source=SF, external_id=o.id, account_id=o.account_id, name=o.name or o.id,
            amount=o.amount if o.amount is not None else Decimal(0), currency="USD",
            stage=stage, probability=probability,
            forecast_category=vocab.forecast_category(
                o.forecast_category_name, is_closed=o.is_closed, is_won=o.is_won,
                probability=probability),
            close_date=o.close_date, is_closed=o.is_closed, is_won=o.is_won,
            created_at=o.created_date)

    def history(self, h: SfOpportunityHistory) -> StageHistoryRecord:
        info = self.stages.get(h.stage_name)
        stage = self.opportunity_stage(h.stage_name, bool(info and info.is_closed),
                                       bool(info and info.is_won), None)
        return StageHistoryRecord(source=SF, external_id=h.id, opportunity_id=h.opportunity_id,
                                  stage=stage, at=h.created_date)


def contact(c: SfContact) -> ContactRecord:
    name = " ".join(p for p in (c.first_name, c.last_name) if p)
    return ContactRecord(source=SF, external_id=c.id, account_id=c.account_id, email=c.email,
                         name=name, created_at=c.created_date)


async def plan(connect: Connect) -> Plan:
    secrets = connect.credentials.secrets
    client = SalesforceClient(secrets["client_id"], secrets["client_secret"],
                              login_url=connect.credentials.base_url,
                              transport=connect.transport, policy=connect.policy,
                              sleep=connect.sleep)
    words = Vocabulary(await client.opportunity_stages(), await client.lead_statuses())

    def changed(sobject: SObject[Any], add: Callable[[Batch, Any], None]) -> Stream:
        async def fetch(cursor: str | None, since: str | None) -> Fetched:
            start = datetime.fromisoformat(since) - LOOK_BACK if since else None
            try:
                page = await client.query_changed(sobject, cursor=cursor, since=start)
            except BadResponse as exc:
                if cursor is None or exc.code != INVALID_QUERY_LOCATOR:
                    raise
                page = await client.query_changed(sobject, since=start)  # locator expired
            batch = Batch()
            for record in page.items:
                add(batch, record)
            mark = max((r.system_modstamp for r in page.items), default=None)
            return Fetched(batch, page.next_cursor, mark.isoformat() if mark else None)

        return Stream(sobject.name, fetch, since_key=f"salesforce.{sobject.name}")

    def deleted(sobject: SObject[Any], kind: str) -> Stream:
        async def fetch(cursor: str | None, since: str | None) -> Fetched:
            start = datetime.fromisoformat(since) - LOOK_BACK if since else None
            if start is None:
                return Fetched(Batch(), None)
            page = await client.query_deleted(sobject, cursor=cursor, since=start)
            batch = Batch(deletions=[Deletion(SF, kind, r.id) for r in page.items])
            return Fetched(batch, page.next_cursor)

        return Stream(f"deleted {sobject.name}", fetch,
                      since_key=f"salesforce.{sobject.name}")

    streams = [
        changed(ACCOUNT, lambda b, r: b.accounts.append(words.account(r))),
        changed(CONTACT, lambda b, r: b.contacts.append(contact(r))),
        changed(LEAD, lambda b, r: b.leads.append(words.lead(r))),
        changed(OPPORTUNITY, lambda b, r: b.opportunities.append(words.opportunity(r))),
        changed(OPPORTUNITY_HISTORY, lambda b, r: b.history.append(words.history(r))),
    ]
    if connect.mode is SyncMode.INCREMENTAL:
        streams += [deleted(OPPORTUNITY, "opportunity"), deleted(LEAD, "lead"),
                    deleted(CONTACT, "contact"), deleted(ACCOUNT, "account")]
    return Plan(streams, client.aclose)
