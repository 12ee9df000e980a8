"""Point-in-time churn features for the customers of one organization at a cutoff T.

Every read is org-scoped and bounded by `< T` (strict), one set-based statement per table
(customer, subscription, invoice, payment, usage_event, support_ticket,
lifecycle_transition: 7 in all, whatever the number of customers), aggregated per customer
in SQL with conditional sums, then combined in pandas. Nothing reads a column that
describes *now* rather than T: not the customer's stage/mrr/plan/updated_at, not an
invoice's or subscription's status (a subscription is canceled at T only if
`canceled_at < T`, an invoice is paid at T only if `paid_at < T`).

Conventions: counts and amounts are 0 when there is nothing; "days since" features are NaN
when the event never happened before T; weeks since (login) activity look back one year
and are `NO_ACTIVITY_WEEKS` when nothing happened in that year. An invoice is *overdue* at
T when it was issued more than `OVERDUE_DAYS` before T and not paid before T.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from domain.churn.feature_specs import FEATURE_NAMES, STAGE_CODES, TIER_RANK
from domain.db import is_postgres
from domain.enums import Stage
from domain.models import (
    UsageEvent,
)
from domain.sql import db_value, placeholders, select_dicts

DAY = timedelta(days=1)
WEEK = timedelta(weeks=1)
USAGE_WEEKS = 12
OVERDUE_DAYS = 14
NO_ACTIVITY_WEEKS = 53.0
PLAN_CHANGE_GAP = DAY  # a subscription starting within a day of the previous one's end
MAX_IN_LIST = 500  # above this many requested ids, read the whole org and filter in pandas
SECONDS_PER_DAY = 86_400.0


@dataclass
class _Query:
    """A `SELECT customer_id, <aggregates> FROM table WHERE org AND <time> < T` builder that
    keeps `?` parameters in text order."""

    table: str
    time_column: str
    exprs: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, expr: str, alias: str, *params: Any) -> None:
        self.exprs.append(f"{expr} AS {alias}")
        self.params.extend(params)

    def sql(self, org_id: int, cutoff: Any, ids: Sequence[int] | None) -> tuple[str, list[Any]]:
        where, params = _where(self.time_column, org_id, cutoff, ids)
        select = ", ".join(["customer_id", *self.exprs])
        return (f'SELECT {select} FROM "{self.table}" WHERE {where} GROUP BY customer_id',
                [*self.params, *params])


def _where(time_column: str, org_id: int, cutoff: Any, ids: Sequence[int] | None
           ) -> tuple[str, list[Any]]:
    where = f"organization_id = ? AND {time_column} < ?"
    params: list[Any] = [org_id, cutoff]
    if ids is not None:
        where += f" AND customer_id IN ({placeholders(len(ids))})"
        params.extend(ids)
    return where, params


def _seconds(later: str, earlier: str) -> str:
    if is_postgres():
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.set_index("customer_id") if "customer_id" in frame else frame


def _stamp(values: pd.Series) -> pd.Series:
    """Database timestamps (text on SQLite, datetimes on PostgreSQL) as UTC pandas times."""
    return pd.to_datetime(values, utc=True, format="ISO8601")


def _days_before(cutoff: pd.Timestamp, values: pd.Series) -> pd.Series:
    return (cutoff - _stamp(values)).dt.total_seconds() / SECONDS_PER_DAY


def _num(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(pd.to_numeric, errors="coerce").astype(float)


def _ratio(num: pd.Series | np.ndarray, den: pd.Series | np.ndarray) -> np.ndarray:
    n, d = np.asarray(num, float), np.asarray(den, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d > 0, n / np.where(d > 0, d, 1.0), np.nan)


# --- per-table reads ---------------------------------------------------------------------

async def _customers(org_id: int, ids: Sequence[int] | None) -> pd.DataFrame:
    sql = 'SELECT id AS customer_id, created_at FROM "customer" WHERE organization_id = ?'
    params: list[Any] = [org_id]
    if ids is not None:
        sql += f" AND id IN ({placeholders(len(ids))})"
        params.extend(ids)
    return _frame(await select_dicts(sql, params), ["customer_id", "created_at"])


async def _subscriptions(org_id: int, t: Any, ids: Sequence[int] | None) -> pd.DataFrame:
    where, params = _where("started_at", org_id, t, ids)
    sql = ("SELECT customer_id, id, plan, seats, mrr, started_at, "
           "CASE WHEN canceled_at < ? THEN canceled_at END AS canceled_at "
           f'FROM "subscription" WHERE {where}')
    cols = ["customer_id", "id", "plan", "seats", "mrr", "started_at", "canceled_at"]
    return pd.DataFrame(await select_dicts(sql, [t, *params]), columns=cols)


async def _invoices(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                    ) -> pd.DataFrame:
    q = _Query("invoice", "issued_at")
    t, d90, d365, due = at["t"], at["d90"], at["d365"], at["overdue"]
    unpaid = "(paid_at IS NULL OR paid_at >= ?)"
    q.add("COUNT(*)", "invoices_total")
    q.add("SUM(CASE WHEN issued_at >= ? THEN 1 ELSE 0 END)", "invoices_90d", d90)
    q.add("SUM(CASE WHEN issued_at >= ? THEN amount ELSE 0 END)", "invoiced_90d", d90)
    q.add("SUM(CASE WHEN issued_at >= ? THEN amount ELSE 0 END)", "invoiced_365d", d365)
    q.add("MAX(issued_at)", "last_issued")
    q.add("SUM(CASE WHEN issued_at >= ? AND paid_at < ? THEN 1 ELSE 0 END)",
          "paid_invoices_90d", d90, t)
    q.add(f"SUM(CASE WHEN issued_at < ? AND {unpaid} THEN 1 ELSE 0 END)", "unpaid_invoices",
          due, t)
    q.add(f"SUM(CASE WHEN issued_at >= ? AND issued_at < ? AND {unpaid} THEN 1 ELSE 0 END)",
          "unpaid_invoices_90d", d90, due, t)
    q.add(f"SUM(CASE WHEN issued_at < ? AND {unpaid} THEN amount ELSE 0 END)", "unpaid_amount",
          due, t)
    q.add("SUM(CASE WHEN issued_at >= ? AND issued_at < ? THEN 1 ELSE 0 END)", "due_365d",
          d365, due)
    q.add(f"SUM(CASE WHEN issued_at >= ? AND issued_at < ? AND {unpaid} THEN 1 ELSE 0 END)",
          "unpaid_365d", d365, due, t)
    q.add(f"SUM(CASE WHEN issued_at >= ? AND paid_at < ? THEN "
          f"{_seconds('paid_at', 'issued_at')} END)", "pay_seconds_365d", d365, t)
    q.add("SUM(CASE WHEN issued_at >= ? AND paid_at < ? THEN 1 ELSE 0 END)", "paid_365d",
          d365, t)
    q.add("MAX(CASE WHEN paid_at < ? THEN paid_at END)", "last_paid", t)
    sql, params = q.sql(org_id, t, ids)
    return _frame(await select_dicts(sql, params), ["customer_id", *_aliases(q)])


async def _payments(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                    ) -> pd.DataFrame:
    q = _Query("payment", "at")
    d90 = at["d90"]
    q.add("SUM(CASE WHEN at >= ? THEN 1 ELSE 0 END)", "payments_90d", d90)
    q.add("SUM(CASE WHEN at >= ? AND status = 'succeeded' THEN amount ELSE 0 END)",
          "paid_amount_90d", d90)
    q.add("SUM(CASE WHEN at >= ? AND status = 'failed' THEN 1 ELSE 0 END)",
          "failed_payments_90d", d90)
    q.add("SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)", "failed_payments_total")
    q.add("MAX(CASE WHEN status = 'failed' THEN at END)", "last_failed")
    q.add("MAX(CASE WHEN status = 'succeeded' THEN at END)", "last_succeeded")
    sql, params = q.sql(org_id, at["t"], ids)
    return _frame(await select_dicts(sql, params), ["customer_id", *_aliases(q)])


async def _usage(org_id: int, at: dict[str, Any], ids: Sequence[int] | None) -> pd.DataFrame:
    q = _Query("usage_event", "at")
    for k in range(USAGE_WEEKS):
        q.add("SUM(CASE WHEN at >= ? AND at < ? THEN quantity ELSE 0 END)", f"w{k}",
              at[f"w{k + 1}"], at[f"w{k}"])
    q.add("SUM(CASE WHEN at >= ? AND type = 'login' THEN quantity ELSE 0 END)", "logins_4w",
          at["w4"])
    q.add("COUNT(DISTINCT CASE WHEN at >= ? AND quantity > 0 THEN type END)", "usage_types_12w",
          at[f"w{USAGE_WEEKS}"])
    q.add("MAX(CASE WHEN quantity > 0 THEN at END)", "last_active")
    q.add("MAX(CASE WHEN quantity > 0 AND type = 'login' THEN at END)", "last_login")
    sql, params = q.sql(org_id, at["t"], ids)
    sql = sql.replace(" GROUP BY", " AND at >= ? GROUP BY")
    params.append(at["d365"])
    return _frame(await select_dicts(sql, params), ["customer_id", *_aliases(q)])


async def _tickets(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                   ) -> pd.DataFrame:
    q = _Query("support_ticket", "opened_at")
    t, d30, d90 = at["t"], at["d30"], at["d90"]
    q.add("SUM(CASE WHEN opened_at >= ? THEN 1 ELSE 0 END)", "tickets_30d", d30)
    q.add("SUM(CASE WHEN opened_at >= ? THEN 1 ELSE 0 END)", "tickets_90d", d90)
    q.add("AVG(CASE WHEN opened_at >= ? THEN sentiment END)", "sentiment_90d", d90)
    q.add("MIN(CASE WHEN opened_at >= ? THEN sentiment END)", "min_sentiment_90d", d90)
    q.add("SUM(CASE WHEN opened_at >= ? AND priority IN ('high', 'urgent') THEN 1 ELSE 0 END)",
          "urgent_90d", d90)
    q.add(f"SUM(CASE WHEN opened_at >= ? AND closed_at < ? THEN "
          f"{_seconds('closed_at', 'opened_at')} END)", "resolve_seconds_90d", d90, t)
    q.add("SUM(CASE WHEN opened_at >= ? AND closed_at < ? THEN 1 ELSE 0 END)", "resolved_90d",
          d90, t)
    q.add("SUM(CASE WHEN closed_at IS NULL OR closed_at >= ? THEN 1 ELSE 0 END)",
          "open_tickets", t)
    q.add("SUM(CASE WHEN opened_at >= ? AND topic = 'cancellation' THEN 1 ELSE 0 END)",
          "cancellation_tickets_90d", d90)
    q.add("MAX(opened_at)", "last_ticket")
    sql, params = q.sql(org_id, t, ids)
    return _frame(await select_dicts(sql, params), ["customer_id", *_aliases(q)])


async def _journeys(org_id: int, at: dict[str, Any], ids: Sequence[int] | None
                    ) -> pd.DataFrame:
    where, params = _where("at", org_id, at["t"], ids)
    part = "OVER (PARTITION BY customer_id)"

    def count(stage: Stage) -> str:
        return f"SUM(CASE WHEN to_stage = '{stage.value}' THEN 1 ELSE 0 END) {part}"

    sql = (
        "SELECT customer_id, to_stage, at, reactivations, contractions, at_risk_flags, "
        "transitions_90d FROM (SELECT customer_id, to_stage, at, ROW_NUMBER() OVER "
        "(PARTITION BY customer_id ORDER BY at DESC, id DESC) AS rn__, "
        f"{count(Stage.REACTIVATED)} AS reactivations, "
        f"{count(Stage.CONTRACTION)} AS contractions, "
        f"{count(Stage.AT_RISK)} AS at_risk_flags, "
        f"SUM(CASE WHEN at >= ? THEN 1 ELSE 0 END) {part} AS transitions_90d "
        f'FROM "lifecycle_transition" WHERE {where}) AS t WHERE rn__ = 1'
    )
    cols = ["customer_id", "to_stage", "at", "reactivations", "contractions", "at_risk_flags",
            "transitions_90d"]
    return _frame(await select_dicts(sql, [at["d90"], *params]), cols)


def _aliases(q: _Query) -> list[str]:
    return [e.rsplit(" AS ", 1)[1] for e in q.exprs]


# --- features ----------------------------------------------------------------------------

def _live_mrr(subs: pd.DataFrame, moment: pd.Timestamp) -> pd.Series:
    live = (subs["started_at"] < moment) & (subs["canceled_at"].isna()
                                             | (subs["canceled_at"] >= moment))
    return subs[live].groupby("customer_id")["mrr"].sum()


def subscription_features(subs: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Subscription features from rows started before T (`canceled_at` NaT unless < T)."""
    s = subs.copy()
    s["started_at"] = _stamp(s["started_at"])
    s["canceled_at"] = _stamp(s["canceled_at"])
    s["mrr"] = pd.to_numeric(s["mrr"]).astype(float)
    s["seats"] = pd.to_numeric(s["seats"]).astype(float)
    s["tier"] = s["plan"].map(lambda p: TIER_RANK.get(str(p).lower(), 0)).astype(float)
    s = s.sort_values(["customer_id", "started_at", "id"])
    live = s[s["canceled_at"].isna()]
    by = s.groupby("customer_id")
    out = pd.DataFrame(index=by.size().index)
    out["tenure_days"] = (cutoff - by["started_at"].min()).dt.total_seconds() / SECONDS_PER_DAY
    out["days_since_plan_change"] = ((cutoff - by["started_at"].max()).dt.total_seconds()
                                     / SECONDS_PER_DAY)
    live_by = live.groupby("customer_id")
    out["mrr"] = live_by["mrr"].sum()
    out["seats"] = live_by["seats"].sum()
    out["plan_tier"] = live_by["tier"].max()
    out["active_subscriptions"] = live_by.size()
    out["canceled_subscriptions"] = by["canceled_at"].count()
    before = _live_mrr(s, cutoff - 90 * DAY).reindex(out.index).fillna(0.0)
    mrr_now = out["mrr"].fillna(0.0)
    out["mrr_change_90d"] = mrr_now - before
    out["mrr_change_pct_90d"] = _ratio(mrr_now - before, before)
    prev_cust = s["customer_id"].shift()
    prev_end = s["canceled_at"].shift()
    replaced = ((prev_cust == s["customer_id"]) & prev_end.notna()
                & (s["started_at"] - prev_end <= PLAN_CHANGE_GAP)
                & (s["started_at"] >= cutoff - 90 * DAY))
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


def _moments(cutoff: datetime) -> dict[str, Any]:
    moments = {"t": cutoff, "d30": cutoff - 30 * DAY, "d90": cutoff - 90 * DAY,
               "d365": cutoff - 365 * DAY, "overdue": cutoff - OVERDUE_DAYS * DAY}
    moments |= {f"w{k}": cutoff - k * WEEK for k in range(USAGE_WEEKS + 1)}
    return {k: db_value(UsageEvent, "at", v) for k, v in moments.items()}


def _weeks_since(cutoff: pd.Timestamp, values: pd.Series) -> pd.Series:
    weeks = _days_before(cutoff, values) / 7.0
    return np.floor(weeks).fillna(NO_ACTIVITY_WEEKS)


async def feature_frame(org_id: int, cutoff: datetime, *,
                        customer_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Features of the org's customers at `cutoff` (index: customer id, columns:
    `FEATURE_NAMES`). Without `customer_ids`: customers created before T or with a
    subscription started before T. Seven SQL statements, whatever the number of customers."""
    if cutoff.tzinfo is None:
        raise ValueError("cutoff must be timezone-aware")
    ids = list(dict.fromkeys(customer_ids)) if customer_ids is not None else None
    in_sql = ids if ids is not None and len(ids) <= MAX_IN_LIST else None
    at = _moments(cutoff)
    t = pd.Timestamp(cutoff).tz_convert("UTC")
    customers = await _customers(org_id, in_sql)
    subs = await _subscriptions(org_id, at["t"], in_sql)
    inv = await _invoices(org_id, at, in_sql)
    pay = await _payments(org_id, at, in_sql)
    use = await _usage(org_id, at, in_sql)
    tix = await _tickets(org_id, at, in_sql)
    jrn = await _journeys(org_id, at, in_sql)

    created = _stamp(customers["created_at"])
    if ids is not None:
        index = pd.Index([i for i in ids if i in customers.index], dtype="int64")
    else:
        known = created.index[created < t].union(pd.Index(subs["customer_id"].unique()))
        index = pd.Index(sorted(known), dtype="int64")
    index.name = "customer_id"
    f = pd.DataFrame(index=index)
    f["account_age_days"] = (t - created).dt.total_seconds().reindex(index) / SECONDS_PER_DAY
    f = f.join(subscription_features(subs, t))

    inv_n = _num(inv.drop(columns=["last_issued", "last_paid"])).reindex(index).fillna(0.0)
    for name in ("invoices_total", "invoices_90d", "invoiced_90d", "invoiced_365d",
                 "paid_invoices_90d", "unpaid_invoices", "unpaid_invoices_90d", "unpaid_amount"):
        f[name] = inv_n[name]
    f["unpaid_share_365d"] = _ratio(inv_n["unpaid_365d"], inv_n["due_365d"])
    f["days_to_pay_365d"] = _ratio(inv_n["pay_seconds_365d"] / SECONDS_PER_DAY,
                                   inv_n["paid_365d"])
    f["days_since_last_invoice"] = _days_before(t, inv["last_issued"]).reindex(index)
    f["days_since_last_paid_invoice"] = _days_before(t, inv["last_paid"]).reindex(index)

    pay_n = _num(pay.drop(columns=["last_failed", "last_succeeded"])).reindex(index).fillna(0.0)
    for name in ("payments_90d", "paid_amount_90d", "failed_payments_90d",
                 "failed_payments_total"):
        f[name] = pay_n[name]
    f["failed_payment_share_90d"] = _ratio(pay_n["failed_payments_90d"], pay_n["payments_90d"])
    f["days_since_failed_payment"] = _days_before(t, pay["last_failed"]).reindex(index)
    f["days_since_payment"] = _days_before(t, pay["last_succeeded"]).reindex(index)

    weekly = _num(use[[f"w{k}" for k in range(USAGE_WEEKS)]]).reindex(index).fillna(0.0)
    for name, values in usage_features(weekly.to_numpy()).items():
        f[name] = values
    f["logins_4w"] = _num(use[["logins_4w"]]).reindex(index).fillna(0.0)["logins_4w"]
    f["usage_types_12w"] = _num(use[["usage_types_12w"]]).reindex(index).fillna(0.0)[
        "usage_types_12w"]
    f["usage_per_seat_4w"] = _ratio(f["usage_4w"], f["seats"].fillna(0.0))
    f["weeks_since_activity"] = _weeks_since(t, use["last_active"]).reindex(index).fillna(
        NO_ACTIVITY_WEEKS)
    f["weeks_since_login"] = _weeks_since(t, use["last_login"]).reindex(index).fillna(
        NO_ACTIVITY_WEEKS)

    tix_n = _num(tix.drop(columns=["last_ticket"])).reindex(index)
    for name in ("tickets_30d", "tickets_90d", "urgent_90d", "open_tickets",
                 "cancellation_tickets_90d", "resolved_90d", "resolve_seconds_90d"):
        tix_n[name] = tix_n[name].fillna(0.0)
    for name in ("tickets_30d", "tickets_90d", "sentiment_90d", "min_sentiment_90d",
                 "open_tickets", "cancellation_tickets_90d"):
        f[name] = tix_n[name]
    f["urgent_share_90d"] = _ratio(tix_n["urgent_90d"], tix_n["tickets_90d"])
    f["hours_to_resolve_90d"] = _ratio(tix_n["resolve_seconds_90d"] / 3600.0,
                                       tix_n["resolved_90d"])
    f["days_since_ticket"] = _days_before(t, tix["last_ticket"]).reindex(index)

    stage = jrn["to_stage"].map(lambda s: STAGE_CODES.get(str(s), -1)).reindex(index)
    f["stage_code"] = stage.astype(float)
    f["is_at_risk"] = (stage == STAGE_CODES[Stage.AT_RISK.value]).astype(float)
    f["days_in_stage"] = _days_before(t, jrn["at"]).reindex(index)
    jrn_n = _num(jrn[["reactivations", "contractions", "at_risk_flags", "transitions_90d"]])
    for name in jrn_n.columns:
        f[name] = jrn_n[name].reindex(index).fillna(0.0)

    for name in ("mrr", "seats", "plan_tier", "active_subscriptions", "canceled_subscriptions",
                 "mrr_change_90d", "downgrades_90d", "upgrades_90d"):
        f[name] = f[name].fillna(0.0)
    return f[list(FEATURE_NAMES)].astype(float)
