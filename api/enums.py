"""Domain enums exposed to GraphQL as they are: registered once, then used as types."""

from __future__ import annotations

import strawberry

from domain.customers.queries import CustomerSort
from domain.enums import (
    ActionStatus,
    CampaignKind,
    CampaignStatus,
    Channel,
    CostBasis,
    DeliveryStatus,
    ForecastCategory,
    ImportKind,
    IncentiveKind,
    InvoiceStatus,
    JobKind,
    JobStatus,
    LeadStatus,
    ModelStatus,
    OpportunityStage,
    Outcome,
    OutcomeSource,
    RiskLevel,
    Role,
    Route,
    Source,
    Stage,
    SubscriptionStatus,
    SyncMode,
    SyncStatus,
    TicketPriority,
    ValueTier,
)

for _enum in (ForecastCategory, ImportKind, InvoiceStatus, JobKind, JobStatus, LeadStatus,
              ModelStatus, OpportunityStage, RiskLevel, Role, Source, Stage, SubscriptionStatus,
              SyncMode, SyncStatus, TicketPriority, ActionStatus, CampaignKind, CampaignStatus,
              Channel, CostBasis, DeliveryStatus, IncentiveKind, Outcome, OutcomeSource, Route):
    strawberry.enum(_enum)
strawberry.enum(ValueTier, description="Top 20% of the organization's customers by CLV, "
                                       "the next 30%, the rest.")
strawberry.enum(CustomerSort, name="CustomerSortField")
CustomerSortField = CustomerSort

__all__ = [
    "ActionStatus",
    "CampaignKind",
    "CampaignStatus",
    "Channel",
    "CostBasis",
    "CustomerSortField",
    "DeliveryStatus",
    "ForecastCategory",
    "ImportKind",
    "IncentiveKind",
    "InvoiceStatus",
    "JobKind",
    "JobStatus",
    "LeadStatus",
    "ModelStatus",
    "OpportunityStage",
    "Outcome",
    "OutcomeSource",
    "RiskLevel",
    "Role",
    "Route",
    "Source",
    "Stage",
    "SubscriptionStatus",
    "SyncMode",
    "SyncStatus",
    "TicketPriority",
    "ValueTier",
]
