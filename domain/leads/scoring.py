"""Scoring with the organization's active lead model: every open lead (after each sync and
on request) into `LeadScore` rows, or one unsaved lead (`score_lead`).

A score is the calibrated conversion probability x 100 (0-100, one decimal). Factors are
the features' contributions to the model's log-odds (`estimator.contributions`: booster SHAP
values plus LR terms): the `TOP_FACTORS` largest positive ones (raising the chance), then the
`TOP_FACTORS` most negative ones, each `{feature, label, impact}` with the lead's value in
words; the recommendation comes from `recommendations.recommend`.

`score_leads` scores the open / working leads (no conversion time) chunk by chunk, each
chunk's rows replaced in one transaction, then removes the scores of leads that are no
longer open (scored before this run). Running it again at the same `now` rewrites the same
rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from tortoise.transactions import in_transaction

from domain.errors import ValidationFailed
from domain.leads import estimator
from domain.leads.features import LeadRow, describe, scoring_frame
from domain.leads.recommendations import recommend
from domain.leads.service import KIND, lead_rows
from domain.ml import registry
from domain.models import LeadScore, ModelVersion

TOP_FACTORS = 3
CHUNK = 1000
MAX_ATTRIBUTES = 100
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Scored:
    value: float  # 0..100
    probability: float
    positive: list[dict[str, Any]]
    negative: list[dict[str, Any]]
    recommendation: str

    @property
    def factors(self) -> list[dict[str, Any]]:
        return [*self.positive, *self.negative]


@dataclass(frozen=True)
class LeadScoreOut:
    """A score for an unsaved lead."""

    scored: Scored
    model_version: int
    scored_at: datetime


@dataclass(frozen=True)
class ScoringOutcome:
    organization_id: int
    model_version: int
    scored_at: datetime
    scored: int
    removed: int  # scores of leads that are no longer open

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = registry.jsonable(asdict(self))
        return out


def _factor(feature: str, value: Any, impact: float) -> dict[str, Any]:
    return {"feature": feature, "label": describe(feature, value), "impact": round(impact, 4)}


def score_frame(model: estimator.FittedModel, X: pd.DataFrame) -> list[Scored]:
    """Pure: probability, factors and recommendation per row of `X` (model features)."""
    if X.empty:
        return []
    p = np.clip(estimator.predict_proba(model, X), 0.0, 1.0)
    contrib = estimator.contributions(model, X)
    names = list(model.features)
    out: list[Scored] = []
    for i in range(len(X)):
        row = contrib[i]
        order = np.argsort(-row, kind="stable")
        up = [j for j in order[:TOP_FACTORS] if row[j] > 0]
        down = [j for j in order[::-1][:TOP_FACTORS] if row[j] < 0]
        positive = [_factor(names[j], X.iloc[i, j], float(row[j])) for j in up]
        negative = [_factor(names[j], X.iloc[i, j], float(row[j])) for j in down]
        prob = float(p[i]) if math.isfinite(float(p[i])) else 0.0
        value = round(prob * 100.0, 1)
        out.append(Scored(value=value, probability=prob, positive=positive,
                          negative=negative, recommendation=recommend(value, positive, negative)))
    return out


async def active_model(org_id: int) -> tuple[ModelVersion, estimator.FittedModel]:
    """The active lead model (`NoActiveModel` when there is none)."""
    version = await registry.require_active(org_id, KIND)
    parts = await registry.load_artifact(org_id, version.id)
    return version, estimator.from_bytes(parts["classifier"])


async def score_leads(org_id: int, *, now: datetime | None = None, chunk: int = CHUNK
                      ) -> ScoringOutcome:
    """Score every open lead of the organization (module docstring)."""
    moment = now or datetime.now(UTC)
    version, model = await active_model(org_id)
    ids, rows = await lead_rows(org_id, open_only=True)
    scored = 0
    for start in range(0, len(ids), chunk):
        part_ids, part = ids[start:start + chunk], rows[start:start + chunk]
        results = score_frame(model, scoring_frame(part, model.features, moment))
        async with in_transaction():
            await LeadScore.filter(organization_id=org_id, lead_id__in=part_ids).delete()
            await LeadScore.bulk_create([
                LeadScore(organization_id=org_id, lead_id=lead_id, model_version_id=version.id,
                          value=s.value, probability=s.probability, factors=s.factors,
                          recommendation=s.recommendation, scored_at=moment)
                for lead_id, s in zip(part_ids, results, strict=True)])
        scored += len(part_ids)
    removed = await LeadScore.filter(organization_id=org_id, scored_at__lt=moment).delete()
    return ScoringOutcome(organization_id=org_id, model_version=version.version,
                          scored_at=moment, scored=scored, removed=int(removed))


def lead_input(*, source: str, email: str | None, attributes: Any,
               created_at: datetime | None, now: datetime) -> LeadRow:
    """Validate a lead typed in for scoring; typed errors name the field."""
    text = (source or "").strip()
    if not text or len(text) > 100:
        raise ValidationFailed("source must be 1 to 100 characters", field="source")
    if email is not None and email.strip() and not _EMAIL.match(email.strip()):
        raise ValidationFailed(f"email {email!r} is not an email address", field="email")
    if attributes is None:
        attributes = {}
    if not isinstance(attributes, Mapping):
        raise ValidationFailed("attributes must be an object of names to values",
                               field="attributes")
    if len(attributes) > MAX_ATTRIBUTES:
        raise ValidationFailed(f"attributes may hold at most {MAX_ATTRIBUTES} entries",
                               field="attributes")
    for key, value in attributes.items():
        ok = value is None or isinstance(value, str | bool) or (
            isinstance(value, int | float) and math.isfinite(float(value)))
        if not ok:
            raise ValidationFailed(
                f"attribute {key!r} must be a text, number, true/false or null (got "
                f"{type(value).__name__})", field=f"attributes.{key}")
    created = created_at or now
    if created.tzinfo is None:
        raise ValidationFailed("createdAt needs a time zone", field="createdAt")
    if created > now:
        raise ValidationFailed("createdAt is in the future", field="createdAt")
    return LeadRow(source=text, email=(email or "").strip() or None,
                   attributes=dict(attributes), created_at=created)


async def score_lead(org_id: int, *, source: str, email: str | None = None,
                     attributes: Any = None, created_at: datetime | None = None,
                     now: datetime | None = None) -> LeadScoreOut:
    """Score a lead that is not stored (nothing is written)."""
    moment = now or datetime.now(UTC)
    row = lead_input(source=source, email=email, attributes=attributes,
                     created_at=created_at, now=moment)
    version, model = await active_model(org_id)
    scored = score_frame(model, scoring_frame([row], model.features, moment))[0]
    return LeadScoreOut(scored=scored, model_version=version.version, scored_at=moment)

