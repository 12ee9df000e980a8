"""Churn types: a customer's risk (the current `RiskScore` row), churn model versions
(`ModelVersion` rows) and drift reports. Resolvers read stored rows; version numbers and
score history come through the request's DataLoaders."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.enums import ModelStatus, RiskLevel
from api.prefetch import row, version_number
from domain.churn.feature_specs import spec
from domain.churn.queries import MAX_HISTORY
from domain.pagination import check_first


def feature_label(name: str) -> str:
    try:
        return spec(name).label
    except KeyError:  # a feature of an older model version
        return name.replace("_", " ")


@strawberry.type(description="One reason a customer's churn risk is up.")
class RiskFactor:
    feature: str = strawberry.field(description="The model's feature name")
    name: str = strawberry.field(description="The feature in words")
    label: str = strawberry.field(
        description="What the customer's value says, e.g. 'usage down 45% against the "
                    "prior 8 weeks'")
    impact: float = strawberry.field(
        description="How much it raises the risk: its SHAP contribution in log-odds")

    @strawberry.field(description="The factor multiplies the odds of churning by this much")
    def odds_multiplier(self) -> float:
        return round(math.exp(self.impact), 3)


def _factors(rows: list[dict[str, Any]]) -> list[RiskFactor]:
    return [RiskFactor(feature=str(f["feature"]), name=feature_label(str(f["feature"])),
                       label=str(f["label"]), impact=float(f["impact"])) for f in rows]


@strawberry.type(description="Days, as a central 50% interval (null high: beyond the "
                             "survival model's horizon).")
class DaysInterval:
    low: float | None
    high: float | None


@strawberry.type(description="A past scoring of the customer.")
class RiskPoint:
    probability: float
    level: RiskLevel
    scored_at: datetime

    @strawberry.field
    def model_version(self, info: Info) -> int:
        return version_number(info, self)


@strawberry.type(description="A customer's churn risk at its latest scoring.")
class Risk:
    probability: float = strawberry.field(
        description="Calibrated probability of churning within the model's horizon")
    level: RiskLevel
    scored_at: datetime
    recommendations: list[str] = strawberry.field(
        description="Playbook actions for the top factors")
    time_to_churn_days: float | None = strawberry.field(
        description="Median days to churn from the survival model (null: beyond its "
                    "horizon)")

    @strawberry.field(description="Top risk-raising factors, largest first")
    def factors(self) -> list[RiskFactor]:
        return _factors(row(self).factors)

    @strawberry.field(description="Central 50% interval of the days to churn")
    def time_to_churn_interval(self) -> DaysInterval | None:
        stored = row(self)
        low, high = stored.time_to_churn_low, stored.time_to_churn_high
        return None if low is None and high is None else DaysInterval(low=low, high=high)

    @strawberry.field(description="Number of the churn model version that scored it")
    def model_version(self, info: Info) -> int:
        return version_number(info, self)

    @strawberry.field(description="Scores, newest first (this one included)")
    async def history(self, info: Info, first: int = 10) -> list[RiskPoint]:
        check_first(first, MAX_HISTORY)
        key = (row(self).customer_id, first)
        return await info.context.loaders.risk_history.load(key)  # type: ignore[return-value]


@strawberry.type
class ClassifierMetrics:
    roc_auc: float | None
    pr_auc: float | None
    brier: float | None
    log_loss: float | None
    ece: float | None = strawberry.field(description="Expected calibration error")
    lift_top_decile: float | None
    base_rate: float | None
    n: int = strawberry.field(description="Held-out rows")
    positives: int = strawberry.field(description="Churns among them")


def _classifier(raw: Any) -> ClassifierMetrics | None:
    if not isinstance(raw, dict):
        return None
    keys = ("roc_auc", "pr_auc", "brier", "log_loss", "ece", "lift_top_decile", "base_rate")
    return ClassifierMetrics(**{k: raw.get(k) for k in keys}, n=int(raw.get("n") or 0),
                             positives=int(raw.get("positives") or 0))


@strawberry.type(description="The time-to-churn (Cox) model's fit.")
class SurvivalMetrics:
    concordance: float | None = strawberry.field(
        description="Harrell's C on the held-out cutoff's customers")
    training_concordance: float | None
    rows: int
    events: int


@strawberry.type(description="The model that was active when this one was trained, scored "
                             "on this one's held-out rows.")
class IncumbentMetrics:
    version: int
    model: ClassifierMetrics | None


@strawberry.type(description="Held-out figures: the model (LightGBM, calibrated), its "
                             "logistic-regression baseline, the survival model.")
class ChurnModelMetrics:
    model: ClassifierMetrics | None
    baseline: ClassifierMetrics | None
    survival: SurvivalMetrics | None
    incumbent: IncumbentMetrics | None
    training_rows: int
    validation_rows: int
    training_churns: int
    validation_churns: int
    validation_cutoff: datetime | None


def _metrics(raw: dict[str, Any]) -> ChurnModelMetrics:
    rows = raw.get("rows") or {}
    surv = raw.get("survival")
    inc = raw.get("incumbent")
    cutoff = raw.get("validation_cutoff")
    return ChurnModelMetrics(
        model=_classifier(raw.get("model")), baseline=_classifier(raw.get("baseline")),
        survival=SurvivalMetrics(
            concordance=surv.get("concordance"),
            training_concordance=surv.get("training_concordance"),
            rows=int(surv.get("rows") or 0), events=int(surv.get("events") or 0),
        ) if isinstance(surv, dict) else None,
        incumbent=IncumbentMetrics(version=int(inc.get("version") or 0),
                                   model=_classifier(inc.get("model")))
        if isinstance(inc, dict) else None,
        training_rows=int(rows.get("training") or 0),
        validation_rows=int(rows.get("validation") or 0),
        training_churns=int(rows.get("training_churns") or 0),
        validation_churns=int(rows.get("validation_churns") or 0),
        validation_cutoff=datetime.fromisoformat(cutoff) if isinstance(cutoff, str) else None,
    )


@strawberry.type(description="Held-out rows grouped by predicted probability.")
class CalibrationBin:
    lower: float
    upper: float
    mean_predicted: float
    observed_rate: float
    count: int


@strawberry.type
class FeatureImportance:
    feature: str
    name: str
    importance: float = strawberry.field(description="Total split gain in the model")
    share: float = strawberry.field(description="Share of the total gain, 0..1")


@strawberry.type(description="A trained churn model version in the registry.")
class ChurnModel:
    id: strawberry.ID
    version: int
    status: ModelStatus
    created_at: datetime
    activated_at: datetime | None
    retired_at: datetime | None
    reason: str = strawberry.field(description="Why it was (not) promoted, activated, "
                                               "retired; one line per event")
    window_start: datetime = strawberry.field(description="First training cutoff")
    window_end: datetime = strawberry.field(description="End of the last label window")
    horizon_days: int
    features: list[str]
    artifact_sha256: str

    @strawberry.field
    def cutoffs(self) -> list[datetime]:
        return [datetime.fromisoformat(c) for c in row(self).cutoffs]

    @strawberry.field
    def metrics(self) -> ChurnModelMetrics:
        return _metrics(row(self).metrics)

    @strawberry.field
    def calibration(self) -> list[CalibrationBin]:
        rows: list[dict[str, Any]] = row(self).calibration
        return [CalibrationBin(lower=float(b["lower"]), upper=float(b["upper"]),
                               mean_predicted=float(b["mean_predicted"]),
                               observed_rate=float(b["observed_rate"]), count=int(b["count"]))
                for b in rows]

    @strawberry.field(description="Features by importance, largest first")
    def feature_importance(self, first: int = 20) -> list[FeatureImportance]:
        check_first(first, 500)
        gains: dict[str, float] = row(self).feature_importance
        total = sum(v for v in gains.values() if v) or 1.0
        top = sorted(gains.items(), key=lambda kv: (-(kv[1] or 0.0), kv[0]))[:first]
        return [FeatureImportance(feature=k, name=feature_label(k), importance=float(v or 0),
                                  share=round(float(v or 0) / total, 6)) for k, v in top]

    @strawberry.field(description="Fitted parameters (classifier, survival, training)")
    def params(self) -> JSON:
        return row(self).params


@strawberry.type
class FeatureDrift:
    feature: str
    name: str
    psi: float = strawberry.field(description="Population stability index")


@strawberry.type(description="How far one scoring run's features moved from the model's "
                             "training rows.")
class ModelDrift:
    computed_at: datetime = strawberry.field(description="The scoring run's time")
    rows: int
    max_psi: float
    max_feature: str
    flagged: bool = strawberry.field(description="max PSI above the threshold: the model is "
                                                 "due for retraining")
    threshold: float

    @strawberry.field
    def model_version(self, info: Info) -> int:
        return version_number(info, self)

    @strawberry.field(description="Features by PSI, largest first")
    def features(self, first: int = 10) -> list[FeatureDrift]:
        check_first(first, 500)
        psi: dict[str, float] = row(self).psi
        top = sorted(psi.items(), key=lambda kv: (-kv[1], kv[0]))[:first]
        return [FeatureDrift(feature=k, name=feature_label(k), psi=float(v)) for k, v in top]
