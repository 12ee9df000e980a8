"""Behavioural clusters in plain words: the features' labels and phrases, and a cluster's
short name and description from its centroid's z-scores and its medians.

A cluster is described by its most distinctive feature plus up to two more clearly off
average (|z| >= 0.5), named with their direction and size ("much" from |z| >= 1.5,
"slightly" below 0.75) in headline order (`HEADLINES`: lapsing, spend, frequency, MRR,
tickets, usage first), then the cluster's medians of them and of spend, frequency and
recency, e.g. "Spend much more, buy more often and bought recently. Median $9,100 spent in
the last year, 30 purchase days a year, last purchase 5 days ago." The short name comes
from the first trait in headline order within 60% of the largest |z| ("Big spenders",
"Lapsed"); a cluster within 0.3 of the mean on every feature is "Typical".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_Z = 0.3
STRONG_Z = 0.5
NAME_SHARE = 0.6


@dataclass(frozen=True)
class Feature:
    """`high` / `low`: the phrase for a centroid above / below the mean (`{adv}`: much,
    slightly or nothing); `summary`: the median in words (`{v}`: the rendered value)."""

    name: str
    label: str
    unit: str  # days | count | money | change
    log: bool
    high: str
    low: str
    high_name: str
    low_name: str
    summary: str


FEATURES: tuple[Feature, ...] = (
    Feature("revenue_365d", "revenue in the last 365 days", "money", True,
            "spend {adv}more", "spend {adv}less", "Big spenders", "Low spenders",
            "{v} spent in the last year"),
    Feature("purchase_days_365d", "purchase days in the last 365 days", "count", True,
            "buy {adv}more often", "buy {adv}less often", "Frequent buyers",
            "Occasional buyers", "{v} purchase days a year"),
    Feature("days_since_purchase", "days since the last purchase", "days", True,
            "have not bought for a long time", "bought recently", "Lapsed", "Recent buyers",
            "last purchase {v} ago"),
    Feature("avg_order_value", "average order value", "money", True,
            "place {adv}larger orders", "place {adv}smaller orders", "Big-basket buyers",
            "Small-basket buyers", "{v} per order"),
    Feature("tenure_days", "tenure", "days", True, "have been customers {adv}longer",
            "are {adv}newer customers", "Long-standing", "Newcomers", "customers for {v}"),
    Feature("mrr", "current MRR", "money", True, "pay a {adv}higher MRR",
            "pay a {adv}lower MRR", "High MRR", "Low MRR", "{v} MRR"),
    Feature("usage_trend", "weekly usage trend", "change", False, "use the product {adv}more",
            "use the product {adv}less", "Growing usage", "Declining usage",
            "weekly usage {v} over the last 4 weeks"),
    Feature("tickets_90d", "support tickets in the last 90 days", "count", True,
            "open {adv}more support tickets", "open {adv}fewer support tickets",
            "Support-heavy", "Low-touch", "{v} support tickets in 90 days"),
)
BY_NAME = {f.name: f for f in FEATURES}
SUMMARY_ALWAYS = ("revenue_365d", "purchase_days_365d", "days_since_purchase")
# (feature, direction) in headline order: warning signs and value first
HEADLINES: tuple[tuple[str, int], ...] = (
    ("days_since_purchase", 1), ("revenue_365d", 1), ("purchase_days_365d", 1), ("mrr", 1),
    ("tickets_90d", 1), ("usage_trend", -1), ("usage_trend", 1), ("tenure_days", -1),
    ("avg_order_value", 1), ("days_since_purchase", -1), ("purchase_days_365d", -1),
    ("revenue_365d", -1), ("mrr", -1), ("avg_order_value", -1), ("tenure_days", 1),
    ("tickets_90d", -1),
)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"


def _money(value: float, currency: str) -> str:
    sign = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, f"{currency} ")
    text = f"{abs(value):,.0f}" if abs(value) >= 10 or value == 0 else f"{abs(value):,.2f}"
    return f"{'-' if value < 0 else ''}{sign}{text}"


def _duration(days: float) -> str:
    if days < 60:
        n = round(days)
        return f"{n} day{'' if n == 1 else 's'}"
    if days < 730:
        return f"~{round(days / 30.44)} months"
    return f"~{days / 365.25:.1f} years"


def render(feature: Feature, value: float, currency: str) -> str:
    match feature.unit:
        case "money":
            return _money(value, currency)
        case "days":
            return _duration(value)
        case "change":
            return f"{value * 100:+.0f}%"
        case _:
            return _number(value)


def _adverb(z: float) -> str:
    size = abs(z)
    return "much " if size >= 1.5 else "" if size >= 0.75 else "slightly "


def _join(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _rank(feature: str, z: float) -> int:
    return HEADLINES.index((feature, 1 if z > 0 else -1))


def _phrase(feature: str, z: float) -> str:
    f = BY_NAME[feature]
    return (f.high if z > 0 else f.low).format(adv=_adverb(z))


def _short(feature: str, z: float) -> str:
    f = BY_NAME[feature]
    return f.high_name if z > 0 else f.low_name


def traits(z: dict[str, float]) -> list[str]:
    """The 2-3 features a cluster is described by, in headline order: its most distinctive
    feature and up to two more that are clearly off average (|z| >= 0.5, by headline
    order); a single one gets the next largest (|z| >= 0.15) for company."""
    by_size = sorted(z, key=lambda f: (-abs(z[f]), f))
    if not by_size or abs(z[by_size[0]]) < MIN_Z:
        return []
    strong = sorted((f for f in by_size[1:] if abs(z[f]) >= STRONG_Z),
                    key=lambda f: _rank(f, z[f]))
    chosen = [by_size[0], *strong[:2]]
    if len(chosen) == 1 and len(by_size) > 1 and abs(z[by_size[1]]) >= MIN_Z / 2:
        chosen.append(by_size[1])
    return sorted(chosen, key=lambda f: _rank(f, z[f]))


def _named_by(z: dict[str, float], chosen: Sequence[str]) -> str:
    """The trait that names the cluster: the first in headline order among those within
    60% of the most distinctive one's size."""
    largest = max(abs(z[f]) for f in chosen)
    return next(f for f in chosen if abs(z[f]) >= NAME_SHARE * largest)


def describe(z: dict[str, float], medians: dict[str, float], currency: str
             ) -> tuple[str, str]:
    """(short name, description) of one cluster from its centroid z-scores and medians."""
    chosen = traits(z)
    if not chosen:
        head, name = "Close to the average on every measure", "Typical"
    else:
        text = _join([_phrase(f, z[f]) for f in chosen])
        head = text[:1].upper() + text[1:]
        named = _named_by(z, chosen)
        name = _short(named, z[named])
    shown = [f for f in [*chosen, *SUMMARY_ALWAYS] if f in medians]
    values = [BY_NAME[f].summary.format(v=render(BY_NAME[f], medians[f], currency))
              for f in dict.fromkeys(shown)]
    tail = f" Median {', '.join(values)}." if values else ""
    return name, f"{head}.{tail}"


def second_trait(z: dict[str, float]) -> str:
    """The short name of the trait after the naming one (to tell same-named clusters apart)."""
    chosen = traits(z)
    if len(chosen) < 2:
        return ""
    named = _named_by(z, chosen)
    other = next(f for f in chosen if f != named)
    return _short(other, z[other]).lower()


def unique_names(names: list[str], seconds: list[str]) -> list[str]:
    """Clusters sharing a name get their second trait's name added, then their number."""
    out = [f"{n} · {s}" if names.count(n) > 1 and s else n
           for n, s in zip(names, seconds, strict=True)]
    return [f"{n} ({i + 1})" if out.count(n) > 1 else n for i, n in enumerate(out)]
