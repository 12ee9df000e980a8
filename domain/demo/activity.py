"""Pipeline, product usage and support rows from the funnel and lifecycle arrays."""

from __future__ import annotations

import numpy as np

from domain.demo import story as st
from domain.demo.frame import Kind, Table, col, table
from domain.demo.funnel import Funnel
from domain.demo.lifecycle import Lifecycle
from domain.demo.tables import Accounts, new_business

OPP_VALUES = np.array([s.value for s in st.OPP_STAGES] + [None], dtype=object)  # -1 -> None


def _expansions(lc: Lifecycle, acc: Accounts) -> dict[str, np.ndarray]:
    o = lc.opps
    n = len(o["cust"])
    return {**o, "cust": acc.of_paying[o["cust"]], "first": np.ones(n, np.int64),
            "label": np.full(n, "expansion", dtype=object)}


def opportunities(f: Funnel, lc: Lifecycle, acc: Accounts, now: int) -> tuple[Table, Table]:
    """Opportunities (new business, then expansion) and their stage history."""
    parts = [new_business(f, acc), _expansions(lc, acc)]
    o = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    n = len(o["cust"])
    outcome, first = o["outcome"], o["first"]
    at = np.maximum(o["stage"], first)  # open: current stage; lost: stage it was lost at
    final = np.select([outcome == 1, outcome == 2], [st.OPP_WON, st.OPP_LOST], at)
    closed = outcome != 0
    # history: the pipeline stages visited, then the closing stage
    visited = np.where(outcome == 1, st.OPP_WON - first, at - first + 1)
    length = visited + closed
    opp = np.repeat(np.arange(n), length)
    pos = np.arange(len(opp)) - np.repeat(np.cumsum(length) - length, length)
    last = pos == length[opp] - 1
    to = np.where(last & closed[opp], final[opp], first[opp] + pos)
    frm = np.where(pos == 0, -1, first[opp] + pos - 1)
    end = np.where(closed, o["close"], now)
    span = end - o["created"]
    steps = np.where(closed, np.maximum(visited, 1), visited + 1)
    ts = o["created"][opp] + (span[opp] * pos // steps[opp])
    ts = np.where(last & closed[opp], end[opp], ts)

    company = f.company[acc.lead][o["cust"]]
    currency = f.currency[acc.lead][o["cust"]]
    names = company + " - " + o["label"]
    probability = np.array(st.OPP_PROBABILITY)[final]
    forecast = np.array([c.value for c in st.OPP_FORECAST], dtype=object)[final]
    opportunities = table(
        "opportunity", n,
        col("customer_id", Kind.REF, o["cust"], ref="customer"),
        col("name", Kind.TEXT, names),
        col("amount", Kind.MONEY, o["amount"]),
        col("currency", Kind.TEXT, currency),
        col("stage", Kind.TEXT, OPP_VALUES[final]),
        col("probability", Kind.FLOAT, probability),
        col("forecast_category", Kind.TEXT, forecast),
        col("close_date", Kind.DATE, o["close"]),
        col("is_closed", Kind.BOOL, closed),
        col("is_won", Kind.BOOL, outcome == 1),
        col("created_at", Kind.TS, o["created"]),
    )
    history = table(
        "opportunity_stage_change", len(opp),
        col("opportunity_id", Kind.REF, opp, ref="opportunity"),
        col("from_stage", Kind.TEXT, OPP_VALUES[frm]),
        col("to_stage", Kind.TEXT, OPP_VALUES[to]),
        col("at", Kind.TS, ts),
    )
    return opportunities, history


def usage(rng: np.random.Generator, lc: Lifecycle, acc: Accounts) -> Table:
    """One row per customer-week per usage type; api_call only for API-enabled accounts."""
    u = lc.usage
    cust, week, eng, seats = acc.of_paying[u["cust"]], u["week_start"], u["engagement"], u["seats"]
    rows, kinds, counts = [], [], []
    for t, (name, rate) in enumerate(zip(st.USAGE_TYPES, st.USAGE_PER_SEAT, strict=True)):
        keep = np.flatnonzero(u["api"]) if name == "api_call" else np.arange(len(cust))
        expected = seats[keep] * rate * eng[keep] * rng.lognormal(0.0, 0.25, len(keep))
        rows.append(keep)
        kinds.append(np.full(len(keep), t))
        counts.append(rng.poisson(expected))
    idx, kind, quantity = np.concatenate(rows), np.concatenate(kinds), np.concatenate(counts)
    sort = np.lexsort((kind, week[idx], cust[idx]))
    idx, kind, quantity = idx[sort], kind[sort], quantity[sort]
    n = len(idx)
    return table(
        "usage_event", n,
        col("customer_id", Kind.REF, cust[idx], ref="customer"),
        col("type", Kind.TEXT, np.array(st.USAGE_TYPES, dtype=object)[kind]),
        col("at", Kind.TS, week[idx]),
        col("quantity", Kind.INT, quantity),
        col("properties", Kind.JSON, np.full(n, '{"period": "week"}', dtype=object)),
    )


def _categorical(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of a (rows, k) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs))[:, None] * cum[:, -1:]
    return (u >= cum).sum(axis=1)


def tickets(rng: np.random.Generator, lc: Lifecycle, acc: Accounts, now: int) -> Table:
    """Tickets: disengaged accounts raise more, more urgent and angrier ones."""
    t = lc.tickets
    cust = acc.of_paying[t["cust"]]
    n = len(cust)
    di, health = t["di"], t["health"]
    probs = (1 - di)[:, None] * st.TOPIC_HEALTHY + di[:, None] * st.TOPIC_DISENGAGED
    topic = _categorical(rng, probs)
    topic[t["onboarding"].astype(bool) & (rng.random(n) < 0.5)] = st.TOPICS.index("onboarding")
    severity = rng.normal(0, 1, n) + 1.4 * di - 0.2 * health
    priority = np.searchsorted([-0.5, 1.0, 1.9], severity)
    sentiment = (0.35 + 0.2 * health - 1.1 * di + rng.normal(0, 0.3, n)
                 - 0.3 * (topic == st.TOPICS.index("cancellation")))
    hours = rng.gamma(1.5, np.array(st.CLOSE_HOURS)[priority] / 1.5)
    closed = t["opened"] + (hours * 3600).astype(np.int64) + 60
    closed = np.where(closed < now, closed, st.NULL_TS)
    subjects = np.array(st.SUBJECTS, dtype=object)[topic, rng.integers(0, 3, n)]
    sort = np.lexsort((t["opened"], cust))
    return table(
        "support_ticket", n,
        col("customer_id", Kind.REF, cust[sort], ref="customer"),
        col("subject", Kind.TEXT, subjects[sort]),
        col("topic", Kind.TEXT, np.array(st.TOPICS, dtype=object)[topic][sort]),
        col("priority", Kind.TEXT, np.array([p.value for p in st.PRIORITIES], dtype=object)[
            priority][sort]),
        col("sentiment", Kind.FLOAT, np.round(np.clip(sentiment, -1, 1), 2)[sort]),
        col("opened_at", Kind.TS, t["opened"][sort]),
        col("closed_at", Kind.TS, closed[sort]),
    )
