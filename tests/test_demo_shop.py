"""The demo world's e-commerce slice: the generator's story, checked statistically, and the
shop customers and orders it writes into an organization."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from api.cli import _shop_customers, build_parser
from domain.demo import shop as sh
from domain.demo.service import generate_world
from domain.enums import Stage
from domain.errors import ValidationFailed
from domain.journeys.rules import is_allowed
from domain.models import (
    Customer,
    Invoice,
    LifecycleTransition,
    Organization,
    Subscription,
    Transaction,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
END = int(NOW.timestamp())
START = int((NOW - timedelta(days=3 * 365)).timestamp())
DAY = 86_400
N = 60_000


@pytest.fixture(scope="module")
def shop() -> sh.Shop:
    return sh.generate_shop(N, seed=3, start=START, end=END)


def revenue_12m(s: sh.Shop) -> tuple[np.ndarray, np.ndarray]:
    """Each customer's revenue in the 12 months after its first order, and whether it was
    acquired early enough to have 12 months of history."""
    first_year = s.order_at < s.acquired[s.order_customer] + 365 * DAY
    cents = np.bincount(s.order_customer, weights=s.order_cents * first_year, minlength=len(s))
    return cents / 100.0, s.acquired < END - 365 * DAY


def test_orders_are_positive_sorted_inside_the_window_and_start_at_acquisition(
        shop: sh.Shop) -> None:
    assert len(shop) == N and len(shop.order_at) > 8 * N
    assert shop.order_customer.dtype == np.int32 and shop.order_cents.dtype == np.int32
    assert shop.engagement.dtype == np.int8 and shop.channel.dtype == np.int8
    assert (shop.order_at >= START).all() and (shop.order_at < END).all()
    assert (shop.acquired >= START).all() and (shop.visited <= shop.acquired).all()
    assert (shop.order_cents >= 100).all() and (shop.order_quantity >= 1).all()
    key = shop.order_customer.astype(np.int64) * 2**32 + (shop.order_at - START)
    assert (np.diff(key) >= 0).all()  # by customer, then time
    counts = np.bincount(shop.order_customer, minlength=N)
    assert (counts >= 1).all()
    firsts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    assert np.array_equal(shop.order_at[firsts], shop.acquired)
    assert ((shop.engagement >= 0) & (shop.engagement <= 100)).all()
    assert set(np.unique(shop.channel)) == set(range(len(sh.CHANNELS)))
    assert len(set(shop.email.tolist())) == N and all("@" in e for e in shop.email[:100])
    # acquisitions grow over the window: more in the last year than in the first
    assert (shop.acquired > END - 365 * DAY).sum() > 1.2 * (shop.acquired < START + 365 * DAY).sum()


def test_same_seed_same_shop_other_seed_another(shop: sh.Shop) -> None:
    again = sh.generate_shop(N, seed=3, start=START, end=END)
    for name in ("acquired", "channel", "engagement", "order_customer", "order_at",
                 "order_cents", "order_returned"):
        assert np.array_equal(getattr(shop, name), getattr(again, name)), name
    other = sh.generate_shop(N, seed=4, start=START, end=END)
    assert not np.array_equal(other.acquired, shop.acquired)


def test_campaigns_belong_to_their_channel(shop: sh.Shop) -> None:
    frame = shop.customer_frame()
    for channel, campaigns in zip(sh.CHANNELS, sh.CAMPAIGNS, strict=True):
        seen = set(frame.loc[frame.channel == channel, "campaign"].astype(str))
        assert seen == set(campaigns), channel


def test_referral_and_engaged_customers_are_worth_more_in_their_first_year(
        shop: sh.Shop) -> None:
    revenue, mature = revenue_12m(shop)
    by_channel = {c: revenue[mature & (shop.channel == i)].mean()
                  for i, c in enumerate(sh.CHANNELS)}
    assert by_channel["referral"] > 1.3 * by_channel["organic"]
    assert by_channel["referral"] == max(by_channel.values())
    assert by_channel["social"] < by_channel["organic"]
    e = shop.engagement[mature]
    low, high = np.quantile(e, [0.25, 0.75])
    assert revenue[mature][e >= high].mean() > 1.8 * revenue[mature][e <= low].mean()
    rho = pd.Series(revenue[mature]).corr(pd.Series(e.astype(float)), method="spearman")
    assert rho > 0.15


def test_repeat_purchases_are_overdispersed_and_customers_drop_out(shop: sh.Shop) -> None:
    counts = np.bincount(shop.order_customer, minlength=N)
    mature = shop.acquired < END - 365 * DAY
    repeats = counts[mature] - 1
    assert repeats.var() > 5 * repeats.mean()  # a Poisson count would have var == mean
    assert (repeats == 0).mean() > 0.03 and repeats.max() > 20 * np.median(repeats)
    # Dropout: many early customers stopped buying long before the end (stage churned).
    old = shop.acquired < START + 365 * DAY
    assert 0.2 < sh.lapsed(shop, END)[old].mean() < 0.9
    assert sh.lapsed(shop, END)[shop.acquired > END - 300 * DAY].sum() == 0


def test_returns_follow_the_configured_rate_and_engagement(shop: sh.Shop) -> None:
    rate = shop.order_returned.mean()
    assert 0.6 * sh.RETURN_RATE < rate < 1.4 * sh.RETURN_RATE
    e = shop.engagement[shop.order_customer]
    assert shop.order_returned[e < 35].mean() > 1.3 * shop.order_returned[e > 65].mean()


def test_transaction_frame_has_the_summary_shape(shop: sh.Shop) -> None:
    tx = shop.transaction_frame()
    assert list(tx.columns) == ["customer_id", "at", "amount", "returned"]
    assert str(tx["at"].dt.tz) == "UTC"
    assert tx["amount"].sum() == pytest.approx(shop.order_cents.sum() / 100)
    assert tx["at"].min() >= NOW - timedelta(days=3 * 365)


def test_the_cli_adds_a_shop_slice_of_thirty_percent_by_default() -> None:
    parser = build_parser()
    assert _shop_customers(parser.parse_args(["demo"])) == 600
    assert _shop_customers(parser.parse_args(["demo", "--shop-customers", "0"])) == 0
    assert _shop_customers(parser.parse_args(["generate", "--customers", "1000"])) == 300


async def values(model: Any, org_id: int, *fields: str) -> pd.DataFrame:
    rows = await model.filter(organization_id=org_id).order_by("id").values_list(*fields)
    return pd.DataFrame(rows, columns=list(fields))


async def test_shop_customers_buy_by_orders_without_subscriptions(org: Organization,
                                                                   other_org: Organization
                                                                   ) -> None:
    summary = await generate_world(org.id, customers=150, seed=9, now=NOW, usage_weeks=4,
                                   shop_customers=90)
    assert summary.shop_customers == 90 and summary.customers == 240
    await Customer.create(organization_id=other_org.id, name="Elsewhere", created_at=NOW)
    tx = await values(Transaction, org.id, "customer_id", "external_id", "at", "amount",
                      "currency", "quantity", "source", "properties")
    assert len(tx) == summary.transactions > 90 * 3
    assert await Transaction.filter(organization_id=org.id).exclude(
        customer__organization_id=org.id).count() == 0
    assert await Transaction.filter(organization_id=other_org.id).count() == 0
    buyers = set(tx.customer_id)
    assert len(buyers) == 90
    assert not buyers & set(await Subscription.filter(organization_id=org.id)
                            .values_list("customer_id", flat=True))
    assert not buyers & set(await Invoice.filter(organization_id=org.id)
                            .values_list("customer_id", flat=True))
    assert tx.external_id.is_unique and tx.external_id.str.startswith("ORD-").all()
    assert (tx.amount > Decimal(0)).all() and (tx.source == "demo").all()
    assert tx["at"].between(NOW - timedelta(days=3 * 365), NOW).all()
    props = [p if isinstance(p, dict) else json.loads(p) for p in tx.properties]
    assert all(set(p) == {"Channel", "Campaign", "ReturnFlag", "Engagement"} for p in props)
    assert all(isinstance(v, str) for p in props for v in p.values())
    assert {p["ReturnFlag"] for p in props} == {"0", "1"}
    assert {p["Channel"] for p in props} <= set(sh.CHANNELS)
    assert all(0 <= int(p["Engagement"]) <= 100 for p in props)
    assert all(p["Campaign"] in sh.CAMPAIGNS[sh.CHANNELS.index(p["Channel"])] for p in props)
    per_customer = {(c, p["Channel"], p["Engagement"]) for c, p in zip(tx.customer_id, props,
                                                                        strict=True)}
    assert len(per_customer) == 90  # channel and engagement are the customer's

    c = await values(Customer, org.id, "id", "name", "email", "external_ref", "stage", "mrr",
                     "created_at", "first_seen_at")
    shop_rows = c[c.id.isin(buyers)]
    assert shop_rows.id.min() > c[~c.id.isin(buyers)].id.max()  # after the SaaS accounts
    assert shop_rows.email.str.contains("@").all() and shop_rows.name.str.len().gt(0).all()
    assert shop_rows.external_ref.notna().all() and (shop_rows.mrr == 0).all()
    last = tx.groupby("customer_id")["at"].max()
    first = tx.groupby("customer_id")["at"].min()
    shop_rows = shop_rows.set_index("id")
    assert (shop_rows.created_at == first.reindex(shop_rows.index)).all()
    lapsed = NOW - last.reindex(shop_rows.index) > timedelta(days=sh.LAPSE_DAYS)
    assert lapsed.any() and not lapsed.all()
    assert ((shop_rows.stage == Stage.CHURNED) == lapsed).all()
    assert set(shop_rows.stage) == {Stage.CUSTOMER, Stage.CHURNED}

    t = await values(LifecycleTransition, org.id, "customer_id", "from_stage", "to_stage", "at")
    for cid, journey in t[t.customer_id.isin(buyers)].groupby("customer_id"):
        steps = list(journey.itertuples())
        assert pd.isna(steps[0].from_stage) and steps[0].to_stage == Stage.LEAD
        for before, step in itertools.pairwise(steps):
            assert step.from_stage == before.to_stage
            assert is_allowed(Stage(step.from_stage), Stage(step.to_stage)), (cid, step)
        assert steps[-1].to_stage == shop_rows.stage[cid]


async def test_the_saas_part_is_unchanged_by_the_shop(org: Organization,
                                                      other_org: Organization) -> None:
    kwargs: dict[str, Any] = {"customers": 120, "seed": 5, "now": NOW, "usage_weeks": 4}
    plain = await generate_world(org.id, **kwargs)
    mixed = await generate_world(other_org.id, shop_customers=50, **kwargs)
    assert plain.transactions == 0 and mixed.transactions > 0
    assert mixed.customers == plain.customers + 50
    mine = ("seconds", "customers", "shop_customers", "transactions", "transitions")
    same = {k: v for k, v in vars(plain).items() if k not in mine}
    assert same == {k: v for k, v in vars(mixed).items() if k in same}
    assert mixed.transitions > plain.transitions
    for model, fields in ((Customer, ("name", "email", "stage", "mrr", "created_at")),
                          (LifecycleTransition, ("from_stage", "to_stage", "at", "reason")),
                          (Subscription, ("plan", "mrr", "started_at", "canceled_at")),
                          (Invoice, ("amount", "issued_at", "status"))):
        a = await values(model, org.id, *fields)
        b = await values(model, other_org.id, *fields)
        assert a.equals(b.iloc[: len(a)].reset_index(drop=True)), model.__name__


async def test_a_negative_shop_size_is_rejected(org: Organization) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await generate_world(org.id, customers=10, now=NOW, shop_customers=-1)
    assert caught.value.field == "shop_customers"
    assert await Customer.filter(organization_id=org.id).count() == 0
