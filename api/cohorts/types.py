"""Cohort matrix types and enums (the domain enums, registered with Strawberry). The
domain's `CohortMatrix` and `CohortRow` have these types' fields and are returned as they
are."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.cohorts.matrix import CohortMetric, CohortPeriod

strawberry.enum(CohortMetric, description=(
    "What a cohort cell measures. Revenue: paid invoices (amount > 0, in the month they were "
    "issued) plus one-off transactions (amount > 0), per calendar month in UTC. Active: "
    "revenue in the period, or a subscription live at any time in it. LOGO_RETENTION: share "
    "of the cohort's customers active in period k. NRR: cohort revenue in period k / its "
    "revenue in period 0. GRR: sum over its customers of min(revenue in k, their revenue in "
    "period 0) / revenue in period 0 (no expansion: GRR <= 1 and GRR <= NRR). AVG_CLV: "
    "cumulative revenue in periods 0..k per acquired customer (value realised to date)."))
strawberry.enum(CohortPeriod, description=(
    "Cohort period: MONTH (acquisition-month cohorts, columns are months since acquisition) "
    "or QUARTER (acquisition-quarter cohorts, columns are quarters since acquisition)."))


@strawberry.type(description="One acquisition cohort: the customers whose first revenue "
                             "(first paid invoice or first transaction) fell in its period.")
class CohortRow:
    start: date = strawberry.field(description="First day of the acquisition period")
    label: str = strawberry.field(description="The period, e.g. 2025-01 or 2025-Q1")
    size: int = strawberry.field(description="Customers acquired in the period")
    start_revenue: float = strawberry.field(
        description="The cohort's revenue in its acquisition period (period 0)")
    values: list[float | None] = strawberry.field(
        description="One value per column (periods since acquisition, from 0); null where "
                    "the period has not ended by asOf")
    predicted_avg_clv: float | None = strawberry.field(
        description="Mean predicted lifetime value of the cohort's customers that have one "
                    "(null if none has)")


@strawberry.type(description="Acquisition cohorts (rows) by periods since acquisition "
                             "(columns). Customers without revenue are in no cohort.")
class CohortMatrix:
    metric: CohortMetric
    period: CohortPeriod
    as_of: datetime = strawberry.field(
        description="Cells of periods ending after this moment are null")
    periods: list[int] = strawberry.field(
        description="Column offsets: periods since acquisition, 0 = the acquisition period")
    rows: list[CohortRow] = strawberry.field(description="Cohorts, oldest first")
