"""GraphQL input types, converted to the domain's frozen dataclasses."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from api.enums import CustomerSortField, Role, Stage
from domain.customers.queries import CustomerFilter as DomainCustomerFilter
from domain.customers.queries import CustomerOrder as DomainCustomerOrder
from domain.customers.queries import CustomerSort
from domain.errors import ValidationFailed


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
