"""Decision test worlds: customers with current churn scores and values written directly
(a registered churn and value model version behind them), placed one by one or in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from domain.churn.scoring import levels_of, parse_levels
from domain.enums import Stage, ValueModel, ValueTier
from domain.ml import registry
from domain.models import (
    Action,
    Campaign,
    Customer,
    CustomerRisk,
    CustomerValue,
    Incentive,
    ModelVersion,
    RiskScore,
)
from domain.segments.rfm import Segment

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
THRESHOLDS = parse_levels("0.2,0.4,0.7")


async def register(org_id: int, kind: str, *, versions: int = 1) -> ModelVersion:
    """`versions` versions of a model kind registered (placeholder bytes), the last active."""
    version: ModelVersion | None = None
    for _ in range(versions):
        version = await registry.register_candidate(
            org_id, kind, model_bytes={"note": b"test model"}, params={}, features=[],
            metrics={}, calibration=[], importance={}, window=(NOW - timedelta(days=365), NOW),
            cutoffs=[NOW - timedelta(days=90)], horizon_days=90)
    assert version is not None
    return await registry.activate(org_id, version.id)


@dataclass(frozen=True)
class Versions:
    churn: ModelVersion
    value: ModelVersion


async def models(org_id: int) -> Versions:
    """A churn model (version 3) and a value model (version 2), both active."""
    return Versions(await register(org_id, "churn", versions=3),
                    await register(org_id, "clv", versions=2))


@dataclass(frozen=True)
class Spec:
    """One customer to place. `clv` None: no value row (valued at its run rate)."""

    probability: float
    clv: float | None
    mrr: float = 100.0
    tier: ValueTier = ValueTier.MEDIUM
    segment: str | None = Segment.AT_RISK.value
    days: float | None = 60.0


async def place(org_id: int, versions: Versions, specs: list[Spec], *, at: datetime = NOW,
                name: str = "Customer") -> list[int]:
    """Write the customers with their current score (and value); returns their ids."""
    n = len(specs)
    base = await Customer.filter(organization_id=org_id).count()
    await Customer.bulk_create([
        Customer(organization_id=org_id, name=f"{name} {base + i}", stage=Stage.CUSTOMER,
                 mrr=Decimal(str(round(s.mrr, 2))), segment=s.segment,
                 external_ref=f"ref-{base + i}", created_at=at - timedelta(days=400))
        for i, s in enumerate(specs)], batch_size=1000)
    refs = [f"ref-{base + i}" for i in range(n)]
    by_ref = dict(await Customer.filter(organization_id=org_id, external_ref__in=refs)
                  .values_list("external_ref", "id"))
    ids = [int(by_ref[r]) for r in refs]
    levels = levels_of(np.array([s.probability for s in specs]), THRESHOLDS)
    await RiskScore.bulk_create([
        RiskScore(organization_id=org_id, customer_id=cid, model_version_id=versions.churn.id,
                  probability=s.probability, level=lv, time_to_churn_days=s.days, scored_at=at)
        for cid, s, lv in zip(ids, specs, levels, strict=True)], batch_size=1000)
    scores = dict(await RiskScore.filter(organization_id=org_id, customer_id__in=ids,
                                         scored_at=at).values_list("customer_id", "id"))
    await CustomerRisk.bulk_create([
        CustomerRisk(organization_id=org_id, customer_id=cid, probability=s.probability,
                     level=lv, model_version_id=versions.churn.id, scored_at=at,
                     score_id=scores[cid])
        for cid, s, lv in zip(ids, specs, levels, strict=True)], batch_size=1000)
    await CustomerValue.bulk_create([
        CustomerValue(organization_id=org_id, customer_id=cid,
                      model_version_id=versions.value.id, model=ValueModel.SBG,
                      value=s.clv, lower=s.clv * 0.8, upper=s.clv * 1.25, horizon_months=12,
                      tier=s.tier, computed_at=at)
        for cid, s in zip(ids, specs, strict=True) if s.clv is not None], batch_size=1000)
    return ids


def random_specs(n: int, *, seed: int) -> list[Spec]:
    """At-risk customers across segments, risk levels and tiers."""
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.2, 0.95, n)
    mrr = np.round(rng.lognormal(4.5, 0.6, n), 2)
    clv = mrr * rng.uniform(8, 30, n)
    tiers = np.where(clv > np.quantile(clv, 0.8), ValueTier.HIGH,
                     np.where(clv > np.quantile(clv, 0.5), ValueTier.MEDIUM, ValueTier.LOW))
    segments = [s.value for s in Segment]
    return [Spec(probability=float(p[i]), clv=float(clv[i]), mrr=float(mrr[i]),
                 tier=ValueTier(tiers[i]), segment=segments[i % len(segments)],
                 days=float(rng.uniform(10, 200)))
            for i in range(n)]


async def given_before(org_id: int, customer_id: int, code: str, *, days: int,
                       at: datetime = NOW, status: str = "executed") -> Action:
    """An action giving incentive `code` to the customer `days` before `at` (in a manual
    campaign of that day), executed or in another `status` (e.g. still proposed)."""
    incentive = await Incentive.get(organization_id=org_id, code=code)
    when = at - timedelta(days=days)
    campaign = await Campaign.create(
        organization_id=org_id, kind="manual", name="Earlier", decided_at=when,
        window_ends_at=when + timedelta(days=60))
    risk = await CustomerRisk.get(customer_id=customer_id)
    return await Action.create(
        organization_id=org_id, campaign_id=campaign.id, customer_id=customer_id,
        incentive_id=incentive.id, arm=code, risk_level=risk.level, tier=ValueTier.MEDIUM,
        route="auto", status=status, churn_probability=risk.probability, clv=1000.0,
        decided_at=when, executed_at=when if status == "executed" else None)



async def learned(org_id: int, *, lift: float = 0.25, customers: int = 2000) -> None:
    """Outcomes as if every active incentive had been tried on `customers` customers of each
    current context (and as many kept without one), cutting churn by `lift`: the posteriors
    are then narrow and decisions on clear cases do not depend on the draw."""
    from domain.decisions.candidates import context_risk
    from domain.incentives.service import ensure_catalogue
    from domain.models import ArmOutcomes

    codes = ["none", *[i.code for i in await ensure_catalogue(org_id) if i.active]]
    rows = []
    for context, risk in (await context_risk(org_id, 0.0)).items():
        for code in codes:
            churned = round(customers * risk * (1.0 if code == "none" else 1.0 - lift))
            rows.append(ArmOutcomes(organization_id=org_id, context=context, arm=code,
                                    churned=churned, retained=customers - churned,
                                    expected_churn=customers * risk))
    await ArmOutcomes.bulk_create(rows, batch_size=1000)
