"""`lifeline demo` and `lifeline generate`: seed a world, print a key, serve it."""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from domain.auth.service import create_api_key, create_organization
from domain.db import close_db, init_db
from domain.demo.service import generate_world
from domain.enums import Role
from domain.models import Customer, Organization
from domain.schema_migrations import upgrade
from domain.settings import get_settings
from domain.sync.config import configure_integration

DEMO_SLUG = "demo"


async def _progress(fraction: float, message: str) -> None:
    print(f"  {fraction:5.0%}  {message}", flush=True)


def churn_report(metrics: dict[str, Any]) -> str:
    """The held-out figures of a churn model version, in a few lines."""
    model, base = metrics.get("model") or {}, metrics.get("baseline") or {}
    surv, rows = metrics.get("survival") or {}, metrics.get("rows") or {}

    def fig(d: dict[str, Any], key: str) -> str:
        value = d.get(key)
        return f"{value:.3f}" if isinstance(value, int | float) else "n/a"

    return (f"held-out (latest cutoff, {rows.get('validation', 0):,} accounts, "
            f"{rows.get('validation_churns', 0):,} churned): AUC {fig(model, 'roc_auc')} "
            f"(logistic baseline {fig(base, 'roc_auc')}), ECE {fig(model, 'ece')}, "
            f"top-decile lift {fig(model, 'lift_top_decile')}; time to churn: "
            f"concordance {fig(surv, 'concordance')}")


async def train_and_score(org_id: int) -> None:
    """Train the churn model (when none is active) and score the live customers."""
    from domain.churn.scoring import score_customers
    from domain.churn.service import KIND, train_churn_model
    from domain.ml import registry

    if await registry.active(org_id, KIND) is None:
        print("training the churn model ...", flush=True)
        outcome = await train_churn_model(org_id, progress=_progress)
        print(f"churn model version {outcome.version}: {churn_report(outcome.metrics)}",
              flush=True)
    scored = await score_customers(org_id, bus=None, settings=get_settings())
    print(f"scored {scored.scored:,} customers: {scored.levels}", flush=True)


def value_report(outcome: Any) -> str:
    """A fit of the value models in a few lines."""
    models = ", ".join(f"{k} {v:,}" for k, v in sorted(outcome.by_model.items()))
    lines = [f"valued {outcome.valued:,} customers ({models}); "
             f"{outcome.reason or outcome.chosen}"]
    lines += [f"  note: {w}" for w in outcome.warnings]
    return "\n".join(lines)


async def value_and_segment(org_id: int) -> None:
    """Value every customer, train the new-customer model, update the segments."""
    from domain.acquisition.service import train_acquisition_model
    from domain.clv.service import fit_clv_models
    from domain.errors import DomainError
    from domain.segments.service import update_segments

    print("fitting the value models ...", flush=True)
    print(value_report(await fit_clv_models(org_id, settings=get_settings())), flush=True)
    try:
        version = await train_acquisition_model(org_id)
        served = version.metrics.get("served", "")
        print(f"new-customer value model version {version.version} ({served})", flush=True)
    except DomainError as exc:
        print(f"no new-customer value model: {exc.message}", flush=True)
    segments = await update_segments(org_id)
    print(f"segments: {segments.counts}; clusters: {segments.clusters}", flush=True)


async def forecast_and_score_leads(org_id: int) -> None:
    """Forecast revenue (with the pipeline) and train and apply the lead model."""
    from domain.errors import DomainError
    from domain.forecasts.service import run_forecast
    from domain.leads.scoring import score_leads
    from domain.leads.service import train_lead_model

    try:
        forecast = await run_forecast(org_id, horizon_months=12, include_pipeline=True)
        print(f"revenue forecast: {forecast.method}; {forecast.reason}", flush=True)
    except DomainError as exc:
        print(f"no revenue forecast: {exc.message}", flush=True)
    try:
        trained = await train_lead_model(org_id)
        auc = (trained.metrics.get("model") or {}).get("roc_auc")
        left_out = ", ".join(trained.excluded) or "none"
        print(f"lead model version {trained.version} ({trained.status}): held-out AUC "
              f"{auc if auc is None else round(float(auc), 3)}; leaking columns left out: "
              f"{left_out}", flush=True)
        scored = await score_leads(org_id)
        print(f"scored {scored.scored:,} open leads", flush=True)
    except DomainError as exc:
        print(f"no lead model: {exc.message}", flush=True)


async def decide_retention(org_id: int) -> None:
    """Today's retention campaign: the default incentive catalogue and rules, decided on the
    stored scores and values (the on-site widget is the only channel, so nothing leaves
    the machine)."""
    from domain.decisions.service import run_batch
    from domain.incentives.service import get_rules

    rules = await get_rules(org_id)  # run_batch seeds the incentive catalogue
    outcome = await run_batch(org_id, settings=get_settings(), score=False)
    summary = outcome.summary
    routes = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.get("by_route", {}).items()))
    print(f"retention campaign {outcome.campaign_id}: {summary.get('targeted', 0):,} "
          f"customers offered an incentive (expected net "
          f"{summary.get('expected_net', 0.0):,.0f}), {summary.get('control', 0):,} held out "
          f"as control; routes: {routes}; on-site offers at /offers/{rules.widget_key}"
          f"?customer=<ref>", flush=True)


async def train_and_decide(org_id: int) -> None:
    """Every model of the demo, each step on the previous ones' results: churn scores, then
    values and segments, then the forecast and lead scores, then today's campaign."""
    await train_and_score(org_id)
    await value_and_segment(org_id)
    await forecast_and_score_leads(org_id)
    await decide_retention(org_id)


async def seed_organization(
    slug: str, name: str, customers: int, seed_value: int, *, connect_sandboxes: bool = False,
    train: bool = False, shop_customers: int = 0,
) -> tuple[Organization, str]:
    """Create (or reuse) the organization, fill it if empty, and issue an admin key; with
    `train`, train and apply the models (`train_and_decide`); with `connect_sandboxes`,
    point its integrations at the sandboxes this server will serve."""
    settings = get_settings()
    await init_db(settings)
    try:
        await upgrade(settings)
        org = await Organization.get_or_none(slug=slug)
        if org is None:
            org = await create_organization(name, slug)
        if not await Customer.filter(organization_id=org.id).exists():
            print(f"generating {customers:,} accounts and {shop_customers:,} shop customers "
                  f"for {org.slug} ...", flush=True)
            started = time.perf_counter()
            summary = await generate_world(org.id, customers=customers, seed=seed_value,
                                           progress=_progress, shop_customers=shop_customers)
            print(f"done in {time.perf_counter() - started:.1f}s: {summary}", flush=True)
        if train:
            await train_and_decide(org.id)
        if connect_sandboxes:
            from workers.demo_sandbox import sandbox_integrations

            for integration in sandbox_integrations(f"{settings.base_url}/sandbox"):
                await configure_integration(org.id, integration, settings)
        issued = await create_api_key(org.id, Role.ADMIN, f"{slug} admin key")
        return org, issued.secret
    finally:
        await close_db()


def run_demo(customers: int, seed: int, serve_after: bool, sandbox_customers: int = 500,
             shop_customers: int = 0) -> None:
    os.environ.setdefault("LIFELINE_ENV", "dev")
    if sandbox_customers > 0:
        os.environ.setdefault("LIFELINE_SANDBOX_CUSTOMERS", str(sandbox_customers))
        os.environ.setdefault("LIFELINE_SANDBOX_SEED", str(seed))
    get_settings.cache_clear()
    org, secret = asyncio.run(seed_organization(
        DEMO_SLUG, "Demo SaaS Inc.", customers, seed,
        connect_sandboxes=get_settings().sandbox_customers > 0, train=True,
        shop_customers=shop_customers))
    settings = get_settings()
    url = f"http://{settings.host}:{settings.port}/graphql"
    print(f"""
Lifeline demo organization: {org.name} ({org.slug})
API key (admin, shown once):  {secret}

GraphiQL: {url}
In GraphiQL, open the headers tab and paste:
  {{"Authorization": "Bearer {secret}"}}

Stripe, HubSpot and Salesforce sandboxes: http://{settings.host}:{settings.port}/sandbox/...
(the demo organization is connected to them; try
  mutation {{ startSync(source: STRIPE, mode: FULL) {{ __typename }} }})

Churn risk, riskiest first:
  {{ atRiskCustomers(first: 10) {{ nodes {{ name risk {{ probability level
       factors {{ label impact }} recommendations timeToChurnDays }} }} }} }}
Today's retention campaign, highest priority first:
  {{ campaigns(first: 1) {{ nodes {{ name targeted expectedNet byRoute {{ route actions }}
       actions(first: 10) {{ nodes {{ route status customer {{ name }} incentive {{ code }}
       why }} }} }} }} }}
""", flush=True)
    if serve_after:
        from api.server import serve

        serve()


def run_generate(customers: int, seed: int, org_slug: str, shop_customers: int = 0) -> None:
    name = org_slug.replace("-", " ").title()
    org, secret = asyncio.run(seed_organization(org_slug, name, customers, seed,
                                                shop_customers=shop_customers))
    print(f"organization {org.slug}; admin key: {secret}")
