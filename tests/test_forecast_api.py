"""Revenue forecasts through GraphQL: `revenueForecast` computed once then served from
storage, the pipeline flag without opportunities, the `runForecast` job, `forecastAccuracy`
against revenue recorded since, typed errors for bad input, roles and organization
scoping."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from domain.enums import InvoiceStatus, JobStatus, Role, Stage
from domain.forecasts import service
from domain.forecasts.series import add_months, last_complete_month, month_label
from domain.models import Customer, Forecast, Invoice, Organization
from tests.support.api import Gql, keys_for
from tests.support.sync import HeldQueue, finished

POINTS = "points { month value lower80 upper80 lower95 upper95 pipeline }"
FORECAST = """query($h: Int!, $p: Boolean!) {
  revenueForecast(horizonMonths: $h, includePipeline: $p) {
  id horizonMonths includePipeline seriesStart seriesEnd model reason POINTS
  backtest { horizonMonths origins seasonal scale baseline chosen detail intervals chosenMase
    baselineMase coverage80 coverage95 methods { method mase } }
  seasonality { kind monthly { period index } quarterly { period index } trendGrowth12m }
  pipeline { weightedTotal openOpportunities overdue beyondHorizon reasons
    categories { commit bestCase pipeline } stageProbabilities { stage probability source } }
} }""".replace("POINTS", POINTS)
RUN = """mutation($h: Int!, $p: Boolean!) { runForecast(horizonMonths: $h, includePipeline: $p) {
  __typename ... on ChurnJobStarted { alreadyRunning job { id kind status } }
  ... on UserError { code field message } } }"""
ACCURACY = """{ forecastAccuracy(first: 5) { completedMonths mae mape mase coverage80 coverage95
  forecast { id model horizonMonths }
  months { month predicted actual error absPctError in80 in95 } } }"""


def _end() -> date:
    return last_complete_month(datetime.now(UTC))


def _values(n: int, base: float, seed: int) -> list[float]:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return list(((base + base / 100 * t) * (1 + 0.25 * np.sin(2 * np.pi * t / 12))
                 * rng.normal(1, 0.04, n)).round(2))


async def seed_revenue(org: Organization, values: list[float], end: date) -> None:
    customer = await Customer.create(organization_id=org.id, name="Buyer", stage=Stage.CUSTOMER,
                                     created_at=datetime.now(UTC) - timedelta(days=2000))
    start = add_months(end, -(len(values) - 1))
    months = [add_months(start, i) for i in range(len(values))]
    await Invoice.bulk_create([
        Invoice(organization_id=org.id, customer_id=customer.id, amount=Decimal(f"{v:.2f}"),
                status=InvoiceStatus.PAID,
                issued_at=datetime(m.year, m.month, 2, tzinfo=UTC),
                paid_at=datetime(m.year, m.month, 14, 8, tzinfo=UTC))
        for m, v in zip(months, values, strict=True) if v > 0])


def _finite_everywhere(value: Any) -> None:
    """No NaN or infinity anywhere in an answer (JSON has none; this guards the floats)."""
    text = json.dumps(value)
    assert "NaN" not in text and "Infinity" not in text
    if isinstance(value, dict):
        for v in value.values():
            _finite_everywhere(v)
    elif isinstance(value, list):
        for v in value:
            _finite_everywhere(v)
    elif isinstance(value, float):
        assert math.isfinite(value)


async def test_revenue_forecast_is_computed_once_then_served_from_storage(
        gql: Gql, org: Organization) -> None:
    end = _end()
    await seed_revenue(org, _values(36, 20_000, seed=5), end)
    data = await gql.data(FORECAST, {"h": 6, "p": False}, role=Role.ANALYST)
    f = data["revenueForecast"]
    _finite_everywhere(f)
    assert f["horizonMonths"] == 6 and f["includePipeline"] is False and f["pipeline"] is None
    assert f["seriesEnd"] == end.isoformat()
    assert [p["month"] for p in f["points"]] == [month_label(add_months(end, i))
                                                 for i in range(1, 7)]
    for p in f["points"]:
        assert 0 <= p["lower95"] <= p["lower80"] <= p["value"] <= p["upper80"] <= p["upper95"]
        assert 10_000 < p["value"] < 40_000 and p["pipeline"] == 0
    bt = f["backtest"]
    assert bt["seasonal"] is True and len(bt["origins"]) >= 2 and bt["horizonMonths"] == 6
    assert {"ets", "sarimax", "theta", "seasonal_naive"} <= {m["method"] for m in bt["methods"]}
    assert bt["chosen"] == f["model"] and bt["chosenMase"] is not None
    assert len(f["seasonality"]["monthly"]) == 12 and len(f["seasonality"]["quarterly"]) == 4
    again = await gql.data(FORECAST, {"h": 6, "p": False}, role=Role.ANALYST)
    assert again["revenueForecast"]["id"] == f["id"]
    viewer = await gql(FORECAST, {"h": 6, "p": False}, role=Role.VIEWER)
    assert viewer["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert await Forecast.filter(organization_id=org.id).count() == 1


async def test_include_pipeline_without_opportunities_says_so(gql: Gql, org: Organization
                                                              ) -> None:
    await seed_revenue(org, _values(30, 8_000, seed=6), _end())
    f = (await gql.data(FORECAST, {"h": 3, "p": True}))["revenueForecast"]
    _finite_everywhere(f)
    assert f["includePipeline"] is True
    assert f["pipeline"]["openOpportunities"] == 0 and f["pipeline"]["weightedTotal"] == 0
    assert f["pipeline"]["categories"] == {"commit": 0, "bestCase": 0, "pipeline": 0}
    assert "no open opportunities" in " ".join(f["pipeline"]["reasons"])
    assert "no open opportunities" in f["reason"]
    assert all(p["pipeline"] == 0 for p in f["points"])


async def test_bad_input_is_a_typed_error_never_a_crash(gql: Gql, org: Organization,
                                                        other_org: Organization) -> None:
    nothing = await gql(FORECAST, {"h": 12, "p": True})
    assert nothing["data"] is None
    assert nothing["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    assert "no revenue to forecast from" in nothing["errors"][0]["message"]
    await seed_revenue(org, [4_000.0], _end())
    single = await gql(FORECAST, {"h": 12, "p": False})
    assert single["errors"][0]["extensions"]["field"] == "revenue"
    assert "found one month" in single["errors"][0]["message"]
    for h in (2, 40):
        bad = await gql(FORECAST, {"h": h, "p": False})
        assert bad["errors"][0]["extensions"]["field"] == "horizonMonths"
    gap = [3_000.0] * 10 + [0.0, 0.0] + [3_500.0] * 8  # two months without revenue
    await seed_revenue(other_org, gap, _end())
    other = Gql(client=gql.client, keys=await keys_for(other_org.id))
    f = (await other.data(FORECAST, {"h": 4, "p": False}))["revenueForecast"]
    _finite_everywhere(f)
    assert "2 month(s) without revenue counted as 0" in f["reason"]
    assert "only 20 months of history" in f["reason"] and f["backtest"]["seasonal"] is False
    assert f["seasonality"] is None


async def test_run_forecast_queues_a_job_that_stores_the_forecast(
        gql: Gql, org: Organization, other_org: Organization) -> None:
    await seed_revenue(org, _values(48, 15_000, seed=7), _end())
    denied = await gql(RUN, {"h": 9, "p": False}, role=Role.ANALYST)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    bad = (await gql.data(RUN, {"h": 99, "p": False}, role=Role.OPERATOR))["runForecast"]
    assert (bad["__typename"], bad["field"]) == ("ValidationError", "horizonMonths")
    empty = Gql(client=gql.client, keys=await keys_for(other_org.id))
    none = (await empty.data(RUN, {"h": 9, "p": False}, role=Role.OPERATOR))["runForecast"]
    assert (none["__typename"], none["field"]) == ("ValidationError", "revenue")

    started = (await gql.data(RUN, {"h": 9, "p": False}, role=Role.OPERATOR))["runForecast"]
    assert started["__typename"] == "ChurnJobStarted" and started["job"]["kind"] == "RUN_FORECAST"
    job = await finished(int(started["job"]["id"]))
    assert job.status == JobStatus.SUCCEEDED and job.result is not None, job.error
    stored = await Forecast.get(id=job.result["forecast_id"])
    assert stored.organization_id == org.id and stored.horizon_months == 9
    assert len(stored.backtest["origins"]) == service.JOB_ORIGINS
    served = (await gql.data(FORECAST, {"h": 9, "p": False}))["revenueForecast"]
    assert served["id"] == str(stored.id)  # the stored one, not a new computation
    assert await Forecast.filter(organization_id=org.id).count() == 1
    assert await Forecast.filter(organization_id=other_org.id).count() == 0


async def test_forecast_accuracy_compares_past_forecasts_with_what_happened(
        gql: Gql, org: Organization, other_org: Organization) -> None:
    end = _end()
    values = _values(40, 12_000, seed=8)
    await seed_revenue(org, values, end)
    # a forecast made four months ago: its first four months have completed since
    back = add_months(end, -3)
    made = datetime(back.year, back.month, 5, tzinfo=UTC)
    past = await service.run_forecast(org.id, horizon_months=6, now=made, origins=2)
    await seed_revenue(other_org, _values(40, 12_000, seed=9), end)
    await service.run_forecast(other_org.id, horizon_months=6, now=made, origins=2)

    data = await gql.data(ACCURACY, role=Role.ANALYST)
    [report] = data["forecastAccuracy"]  # the other organization's forecast is not here
    _finite_everywhere(report)
    assert report["forecast"]["id"] == str(past.id) and report["completedMonths"] == 4
    assert [m["month"] for m in report["months"]] == [month_label(add_months(end, -k))
                                                      for k in (3, 2, 1, 0)]
    assert [m["actual"] for m in report["months"]] == values[-4:]
    for m, p in zip(report["months"], past.points, strict=False):
        assert m["predicted"] == p["value"]
        assert m["error"] == round(m["actual"] - p["value"], 2)
        assert m["in80"] == (p["lower80"] <= m["actual"] <= p["upper80"])
    expected_mape = np.mean([abs(m["error"]) / m["actual"] for m in report["months"]])
    assert abs(report["mape"] - expected_mape) < 1e-4
    assert 0 <= report["coverage80"] <= report["coverage95"] <= 1


async def test_nightly_refresh_queues_a_forecast_for_each_organization_with_revenue(
        runtime: Any, org: Organization, other_org: Organization) -> None:
    from domain.enums import JobKind
    from domain.models import Job
    from workers.jobs import nightly_forecast_refresh

    await seed_revenue(org, _values(30, 5_000, seed=10), _end())
    # every organization with revenue is queued (other tests' too): hold them, run only
    # this organization's and drop the rest
    held = HeldQueue()
    queued = await nightly_forecast_refresh({**runtime.context(), "queue": held})
    assert queued >= len(held.jobs) >= 1
    [job] = [j for j in held.jobs if j.organization_id == org.id]
    assert job.kind is JobKind.RUN_FORECAST
    assert job.params == {"horizon_months": 12, "include_pipeline": False}
    assert not [j for j in held.jobs if j.organization_id == other_org.id]  # no revenue
    await Job.filter(id__in=[j.id for j in held.jobs if j.id != job.id]).delete()
    await runtime.queue.enqueue(job)
    done = await finished(job.id)
    assert done.status == JobStatus.SUCCEEDED, done.error
    assert await Forecast.filter(organization_id=org.id, horizon_months=12).count() == 1
