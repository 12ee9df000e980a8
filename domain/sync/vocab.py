"""Provider vocabularies mapped onto ours: lifecycle stages, lead statuses, opportunity
stages, forecast categories, subscription and invoice statuses.

Portals customise their stages, so stage maps are built from the options the provider
reports (HubSpot's lifecycle-stage property, Salesforce's OpportunityStage and LeadStatus
rows), falling back to the label's meaning, then to its position, never to a fixed list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.enums import (
    ForecastCategory,
    InvoiceStatus,
    LeadStatus,
    OpportunityStage,
    Stage,
    SubscriptionStatus,
)

HUBSPOT_STANDARD = {
    "subscriber": Stage.LEAD, "lead": Stage.LEAD, "marketingqualifiedlead": Stage.MQL,
    "salesqualifiedlead": Stage.SQL, "opportunity": Stage.OPPORTUNITY,
    "customer": Stage.CUSTOMER, "evangelist": Stage.CUSTOMER,
}
_LABEL_HINTS = (
    (("marketing qualified", "mql"), Stage.MQL),
    (("sales qualified", "sql"), Stage.SQL),
    (("opportunit", "deal", "pipeline"), Stage.OPPORTUNITY),
    (("customer", "client", "evangelist", "advocate", "won"), Stage.CUSTOMER),
    (("lead", "subscriber", "prospect", "contact"), Stage.LEAD),
)


@dataclass(frozen=True, slots=True)
class StageOption:
    value: str
    label: str
    order: int


def _by_label(label: str) -> Stage | None:
    text = label.lower()
    for hints, stage in _LABEL_HINTS:
        if any(h in text for h in hints):
            return stage
    return None


def lifecycle_map(options: Iterable[StageOption]) -> dict[str, Stage]:
    """HubSpot lifecycle-stage values → our stages. Standard values keep their meaning;
    custom ones are read from their label, else placed after the nearest mapped option
    before them in the portal's order ('other' and unplaceable options stay unmapped)."""
    ordered = sorted(options, key=lambda o: o.order)
    mapping: dict[str, Stage] = {}
    last: Stage | None = None
    for option in ordered:
        stage = HUBSPOT_STANDARD.get(option.value) or _by_label(option.label)
        if stage is None and option.value != "other":
            stage = last
        if stage is not None:
            mapping[option.value] = stage
            last = stage
    return mapping


def opportunity_stage(label: str, *, is_closed: bool, is_won: bool,
                      probability: float | None) -> OpportunityStage:
    """A provider's deal stage → ours, by what the provider says about it."""
    if is_closed:
        return OpportunityStage.CLOSED_WON if is_won else OpportunityStage.CLOSED_LOST
    text = label.lower()
    if "negotiat" in text or "contract" in text:
        return OpportunityStage.NEGOTIATION
    if "proposal" in text or "quote" in text or "presentation" in text:
        return OpportunityStage.PROPOSAL
    if "qualif" in text or "analysis" in text or "decision" in text:
        return OpportunityStage.QUALIFICATION
    if probability is None:
        return OpportunityStage.PROSPECTING
    if probability >= 0.8:
        return OpportunityStage.NEGOTIATION
    if probability >= 0.5:
        return OpportunityStage.PROPOSAL
    if probability >= 0.2:
        return OpportunityStage.QUALIFICATION
    return OpportunityStage.PROSPECTING


def forecast_category(name: str | None, *, is_closed: bool, is_won: bool,
                      probability: float) -> ForecastCategory:
    """Salesforce's ForecastCategoryName (Pipeline, BestCase, Commit, Closed, Omitted);
    derived from the probability where the provider has none (HubSpot)."""
    if name:
        key = name.replace(" ", "").lower()
        known = {"pipeline": ForecastCategory.PIPELINE, "bestcase": ForecastCategory.BEST_CASE,
                 "commit": ForecastCategory.COMMIT, "forecast": ForecastCategory.COMMIT,
                 "closed": ForecastCategory.CLOSED, "omitted": ForecastCategory.OMITTED}
        if key in known:
            return known[key]
    if is_closed:
        return ForecastCategory.CLOSED if is_won else ForecastCategory.OMITTED
    if probability >= 0.9:
        return ForecastCategory.COMMIT
    if probability >= 0.5:
        return ForecastCategory.BEST_CASE
    return ForecastCategory.PIPELINE


def lead_status(label: str | None, *, is_converted: bool = False) -> LeadStatus:
    if is_converted:
        return LeadStatus.CONVERTED
    text = (label or "").lower()
    if "not converted" in text or "unqualified" in text or "disqualif" in text \
            or "bad" in text or "junk" in text:
        return LeadStatus.DISQUALIFIED
    if "converted" in text or "customer" in text:
        return LeadStatus.CONVERTED
    if "not contacted" in text or text in ("", "new", "open"):
        return LeadStatus.OPEN
    if "working" in text or "contacted" in text or "progress" in text or "attempt" in text \
            or "connected" in text or "qualified" in text:
        return LeadStatus.WORKING
    return LeadStatus.OPEN


def lead_stage(status: LeadStatus) -> Stage:
    """Where a CRM lead's status puts its account in the funnel."""
    return {LeadStatus.OPEN: Stage.LEAD, LeadStatus.WORKING: Stage.MQL,
            LeadStatus.CONVERTED: Stage.SQL, LeadStatus.DISQUALIFIED: Stage.LEAD}[status]


def subscription_status(stripe_status: str) -> SubscriptionStatus:
    return {
        "trialing": SubscriptionStatus.TRIALING, "active": SubscriptionStatus.ACTIVE,
        "past_due": SubscriptionStatus.PAST_DUE, "unpaid": SubscriptionStatus.PAST_DUE,
        "paused": SubscriptionStatus.PAST_DUE, "incomplete": SubscriptionStatus.PAST_DUE,
    }.get(stripe_status, SubscriptionStatus.CANCELED)  # canceled, incomplete_expired


def invoice_status(stripe_status: str, *, attempt_count: int = 0) -> InvoiceStatus:
    if stripe_status == "open" and attempt_count > 0:
        return InvoiceStatus.FAILED  # a payment attempt failed and it is still unpaid
    return {"draft": InvoiceStatus.DRAFT, "open": InvoiceStatus.OPEN,
            "paid": InvoiceStatus.PAID, "void": InvoiceStatus.VOID,
            "uncollectible": InvoiceStatus.UNCOLLECTIBLE}.get(stripe_status,
                                                               InvoiceStatus.OPEN)
