"""The paying lifecycle, simulated week by week over arrays of all paying accounts.

The loop runs once per week of the window (about 156 iterations); every operation inside
is vectorised over the accounts. It logs columnar records (transitions, subscriptions,
invoices, tickets, usage, expansion opportunities) that `domain.demo.tables` turns into rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from domain.demo import story as st
from domain.demo.funnel import Funnel
from domain.enums import InvoiceStatus, Stage

C = st.CODE
CUSTOMER, EXPANSION, CONTRACTION = C[Stage.CUSTOMER], C[Stage.EXPANSION], C[Stage.CONTRACTION]
AT_RISK, CHURNED, REACTIVATED = C[Stage.AT_RISK], C[Stage.CHURNED], C[Stage.REACTIVATED]
PAID = st.INVOICE_STATUSES.index(InvoiceStatus.PAID)
FAILED = st.INVOICE_STATUSES.index(InvoiceStatus.FAILED)
OPEN = st.INVOICE_STATUSES.index(InvoiceStatus.OPEN)


@dataclass
class Log:
    """Append-only columns; `frame()` concatenates them."""

    parts: dict[str, list[np.ndarray]] = field(default_factory=lambda: defaultdict(list))

    def add(self, **columns: np.ndarray) -> None:
        for name, values in columns.items():
            self.parts[name].append(np.asarray(values))

    def frame(self, *names: str) -> dict[str, np.ndarray]:
        return {n: np.concatenate(self.parts[n]) if self.parts[n] else np.zeros(0, np.int64)
                for n in names}


@dataclass
class Lifecycle:
    paying: np.ndarray  # lead index of each paying account
    stage: np.ndarray  # final stage code
    tier: np.ndarray
    mrr: np.ndarray  # cents, 0 when churned
    transitions: dict[str, np.ndarray]  # cust (paying index), frm, to, ts, reason
    subs: dict[str, np.ndarray]  # cust, tier, seats, mrr, start, cancel
    invoices: dict[str, np.ndarray]  # cust, sub, amount, issued, status, paid
    tickets: dict[str, np.ndarray]  # cust, opened, di, health, onboarding
    usage: dict[str, np.ndarray]  # cust, week_start, engagement, seats, api
    # cust, created, close, outcome (0 open, 1 won, 2 lost), stage, amount
    opps: dict[str, np.ndarray]


def price(tier: np.ndarray, seats: np.ndarray, discount: np.ndarray) -> np.ndarray:
    """Monthly price in cents."""
    return np.round(seats * st.SEAT_PRICE[tier] * (1 - discount) * 100).astype(np.int64)


def month_start(month: np.ndarray) -> np.ndarray:
    return month.astype("datetime64[M]").astype("datetime64[s]").astype(np.int64)


def month_of(ts: np.ndarray) -> np.ndarray:
    return ts.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)


class _Sim:
    def __init__(self, rng: np.random.Generator, f: Funnel, start: int, now: int) -> None:
        self.rng, self.now = rng, now
        self.pay = np.flatnonzero(f.paying)
        n = len(self.pay)
        self.conv = f.times[self.pay, 3]
        self.tier = f.tier[self.pay].copy()
        self.seats = f.seats[self.pay].copy()
        self.disc = f.discount[self.pay].copy()
        self.sales = ~f.self_serve[self.pay]
        self.health = (0.5 * f.fit[self.pay] + rng.normal(0, 0.8, n)
                       + st.HEALTH_BY_TIER[self.tier] + 0.2 * self.sales)
        self.growth = rng.lognormal(0.0, 0.5, n)
        self.api = rng.random(n) < st.API_SHARE_BY_TIER[self.tier]
        self.mrr = price(self.tier, self.seats, self.disc)
        self.started = np.zeros(n, bool)
        self.active = np.zeros(n, bool)
        self.stage = np.full(n, CUSTOMER, np.int64)
        self.sub = np.full(n, -1, np.int64)
        self.since = np.zeros(n, np.int64)  # weeks since the last stage change
        self.start_week = np.zeros(n, np.int64)
        self.churn_week = np.zeros(n, np.int64)
        self.decay_len = np.zeros(n, np.int64)
        self.decay_pos = np.zeros(n, np.int64)
        self.fails = np.zeros(n, np.int64)
        self.next_bill = np.zeros(n, np.int64)
        self.bill_month = np.zeros(n, np.int64)
        self.bill_off = np.zeros(n, np.int64)
        self.delta = np.zeros(n, np.int64)  # MRR change of the latest resize
        self.n_subs = 0
        self.trans, self.subs, self.closes = Log(), Log(), Log()
        self.invoices, self.tickets, self.usage, self.opps = Log(), Log(), Log(), Log()

    # -- helpers -----------------------------------------------------------------------
    def move(self, who: np.ndarray, to: int, ts: np.ndarray, reason: np.ndarray | int) -> None:
        self.trans.add(cust=who, frm=self.stage[who], to=np.full(len(who), to),
                       ts=ts[who], reason=np.broadcast_to(reason, who.shape).copy())
        self.stage[who] = to
        self.since[who] = 0

    def open_subs(self, who: np.ndarray, ts: np.ndarray) -> None:
        ids = self.n_subs + np.arange(len(who))
        self.n_subs += len(who)
        self.mrr[who] = price(self.tier[who], self.seats[who], self.disc[who])
        self.subs.add(cust=who, tier=self.tier[who], seats=self.seats[who], mrr=self.mrr[who],
                      start=ts[who])
        self.sub[who] = ids

    def close_subs(self, who: np.ndarray, ts: np.ndarray) -> None:
        self.closes.add(sub=self.sub[who], ts=ts[who])

    def anchor_billing(self, who: np.ndarray, ts: np.ndarray) -> None:
        self.next_bill[who] = ts[who]
        self.bill_month[who] = month_of(ts[who])
        self.bill_off[who] = np.minimum(ts[who] - month_start(self.bill_month[who]), 27 * st.DAY)

    # -- one week ----------------------------------------------------------------------
    def week(self, k: int, ws: int, season: float, record_usage: bool) -> None:
        rng, n = self.rng, len(self.pay)
        end = min(ws + st.WEEK, self.now)
        starting = np.flatnonzero(~self.started & (self.conv < end))
        self.started[starting] = self.active[starting] = True
        self.start_week[starting] = k
        self.open_subs(starting, self.conv)
        self.anchor_billing(starting, self.conv)

        was_active = self.active.copy()
        elig = self.active.copy()
        elig[starting] = False
        u = rng.random((9, n))
        ev = ws + (u[0] * (end - ws)).astype(np.int64)
        self.health += rng.normal(0, 0.04, n) * elig
        h = self.health
        decaying = self.decay_len > 0
        di = np.where(decaying, self.decay_pos / np.maximum(self.decay_len, 1), 0.0)
        sub_before, mrr_before = self.sub.copy(), self.mrr.copy()

        end_decay = elig & decaying & (self.decay_pos >= self.decay_len)
        involuntary = elig & (self.fails >= 2)
        churn = ((end_decay & (u[1] < st.sigmoid(st.CHURN_LOGIT - 0.9 * h))) | involuntary
                 | (elig & (u[1] < st.SUDDEN_CHURN_WEEKLY)))
        recover = end_decay & ~churn
        busy = churn | recover
        flag = (elig & ~busy & decaying & (self.decay_pos == st.AT_RISK_AFTER)
                & (self.stage != AT_RISK) & (u[2] < 0.65))
        busy |= flag
        contract = (elig & ~busy & (self.seats > 1)
                    & (u[3] < st.CONTRACT_WEEKLY * np.exp(-0.4 * h) + 0.04 * di))
        busy |= contract
        attempt = (elig & ~busy & ~decaying
                   & (u[4] < st.EXPAND_WEEKLY * np.exp(0.5 * h) * self.growth))
        expand = attempt & (u[5] < st.sigmoid(0.4 + 0.9 * h))
        busy |= expand
        settle = (elig & ~busy & np.isin(self.stage, (EXPANSION, CONTRACTION, REACTIVATED))
                  & (self.since >= st.SETTLE_WEEKS))
        onset = (elig & ~busy & ~decaying & (u[6] < st.ONSET_WEEKLY * st.ONSET_BY_TIER[self.tier]
                                              * np.exp(-st.ONSET_HEALTH * h)))
        react = (self.started & ~self.active & (k - self.churn_week <= 52)
                 & (u[7] < st.REACTIVATE_WEEKLY))

        self._churn(np.flatnonzero(churn), involuntary, ev, k)
        who = np.flatnonzero(recover)
        self.health[who] += 0.5
        self.decay_len[who] = 0
        self.move(who[self.stage[who] == AT_RISK], CUSTOMER, ev, st.R_RECOVERED)
        self.move(np.flatnonzero(flag), AT_RISK, ev, st.R_AT_RISK)
        self._resize(np.flatnonzero(contract), ev, grow=False)
        self._resize(np.flatnonzero(expand), ev, grow=True)
        self._expansion_opps(np.flatnonzero(attempt & self.sales), expand, ev)
        self.move(np.flatnonzero(settle), CUSTOMER, ev, st.R_SETTLED)
        who = np.flatnonzero(onset)
        self.decay_len[who] = rng.integers(*st.DECAY_WEEKS, len(who))
        self.decay_pos[who] = 0
        self._reactivate(np.flatnonzero(react), ev, k)

        billed = was_active | react
        self._bill(billed, churn, churn | contract | expand, ev, end, sub_before, mrr_before, di,
                   u[8])
        self._tickets(np.flatnonzero(billed), ws, end, di, k)
        if record_usage:
            who = np.flatnonzero(billed)
            ramp = 0.45 + 0.55 * np.minimum((k - self.start_week[who]) / 6.0, 1.0)
            eng = np.exp(0.3 * self.health[who]) * ramp * (1 - 0.8 * di[who]) * season
            self.usage.add(cust=who, week_start=np.full(len(who), ws), engagement=eng,
                           seats=self.seats[who], api=self.api[who])
        self.since += 1
        self.decay_pos += self.decay_len > 0

    def _churn(self, who: np.ndarray, involuntary: np.ndarray, ev: np.ndarray, k: int) -> None:
        reason = st.R_CANCELED + self.rng.integers(0, 3, len(who))
        reason[involuntary[who]] = st.R_INVOLUNTARY
        self.move(who, CHURNED, ev, reason)
        self.close_subs(who, ev)
        self.active[who] = False
        self.mrr[who] = 0
        self.churn_week[who] = k
        self.decay_len[who] = 0
        self.fails[who] = 0

    def _resize(self, who: np.ndarray, ev: np.ndarray, *, grow: bool) -> None:
        rng, m = self.rng, len(who)
        old_tier, seats = self.tier[who].copy(), self.seats[who]
        if grow:
            new_seats = seats + np.maximum(1, np.round(seats * rng.uniform(0.15, 0.6, m)))
            tier = np.maximum(old_tier, np.searchsorted(st.TIER_MAX_SEATS, new_seats))
            tier = np.where(rng.random(m) < 0.15, np.minimum(tier + 1, 3), tier)
            to, reasons = EXPANSION, (st.R_SEATS_UP, st.R_UPGRADE)
        else:
            new_seats = np.maximum(1, np.floor(seats * rng.uniform(0.55, 0.85, m)))
            tier = np.where((rng.random(m) < 0.3) & (old_tier > 0), old_tier - 1, old_tier)
            to, reasons = CONTRACTION, (st.R_SEATS_DOWN, st.R_DOWNGRADE)
        self.close_subs(who, ev)
        self.seats[who] = new_seats.astype(np.int64)
        self.tier[who] = tier
        self.disc[who] = np.minimum(self.disc[who], st.MAX_DISCOUNT[tier])
        before = self.mrr[who]
        self.open_subs(who, ev)
        self.delta[who] = self.mrr[who] - before
        moving = self.stage[who] != to
        reason = np.where(tier != old_tier, reasons[1], reasons[0])
        self.move(who[moving], to, ev, reason[moving])

    def _expansion_opps(self, who: np.ndarray, won: np.ndarray, ev: np.ndarray) -> None:
        """Sales-assisted expansion attempts: closed won (the expansion) or closed lost."""
        m = len(who)
        lag = (self.rng.uniform(3, 9, m) * st.WEEK).astype(np.int64)
        win = won[who]
        quoted = np.maximum(1, np.round(self.seats[who] * 0.3)).astype(np.int64)
        amount = np.where(win, self.delta[who], price(self.tier[who], quoted, self.disc[who]))
        since_start = ev[who] - self.conv[who]
        created = np.maximum(ev[who] - lag, self.conv[who] + since_start // 2)
        self.opps.add(cust=who, created=created, close=ev[who],
                      outcome=np.where(win, 1, 2), stage=self.rng.integers(0, 4, m),
                      amount=12 * np.maximum(amount, 100))

    def _reactivate(self, who: np.ndarray, ev: np.ndarray, k: int) -> None:
        rng, m = self.rng, len(who)
        self.tier[who] = np.where(rng.random(m) < 0.4, np.maximum(self.tier[who] - 1, 0),
                                  self.tier[who])
        self.seats[who] = np.maximum(1, np.round(self.seats[who] * rng.uniform(0.5, 1.0, m)))
        self.disc[who] = np.minimum(self.disc[who], st.MAX_DISCOUNT[self.tier[who]])
        self.health[who] = 0.5 * self.health[who] + rng.normal(0.4, 0.6, m)
        self.active[who] = True
        self.start_week[who] = k
        self.decay_len[who] = 0
        self.move(who, REACTIVATED, ev, st.R_REACTIVATED)
        self.open_subs(who, ev)
        self.anchor_billing(who, ev)

    def _bill(self, billed: np.ndarray, churn: np.ndarray, changed: np.ndarray, ev: np.ndarray,
              end: int, sub_before: np.ndarray, mrr_before: np.ndarray, di: np.ndarray,
              u: np.ndarray) -> None:
        due = billed & (self.next_bill < end) & ~(churn & (self.next_bill >= ev))
        who = np.flatnonzero(due)
        issued = self.next_bill[who]
        old = changed[who] & (issued < ev[who])
        fail = u[who] < st.FAIL_BASE + 0.25 * di[who] + 0.05 * (self.health[who] < -1)
        delay = np.clip(self.rng.gamma(2.0, 1.2 * st.DAY, len(who)), 3600, 10 * st.DAY)
        paid = issued + delay.astype(np.int64)
        late = ~fail & (paid > self.now)
        status = np.where(fail, FAILED, np.where(late, OPEN, PAID))
        self.invoices.add(cust=who, sub=np.where(old, sub_before[who], self.sub[who]),
                          amount=np.where(old, mrr_before[who], self.mrr[who]), issued=issued,
                          status=status, paid=np.where(fail | late, st.NULL_TS, paid))
        self.fails[who] = np.where(fail, self.fails[who] + 1, 0)
        self.bill_month[who] += 1
        self.next_bill[who] = month_start(self.bill_month[who]) + self.bill_off[who]

    def _tickets(self, who: np.ndarray, ws: int, end: int, di: np.ndarray, k: int) -> None:
        onboarding = (k - self.start_week[who]) < 6
        lam = ((0.03 + 0.02 * np.log1p(self.seats[who])) * np.exp(-0.25 * self.health[who])
               * (1 + 2.5 * di[who]) + 0.25 * onboarding)
        count = self.rng.poisson(lam)
        idx = np.repeat(np.arange(len(who)), count)
        opened = ws + (self.rng.random(len(idx)) * (end - ws)).astype(np.int64)
        self.tickets.add(cust=who[idx], opened=opened, di=di[who][idx],
                         health=self.health[who][idx], onboarding=onboarding[idx])

    def open_expansions(self) -> None:
        rng = self.rng
        who = np.flatnonzero(self.active & self.sales & (self.decay_len == 0)
                             & (rng.random(len(self.pay)) < 0.1))
        m = len(who)
        seats = np.maximum(1, np.round(self.seats[who] * 0.3)).astype(np.int64)
        self.opps.add(cust=who, created=self.now - (rng.uniform(1, 56, m) * st.DAY).astype(
            np.int64), close=self.now + (rng.uniform(7, 60, m) * st.DAY).astype(np.int64),
            outcome=np.zeros(m, np.int64), stage=rng.integers(0, 4, m),
            amount=12 * price(self.tier[who], seats, self.disc[who]))


def simulate(seed: np.random.SeedSequence, f: Funnel, start: int, now: int,
             usage_weeks: int | None) -> Lifecycle:
    """Run the weekly loop from `start` to `now`; usage is kept for the last `usage_weeks`."""
    sim = _Sim(np.random.default_rng(seed), f, start, now)
    weeks = -(-(now - start) // st.WEEK)
    week_start = start + np.arange(weeks, dtype=np.int64) * st.WEEK
    season = st.seasonality(week_start)
    first_usage = 0 if usage_weeks is None else max(weeks - usage_weeks, 0)
    for k in range(weeks):
        sim.week(k, int(week_start[k]), float(season[k]), k >= first_usage)
    sim.open_expansions()
    subs = sim.subs.frame("cust", "tier", "seats", "mrr", "start")
    cancel = np.full(sim.n_subs, st.NULL_TS, np.int64)
    closes = sim.closes.frame("sub", "ts")
    cancel[closes["sub"]] = closes["ts"]
    subs["cancel"] = cancel
    return Lifecycle(
        paying=sim.pay, stage=sim.stage, tier=sim.tier, mrr=np.where(sim.active, sim.mrr, 0),
        transitions=sim.trans.frame("cust", "frm", "to", "ts", "reason"), subs=subs,
        invoices=sim.invoices.frame("cust", "sub", "amount", "issued", "status", "paid"),
        tickets=sim.tickets.frame("cust", "opened", "di", "health", "onboarding"),
        usage=sim.usage.frame("cust", "week_start", "engagement", "seats", "api"),
        opps=sim.opps.frame("cust", "created", "close", "outcome", "stage", "amount"),
    )
