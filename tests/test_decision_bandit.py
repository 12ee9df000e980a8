"""Behaviour of the retention bandit (domain.decisions.bandit) and a small run of the decision
simulation (bench.decision_sim)."""

from __future__ import annotations

import numpy as np

from bench.decision_sim import simulate
from domain.decisions.bandit import Evidence, context_groups, decide, posterior

RNG_SEED = 7


def _customers(n: int, *, p: float = 0.5, clv: float = 1000.0, context: int = 0,
               costs: tuple[float, ...] = (10.0, 10.0)) -> dict[str, np.ndarray]:
    k = len(costs)
    return {"probability": np.full(n, p), "clv": np.full(n, clv),
            "context": np.full(n, context), "costs": np.tile(np.array(costs), (n, 1)),
            "eligible": np.ones((n, k), dtype=bool)}


def _observe(evidence: Evidence, context: int, column: int, n: int, p: float,
             churn_rate: float) -> Evidence:
    churned = np.arange(n) < round(n * churn_rate)
    return evidence.add(np.full(n, context), np.full(n, column), churned, np.full(n, p))


def _share(arm: np.ndarray, j: int) -> float:
    return float(np.mean(arm == j))


def test_without_evidence_the_priors_decide() -> None:
    post = posterior(Evidence.empty(1, 2), np.array([0.1, 0.3]), np.array([0.5]))
    assert np.allclose(post.multiplier_mean(), [[0.9, 0.7]])
    got = decide(**_customers(2000), post=post, rng=np.random.default_rng(RNG_SEED))
    assert _share(got.arm, 1) > 0.8  # same cost: mostly the larger prior lift

    equal = posterior(Evidence.empty(1, 2), np.array([0.2, 0.2]), np.array([0.5]),
                      strength=1e7)
    got = decide(**_customers(2000, costs=(30.0, 10.0)), post=equal,
                 rng=np.random.default_rng(RNG_SEED))
    assert _share(got.arm, 1) == 1.0  # same prior: the cheaper arm
    assert np.allclose(got.cost, 10.0)


def test_evidence_that_an_arm_does_nothing_moves_decisions_away() -> None:
    prior = np.array([0.2, 0.2])
    before = decide(**_customers(4000),
                    post=posterior(Evidence.empty(1, 2), prior, np.array([0.5])),
                    rng=np.random.default_rng(RNG_SEED))
    assert 0.3 < _share(before.arm, 0) < 0.7

    evidence = Evidence.empty(1, 2)
    evidence = _observe(evidence, 0, 0, 2000, 0.5, 0.5)  # none
    evidence = _observe(evidence, 0, 1, 2000, 0.5, 0.5)  # incentive 0: no effect
    evidence = _observe(evidence, 0, 2, 2000, 0.5, 0.3)  # incentive 1: 40% fewer churn
    post = posterior(evidence, prior, np.array([0.5]))
    mean = post.multiplier_mean()[0]
    assert abs(mean[0] - 1.0) < 0.06 and abs(mean[1] - 0.6) < 0.06
    after = decide(**_customers(4000), post=post, rng=np.random.default_rng(RNG_SEED))
    assert _share(after.arm, 0) < 0.02
    assert _share(after.arm, 1) > 0.95


def test_evidence_from_riskier_customers_is_normalised() -> None:
    evidence = Evidence.empty(1, 1)
    evidence = _observe(evidence, 0, 0, 4000, 0.3, 0.3)  # none: p = 0.3, churn 0.3
    evidence = _observe(evidence, 0, 1, 4000, 0.8, 0.4)  # the arm: p = 0.8, churn 0.4
    post = posterior(evidence, np.array([0.0]), np.array([0.5]))
    assert abs(post.multiplier_mean()[0, 0] - 0.5) < 0.05  # halves churn, not worse than none
    got = decide(**_customers(1000, costs=(100.0,)), post=post,
                 rng=np.random.default_rng(RNG_SEED))
    assert _share(got.arm, 0) > 0.95  # 1000 x 0.5 x 0.5 = 250 > 100


def test_no_arm_pays_means_no_incentive_and_no_cost() -> None:
    post = posterior(Evidence.empty(1, 2), np.array([0.1, 0.3]), np.array([0.5]))
    got = decide(**_customers(500, clv=100.0, costs=(400.0, 500.0)), post=post,
                 rng=np.random.default_rng(RNG_SEED))
    assert (got.arm == -1).all()
    assert (got.cost == 0).all() and (got.expected_gain == 0).all()
    assert np.isnan(got.roi).all()


def test_ineligible_arms_are_never_chosen() -> None:
    rng = np.random.default_rng(RNG_SEED)
    n, k = 3000, 4
    customers = _customers(n, costs=(5.0, 10.0, 15.0, 20.0))
    customers["eligible"] = rng.random((n, k)) < 0.5
    post = posterior(Evidence.empty(1, k), np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.5]))
    got = decide(**customers, post=post, rng=rng)
    acted = got.arm >= 0
    assert acted.any()
    assert customers["eligible"][np.flatnonzero(acted), got.arm[acted]].all()
    assert (got.arm[~customers["eligible"].any(axis=1)] == -1).all()
    assert np.isneginf(got.sampled_gain[~customers["eligible"]]).all()


def test_a_context_without_data_borrows_from_the_others() -> None:
    keys = ["At Risk|high|medium", "At Risk|critical|medium", "Champions|low|high"]
    prior = np.array([0.3, 0.1])  # the configuration favours incentive 0
    evidence = Evidence.empty(3, 2)
    evidence = _observe(evidence, 0, 0, 3000, 0.5, 0.5)
    evidence = _observe(evidence, 0, 1, 3000, 0.5, 0.5)  # incentive 0 does nothing
    evidence = _observe(evidence, 0, 2, 3000, 0.5, 0.25)  # incentive 1 halves churn
    risk = np.full(3, 0.5)
    for groups in (None, context_groups(keys)):
        mean = posterior(evidence, prior, risk, groups=groups).multiplier_mean()
        for c in (1, 2):  # no data of their own
            assert mean[c, 0] > 0.8 and mean[c, 1] < 0.7  # prior: 0.7 and 0.9
            got = decide(**_customers(2000, context=c), post=posterior(
                evidence, prior, risk, groups=groups), rng=np.random.default_rng(RNG_SEED))
            assert _share(got.arm, 1) > 0.8 > 0.1 > _share(got.arm, 0)
    # With groups, the context sharing segment and tier borrows more than an unrelated one.
    mean = posterior(evidence, prior, risk, groups=context_groups(keys)).multiplier_mean()
    assert mean[1, 1] < mean[2, 1] and mean[1, 0] > mean[2, 0]


def test_decide_is_reproducible_with_a_seeded_rng() -> None:
    evidence = _observe(Evidence.empty(2, 3), 1, 2, 300, 0.6, 0.4)
    post = posterior(evidence, np.array([0.1, 0.15, 0.2]), np.array([0.4, 0.6]))
    rng = np.random.default_rng(RNG_SEED)
    customers = {"probability": rng.uniform(0.2, 0.9, 500), "clv": rng.lognormal(6, 1, 500),
                 "context": rng.integers(0, 2, 500),
                 "costs": rng.uniform(5, 80, (500, 3)), "eligible": rng.random((500, 3)) < 0.8}
    first = decide(**customers, post=post, rng=np.random.default_rng(42))
    second = decide(**customers, post=post, rng=np.random.default_rng(42))
    for name in ("arm", "cost", "sampled_gain", "expected_gain", "priority"):
        assert np.array_equal(getattr(first, name), getattr(second, name))
    other = decide(**customers, post=post, rng=np.random.default_rng(43))
    assert not np.array_equal(first.sampled_gain, other.sampled_gain)


def test_the_bandit_beats_the_rule_based_policy_in_a_small_simulation() -> None:
    result = simulate(3, rounds=8, customers=3000)
    total = {name: float(values.sum()) for name, values in result.rounds.items()}
    assert total["bandit (0% control)"] > total["rule-based"] > 0
    assert total["bandit (10% control)"] > total["rule-based"]
    assert total["bandit (0% control)"] > total["priors only"]  # learning pays
    assert total["oracle"] > total["bandit (0% control)"]


def test_incentives_of_one_family_share_what_a_context_responds_to() -> None:
    # Incentives 0 and 1 are discounts, 2 something else. Context 0: the discounts help a
    # little; context 1: discount 0 halves churn, the others were never tried there.
    evidence = Evidence.empty(2, 3)
    for context, column, rate in ((0, 0, 0.5), (0, 1, 0.45), (0, 2, 0.4), (0, 3, 0.45),
                                  (1, 0, 0.5), (1, 1, 0.25)):
        evidence = _observe(evidence, context, column, 3000, 0.5, rate)
    prior, risk = np.array([0.1, 0.1, 0.1]), np.full(2, 0.5)
    alone = posterior(evidence, prior, risk).multiplier_mean()
    same = posterior(evidence, prior, risk, families=[None, None, None]).multiplier_mean()
    assert np.array_equal(alone, same)  # no family: every arm on its own, as before
    pooled = posterior(evidence, prior, risk,
                       families=["percent_discount", "percent_discount", "bundle"])
    mean = pooled.multiplier_mean()
    assert mean[1, 1] < alone[1, 1] - 0.05  # the sibling's success in context 1 carries over
    assert np.allclose(mean[:, 2], alone[:, 2])  # the other kind is untouched
    assert abs(mean[1, 0] - 0.5) < 0.06 and abs(mean[0, 1] - 0.8) < 0.06  # own data rules
    got = decide(**_customers(2000, context=1, costs=(10.0, 10.0, 10.0)), post=pooled,
                 rng=np.random.default_rng(RNG_SEED))
    assert _share(got.arm, 0) > 0.8
