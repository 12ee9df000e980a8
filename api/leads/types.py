"""Lead scoring types: a lead's score (the stored `LeadScore` row, or an estimate for an
unsaved lead), leak reports and lead model versions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.enums import ModelStatus
from api.prefetch import row, version_number
from api.types import Job
from domain.leads.features import feature_name
from domain.leads.recommendations import split_factors
from domain.models import LeadScore as LeadScoreRow


@strawberry.type(description="One reason a lead's score is up (impact > 0) or down.")
class LeadFactor:
    feature: str = strawberry.field(description="The model's feature name")
    name: str = strawberry.field(description="The feature in words")
    label: str = strawberry.field(description="The lead's value in words, e.g. 'Source: "
                                              "referral'")
    impact: float = strawberry.field(description="Its contribution to the log-odds of "
                                                 "converting")

    @strawberry.field(description="The factor multiplies the odds of converting by this much")
    def odds_multiplier(self) -> float:
        return round(math.exp(self.impact), 3)



def _factors(rows: Any) -> list[LeadFactor]:
    return [LeadFactor(feature=str(f["feature"]), name=feature_name(str(f["feature"])),
                       label=str(f["label"]), impact=float(f["impact"])) for f in rows]


@dataclass
class Estimate:
    """An unsaved lead's score, shaped like a `LeadScore` row."""

    value: float
    probability: float
    factors: list[dict[str, Any]]
    recommendation: str
    scored_at: datetime
    model_version_number: int


@strawberry.type(description="A lead's chance of converting, from the active lead model.")
class LeadScore:
    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        """Stored rows and unsaved estimates are both lead scores (for unions)."""
        return isinstance(obj, Estimate | LeadScoreRow)

    value: float = strawberry.field(description="0-100: the calibrated probability x 100")
    probability: float = strawberry.field(description="Calibrated conversion probability")
    recommendation: str = strawberry.field(description="The next action")
    scored_at: datetime

    @strawberry.field(description="Strongest factors: up to 3 raising the score, then up to "
                                  "3 lowering it")
    def factors(self) -> list[LeadFactor]:
        pos, neg = split_factors(row(self).factors)
        return _factors([*pos, *neg])

    @strawberry.field(description="Factors raising the score, strongest first")
    def positive_factors(self) -> list[LeadFactor]:
        return _factors(split_factors(row(self).factors)[0])

    @strawberry.field(description="Factors lowering the score, strongest first")
    def negative_factors(self) -> list[LeadFactor]:
        return _factors(split_factors(row(self).factors)[1])

    @strawberry.field(description="Version number of the lead model that scored it")
    def model_version(self, info: Info) -> int:
        number = getattr(row(self), "model_version_number", None)
        return version_number(info, self) if number is None else int(number)


@strawberry.type(description="A column checked by the leak detector.")
class LeakingColumn:
    column: str
    reason: str = strawberry.field(description="Why it was excluded (or kept)")
    filled_converted: float = strawberry.field(description="Share of converted rows where "
                                                           "it is filled")
    filled_others: float = strawberry.field(description="Share of the other rows where it "
                                                        "is filled")
    single_auc: float | None = strawberry.field(description="Cross-validated AUC of the "
                                                            "column alone")
    forced: str | None = strawberry.field(description="'included' or 'excluded' by the caller")

    @classmethod
    def of(cls, check: dict[str, Any]) -> LeakingColumn:
        auc = check.get("single_auc")
        return cls(column=str(check["column"]), reason=str(check.get("reason") or ""),
                   filled_converted=float(check.get("filled_converted") or 0.0),
                   filled_others=float(check.get("filled_others") or 0.0),
                   single_auc=float(auc) if auc is not None else None,
                   forced=check.get("forced"))


@strawberry.type
class LeadJobStarted:
    job: Job
    already_running: bool = strawberry.field(
        description="The organization's unfinished job of this kind was returned")


@strawberry.type(description="A lead model version with its held-out figures and the "
                             "columns its leak check excluded.")
class LeadModel:
    id: strawberry.ID
    version: int
    status: ModelStatus
    reason: str
    features: list[str]
    created_at: datetime
    activated_at: datetime | None

    @strawberry.field(description="Held-out figures of the model and its LR baseline")
    def metrics(self) -> JSON:
        stored = row(self).metrics
        return {k: stored.get(k) for k in ("model", "baseline", "rows")}  # type: ignore[return-value]

    @strawberry.field(description="Columns left out as leaking the outcome")
    def excluded_columns(self) -> list[LeakingColumn]:
        stored: dict[str, Any] = row(self).metrics
        checks = (stored.get("leaks") or {}).get("columns") or []
        return [LeakingColumn.of(c) for c in checks if c.get("excluded")]
