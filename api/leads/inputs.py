"""Lead scoring inputs: a lead typed in for `scoreLead`, training options, the order of the
`leads` connection."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domain.leads.queries import LeadOrder

strawberry.enum(LeadOrder, name="LeadOrder",
                description="CREATED_AT: newest first (the default); SCORE: highest lead "
                            "score first, unscored leads last")

__all__ = ["LeadInput", "LeadOrder", "TrainLeadModelInput"]


@strawberry.input(description="A lead that is not stored, to score with the active model.")
class LeadInput:
    source: str = strawberry.field(description="Channel, e.g. 'referral', 'webinar'")
    email: str | None = None
    created_at: datetime | None = strawberry.field(
        default=None, description="When the lead came in (default: now)")
    attributes: JSON | None = strawberry.field(
        default=None, description="Names to texts, numbers or true/false, as on Lead."
                                  "attributes (e.g. {\"pages_viewed\": 12})")


@strawberry.input
class TrainLeadModelInput:
    include: list[str] = strawberry.field(
        default_factory=list, description="Feature columns to keep even if the leak "
                                          "detector flags them (e.g. 'attr:score')")
    exclude: list[str] = strawberry.field(
        default_factory=list, description="Feature columns to leave out whatever their "
                                          "figures")
