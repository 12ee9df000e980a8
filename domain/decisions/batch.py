"""The decision pipeline on arrays (no I/O): candidates -> Thompson-sampling decisions ->
routes, control group and statuses, and each decision's audit trail.

- Context of a customer: "segment|risk level|value tier". The prior's reference risk is the
  context's mean churn probability (of these candidates, or the given population's).
- Costs (`cost_matrix`), eligibility (tier restriction and cost cap per tier,
  `eligibility_mask`; cooldown per incentive kind, `cooldown_mask`), then `bandit.decide`
  with a generator seeded from the run's key: the same key makes the same draws.
- Route (`assign_routes`) on p, CLV and the chosen incentive's cost. MONITOR: watched, no
  incentive (MONITORING). A customer with an incentive that is not monitored is held out
  (CONTROL, no incentive) when its control draw, a hash of (organization, run key,
  customer) mapped to [0, 1), is below the control share. The others: AUTO -> APPROVED,
  REVIEW / URGENT -> PROPOSED. No incentive pays: NO_ACTION (a decision all the same).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from domain.decisions.bandit import Decisions, context_groups, decide, posterior
from domain.decisions.candidates import RUN_RATE_MONTHS, Candidates
from domain.decisions.contexts import NONE_ARM
from domain.decisions.evidence import ContextEvidence, context_means
from domain.enums import ActionStatus, Route
from domain.incentives.catalogue import (
    IncentiveSpec,
    cooldown_mask,
    cost_matrix,
    eligibility_mask,
)
from domain.incentives.rules import RouteRule, assign_routes, money
from domain.incentives.service import RulesConfig

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def seed_of(*parts: object) -> int:
    """A 64-bit seed from the parts (e.g. organization id and run key)."""
    digest = hashlib.blake2b("|".join(str(p) for p in parts).encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def control_draws(seed: int, customer_ids: np.ndarray) -> np.ndarray:
    """A uniform [0, 1) number per customer, a pure function of (seed, customer id)
    (splitmix64), so a customer's control draw does not depend on who else is decided."""
    with np.errstate(over="ignore"):
        z = np.asarray(customer_ids, dtype=np.uint64) + np.uint64(seed)
        z = (z + np.uint64(0x9E3779B97F4A7C15)) & _MASK64
        z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _MASK64
        z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _MASK64
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / 2.0 ** 53)


@dataclass(frozen=True)
class Arms:
    """The active incentives (the bandit's arms after "none"), with their row ids."""

    specs: tuple[IncentiveSpec, ...]
    ids: tuple[int, ...]

    @property
    def codes(self) -> list[str]:
        return [s.code for s in self.specs]


@dataclass(frozen=True)
class Setup:
    rules: RulesConfig
    arms: Arms
    evidence: ContextEvidence  # rows: the candidates' contexts first (see load_evidence)
    seed: int  # the bandit's draws
    control_seed: int  # the control group's draws
    reference_risk: Mapping[str, float] | None = None  # None: these candidates' means


@dataclass(frozen=True)
class Plan:
    """Per candidate: the bandit's decision and what is done with it. `given` is the
    incentive index actually offered (-1: none: control, monitored or no incentive pays);
    `cost`, `expected_gain` (also the action's priority) and `roi` describe the offered
    incentive (0 / NaN without one). `box` is the rule whose (p, CLV) box holds the
    customer, whatever the cost ("" for none)."""

    candidates: Candidates
    setup: Setup
    context: np.ndarray
    context_index: np.ndarray
    context_risk: np.ndarray
    decisions: Decisions
    mean_multiplier: np.ndarray  # (contexts, k)
    costs: np.ndarray
    tier_ok: np.ndarray
    cap_ok: np.ndarray
    route: np.ndarray
    rule: np.ndarray
    box: np.ndarray
    draw: np.ndarray
    control: np.ndarray
    status: np.ndarray
    given: np.ndarray
    cost: np.ndarray
    expected_gain: np.ndarray
    roi: np.ndarray

    def __len__(self) -> int:
        return len(self.candidates)


def plan(candidates: Candidates, setup: Setup) -> Plan:
    """Decide for every candidate (module docstring)."""
    c, rules, specs = candidates, setup.rules, setup.arms.specs
    n = len(c)
    contexts = c.contexts()
    position = {ctx: i for i, ctx in enumerate(setup.evidence.contexts)}
    unique, inverse = np.unique(contexts.astype(str), return_inverse=True)
    context_index = np.array([position[u] for u in unique.tolist()], dtype=np.int64)[
        inverse.reshape(-1)] if n else np.zeros(0, dtype=np.int64)
    rows = len(setup.evidence.contexts)
    fallback = float(c.probability.mean()) if n else 0.5
    if setup.reference_risk is None:
        risk = context_means(context_index, c.probability, rows, fallback)
    else:
        risk = np.array([setup.reference_risk.get(ctx, fallback)
                         for ctx in setup.evidence.contexts], dtype=np.float64)
    post = posterior(setup.evidence.evidence, np.array([s.prior_lift for s in specs]), risk,
                     strength=rules.prior_strength,
                     groups=context_groups(setup.evidence.contexts),
                     families=[s.kind.value for s in specs])
    costs = cost_matrix(specs, c.mrr, c.clv)
    tier_ok = eligibility_mask(specs, c.tier, np.zeros_like(costs))
    cap_ok = eligibility_mask(specs, c.tier, costs) | ~tier_ok
    cool_ok = cooldown_mask(specs, c.last_given, n=n)
    eligible = tier_ok & cap_ok & cool_ok
    decisions = decide(c.probability, c.clv, context_index, costs, eligible, post,
                       np.random.default_rng(setup.seed))
    route, rule = assign_routes(rules.routes, rules.fallback, c.probability, c.clv,
                                decisions.cost)
    _, box = assign_routes(rules.routes, rules.fallback, c.probability, c.clv, np.zeros(n))
    acted = decisions.arm >= 0
    monitored = route == Route.MONITOR
    draw = control_draws(setup.control_seed, c.customer_id)
    control = acted & ~monitored & (draw < rules.control_share)
    live = acted & ~monitored & ~control
    status = np.full(n, ActionStatus.NO_ACTION, dtype=object)
    status[monitored] = ActionStatus.MONITORING
    status[control] = ActionStatus.CONTROL
    status[live & (route == Route.AUTO)] = ActionStatus.APPROVED
    status[live & (route != Route.AUTO)] = ActionStatus.PROPOSED
    given = np.where(live, decisions.arm, -1)
    return Plan(
        candidates=c, setup=setup, context=contexts, context_index=context_index,
        context_risk=risk, decisions=decisions, mean_multiplier=post.multiplier_mean(),
        costs=costs, tier_ok=tier_ok, cap_ok=cap_ok, route=route, rule=rule, box=box,
        draw=draw, control=control, status=status, given=given,
        cost=np.where(live, decisions.cost, 0.0),
        expected_gain=np.where(live, decisions.expected_gain, 0.0),
        roi=np.where(live, decisions.roi, np.nan))


def summary(p: Plan) -> dict[str, Any]:
    """Counts by outcome, route and incentive, and the expected money of the offers."""
    status = p.status
    targeted = (status == ActionStatus.APPROVED) | (status == ActionStatus.PROPOSED)
    codes = p.setup.arms.codes
    by_arm: dict[str, int] = {}
    if len(p):
        for j, count in zip(*np.unique(p.given[targeted], return_counts=True), strict=True):
            by_arm[codes[int(j)]] = int(count)
    net = float(p.expected_gain[targeted].sum())
    cost = float(p.cost[targeted].sum())
    return {
        "customers": len(p), "targeted": int(targeted.sum()),
        "control": int((status == ActionStatus.CONTROL).sum()),
        "monitored": int((status == ActionStatus.MONITORING).sum()),
        "no_action": int((status == ActionStatus.NO_ACTION).sum()),
        "by_status": {s.value: int((status == s).sum()) for s in ActionStatus
                      if (status == s).any()},
        "by_route": {r.value: int((p.route == r).sum()) for r in Route if (p.route == r).any()},
        "targeted_by_route": {r.value: int((targeted & (p.route == r)).sum()) for r in Route
                              if (targeted & (p.route == r)).any()},
        "by_incentive": by_arm,
        "expected_net": round(net, 2), "expected_cost": round(cost, 2),
        "expected_roi": round(net / cost, 4) if cost > 0 else None,
        "control_share": p.setup.rules.control_share,
    }


def describe_rule(rule: RouteRule) -> str:
    """The box of a route rule in words, e.g. "churn probability ≥ 0.8 and CLV ≥ 2,000"."""
    def span(name: str, low: float, high: float | None, fmt: Any) -> str | None:
        if low > 0 and high is not None:
            return f"{name} {fmt(low)} to {fmt(high)}"
        if low > 0:
            return f"{name} ≥ {fmt(low)}"
        if high is not None:
            return f"{name} < {fmt(high)}"
        return None

    top = None if rule.max_probability is None or rule.max_probability >= 1 else \
        rule.max_probability
    parts = [span("churn probability", rule.min_probability, top, lambda v: f"{v:g}"),
             span("CLV", rule.min_clv, rule.max_clv, money)]
    if rule.max_cost is not None:
        parts.append(f"incentive cost ≤ {money(rule.max_cost)}")
    found = [part for part in parts if part]
    return " and ".join(found) if found else "every decision"


def _ineligible(spec: IncentiveSpec, tier: str, cost: float, last: float, tier_ok: bool,
                cap_ok: bool) -> str:
    if not tier_ok:
        return f"only for the {', '.join(spec.tiers)} tier(s); this customer is {tier}"
    if not cap_ok:
        cap = spec.max_cost_by_tier.get(tier, float("inf"))
        return f"cost {cost:,.2f} above the {tier} tier's cap {cap:,.2f}"
    return (f"cooldown: a {spec.kind.value} incentive {last:.0f} days ago (cooldown "
            f"{spec.cooldown_days} days)")


def _route_reason(p: Plan, i: int, rules_by_name: Mapping[str, RouteRule]) -> str:
    rule, box = str(p.rule[i]), str(p.box[i])
    if rule:
        return f"{describe_rule(rules_by_name[rule])} (rule '{rule}')"
    if box:
        limit = rules_by_name[box].max_cost or 0.0
        return (f"the incentive costs {float(p.decisions.cost[i]):,.2f}, above the "
                f"{money(limit)} rule '{box}' allows (fallback route)")
    return "no rule matched (fallback route)"


def _choice(specs: Sequence[IncentiveSpec], chosen: int, gains: list[float]) -> str:
    finite = [j for j, g in enumerate(gains) if g != float("-inf")]
    if chosen >= 0:
        paying = sum(1 for g in gains if g > 0)
        return (f"largest sampled gain {gains[chosen]:,.2f} of {paying} paying "
                f"incentive{'s' if paying != 1 else ''}")
    if not specs:
        return "no active incentives"
    if not finite:
        return "no incentive is eligible"
    best = max(finite, key=lambda j: gains[j])
    return f"no incentive pays: the best sampled gain was {gains[best]:,.2f} ({specs[best].code})"


def _rounded(values: np.ndarray, digits: int) -> list[Any]:
    """The values rounded to `digits` as (nested) lists, None where not finite."""
    floats = np.asarray(values, dtype=np.float64)
    out = np.round(floats, digits).astype(object)
    out[~np.isfinite(floats)] = None
    return out.tolist()


def explanations(p: Plan, start: int, stop: int) -> list[dict[str, Any]]:
    """The audit trail of decisions start..stop (JSON-ready dicts): inputs and model
    versions, every incentive's cost, posterior-mean multiplier and sampled multiplier and
    gain (or why it was ineligible), the choice, the route and the control draw."""
    c, specs, rules = p.candidates, p.setup.arms.specs, p.setup.rules
    rules_by_name = {r.name: r for r in rules.routes}
    d, w = p.decisions, slice(start, stop)
    value = (c.clv[w] * c.probability[w])[:, None]
    raw_gains = d.sampled_gain[w]
    drawn = d.drawn[w].copy()
    drawn[~(np.isfinite(raw_gains) & (value > 0))] = np.nan
    gains, sampled = raw_gains.tolist(), _rounded(drawn, 4)
    shown_gains = _rounded(raw_gains, 2)
    costs, means = _rounded(p.costs[w], 2), _rounded(p.mean_multiplier[p.context_index[w]], 4)
    tier_ok, cap_ok = p.tier_ok[w].tolist(), p.cap_ok[w].tolist()
    lift = 1.0 - d.mean_multiplier[w]
    cols = {
        "probability": _rounded(c.probability[w], 4), "days": _rounded(c.days_to_churn[w], 1),
        "clv": _rounded(c.clv[w], 2), "lower": _rounded(c.clv_lower[w], 2),
        "upper": _rounded(c.clv_upper[w], 2), "mrr": _rounded(c.mrr[w], 2),
        "risk": _rounded(p.context_risk[p.context_index[w]], 4),
        "lift": _rounded(lift, 4), "saving": _rounded(c.clv[w] * c.probability[w] * lift, 2),
        "cost": _rounded(d.cost[w], 2), "gain": _rounded(d.expected_gain[w], 2),
        "roi": _rounded(d.roi[w], 4), "draw": _rounded(p.draw[w], 4),
    }
    churn_v, value_v = c.churn_version[w].tolist(), c.value_version[w].tolist()
    valued, control, chosen_arm = c.valued[w].tolist(), p.control[w].tolist(), d.arm[w].tolist()
    reasons: dict[tuple[str, str], str] = {}
    out: list[dict[str, Any]] = []
    for row in range(stop - start):
        i = start + row
        tier = str(c.tier[i])
        arms: list[dict[str, Any]] = []
        for j, spec in enumerate(specs):
            entry: dict[str, Any] = {"arm": spec.code, "cost": costs[row][j],
                                     "mean_multiplier": means[row][j]}
            if gains[row][j] != float("-inf"):
                entry["sampled_multiplier"] = sampled[row][j]
                entry["sampled_gain"] = shown_gains[row][j]
            else:
                days = c.last_given.get(spec.kind.value)
                entry["ineligible"] = _ineligible(
                    spec, tier, float(p.costs[i, j]),
                    float(days[i]) if days is not None else float("nan"),
                    tier_ok[row][j], cap_ok[row][j])
            arms.append(entry)
        chosen = chosen_arm[row]
        code = specs[chosen].code if chosen >= 0 else ""
        status, route, rule = p.status[i], str(p.route[i]), str(p.rule[i])
        if rule or not p.box[i]:
            reason = reasons.get((rule, route))
            if reason is None:
                reason = reasons[(rule, route)] = _route_reason(p, i, rules_by_name)
        else:
            reason = _route_reason(p, i, rules_by_name)
        audit: dict[str, Any] = {
            "model_versions": {"churn": churn_v[row] or None, "value": value_v[row] or None},
            "probability": cols["probability"][row], "risk_level": str(c.level[i]),
            "days_to_churn": cols["days"][row], "clv": cols["clv"][row],
            "clv_interval": ([cols["lower"][row], cols["upper"][row]]
                             if valued[row] and cols["lower"][row] is not None else None),
            "value_source": "model" if valued[row] else "run_rate",
            "mrr": cols["mrr"][row], "segment": str(c.segment[i]), "tier": tier,
            "context": str(p.context[i]), "context_risk": cols["risk"][row],
            "arms": arms, "chosen": code or NONE_ARM, "choice": _choice(specs, chosen, gains[row]),
            "route": route, "rule": rule or None, "route_reason": reason, "status": str(status),
        }
        if not valued[row]:
            audit["value_note"] = (f"no CLV for this customer: valued at its run rate, "
                                   f"{RUN_RATE_MONTHS} x MRR, in the low tier")
        if chosen >= 0:
            audit["incentive"] = {
                "code": code, "name": specs[chosen].name, "cost": cols["cost"][row],
                "expected_lift": cols["lift"][row], "expected_saving": cols["saving"][row],
                "expected_gain": cols["gain"][row], "expected_roi": cols["roi"][row]}
            if route != Route.MONITOR:
                audit["control"] = {"draw": cols["draw"][row], "share": rules.control_share,
                                    "held_out": control[row]}
        audit["outcome"] = _outcome(status, code)
        out.append(audit)
    return out


def _outcome(status: ActionStatus, chosen: str) -> str:
    return {
        ActionStatus.APPROVED: f"{chosen} approved automatically",
        ActionStatus.PROPOSED: f"{chosen} proposed for review",
        ActionStatus.CONTROL: f"held out as control: no incentive (would have got {chosen})",
        ActionStatus.MONITORING: "monitored: no incentive",
        ActionStatus.NO_ACTION: "no incentive",
    }.get(status, str(status))


def arm_codes(p: Plan, start: int, stop: int) -> list[str]:
    """The arm recorded on actions start..stop: the offered incentive's code, else "none"."""
    codes = np.array([*p.setup.arms.codes, NONE_ARM], dtype=object)
    return codes[p.given[start:stop]].tolist()


def incentive_ids(p: Plan, start: int, stop: int) -> list[int | None]:
    ids = np.array([*p.setup.arms.ids, 0], dtype=np.int64)[p.given[start:stop]]
    return [int(i) if i else None for i in ids.tolist()]  # -1 takes the trailing 0


def versions_used(c: Candidates) -> dict[str, list[int]]:
    """Distinct churn and value model version numbers behind the candidates."""
    return {"churn": sorted({int(v) for v in np.unique(c.churn_version) if v}),
            "value": sorted({int(v) for v in np.unique(c.value_version) if v})}


def row_values(p: Plan, start: int, stop: int) -> Sequence[list[Any]]:
    """Column lists of the numeric action fields for rows start..stop (see writes)."""
    c, w = p.candidates, slice(start, stop)

    def floats(a: np.ndarray) -> list[float | None]:
        return [None if not np.isfinite(v) else v for v in a[w].tolist()]

    return (c.customer_id[w].tolist(), c.segment[w].tolist(), c.level[w].tolist(),
            c.tier[w].tolist(), [str(r) for r in p.route[w]], [str(s) for s in p.status[w]],
            p.control[w].tolist(), c.probability[w].tolist(), c.clv[w].tolist(),
            c.mrr[w].tolist(), p.cost[w].tolist(), p.expected_gain[w].tolist(),
            floats(p.roi), p.expected_gain[w].tolist(), floats(c.days_to_churn))
