"""Churn test worlds: a generated organization with a trained model, and copies of that
model registered in other organizations (no second training)."""

from __future__ import annotations

import uuid
from datetime import datetime

from domain.churn.service import KIND, train_churn_model
from domain.demo.service import generate_world
from domain.ml import registry
from domain.models import ModelVersion, Organization


async def trained_world(name: str, *, customers: int, seed: int, now: datetime
                        ) -> Organization:
    org = await Organization.create(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:10]}")
    await generate_world(org.id, customers=customers, seed=seed, now=now)
    outcome = await train_churn_model(org.id, now=now)
    assert outcome.promoted
    return org


async def copy_model(source_org: int, target_org: int, *, activate: bool = True
                     ) -> ModelVersion:
    """Register the source organization's active churn model in the target one."""
    source = await registry.require_active(source_org, KIND)
    parts = await registry.load_artifact(source_org, source.id)
    copy = await registry.register_candidate(
        target_org, KIND, model_bytes=parts, params=source.params, features=source.features,
        metrics=source.metrics, calibration=source.calibration,
        importance=source.feature_importance, window=(source.window_start, source.window_end),
        cutoffs=[datetime.fromisoformat(c) for c in source.cutoffs],
        horizon_days=source.horizon_days)
    return await registry.activate(target_org, copy.id) if activate else copy
