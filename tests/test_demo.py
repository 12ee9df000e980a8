"""The demo-world generator: a small world, checked for the behaviour the story promises."""

from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from domain.demo.service import WorldSummary, effective_usage_weeks, generate_world
from domain.enums import (
    InvoiceStatus,
    LeadStatus,
    OpportunityStage,
    Stage,
    SubscriptionStatus,
)
from domain.journeys.rules import FUNNEL, is_allowed
from domain.models import (
    Customer,
    Invoice,
    Lead,
    LifecycleTransition,
    Opportunity,
    OpportunityStageChange,
    Organization,
    Subscription,
    SupportTicket,
    UsageEvent,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SEED = 11
ACCOUNTS = 600
WEEK = timedelta(weeks=1)


@dataclass(frozen=True)
class World:
    org_id: int
    summary: WorldSummary


@pytest.fixture(scope="module")
async def world() -> World:
    org = await Organization.create(name="Demo SaaS", slug=f"demo-{uuid.uuid4().hex[:10]}")
    summary = await generate_world(org.id, customers=ACCOUNTS, seed=SEED, now=NOW)
    return World(org.id, summary)


async def frame(model: Any, org_id: int, *fields: str) -> pd.DataFrame:
    rows = await model.filter(organization_id=org_id).values_list(*fields)
    return pd.DataFrame(rows, columns=list(fields))


async def churn_events(org_id: int, *, voluntary: bool = True) -> pd.DataFrame:
    """Each account's first cancellation (by default not involuntary payment churn)."""
    t = await frame(LifecycleTransition, org_id, "customer_id", "to_stage", "at", "reason")
    churned = t[(t.to_stage == Stage.CHURNED)
                & ~(voluntary & t.reason.str.contains("payment failed"))]
    return churned.sort_values("at").groupby("customer_id", as_index=False).first()


async def retained_ids(org_id: int) -> set[int]:
    c = await frame(Customer, org_id, "id", "stage")
    t = await frame(LifecycleTransition, org_id, "customer_id", "to_stage")
    ever_churned = set(t.customer_id[t.to_stage == Stage.CHURNED])
    paying = c[c.stage.isin([Stage.CUSTOMER, Stage.EXPANSION, Stage.CONTRACTION])]
    return set(paying.id) - ever_churned


async def test_counts_match_summary_and_every_row_carries_the_org(world: World) -> None:
    s, org = world.summary, world.org_id
    counted = {
        "customers": Customer, "leads": Lead, "opportunities": Opportunity,
        "transitions": LifecycleTransition, "subscriptions": Subscription,
        "invoices": Invoice, "usage_events": UsageEvent, "tickets": SupportTicket,
    }
    for field, model in counted.items():
        assert await model.filter(organization_id=org).count() == getattr(s, field) > 0, field
    assert s.customers == ACCOUNTS
    assert s.leads > s.customers  # disqualified leads come on top
    for model in (LifecycleTransition, Subscription, Invoice, UsageEvent, SupportTicket,
                  Opportunity):
        foreign = model.filter(organization_id=org).exclude(customer__organization_id=org)
        assert await foreign.count() == 0, model.__name__
    assert await Lead.filter(organization_id=org, customer_id__not_isnull=True).exclude(
        customer__organization_id=org).count() == 0
    changes = OpportunityStageChange.filter(organization_id=org)
    assert await changes.count() > s.opportunities
    assert await changes.exclude(opportunity__organization_id=org).count() == 0


async def test_journeys_use_allowed_moves_and_end_at_the_customer_stage(world: World) -> None:
    customers = await frame(Customer, world.org_id, "id", "stage")
    t = await frame(LifecycleTransition, world.org_id, "id", "customer_id", "from_stage",
                    "to_stage", "at", "source", "reason")
    t = t.sort_values(["customer_id", "at", "id"])
    assert set(t.customer_id) == set(customers.id)
    assert (t.source == "demo").all() and (t.reason.str.len() > 0).all()
    stage_of = dict(zip(customers.id, customers.stage, strict=True))
    for cid, journey in t.groupby("customer_id"):
        steps = list(journey.itertuples())
        assert pd.isna(steps[0].from_stage) and steps[0].to_stage == Stage.LEAD
        for before, step in itertools.pairwise(steps):
            assert step.from_stage == before.to_stage, cid
            assert is_allowed(Stage(step.from_stage), Stage(step.to_stage)), (cid, step)
        assert steps[-1].to_stage == stage_of[cid]
    moves = set(zip(t.from_stage, t.to_stage, strict=True))
    for expected in [(Stage.LEAD, Stage.CUSTOMER), (Stage.LEAD, Stage.SQL),
                     (Stage.OPPORTUNITY, Stage.MQL), (Stage.CUSTOMER, Stage.EXPANSION),
                     (Stage.CONTRACTION, Stage.CUSTOMER), (Stage.AT_RISK, Stage.CHURNED),
                     (Stage.CHURNED, Stage.REACTIVATED)]:
        assert (expected[0].value, expected[1].value) in moves, expected
    in_funnel = customers.stage.isin([s.value for s in FUNNEL[:4]])
    assert 0 < in_funnel.sum() < len(customers)


async def test_mrr_is_the_sum_of_active_subscriptions(world: World) -> None:
    c = await frame(Customer, world.org_id, "id", "mrr", "stage", "plan")
    s = await frame(Subscription, world.org_id, "customer_id", "status", "mrr", "seats",
                    "started_at", "canceled_at")
    active = s[s.status == SubscriptionStatus.ACTIVE]
    assert active.customer_id.is_unique
    sums = active.groupby("customer_id").mrr.sum()
    expected = c.id.map(sums).fillna(Decimal("0.00"))
    assert (c.mrr == expected).all()
    assert (c.mrr[c.stage == Stage.CHURNED] == 0).all()
    assert (c.mrr[c.stage.isin([Stage.CUSTOMER, Stage.EXPANSION])] > 0).all()
    canceled = s.status == SubscriptionStatus.CANCELED
    assert (s.canceled_at.notna() == canceled).all()
    assert (s.canceled_at[canceled] >= s.started_at[canceled]).all()
    assert (s.seats >= 1).all() and set(s.status) == {"active", "canceled"}
    assert set(c.plan.dropna()) <= {"starter", "growth", "scale", "enterprise"}
    assert (c.plan.isna() == c.stage.isin([s.value for s in FUNNEL[:4]])).all()


async def test_leads_link_their_accounts_and_convert_by_source(world: World) -> None:
    leads = await frame(Lead, world.org_id, "customer_id", "source", "status", "attributes",
                        "created_at", "converted_at")
    customers = await frame(Customer, world.org_id, "id", "stage")
    converted = leads.status == LeadStatus.CONVERTED
    assert leads.customer_id[converted].notna().all()
    assert leads.converted_at[converted].notna().all()
    assert leads.converted_at[~converted].isna().all()
    assert (leads.converted_at[converted] > leads.created_at[converted]).all()
    assert leads.customer_id[leads.status == LeadStatus.DISQUALIFIED].isna().all()
    linked = leads.customer_id.dropna().astype(int)
    assert linked.is_unique and set(linked) == set(customers.id)
    stage = dict(zip(customers.id, customers.stage, strict=True))
    funnel = {s.value for s in FUNNEL[:4]}
    assert all((stage[int(cid)] in funnel) != conv
               for cid, conv in zip(leads.customer_id, converted, strict=True) if cid == cid)

    rate = converted.groupby(leads.source).mean()
    assert set(rate.index) == {"organic", "paid_search", "referral", "partner", "outbound",
                               "event"}
    assert rate["referral"] > 2 * rate["event"] and rate["referral"] > 3 * rate["outbound"]
    warm = converted[leads.source.isin(["referral", "partner"])].mean()
    cold = converted[leads.source.isin(["paid_search", "outbound", "event"])].mean()
    assert warm > 2 * cold
    demo = leads.attributes.map(lambda a: (a if isinstance(a, dict) else json.loads(a))[
        "demo_requested"])
    assert converted[demo].mean() > 1.5 * converted[~demo].mean()


async def test_usage_falls_before_churn(world: World) -> None:
    churn = await churn_events(world.org_id)
    u = await frame(UsageEvent, world.org_id, "customer_id", "type", "at", "quantity")
    logins = u[u.type == "login"]
    by_customer = dict(tuple(logins.groupby("customer_id")))
    recent, baseline = [], []
    for row in churn.itertuples():
        weeks = by_customer.get(row.customer_id)
        if weeks is None:
            continue
        before = (row.at - weeks["at"]) / WEEK
        last8 = weeks.quantity[(before > 0) & (before <= 8)].mean()
        earlier = weeks.quantity[(before > 12) & (before <= 30)].mean()
        if not np.isnan(earlier):
            recent.append(last8)
            baseline.append(earlier)
    assert len(recent) >= 10
    ratio = np.array(recent) / np.maximum(baseline, 1)
    assert np.median(ratio) < 0.7
    assert np.mean(ratio < 1) > 0.75
    retained = logins[logins.customer_id.isin(await retained_ids(world.org_id))]
    retained_last8 = retained[retained["at"] > NOW - 8 * WEEK].groupby("customer_id").quantity
    assert np.median(recent) < 0.6 * retained_last8.mean().median()


async def test_failed_payments_and_angry_tickets_are_commoner_before_churn(world: World) -> None:
    org = world.org_id
    churn = await churn_events(org, voluntary=False)
    churned_at = dict(zip(churn.customer_id, churn["at"], strict=True))
    retained = await retained_ids(org)
    inv = await frame(Invoice, org, "customer_id", "status", "issued_at")
    tickets = await frame(SupportTicket, org, "customer_id", "sentiment", "opened_at",
                          "priority")

    def before_churn(df: pd.DataFrame, when: str, weeks: int) -> pd.DataFrame:
        at = df.customer_id.map(churned_at)
        gap = (at - df[when]) / WEEK
        return df[(gap > 0) & (gap <= weeks)]

    pre_inv = before_churn(inv, "issued_at", 16)
    kept_inv = inv[inv.customer_id.isin(retained)]
    failed_pre = (pre_inv.status == InvoiceStatus.FAILED).mean()
    failed_kept = (kept_inv.status == InvoiceStatus.FAILED).mean()
    assert failed_pre > 2 * failed_kept
    pre_tickets = before_churn(tickets, "opened_at", 12)
    kept_tickets = tickets[tickets.customer_id.isin(retained)]
    assert len(pre_tickets) >= 20
    assert pre_tickets.sentiment.mean() < kept_tickets.sentiment.mean() - 0.4
    assert (pre_tickets.sentiment < 0).mean() > 2 * (kept_tickets.sentiment < 0).mean()
    urgent = {"high", "urgent"}
    assert pre_tickets.priority.isin(urgent).mean() > kept_tickets.priority.isin(urgent).mean()
    assert tickets.sentiment.between(-1, 1).all()


async def test_invoices_are_monthly_within_their_subscription(world: World) -> None:
    org = world.org_id
    inv = await frame(Invoice, org, "subscription_id", "customer_id", "amount", "status",
                      "issued_at", "paid_at")
    subs = await frame(Subscription, org, "id", "customer_id", "mrr", "started_at",
                       "canceled_at")
    merged = inv.merge(subs, left_on="subscription_id", right_on="id", suffixes=("", "_sub"))
    assert len(merged) == len(inv)
    assert (merged.customer_id == merged.customer_id_sub).all()
    assert (merged.amount == merged.mrr).all()
    assert (merged.issued_at >= merged.started_at).all()
    ended = merged.canceled_at.notna()
    assert (merged.issued_at[ended] < merged.canceled_at[ended]).all()
    assert (merged.issued_at < NOW).all()
    paid = inv.status == InvoiceStatus.PAID
    delay = (inv.paid_at[paid] - inv.issued_at[paid]) / timedelta(days=1)
    assert delay.between(0, 15).all() and 0.5 < delay.median() < 5
    assert 0.9 < paid.mean() < 0.995 and (inv.status == InvoiceStatus.FAILED).any()
    assert inv.paid_at[~paid].isna().all()
    gaps = inv.sort_values("issued_at").groupby("customer_id").issued_at.diff().dropna()
    days = gaps / timedelta(days=1)
    assert ((days >= 26) & (days <= 32)).mean() > 0.9


async def test_opportunities_have_a_consistent_stage_history(world: World) -> None:
    org = world.org_id
    opps = await frame(Opportunity, org, "id", "name", "stage", "probability",
                       "forecast_category", "is_closed", "is_won", "amount", "created_at",
                       "close_date")
    hist = await frame(OpportunityStageChange, org, "id", "opportunity_id", "from_stage",
                       "to_stage", "at")
    assert (opps.is_won == (opps.stage == OpportunityStage.CLOSED_WON)).all()
    closed = opps.stage.isin([OpportunityStage.CLOSED_WON, OpportunityStage.CLOSED_LOST])
    assert (opps.is_closed == closed).all()
    assert (opps.forecast_category[closed] == np.where(opps.is_won[closed], "closed",
                                                        "omitted")).all()
    assert (opps.probability[opps.is_won] == 1).all() and (opps.amount > 0).all()
    assert (~closed).any() and opps.is_won.any() and (closed & ~opps.is_won).any()
    assert opps.name.str.contains("expansion").any()
    assert opps.name.str.contains("new business").any()
    created = dict(zip(opps.id, opps.created_at, strict=True))
    final = dict(zip(opps.id, opps.stage, strict=True))
    for oid, rows in hist.sort_values(["opportunity_id", "at", "id"]).groupby("opportunity_id"):
        steps = list(rows.itertuples())
        assert pd.isna(steps[0].from_stage) and steps[0].at == created[oid]
        assert all(b.from_stage == a.to_stage for a, b in itertools.pairwise(steps))
        assert steps[-1].to_stage == final[oid]
    assert set(hist.opportunity_id) == set(opps.id)


async def test_times_are_utc_inside_the_window(world: World) -> None:
    org = world.org_id
    start = NOW - timedelta(days=3 * 365)
    c = await frame(Customer, org, "created_at", "first_seen_at")
    assert all(t.tzinfo is not None and t.utcoffset() == timedelta(0) for t in c.created_at)
    assert c.created_at.between(start, NOW).all()
    assert (c.first_seen_at <= c.created_at).all()
    u = await frame(UsageEvent, org, "at", "quantity", "type")
    assert u["at"].between(start - WEEK, NOW).all() and (u.quantity >= 0).all()
    assert set(u.type) == {"login", "report_run", "api_call"}
    t = await frame(SupportTicket, org, "opened_at", "closed_at")
    done = t.closed_at.notna()
    assert (t.closed_at[done] > t.opened_at[done]).all() and (t.closed_at[done] < NOW).all()


async def test_sequences_continue_after_the_generated_ids(world: World) -> None:
    highest = await Customer.all().order_by("-id").first()
    assert highest is not None
    created = await Customer.create(organization_id=world.org_id, name="After", created_at=NOW)
    assert created.id > highest.id
    lead = await Lead.create(organization_id=world.org_id, source="organic", created_at=NOW)
    assert await Lead.filter(id__gt=lead.id).count() == 0
    await created.delete()
    await lead.delete()


async def aggregates(org_id: int) -> dict[str, Any]:
    c = await frame(Customer, org_id, "stage", "mrr", "name", "created_at")
    u = await frame(UsageEvent, org_id, "quantity")
    inv = await frame(Invoice, org_id, "amount")
    return {
        "stages": c.stage.value_counts().to_dict(), "mrr": c.mrr.sum(),
        "names": sorted(c.name), "created": sorted(c.created_at),
        "usage": int(u.quantity.sum()), "invoiced": inv.amount.sum(),
    }


async def test_same_seed_gives_the_same_world(org: Organization, other_org: Organization
                                              ) -> None:
    first = await generate_world(org.id, customers=120, seed=5, now=NOW, usage_weeks=20)
    second = await generate_world(other_org.id, customers=120, seed=5, now=NOW, usage_weeks=20)
    assert {**vars(first), "seconds": 0} == {**vars(second), "seconds": 0}
    assert await aggregates(org.id) == await aggregates(other_org.id)
    third_org = await Organization.create(name="Other", slug=f"other-{uuid.uuid4().hex[:10]}")
    third = await generate_world(third_org.id, customers=120, seed=6, now=NOW, usage_weeks=20)
    assert third.customers == 120
    assert await aggregates(third_org.id) != await aggregates(org.id)
    u = await frame(UsageEvent, org.id, "at")
    assert u["at"].min() >= NOW - 21 * WEEK


def test_large_worlds_cap_weekly_usage_by_default() -> None:
    assert effective_usage_weeks(2_000, None) is None
    assert effective_usage_weeks(1_000_000, None) == 13
    assert effective_usage_weeks(1_000_000, 52) == 52
