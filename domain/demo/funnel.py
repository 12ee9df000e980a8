"""Leads and the sales funnel, as arrays (one element per lead, in creation order)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain.demo import story as st
from domain.enums import LeadStatus, Stage


@dataclass
class Funnel:
    """Every lead, its firmographics, engagement and funnel outcome (index = lead)."""

    source: np.ndarray  # index into story.SOURCES
    created: np.ndarray  # epoch seconds
    industry: np.ndarray
    country: np.ndarray
    employees: np.ndarray
    fit: np.ndarray
    pages: np.ndarray
    opens: np.ndarray
    demo: np.ndarray
    score: np.ndarray
    title: np.ndarray
    company: np.ndarray  # object (str)
    domain: np.ndarray
    person: np.ndarray
    email: np.ndarray
    currency: np.ndarray
    self_serve: np.ndarray
    outbound: np.ndarray
    times: np.ndarray  # (n, 4) decision time of the steps to mql, sql, opportunity, customer
    reached: np.ndarray  # steps passed before now (4 = customer)
    lost: np.ndarray  # opportunity lost, account recycled to mql
    account: np.ndarray  # has a Customer row
    stage: np.ndarray  # funnel stage code (Customer.stage for accounts that never paid)
    status: np.ndarray  # index into story.LEAD_STATUSES
    opp: np.ndarray  # new-business opportunity: -1 none, 0 open, 1 won, 2 lost
    opp_stage: np.ndarray  # open: current pipeline stage; lost: stage it was lost at
    tier: np.ndarray  # plan at conversion (or quoted to the prospect)
    seats: np.ndarray
    discount: np.ndarray

    def __len__(self) -> int:
        return len(self.source)

    @property
    def paying(self) -> np.ndarray:
        return self.reached == 4


def _lead_times(rng: np.random.Generator, n: int, start: int, now: int) -> np.ndarray:
    """Creation times with a lead volume growing LEAD_GROWTH_PER_YEAR (inverse CDF)."""
    span = now - start
    growth = np.log1p(st.LEAD_GROWTH_PER_YEAR) * span / (365 * st.DAY)
    u = rng.random(n)
    frac = np.log1p(u * np.expm1(growth)) / growth
    return start + np.minimum((frac * span).astype(np.int64), span - 1)


def _sample(rng: np.random.Generator, n: int, start: int, now: int) -> dict[str, np.ndarray]:
    source = rng.choice(len(st.SOURCES), n, p=st.SOURCE_WEIGHTS)
    industry = rng.choice(len(st.INDUSTRIES), n, p=st.INDUSTRY_WEIGHTS)
    country_w = np.array([c[2] for c in st.COUNTRIES])
    country = rng.choice(len(st.COUNTRIES), n, p=country_w / country_w.sum())
    employees = np.clip(np.round(rng.lognormal(np.log(60), 1.3, n)), 2, 50_000).astype(np.int64)
    log_size = np.log(employees / 220.0)
    fit = (np.maximum(0.9 - 0.35 * log_size**2, -1.5) + st.INDUSTRY_FIT[industry]
           + rng.normal(0, 0.7, n))
    intent = np.array([0.2, 0.1, 0.4, 0.3, -0.4, 0.0])[source]
    pages = rng.poisson(np.exp(1.4 + 0.45 * fit + intent + rng.normal(0, 0.4, n)))
    opens = rng.poisson(np.exp(0.9 + 0.3 * fit + rng.normal(0, 0.5, n)))
    demo = rng.random(n) < st.sigmoid(-1.6 + 0.9 * fit + intent)
    score = np.clip(15 + 4 * np.minimum(pages, 10) + 3 * np.minimum(opens, 8) + 25 * demo, 0, 100)
    return {
        "source": source, "created": _lead_times(rng, n, start, now), "industry": industry,
        "country": country, "employees": employees, "fit": fit, "pages": pages,
        "opens": opens, "demo": demo, "score": score,
        "title": rng.integers(0, len(st.TITLES), n),
    }


def _walk(rng: np.random.Generator, a: dict[str, np.ndarray], now: int) -> dict[str, np.ndarray]:
    """Walk every lead through the funnel; decide its stage, status and opportunity."""
    n = len(a["source"])
    src, fit, emp = a["source"], a["fit"], a["employees"]
    outbound = src == st.SOURCES.index("outbound")
    size = np.where(emp < 50, 1.5, np.where(emp < 200, 0.6, 0.0))
    self_serve = ~outbound & (rng.random(n) < st.SELF_SERVE_SHARE[src] * size)

    lg = st.logit(st.SOURCE_STEPS[src]) + st.FIT_EFFECT * fit[:, None]
    lg[:, :2] += st.DEMO_EFFECT * a["demo"][:, None]
    prob = st.sigmoid(lg)
    prob[outbound, 0] = 1.0
    prob[self_serve, :3] = 1.0
    prob[self_serve, 3] = st.sigmoid(st.TRIAL_CONVERT_LOGIT + st.FIT_EFFECT * fit[self_serve])
    passed = rng.random((n, 4)) < prob

    cycle = 20.0 + 22.0 * np.log10(emp)
    means = np.column_stack([np.full(n, m) for m in st.STEP_DAYS] + [cycle])
    means[outbound, 1] = st.OUTBOUND_SQL_DAYS
    days = rng.gamma(2.0, means / 2.0)
    days[self_serve, 3] = rng.gamma(8.0, st.TRIAL_DAYS / 8.0, int(self_serve.sum()))
    seconds = np.maximum((days * st.DAY).astype(np.int64), 3600)
    seconds[outbound, 0] = 0
    seconds[self_serve, :3] = 0
    times = a["created"][:, None] + np.cumsum(seconds, axis=1)

    ok = passed & (times <= now)
    reached = np.cumprod(ok, axis=1).sum(axis=1)
    step = np.minimum(reached, 3)
    next_time = times[np.arange(n), step]
    failed = (reached < 4) & (next_time <= now)  # the next step was decided, and failed
    lost = failed & (reached == 3) & ~self_serve
    dropped = failed & ~lost
    account = ~dropped

    funnel = np.array([st.CODE[s] for s in (Stage.LEAD, Stage.MQL, Stage.SQL,
                                            Stage.OPPORTUNITY, Stage.CUSTOMER)])
    stage = funnel[reached]
    stage[(outbound & (reached == 1)) | (self_serve & (reached < 4))] = st.CODE[Stage.LEAD]
    stage[lost] = st.CODE[Stage.MQL]

    status_of = {s: st.LEAD_STATUSES.index(s) for s in LeadStatus}
    status = np.where(stage == st.CODE[Stage.LEAD], status_of[LeadStatus.OPEN],
                      status_of[LeadStatus.WORKING])
    status[self_serve & (reached < 4)] = status_of[LeadStatus.WORKING]
    status[lost] = status_of[LeadStatus.OPEN]
    status[reached == 4] = status_of[LeadStatus.CONVERTED]
    status[dropped] = status_of[LeadStatus.DISQUALIFIED]

    has_opp = ~self_serve & (reached >= 3)
    opp = np.where(has_opp, np.where(reached == 4, 1, np.where(lost, 2, 0)), -1)
    elapsed = (now - times[:, 2]) / np.maximum(times[:, 3] - times[:, 2], 1)
    open_stage = np.clip((elapsed * 4).astype(np.int64), 0, 3)
    lost_stage = rng.choice(4, n, p=[0.3, 0.3, 0.25, 0.15])
    opp_stage = np.where(opp == 2, lost_stage, open_stage)

    seats = np.clip(np.round(rng.lognormal(np.log(emp * 0.12 + 1), 0.45)), 1, 5000)
    seats = seats.astype(np.int64)
    tier = np.searchsorted(st.TIER_MAX_SEATS, seats)
    seats[self_serve] = np.minimum(seats[self_serve], st.TIER_MAX_SEATS[1])
    tier[self_serve] = np.minimum(tier[self_serve], 1)
    discount = np.round(rng.random(n) * st.MAX_DISCOUNT[tier], 2)
    return {
        "self_serve": self_serve, "outbound": outbound, "times": times, "reached": reached,
        "lost": lost, "account": account, "stage": stage, "status": status, "opp": opp,
        "opp_stage": opp_stage, "tier": tier, "seats": seats, "discount": discount,
    }


def _names(rng: np.random.Generator, a: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    n = len(a["source"])
    prefix = np.array(st.NAME_PREFIXES, dtype=object)[rng.integers(0, len(st.NAME_PREFIXES), n)]
    core = np.array(st.NAME_CORES, dtype=object)[rng.integers(0, len(st.NAME_CORES), n)]
    suffix = np.array(st.NAME_SUFFIXES, dtype=object)[rng.integers(0, len(st.NAME_SUFFIXES), n)]
    company = prefix + core + suffix
    base = pd.Series(prefix + core).str.lower().to_numpy(object)
    dup = pd.Series(base).groupby(base).cumcount().to_numpy()
    stem = base.copy()
    for k, (head, tail) in enumerate(st.DOMAIN_VARIANTS, start=1):
        stem[dup == k] = head + base[dup == k] + tail
    numbered = dup > len(st.DOMAIN_VARIANTS)
    stem[numbered] = base[numbered] + (dup[numbered] - len(st.DOMAIN_VARIANTS) + 1).astype(
        str).astype(object)
    tlds = np.array([c[4] for c in st.COUNTRIES], dtype=object)[a["country"]]
    roll = rng.random(n)
    tld = np.where(roll < 0.6, "com", np.where(roll < 0.8, "io", tlds))
    domain = stem + "." + tld
    first = np.array(st.FIRST_NAMES, dtype=object)[rng.integers(0, len(st.FIRST_NAMES), n)]
    last = np.array(st.LAST_NAMES, dtype=object)[rng.integers(0, len(st.LAST_NAMES), n)]
    email = (pd.Series(first + "." + last).str.lower() + "@" + pd.Series(domain)).to_numpy(object)
    local = np.array([c[3] or "USD" for c in st.COUNTRIES], dtype=object)[a["country"]]
    currency = np.where(rng.random(n) < st.LOCAL_CURRENCY_SHARE, local, "USD")
    return {"company": company, "domain": domain, "person": first + " " + last,
            "email": email, "currency": currency}


def generate_funnel(seed: np.random.SeedSequence, accounts: int, start: int, now: int) -> Funnel:
    """Leads until exactly `accounts` of them are customers or still in the funnel.

    Leads are independent, so sampling more than needed and keeping a prefix that holds
    exactly `accounts` accounts is an unbiased sample; the result is sorted by creation.
    """
    size = accounts * 4 + 200
    for attempt in range(20):
        rng = np.random.default_rng([*seed.generate_state(2), attempt])
        attrs = _sample(rng, size, start, now)
        walk = _walk(rng, attrs, now)
        where = np.flatnonzero(walk["account"])
        if len(where) >= accounts:
            break
        size = int(size * accounts / max(len(where), 1) * 1.2) + 100
    else:  # pragma: no cover - the account share is far from zero
        raise RuntimeError("could not sample enough accounts")
    keep = where[accounts - 1] + 1 if accounts else 0
    data = {k: v[:keep] for k, v in {**attrs, **walk}.items()}
    order = np.argsort(data["created"], kind="stable")
    data = {k: v[order] for k, v in data.items()}
    data.update(_names(rng, data))
    return Funnel(**data)
