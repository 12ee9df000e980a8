"""HubSpot: companies, contacts and deals (with their company associations) from the list
endpoints in full; from the search API on the last-modified date when incremental. The
portal's own lifecycle-stage options and deal stages give the stages their meaning."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.enums import Source, SyncMode
from domain.sync import vocab
from domain.sync.records import (
    AccountRecord,
    Batch,
    Deletion,
    LeadRecord,
    OpportunityRecord,
)
from integrations.hubspot import HubSpotClient
from integrations.hubspot.records import (
    DealStage,
    HubSpotCompany,
    HubSpotContact,
    HubSpotDeal,
    PropertyOption,
)
from integrations.pages import Page
from workers.sync.base import Connect, Fetched, Plan, Stream

HS = Source.HUBSPOT
FULL_SYNC_MARGIN = timedelta(minutes=5)
DELETED_AS = {"companies": "account", "contacts": "lead", "deals": "opportunity"}


def stage_map(options: tuple[PropertyOption, ...]) -> dict[str, Any]:
    return vocab.lifecycle_map(vocab.StageOption(o.value, o.label, o.display_order)
                               for o in options)


class Vocabulary:
    def __init__(self, companies: tuple[PropertyOption, ...],
                 contacts: tuple[PropertyOption, ...], deals: tuple[DealStage, ...]) -> None:
        self.company_stages = stage_map(companies)
        self.contact_stages = stage_map(contacts)
        self.deal_stages = {d.id: d for d in deals}

    def account(self, c: HubSpotCompany) -> AccountRecord:
        country = (c.country or "").strip()
        return AccountRecord(
            source=HS, external_id=c.id, name=c.name or c.domain or c.id,
            created_at=c.created_at, domain=c.domain, industry=c.industry,
            country=country if len(country) == 2 else None,
            stage=self.company_stages.get(c.lifecyclestage or ""),
            stage_label=c.lifecyclestage or "", deleted=c.archived)

    def lead(self, c: HubSpotContact) -> LeadRecord:
        stage = self.contact_stages.get(c.lifecyclestage or "")
        status = vocab.lead_status(c.lead_status)
        if stage is not None and stage.value == "customer":
            status = vocab.lead_status("converted", is_converted=True)
        name = " ".join(p for p in (c.firstname, c.lastname) if p) or (c.email or "")
        return LeadRecord(
            source=HS, external_id=c.id, name=name, email=c.email,
            channel=c.properties.get("hs_analytics_source") or "hubspot", status=status,
            created_at=c.created_at, account_id=c.company_ids[0] if c.company_ids else None,
            stage=stage, attributes={"lifecyclestage": c.lifecyclestage,
                                     "lead_status": c.lead_status})

    def opportunity(self, d: HubSpotDeal) -> OpportunityRecord:
        info = self.deal_stages.get(d.dealstage or "")
        label = info.label if info else (d.dealstage or "")
        probability = info.probability if info and info.probability is not None else 0.0
        is_closed = bool(info and info.is_closed)
        is_won = is_closed and probability >= 1.0
        close = d.closedate.date() if d.closedate else date.today()
        return OpportunityRecord(
            source=HS, external_id=d.id, account_id=d.company_ids[0] if d.company_ids else None,
            name=d.dealname or d.id, amount=d.amount if d.amount is not None else Decimal(0),
            currency=(d.properties.get("deal_currency_code") or "USD"),
            stage=vocab.opportunity_stage(label, is_closed=is_closed, is_won=is_won,
                                          probability=probability),
            probability=probability,
            forecast_category=vocab.forecast_category(None, is_closed=is_closed, is_won=is_won,
                                                      probability=probability),
            close_date=close, is_closed=is_closed, is_won=is_won, created_at=d.created_at)


def add_deal(words: Vocabulary, batch: Batch, d: HubSpotDeal) -> None:
    if d.archived:
        batch.deletions.append(Deletion(HS, "opportunity", d.id))
    else:
        batch.opportunities.append(words.opportunity(d))


def add_contact(words: Vocabulary, batch: Batch, c: HubSpotContact) -> None:
    if c.archived:
        batch.deletions.append(Deletion(HS, "lead", c.id))
    else:
        batch.leads.append(words.lead(c))


async def plan(connect: Connect) -> Plan:
    client = HubSpotClient(connect.credentials.secrets["access_token"],
                           base_url=connect.credentials.base_url, transport=connect.transport,
                           policy=connect.policy, sleep=connect.sleep)
    words = Vocabulary(await client.lifecycle_stages("companies"),
                       await client.lifecycle_stages("contacts"), await client.deal_stages())
    incremental = connect.mode is SyncMode.INCREMENTAL
    adders: dict[str, Callable[[Batch, Any], None]] = {
        "companies": lambda b, c: b.accounts.append(words.account(c)),
        "contacts": lambda b, c: add_contact(words, b, c),
        "deals": lambda b, d: add_deal(words, b, d),
    }
    listing: dict[str, Callable[..., Awaitable[Page[Any]]]] = {
        "companies": client.list_companies, "contacts": client.list_contacts,
               "deals": client.list_deals}

    def stream(kind: str) -> Stream:
        add = adders[kind]

        async def fetch(cursor: str | None, since: str | None) -> Fetched:
            if incremental:
                start = datetime.fromisoformat(since) if since else None
                page = await client.search_modified(kind, cursor=cursor, since=start)
            else:
                # The lists page by id, so an object edited after its page was read can
                # come before a later page's newest change: a full sync's watermark is the
                # time its stream began (less a margin for HubSpot's search index lag).
                began = datetime.now(UTC) - FULL_SYNC_MARGIN if cursor is None else None
                page = await listing[kind](cursor=cursor)
            batch = Batch()
            for item in page.items:
                add(batch, item)
            if not incremental:
                return Fetched(batch, page.next_cursor, began.isoformat() if began else None)
            mark = max((i.updated_at for i in page.items), default=None)
            return Fetched(batch, page.next_cursor, mark.isoformat() if mark else None)

        return Stream(kind, fetch, since_key=f"hubspot.{kind}")

    def archived(kind: str) -> Stream:
        async def fetch(cursor: str | None, since: str | None) -> Fetched:
            page = await client.list_archived(kind, cursor=cursor)
            start = datetime.fromisoformat(since) if since else None
            gone = [i.id for i in page.items if start is None or i.updated_at >= start]
            return Fetched(Batch(deletions=[Deletion(HS, DELETED_AS[kind], i) for i in gone]),
                           page.next_cursor)

        return Stream(f"archived {kind}", fetch, since_key=f"hubspot.{kind}")

    streams = [stream("companies"), stream("contacts"), stream("deals")]
    if incremental:  # search never returns archived objects: read them from the lists
        streams += [archived("deals"), archived("contacts"), archived("companies")]
    return Plan(streams, client.aclose)
