"""The current on-site offer of a customer, for the public widget endpoint.

Public: the view holds what the customer may see (the offer and its message), never
probabilities, values, segments or ids, and an unknown customer looks exactly like a
customer without an offer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from tortoise.expressions import Case, Q, Subquery, When

from domain.campaigns.messages import DraftInput, TemplateGenerator, split_draft
from domain.enums import ActionStatus, Channel, IncentiveKind, RiskLevel, ValueTier
from domain.errors import NotFound
from domain.models import Action, Customer, DecisionRules
from domain.times import utc

_FIELDS = ("offer_expires_at", "segment", "risk_level", "tier", "incentive__code",
           "incentive__name", "incentive__kind", "incentive__percent", "incentive__amount",
           "incentive__duration_months", "customer__currency")
_FALLBACK = TemplateGenerator()  # the public wording of an offer (no customer name)


@dataclass(frozen=True)
class OfferView:
    headline: str
    message: str
    incentive_code: str
    incentive_name: str
    kind: IncentiveKind
    percent: float | None
    amount: float | None
    currency: str
    duration_months: int
    expires_at: datetime


def _max_length(field: str) -> int:
    return int(getattr(Customer._meta.fields_map[field], "max_length", 0))


_REF_MAX, _STRIPE_MAX, _EMAIL_MAX = (_max_length(f) for f in ("external_ref", "stripe_id",
                                                               "email"))


def _customer_id(org_id: int, ref: str) -> Subquery | None:
    """The customer `ref` names in the organization: by external reference, else email
    (case-insensitive, only for a ref with "@"), else Stripe id. None when `ref` cannot
    be any of them (too long)."""
    whens: list[When] = []
    match: Q | None = None
    for field, limit, lookup in (("external_ref", _REF_MAX, "external_ref"),
                                 ("email", _EMAIL_MAX, "email__iexact"),
                                 ("stripe_id", _STRIPE_MAX, "stripe_id")):
        if len(ref) > limit or (field == "email" and "@" not in ref):
            continue
        condition = Q(**{lookup: ref})
        match = condition if match is None else match | condition
        whens.append(When(condition, then=str(len(whens))))
    if match is None:
        return None
    found = (Customer.filter(Q(organization_id=org_id) & match)
             .annotate(rank=Case(*whens, default=str(len(whens))))
             .order_by("rank", "id").limit(1).values("id"))
    return Subquery(found)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value) if isinstance(value, Decimal | int | float) else float(str(value))
    return number or None


def _view(row: dict[str, Any]) -> OfferView:
    kind = IncentiveKind(row["incentive__kind"])
    percent, amount = _number(row["incentive__percent"]), _number(row["incentive__amount"])
    months = int(row["incentive__duration_months"] or 1)
    currency = str(row["customer__currency"] or "")
    # Drafted afresh without the customer's name: the endpoint is public, and whoever
    # knows a customer's email must not learn the name (or an operator's edits) from it.
    text = _FALLBACK.draft(DraftInput(
        customer_name="", segment=str(row["segment"] or ""),
        risk_level=RiskLevel(row["risk_level"]), tier=ValueTier(row["tier"]),
        incentive_code=row["incentive__code"], incentive_name=row["incentive__name"],
        incentive_kind=kind, percent=percent, amount=amount, duration_months=months,
        currency=currency))
    subject, body = split_draft(text)
    return OfferView(
        headline=subject or str(row["incentive__name"]), message=body,
        incentive_code=str(row["incentive__code"]), incentive_name=str(row["incentive__name"]),
        kind=kind, percent=percent, amount=amount, currency=currency, duration_months=months,
        expires_at=utc(row["offer_expires_at"]))


async def current_offer(widget_key: str, customer_ref: str, *, now: datetime
                        ) -> OfferView | None:
    """The newest executed, unexpired offer with an incentive of the customer `customer_ref`
    names (external reference, email or Stripe id) in the organization of `widget_key`.
    None when the organization has no on-site channel, the customer is unknown, or it has
    no such offer. Raises NotFound(field="widget_key") for an unknown key. Two statements."""
    rules = await DecisionRules.filter(widget_key=widget_key).first().values(
        "organization_id", "channels")
    if rules is None:
        raise NotFound("unknown widget key", field="widget_key")
    if Channel.ONSITE.value not in (rules["channels"] or []):
        return None
    ref = customer_ref.strip()
    if not ref:
        return None
    org_id = int(rules["organization_id"])
    customer_id = _customer_id(org_id, ref)
    if customer_id is None:
        return None
    row = await (Action.filter(organization_id=org_id, customer_id=customer_id,
                               status=ActionStatus.EXECUTED, incentive_id__isnull=False,
                               executed_at__isnull=False, offer_expires_at__gt=utc(now))
                 .order_by("-executed_at", "-id").first().values(*_FIELDS))
    return None if row is None else _view(row)
