"""Accounts, leads, journeys and billing rows from the funnel and lifecycle arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from domain.demo import story as st
from domain.demo.frame import Kind, Table, col, table
from domain.demo.funnel import Funnel
from domain.demo.lifecycle import Lifecycle, price
from domain.enums import Stage, SubscriptionStatus

C = st.CODE
STAGE_VALUES = np.array([s.value for s in st.STAGES] + [None], dtype=object)  # -1 -> None


@dataclass(frozen=True)
class Accounts:
    """Which lead each Customer row comes from, and the index maps between them."""

    lead: np.ndarray  # lead index of each account (Customer row)
    of_lead: np.ndarray  # account index of each lead, -1 when the lead has none
    of_paying: np.ndarray  # account index of each paying account (lifecycle index)


def accounts(f: Funnel, lc: Lifecycle) -> Accounts:
    lead = np.flatnonzero(f.account)
    of_lead = np.full(len(f), -1, np.int64)
    of_lead[lead] = np.arange(len(lead))
    return Accounts(lead, of_lead, of_lead[lc.paying])


def customers(rng: np.random.Generator, f: Funnel, lc: Lifecycle, acc: Accounts, now: int
              ) -> Table:
    lead, n = acc.lead, len(acc.lead)
    stage = f.stage[lead].copy()
    stage[acc.of_paying] = lc.stage
    mrr = np.zeros(n, np.int64)
    mrr[acc.of_paying] = lc.mrr
    plan = np.full(n, None, dtype=object)
    plan[acc.of_paying] = np.array(st.TIERS, dtype=object)[lc.tier]
    created = f.created[lead]
    first_seen = created - (rng.random(n) * 30 * st.DAY).astype(np.int64)
    countries = st.COUNTRIES
    return table(
        "customer", n,
        col("name", Kind.TEXT, f.company[lead]),
        col("email", Kind.TEXT, f.email[lead]),
        col("domain", Kind.TEXT, f.domain[lead]),
        col("industry", Kind.TEXT, np.array(st.INDUSTRIES, dtype=object)[f.industry[lead]]),
        col("country", Kind.TEXT, np.array([c[0] for c in countries], dtype=object)[
            f.country[lead]]),
        col("region", Kind.TEXT, np.array([c[1] for c in countries], dtype=object)[
            f.country[lead]]),
        col("plan", Kind.TEXT, plan),
        col("currency", Kind.TEXT, f.currency[lead]),
        col("mrr", Kind.MONEY, mrr),
        col("stage", Kind.TEXT, STAGE_VALUES[stage]),
        col("created_at", Kind.TS, created),
        col("first_seen_at", Kind.TS, first_seen),
        col("updated_at", Kind.TS, np.full(n, now, np.int64)),
        col("external_ref", Kind.CUSTOMER_REF),
    )


def _attributes(f: Funnel) -> np.ndarray:
    company = f.company.tolist()
    title = np.array(st.TITLES, dtype=object)[f.title].tolist()
    industry = np.array(st.INDUSTRIES, dtype=object)[f.industry].tolist()
    country = np.array([c[0] for c in st.COUNTRIES], dtype=object)[f.country].tolist()
    demo = np.where(f.demo, "true", "false").tolist()
    rows = zip(company, title, f.employees.tolist(), industry, country, f.pages.tolist(),
               f.opens.tolist(), demo, f.score.tolist(), strict=True)
    text = [
        f'{{"company": "{c}", "title": "{t}", "employees": {e}, "industry": "{i}", '
        f'"country": "{k}", "pages_viewed": {p}, "email_opens": {o}, '
        f'"demo_requested": {d}, "score": {s}}}'
        for c, t, e, i, k, p, o, d, s in rows
    ]
    return np.array(text, dtype=object)


def leads(f: Funnel, acc: Accounts) -> Table:
    n = len(f)
    converted = np.where(f.paying, f.times[:, 3], st.NULL_TS)
    return table(
        "lead", n,
        col("customer_id", Kind.REF, acc.of_lead, ref="customer"),
        col("name", Kind.TEXT, f.person),
        col("email", Kind.TEXT, f.email),
        col("source", Kind.TEXT, np.array(st.SOURCES, dtype=object)[f.source]),
        col("status", Kind.TEXT, np.array([s.value for s in st.LEAD_STATUSES], dtype=object)[
            f.status]),
        col("attributes", Kind.JSON, _attributes(f)),
        col("created_at", Kind.TS, f.created),
        col("converted_at", Kind.TS, converted),
    )


def _funnel_steps(f: Funnel, acc: Accounts) -> dict[str, np.ndarray]:
    """The funnel part of every account's journey, one column per possible step."""
    i = acc.lead
    ss, ob, r, lost, t = f.self_serve[i], f.outbound[i], f.reached[i], f.lost[i], f.times[i]
    n = len(i)
    lead, mql, sql = C[Stage.LEAD], C[Stage.MQL], C[Stage.SQL]
    opp, cust = C[Stage.OPPORTUNITY], C[Stage.CUSTOMER]
    full = np.full
    valid = np.column_stack([full(n, True), ~ss & ~ob & (r >= 1), ~ss & (r >= 2),
                             ~ss & (r >= 3), r == 4, lost])
    frm = np.column_stack([full(n, -1), full(n, lead), np.where(ob, lead, mql), full(n, sql),
                           np.where(ss, lead, opp), full(n, opp)])
    to = np.column_stack([full(n, lead), full(n, mql), full(n, sql), full(n, opp),
                          full(n, cust), full(n, mql)])
    ts = np.column_stack([f.created[i], t[:, 0], t[:, 1], t[:, 2], t[:, 3], t[:, 3]])
    reason = np.column_stack([st.R_CAPTURED + f.source[i], full(n, st.R_MQL),
                              np.where(ob, st.R_SDR, st.R_SQL), full(n, st.R_OPP),
                              np.where(ss, st.R_SELF_SERVE, st.R_WON), full(n, st.R_LOST)])
    rows, step = np.nonzero(valid)
    return {"cust": rows, "frm": frm[rows, step], "to": to[rows, step], "ts": ts[rows, step],
            "reason": reason[rows, step], "order": step}


def transitions(f: Funnel, lc: Lifecycle, acc: Accounts) -> Table:
    funnel = _funnel_steps(f, acc)
    life = lc.transitions
    cust = np.concatenate([funnel["cust"], acc.of_paying[life["cust"]]])
    ts = np.concatenate([funnel["ts"], life["ts"]])
    order = np.concatenate([funnel["order"], np.full(len(life["ts"]), 10)])
    sort = np.lexsort((order, ts, cust))
    frm = np.concatenate([funnel["frm"], life["frm"]])[sort]
    to = np.concatenate([funnel["to"], life["to"]])[sort]
    reason = np.concatenate([funnel["reason"], life["reason"]])[sort]
    n = len(sort)
    return table(
        "lifecycle_transition", n,
        col("customer_id", Kind.REF, cust[sort], ref="customer"),
        col("from_stage", Kind.TEXT, STAGE_VALUES[frm]),
        col("to_stage", Kind.TEXT, STAGE_VALUES[to]),
        col("at", Kind.TS, ts[sort]),
        col("source", Kind.TEXT, np.full(n, "demo", dtype=object)),
        col("reason", Kind.TEXT, np.array(st.REASONS, dtype=object)[reason]),
    )


def subscriptions(f: Funnel, lc: Lifecycle, acc: Accounts) -> Table:
    s = lc.subs
    cust = acc.of_paying[s["cust"]]
    status = np.where(s["cancel"] == st.NULL_TS, SubscriptionStatus.ACTIVE.value,
                      SubscriptionStatus.CANCELED.value).astype(object)
    return table(
        "subscription", len(cust),
        col("customer_id", Kind.REF, cust, ref="customer"),
        col("plan", Kind.TEXT, np.array(st.TIERS, dtype=object)[s["tier"]]),
        col("status", Kind.TEXT, status),
        col("seats", Kind.INT, s["seats"]),
        col("mrr", Kind.MONEY, s["mrr"]),
        col("currency", Kind.TEXT, f.currency[acc.lead][cust]),
        col("started_at", Kind.TS, s["start"]),
        col("canceled_at", Kind.TS, s["cancel"]),
    )


def invoices(f: Funnel, lc: Lifecycle, acc: Accounts) -> Table:
    inv = lc.invoices
    cust = acc.of_paying[inv["cust"]]
    sort = np.lexsort((inv["issued"], cust))
    cust = cust[sort]
    statuses = np.array([s.value for s in st.INVOICE_STATUSES], dtype=object)
    return table(
        "invoice", len(cust),
        col("customer_id", Kind.REF, cust, ref="customer"),
        col("subscription_id", Kind.REF, inv["sub"][sort], ref="subscription"),
        col("amount", Kind.MONEY, inv["amount"][sort]),
        col("currency", Kind.TEXT, f.currency[acc.lead][cust]),
        col("status", Kind.TEXT, statuses[inv["status"][sort]]),
        col("issued_at", Kind.TS, inv["issued"][sort]),
        col("paid_at", Kind.TS, inv["paid"][sort]),
    )


def new_business(f: Funnel, acc: Accounts) -> dict[str, np.ndarray]:
    """New-business opportunities of sales-led accounts that reached opportunity."""
    who = np.flatnonzero(f.opp[acc.lead] >= 0)
    i = acc.lead[who]
    return {
        "cust": who, "created": f.times[i, 2], "close": f.times[i, 3],
        "outcome": np.select([f.opp[i] == 1, f.opp[i] == 2], [1, 2], 0),
        "stage": f.opp_stage[i], "amount": 12 * price(f.tier[i], f.seats[i], f.discount[i]),
        "first": np.zeros(len(who), np.int64),
        "label": np.array([f"{t.title()} plan, new business" for t in st.TIERS],
                          dtype=object)[f.tier[i]],
    }
