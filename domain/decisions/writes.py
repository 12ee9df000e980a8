"""Writing a campaign and its actions: all in one transaction, all or nothing.

The campaign row goes first. A nightly campaign's `batch_key` is unique per organization:
when the key is taken (an earlier run, or a concurrent one that committed first; on
PostgreSQL `ON CONFLICT DO NOTHING` waits for the other transaction and then finds the key
taken) nothing is written and the existing campaign is returned. The actions follow in
chunks whose rows (and audit trails, as JSON) are built in a thread while the previous
chunk is written: binary COPY on PostgreSQL, batched INSERTs elsewhere.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.db import is_postgres
from domain.decisions import batch
from domain.enums import ActionStatus, CampaignKind, CampaignStatus
from domain.models import Action, Campaign
from domain.sql import db_value, dialect_sql, placeholders

CHUNK = 10_000
ACTION_COLUMNS = (
    "organization_id", "campaign_id", "incentive_id", "arm", "customer_id", "segment",
    "risk_level", "tier", "route", "status", "control", "churn_probability", "clv", "mrr",
    "cost", "expected_gain", "expected_roi", "priority", "urgency_days", "explanation",
    "message", "review_note", "decided_at")


@dataclass(frozen=True)
class CampaignDraft:
    organization_id: int
    kind: CampaignKind
    name: str
    batch_key: str | None
    audience: dict[str, Any]
    summary: dict[str, Any]
    model_versions: dict[str, Any]
    decided_at: datetime
    window_ends_at: datetime


@dataclass(frozen=True)
class Written:
    campaign: Campaign
    created: bool  # False: the batch key was taken, nothing was written
    actions: int
    approved_ids: list[int]


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def records(plan: batch.Plan, start: int, stop: int, *, org_id: int, campaign_id: int,
            decided_at: Any, messages: Sequence[str] | None) -> list[tuple[Any, ...]]:
    """Action rows start..stop in ACTION_COLUMNS order (CPU-bound: run it in a thread)."""
    (customer, segment, level, tier, route, status, control, p, clv, mrr, cost, gain, roi,
     priority, urgency) = batch.row_values(plan, start, stop)
    arms = batch.arm_codes(plan, start, stop)
    incentives = batch.incentive_ids(plan, start, stop)
    audits = [_dumps(a) for a in batch.explanations(plan, start, stop)]
    texts = list(messages[start:stop]) if messages is not None else [""] * (stop - start)
    return [(org_id, campaign_id, incentives[r], arms[r], customer[r], segment[r], level[r],
             tier[r], route[r], status[r], control[r], p[r], clv[r], mrr[r], cost[r], gain[r],
             roi[r], priority[r], urgency[r], audits[r], texts[r], "", decided_at)
            for r in range(stop - start)]


_INSERT_CAMPAIGN = (
    'INSERT INTO "campaign" (organization_id, kind, name, batch_key, status, audience, '
    "summary, model_versions, decided_at, window_ends_at, created_at) VALUES ($1, $2, $3, $4, "
    "$5, $6::text::jsonb, $7::text::jsonb, $8::text::jsonb, $9, $10, now()) "
    "ON CONFLICT (organization_id, batch_key) DO NOTHING RETURNING id")


async def _existing(draft: CampaignDraft) -> Campaign:
    return await Campaign.get(organization_id=draft.organization_id, batch_key=draft.batch_key)


async def _approved(campaign_id: int) -> list[int]:
    _, rows = await connections.get("default").execute_query(dialect_sql(
        'SELECT id FROM "retention_action" WHERE campaign_id = ? AND status = ? ORDER BY id'),
        [campaign_id, ActionStatus.APPROVED.value])
    return [int(r[0]) for r in rows]


async def write_campaign(draft: CampaignDraft, plan: batch.Plan, *,
                         messages: Sequence[str] | None = None, chunk: int = CHUNK) -> Written:
    """Write the campaign and one action per planned decision (module docstring)."""
    if is_postgres():
        campaign_id = await _write_pg(draft, plan, messages, chunk)
    else:
        campaign_id = await _write_sqlite(draft, plan, messages, chunk)
    if campaign_id is None:
        return Written(await _existing(draft), created=False, actions=0, approved_ids=[])
    campaign = await Campaign.get(id=campaign_id)
    return Written(campaign, created=True, actions=len(plan),
                   approved_ids=await _approved(campaign_id))


async def _chunks(plan: batch.Plan, chunk: int, build: Any) -> Any:
    """Yield row chunks, building the next one in a thread while the caller writes."""
    bounds = [(s, min(s + chunk, len(plan))) for s in range(0, len(plan), chunk)]
    pending = asyncio.ensure_future(asyncio.to_thread(build, *bounds[0])) if bounds else None
    try:
        for n in range(len(bounds)):
            assert pending is not None
            rows = await pending
            pending = (asyncio.ensure_future(asyncio.to_thread(build, *bounds[n + 1]))
                       if n + 1 < len(bounds) else None)
            yield rows
    finally:
        if pending is not None:
            pending.cancel()
            await asyncio.gather(pending, return_exceptions=True)


async def _write_pg(draft: CampaignDraft, plan: batch.Plan, messages: Sequence[str] | None,
                    chunk: int) -> int | None:
    async with in_transaction(), connections.get("default").acquire_connection() as raw:
        campaign_id = await raw.fetchval(
            _INSERT_CAMPAIGN, draft.organization_id, draft.kind.value, draft.name,
            draft.batch_key, CampaignStatus.ACTIVE.value, _dumps(draft.audience),
            _dumps(draft.summary), _dumps(draft.model_versions), draft.decided_at,
            draft.window_ends_at)
        if campaign_id is None:
            return None

        def build(start: int, stop: int) -> list[tuple[Any, ...]]:
            return records(plan, start, stop, org_id=draft.organization_id,
                           campaign_id=campaign_id, decided_at=draft.decided_at,
                           messages=messages)

        async for rows in _chunks(plan, chunk, build):
            await raw.copy_records_to_table("retention_action", records=rows,
                                            columns=list(ACTION_COLUMNS))
    return int(campaign_id)


async def _write_sqlite(draft: CampaignDraft, plan: batch.Plan,
                        messages: Sequence[str] | None, chunk: int) -> int | None:
    insert = (f'INSERT INTO "retention_action" ({", ".join(ACTION_COLUMNS)}) VALUES '
              f"({placeholders(len(ACTION_COLUMNS))})")
    decided = db_value(Action, "decided_at", draft.decided_at)
    try:
        async with in_transaction() as tx:
            campaign = await Campaign.create(
                organization_id=draft.organization_id, kind=draft.kind, name=draft.name,
                batch_key=draft.batch_key, status=CampaignStatus.ACTIVE,
                audience=draft.audience, summary=draft.summary,
                model_versions=draft.model_versions, decided_at=draft.decided_at,
                window_ends_at=draft.window_ends_at)

            def build(start: int, stop: int) -> list[tuple[Any, ...]]:
                return records(plan, start, stop, org_id=draft.organization_id,
                               campaign_id=campaign.id, decided_at=decided, messages=messages)

            async for rows in _chunks(plan, chunk, build):
                await tx.execute_many(insert, [list(r) for r in rows])
    except IntegrityError:
        if draft.batch_key is None:
            raise
        return None
    return campaign.id
