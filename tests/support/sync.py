"""Sync test helpers: sandboxes wired into the in-process worker, integrations pointing
at them, generated provider worlds, and waiting for jobs."""

from __future__ import annotations

import asyncio
from typing import Any

from bench.sync_ingest import stripe_world as generate_stripe_world
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


class HeldQueue:
    """A job queue that holds jobs until a test hands them to the real queue (or never)."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    async def enqueue(self, job: Job) -> None:
        self.jobs.append(job)


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
    world = generate_stripe_world(customers, seed=seed, invoices_per_sub=invoices_per_sub)
    sandboxes.stripe.bulk_load(**world)
    return world
