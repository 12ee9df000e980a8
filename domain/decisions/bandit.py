"""Contextual Thompson sampling over retention incentives (pure numpy, no I/O).

Each arm (an incentive, or "none") has, per context (segment x risk level x value tier),
a Beta posterior of the churn rate of the context's customers given that arm. Customers
differ in risk, so each posterior carries its reference risk (the context's mean predicted
churn probability now) and the evidence is read risk-normalised: what counts is churned /
expected, the observed churn over the sum of the counted customers' predicted
probabilities. An arm's effect is the churn *multiplier* relative to the no-incentive arm,

    r = (q_arm / ref) / (q_none / ref),      q ~ Beta(alpha, beta)

so a customer with churn probability p keeps churning with p*r when given the arm, and

    expected gain = CLV x (p - p*r) - cost.

Estimation (partial pooling). Per arm, the log of the risk-normalised churn rate of
context c is `mu + u_c + sum_k v_k[g_k(c)]`: `mu` the arm's level, whose prior is the
configured `prior_lift` (r = 1 - lift) worth `strength` pseudo-customers; `u_c` the
context's own deviation and `v_k` the deviations shared by the contexts of a group (same
segment, same tier, same segment and tier, ... from `context_groups`), all Normal(0,
group_sd^2), so every context is shrunk towards its groups and the arm's level. The mode
and variance come from a Laplace approximation (Poisson likelihood of churned given
expected, with the binomial variance), solved in context space. A context seen for the
first time starts from what the others learned. Its Beta posterior has that mean and
(log-scale) variance, with between `strength` and its own customers + `strength` +
`pool_strength` (the most it may borrow) pseudo-customers behind it. Without groups,
contexts pool only through the arm's level. With no evidence at all every context sits at
the configured prior, worth `strength` pseudo-customers. Incentives of one family (e.g. the
percentage discounts) are fitted jointly: `family_share` of their context deviations is
common, scaled by each member's overall lift (a deeper discount moves more), so a context
that answers one discount informs its siblings.

A decision draws one multiplier per customer and arm from the posteriors (with their
spread scaled by `exploration`: below 1, fewer customers get an arm only to learn about it,
which pays over a short horizon of large batches), keeps the eligible arms whose sampled
gain is positive and picks the largest sampled gain (ties go to the cheaper arm); with no
such arm the customer gets no incentive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.linalg import cho_solve, solve_triangular
from threadpoolctl import threadpool_limits

from domain.decisions.contexts import context_parts

DEFAULT_STRENGTH = 20.0
DEFAULT_POOL_STRENGTH = 50.0
DEFAULT_GROUP_SD = 0.3  # prior sd of a context's log churn-rate deviation from the arm's level
DEFAULT_EXPLORATION = 0.5  # Thompson draws with half the posterior's spread
DEFAULT_FAMILY_SHARE = 0.8  # share of a context's deviation common to an incentive family
_EPS = 1e-9
_NEWTON_STEPS = 30


@dataclass(frozen=True)
class Evidence:
    """Outcome counts per context (rows) and arm (columns; column 0 is "none", column
    j + 1 is incentive j). `expected` is the sum of the counted customers' predicted
    churn probabilities."""

    churned: np.ndarray
    retained: np.ndarray
    expected: np.ndarray

    @classmethod
    def empty(cls, contexts: int, incentives: int) -> Evidence:
        shape = (contexts, incentives + 1)
        return cls(np.zeros(shape), np.zeros(shape), np.zeros(shape))

    def add(self, context: np.ndarray, arm: np.ndarray, churned: np.ndarray,
            probability: np.ndarray) -> Evidence:
        """New evidence with the outcomes of customers given `arm` (column index) added."""
        out = Evidence(self.churned.copy(), self.retained.copy(), self.expected.copy())
        np.add.at(out.churned, (context, arm), churned.astype(float))
        np.add.at(out.retained, (context, arm), 1.0 - churned.astype(float))
        np.add.at(out.expected, (context, arm), probability)
        return out


@dataclass(frozen=True)
class Posterior:
    """Beta(alpha, beta) of each (context, arm) churn rate and its reference risk;
    `exploration` scales the spread of the Thompson draws (1: the posterior itself)."""

    alpha: np.ndarray
    beta: np.ndarray
    reference: np.ndarray
    exploration: float = DEFAULT_EXPLORATION

    def multiplier_mean(self) -> np.ndarray:
        """(contexts, incentives): the posterior-mean churn multiplier of each incentive."""
        rate = self.alpha / (self.alpha + self.beta) / self.reference
        return rate[:, 1:] / np.maximum(rate[:, :1], _EPS)

    def sample_multipliers(self, context: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """(n, incentives): one Thompson draw of every incentive's multiplier per customer,
        from the posterior with its spread scaled by `exploration` (same mean)."""
        tighter = 1.0 / max(self.exploration, 1e-3) ** 2
        alpha, beta = self.alpha[context] * tighter, self.beta[context] * tighter
        rate = rng.beta(alpha, beta) / self.reference[context]
        return rate[:, 1:] / np.maximum(rate[:, :1], _EPS)


def context_groups(keys: Sequence[str]) -> np.ndarray:
    """(contexts, 6) group labels of "segment|risk level|value tier" keys: segment, risk
    level, tier, and each pair of them (for `posterior(groups=...)`). A key with fewer
    parts leaves the missing ones empty."""
    parts = [context_parts(k) for k in keys]
    columns = [[p[0] for p in parts], [p[1] for p in parts], [p[2] for p in parts],
               [f"{p[0]}|{p[1]}" for p in parts], [f"{p[0]}|{p[2]}" for p in parts],
               [f"{p[1]}|{p[2]}" for p in parts]]
    if not parts:
        return np.zeros((0, len(columns)), dtype=np.int64)
    return np.stack([np.unique(np.array(c), return_inverse=True)[1] for c in columns],
                    axis=1).astype(np.int64)


def _indicators(groups: np.ndarray | None, contexts: int) -> np.ndarray:
    """Mean over the group columns and the context itself of "same label" indicators: the
    prior correlation of the contexts' log-rate deviations (1 on the diagonal)."""
    k = np.eye(contexts)
    if groups is not None:
        cols = np.asarray(groups, dtype=np.int64).reshape(contexts, -1).T
        for col in cols:
            k += col[:, None] == col[None, :]
        k /= 1 + cols.shape[0]
    return k


def _laplace(cov: np.ndarray, centre: np.ndarray, y: np.ndarray, e: np.ndarray,
             dispersion: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mode and variance (Laplace approximation) of eta, where eta - centre ~ N(0, cov) and
    y ~ quasi-Poisson(e x exp(eta)) with the given dispersion (Newton steps as in
    Rasmussen & Williams, Gaussian Processes for Machine Learning, algorithm 3.1)."""
    eye = np.eye(cov.shape[0])
    f = np.zeros(cov.shape[0])
    done = False
    for step in range(_NEWTON_STEPS + 1):
        mu = e * np.exp(np.clip(centre + f, -8.0, 3.0))
        s = np.sqrt(mu / dispersion)
        chol = np.linalg.cholesky(eye + s[:, None] * cov * s[None, :])
        if done or step == _NEWTON_STEPS:  # chol and s at the final f
            break
        b = s * s * f + (y - mu) / dispersion
        new = cov @ (b - s * cho_solve((chol, True), s * (cov @ b)))
        done = bool(np.max(np.abs(new - f), initial=0.0) < 1e-6)
        f = new
    v = solve_triangular(chol, s[:, None] * cov, lower=True)
    return centre + f, np.maximum(np.diag(cov) - np.einsum("ij,ij->j", v, v), _EPS)


def _family_scale(evidence: Evidence, lift: np.ndarray, members: np.ndarray,
                  pseudo: float) -> np.ndarray:
    """Relative size of the family members' log churn multipliers (mean square 1): from
    each arm's overall lift (all contexts pooled), the configured lift worth `pseudo`
    expected churns."""
    churned, expected = evidence.churned.sum(axis=0), evidence.expected.sum(axis=0)
    base = (churned[0] + pseudo) / (expected[0] + pseudo)
    rate = (churned[members] + pseudo * (1.0 - lift[members])) / (expected[members] + pseudo)
    size = -np.log(np.clip(rate / base, 0.1, 0.98))
    return size / np.sqrt(np.mean(size**2))


def _arm_blocks(families: Sequence[str | None] | None, arms: int) -> list[np.ndarray]:
    """Column indices fitted together: each family's incentives, every other arm alone."""
    if families is None:
        return [np.array([a]) for a in range(arms)]
    if len(families) != arms - 1:
        raise ValueError(f"families must name {arms - 1} incentives, not {len(families)}")
    blocks: dict[str, list[int]] = {}
    alone = [[0]]
    for j, name in enumerate(families):
        if name is None:
            alone.append([j + 1])
        else:
            blocks.setdefault(str(name), []).append(j + 1)
    return sorted((np.array(b) for b in [*alone, *blocks.values()]), key=lambda b: int(b[0]))


def posterior(evidence: Evidence, prior_lift: np.ndarray, context_risk: np.ndarray, *,
              strength: float = DEFAULT_STRENGTH,
              pool_strength: float = DEFAULT_POOL_STRENGTH,
              groups: np.ndarray | None = None, group_sd: float = DEFAULT_GROUP_SD,
              exploration: float = DEFAULT_EXPLORATION,
              families: Sequence[str | None] | None = None,
              family_share: float = DEFAULT_FAMILY_SHARE) -> Posterior:
    """Configured prior + the evidence of every context, partially pooled (see the module
    docstring). `context_risk`: the mean churn probability of each context's customers now
    (the reference); `prior_lift[j]`: incentive j's expected relative churn reduction;
    `groups`: (contexts, g) labels from `context_groups` (None: pool through each arm's
    level only); `families[j]`: incentive j's family (e.g. its kind; None: its own), whose
    members share `family_share` of their context deviations, scaled by each member's
    overall lift (None: every arm on its own)."""
    risk = np.clip(np.asarray(context_risk, dtype=float), 0.01, 0.99)
    contexts = risk.shape[0]
    if contexts == 0:
        none = np.zeros(evidence.churned.shape)
        return Posterior(none, none, none, exploration)
    lift = np.concatenate([[0.0], np.clip(np.asarray(prior_lift, dtype=float), 0.0, 0.95)])
    centre = np.log(1.0 - lift)
    # The prior on an arm's level: `strength` customers at the mean risk, i.e. about
    # strength x risk x (1 - lift) expected churns, each worth one unit of Poisson information.
    pseudo = max(strength * float(risk.mean()), _EPS)
    prior_var = 1.0 / np.maximum(pseudo * (1.0 - lift), _EPS)
    seen = evidence.churned + evidence.retained
    observed = np.where(seen > 0, evidence.churned / np.maximum(seen, _EPS), 0.5)
    dispersion = np.clip(1.0 - observed, 0.05, 1.0)  # binomial / Poisson variance
    shape = _indicators(groups, contexts) * group_sd**2
    ones = np.ones((contexts, contexts))
    share = float(np.clip(family_share, 0.0, 1.0))
    mode = np.empty(seen.shape)
    var = np.empty(seen.shape)
    with threadpool_limits(1, user_api="blas"):  # small matrices: BLAS threads only cost
        for block in _arm_blocks(families, seen.shape[1]):
            if block.shape[0] == 1:
                a = int(block[0])
                mode[:, a], var[:, a] = _laplace(
                    shape + prior_var[a], np.full(contexts, centre[a]),
                    evidence.churned[:, a], evidence.expected[:, a], dispersion[:, a])
                continue
            t = _family_scale(evidence, lift, block, pseudo)
            between = share * np.outer(t, t) + (1.0 - share) * np.eye(block.shape[0])
            cov = np.kron(between, shape) + np.kron(np.diag(prior_var[block]), ones)
            m, v = _laplace(cov, np.repeat(centre[block], contexts),
                            evidence.churned[:, block].T.ravel(),
                            evidence.expected[:, block].T.ravel(),
                            dispersion[:, block].T.ravel())
            mode[:, block], var[:, block] = m.reshape(-1, contexts).T, v.reshape(-1, contexts).T
    mean = np.clip(risk[:, None] * np.exp(mode), 1e-4, 1.0 - 1e-4)
    others = seen.sum(axis=0, keepdims=True) - seen
    cap = seen + max(strength, 1.0) + np.minimum(pool_strength, others)
    # Beta with this mean and Var(log q) ~ var: alpha + beta = (1 - q) / (q var) - 1.
    size = np.clip((1.0 - mean) / (mean * var) - 1.0, max(strength, 1.0), cap)
    return Posterior(alpha=size * mean, beta=size * (1.0 - mean),
                     reference=np.broadcast_to(risk[:, None], mean.shape).copy(),
                     exploration=exploration)


@dataclass(frozen=True)
class Decisions:
    """Per customer: `arm` (incentive index, -1 = no incentive), its `cost`, the gain at
    the posterior mean (`expected_gain`: CLV x p x lift - cost; 0 without an incentive,
    also the `priority`) and `roi` (expected_gain / cost; nan when free or no incentive).
    For the audit trail, (n, incentives): `drawn`, every arm's sampled multiplier, and
    `sampled_gain`, the gain it gives (-inf for ineligible arms)."""

    arm: np.ndarray
    cost: np.ndarray
    drawn: np.ndarray
    sampled_gain: np.ndarray
    expected_gain: np.ndarray
    mean_multiplier: np.ndarray
    roi: np.ndarray

    @property
    def priority(self) -> np.ndarray:
        """The order of review: the expected gain."""
        return self.expected_gain


def decide(probability: np.ndarray, clv: np.ndarray, context: np.ndarray,
           costs: np.ndarray, eligible: np.ndarray, post: Posterior,
           rng: np.random.Generator) -> Decisions:
    """Choose each customer's incentive by one Thompson draw (see the module docstring).

    `probability`, `clv`, `context` are (n,); `costs` and `eligible` are (n, incentives)."""
    n, k = costs.shape
    p = np.asarray(probability, dtype=float)
    value = np.asarray(clv, dtype=float)
    if k == 0 or n == 0:
        empty = np.zeros(n)
        return Decisions(np.full(n, -1), empty, np.full((n, k), np.nan), np.zeros((n, k)),
                         empty, empty, np.full(n, np.nan))
    drawn = post.sample_multipliers(context, rng)
    gains = (value * p)[:, None] * (1.0 - drawn) - costs
    gains = np.where(eligible, gains, -np.inf)
    top = gains.max(axis=1, keepdims=True)
    best = np.argmin(np.where(gains == top, costs, np.inf), axis=1)  # ties: the cheaper arm
    rows = np.arange(n)
    best_gain = gains[rows, best]
    chosen = np.where(best_gain > 0, best, -1)
    acted = chosen >= 0
    pick = np.where(acted, chosen, 0)
    mean = post.multiplier_mean()[context, pick]
    cost = np.where(acted, costs[rows, pick], 0.0)
    lift = 1.0 - mean
    expected = np.where(acted, value * p * lift - cost, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        roi = np.where(acted & (cost > 0), expected / cost, np.nan)
    return Decisions(
        arm=chosen, cost=cost, drawn=drawn, sampled_gain=gains, expected_gain=expected,
        mean_multiplier=np.where(acted, mean, 1.0), roi=roi)
