"""The churn features: names, human labels and how to phrase a value in plain words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from domain.enums import Stage

STAGE_CODES: dict[str, int] = {s.value: i for i, s in enumerate(Stage)}
TIER_RANK: dict[str, int] = {"starter": 1, "growth": 2, "scale": 3, "enterprise": 4}


class Fmt(StrEnum):
    """How a value is rendered inside a phrase."""

    COUNT = "count"  # 3
    MONEY = "money"  # $1,200
    PCT = "pct"  # 45% (value is a fraction)
    CHANGE = "change"  # up/down 45% (value is a fractional change)
    MONEY_CHANGE = "money_change"  # up/down $300
    NUMBER = "number"  # 12.5
    DAYS = "days"  # 12 days
    WEEKS = "weeks"  # 5 weeks
    HOURS = "hours"  # 6 hours
    STAGE = "stage"  # at risk
    TIER = "tier"  # growth
    FLAG = "flag"  # yes / no


@dataclass(frozen=True)
class FeatureSpec:
    """`phrase` is a format string: `{v}` is the rendered value, `{dir}` up/down,
    `{s}` a plural "s" for counts."""

    name: str
    label: str
    fmt: Fmt
    phrase: str
    family: str


def _f(name: str, label: str, fmt: Fmt, phrase: str, family: str) -> FeatureSpec:
    return FeatureSpec(name, label, fmt, phrase, family)


C, M, P, CH, MC, N, D, W, H = (Fmt.COUNT, Fmt.MONEY, Fmt.PCT, Fmt.CHANGE, Fmt.MONEY_CHANGE,
                               Fmt.NUMBER, Fmt.DAYS, Fmt.WEEKS, Fmt.HOURS)

FEATURES: tuple[FeatureSpec, ...] = (
    # subscriptions as of T
    _f("tenure_days", "Tenure", D, "customer for {v}", "subscription"),
    _f("account_age_days", "Account age", D, "account created {v} ago", "subscription"),
    _f("mrr", "MRR", M, "MRR {v}", "subscription"),
    _f("seats", "Seats", C, "{v} seat{s}", "subscription"),
    _f("plan_tier", "Plan tier", Fmt.TIER, "{v} plan", "subscription"),
    _f("active_subscriptions", "Active subscriptions", C, "{v} active subscription{s}",
       "subscription"),
    _f("mrr_change_90d", "MRR change (90 days)", MC, "MRR {dir} {v} in the last 90 days",
       "subscription"),
    _f("mrr_change_pct_90d", "MRR change % (90 days)", CH, "MRR {dir} {v} in the last 90 days",
       "subscription"),
    _f("downgrades_90d", "Downgrades (90 days)", C, "{v} downgrade{s} in the last 90 days",
       "subscription"),
    _f("upgrades_90d", "Upgrades (90 days)", C, "{v} upgrade{s} in the last 90 days",
       "subscription"),
    _f("canceled_subscriptions", "Past cancellations", C, "{v} canceled subscription{s}",
       "subscription"),
    _f("days_since_plan_change", "Days since plan change", D, "last plan change {v} ago",
       "subscription"),
    # invoices
    _f("invoices_total", "Invoices", C, "{v} invoice{s} so far", "invoices"),
    _f("invoices_90d", "Invoices (90 days)", C, "{v} invoice{s} in the last 90 days",
       "invoices"),
    _f("invoiced_90d", "Invoiced (90 days)", M, "{v} invoiced in the last 90 days", "invoices"),
    _f("invoiced_365d", "Invoiced (365 days)", M, "{v} invoiced in the last year", "invoices"),
    _f("days_since_last_invoice", "Days since last invoice", D, "last invoice {v} ago",
       "invoices"),
    _f("paid_invoices_90d", "Paid invoices (90 days)", C,
       "{v} paid invoice{s} in the last 90 days", "invoices"),
    _f("unpaid_invoices", "Overdue invoices", C, "{v} overdue invoice{s}", "invoices"),
    _f("unpaid_invoices_90d", "Overdue invoices (90 days)", C,
       "{v} overdue invoice{s} from the last 90 days", "invoices"),
    _f("unpaid_amount", "Overdue amount", M, "{v} overdue", "invoices"),
    _f("unpaid_share_365d", "Overdue share (365 days)", P,
       "{v} of the last year's invoices overdue", "invoices"),
    _f("days_to_pay_365d", "Mean days to pay", N, "invoices paid after {v} days on average",
       "invoices"),
    _f("days_since_last_paid_invoice", "Days since last paid invoice", D,
       "last invoice paid {v} ago", "invoices"),
    # payments
    _f("payments_90d", "Payment attempts (90 days)", C,
       "{v} payment attempt{s} in the last 90 days", "payments"),
    _f("paid_amount_90d", "Paid (90 days)", M, "{v} paid in the last 90 days", "payments"),
    _f("failed_payments_90d", "Failed payments (90 days)", C,
       "{v} failed payment{s} in the last 90 days", "payments"),
    _f("failed_payments_total", "Failed payments", C, "{v} failed payment{s} so far",
       "payments"),
    _f("failed_payment_share_90d", "Failed payment share (90 days)", P,
       "{v} of payment attempts failed in the last 90 days", "payments"),
    _f("days_since_failed_payment", "Days since failed payment", D,
       "last failed payment {v} ago", "payments"),
    _f("days_since_payment", "Days since successful payment", D,
       "last successful payment {v} ago", "payments"),
    # usage
    _f("usage_4w", "Usage (4 weeks)", C, "{v} event{s} in the last 4 weeks", "usage"),
    _f("usage_8w", "Usage (8 weeks)", C, "{v} event{s} in the last 8 weeks", "usage"),
    _f("usage_12w", "Usage (12 weeks)", C, "{v} event{s} in the last 12 weeks", "usage"),
    _f("usage_slope_4w", "Usage trend (4 weeks)", N,
       "usage changing by {v} events a week over 4 weeks", "usage"),
    _f("usage_slope_8w", "Usage trend (8 weeks)", N,
       "usage changing by {v} events a week over 8 weeks", "usage"),
    _f("usage_slope_12w", "Usage trend (12 weeks)", N,
       "usage changing by {v} events a week over 12 weeks", "usage"),
    _f("usage_trend_pct_8w", "Relative usage trend (8 weeks)", CH,
       "usage {dir} {v} a week over 8 weeks", "usage"),
    _f("usage_change_4w", "Usage vs baseline", CH,
       "usage {dir} {v} against the prior 8 weeks", "usage"),
    _f("logins_4w", "Logins (4 weeks)", C, "{v} login{s} in the last 4 weeks", "usage"),
    _f("usage_per_seat_4w", "Usage per seat (4 weeks)", N,
       "{v} events per seat in the last 4 weeks", "usage"),
    _f("active_weeks_12w", "Active weeks (12 weeks)", C, "active in {v} of the last 12 weeks",
       "usage"),
    _f("weeks_since_activity", "Weeks since activity", W, "no activity for {v}", "usage"),
    _f("weeks_since_login", "Weeks since login", W, "no login for {v}", "usage"),
    _f("usage_types_12w", "Features used (12 weeks)", C,
       "{v} kind{s} of usage in the last 12 weeks", "usage"),
    # support
    _f("tickets_30d", "Tickets (30 days)", C, "{v} ticket{s} in the last 30 days", "support"),
    _f("tickets_90d", "Tickets (90 days)", C, "{v} ticket{s} in the last 90 days", "support"),
    _f("sentiment_90d", "Ticket sentiment (90 days)", N,
       "mean ticket sentiment {v} in the last 90 days", "support"),
    _f("min_sentiment_90d", "Worst ticket sentiment (90 days)", N,
       "worst ticket sentiment {v} in the last 90 days", "support"),
    _f("urgent_share_90d", "High/urgent share (90 days)", P,
       "{v} of the last 90 days' tickets high or urgent", "support"),
    _f("hours_to_resolve_90d", "Hours to resolve (90 days)", H,
       "tickets resolved in {v} on average", "support"),
    _f("open_tickets", "Open tickets", C, "{v} open ticket{s}", "support"),
    _f("cancellation_tickets_90d", "Cancellation tickets (90 days)", C,
       "{v} cancellation ticket{s} in the last 90 days", "support"),
    _f("days_since_ticket", "Days since ticket", D, "last ticket {v} ago", "support"),
    # journey
    _f("stage_code", "Stage", Fmt.STAGE, "stage {v}", "journey"),
    _f("is_at_risk", "Flagged at risk", Fmt.FLAG, "flagged at risk: {v}", "journey"),
    _f("days_in_stage", "Days in stage", D, "in the current stage for {v}", "journey"),
    _f("reactivations", "Reactivations", C, "reactivated {v} time{s}", "journey"),
    _f("contractions", "Contractions", C, "{v} contraction{s}", "journey"),
    _f("at_risk_flags", "At-risk flags", C, "flagged at risk {v} time{s}", "journey"),
    _f("transitions_90d", "Stage changes (90 days)", C,
       "{v} stage change{s} in the last 90 days", "journey"),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
_BY_NAME: dict[str, FeatureSpec] = {f.name: f for f in FEATURES}
_STAGE_BY_CODE: dict[int, str] = {v: k for k, v in STAGE_CODES.items()}
_TIER_BY_RANK: dict[int, str] = {v: k for k, v in TIER_RANK.items()}


def spec(name: str) -> FeatureSpec:
    return _BY_NAME[name]


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}" if abs(value) >= 1 else f"{value:.2f}"


def _money(value: float, currency: str) -> str:
    sign = "$" if currency == "USD" else {"EUR": "€", "GBP": "£"}.get(currency, currency + " ")
    return f"{sign}{value:,.0f}"


def _plural(value: float, unit: str) -> str:
    n = round(value)
    return f"{n:,} {unit}{'' if n == 1 else 's'}"


def _render(s: FeatureSpec, value: float, currency: str) -> str:
    match s.fmt:
        case Fmt.COUNT:
            return f"{round(value):,}"
        case Fmt.MONEY | Fmt.MONEY_CHANGE:
            return _money(abs(value), currency)
        case Fmt.PCT | Fmt.CHANGE:
            return f"{abs(value) * 100:.0f}%"
        case Fmt.DAYS:
            return _plural(value, "day")
        case Fmt.WEEKS:
            return _plural(value, "week")
        case Fmt.HOURS:
            return _plural(value, "hour")
        case Fmt.STAGE:
            return _STAGE_BY_CODE.get(round(value), "unknown").replace("_", " ")
        case Fmt.TIER:
            return _TIER_BY_RANK.get(round(value), "unknown")
        case Fmt.FLAG:
            return "yes" if value else "no"
    return _number(value)


def describe(name: str, value: float, customer_row: pd.Series | None = None) -> str:
    """`value` of feature `name` in plain words ("usage down 45% against the prior 8 weeks").

    `customer_row` (a row of the feature frame, or anything with a `currency`) is optional
    context; only its currency is used today.
    """
    s = _BY_NAME[name]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"{s.label}: unknown"
    currency = "USD"
    if customer_row is not None and isinstance(customer_row.get("currency"), str):
        currency = str(customer_row["currency"])
    v = _render(s, float(value), currency)
    direction = "up" if value > 0 else "down" if value < 0 else "unchanged"
    if direction == "unchanged" and "{dir}" in s.phrase:
        return s.phrase.split(" {dir}")[0] + " unchanged" + s.phrase.split("{v}")[1]
    plural = "" if s.fmt is Fmt.COUNT and round(value) == 1 else "s"
    return s.phrase.format(v=v, dir=direction, s=plural)
