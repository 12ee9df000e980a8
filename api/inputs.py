"""GraphQL input types, converted to the domain's frozen dataclasses."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from api.enums import CustomerSortField, Role, Source, Stage
from domain.customers.queries import CustomerFilter as DomainCustomerFilter
from domain.customers.queries import CustomerOrder as DomainCustomerOrder
from domain.customers.queries import CustomerSort
from domain.errors import ValidationFailed
from domain.sync.config import IntegrationInput


@strawberry.input
class CustomerFilter:
    stage: list[Stage] | None = None
    search: str | None = strawberry.field(
        default=None,
        description="Case-insensitive match on name, domain, and email (analyst role or higher).")
    country: str | None = None
    industry: str | None = None
    plan: str | None = None
    mrr_min: Decimal | None = None
    mrr_max: Decimal | None = None

    def to_domain(self, search_email: bool) -> DomainCustomerFilter:
        return DomainCustomerFilter(
            stages=tuple(self.stage or ()), search=self.search, country=self.country,
            industry=self.industry, plan=self.plan, mrr_min=self.mrr_min, mrr_max=self.mrr_max,
            search_email=search_email,
        )


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input
class CustomerOrder:
    field: CustomerSortField = CustomerSort.CREATED_AT
    direction: SortDirection = SortDirection.DESC

    def to_domain(self) -> DomainCustomerOrder:
        return DomainCustomerOrder(field=CustomerSort(self.field),
                                   descending=self.direction == SortDirection.DESC)


@strawberry.input
class MoveCustomerStageInput:
    customer_id: strawberry.ID
    stage: Stage
    reason: str = ""


@strawberry.input
class CreateApiKeyInput:
    name: str
    role: Role


MAX_ID = 2**31 - 1


def parse_id(value: strawberry.ID | str, field: str = "id") -> int:
    try:
        parsed = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(f"{field} must be a numeric id (got {value!r})",
                               field=field) from None
    if not 1 <= parsed <= MAX_ID:
        raise ValidationFailed(f"{field} must be between 1 and {MAX_ID}", field=field)
    return parsed


@strawberry.input(description="Credentials are write-only: omit one to keep what is stored.")
class ConfigureIntegrationInput:
    source: Source
    base_url: str | None = strawberry.field(
        default=None, description="The provider's API root (defaults to the real API)")
    api_key: str | None = strawberry.field(default=None, description="Stripe secret key")
    webhook_secret: str | None = strawberry.field(
        default=None, description="Stripe webhook signing secret (whsec_...)")
    access_token: str | None = strawberry.field(
        default=None, description="HubSpot private app access token")
    client_id: str | None = strawberry.field(default=None, description="Salesforce client id")
    client_secret: str | None = strawberry.field(
        default=None, description="Salesforce client secret, or the HubSpot app's client "
                                  "secret (signs webhooks)")
    schedule: str | None = strawberry.field(
        default=None, description="Cron expression for incremental syncs; '' to clear")
    enabled: bool | None = None

    def to_domain(self) -> IntegrationInput:
        names = ("api_key", "webhook_secret", "access_token", "client_id", "client_secret")
        secrets = {n: getattr(self, n) for n in names if getattr(self, n) is not None}
        return IntegrationInput(source=self.source, secrets=secrets, base_url=self.base_url,
                                schedule=self.schedule, enabled=self.enabled)
