"""The provider sandboxes as the demo serves them: seeded from the simulated market (a
different slice of it than the demo organization's own data) and the integration settings
that point an organization at them."""

from __future__ import annotations

from domain.enums import Source
from domain.sync.config import IntegrationInput
from integrations.sandbox.app import (
    HUBSPOT_TOKEN,
    SALESFORCE_ID,
    SALESFORCE_SECRET,
    STRIPE_KEY,
    Sandboxes,
)
from workers.sandbox_seed import SeedSummary, seed_sandboxes

# The demo organization's own world uses the demo seed; the sandboxes hold other accounts.
SEED_OFFSET = 1000
WEBHOOK_SECRET = "whsec_sandbox"
HUBSPOT_APP_SECRET = "sandbox-app-secret"


def build_sandboxes(root: str, customers: int, seed: int) -> tuple[Sandboxes, SeedSummary]:
    sandboxes = Sandboxes(root)
    summary = seed_sandboxes(sandboxes, customers=customers, seed=seed + SEED_OFFSET)
    return sandboxes, summary


def sandbox_integrations(root: str) -> list[IntegrationInput]:
    """Settings connecting an organization to sandboxes served at `root`."""
    base = root.rstrip("/")
    return [
        IntegrationInput(Source.STRIPE, {"api_key": STRIPE_KEY, "webhook_secret": WEBHOOK_SECRET},
                         f"{base}/stripe"),
        IntegrationInput(Source.HUBSPOT, {"access_token": HUBSPOT_TOKEN,
                                          "client_secret": HUBSPOT_APP_SECRET},
                         f"{base}/hubspot"),
        IntegrationInput(Source.SALESFORCE, {"client_id": SALESFORCE_ID,
                                             "client_secret": SALESFORCE_SECRET},
                         f"{base}/salesforce"),
    ]
