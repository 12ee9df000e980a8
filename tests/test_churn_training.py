"""Churn training use case on a demo world: cutoffs with complete label windows, held-out
figures, promotion rule, the stored artifact scoring fresh features, and typed errors."""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import numpy as np
import pytest

from domain.churn import estimator
from domain.churn.estimator import survival
from domain.churn.features import PLAN_CHANGE_GAP, feature_frame
from domain.churn.service import (
    ECE_TOLERANCE,
    KIND,
    NoChurnInWindow,
    NotEnoughHistory,
    choose_cutoffs,
    compare_churn,
    data_bounds,
    train_churn_model,
)
from domain.demo.service import generate_world
from domain.enums import ModelStatus, Stage, SubscriptionStatus
from domain.errors import ValidationFailed
from domain.ml import registry
from domain.models import Customer, ModelVersion, Organization, Subscription

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
H = 90
T = TypeVar("T")


@pytest.fixture(scope="module")
async def world() -> AsyncIterator[Organization]:
    org = await Organization.create(name="Churny", slug=f"churny-{uuid.uuid4().hex[:10]}")
    await generate_world(org.id, customers=1500, seed=21, now=NOW)
    yield org


def test_cutoffs_leave_complete_label_windows() -> None:
    first, end = NOW - 400 * DAY, NOW - 5 * DAY
    got = choose_cutoffs(first, end, horizon_days=H, cutoffs=6, spacing_days=30)
    assert len(got) == 6 and got == sorted(got)
    assert all(c + H * DAY + PLAN_CHANGE_GAP <= end for c in got)
    assert end - (got[-1] + H * DAY + PLAN_CHANGE_GAP) < DAY  # as late as possible
    assert [(b - a).days for a, b in itertools.pairwise(got)] == [30] * 5
    assert all(c.hour == 0 and c.tzinfo is not None for c in got)
    # cutoffs before the first subscription are dropped
    assert len(choose_cutoffs(end - 200 * DAY, end, horizon_days=H, cutoffs=6,
                              spacing_days=30)) == 4


def test_promotion_rule() -> None:
    def m(auc: float | None, ece: float | None) -> dict[str, Any]:
        return {"roc_auc": auc, "ece": ece}

    active = {"version_id": 7, "model": m(0.80, 0.02)}
    assert compare_churn({"model": m(0.81, 0.029)}, active)[0]
    assert not compare_churn({"model": m(0.81, 0.031)}, active)[0]  # calibration worse
    assert not compare_churn({"model": m(0.80, 0.01)}, active)[0]  # AUC not higher
    ok, why = compare_churn({"model": m(0.85, 0.02)}, active)
    assert ok and "own held-out rows" in why
    # the active model scored on the candidate's rows takes precedence over its own figures
    scored = {"version_id": 7, "model": m(0.90, 0.02)}
    ok, why = compare_churn({"model": m(0.85, 0.02), "incumbent": scored}, active)
    assert not ok and "candidate's held-out rows" in why
    stale = {"version_id": 6, "model": m(0.90, 0.02)}  # figures about another version
    assert compare_churn({"model": m(0.85, 0.02), "incumbent": stale}, active)[0]
    assert not compare_churn({"model": m(None, None)}, active)[0]
    assert compare_churn({"model": m(0.6, 0.02)}, {"version_id": 7, "model": m(None, None)})[0]
    assert ECE_TOLERANCE == 0.01


async def _in_processes(fn: Callable[..., T], *args: Any) -> T:
    """What the worker does: the fits run in a process pool (spawned, like a fresh worker)."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)


async def test_training_registers_promotes_and_follows_the_rule(world: Organization) -> None:
    steps: list[tuple[float, str]] = []

    async def progress(fraction: float, message: str) -> None:
        steps.append((fraction, message))

    first = await train_churn_model(world.id, now=NOW, progress=progress)
    assert first.promoted and first.status == "active" and first.version == 1
    assert "no active model" in first.reason and first.replaced_version is None
    assert steps[0][0] == 0.0 and steps[-1] == (1.0, "version 1 promoted")
    assert [f for f, _ in steps] == sorted(f for f, _ in steps)
    model, base, surv = (first.metrics[k] for k in ("model", "baseline", "survival"))
    print(f"\nchurn training on a 1,500-account demo world: {first.training_rows:,} training / "
          f"{first.validation_rows:,} held-out rows ({first.metrics['rows']}); held-out AUC "
          f"{model['roc_auc']:.3f} (LR baseline {base['roc_auc']:.3f}), PR-AUC "
          f"{model['pr_auc']:.3f}, ECE {model['ece']:.3f}, lift@10% "
          f"{model['lift_top_decile']:.2f}; survival held-out C {surv['concordance']:.3f} "
          f"(training C {surv['training_concordance']:.3f})")
    assert model["roc_auc"] > 0.7 and surv["concordance"] > 0.6
    assert model["n"] == first.validation_rows and model["positives"] >= 4

    stored = await ModelVersion.get(id=first.version_id)
    assert stored.status is ModelStatus.ACTIVE and stored.kind == KIND
    assert stored.metrics["model"]["roc_auc"] == model["roc_auc"]
    assert set(stored.metrics["baseline"]) >= {"roc_auc", "pr_auc", "brier", "log_loss", "ece"}
    assert stored.features and stored.calibration and stored.feature_importance
    assert len(stored.cutoffs) == 6 and stored.horizon_days == H
    _, last = await data_bounds(world.id)
    assert last is not None and stored.window_end + PLAN_CHANGE_GAP <= min(NOW, last)
    assert stored.window_start == first.cutoffs[0]
    assert stored.params["classifier"]["best_iteration"] >= 1

    # same data again, the fits in a process pool: promoted only when it beats version 1 on
    # the same held-out rows (here the data are identical, so it should not be)
    second = await train_churn_model(world.id, now=NOW, fit_in=_in_processes)
    assert second.version == 2
    new, old = second.metrics["model"], second.metrics["incumbent"]["model"]
    assert second.metrics["incumbent"]["version_id"] == first.version_id
    rule = new["roc_auc"] > old["roc_auc"] and new["ece"] <= old["ece"] + ECE_TOLERANCE
    assert second.promoted == rule
    current = await registry.require_active(world.id, KIND)
    assert current.id == (second.version_id if rule else first.version_id)
    if not rule:
        assert second.status == "candidate" and "not promoted over version 1" in second.reason
    else:
        assert (await ModelVersion.get(id=first.version_id)).status is ModelStatus.RETIRED


async def test_stored_model_scores_fresh_features(world: Organization) -> None:
    current = await registry.active(world.id, KIND)
    if current is None:  # run alone
        current = (await registry.get_version(
            world.id, (await train_churn_model(world.id, now=NOW)).version_id))
    parts = await registry.load_artifact(world.id, current.id)
    assert set(parts) == {"classifier", "survival"}
    X = await feature_frame(world.id, NOW)
    p = estimator.predict_proba(estimator.from_bytes(parts["classifier"]), X)
    assert len(p) == len(X) > 100
    assert np.isfinite(p).all() and ((p >= 0) & (p <= 1)).all()
    cox = survival.from_bytes(parts["survival"])
    assert np.isfinite(survival.risk_score(cox, X)).all()
    probs = survival.churn_probability(cox, X, H)
    assert ((probs >= 0) & (probs <= 1)).all()


async def _customer_with_sub(org_id: int, name: str, start: datetime,
                             end: datetime | None = None) -> None:
    customer = await Customer.create(organization_id=org_id, name=name, created_at=start,
                                     stage=Stage.CUSTOMER)
    await Subscription.create(
        organization_id=org_id, customer_id=customer.id, plan="growth", seats=5,
        mrr=Decimal(100), started_at=start, canceled_at=end,
        status=SubscriptionStatus.CANCELED if end else SubscriptionStatus.ACTIVE)


async def test_too_little_history_or_churn_is_a_typed_error(
        org: Organization, other_org: Organization) -> None:
    with pytest.raises(NotEnoughHistory) as err:
        await train_churn_model(org.id, now=NOW)  # no subscriptions at all
    assert err.value.code == "NOT_ENOUGH_HISTORY" and err.value.field == "cutoffs"

    for i in range(5):  # 100 days of history: one complete 90-day window at most
        await _customer_with_sub(org.id, f"young {i}", NOW - 100 * DAY)
    with pytest.raises(NotEnoughHistory) as err:
        await train_churn_model(org.id, now=NOW)
    assert err.value.details["usable_cutoffs"] <= 1

    for i in range(5):  # two years, nobody ever leaves
        await _customer_with_sub(other_org.id, f"loyal {i}", NOW - 730 * DAY)
    await _customer_with_sub(other_org.id, "newcomer", NOW - 5 * DAY)  # data are recent
    with pytest.raises(NoChurnInWindow) as churn_err:
        await train_churn_model(other_org.id, now=NOW)
    assert churn_err.value.code == "NO_CHURN_IN_WINDOW"
    assert churn_err.value.details["training_churns"] == 0

    with pytest.raises(ValidationFailed) as bad:
        await train_churn_model(other_org.id, now=NOW, cutoffs=1)
    assert bad.value.field == "cutoffs"
    assert await registry.versions(org.id, KIND) == []
    assert await registry.versions(other_org.id, KIND) == []
