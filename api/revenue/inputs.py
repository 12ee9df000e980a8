"""Revenue inputs: acquisition spend entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from domain.revenue.spend import DEFAULT_CHANNEL, SpendEntry


@strawberry.input(description="Sales and marketing spend of one month and channel.")
class SpendInput:
    month: date = strawberry.field(description="Any day of the month (stored as its first)")
    amount: Decimal = strawberry.field(description="0 or more, at most 2 decimal places")
    channel: str = strawberry.field(default=DEFAULT_CHANNEL,
                                    description="Acquisition channel; 'all' when not split")
    currency: str = strawberry.field(default="USD", description="ISO 4217 code")

    def to_domain(self) -> SpendEntry:
        return SpendEntry(month=self.month, amount=self.amount, channel=self.channel,
                          currency=self.currency)
