"""Reads of leads: pages newest first (the default) or by score, and current scores per lead
(batched for DataLoaders). A constant number of statements per call."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from domain.enums import LeadStatus
from domain.errors import ValidationFailed
from domain.models import Lead, LeadScore
from domain.pagination import Page, check_first, decode_keyset, keyset_cursor
from domain.pagination_qs import newest_first_page
from domain.sql import select_dicts

SCORE_ORDERING = "lead:score:desc"
UNSCORED = -1.0  # sort value of leads without a score: after every scored one


class LeadOrder(StrEnum):
    CREATED_AT = "created_at"
    SCORE = "score"


async def leads_page(
    org_id: int, *, first: int, after: str | None, status: LeadStatus | None = None,
    source: str | None = None, max_page_size: int = 100, with_total: bool = True,
    order: LeadOrder = LeadOrder.CREATED_AT,
) -> Page[Lead]:
    if order is LeadOrder.SCORE:
        return await _by_score(org_id, first=first, after=after, status=status, source=source,
                               max_page_size=max_page_size, with_total=with_total)
    qs = Lead.filter(organization_id=org_id)
    if status is not None:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    return await newest_first_page(qs, first=first, after=after, max_page_size=max_page_size,
                                   with_total=with_total)


def _score_cursor(after: str) -> tuple[float, int]:
    raw, last_id = decode_keyset(after, SCORE_ORDERING)
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not (
            raw == UNSCORED or 0.0 <= raw <= 100.0):
        raise ValidationFailed("not a cursor returned by this API", field="after")
    return float(raw), last_id


async def _by_score(
    org_id: int, *, first: int, after: str | None, status: LeadStatus | None,
    source: str | None, max_page_size: int, with_total: bool,
) -> Page[Lead]:
    """Highest score first (ties: newer id first); leads never scored come last. Cursors
    hold (score or -1, lead id). Two statements (+1 for the total)."""
    check_first(first, max_page_size)
    where = ["l.organization_id = ?"]
    params: list[Any] = [org_id]
    if status is not None:
        where.append("l.status = ?")
        params.append(status.value)
    if source:
        where.append("l.source = ?")
        params.append(source)
    filters, base = list(params), " AND ".join(where)
    score = f"COALESCE(s.value, {UNSCORED})"
    if after:
        value, last_id = _score_cursor(after)
        where.append(f"({score} < ? OR ({score} = ? AND l.id < ?))")
        params += [value, value, last_id]
    joined = ('FROM "lead" l LEFT JOIN "lead_score" s ON s.lead_id = l.id '
              "AND s.organization_id = l.organization_id")
    rows = await select_dicts(
        f"SELECT l.id AS id, {score} AS score {joined} WHERE {' AND '.join(where)} "
        f"ORDER BY score DESC, l.id DESC LIMIT ?", [*params, first + 1])
    picked = rows[:first]
    ids = [int(r["id"]) for r in picked]
    found = {lead.id: lead for lead in await Lead.filter(organization_id=org_id, id__in=ids)}
    items = [found[i] for i in ids if i in found]
    cursors = [keyset_cursor(SCORE_ORDERING, float(r["score"]), int(r["id"])) for r in picked
               if int(r["id"]) in found]
    total = None
    if with_total:
        counted = await select_dicts(
            f"SELECT COUNT(*) AS n FROM \"lead\" l WHERE {base}",
            filters)
        total = int(counted[0]["n"])
    return Page(items=items, cursors=cursors, has_next=len(rows) > first,
                has_previous=after is not None, total=total)


async def current_scores(org_id: int, lead_ids: Sequence[int]) -> dict[int, LeadScore]:
    """The stored score per lead id (leads without one are absent). One statement."""
    ids = list(dict.fromkeys(lead_ids))
    if not ids:
        return {}
    rows = await LeadScore.filter(organization_id=org_id, lead_id__in=ids)
    return {row.lead_id: row for row in rows}
