"""Reviewing proposed retention actions: approve or reject them.

Only PROPOSED actions change (to APPROVED or REJECTED, with who, when and why); every other
id is reported as skipped with the reason. Ids that are not the organization's actions
raise NotFound and nothing is written. One transaction: the actions are read with a row
lock (FOR UPDATE; SQLite serialises writers) and updated with a conditional UPDATE, so two
operators reviewing the same actions at once cannot both change them; the second one sees
them skipped ("already approved").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from domain.enums import ActionStatus, CampaignStatus, Route
from domain.errors import NotFound, ValidationFailed
from domain.models import Action, Campaign
from domain.pagination import MAX_ROW_ID

MAX_IDS = 1000
MAX_NOTE = 2000
MAX_ACTOR = 200

_WHY = {
    ActionStatus.APPROVED: "already approved",
    ActionStatus.REJECTED: "already rejected",
    ActionStatus.EXECUTED: "already executed",
    ActionStatus.MONITORING: "monitoring only: no incentive to review",
    ActionStatus.CONTROL: "held out at random as control: it is not reviewed",
    ActionStatus.NO_ACTION: "no incentive pays for this customer: nothing to review",
}


@dataclass(frozen=True)
class SkippedAction:
    action_id: int
    status: ActionStatus
    reason: str


@dataclass(frozen=True)
class ReviewResult:
    """`status`: what the changed actions became; `changed`: their ids (in the order
    given); `skipped`: the ids left alone, each with its status and the reason."""

    status: ActionStatus
    changed: list[int] = field(default_factory=list)
    skipped: list[SkippedAction] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "changed": self.changed,
                "skipped": [{"id": s.action_id, "status": s.status.value, "reason": s.reason}
                            for s in self.skipped]}


def parse_action_ids(action_ids: Iterable[int], *, verb: str = "reviewed",
                     limit: int | None = MAX_IDS, field: str = "actionIds",
                     noun: str = "action", plural: str = "actions") -> list[int]:
    """The distinct ids in order; ValidationFailed (`field`) when they are not integers,
    none are given, or more than `limit` (None: no limit). `noun`/`plural` name the rows
    in the messages ("no action ids given")."""
    try:
        ids = list(dict.fromkeys(int(i) for i in action_ids))
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(f"{noun} ids must be integers", field=field) from exc
    if not ids:
        raise ValidationFailed(f"no {noun} ids given", field=field)
    if limit is not None and len(ids) > limit:
        raise ValidationFailed(f"at most {limit} {plural} can be {verb} at once "
                               f"({len(ids)} given)", field=field)
    return ids


def _texts(actor: str, note: str) -> tuple[str, str]:
    who = (actor or "").strip()
    if not who:
        raise ValidationFailed("the reviewer (actor) is required", field="actor")
    if len(note) > MAX_NOTE:
        raise ValidationFailed(f"the note is {len(note)} characters; at most {MAX_NOTE}",
                               field="note")
    return who[:MAX_ACTOR], note


def not_found(missing: list[int]) -> NotFound:
    """NotFound (field "actionIds") naming the first 20 unknown action ids."""
    shown = ", ".join(str(i) for i in missing[:20])
    more = f" (and {len(missing) - 20} more)" if len(missing) > 20 else ""
    return NotFound(f"no action {shown} in this organization{more}", field="actionIds",
                    ids=missing)


async def _review(org_id: int, action_ids: Iterable[int], target: ActionStatus, actor: str,
                  note: str, now: datetime | None) -> ReviewResult:
    ids = parse_action_ids(action_ids)
    who, text = _texts(actor, note)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    async with in_transaction():
        found = {a.id: a for a in await Action.filter(
            organization_id=org_id, id__in=[i for i in ids if 0 < i <= MAX_ROW_ID]
        ).select_for_update().only("id", "status", "campaign_id")}
        missing = [i for i in ids if i not in found]
        if missing:
            raise not_found(missing)
        campaign_ids = {a.campaign_id for a in found.values()
                        if a.status is ActionStatus.PROPOSED}
        closed = {int(c) for c, status, ends in await Campaign.filter(
            organization_id=org_id, id__in=campaign_ids).values_list(
            "id", "status", "window_ends_at")
            if status == CampaignStatus.CLOSED or ends <= moment} if campaign_ids else set()
        changed: list[int] = []
        skipped: list[SkippedAction] = []
        for i in ids:
            action = found[i]
            if action.status is not ActionStatus.PROPOSED:
                skipped.append(SkippedAction(i, action.status, _WHY.get(
                    action.status, f"status is {action.status.value}")))
            elif action.campaign_id in closed:
                skipped.append(SkippedAction(i, action.status, "the campaign's window is over"))
            else:
                changed.append(i)
        if changed:
            await Action.filter(organization_id=org_id, id__in=changed,
                                status=ActionStatus.PROPOSED).update(
                status=target, reviewed_by=who, reviewed_at=moment, review_note=text)
    return ReviewResult(status=target, changed=changed, skipped=skipped)


async def approve_actions(org_id: int, action_ids: Iterable[int], *, actor: str,
                          note: str = "", now: datetime | None = None) -> ReviewResult:
    """Approve the PROPOSED actions among `action_ids` (then executed by
    `domain.campaigns.execution`). Raises ValidationFailed ("actionIds": none or more than
    1,000; "actor"; "note") or NotFound ("actionIds", naming the unknown ids)."""
    return await _review(org_id, action_ids, ActionStatus.APPROVED, actor, note, now)


async def reject_actions(org_id: int, action_ids: Iterable[int], *, actor: str,
                         note: str = "", now: datetime | None = None) -> ReviewResult:
    """Reject the PROPOSED actions among `action_ids` (errors as `approve_actions`).
    Rejected actions get no outcome from billing and teach the bandit nothing."""
    return await _review(org_id, action_ids, ActionStatus.REJECTED, actor, note, now)


async def approve_campaign(org_id: int, campaign_id: int, route: Route | None = None, *,
                           actor: str, note: str = "", now: datetime | None = None
                           ) -> ReviewResult:
    """Approve every PROPOSED action of a campaign (of one route when given). Raises
    NotFound ("campaignId") or ValidationFailed ("campaignId": the window is over)."""
    who, text = _texts(actor, note)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    async with in_transaction():
        campaign = await Campaign.filter(organization_id=org_id, id=campaign_id).first()
        if campaign is None:
            raise NotFound(f"campaign {campaign_id} not found", field="campaignId")
        if campaign.status is CampaignStatus.CLOSED or campaign.window_ends_at <= moment:
            raise ValidationFailed(f"campaign {campaign_id}'s window is over: its actions can "
                                   "no longer be approved", field="campaignId")
        qs = Action.filter(organization_id=org_id, campaign_id=campaign_id,
                           status=ActionStatus.PROPOSED)
        if route is not None:
            qs = qs.filter(route=route)
        changed = sorted(a.id for a in await qs.select_for_update().only("id"))
        if changed:  # by the same filter: a large campaign's ids need not be sent back
            await qs.update(status=ActionStatus.APPROVED, reviewed_by=who, reviewed_at=moment,
                            review_note=text)
    return ReviewResult(status=ActionStatus.APPROVED, changed=changed)
