"""Point-in-time churn features and labels: no leakage past the cutoff, exact small cases,
a constant number of statements, and the label definition."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from domain.churn.feature_specs import FEATURE_NAMES, FEATURES, describe
from domain.churn.features import feature_frame, usage_features
from domain.churn.training import churn_labels, time_split_mask, training_set
from domain.demo.service import generate_world
from domain.enums import (
    InvoiceStatus,
    PaymentStatus,
    Source,
    Stage,
    SubscriptionStatus,
    TicketPriority,
)
from domain.models import (
    Customer,
    Invoice,
    LifecycleTransition,
    Organization,
    Payment,
    Subscription,
    SupportTicket,
    UsageEvent,
)
from tests.support.api import count_statements

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
T = NOW - timedelta(days=240)
H = 90
DAY = timedelta(days=1)
SEC = timedelta(seconds=1)


async def _customer(org_id: int, name: str, created: datetime = T - 400 * DAY) -> Customer:
    return await Customer.create(organization_id=org_id, name=name, created_at=created,
                                 stage=Stage.CUSTOMER)


async def _sub(org_id: int, cid: int, start: datetime, end: datetime | None = None,
               mrr: int = 100, seats: int = 5, plan: str = "growth") -> Subscription:
    return await Subscription.create(
        organization_id=org_id, customer_id=cid, plan=plan, seats=seats, mrr=Decimal(mrr),
        status=SubscriptionStatus.CANCELED if end else SubscriptionStatus.ACTIVE,
        started_at=start, canceled_at=end)


async def _pay(org_id: int, cid: int, at: datetime, status: PaymentStatus, n: int) -> None:
    await Payment.create(organization_id=org_id, customer_id=cid, amount=Decimal(100),
                         status=status, at=at, stripe_id=f"ch_{cid}_{n}")


async def _invoice(org_id: int, cid: int, issued: datetime, paid: datetime | None,
                   status: InvoiceStatus = InvoiceStatus.PAID) -> Invoice:
    return await Invoice.create(organization_id=org_id, customer_id=cid, amount=Decimal(100),
                                status=status, issued_at=issued, paid_at=paid)


async def _ticket(org_id: int, cid: int, opened: datetime, closed: datetime | None,
                  priority: TicketPriority = TicketPriority.NORMAL, sentiment: float = 0.0
                  ) -> SupportTicket:
    return await SupportTicket.create(organization_id=org_id, customer_id=cid, topic="bug",
                                      priority=priority, sentiment=sentiment, opened_at=opened,
                                      closed_at=closed)


async def _move(org_id: int, cid: int, frm: Stage | None, to: Stage, at: datetime) -> None:
    await LifecycleTransition.create(organization_id=org_id, customer_id=cid, from_stage=frm,
                                     to_stage=to, at=at, source=Source.API)


async def _pollute_after(org_id: int, ids: list[int], active: list[int], outside: int) -> None:
    """Rows at exactly T and after T in every table, and new current-state values."""
    n = 0
    for cid in ids:
        for at in (T, T + SEC, T + 3 * DAY):
            n += 1
            await _invoice(org_id, cid, at, None, InvoiceStatus.FAILED)
            await _invoice(org_id, cid, at, at + DAY)
            await _pay(org_id, cid, at, PaymentStatus.FAILED, n)
            await _pay(org_id, cid, at, PaymentStatus.SUCCEEDED, -n)
            for kind in ("login", "report_run", "api_call"):
                await UsageEvent.create(organization_id=org_id, customer_id=cid, type=kind,
                                        at=at, quantity=1000)
            await _ticket(org_id, cid, at, None, TicketPriority.URGENT, -1.0)
            await _move(org_id, cid, Stage.CUSTOMER, Stage.CHURNED, at)
    # invoices unpaid at T get paid later; paid ones change status (status is never read)
    before = await Invoice.filter(organization_id=org_id, customer_id__in=ids,
                                  issued_at__lt=T - 30 * DAY).order_by("-issued_at").limit(40)
    for inv in before:
        if inv.paid_at is None or inv.paid_at >= T:
            inv.paid_at, inv.status = T + 2 * DAY, InvoiceStatus.PAID
        else:
            inv.status = InvoiceStatus.VOID
        await inv.save()
    # a live subscription is canceled after T + H; a customer not active at T signs up again
    sub = await Subscription.filter(organization_id=org_id, customer_id__in=active,
                                    started_at__lt=T, canceled_at=None).first()
    assert sub is not None
    sub.canceled_at, sub.status = T + (H + 30) * DAY, SubscriptionStatus.CANCELED
    await sub.save()
    await _sub(org_id, outside, T + DAY, mrr=999)
    await _sub(org_id, outside, T, mrr=999)
    await Customer.filter(organization_id=org_id).update(stage=Stage.CHURNED, mrr=Decimal(0),
                                                         plan="enterprise")
    late = await _customer(org_id, "Late", created=T + DAY)
    await _sub(org_id, late.id, T + 2 * DAY)


async def test_features_do_not_leak_past_the_cutoff(org: Organization) -> None:
    await generate_world(org.id, customers=1000, seed=5, now=NOW)
    # an open ticket at T that is closed after T
    first = await Customer.filter(organization_id=org.id).order_by("id").first()
    assert first is not None
    await _ticket(org.id, first.id, T - 2 * DAY, None)
    before = await feature_frame(org.id, T)
    labels = await churn_labels(org.id, T, H)
    assert len(before) > 100 and len(labels) > 50
    assert labels.sum() > 0
    assert before.loc[labels.index, "mrr"].gt(0).all()
    assert before["usage_4w"].gt(0).sum() > 50
    assert before["invoices_90d"].gt(0).sum() > 50
    assert before["stage_code"].nunique() > 2
    for name in ("tickets_90d", "unpaid_invoices", "downgrades_90d", "upgrades_90d"):
        assert before[name].gt(0).any(), name

    active = labels.index.tolist()
    outside = [c for c in before.index if c not in set(active)]
    ticket = await SupportTicket.filter(organization_id=org.id, customer_id=first.id,
                                        opened_at=T - 2 * DAY).first()
    assert ticket is not None
    ticket.closed_at = T + DAY
    await ticket.save()
    await _pollute_after(org.id, [first.id, *active[:10], *outside[:3]], active, outside[0])

    after = await feature_frame(org.id, T)
    pd.testing.assert_frame_equal(before, after, check_exact=True)
    pd.testing.assert_series_equal(labels, await churn_labels(org.id, T, H))
    subset = active[:5]
    pd.testing.assert_frame_equal(before.loc[subset],
                                  await feature_frame(org.id, T, customer_ids=subset))


async def test_rows_at_the_cutoff_are_excluded(org: Organization) -> None:
    c = await _customer(org.id, "Edge")
    await _sub(org.id, c.id, T - 100 * DAY)
    for at, quantity in ((T - SEC, 3), (T, 500)):
        await UsageEvent.create(organization_id=org.id, customer_id=c.id, type="login", at=at,
                                quantity=quantity)
    await _pay(org.id, c.id, T, PaymentStatus.FAILED, 1)
    await _ticket(org.id, c.id, T, None)
    await _move(org.id, c.id, None, Stage.AT_RISK, T)
    f = (await feature_frame(org.id, T)).loc[c.id]
    assert f["usage_4w"] == 3 and f["logins_4w"] == 3 and f["weeks_since_login"] == 0
    assert f["failed_payments_total"] == 0 and f["tickets_30d"] == 0
    assert f["open_tickets"] == 0 and np.isnan(f["stage_code"])
    g = (await feature_frame(org.id, T + SEC)).loc[c.id]
    assert g["usage_4w"] == 503 and g["failed_payments_total"] == 1 and g["is_at_risk"] == 1


def test_feature_specs_and_describe() -> None:
    assert len(FEATURES) >= 40 and len(set(FEATURE_NAMES)) == len(FEATURES)
    assert all(f.label and f.phrase for f in FEATURES)
    assert describe("usage_change_4w", -0.45) == "usage down 45% against the prior 8 weeks"
    assert describe("failed_payments_90d", 3) == "3 failed payments in the last 90 days"
    assert describe("failed_payments_90d", 1) == "1 failed payment in the last 90 days"
    assert describe("weeks_since_login", 5) == "no login for 5 weeks"
    assert describe("mrr", 1200) == "MRR $1,200"
    assert describe("mrr", 1200, pd.Series({"currency": "EUR"})) == "MRR €1,200"
    assert describe("mrr_change_90d", -300) == "MRR down $300 in the last 90 days"
    assert describe("stage_code", 7) == "stage at risk"
    assert describe("plan_tier", 2) == "growth plan"
    assert describe("urgent_share_90d", 0.5) == (
        "50% of the last 90 days' tickets high or urgent")
    assert describe("days_since_payment", float("nan")) == "Days since successful payment: unknown"
    assert "unchanged" in describe("usage_change_4w", 0.0)


def test_usage_slopes_and_baseline() -> None:
    weekly = np.array([[2, 4, 6, 8, 10, 10, 10, 10, 10, 10, 10, 10],
                       [0] * 12, [5] * 12], float)  # k = 0 is the latest week
    u = usage_features(weekly)
    assert u["usage_4w"].tolist() == [20, 0, 20]
    assert u["usage_slope_4w"].tolist() == [-2.0, 0.0, 0.0]
    assert u["usage_change_4w"][0] == -0.5 and np.isnan(u["usage_change_4w"][1])
    assert u["usage_change_4w"][2] == 0.0
    x = np.arange(8.0)
    expected = np.polyfit(x, weekly[0, :8][::-1], 1)[0]
    assert u["usage_slope_8w"][0] == pytest.approx(expected, abs=1e-12)
    assert u["usage_slope_12w"][0] == pytest.approx(
        np.polyfit(np.arange(12.0), weekly[0][::-1], 1)[0], abs=1e-12)
    assert u["active_weeks_12w"].tolist() == [12, 0, 12]


async def test_hand_built_customer(org: Organization) -> None:
    c = await _customer(org.id, "Hand")
    await _sub(org.id, c.id, T - 200 * DAY, T - 60 * DAY, mrr=100, seats=5)
    await _sub(org.id, c.id, T - 60 * DAY, mrr=150, seats=8, plan="scale")
    for k, q in enumerate([2, 4, 6, 8, 10, 10, 10, 10, 10, 10, 10, 10]):
        await UsageEvent.create(organization_id=org.id, customer_id=c.id, type="login",
                                at=T - k * 7 * DAY - DAY, quantity=q)
    for n, (days, status) in enumerate([(10, PaymentStatus.FAILED), (40, PaymentStatus.FAILED),
                                        (100, PaymentStatus.FAILED),
                                        (20, PaymentStatus.SUCCEEDED)]):
        await _pay(org.id, c.id, T - days * DAY, status, n)
    await _pay(org.id, c.id, T + DAY, PaymentStatus.FAILED, 9)
    await _invoice(org.id, c.id, T - 50 * DAY, T - 45 * DAY)
    await _invoice(org.id, c.id, T - 20 * DAY, None, InvoiceStatus.FAILED)
    await _invoice(org.id, c.id, T - 5 * DAY, None, InvoiceStatus.OPEN)
    await _invoice(org.id, c.id, T - 30 * DAY, T + DAY)
    await _ticket(org.id, c.id, T - 10 * DAY, T - 10 * DAY + timedelta(hours=4),
                  TicketPriority.HIGH, -0.5)
    await _ticket(org.id, c.id, T - 40 * DAY, T + DAY, TicketPriority.NORMAL, 0.3)
    await _move(org.id, c.id, None, Stage.LEAD, T - 300 * DAY)
    await _move(org.id, c.id, Stage.LEAD, Stage.CUSTOMER, T - 200 * DAY)
    await _move(org.id, c.id, Stage.CUSTOMER, Stage.AT_RISK, T - 7 * DAY)

    f = (await feature_frame(org.id, T)).loc[c.id].to_dict()
    expected = {
        "tenure_days": 200, "mrr": 150, "seats": 8, "plan_tier": 3, "active_subscriptions": 1,
        "canceled_subscriptions": 1, "upgrades_90d": 1, "downgrades_90d": 0,
        "mrr_change_90d": 50, "mrr_change_pct_90d": 0.5, "days_since_plan_change": 60,
        "usage_4w": 20, "usage_12w": 100, "usage_slope_4w": -2, "usage_change_4w": -0.5,
        "logins_4w": 20, "usage_types_12w": 1, "weeks_since_activity": 0,
        "usage_per_seat_4w": 2.5,
        "failed_payments_90d": 2, "failed_payments_total": 3, "payments_90d": 3,
        "days_since_failed_payment": 10, "days_since_payment": 20, "paid_amount_90d": 100,
        "invoices_total": 4, "invoices_90d": 4, "unpaid_invoices": 2, "unpaid_invoices_90d": 2,
        "unpaid_amount": 200, "paid_invoices_90d": 1, "days_to_pay_365d": 5,
        "days_since_last_invoice": 5, "days_since_last_paid_invoice": 45,
        "tickets_30d": 1, "tickets_90d": 2, "open_tickets": 1, "hours_to_resolve_90d": 4,
        "urgent_share_90d": 0.5, "sentiment_90d": -0.1, "min_sentiment_90d": -0.5,
        "stage_code": 7, "is_at_risk": 1, "days_in_stage": 7, "at_risk_flags": 1,
        "transitions_90d": 1, "reactivations": 0,
    }
    assert {k: pytest.approx(f[k], abs=1e-6) for k in expected} == expected
    assert f["failed_payment_share_90d"] == pytest.approx(2 / 3)
    assert f["unpaid_share_365d"] == pytest.approx(2 / 3)


async def test_constant_number_of_statements(org: Organization) -> None:
    await generate_world(org.id, customers=2000, seed=3, now=NOW)
    cutoff = NOW - 200 * DAY
    started = time.perf_counter()
    with count_statements() as statements:
        full = await feature_frame(org.id, cutoff)
    seconds = time.perf_counter() - started
    assert len(statements) == 7, statements
    assert len(full) > 1000 and list(full.columns) == list(FEATURE_NAMES)
    print(f"feature_frame: {len(full):,} customers in {seconds:.2f}s")
    some = full.index[:3].tolist()
    with count_statements() as statements:
        part = await feature_frame(org.id, cutoff, customer_ids=some)
    assert len(statements) == 7, statements
    pd.testing.assert_frame_equal(part, full.loc[some])
    with count_statements() as statements:
        labels = await churn_labels(org.id, cutoff, H)
    assert len(statements) == 1 and labels.sum() > 0


async def test_labels(org: Organization) -> None:
    inside, later, before, changed, live = [await _customer(org.id, n) for n in "ABCDE"]
    await _sub(org.id, inside.id, T - 100 * DAY, T + 10 * DAY)
    await _sub(org.id, later.id, T - 100 * DAY, T + (H + 10) * DAY)
    await _sub(org.id, before.id, T - 100 * DAY, T - 5 * DAY)
    await _sub(org.id, changed.id, T - 100 * DAY, T + 20 * DAY)
    await _sub(org.id, changed.id, T + 20 * DAY, mrr=50)
    await _sub(org.id, live.id, T - 100 * DAY)
    labels = await churn_labels(org.id, T, H)
    assert labels.to_dict() == {inside.id: 1, later.id: 0, changed.id: 0, live.id: 0}
    assert (await churn_labels(org.id, T, H + 10)).to_dict()[later.id] == 1

    cutoffs = [T - 60 * DAY, T - 30 * DAY, T]
    ts = await training_set(org.id, cutoffs, H)
    assert list(ts.X.columns) == list(FEATURE_NAMES)
    assert len(ts) == len(ts.X) == len(ts.cutoff) == 5 + 5 + 4  # C is active before T
    mask = ts.validation_mask()
    assert mask.sum() == 4 and ts.y[mask].sum() == 1
    assert time_split_mask(ts.cutoff, latest=2).sum() == 9
    assert (ts.X.index.get_level_values("cutoff")[mask] == pd.Timestamp(T)).all()
