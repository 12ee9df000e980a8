"""Reads for customer list pages and their nested data: a constant number of statements per
page, whatever its size (one for the page, one for the count, one per nested relation)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.enums import Stage
from domain.errors import ValidationFailed
from domain.models import Customer
from domain.pagination import (
    Page,
    check_first,
    decode_keyset,
    keyset_cursor,
    parse_timestamp,
)


class CustomerSort(StrEnum):
    CREATED_AT = "created_at"
    NAME = "name"
    MRR = "mrr"
    ID = "id"


@dataclass(frozen=True, slots=True)
class CustomerFilter:
    stages: tuple[Stage, ...] = ()
    search: str | None = None
    country: str | None = None
    industry: str | None = None
    plan: str | None = None
    mrr_min: Decimal | None = None
    mrr_max: Decimal | None = None
    search_email: bool = True  # off for callers who may not read emails


@dataclass(frozen=True, slots=True)
class CustomerOrder:
    field: CustomerSort = CustomerSort.CREATED_AT
    descending: bool = True


def _filtered(org_id: int, f: CustomerFilter) -> QuerySet[Customer]:
    qs = Customer.filter(organization_id=org_id)
    if f.stages:
        qs = qs.filter(stage__in=list(f.stages))
    if f.search:
        term = f.search.strip()
        match = Q(name__icontains=term) | Q(domain__icontains=term)
        if f.search_email:
            match |= Q(email__icontains=term)
        qs = qs.filter(match)
    if f.country:
        qs = qs.filter(country=f.country.upper())
    if f.industry:
        qs = qs.filter(industry=f.industry)
    if f.plan:
        qs = qs.filter(plan=f.plan)
    if f.mrr_min is not None:
        qs = qs.filter(mrr__gte=f.mrr_min)
    if f.mrr_max is not None:
        qs = qs.filter(mrr__lte=f.mrr_max)
    return qs


def _validate(f: CustomerFilter) -> None:
    for name, bound in (("mrrMin", f.mrr_min), ("mrrMax", f.mrr_max)):
        if bound is not None and not bound.is_finite():
            raise ValidationFailed(f"{name} must be a finite number", field=f"filter.{name}")
    if f.mrr_min is not None and f.mrr_min < 0:
        raise ValidationFailed("mrrMin must not be negative", field="filter.mrrMin")
    if f.mrr_min is not None and f.mrr_max is not None and f.mrr_max < f.mrr_min:
        raise ValidationFailed("mrrMax must not be below mrrMin", field="filter.mrrMax")
    if f.search is not None and len(f.search) > 200:
        raise ValidationFailed("search must be at most 200 characters", field="filter.search")


def _sort_value(customer: Customer, sort: CustomerSort) -> Any:
    return getattr(customer, sort.value)


def _parse_sort_value(sort: CustomerSort, raw: Any) -> Any:
    if sort is CustomerSort.CREATED_AT:
        return parse_timestamp(raw)
    if sort is CustomerSort.MRR:
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ValidationFailed("not a cursor returned by this API", field="after") from None
        if not value.is_finite():
            raise ValidationFailed("not a cursor returned by this API", field="after")
        return value
    return str(raw)


def _ordering(order: CustomerOrder) -> str:
    return f"customers:{order.field.value}:{'desc' if order.descending else 'asc'}"


def _after(qs: QuerySet[Customer], order: CustomerOrder, cursor: str) -> QuerySet[Customer]:
    raw_value, last_id = decode_keyset(cursor, _ordering(order))
    op = "lt" if order.descending else "gt"
    if order.field is CustomerSort.ID:
        return qs.filter(**{f"id__{op}": last_id})
    value = _parse_sort_value(order.field, raw_value)
    col = order.field.value
    newer: dict[str, Any] = {f"{col}__{op}": value}
    tie: dict[str, Any] = {col: value, f"id__{op}": last_id}
    return qs.filter(Q(**newer) | Q(**tie))


async def customers_page(
    org_id: int,
    *,
    first: int,
    after: str | None = None,
    filter: CustomerFilter | None = None,
    order: CustomerOrder | None = None,
    max_page_size: int = 100,
    with_total: bool = True,
) -> Page[Customer]:
    check_first(first, max_page_size)
    f = filter or CustomerFilter()
    order = order or CustomerOrder()
    _validate(f)
    base = _filtered(org_id, f)
    qs = _after(base, order, after) if after else base
    sign = "-" if order.descending else ""
    columns = [f"{sign}id"] if order.field is CustomerSort.ID else [
        f"{sign}{order.field.value}", f"{sign}id"]
    rows = await qs.order_by(*columns).limit(first + 1)
    items = rows[:first]
    ordering = _ordering(order)
    cursors = [keyset_cursor(ordering, _sort_value(c, order.field), c.id) for c in items]
    total = await base.count() if with_total else None
    return Page(items=items, cursors=cursors, has_next=len(rows) > first,
                has_previous=after is not None, total=total)


async def customers_by_ids(org_id: int, ids: list[int]) -> dict[int, Customer]:
    rows = await Customer.filter(organization_id=org_id, id__in=ids)
    return {c.id: c for c in rows}
