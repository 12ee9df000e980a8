"""Writing CRM records (HubSpot contacts and deals, Salesforce contacts, leads,
opportunities and their stage history), and the journey moves they report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.enums import OpportunityStage, Source, Stage
from domain.journeys.rules import FUNNEL
from domain.models import Contact, Lead, Opportunity, OpportunityStageChange
from domain.sync.identity import SOURCE_COLUMN, linked, normalise_email
from domain.sync.journey import advance, furthest
from domain.sync.outcome import Outcome
from domain.sync.records import (
    ContactRecord,
    Deletion,
    LeadRecord,
    OpportunityRecord,
    StageHistoryRecord,
)
from domain.sync.upsert import ids_by, update_all, upsert


async def write_contacts(org_id: int, source: Source, records: Sequence[ContactRecord]
                         ) -> Outcome:
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    customers = await linked(org_id, source, (r.account_id for r in records if r.account_id))
    rows = {r.external_id: {
        "customer_id": customers.get(r.account_id or ""), "email": normalise_email(r.email),
        "name": r.name[:255], "created_at": r.created_at} for r in records}
    await upsert(Contact, org_id, "external_id", rows, out, scope={"source": source})
    return out


async def write_leads(org_id: int, source: Source, records: Sequence[LeadRecord],
                      now: datetime) -> Outcome:
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    customers = await linked(org_id, source, (r.account_id for r in records if r.account_id))
    rows: dict[str, dict[str, Any]] = {}
    reports: dict[int, tuple[Stage, str]] = {}
    for r in records:
        cid = customers.get(r.account_id or "")
        rows[r.external_id] = {
            "customer_id": cid, "name": r.name[:255], "email": normalise_email(r.email),
            "source": (r.channel or "unknown")[:100], "status": r.status,
            "attributes": r.attributes, "created_at": r.created_at,
            "converted_at": r.converted_at}
        if cid is not None and r.stage is not None:
            reports[cid] = furthest(reports.get(cid), r.stage,
                                    f"{source.value}: lead {r.external_id} is {r.status.value}"
                                    f" ({r.stage.value})", FUNNEL)
    await upsert(Lead, org_id, SOURCE_COLUMN[source], rows, out)
    await advance(org_id, source, reports, now)
    return out


def _opportunity_stage(r: OpportunityRecord) -> Stage | None:
    if r.is_won:
        return Stage.CUSTOMER
    return None if r.is_closed else Stage.OPPORTUNITY


async def write_opportunities(org_id: int, source: Source,
                              records: Sequence[OpportunityRecord], now: datetime) -> Outcome:
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    customers = await linked(org_id, source, (r.account_id for r in records if r.account_id))
    rows: dict[str, dict[str, Any]] = {}
    reports: dict[int, tuple[Stage, str]] = {}
    for r in records:
        cid = customers.get(r.account_id or "")
        if cid is None:
            out.fail("opportunity", r.external_id, "UNKNOWN_ACCOUNT",
                     f"account {r.account_id} is not synced" if r.account_id
                     else "the opportunity has no account")
            continue
        rows[r.external_id] = {
            "customer_id": cid, "name": r.name[:255], "amount": r.amount,
            "currency": r.currency.upper()[:3], "stage": r.stage, "probability": r.probability,
            "forecast_category": r.forecast_category, "close_date": r.close_date,
            "is_closed": r.is_closed, "is_won": r.is_won, "created_at": r.created_at}
        stage = _opportunity_stage(r)
        if stage is not None:
            reports[cid] = furthest(reports.get(cid), stage,
                                    f"{source.value}: opportunity {r.external_id} is "
                                    f"{r.stage.value}", FUNNEL)
    await upsert(Opportunity, org_id, SOURCE_COLUMN[source], rows, out)
    await advance(org_id, source, reports, now)
    return out


async def write_history(org_id: int, records: Sequence[StageHistoryRecord]) -> Outcome:
    """Salesforce OpportunityHistory rows; `from_stage` is recomputed along each
    opportunity's history, so rows arriving out of order still chain correctly."""
    out = Outcome()
    records = list({r.external_id: r for r in records}.values())
    opportunities = await ids_by(Opportunity, org_id, "salesforce_id",
                                 [r.opportunity_id for r in records])
    rows: dict[str, dict[str, Any]] = {}
    for r in records:
        oid = opportunities.get(r.opportunity_id)
        if oid is None:
            out.fail("opportunity_history", r.external_id, "UNKNOWN_OPPORTUNITY",
                     f"opportunity {r.opportunity_id} is not synced")
            continue
        rows[r.external_id] = {"opportunity_id": oid, "to_stage": r.stage, "at": r.at}
    await upsert(OpportunityStageChange, org_id, "salesforce_id", rows, out)
    await _rechain(org_id, {v["opportunity_id"] for v in rows.values()})
    return out


async def _rechain(org_id: int, opportunity_ids: set[int]) -> None:
    if not opportunity_ids:
        return
    changes = await OpportunityStageChange.filter(
        organization_id=org_id, opportunity_id__in=list(opportunity_ids)
    ).order_by("opportunity_id", "at", "id")
    fixed: list[OpportunityStageChange] = []
    previous: tuple[int, OpportunityStage] | None = None
    for change in changes:
        before = previous[1] if previous and previous[0] == change.opportunity_id else None
        if change.from_stage != before:
            setattr(change, "from_stage", before)  # noqa: B010 (nullable field)
            fixed.append(change)
        previous = (change.opportunity_id, change.to_stage)
    await update_all(OpportunityStageChange, fixed, {"from_stage": "text"})


async def apply_deletions(org_id: int, deletions: Sequence[Deletion]) -> Outcome:
    """Leads, contacts and opportunities deleted at the source are deleted here (with an
    opportunity's history); accounts are handled as account records (unlinked)."""
    out = Outcome()
    for source in {d.source for d in deletions}:
        column = SOURCE_COLUMN[source]
        by_kind: dict[str, list[str]] = {}
        for d in deletions:
            if d.source is source:
                by_kind.setdefault(d.kind, []).append(d.external_id)
        removed = 0
        if ids := by_kind.get("lead"):
            removed += await Lead.filter(organization_id=org_id, **{f"{column}__in": ids}).delete()
        if ids := by_kind.get("contact"):
            removed += await Contact.filter(organization_id=org_id, source=source,
                                            external_id__in=ids).delete()
        if ids := by_kind.get("opportunity"):
            found = await ids_by(Opportunity, org_id, column, ids)
            await OpportunityStageChange.filter(opportunity_id__in=list(found.values())).delete()
            removed += await Opportunity.filter(id__in=list(found.values())).delete()
        if ids := by_kind.get("opportunity_history"):
            removed += await OpportunityStageChange.filter(
                organization_id=org_id, salesforce_id__in=ids).delete()
        out.updated += removed
        out.unchanged += sum(len(v) for v in by_kind.values()) - removed
    return out
