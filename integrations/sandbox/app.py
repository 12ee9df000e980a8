"""All three provider sandboxes behind one ASGI app: `/stripe`, `/hubspot`, `/salesforce`.

Serve it on loopback (`lifeline sandbox`) or hand `app` to `httpx.ASGITransport`; the
base URLs to configure are `<root>/stripe`, `<root>/hubspot` and `<root>/salesforce`."""

from __future__ import annotations

from dataclasses import replace

from starlette.applications import Starlette
from starlette.routing import Mount

from integrations.sandbox.faults import Faults
from integrations.sandbox.hubspot import HubSpotSandbox
from integrations.sandbox.salesforce import SalesforceSandbox
from integrations.sandbox.stripe import StripeSandbox

STRIPE_KEY = "sk_test_sandbox"
HUBSPOT_TOKEN = "pat-sandbox"
SALESFORCE_ID = "sandbox-client"
SALESFORCE_SECRET = "sandbox-secret"


class Sandboxes:
    def __init__(self, root: str = "http://localhost") -> None:
        self.root = root.rstrip("/")
        self.stripe = StripeSandbox(STRIPE_KEY)
        self.hubspot = HubSpotSandbox(HUBSPOT_TOKEN)
        self.salesforce = SalesforceSandbox(SALESFORCE_ID, SALESFORCE_SECRET,
                                            instance_url=f"{self.root}/salesforce")
        self.app = Starlette(routes=[
            Mount("/stripe", app=self.stripe.app),
            Mount("/hubspot", app=self.hubspot.app),
            Mount("/salesforce", app=self.salesforce.app),
        ])

    def url(self, provider: str) -> str:
        return f"{self.root}/{provider}"

    def set_faults(self, faults: Faults) -> None:
        """The same fault rates for every provider, each with its own random sequence."""
        self.stripe.faults = replace(faults, seed=faults.seed, counts={})
        self.hubspot.faults = replace(faults, seed=faults.seed + 1, counts={})
        self.salesforce.faults = replace(faults, seed=faults.seed + 2, counts={})

    def fault_counts(self) -> dict[str, dict[str, int]]:
        return {"stripe": dict(self.stripe.faults.counts),
                "hubspot": dict(self.hubspot.faults.counts),
                "salesforce": dict(self.salesforce.faults.counts)}
