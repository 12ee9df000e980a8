"""Inputs of the incentive catalogue and decision-rule mutations."""

from __future__ import annotations

from typing import Any

import strawberry

from api.enums import Channel, CostBasis, IncentiveKind, Route, ValueTier
from domain.incentives.service import IncentiveInput as DomainIncentive
from domain.incentives.service import RulesInput


@strawberry.input
class TierCapInput:
    tier: ValueTier
    max_cost: float


@strawberry.input(description="A full incentive definition (cost must not be negative).")
class IncentiveInput:
    code: str = strawberry.field(description="Lowercase letters, digits, _ and -; "
                                             "'none' is reserved")
    name: str
    kind: IncentiveKind
    cost_basis: CostBasis
    percent: float | None = None
    rate: float = 0.0
    amount: float = 0.0
    duration_months: int = 1
    cooldown_days: int = 90
    max_cost_by_tier: list[TierCapInput] = strawberry.field(default_factory=list)
    tiers: list[ValueTier] = strawberry.field(default_factory=list)
    prior_lift: float = 0.1
    description: str = ""

    def to_domain(self) -> DomainIncentive:
        return DomainIncentive(
            code=self.code, name=self.name, kind=self.kind, cost_basis=self.cost_basis,
            percent=self.percent, rate=self.rate, amount=self.amount,
            duration_months=self.duration_months, cooldown_days=self.cooldown_days,
            max_cost_by_tier={c.tier.value: c.max_cost for c in self.max_cost_by_tier},
            tiers=[t.value for t in self.tiers], prior_lift=self.prior_lift,
            description=self.description)


@strawberry.input(description="A routing box; boxes must not overlap.")
class RouteRuleInput:
    name: str
    route: Route
    min_probability: float = 0.0
    max_probability: float | None = None
    min_clv: float = 0.0
    max_clv: float | None = None
    max_cost: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "route": self.route.value,
                "min_probability": self.min_probability,
                "max_probability": self.max_probability, "min_clv": self.min_clv,
                "max_clv": self.max_clv, "max_cost": self.max_cost}


@strawberry.input(description="Changes to the decision rules; omitted fields keep their "
                              "value.")
class DecisionRulesInput:
    routes: list[RouteRuleInput] | None = None
    fallback_route: Route | None = None
    min_probability: float | None = None
    control_share: float | None = None
    prior_strength: float | None = None
    window_days: int | None = None
    channels: list[Channel] | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = strawberry.field(
        default=None, description="At least 16 characters; stored encrypted, never shown")
    rotate_widget_key: bool = False

    def to_domain(self) -> RulesInput:
        return RulesInput(
            routes=[r.to_dict() for r in self.routes] if self.routes is not None else None,
            fallback_route=self.fallback_route, min_probability=self.min_probability,
            control_share=self.control_share, prior_strength=self.prior_strength,
            window_days=self.window_days,
            channels=list(self.channels) if self.channels is not None else None,
            webhook_url=self.webhook_url, webhook_secret=self.webhook_secret,
            rotate_widget_key=self.rotate_widget_key)
