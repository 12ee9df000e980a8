"""Acquisition test worlds: a shop whose customers' next-year revenue depends on their
channel and engagement, and customers with predicted values for the audiences."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from domain.enums import InvoiceStatus, ValueModel, ValueTier
from domain.models import Customer, CustomerValue, Invoice, Organization, Transaction

END = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
CHANNEL_VALUE = {"referral": 2.0, "organic": 1.2, "paid_search": 0.8, "social": 0.35}
MATURE, RECENT = 380, 20
NOW = datetime.now(UTC)


async def new_org(name: str) -> Organization:
    return await Organization.create(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:8]}")


async def customers(org_id: int, n: int, prefix: str) -> list[Customer]:
    await Customer.bulk_create([
        Customer(organization_id=org_id, name=f"{prefix} {i:03d}", email=f"{prefix}{i}@shop.test",
                 created_at=END - timedelta(days=900), external_ref=f"{prefix}-{i}")
        for i in range(n)])
    return await Customer.filter(organization_id=org_id, external_ref__startswith=f"{prefix}-"
                                 ).order_by("id")


async def shop_world(org_id: int, *, mature: int = MATURE, recent: int = RECENT,
                     seed: int = 11) -> None:
    """Customers whose next-year revenue is driven by their channel and engagement (and cut
    by returns); campaigns are noise. `mature` first bought 400-900 days before END,
    `recent` in its last 200 days (no complete year: never training rows)."""
    rng = np.random.default_rng(seed)
    rows = await customers(org_id, mature + recent, f"s{seed}")
    channels = list(CHANNEL_VALUE)
    tx: list[Transaction] = []

    def add(c: Customer, at: datetime, amount: float, props: dict[str, str]) -> None:
        if at <= END:
            tx.append(Transaction(organization_id=org_id, customer_id=c.id,
                                  external_id=f"t{len(tx)}", at=at, currency="USD",
                                  amount=Decimal(f"{amount:.2f}"), properties=props))

    for i, c in enumerate(rows):
        channel = channels[int(rng.integers(len(channels)))]
        engagement = float(rng.uniform(0, 100))
        return_p = float(rng.beta(1, 6))
        value = (CHANNEL_VALUE[channel] * (0.2 + 1.6 * engagement / 100) * (1 - 0.8 * return_p)
                 * float(rng.lognormal(0, 0.25)))
        offset = rng.uniform(400, 900) if i < mature else rng.uniform(5, 200)
        first = END - timedelta(days=float(offset))
        campaign = ["spring", "summer", "brand"][int(rng.integers(3))]
        early = 1 + int(rng.poisson(0.3 + 0.6 * value))
        for k in range(early):
            day = 0.0 if k == 0 else float(rng.uniform(0.5, 29.5))
            add(c, first + timedelta(days=day), float(rng.gamma(4, 12)), {
                "Channel": channel, "Campaign": campaign,
                "Engagement": f"{min(100.0, max(0.0, engagement + rng.normal(0, 5))):.0f}",
                "ReturnFlag": "1" if rng.random() < return_p else "0"})
        for _ in range(int(rng.poisson(5 * value))):
            add(c, first + timedelta(days=float(rng.uniform(30, 394.5))),
                float(rng.gamma(4, 12)), {"Channel": channel})
        for _ in range(int(rng.poisson(2))):  # after the first 395 days: never in the target
            add(c, first + timedelta(days=float(rng.uniform(396, 700))), 500.0, {})
    add(rows[-1], END, 10.0, {})  # the data's end
    await Transaction.bulk_create(tx, batch_size=1000)


async def valued(org_id: int, key: str, *, tier: ValueTier, value: float,
                  email: str | None = None, country: str | None = None) -> int:
    c = await Customer.create(organization_id=org_id, name=key, email=email, country=country,
                              created_at=NOW - timedelta(days=800), external_ref=key)
    await CustomerValue.create(organization_id=org_id, customer_id=c.id, model=ValueModel.ML,
                               value=value, lower=0.5 * value, upper=2 * value,
                               horizon_months=12, tier=tier, computed_at=NOW)
    return c.id


async def seed_audiences(org_id: int) -> dict[str, int]:
    """Seven valued customers covering each audience rule and email case (see
    tests/test_acquisition.py); their ids by key."""
    ids = {
        "high": await valued(org_id, "high", tier=ValueTier.HIGH, value=900,
                              email="  John.Doe@GMail.com ", country="US"),
        "growth": await valued(org_id, "growth", tier=ValueTier.MEDIUM, value=300,
                                email="Jane.Roe+ads@Example.COM", country="DE"),
        "edge": await valued(org_id, "edge", tier=ValueTier.LOW, value=150,
                              email="a.b.c@googlemail.com"),
        "low": await valued(org_id, "low", tier=ValueTier.MEDIUM, value=140, email="x@y"),
        "failed": await valued(org_id, "failed", tier=ValueTier.LOW, value=200, email=None),
        "zero": await valued(org_id, "zero", tier=ValueTier.LOW, value=0.0,
                              email="zero@example.com"),
        "dupe": await valued(org_id, "dupe", tier=ValueTier.HIGH, value=500,
                              email="johndoe@gmail.com"),
    }
    paid = InvoiceStatus.PAID
    await Invoice.bulk_create([
        Invoice(organization_id=org_id, customer_id=ids["growth"], amount=Decimal(100),
                status=paid, issued_at=NOW - timedelta(days=40), paid_at=NOW - timedelta(days=39)),
        Invoice(organization_id=org_id, customer_id=ids["growth"], amount=Decimal(5000),
                status=paid, issued_at=NOW - timedelta(days=500),
                paid_at=NOW - timedelta(days=499)),  # over a year ago: not counted
        Invoice(organization_id=org_id, customer_id=ids["failed"], amount=Decimal(100),
                status=paid, issued_at=NOW - timedelta(days=10), paid_at=None),
        Invoice(organization_id=org_id, customer_id=ids["failed"], amount=Decimal(1000),
                status=InvoiceStatus.FAILED, issued_at=NOW - timedelta(days=5)),
        Invoice(organization_id=org_id, customer_id=ids["low"], amount=Decimal(60),
                status=paid, issued_at=NOW - timedelta(days=60), paid_at=NOW - timedelta(days=60)),
    ])
    await Transaction.bulk_create([
        Transaction(organization_id=org_id, customer_id=ids["edge"], external_id="a1",
                    at=NOW - timedelta(days=3), amount=Decimal(100)),
        Transaction(organization_id=org_id, customer_id=ids["low"], external_id="a2",
                    at=NOW - timedelta(days=100), amount=Decimal(40)),
        Transaction(organization_id=org_id, customer_id=ids["growth"], external_id="a3",
                    at=NOW - timedelta(days=400), amount=Decimal(900)),  # too old
    ])
    return ids
