"""Acquisition types: a new customer's predicted value, audiences, the budget split and
acquisition model versions (`ModelVersion` rows of kind "acquisition")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from api.enums import ModelStatus
from api.prefetch import row
from domain.acquisition import audiences as domain_audiences
from domain.acquisition import budget as domain_budget
from domain.acquisition import service
from domain.acquisition.audiences import AudienceName
from domain.pagination import check_first

strawberry.enum(AudienceName, description="HIGH_CLV: value tier high; GROWTH_POTENTIAL: "
                                          "predicted CLV at least 1.5x the last 12 months' "
                                          "revenue; LOW_CLV: the rest")
CSV_PATH = "/audiences/{name}.csv"



@strawberry.type(description="One reason for a predicted value.")
class AcquisitionFactor:
    feature: str = strawberry.field(description="The model's feature name")
    label: str = strawberry.field(description="In words, e.g. 'referral channel +$120'")
    impact: float = strawberry.field(description="Currency it adds to (or takes from) "
                                                 "the predicted value")


@strawberry.type(description="A new customer's predicted value over the 365 days after its "
                             "first 30, and what it is worth paying to acquire one like it.")
class NewCustomerValue:
    value: float
    lower: float = strawberry.field(description="90% interval, low end")
    upper: float = strawberry.field(description="90% interval, high end")
    recommended_cac: float = strawberry.field(
        description="Acquisition cost worth paying: the CAC share setting x value")
    factors: list[AcquisitionFactor] = strawberry.field(description="Largest impact first")
    model: str = strawberry.field(description="lightgbm, or baseline (mean per channel) when "
                                              "LightGBM did not beat it on held-out data")
    model_version: int
    currency: str
    horizon_days: int
    notes: list[str] = strawberry.field(description="E.g. a channel not seen in training")

    @classmethod
    def of(cls, v: service.NewCustomerValue) -> NewCustomerValue:
        return cls(value=v.value, lower=v.lower, upper=v.upper,
                   recommended_cac=v.recommended_cac,
                   factors=[AcquisitionFactor(feature=f.feature, label=f.label, impact=f.impact)
                            for f in v.factors],
                   model=v.model, model_version=v.model_version, currency=v.currency,
                   horizon_days=v.horizon_days, notes=list(v.notes))


@strawberry.type
class AudienceCustomer:
    customer_id: strawberry.ID
    name: str
    email: str | None
    email_sha256: str | None = strawberry.field(
        description="SHA-256 of the normalised email (null: no valid email)")
    country: str | None
    value: float = strawberry.field(description="Predicted CLV")
    tier: str
    revenue_last_12_months: float


def _member(m: domain_audiences.AudienceMember) -> AudienceCustomer:
    return AudienceCustomer(customer_id=strawberry.ID(str(m.customer_id)), name=m.name,
                            email=m.email, email_sha256=m.email_sha256, country=m.country,
                            value=m.value, tier=m.tier.value,
                            revenue_last_12_months=m.revenue_12m)


@strawberry.type(description="Customers grouped for acquisition targeting.")
class Audience:
    name: AudienceName
    count: int
    total_clv: float
    avg_clv: float
    missing_emails: int = strawberry.field(
        description="Customers without a valid email (left out of the CSV)")
    csv_url: str = strawberry.field(
        description="Lookalike seed download (email_sha256,value; add ?country=1 for a "
                    "country column); send the same Authorization header")
    source: strawberry.Private[domain_audiences.Audience]
    page_limit: strawberry.Private[int]

    @strawberry.field(description="Members, highest value first")
    def customers(self, first: int = 20) -> list[AudienceCustomer]:
        check_first(first, self.page_limit)
        return [_member(m) for m in self.source.members[:first]]

    @classmethod
    def of(cls, a: domain_audiences.Audience, base_url: str, page_limit: int) -> Audience:
        return cls(name=a.name, count=a.count, total_clv=a.total_clv, avg_clv=a.avg_clv,
                   missing_emails=a.missing_emails,
                   csv_url=base_url + CSV_PATH.format(name=a.name.value), source=a,
                   page_limit=page_limit)


@strawberry.type
class AudienceBudget:
    audience: AudienceName
    weight: float
    share: float = strawberry.field(description="Share of the total after renormalisation")
    count: int
    spend: float
    spend_per_customer: float | None
    avg_clv: float
    max_cac: float | None = strawberry.field(
        description="Most worth paying for one new customer like these: CAC share x "
                    "average CLV")
    new_customers_at_max_cac: float | None
    expected_clv: float | None = strawberry.field(
        description="CLV of the customers the spend buys at the max CAC")
    return_on_spend: float | None
    skipped: bool = strawberry.field(description="No customers (or weight 0): no spend")


@strawberry.type(description="The budget split across the audiences (cents add up to the "
                             "total exactly).")
class BudgetAllocation:
    total_budget: float
    weights: list[float]
    cac_share: float
    tiers: list[AudienceBudget]

    @classmethod
    def of(cls, b: domain_budget.BudgetAllocation) -> BudgetAllocation:
        return cls(total_budget=b.total_budget, weights=list(b.weights),
                   cac_share=b.cac_share,
                   tiers=[AudienceBudget(audience=AudienceName(t.audience), weight=t.weight,
                                     share=t.share, count=t.count, spend=t.spend,
                                     spend_per_customer=t.spend_per_customer,
                                     avg_clv=t.avg_clv, max_cac=t.max_cac,
                                     new_customers_at_max_cac=t.new_customers_at_max_cac,
                                     expected_clv=t.expected_clv,
                                     return_on_spend=t.return_on_spend, skipped=t.skipped)
                          for t in b.tiers])


@strawberry.type(description="Held-out figures of one predictor (newest customers).")
class AcquisitionScores:
    mae: float | None
    rmse: float | None
    spearman: float | None = strawberry.field(description="Rank correlation, -1..1")
    n: int


def _regression(raw: Any) -> AcquisitionScores | None:
    if not isinstance(raw, dict):
        return None
    return AcquisitionScores(mae=raw.get("mae"), rmse=raw.get("rmse"),
                             spearman=raw.get("spearman"), n=int(raw.get("n") or 0))


@strawberry.type
class AcquisitionMetrics:
    model: AcquisitionScores | None = strawberry.field(description="LightGBM")
    baseline: AcquisitionScores | None = strawberry.field(description="Mean per channel")
    served: str
    reason: str
    training_rows: int
    early_stopping_rows: int
    held_out_rows: int


@strawberry.type(description="A trained acquisition model version in the registry.")
class AcquisitionModel:
    id: strawberry.ID
    version: int
    status: ModelStatus
    created_at: datetime
    activated_at: datetime | None
    reason: str
    features: list[str]
    window_start: datetime
    window_end: datetime

    @strawberry.field
    def metrics(self) -> AcquisitionMetrics:
        raw: dict[str, Any] = row(self).metrics
        rows = raw.get("rows") or {}
        return AcquisitionMetrics(
            model=_regression(raw.get("model")), baseline=_regression(raw.get("baseline")),
            served=str(raw.get("served") or ""), reason=str(raw.get("reason") or ""),
            training_rows=int(rows.get("training") or 0),
            early_stopping_rows=int(rows.get("early_stopping") or 0),
            held_out_rows=int(rows.get("held_out") or 0))
