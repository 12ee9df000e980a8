"""Incentive catalogue and decision-rule types (ORM rows resolved as they are)."""

from __future__ import annotations

import strawberry

from api.enums import Channel, CostBasis, IncentiveKind, Route, ValueTier
from api.prefetch import row
from domain.incentives import rules as domain_rules
from domain.models import DecisionRules as DecisionRulesRow


@strawberry.type(description="An incentive the organization may offer: the bandit's arm "
                             "`code`, its cost and who may get it.")
class Incentive:
    id: strawberry.ID
    code: str = strawberry.field(description="Stable identifier (the learning arm)")
    name: str
    kind: IncentiveKind
    percent: float | None = strawberry.field(description="Discount percent (discounts only)")
    cost_basis: CostBasis = strawberry.field(
        description="MRR: rate x MRR x months; CLV: rate x CLV; FIXED: amount")
    rate: float
    duration_months: int
    cooldown_days: int = strawberry.field(
        description="Not offered to a customer who got one of the same kind within this "
                    "many days")
    tiers: list[ValueTier] = strawberry.field(description="Value tiers it is limited to "
                                                          "(empty: all)")
    prior_lift: float = strawberry.field(
        description="Expected relative churn reduction before any outcome is seen")
    active: bool
    description: str

    @strawberry.field(description="Fixed cost (FIXED basis)")
    def amount(self) -> float:
        return float(row(self).amount)

    @strawberry.field(description="Cost caps by value tier")
    def max_cost_by_tier(self) -> list[TierCap]:
        caps: dict[str, float] = row(self).max_cost_by_tier or {}
        return [TierCap(tier=ValueTier(t), max_cost=float(c)) for t, c in sorted(caps.items())]


@strawberry.type
class TierCap:
    tier: ValueTier
    max_cost: float


@strawberry.type(description="A routing box: decisions with churn probability in "
                             "[minProbability, maxProbability) and CLV in [minClv, maxClv) "
                             "go to `route` (null max: unbounded).")
class RouteRule:
    name: str
    route: Route
    min_probability: float
    max_probability: float | None
    min_clv: float
    max_clv: float | None
    max_cost: float | None = strawberry.field(
        description="Only incentives costing at most this stay in the box; dearer ones "
                    "go to the fallback route")


@strawberry.type(description="How the organization's retention decisions are made and "
                             "routed.")
class DecisionRules:
    fallback_route: Route = strawberry.field(description="Route of decisions in no box")
    min_probability: float = strawberry.field(
        description="Customers below this churn probability are not considered")
    control_share: float = strawberry.field(
        description="Random share of acted-on customers held out to measure true lift")
    prior_strength: float = strawberry.field(
        description="Pseudo-customers behind each incentive's prior")
    window_days: int = strawberry.field(
        description="Days after a campaign until its outcomes are read from billing")
    widget_key: str = strawberry.field(description="Public key of the on-site offer "
                                                   "endpoint /offers/{widgetKey}")
    webhook_url: str

    @strawberry.field
    def routes(self) -> list[RouteRule]:
        stored: DecisionRulesRow = row(self)
        return [RouteRule(name=r.name, route=r.route, min_probability=r.min_probability,
                          max_probability=r.max_probability, min_clv=r.min_clv,
                          max_clv=r.max_clv, max_cost=r.max_cost)
                for r in domain_rules.parse_routes(stored.routes)]

    @strawberry.field(description="Where executed actions are sent")
    def channels(self) -> list[Channel]:
        return [Channel(c) for c in row(self).channels]

    @strawberry.field(description="A webhook signing secret is stored (it is never shown)")
    def webhook_secret_set(self) -> bool:
        return bool(row(self).webhook_secret_encrypted)
