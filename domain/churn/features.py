"""Point-in-time churn features for the customers of one organization at a cutoff T.

Every read is org-scoped and bounded by `< T` (strict), one set-based statement per table
(customer, subscription, invoice, payment, usage_event, support_ticket,
lifecycle_transition: 7 in all, whatever the number of customers; `churn.feature_reads`),
aggregated per customer in SQL with conditional sums, then combined in numpy/pandas.
Nothing reads a column that describes *now* rather than T: not the customer's
stage/mrr/plan/updated_at, not an invoice's or subscription's status (a subscription is
canceled at T only if `canceled_at < T`, an invoice is paid at T only if `paid_at < T`).
Requested customer ids are filtered in SQL, so a chunk of ids costs what its customers' rows
cost, not what the organization's do.

Conventions: counts and amounts are 0 when there is nothing; "days since" features are NaN
when the event never happened before T; weeks since (login) activity look back one year
and are `NO_ACTIVITY_WEEKS` when nothing happened in that year. An invoice is *overdue* at
T when it was issued more than `OVERDUE_DAYS` before T and not paid before T. Times are
handled as epoch seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pandas as pd

from domain.churn import feature_reads as reads
from domain.churn.feature_reads import DAY, OVERDUE_DAYS, USAGE_WEEKS
from domain.churn.feature_specs import FEATURE_NAMES, STAGE_CODES
from domain.enums import Stage

__all__ = ["DAY", "NO_ACTIVITY_WEEKS", "OVERDUE_DAYS", "PLAN_CHANGE_GAP", "USAGE_WEEKS",
           "feature_frame", "subscription_features", "usage_features"]

NO_ACTIVITY_WEEKS = 53.0
PLAN_CHANGE_GAP = DAY  # a subscription starting within a day of the previous one's end
SECONDS_PER_DAY = 86_400.0


def _ratio(num: pd.Series | np.ndarray, den: pd.Series | np.ndarray) -> np.ndarray:
    n, d = np.asarray(num, float), np.asarray(den, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d > 0, n / np.where(d > 0, d, 1.0), np.nan)


def _live_mrr(subs: pd.DataFrame, moment: float) -> pd.Series:
    live = (subs["started_at"] < moment) & (subs["canceled_at"].isna()
                                             | (subs["canceled_at"] >= moment))
    return subs[live].groupby("customer_id")["mrr"].sum()


def subscription_features(subs: pd.DataFrame, t: float) -> pd.DataFrame:
    """Subscription features from rows started before T (epoch seconds `t`; `canceled_at`
    NaN unless < T; `tier` the plan's rank)."""
    s = subs.sort_values(["customer_id", "started_at", "id"], kind="stable")
    live = s[s["canceled_at"].isna()]
    by = s.groupby("customer_id")
    out = pd.DataFrame(index=by.size().index)
    out["tenure_days"] = (t - by["started_at"].min()) / SECONDS_PER_DAY
    out["days_since_plan_change"] = (t - by["started_at"].max()) / SECONDS_PER_DAY
    live_by = live.groupby("customer_id")
    out["mrr"] = live_by["mrr"].sum()
    out["seats"] = live_by["seats"].sum()
    out["plan_tier"] = live_by["tier"].max()
    out["active_subscriptions"] = live_by.size()
    out["canceled_subscriptions"] = by["canceled_at"].count()
    d90 = t - 90 * SECONDS_PER_DAY
    before = _live_mrr(s, d90).reindex(out.index).fillna(0.0)
    mrr_now = out["mrr"].fillna(0.0)
    out["mrr_change_90d"] = mrr_now - before
    out["mrr_change_pct_90d"] = _ratio(mrr_now - before, before)
    prev_cust = s["customer_id"].shift()
    prev_end = s["canceled_at"].shift()
    replaced = ((prev_cust == s["customer_id"]) & prev_end.notna()
                & (s["started_at"] - prev_end <= PLAN_CHANGE_GAP.total_seconds())
                & (s["started_at"] >= d90))
    change = s["mrr"] - s["mrr"].shift()
    out["downgrades_90d"] = (replaced & (change < 0)).groupby(s["customer_id"]).sum()
    out["upgrades_90d"] = (replaced & (change > 0)).groupby(s["customer_id"]).sum()
    return out


def usage_features(weekly: np.ndarray) -> dict[str, np.ndarray]:
    """Totals, least-squares slopes and the baseline change from weekly totals
    (`weekly[:, k]` is the week ending k weeks before T, k = 0 the most recent)."""
    w = np.asarray(weekly, float)
    out: dict[str, np.ndarray] = {}
    for n in (4, 8, 12):
        y = w[:, :n][:, ::-1]  # oldest first
        x = np.arange(n, dtype=float) - (n - 1) / 2.0
        out[f"usage_{n}w"] = y.sum(axis=1)
        out[f"usage_slope_{n}w"] = (y - y.mean(axis=1, keepdims=True)) @ x / (x @ x)
    out["usage_trend_pct_8w"] = _ratio(out["usage_slope_8w"], out["usage_8w"] / 8.0)
    recent, baseline = w[:, :4].mean(axis=1), w[:, 4:12].mean(axis=1)
    out["usage_change_4w"] = _ratio(recent, baseline) - 1.0
    out["active_weeks_12w"] = (w[:, :12] > 0).sum(axis=1).astype(float)
    return out


class _Aligned:
    """Columns of per-customer frames aligned on the result's index (0 or NaN when absent)."""

    def __init__(self, frame: pd.DataFrame, index: pd.Index) -> None:
        self.frame = frame.reindex(index)

    def __call__(self, name: str, fill: float | None = 0.0) -> np.ndarray:
        values = self.frame[name].to_numpy(dtype=np.float64)
        return values if fill is None else np.where(np.isnan(values), fill, values)


async def feature_frame(org_id: int, cutoff: datetime, *,
                        customer_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Features of the org's customers at `cutoff` (index: customer id, columns:
    `FEATURE_NAMES`). Without `customer_ids`: customers created before T or with a
    subscription started before T. Seven SQL statements, whatever the number of customers."""
    if cutoff.tzinfo is None:
        raise ValueError("cutoff must be timezone-aware")
    ids = ([int(i) for i in dict.fromkeys(customer_ids)] if customer_ids is not None
           else None)
    at = reads.moments(cutoff)
    t = pd.Timestamp(cutoff).timestamp()
    async with reads.reading():
        customers, subs, inv, pay, use, tix, jrn = await asyncio.gather(
            reads.customers(org_id, ids), reads.subscriptions(org_id, at["t"], ids),
            reads.invoices(org_id, at, ids), reads.payments(org_id, at, ids),
            reads.usage(org_id, at, ids), reads.tickets(org_id, at, ids),
            reads.journeys(org_id, at, ids))

    created = customers["created_at"]
    if ids is not None:
        index = pd.Index(ids, dtype="int64").intersection(customers.index, sort=False)
    else:
        known = created.index[created.to_numpy() < t].union(
            pd.Index(subs["customer_id"].unique().astype(np.int64)))
        index = pd.Index(np.sort(np.asarray(known, dtype=np.int64)))
    index.name = "customer_id"

    def days(values: np.ndarray) -> np.ndarray:
        return (t - values) / SECONDS_PER_DAY

    f: dict[str, np.ndarray] = {}
    f["account_age_days"] = days(created.reindex(index).to_numpy(dtype=np.float64))
    sub = _Aligned(subscription_features(subs, t), index)
    for name in ("tenure_days", "days_since_plan_change", "mrr_change_pct_90d"):
        f[name] = sub(name, None)
    for name in ("mrr", "seats", "plan_tier", "active_subscriptions", "canceled_subscriptions",
                 "mrr_change_90d", "downgrades_90d", "upgrades_90d"):
        f[name] = sub(name)

    a = _Aligned(inv, index)
    for name in ("invoices_total", "invoices_90d", "invoiced_90d", "invoiced_365d",
                 "paid_invoices_90d", "unpaid_invoices", "unpaid_invoices_90d", "unpaid_amount"):
        f[name] = a(name)
    f["unpaid_share_365d"] = _ratio(a("unpaid_365d"), a("due_365d"))
    f["days_to_pay_365d"] = _ratio(a("pay_seconds_365d") / SECONDS_PER_DAY, a("paid_365d"))
    f["days_since_last_invoice"] = days(a("last_issued", None))
    f["days_since_last_paid_invoice"] = days(a("last_paid", None))

    a = _Aligned(pay, index)
    for name in ("payments_90d", "paid_amount_90d", "failed_payments_90d",
                 "failed_payments_total"):
        f[name] = a(name)
    f["failed_payment_share_90d"] = _ratio(a("failed_payments_90d"), a("payments_90d"))
    f["days_since_failed_payment"] = days(a("last_failed", None))
    f["days_since_payment"] = days(a("last_succeeded", None))

    a = _Aligned(use, index)
    f.update(usage_features(np.column_stack([a(f"w{k}") for k in range(USAGE_WEEKS)])
                            if len(index) else np.zeros((0, USAGE_WEEKS))))
    f["logins_4w"] = a("logins_4w")
    f["usage_types_12w"] = a("usage_types_12w")
    f["usage_per_seat_4w"] = _ratio(f["usage_4w"], f["seats"])
    for name, column in (("weeks_since_activity", "last_active"),
                         ("weeks_since_login", "last_login")):
        weeks = np.floor(days(a(column, None)) / 7.0)
        f[name] = np.where(np.isnan(weeks), NO_ACTIVITY_WEEKS, weeks)

    a = _Aligned(tix, index)
    for name in ("tickets_30d", "tickets_90d", "open_tickets", "cancellation_tickets_90d"):
        f[name] = a(name)
    f["sentiment_90d"] = a("sentiment_90d", None)
    f["min_sentiment_90d"] = a("min_sentiment_90d", None)
    f["urgent_share_90d"] = _ratio(a("urgent_90d"), a("tickets_90d"))
    f["hours_to_resolve_90d"] = _ratio(a("resolve_seconds_90d") / 3600.0, a("resolved_90d"))
    f["days_since_ticket"] = days(a("last_ticket", None))

    a = _Aligned(jrn, index)
    stage = a("stage_code", None)
    f["stage_code"] = stage
    f["is_at_risk"] = (stage == STAGE_CODES[Stage.AT_RISK.value]).astype(float)
    f["days_in_stage"] = days(a("at", None))
    for name in ("reactivations", "contractions", "at_risk_flags", "transitions_90d"):
        f[name] = a(name)
    return pd.DataFrame({name: f[name] for name in FEATURE_NAMES}, index=index, dtype=float)
