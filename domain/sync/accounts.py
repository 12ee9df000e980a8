"""Writing provider accounts (Stripe customers, HubSpot companies, Salesforce accounts) as
customers: resolve, then create, link or update in a few statements per page.

Which source's value wins for a field: each field has a ranking of sources (Salesforce
owns the firmographics, Stripe the billing email and currency, HubSpot the web domain). A
source overwrites a field when no better-ranked source is linked to the customer, and
otherwise only fills it when empty. An absent value never clears one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.enums import Source, Stage
from domain.models import Customer, CustomerLink, LifecycleTransition
from domain.sync.identity import SOURCE_COLUMN, company_domain, normalise_email, resolve
from domain.sync.outcome import Outcome
from domain.sync.records import AccountRecord
from domain.sync.stages import crm_move
from domain.sync.upsert import create_all, ids_by, update_all

S, H, F = Source.SALESFORCE, Source.HUBSPOT, Source.STRIPE
RANKING: dict[str, tuple[Source, ...]] = {
    "name": (S, H, F), "email": (F, S, H), "domain": (H, S, F), "industry": (S, H, F),
    "country": (S, H, F), "currency": (F, S, H),
}
TYPES = {"name": "text", "email": "text", "domain": "text", "industry": "text",
         "country": "text", "currency": "text", "stage": "text", "updated_at": "timestamptz"}


def _linked_sources(customer: Customer) -> set[Source]:
    return {source for source, column in SOURCE_COLUMN.items() if getattr(customer, column)}


def _wins(field: str, source: Source, linked: set[Source]) -> bool:
    ranking = RANKING[field]
    mine = ranking.index(source) if source in ranking else len(ranking)
    return all(mine <= ranking.index(other) for other in linked if other in ranking)


def _values(record: AccountRecord) -> dict[str, Any]:
    country = (record.country or "").strip().upper()
    return {
        "name": (record.name or "").strip()[:255] or None,
        "email": normalise_email(record.email),
        "domain": company_domain(record),
        "industry": (record.industry or "").strip()[:100] or None,
        "country": country if len(country) == 2 and country.isalpha() else None,
        "currency": (record.currency or "").strip().upper()[:3] or None,
    }


def _dedupe(records: Sequence[AccountRecord]) -> list[AccountRecord]:
    return list({r.external_id: r for r in records}.values())


async def write_accounts(org_id: int, source: Source, records: Sequence[AccountRecord],
                         now: datetime) -> Outcome:
    out = Outcome()
    records = _dedupe(records)
    gone = [r.external_id for r in records if r.deleted]
    if gone:
        await unlink_accounts(org_id, source, gone, out)
    live = [r for r in records if not r.deleted]
    if not live:
        return out
    matches = await resolve(org_id, source, live)
    column = SOURCE_COLUMN[source]
    customers = {c.id: c for c in await Customer.filter(
        organization_id=org_id, id__in=list({m.customer_id for m in matches.values()}))}
    changed: list[Customer] = []
    links: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    new: list[AccountRecord] = []
    for record in live:
        match = matches.get(record.external_id)
        if match is None:
            new.append(record)
            continue
        customer = customers[match.customer_id]
        dirty = False
        if match.by != "link":
            links.append({
                "organization_id": org_id, "customer_id": customer.id, "source": source,
                "external_id": record.external_id, "matched_by": match.by, "created_at": now})
            dirty = True
        if getattr(customer, column) != record.external_id:
            setattr(customer, column, record.external_id)
            dirty = True
        linked = _linked_sources(customer)
        for field, value in _values(record).items():
            current = getattr(customer, field)
            if value is not None and value != current and (
                    current is None or _wins(field, source, linked)):
                setattr(customer, field, value)
                dirty = True
        move = crm_move(customer.stage, record.stage)
        if move is not None:
            steps.append({
                "organization_id": org_id, "customer_id": customer.id,
                "from_stage": customer.stage, "to_stage": move, "at": now, "source": source,
                "reason": f"{source.value}: lifecycle stage {record.stage_label or move.value}"})
            customer.stage = move
            dirty = True
        if dirty:
            customer.updated_at = now
            changed.append(customer)
            out.updated += 1
        else:
            out.unchanged += 1
    await update_all(Customer, changed, {**TYPES, column: "text"})
    if new:
        await _create(org_id, source, new, now)
        out.created += len(new)
    await create_all(CustomerLink, links)
    await create_all(LifecycleTransition, steps)
    return out


async def _create(org_id: int, source: Source, records: list[AccountRecord], now: datetime
                  ) -> None:
    """New customers, their links and first journey step."""
    column = SOURCE_COLUMN[source]
    rows = []
    for record in records:
        values = _values(record)
        rows.append({
            "organization_id": org_id, "name": values["name"] or record.external_id,
            "email": values["email"], "domain": values["domain"],
            "industry": values["industry"], "country": values["country"],
            "currency": values["currency"] or "USD", "mrr": Decimal(0),
            "stage": record.stage or Stage.LEAD, "created_at": record.created_at,
            "first_seen_at": record.created_at, "updated_at": now,
            column: record.external_id})
    returned = await create_all(Customer, rows, returning=("id", column))
    ids = ({str(r[column]): int(r["id"]) for r in returned} if returned else
           await ids_by(Customer, org_id, column, [r.external_id for r in records]))
    await create_all(CustomerLink, [{
        "organization_id": org_id, "customer_id": ids[r.external_id], "source": source,
        "external_id": r.external_id, "matched_by": "created", "created_at": now}
        for r in records])
    await create_all(LifecycleTransition, [{
        "organization_id": org_id, "customer_id": ids[r.external_id], "from_stage": None,
        "to_stage": r.stage or Stage.LEAD, "at": r.created_at, "source": source,
        "reason": f"{source.value}: account {r.external_id} created"} for r in records])


async def unlink_accounts(org_id: int, source: Source, external_ids: list[str],
                          out: Outcome) -> None:
    column = SOURCE_COLUMN[source]
    links = await CustomerLink.filter(
        organization_id=org_id, source=source, external_id__in=external_ids
    ).values_list("id", "customer_id")
    if links:
        await CustomerLink.filter(id__in=[lid for lid, _ in links]).delete()
        await Customer.filter(
            organization_id=org_id, id__in=[cid for _, cid in links],
            **{f"{column}__in": external_ids}).update(**{column: None})
    out.updated += len(links)
    out.unchanged += len(external_ids) - len(links)
