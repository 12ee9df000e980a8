"""Customer value types: a customer's CLV (its `CustomerValue` row) and the value model
fits (`ModelVersion` rows of kind "clv")."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.enums import ModelStatus, ValueTier
from api.prefetch import row, version_number
from domain.enums import ValueModel

strawberry.enum(ValueModel, description="How a customer's value was computed: bgnbd, "
                                        "pareto_nbd, mbgnbd (order buyers, x Gamma-Gamma "
                                        "spend), sbg (subscribers, x MRR), ml, blend.")



@strawberry.type(description="A 90% interval.")
class ValueInterval:
    low: float
    high: float


@strawberry.type(description="What moves a customer's predicted 12-month revenue, from "
                             "the ML value model (impact in currency; positive raises it).")
class ValueFactor:
    feature: str
    label: str
    impact: float


@strawberry.type(description="A customer's predicted lifetime value.")
class CustomerClv:
    value: float = strawberry.field(
        description="Discounted CLV over horizonMonths (LIFELINE_CLV_DISCOUNT_RATE a year)")
    horizon_months: int
    model: ValueModel
    tier: ValueTier
    p_alive: float | None = strawberry.field(
        description="Probability the customer is still active (order buyers: from the "
                    "purchase model; subscribers: 1 with a live subscription, else 0)")
    expected_purchases: float | None = strawberry.field(
        description="Expected repeat purchases (order buyers) or months paid (subscribers) "
                    "within the horizon")
    expected_lifetime_months: float | None = strawberry.field(
        description="Subscribers: expected further months (within 10 years)")
    computed_at: datetime

    @strawberry.field(description="90% interval: parameter uncertainty of the probabilistic "
                                  "models (delta method), or the ML model's held-out "
                                  "residuals")
    def interval(self) -> ValueInterval:
        stored = row(self)
        return ValueInterval(low=stored.lower, high=stored.upper)

    @strawberry.field(description="Largest contributions first")
    def factors(self) -> list[ValueFactor]:
        return [ValueFactor(feature=str(f["feature"]), label=str(f["label"]),
                            impact=float(f["impact"])) for f in row(self).factors]

    @strawberry.field(description="Number of the value model version (fit)")
    def model_version(self, info: Info) -> int | None:
        if row(self).model_version_id is None:
            return None
        return version_number(info, self)


@strawberry.type(description="Holdout check of the purchase model for one calibration "
                             "frequency: mean repeat purchases per customer.")
class HoldoutBucket:
    frequency: str
    customers: int
    actual: float
    predicted: float
    naive: float = strawberry.field(description="Each customer repeating its calibration rate")


@strawberry.type
class HoldoutReport:
    customers: int
    actual: float
    predicted: float
    naive: float
    mae: float
    naive_mae: float
    buckets: list[HoldoutBucket]


@strawberry.type(description="Probabilistic vs ML value models on next-12-month revenue of "
                             "held-out customers.")
class ValueBacktest:
    chosen: str = strawberry.field(description="probabilistic, ml or blend")
    reason: str
    figures: JSON = strawberry.field(description="MAE, RMSE, Spearman and totals per model")


@strawberry.type(description="One fit of the organization's value models.")
class ClvModel:
    id: strawberry.ID
    version: int
    status: ModelStatus
    created_at: datetime
    reason: str

    @strawberry.field(description="Purchase (and spend) model and retention model parameters "
                                  "with their covariances")
    def params(self) -> JSON:
        return row(self).params

    @strawberry.field(description="Plain-words notes: what could not be fitted, rows left out")
    def warnings(self) -> list[str]:
        return [str(w) for w in row(self).metrics.get("warnings", [])]

    @strawberry.field(description="Rows left out by reason (future, non_positive_amount, "
                                  "returned)")
    def excluded(self) -> JSON:
        return row(self).metrics.get("excluded", {})

    @strawberry.field(description="Customers valued, per model")
    def by_model(self) -> JSON:
        return row(self).metrics.get("by_model", {})

    @strawberry.field
    def holdout(self) -> HoldoutReport | None:
        raw = row(self).metrics.get("holdout")
        if not raw:
            return None
        return HoldoutReport(
            customers=int(raw["customers"]), actual=raw["actual"], predicted=raw["predicted"],
            naive=raw["naive"], mae=raw["mae"], naive_mae=raw["naive_mae"],
            buckets=[HoldoutBucket(**b) for b in raw["buckets"]])

    @strawberry.field
    def backtest(self) -> ValueBacktest | None:
        raw = dict(row(self).metrics.get("backtest") or {})
        if not raw:
            return None
        chosen, reason = str(raw.pop("chosen", "")), str(raw.pop("reason", ""))
        return ValueBacktest(chosen=chosen, reason=reason, figures=raw)  # type: ignore[arg-type]
