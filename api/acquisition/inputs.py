"""Acquisition inputs."""

from __future__ import annotations

import strawberry

from domain.acquisition.features import EarlyBehaviour


@strawberry.input(description="What is known of a new customer after its first 30 days.")
class NewCustomerInput:
    orders_first_30_days: int = strawberry.field(
        description="Orders in the 30 days from the first one (the first included)")
    revenue_first_30_days: float = strawberry.field(
        description="Revenue of those orders")
    first_order_amount: float
    return_rate: float = strawberry.field(
        default=0.0, description="Share of those orders returned, 0..1")
    channel: str | None = strawberry.field(
        default=None, description="Acquisition channel (unseen values are allowed)")
    campaign: str | None = strawberry.field(
        default=None, description="Acquisition campaign (unseen values are allowed)")
    engagement: float | None = strawberry.field(
        default=None, description="Engagement score 0..100 (null: unknown)")

    def to_domain(self) -> EarlyBehaviour:
        return EarlyBehaviour(
            orders_first_30_days=self.orders_first_30_days,
            revenue_first_30_days=self.revenue_first_30_days,
            first_order_amount=self.first_order_amount, return_rate=self.return_rate,
            channel=self.channel, campaign=self.campaign, engagement=self.engagement)
