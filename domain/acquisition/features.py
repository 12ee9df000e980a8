"""Early-behaviour features of new customers, and the 12-month value they are trained on.

A customer's *early behaviour* is read from its first 30 days, counted from its first
transaction (`at < first + 30 days`):

- `orders_first_30_days`: transactions in that window;
- `revenue_first_30_days`: the sum of their amounts;
- `first_order_amount`: the amount of the first transaction;
- `return_rate`: the share of those transactions flagged returned (`ReturnFlag` property
  "1", "true" or "yes", any case);
- `engagement`: the mean `Engagement` property (a number 0..100) of those transactions,
  unknown when none carries one;
- `channel`: the first non-empty `Channel` (or `Source`) property in the window;
- `campaign`: the first non-empty `Campaign` property in the window.

Properties are the CSV import's extra columns kept verbatim; their names are matched without
regard to case. Channel and campaign values are trimmed and lower-cased.

The *target* is the revenue of the 365 days after day 30 (`first + 30 days <= at <
first + 395 days`). Only customers whose first transaction is at least 395 days before the
data's end (the organization's latest transaction) have a complete target: they are the
training rows. This module imports no ML library.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from domain.errors import ValidationFailed
from domain.models import Transaction

EARLY_DAYS = 30
TARGET_DAYS = 365
MATURE_DAYS = EARLY_DAYS + TARGET_DAYS
MIN_TRAINING_CUSTOMERS = 50

NUMERIC = ("orders_first_30_days", "revenue_first_30_days", "first_order_amount",
           "return_rate", "engagement")
CATEGORICAL = ("channel", "campaign")
FEATURES = (*NUMERIC, *CATEGORICAL)

_CHANNEL_KEYS = ("channel", "source")
_CAMPAIGN_KEYS = ("campaign",)
_RETURN_KEYS = ("returnflag", "return_flag", "returned")
_ENGAGEMENT_KEYS = ("engagement",)
_TRUE = frozenset({"1", "true", "yes"})
MAX_TEXT = 100
MAX_AMOUNT = 1e12


class NotEnoughHistory(ValidationFailed):
    code = "NOT_ENOUGH_HISTORY"


@dataclass(frozen=True)
class EarlyBehaviour:
    """What is known of a new customer after its first 30 days (see the module docstring).
    `return_rate` is a share 0..1, `engagement` a score 0..100 (None: unknown)."""

    orders_first_30_days: int
    revenue_first_30_days: float
    first_order_amount: float
    return_rate: float = 0.0
    channel: str | None = None
    campaign: str | None = None
    engagement: float | None = None

    def validated(self) -> EarlyBehaviour:
        """This input with channel and campaign normalised; `ValidationFailed` naming the
        field (as the API spells it) for a negative, non-finite or out-of-range value."""
        orders = self.orders_first_30_days
        if isinstance(orders, bool) or not isinstance(orders, int) or orders < 0:
            raise ValidationFailed("ordersFirst30Days must be a whole number, 0 or more",
                                   field="ordersFirst30Days")
        for name, value in (("revenueFirst30Days", self.revenue_first_30_days),
                            ("firstOrderAmount", self.first_order_amount)):
            _check_number(name, value, 0.0, MAX_AMOUNT)
        _check_number("returnRate", self.return_rate, 0.0, 1.0)
        if self.engagement is not None:
            _check_number("engagement", self.engagement, 0.0, 100.0)
        for name, text in (("channel", self.channel), ("campaign", self.campaign)):
            if text is not None and len(text) > MAX_TEXT:
                raise ValidationFailed(f"{name} must be at most {MAX_TEXT} characters",
                                       field=name)
        return EarlyBehaviour(
            orders_first_30_days=orders, revenue_first_30_days=float(self.revenue_first_30_days),
            first_order_amount=float(self.first_order_amount),
            return_rate=float(self.return_rate), channel=normalise_category(self.channel),
            campaign=normalise_category(self.campaign),
            engagement=None if self.engagement is None else float(self.engagement))

    def frame(self) -> pd.DataFrame:
        """One row with the `FEATURES` columns (unknown values as NaN / None)."""
        row: dict[str, Any] = {
            "orders_first_30_days": float(self.orders_first_30_days),
            "revenue_first_30_days": float(self.revenue_first_30_days),
            "first_order_amount": float(self.first_order_amount),
            "return_rate": float(self.return_rate),
            "engagement": np.nan if self.engagement is None else float(self.engagement),
            "channel": self.channel, "campaign": self.campaign,
        }
        return pd.DataFrame([row], columns=list(FEATURES))


def _check_number(field: str, value: Any, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationFailed(f"{field} must be a number", field=field)
    if not math.isfinite(value):
        raise ValidationFailed(f"{field} must be a finite number", field=field)
    if value < low:
        raise ValidationFailed(f"{field} must not be negative" if low == 0 else
                               f"{field} must be at least {low:g}", field=field)
    if value > high:
        raise ValidationFailed(f"{field} must be at most {high:g}", field=field)


def normalise_category(value: object) -> str | None:
    """Trimmed, lower-cased text; None for missing or blank values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().lower()
    return text[:MAX_TEXT] or None


def _lookup(props: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key, value in props.items():
        if str(key).strip().lower() in keys and value not in (None, ""):
            return value
    return None


def _engagement(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) and 0.0 <= number <= 100.0 else math.nan


def _returned(value: Any) -> bool:
    return value is not None and str(value).strip().lower() in _TRUE


@dataclass(frozen=True)
class EarlyFrame:
    """Every customer with a transaction: `X` (index customer_id, columns `FEATURES`),
    `target` (NaN where the 395 days are not complete), `first_at` (UTC) and `mature`
    (True for training rows). `data_end`: the latest transaction read; `currency`: the most
    common transaction currency."""

    X: pd.DataFrame
    target: pd.Series
    first_at: pd.Series
    mature: pd.Series
    data_end: datetime | None
    currency: str

    def training(self) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
        """(X, y, first_at) of the mature customers, oldest first (ties by id)."""
        keep = self.mature.to_numpy()
        order = pd.DataFrame({"first_at": self.first_at[keep],
                              "id": self.first_at.index[keep]}).sort_values(["first_at", "id"])
        ids = order["id"].to_numpy()
        return (self.X.loc[ids], self.target.loc[ids].astype(float),
                self.first_at.loc[ids])


def build_frame(tx: pd.DataFrame, data_end: datetime | None) -> EarlyFrame:
    """`EarlyFrame` from transactions (columns customer_id, at, amount, currency,
    properties). Pure."""
    empty_index = pd.Index([], dtype="int64", name="customer_id")
    if tx.empty or data_end is None:
        return EarlyFrame(X=pd.DataFrame(columns=list(FEATURES), index=empty_index),
                          target=pd.Series([], index=empty_index, dtype=float),
                          first_at=pd.Series([], index=empty_index, dtype="datetime64[ns, UTC]"),
                          mature=pd.Series([], index=empty_index, dtype=bool),
                          data_end=None, currency="USD")
    tx = tx.assign(at=pd.to_datetime(tx["at"], utc=True),
                   amount=tx["amount"].astype(float)).sort_values(["customer_id", "at"],
                                                                  kind="mergesort")
    first = tx.groupby("customer_id", sort=True)["at"].min()
    since = tx["at"] - tx["customer_id"].map(first)
    early = tx[since < pd.Timedelta(days=EARLY_DAYS)]
    later = tx[(since >= pd.Timedelta(days=EARLY_DAYS))
               & (since < pd.Timedelta(days=MATURE_DAYS))]
    props = early["properties"].map(lambda p: p if isinstance(p, dict) else {})
    early = early.assign(
        channel=props.map(lambda p: normalise_category(_lookup(p, _CHANNEL_KEYS))),
        campaign=props.map(lambda p: normalise_category(_lookup(p, _CAMPAIGN_KEYS))),
        returned=props.map(lambda p: _returned(_lookup(p, _RETURN_KEYS))).astype(float),
        engagement=props.map(lambda p: _engagement(_lookup(p, _ENGAGEMENT_KEYS))),
    )
    g = early.groupby("customer_id", sort=True)
    X = pd.DataFrame({
        "orders_first_30_days": g.size().astype(float),
        "revenue_first_30_days": g["amount"].sum(),
        "first_order_amount": g["amount"].first(),
        "return_rate": g["returned"].mean(),
        "engagement": g["engagement"].mean(),
        "channel": g["channel"].first(),  # first non-null in time order
        "campaign": g["campaign"].first(),
    }).reindex(first.index)
    X = X.astype({"channel": object, "campaign": object})
    X[list(CATEGORICAL)] = X[list(CATEGORICAL)].where(X[list(CATEGORICAL)].notna(), None)
    X.index.name = "customer_id"
    end = pd.Timestamp(data_end).tz_convert("UTC")
    mature = first <= end - pd.Timedelta(days=MATURE_DAYS)
    revenue = later.groupby("customer_id")["amount"].sum().reindex(first.index, fill_value=0.0)
    target = revenue.where(mature)
    currencies = Counter(str(c) for c in tx["currency"])
    return EarlyFrame(X=X, target=target.astype(float), first_at=first, mature=mature,
                      data_end=end.to_pydatetime(),
                      currency=currencies.most_common(1)[0][0] if currencies else "USD")


async def early_frame(org_id: int, at: datetime | None = None) -> EarlyFrame:
    """`EarlyFrame` of the organization's customers from its transactions with a positive
    amount at or before `at` (now without it: a row dated in the future must not make
    customers look mature). One statement."""
    when = at if at is not None else datetime.now(UTC)
    if when.tzinfo is None:
        raise ValidationFailed("at must be timezone-aware", field="at")
    query = Transaction.filter(organization_id=org_id, at__lte=when, amount__gt=0)
    rows = await query.values_list("customer_id", "at", "amount", "currency", "properties")
    tx = pd.DataFrame(rows, columns=["customer_id", "at", "amount", "currency", "properties"])
    data_end = max(r[1] for r in rows) if rows else None
    return build_frame(tx, data_end)


def training_window(frame: EarlyFrame) -> tuple[datetime, datetime]:
    """(first training customer's first purchase, data end)."""
    assert frame.data_end is not None
    firsts = frame.first_at[frame.mature.to_numpy()]
    start = firsts.min().to_pydatetime() if len(firsts) else frame.data_end
    return start, frame.data_end


def maturity_cutoff(data_end: datetime) -> datetime:
    """Customers first seen at or before this moment have a complete target."""
    return data_end - timedelta(days=MATURE_DAYS)


# ---- factors in words ------------------------------------------------------------------

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$"}


def money(amount: float, currency: str, *, signed: bool = False) -> str:
    """`+$120`, `-€4.50`, `1,200 CHF`: whole units from 10 on, cents below."""
    size = abs(amount)
    digits = f"{size:,.0f}" if size >= 10 else f"{size:,.2f}"
    sign = ("+" if amount >= 0 else "-") if signed else ("-" if amount < 0 else "")
    symbol = _SYMBOLS.get(currency.upper())
    return f"{sign}{symbol}{digits}" if symbol else f"{sign}{digits} {currency.upper()}"


def describe(feature: str, value: Any, impact: float, currency: str) -> str:
    """One factor in words: the customer's value and what it adds to (or takes from) the
    predicted 12-month value, e.g. "referral channel +$120"."""
    effect = money(impact, currency, signed=True)
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    if feature == "channel":
        return f"{value} channel {effect}" if not missing else f"no known channel {effect}"
    if feature == "campaign":
        return f"campaign {value} {effect}" if not missing else f"no campaign {effect}"
    if missing:
        return f"{feature.replace('_', ' ')} unknown {effect}"
    number = float(value)
    if feature == "orders_first_30_days":
        noun = "order" if number == 1 else "orders"
        return f"{number:g} {noun} in the first 30 days {effect}"
    if feature == "revenue_first_30_days":
        return f"{money(number, currency)} spent in the first 30 days {effect}"
    if feature == "first_order_amount":
        return f"first order of {money(number, currency)} {effect}"
    if feature == "return_rate":
        return f"{number * 100:.0f}% of early orders returned {effect}"
    if feature == "engagement":
        return f"engagement {number:.0f}/100 {effect}"
    return f"{feature.replace('_', ' ')} {number:g} {effect}"
