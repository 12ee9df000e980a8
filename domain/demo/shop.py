"""The demo world's e-commerce slice: customers who buy by one-off orders, from one seed.

Generative story (every number is a constant below; time unit: weeks):

1. **Acquisition.** A customer is acquired by a first order at a moment spread over the
   window, with a volume growing `GROWTH_PER_YEAR`. Each comes through a channel (organic,
   paid_search, social, email, referral, affiliate; `CHANNEL_WEIGHTS`) and one of the
   channel's campaigns (equally likely; a label only), and browsed the shop for up to
   `BROWSE_DAYS` before ordering.
2. **Quality and engagement.** A latent quality q ~ Normal(channel mean, 1) (referral and
   email customers start higher, social and affiliate lower) drives everything below. The
   early engagement score the shop sees in the first days (0-100) is
   `50 + 18 * (0.8 q + 0.6 noise)`, rounded and clipped, so it correlates about 0.8 with q.
3. **Purchases (BG/NBD).** While alive, a customer repeats purchases as a Poisson process
   with rate lambda ~ Gamma(`RATE_SHAPE`, mean `RATE_MEAN` per week), times the channel's
   rate multiplier and exp(`Q_RATE` q). After each repeat purchase the customer drops out
   for good with probability p: logit p = logit(Beta(`DROPOUT_A`, `DROPOUT_B`)) plus the
   channel's shift plus `Q_DROPOUT` q. Only purchases before `end` are observed.
4. **Spend (Gamma-Gamma).** Each order is worth Gamma(`SPEND_P`, rate nu) dollars with a
   per-customer nu ~ Gamma(`SPEND_Q`, rate `SPEND_GAMMA`) (mean order value
   SPEND_P * SPEND_GAMMA / (SPEND_Q - 1), about $62), times the channel's spend multiplier
   and exp(`Q_SPEND` q); at least $1, in cents. Quantity is 1 + Poisson(0.4).
5. **Returns.** A per-customer return propensity ~ Beta(2, 23) (mean `RETURN_RATE`) times
   the channel's return multiplier and exp(`Q_RETURNS` q) flags each order as returned; a
   returned order keeps its positive amount (`ReturnFlag` "1").

So referral and highly engaged customers buy more often, stay longer, spend more per order
and return less: a model that sees the channel and early engagement can learn value from
them. In the demo organization (`shop_tables`), each shop customer is a `Customer` (no
subscriptions, MRR 0; stage customer, or churned when its last order is more than
`LAPSE_DAYS` old, churned at that moment) with a lead -> customer journey at the first
order, and each order a `Transaction` (source demo) whose properties are what a CSV import
of the e-commerce shape stores: {"Channel", "Campaign", "ReturnFlag", "Engagement"} as text.
The generator uses its own random stream (`[seed, SHOP_STREAM]`), so adding the slice leaves
the SaaS part of a world unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.demo import story as st
from domain.demo.frame import Column, Kind, Table, col, table
from domain.enums import Source, Stage

SHOP_STREAM = 7
DEFAULT_SHOP_SHARE = 0.3  # shop customers per SaaS account in `lifeline demo` / `generate`
GROWTH_PER_YEAR = 0.3
BROWSE_DAYS = 14.0
CHANNELS = ("organic", "paid_search", "social", "email", "referral", "affiliate")
CHANNEL_WEIGHTS = (0.30, 0.22, 0.15, 0.12, 0.10, 0.11)
CAMPAIGNS: tuple[tuple[str, ...], ...] = (
    ("seo_blog", "seo_product_pages", "direct"),
    ("brand_search", "generic_search", "shopping_ads"),
    ("instagram_spring", "tiktok_creators", "facebook_retargeting"),
    ("newsletter", "welcome_series", "winback"),
    ("refer_a_friend", "ambassadors"),
    ("coupon_sites", "review_blogs", "cashback"),
)
CAMPAIGN_NAMES: tuple[str, ...] = tuple(c for group in CAMPAIGNS for c in group)
# Per channel: mean quality, purchase-rate multiplier, dropout logit shift, spend multiplier,
# return multiplier.
CHANNEL_EFFECTS = np.array([
    [0.0, 1.00, 0.0, 1.00, 1.00],  # organic
    [-0.1, 0.90, 0.2, 0.95, 1.10],  # paid_search
    [-0.3, 0.80, 0.4, 0.85, 1.35],  # social
    [0.2, 1.15, -0.1, 1.00, 0.90],  # email
    [0.3, 1.30, -0.4, 1.20, 0.80],  # referral
    [-0.2, 0.85, 0.3, 0.90, 1.20],  # affiliate
])
RATE_SHAPE, RATE_MEAN = 0.8, 0.4  # lambda: repeat purchases per week
DROPOUT_A, DROPOUT_B = 2.0, 30.0  # p: drop-out probability after each repeat purchase
SPEND_P, SPEND_Q, SPEND_GAMMA = 6.0, 4.0, 31.0
RETURN_A, RETURN_B = 2.0, 23.0
RETURN_RATE = RETURN_A / (RETURN_A + RETURN_B)  # mean return propensity before multipliers
Q_RATE, Q_DROPOUT, Q_SPEND, Q_RETURNS = 0.3, -0.35, 0.12, -0.25
LAPSE_DAYS = 365
EMAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de")


@dataclass(frozen=True)
class Shop:
    """Shop customers (index = customer) and their orders (sorted by customer, then time).
    Times are epoch seconds; money is in cents."""

    acquired: np.ndarray  # int64: the first order
    visited: np.ndarray  # int64: first visit (browsing before the first order)
    channel: np.ndarray  # int8 index into CHANNELS
    campaign: np.ndarray  # int16 index into CAMPAIGN_NAMES
    engagement: np.ndarray  # int8 in 0..100
    first_name: np.ndarray  # int8 index into story.FIRST_NAMES
    last_name: np.ndarray  # int8 index into story.LAST_NAMES
    email: np.ndarray  # str
    order_customer: np.ndarray  # int32 customer index
    order_at: np.ndarray  # int64
    order_cents: np.ndarray  # int32, positive
    order_returned: np.ndarray  # bool
    order_quantity: np.ndarray  # int8

    def __len__(self) -> int:
        return len(self.acquired)

    def customer_frame(self) -> pd.DataFrame:
        """One row per customer (index: customer index)."""
        return pd.DataFrame({
            "acquired_at": pd.to_datetime(self.acquired, unit="s", utc=True),
            "channel": pd.Categorical.from_codes(self.channel, CHANNELS),
            "campaign": pd.Categorical.from_codes(self.campaign, CAMPAIGN_NAMES),
            "engagement": self.engagement,
            "email": self.email,
        }, index=pd.RangeIndex(len(self), name="customer"))

    def transaction_frame(self) -> pd.DataFrame:
        """One row per order: customer_id, at (UTC), amount (dollars), returned."""
        return pd.DataFrame({
            "customer_id": self.order_customer,
            "at": pd.to_datetime(self.order_at, unit="s", utc=True),
            "amount": self.order_cents / 100.0,
            "returned": self.order_returned,
        })


def _acquisition(rng: np.random.Generator, n: int, start: int, end: int) -> np.ndarray:
    """First-order times with a volume growing GROWTH_PER_YEAR (inverse CDF)."""
    span = end - start
    growth = np.log1p(GROWTH_PER_YEAR) * span / (365 * st.DAY)
    frac = np.log1p(rng.random(n) * np.expm1(growth)) / growth
    return start + np.minimum((frac * span).astype(np.int64), span - 1)


def _campaigns(rng: np.random.Generator, channel: np.ndarray) -> np.ndarray:
    sizes = np.array([len(c) for c in CAMPAIGNS])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pick = (rng.random(len(channel)) * sizes[channel]).astype(np.int64)
    return (offsets[channel] + pick).astype(np.int16)


def _emails(rng: np.random.Generator, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """first.last.<customer index>@provider, lower case (unique within the shop)."""
    people = np.char.lower(np.array([f"{f}.{la}." for f in st.FIRST_NAMES for la in st.LAST_NAMES]))
    stem = people[first.astype(np.int64) * len(st.LAST_NAMES) + last]
    at = np.char.add("@", np.array(EMAIL_DOMAINS))[rng.integers(0, len(EMAIL_DOMAINS), len(first))]
    number = np.arange(len(first)).astype(np.str_)
    return np.strings.add(np.strings.add(stem, number), at).astype(object)


def _order_times(rng: np.random.Generator, acquired: np.ndarray, end: int, rate: np.ndarray,
                 dropout: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Customer index and time of every order (first orders included), BG/NBD.

    With N ~ Poisson(lambda * tau) purchase events in the customer's observed time tau and
    K ~ Geometric(p) repeat purchases before dropping out, the first m = min(N, K) events
    are observed. The first m of N sorted uniforms on (0, tau) are tau * S_j / (S_m + G)
    with S_j the partial sums of m standard exponentials and G ~ Gamma(N - m + 1), so only
    the observed orders are drawn."""
    tau = (end - acquired) / st.WEEK
    events = rng.poisson(rate * tau)
    repeats = np.minimum(events, rng.geometric(dropout))
    counts = repeats + 1
    customer = np.repeat(np.arange(len(acquired), dtype=np.int32), counts)
    first = np.cumsum(counts) - counts  # each customer's first order
    gaps = rng.standard_exponential(len(customer))
    gaps[first] = 0.0
    partial = np.cumsum(gaps)
    del gaps
    partial -= np.repeat(partial[first], counts)  # partial sums within each customer
    last = first + repeats
    denominator = partial[last] + rng.standard_gamma(events - repeats + 1.0)
    scale = tau * st.WEEK / denominator
    partial *= np.repeat(scale, counts)
    at = np.repeat(acquired, counts) + partial.astype(np.int64)
    return customer, np.minimum(at, end - 1)


def generate_shop(customers: int, *, seed: int, start: int, end: int) -> Shop:
    """`customers` shop customers acquired in [start, end) and their orders up to `end`
    (epoch seconds), following the module's story; deterministic for a seed."""
    rng = np.random.default_rng([seed, SHOP_STREAM])
    n = max(int(customers), 0)
    acquired = _acquisition(rng, n, start, end)
    visited = acquired - (rng.random(n) * BROWSE_DAYS * st.DAY).astype(np.int64)
    channel = rng.choice(len(CHANNELS), n, p=CHANNEL_WEIGHTS).astype(np.int8)
    campaign = _campaigns(rng, channel)
    effect = CHANNEL_EFFECTS[channel]
    quality = effect[:, 0] + rng.standard_normal(n)
    noise = rng.standard_normal(n)
    engagement = np.clip(np.rint(50 + 18 * (0.8 * quality + 0.6 * noise)), 0, 100).astype(np.int8)
    rate = (rng.gamma(RATE_SHAPE, RATE_MEAN / RATE_SHAPE, n) * effect[:, 1]
            * np.exp(Q_RATE * quality))
    dropout = st.sigmoid(st.logit(rng.beta(DROPOUT_A, DROPOUT_B, n)) + effect[:, 2]
                         + Q_DROPOUT * quality)
    spend = effect[:, 3] * np.exp(Q_SPEND * quality) / rng.gamma(SPEND_Q, 1 / SPEND_GAMMA, n)
    returns = np.clip(rng.beta(RETURN_A, RETURN_B, n) * effect[:, 4]
                      * np.exp(Q_RETURNS * quality), 0.0, 0.9)
    first_name = rng.integers(0, len(st.FIRST_NAMES), n).astype(np.int8)
    last_name = rng.integers(0, len(st.LAST_NAMES), n).astype(np.int8)
    email = _emails(rng, first_name, last_name)
    customer, at = _order_times(rng, acquired, end, rate, dropout)
    m = len(customer)
    dollars = rng.standard_gamma(SPEND_P, m, dtype=np.float32)
    dollars *= spend.astype(np.float32)[customer]
    cents = np.maximum(np.rint(dollars * np.float32(100)), 100).astype(np.int32)
    del dollars
    returned = rng.random(m, dtype=np.float32) < returns.astype(np.float32)[customer]
    quantity = (1 + rng.poisson(0.4, m)).astype(np.int8)
    return Shop(acquired, visited, channel, campaign, engagement, first_name, last_name, email,
                customer, at, cents, returned, quantity)


# -- demo-organization rows --------------------------------------------------------------------

def _properties(shop: Shop) -> np.ndarray:
    """Each order's properties as JSON text, built per customer (returned or not) and indexed
    by order."""
    channel = np.array(CHANNELS)[shop.channel]
    campaign = np.array(CAMPAIGN_NAMES)[shop.campaign]
    head = np.strings.add(np.strings.add(np.strings.add('{"Channel": "', channel),
                                         '", "Campaign": "'), campaign)
    tail = np.strings.add(np.strings.add('", "Engagement": "', shop.engagement.astype(np.str_)),
                          '"}')
    kept = np.strings.add(np.strings.add(head, '", "ReturnFlag": "0'), tail).astype(object)
    back = np.strings.add(np.strings.add(head, '", "ReturnFlag": "1'), tail).astype(object)
    variants = np.stack([kept, back], axis=1).reshape(-1)
    return variants[2 * shop.order_customer.astype(np.int64) + shop.order_returned]


def _last_orders(shop: Shop) -> np.ndarray:
    """Each customer's last order time (orders are sorted by customer, then time)."""
    counts = np.bincount(shop.order_customer, minlength=len(shop))
    return shop.order_at[np.cumsum(counts) - 1]


def lapsed(shop: Shop, now: int) -> np.ndarray:
    """Customers whose last order is more than LAPSE_DAYS before `now` (stage churned)."""
    return now - _last_orders(shop) > LAPSE_DAYS * st.DAY


def _text(values: list[str | None] | list[str]) -> np.ndarray:
    return np.asarray(values, dtype=object)


def shop_tables(shop: Shop, *, offset: int, now: int) -> tuple[Table, Table, Table]:
    """Customer, lifecycle-transition and transaction rows of the shop; customer references
    are local rows `offset + customer index` (shop customers follow the SaaS accounts)."""
    n = len(shop)
    churned = lapsed(shop, now)
    stage = np.where(churned, Stage.CHURNED.value, Stage.CUSTOMER.value).astype(object)
    people = _text([f"{f} {la}" for f in st.FIRST_NAMES for la in st.LAST_NAMES])
    none = np.full(n, None, dtype=object)
    customers = table(
        "customer", n,
        col("name", Kind.TEXT, people[shop.first_name.astype(np.int64) * len(st.LAST_NAMES)
                                      + shop.last_name]),
        col("email", Kind.TEXT, shop.email), col("domain", Kind.TEXT, none),
        col("industry", Kind.TEXT, none), col("country", Kind.TEXT, none),
        col("region", Kind.TEXT, none), col("plan", Kind.TEXT, none),
        col("currency", Kind.TEXT, np.full(n, "USD", dtype=object)),
        col("mrr", Kind.MONEY, np.zeros(n, np.int64)),
        col("stage", Kind.TEXT, stage),
        col("created_at", Kind.TS, shop.acquired),
        col("first_seen_at", Kind.TS, shop.visited),
        col("updated_at", Kind.TS, np.full(n, now, np.int64)),
        col("external_ref", Kind.CUSTOMER_REF),
    )
    gone = np.flatnonzero(churned)
    who = np.concatenate([np.arange(n), np.arange(n), gone])
    step = np.concatenate([np.zeros(n, np.int64), np.ones(n, np.int64),
                           np.full(len(gone), 2, np.int64)])
    lapse_at = _last_orders(shop)[gone] + LAPSE_DAYS * st.DAY
    ts = np.concatenate([shop.acquired, shop.acquired, lapse_at])
    order = np.lexsort((step, who))
    who, step, ts = who[order], step[order], ts[order]
    captured = np.strings.add("shop account created via ", np.array(CHANNELS)[shop.channel])
    reasons = np.stack([captured.astype(object), np.full(n, "first order", dtype=object),
                        np.full(n, f"lapsed: no order in {LAPSE_DAYS} days", dtype=object)],
                       axis=1)
    stages = _text([None, Stage.LEAD.value, Stage.CUSTOMER.value, Stage.CHURNED.value])
    transitions = table(
        "lifecycle_transition", len(who),
        col("customer_id", Kind.REF, offset + who, ref="customer"),
        col("from_stage", Kind.TEXT, stages[step]),
        col("to_stage", Kind.TEXT, stages[step + 1]),
        col("at", Kind.TS, ts),
        col("source", Kind.TEXT, np.full(len(who), Source.DEMO.value, dtype=object)),
        col("reason", Kind.TEXT, reasons[who, step]),
    )
    m = len(shop.order_at)
    transactions = table(
        "transaction", m,
        col("customer_id", Kind.REF, offset + shop.order_customer.astype(np.int64),
            ref="customer"),
        col("external_id", Kind.ROW_REF, ref="ORD-"),
        col("at", Kind.TS, shop.order_at),
        col("amount", Kind.MONEY, shop.order_cents.astype(np.int64)),
        col("currency", Kind.TEXT, np.full(m, "USD", dtype=object)),
        col("quantity", Kind.INT, shop.order_quantity.astype(np.int64)),
        col("source", Kind.TEXT, np.full(m, Source.DEMO.value, dtype=object)),
        col("properties", Kind.JSON, _properties(shop)),
    )
    return customers, transitions, transactions


def _append(first: Table, more: Table) -> Table:
    """`first`'s rows followed by `more`'s (same column names and kinds, in order)."""
    columns = []
    for a, b in zip(first.columns, more.columns, strict=True):
        if (a.name, a.kind, a.ref) != (b.name, b.kind, b.ref):
            raise ValueError(f"{first.name}: column {a.name} does not match {b.name}")
        values = (None if a.values is None or b.values is None
                  else np.concatenate([a.values, b.values]))
        columns.append(Column(a.name, a.kind, values, a.ref))
    return Table(first.name, first.rows + more.rows, tuple(columns))


def with_shop(tables: list[Table], shop: Shop, now: int) -> list[Table]:
    """The world's tables with the shop's customers and journeys appended after the SaaS
    rows (whose ids and values stay as they were) and its transactions after the
    customers."""
    names = [t.name for t in tables]
    offset = tables[names.index("customer")].rows
    customers, transitions, transactions = shop_tables(shop, offset=offset, now=now)
    extra = {"customer": customers, "lifecycle_transition": transitions}
    out = [_append(t, extra[t.name]) if t.name in extra else t for t in tables]
    out.insert(names.index("customer") + 1, transactions)
    return out
