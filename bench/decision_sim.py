"""Retention decisions on a synthetic population with known true lifts.

    .venv/bin/python -m bench.decision_sim [--rounds 20] [--customers 10000]
        [--seeds 1,2,3,4,5] [--control 0.1] [--miscalibration 0] [--strength S]
        [--pool-strength P] [--group-sd G] [--exploration E] [--family-share F]
        [--no-families]

Contexts: the 11 RFM segments x the 3 at-risk levels (medium, high, critical: customers
below the default `min_probability` of 0.2 are not considered) x the 3 value tiers = 99.
Each round draws a fresh cohort of at-risk customers (segment, churn probability and so
risk level, MRR, CLV and value tier by CLV within the cohort), every policy decides for
the same cohort, and the outcomes (churn ~ Bernoulli(p x true multiplier of the chosen
arm), one uniform per customer shared by all policies) feed the bandit's evidence the
product's way: a customer given an incentive counts for its arm, one left without (or held
out as control) for "none". The incentives are `DEFAULT_CATALOGUE` (costs from
`cost_matrix`, eligibility from `eligibility_mask`; cooldowns do not bind: every cohort is
new). True effects vary by context (discounts work on price-sensitive low-tier customers and
barely on champions, upgrades and loyalty bonuses on high-value loyal ones, feature unlocks
on new or disengaged ones; the Lost segment and critical risk are hard to save; per-context
noise; about 10% of (context, incentive) pairs worthless). The bandit sees only outcomes and
the catalogue's `prior_lift` values, which are one global guess per incentive. With
`--miscalibration s` the churn model is off by a factor exp(N(0, s^2)) per context (the
policies see the prediction; outcomes and revenue follow the truth).

Net revenue of a round: sum over customers of CLV x (p - p x true multiplier) - cost, the
expected incremental value under the true effects (realised: the same with the simulated
outcomes instead of p). Policies: oracle (true multipliers, largest positive gain); the
bandit (`posterior` with `context_groups`, then `decide`) with 0% control and with the
control share; the best fixed incentive (one incentive to every eligible customer, chosen
in hindsight); a rule-based playbook (p > 0.7: 20% off, p > 0.5: 10% off, p > 0.3: feature
unlock); the priors alone (the bandit never updated); the bandit without groups; the
bandit without incentive families (each arm pooled on its own; with `--no-families`, every
bandit runs so).
Target: the bandit with 0% control (the decision quality) reaches >= 90% of the oracle's
cumulative net revenue (mean over seeds) and beats the fixed and rule-based policies in
every seed. With control the ceiling is 1 - control share of the oracle (the held-out
customers' forgone gain is the price of measuring lift); that run is reported as is and
against the oracle on its treated customers.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from domain.decisions.bandit import (
    DEFAULT_EXPLORATION,
    DEFAULT_FAMILY_SHARE,
    DEFAULT_GROUP_SD,
    DEFAULT_POOL_STRENGTH,
    DEFAULT_STRENGTH,
    Evidence,
    context_groups,
    decide,
    posterior,
)
from domain.enums import IncentiveKind
from domain.incentives.catalogue import (
    DEFAULT_CATALOGUE,
    IncentiveSpec,
    cost_matrix,
    eligibility_mask,
)
from domain.segments.rfm import Segment

S = Segment
SEGMENTS: tuple[Segment, ...] = tuple(Segment)
LEVELS = ("medium", "high", "critical")
TIERS = ("low", "medium", "high")
THRESHOLDS = (0.4, 0.7)  # the default churn_levels above min_probability 0.2
N_CONTEXTS = len(SEGMENTS) * len(LEVELS) * len(TIERS)

# Share of the at-risk cohort, mean churn probability above 0.2, MRR shift (log).
_SEGMENT_MIX: dict[Segment, tuple[float, float, float]] = {
    S.CHAMPIONS: (0.04, 0.25, 0.6), S.LOYAL: (0.06, 0.30, 0.4),
    S.POTENTIAL_LOYALISTS: (0.08, 0.35, 0.1), S.NEW: (0.07, 0.45, -0.2),
    S.PROMISING: (0.07, 0.45, -0.2), S.NEED_ATTENTION: (0.09, 0.45, 0.0),
    S.ABOUT_TO_SLEEP: (0.12, 0.50, -0.1), S.AT_RISK: (0.17, 0.55, 0.2),
    S.CANNOT_LOSE: (0.06, 0.55, 0.7), S.HIBERNATING: (0.14, 0.60, -0.3),
    S.LOST: (0.10, 0.70, -0.4),
}
# Price sensitivity, engagement need, loyalty (reward / upgrade appetite), save-ability.
_TRAITS: dict[Segment, tuple[float, float, float, float]] = {
    S.CHAMPIONS: (0.15, 0.15, 1.0, 1.0), S.LOYAL: (0.35, 0.2, 1.0, 1.0),
    S.POTENTIAL_LOYALISTS: (0.6, 0.8, 0.5, 1.0), S.NEW: (0.8, 1.0, 0.1, 1.0),
    S.PROMISING: (0.8, 1.0, 0.1, 1.0), S.NEED_ATTENTION: (0.8, 0.9, 0.4, 0.9),
    S.ABOUT_TO_SLEEP: (0.9, 0.8, 0.2, 0.8), S.AT_RISK: (0.9, 0.4, 0.6, 0.8),
    S.CANNOT_LOSE: (0.5, 0.2, 1.0, 0.9), S.HIBERNATING: (1.0, 0.5, 0.1, 0.6),
    S.LOST: (0.6, 0.3, 0.1, 0.25),
}
_TIER_PRICE = (1.0, 0.55, 0.2)  # price sensitivity by tier (low, medium, high)
_TIER_UPGRADE = (0.05, 0.15, 0.32)  # upgrade lift by tier before loyalty
_LEVEL_SAVE = (1.1, 1.0, 0.75)  # critical customers are harder to save
_MRR_MEDIAN = 60.0


def context_of(segment: np.ndarray, level: np.ndarray, tier: np.ndarray) -> np.ndarray:
    return (segment * len(LEVELS) + level) * len(TIERS) + tier


def context_key(index: int) -> str:
    s, rest = divmod(index, len(LEVELS) * len(TIERS))
    lvl, t = divmod(rest, len(TIERS))
    return f"{SEGMENTS[s].value}|{LEVELS[lvl]}|{TIERS[t]}"


GROUPS = context_groups([context_key(i) for i in range(N_CONTEXTS)])


def _discount_lift(percent: float) -> float:
    return 0.5 * (1.0 - np.exp(-percent / 12.0))


def true_lifts(specs: Sequence[IncentiveSpec], rng: np.random.Generator) -> np.ndarray:
    """(contexts, incentives): the true relative churn reduction (multiplier = 1 - lift)."""
    out = np.zeros((N_CONTEXTS, len(specs)))
    typical_mrr = _MRR_MEDIAN * np.array([0.5, 1.3, 3.5])  # by tier
    for c in range(N_CONTEXTS):
        s, rest = divmod(c, len(LEVELS) * len(TIERS))
        lvl, t = divmod(rest, len(TIERS))
        price, engage, loyal, save = _TRAITS[SEGMENTS[s]]
        price *= _TIER_PRICE[t]
        for j, spec in enumerate(specs):
            if spec.kind == IncentiveKind.PERCENT_DISCOUNT:
                lift = price * _discount_lift(spec.percent or 0.0)
            elif spec.kind == IncentiveKind.FIXED_CREDIT:
                equivalent = 100.0 * spec.amount / (3.0 * typical_mrr[t])
                lift = 0.8 * price * _discount_lift(equivalent)
            elif spec.kind == IncentiveKind.FREE_UPGRADE:
                lift = _TIER_UPGRADE[t] * (0.3 + 0.7 * loyal)
            elif spec.kind == IncentiveKind.FEATURE_UNLOCK:
                lift = 0.02 + 0.18 * engage
            elif spec.kind == IncentiveKind.LOYALTY_BONUS:
                lift = 0.02 + 0.23 * loyal * (0.5 + 0.5 * t / 2)
            else:  # bundle: add-ons for engaged mid-value customers
                lift = (0.04 + 0.18 * engage * loyal) * (0.6, 1.0, 0.8)[t]
            out[c, j] = lift * save * _LEVEL_SAVE[lvl]
    out *= rng.lognormal(0.0, 0.3, out.shape)
    out[rng.random(out.shape) < 0.1] = 0.0
    return np.clip(out, 0.0, 0.7)


@dataclass(frozen=True)
class Cohort:
    p: np.ndarray  # the churn model's prediction (what the policies see)
    truth: np.ndarray  # the true churn probability without incentive
    clv: np.ndarray
    context: np.ndarray
    costs: np.ndarray
    eligible: np.ndarray
    uniform: np.ndarray  # outcome draw: churns iff uniform < truth x multiplier


def draw_cohort(specs: Sequence[IncentiveSpec], n: int, rng: np.random.Generator,
                calibration: np.ndarray | None = None) -> Cohort:
    """`calibration`: per context, true churn / predicted (None: a calibrated model)."""
    mix = np.array([_SEGMENT_MIX[s] for s in SEGMENTS])
    segment = rng.choice(len(SEGMENTS), size=n, p=mix[:, 0] / mix[:, 0].sum())
    mean = mix[segment, 1]
    p = 0.2 + 0.78 * rng.beta(4.0 * mean, 4.0 * (1.0 - mean))
    level = np.searchsorted(np.array(THRESHOLDS), p, side="right")
    mrr = _MRR_MEDIAN * np.exp(mix[segment, 2] + rng.normal(0.0, 0.8, n))
    clv = mrr * rng.lognormal(np.log(18.0), 0.35, n)
    tier = np.searchsorted(np.quantile(clv, [0.5, 0.8]), clv, side="right")
    costs = cost_matrix(specs, mrr, clv)
    eligible = eligibility_mask(specs, np.array(TIERS)[tier], costs)
    context = context_of(segment, level, tier)
    truth = p if calibration is None else np.clip(p * calibration[context], 0.0, 0.99)
    return Cohort(p, truth, clv, context, costs, eligible, rng.random(n))


def gains(cohort: Cohort, multiplier: np.ndarray) -> np.ndarray:
    """(n, incentives) true expected gain; -inf where ineligible."""
    g = (cohort.clv * cohort.truth)[:, None] * (1.0 - multiplier[cohort.context]) - cohort.costs
    return np.where(cohort.eligible, g, -np.inf)


def value(cohort: Cohort, multiplier: np.ndarray, arm: np.ndarray) -> tuple[float, float]:
    """(expected, realised) net incremental revenue of giving `arm` (-1: none)."""
    rows, acted = np.arange(arm.shape[0]), arm >= 0
    pick = np.where(acted, arm, 0)
    m = np.where(acted, multiplier[cohort.context, pick], 1.0)
    cost = np.where(acted, cohort.costs[rows, pick], 0.0)
    base = cohort.uniform < cohort.truth
    churn = cohort.uniform < cohort.truth * m
    expected = cohort.clv * cohort.truth * (1.0 - m) - cost
    realised = cohort.clv * (base.astype(float) - churn) - cost
    return float(expected.sum()), float(realised.sum())


def oracle(cohort: Cohort, multiplier: np.ndarray) -> np.ndarray:
    g = gains(cohort, multiplier)
    best = g.argmax(axis=1)
    return np.where(g[np.arange(g.shape[0]), best] > 0, best, -1)


def rule_based(cohort: Cohort, codes: Sequence[str]) -> np.ndarray:
    """p > 0.7: 20% off, p > 0.5: 10% off, p > 0.3: feature unlock (falling back to the
    next rule's incentive when ineligible), else nothing."""
    ladder = [codes.index(c) for c in ("discount_20", "discount_10", "feature_unlock")]
    arm = np.full(cohort.p.shape[0], -1)
    for lo, start in ((0.7, 0), (0.5, 1), (0.3, 2)):
        rows = (cohort.p > lo) & (arm == -1)
        for j in ladder[start:]:
            take = rows & cohort.eligible[:, j] & (arm == -1)
            arm[take] = j
        arm[rows & (arm == -1)] = -2  # decided: nothing eligible
    return np.where(arm == -2, -1, arm)


def _fixed(j: int) -> Callable[[Cohort], np.ndarray]:
    """Incentive j to every eligible customer."""
    return lambda cohort: np.where(cohort.eligible[:, j], j, -1)


@dataclass
class Learner:
    """The product's loop: posterior from evidence and priors, decide, hold out control."""

    prior_lift: np.ndarray
    control: float
    knobs: dict[str, float]
    learn: bool = True
    grouped: bool = True
    families: Sequence[str] | None = None
    evidence: Evidence = field(init=False)

    def __post_init__(self) -> None:
        self.evidence = Evidence.empty(N_CONTEXTS, self.prior_lift.shape[0])

    def choose(self, cohort: Cohort, rng: np.random.Generator
               ) -> tuple[np.ndarray, np.ndarray]:
        """The arm of each customer (-1: none) and whether it was held out as control."""
        n = cohort.p.shape[0]
        risk = np.bincount(cohort.context, cohort.p, N_CONTEXTS)
        count = np.bincount(cohort.context, minlength=N_CONTEXTS)
        risk = np.where(count > 0, risk / np.maximum(count, 1), cohort.p.mean())
        post = posterior(self.evidence, self.prior_lift, risk,
                         groups=GROUPS if self.grouped else None, families=self.families,
                         **self.knobs)
        arm = decide(cohort.p, cohort.clv, cohort.context, cohort.costs, cohort.eligible,
                     post, rng).arm
        held = np.asarray(rng.random(n) < self.control)
        return np.where(held, -1, arm), held

    def observe(self, cohort: Cohort, arm: np.ndarray, multiplier: np.ndarray) -> None:
        if not self.learn:
            return
        pick = np.where(arm >= 0, arm, 0)
        m = np.where(arm >= 0, multiplier[cohort.context, pick], 1.0)
        churned = cohort.uniform < cohort.truth * m
        self.evidence = self.evidence.add(cohort.context, arm + 1, churned, cohort.p)


@dataclass(frozen=True)
class SeedResult:
    """Per policy: per-round expected net revenue (and realised totals)."""

    rounds: dict[str, np.ndarray]
    realised: dict[str, float]
    treated_oracle: np.ndarray  # the oracle's net on the bandit's non-control customers
    fixed_name: str
    true_lift: np.ndarray  # per incentive, the mean true lift over the customers decided


def simulate(seed: int, *, rounds: int = 20, customers: int = 10_000, control: float = 0.1,
             miscalibration: float = 0.0, specs: Sequence[IncentiveSpec] = DEFAULT_CATALOGUE,
             families: bool = True, **knobs: float) -> SeedResult:
    """One world (true effects) and `rounds` cohorts. `miscalibration`: sd of the log of
    true / predicted churn per context (0: the churn model is calibrated); `knobs`:
    `posterior` keywords (strength, pool_strength, group_sd, exploration, family_share);
    `families`: the bandits pool the incentives of one kind (`posterior(families=...)`)."""
    rng = np.random.default_rng(seed)
    multiplier = 1.0 - true_lifts(specs, rng)
    calibration = (np.random.default_rng([seed, 1]).lognormal(0.0, miscalibration, N_CONTEXTS)
                   if miscalibration > 0 else None)
    prior = np.array([s.prior_lift for s in specs])
    codes = [s.code for s in specs]
    kinds = [s.kind.value for s in specs] if families else None
    learners = {
        "bandit (0% control)": Learner(prior, 0.0, knobs, families=kinds),
        f"bandit ({control:.0%} control)": Learner(prior, control, knobs, families=kinds),
        "priors only": Learner(prior, 0.0, knobs, learn=False),
        "bandit (no groups)": Learner(prior, 0.0, knobs, grouped=False, families=kinds),
        "bandit (no families)": Learner(prior, 0.0, knobs),
    }
    policies: dict[str, Callable[[Cohort], np.ndarray]] = {
        "oracle": lambda c: oracle(c, multiplier),
        "no incentive": lambda c: np.full(c.p.shape[0], -1),
        "rule-based": lambda c: rule_based(c, codes),
        **{f"fixed {code}": _fixed(j) for j, code in enumerate(codes)},
    }
    names = [*policies, *learners]
    per_round = {name: np.zeros(rounds) for name in names}
    realised = dict.fromkeys(names, 0.0)
    treated = np.zeros(rounds)
    lift_sum = np.zeros(len(specs))
    for r in range(rounds):
        cohort = draw_cohort(specs, customers, rng, calibration)
        lift_sum += (1.0 - multiplier[cohort.context]).sum(axis=0)
        best = policies["oracle"](cohort)
        for name, policy in policies.items():
            per_round[name][r], got = value(cohort, multiplier, policy(cohort))
            realised[name] += got
        for name, learner in learners.items():
            arm, held = learner.choose(cohort, rng)
            per_round[name][r], got = value(cohort, multiplier, arm)
            realised[name] += got
            learner.observe(cohort, arm, multiplier)
            if learner.control > 0:
                treated[r] = value(cohort, multiplier, np.where(held, -1, best))[0]
    fixed = max((n for n in names if n.startswith("fixed ")), key=lambda n: per_round[n].sum())
    per_round["best fixed"], realised["best fixed"] = per_round[fixed], realised[fixed]
    return SeedResult(per_round, realised, treated, fixed.removeprefix("fixed "),
                      lift_sum / (rounds * customers))


def _share(a: float, b: float) -> str:
    return f"{a / b:7.1%}" if b > 0 else "    n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--customers", type=int, default=10_000, help="at-risk per round")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--control", type=float, default=0.1)
    parser.add_argument("--miscalibration", type=float, default=0.0,
                        help="sd of log(true / predicted churn) per context")
    parser.add_argument("--strength", type=float, default=DEFAULT_STRENGTH)
    parser.add_argument("--pool-strength", type=float, default=DEFAULT_POOL_STRENGTH)
    parser.add_argument("--group-sd", type=float, default=DEFAULT_GROUP_SD)
    parser.add_argument("--exploration", type=float, default=DEFAULT_EXPLORATION)
    parser.add_argument("--family-share", type=float, default=DEFAULT_FAMILY_SHARE)
    parser.add_argument("--no-families", action="store_true",
                        help="every bandit pools each incentive on its own")
    args = parser.parse_args()
    knobs = {"strength": args.strength, "pool_strength": args.pool_strength,
             "group_sd": args.group_sd, "exploration": args.exploration,
             "family_share": args.family_share}
    seeds = [int(s) for s in args.seeds.split(",")]
    ctl = f"bandit ({args.control:.0%} control)"
    shown = ["oracle", "bandit (0% control)", ctl, "best fixed", "rule-based", "no incentive",
             "priors only", "bandit (no groups)", "bandit (no families)"]
    print(f"{N_CONTEXTS} contexts (11 segments x {len(LEVELS)} at-risk levels x 3 tiers), "
          f"{len(DEFAULT_CATALOGUE)} incentives, {args.rounds} rounds x {args.customers:,} "
          f"customers; bandit " + ", ".join(f"{k} {v:g}" for k, v in knobs.items())
          + (", no families" if args.no_families else ", families by kind"))
    results: list[SeedResult] = []
    started = time.perf_counter()
    for seed in seeds:
        res = simulate(seed, rounds=args.rounds, customers=args.customers,
                       control=args.control, miscalibration=args.miscalibration,
                       families=not args.no_families, **knobs)
        results.append(res)
        total = {k: v.sum() for k, v in res.rounds.items()}
        print(f"\nseed {seed}: cumulative net revenue (expected | realised), share of oracle")
        for name in shown:
            label = f"best fixed ({res.fixed_name})" if name == "best fixed" else name
            print(f"  {label:<30}{total[name]:>14,.0f}{res.realised[name]:>14,.0f}"
                  f"{_share(total[name], total['oracle'])}")
        print(f"  {ctl} vs oracle on its treated customers: "
              f"{_share(total[ctl], res.treated_oracle.sum())}")
    lift = np.mean([r.true_lift for r in results], axis=0)
    print("\nconfigured prior_lift vs mean true lift over the customers decided:\n  " + ", ".join(
        f"{s.code} {s.prior_lift:.2f}/{t:.2f}" for s, t in zip(DEFAULT_CATALOGUE, lift,
                                                            strict=True)))
    print(f"\n({time.perf_counter() - started:.1f} s)\nshare of the oracle over seeds"
          f"{'mean':>12}{'min':>8}{'max':>8}")
    shares = {name: np.array([r.rounds[name].sum() / r.rounds["oracle"].sum() for r in results])
              for name in shown[1:]}
    shares[f"{ctl} on treated"] = np.array(
        [r.rounds[ctl].sum() / r.treated_oracle.sum() for r in results])
    for name, s in shares.items():
        print(f"  {name:<40}{s.mean():>8.1%}{s.min():>8.1%}{s.max():>8.1%}")
    print("\nlearning curve: mean per-round share of the oracle")
    print(f"  {'round':<22}" + "".join(f"{r + 1:>5}" for r in range(args.rounds)))
    for name in ("bandit (0% control)", ctl, "best fixed", "rule-based"):
        curve = np.mean([r.rounds[name] / r.rounds["oracle"] for r in results], axis=0)
        print(f"  {name:<22}" + "".join(f"{c:>5.0%}" for c in curve))
    bandit = shares["bandit (0% control)"]
    beats = all(r.rounds[b].sum() > max(r.rounds["best fixed"].sum(), r.rounds["rule-based"].sum())
                for r in results for b in ("bandit (0% control)", ctl))
    print(f"\ntarget >= 90% of the oracle (0% control, mean over seeds): {bandit.mean():.1%} -> "
          f"{'MET' if bandit.mean() >= 0.9 else 'NOT MET'} (min {bandit.min():.1%}); "
          f"with {args.control:.0%} control: {shares[ctl].mean():.1%} of the oracle "
          f"(ceiling {1 - args.control:.0%}), {shares[f'{ctl} on treated'].mean():.1%} of it "
          f"on the treated customers")
    print(f"bandit beats best fixed and rule-based in every seed (both control settings): "
          f"{'YES' if beats else 'NO'}")


if __name__ == "__main__":
    main()
