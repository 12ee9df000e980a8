"""Sync test helpers: sandboxes wired into the in-process worker, integrations pointing
at them, generated provider worlds, and waiting for jobs."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.enums import Source
from domain.models import Job
from domain.settings import get_settings
from domain.sync.config import IntegrationInput, configure_integration
from integrations.sandbox.app import (
    HUBSPOT_TOKEN,
    SALESFORCE_ID,
    SALESFORCE_SECRET,
    STRIPE_KEY,
    Sandboxes,
)

WEBHOOK_SECRET = "whsec_test_secret"
HUBSPOT_APP_SECRET = "hubspot-app-secret"
T0 = datetime(2024, 1, 1, tzinfo=UTC)


async def connect(org_id: int, sandboxes: Sandboxes, *sources: Source) -> None:
    secrets: dict[Source, dict[str, str | None]] = {
        Source.STRIPE: {"api_key": STRIPE_KEY, "webhook_secret": WEBHOOK_SECRET},
        Source.HUBSPOT: {"access_token": HUBSPOT_TOKEN, "client_secret": HUBSPOT_APP_SECRET},
        Source.SALESFORCE: {"client_id": SALESFORCE_ID, "client_secret": SALESFORCE_SECRET},
    }
    for source in sources or (Source.STRIPE, Source.HUBSPOT, Source.SALESFORCE):
        await configure_integration(org_id, IntegrationInput(
            source=source, secrets=secrets[source], base_url=sandboxes.url(source.value)),
            get_settings())


async def finished(job_id: int, wait: float = 120.0) -> Job:
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        job = await Job.get(id=job_id)
        if job.status.finished:
            return job
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"job {job_id} still {job.status.value}: {job.message}")
        await asyncio.sleep(0.05)


def stripe_world(sandboxes: Sandboxes, customers: int, *, seed: int = 3,
                 invoices_per_sub: int = 2) -> dict[str, list[dict[str, Any]]]:
    """Customers with one subscription each (a fifth canceled), invoices and a charge per
    invoice (a tenth failed); bulk-loaded without events."""
    rng = random.Random(seed)
    world: dict[str, list[dict[str, Any]]] = {
        "customers": [], "subscriptions": [], "invoices": [], "charges": []}
    for i in range(customers):
        created = int((T0 + timedelta(minutes=i)).timestamp())
        cid = f"cus_{i:08d}"
        world["customers"].append({
            "id": cid, "object": "customer", "created": created, "email": f"billing@co{i}.example",
            "name": f"Company {i}", "currency": "usd", "address": {"country": "US"},
            "metadata": {}})
        canceled = rng.random() < 0.2
        amount = rng.choice([4900, 9900, 19900])
        seats = rng.randint(1, 20)
        sid = f"sub_{i:08d}"
        world["subscriptions"].append({
            "id": sid, "object": "subscription", "customer": cid, "created": created,
            "start_date": created, "status": "canceled" if canceled else "active",
            "canceled_at": created + 86400 * 90 if canceled else None,
            "ended_at": created + 86400 * 90 if canceled else None, "currency": "usd",
            "items": [{"id": f"si_{i:08d}", "quantity": seats, "price": {
                "id": f"price_{amount}", "nickname": f"plan-{amount}", "product": "prod_app",
                "unit_amount": amount, "currency": "usd",
                "recurring": {"interval": "month", "interval_count": 1}}}],
            "metadata": {}})
        for k in range(invoices_per_sub):
            iid = f"in_{i:08d}_{k}"
            issued = created + 86400 * 30 * k
            failed = rng.random() < 0.1
            world["invoices"].append({
                "id": iid, "object": "invoice", "customer": cid, "subscription": sid,
                "status": "open" if failed else "paid", "total": amount * seats,
                "amount_paid": 0 if failed else amount * seats, "amount_due": amount * seats,
                "currency": "usd", "created": issued, "attempt_count": 1,
                "status_transitions": {"paid_at": None if failed else issued + 60}})
            world["charges"].append({
                "id": f"ch_{i:08d}_{k}", "object": "charge", "customer": cid, "invoice": iid,
                "amount": amount * seats, "currency": "usd",
                "status": "failed" if failed else "succeeded",
                "failure_code": "card_declined" if failed else None, "created": issued + 60})
    sandboxes.stripe.bulk_load(**world)
    return world
