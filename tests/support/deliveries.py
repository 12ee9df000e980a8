"""Delivery test helpers: signing secrets, a scripted receiver, worlds of executed actions,
and running the deliveries job in-process."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from domain.enums import (
    ActionStatus,
    CampaignKind,
    Channel,
    CostBasis,
    IncentiveKind,
    JobKind,
    JobStatus,
    RiskLevel,
    Route,
    ValueTier,
)
from domain.jobs.service import submit
from domain.models import (
    Action,
    Campaign,
    DecisionRules,
    Incentive,
    Job,
    Organization,
)
from domain.settings import Settings
from domain.sync.crypto import encrypt
from tests.support.api import seed_customers
from tests.support.sync import HeldQueue
from workers import deliveries as worker

ROOT = Path(__file__).resolve().parents[1]
SECRET = "whsec_" + base64.b64encode(b"lifeline-test-signing-key-0123456").decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"somebody-else-signing-key-987654").decode()


def fast(settings: Settings, **changes: Any) -> Settings:
    """The session settings with small backoffs (and whatever else a test changes)."""
    base = {"delivery_backoff_seconds": 0.2, "delivery_backoff_max_seconds": 5.0,
            "delivery_timeout_seconds": 5.0}
    return settings.model_copy(update={**base, **changes})


async def world(org: Organization, settings: Settings, n: int, *, channels: list[Channel],
                url: str = "", secret: str = SECRET) -> list[Action]:
    """Decision rules, an incentive, n customers and n approved (auto) actions."""
    await DecisionRules.create(
        organization_id=org.id, widget_key=uuid.uuid4().hex, channels=[c.value for c in channels],
        webhook_url=url, webhook_secret_encrypted=encrypt(settings, {"secret": secret}))
    incentive = await Incentive.create(
        organization_id=org.id, code="save20", name="20% off for 3 months",
        kind=IncentiveKind.PERCENT_DISCOUNT, percent=20.0, cost_basis=CostBasis.MRR, rate=0.2,
        amount=Decimal("0"), duration_months=3)
    now = datetime.now(UTC)
    campaign = await Campaign.create(organization_id=org.id, kind=CampaignKind.MANUAL,
                                     name="win back", decided_at=now,
                                     window_ends_at=now + timedelta(days=60))
    customers = await seed_customers(org.id, n, prefix=f"D{org.id}")
    return [await Action.create(
        organization_id=org.id, campaign=campaign, customer_id=c.id, incentive=incentive,
        arm=incentive.code, risk_level=RiskLevel.HIGH, tier=ValueTier.MEDIUM, route=Route.AUTO,
        status=ActionStatus.APPROVED, churn_probability=0.6, clv=1200.0, expected_roi=2.5,
        message=f"Hi {c.name}, 20% off is yours.", decided_at=now) for c in customers]


async def held_job(org: Organization) -> Job:
    """An EXECUTE_ACTIONS job that no worker runs: while it is queued the minute cron leaves
    the organization to it, and the test runs it itself (`run_job`)."""
    return await submit(HeldQueue(), org.id, JobKind.EXECUTE_ACTIONS)


async def release(job: Job) -> None:
    """End a held job the test did not run."""
    await Job.filter(id=job.id, status=JobStatus.QUEUED).update(status=JobStatus.SUCCEEDED)


async def run_job(job: Job, runtime: Any, settings: Settings) -> Job:
    await worker.execute_actions({"bus": runtime.bus, "queue": runtime.queue,
                                  "settings": settings}, job.id)
    return await Job.get(id=job.id)
