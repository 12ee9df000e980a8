"""Domain enums exposed to GraphQL as they are: registered once, then used as types."""

from __future__ import annotations

import strawberry

from domain.customers.queries import CustomerSort
from domain.enums import (
    ForecastCategory,
    ImportKind,
    InvoiceStatus,
    JobKind,
    JobStatus,
    LeadStatus,
    ModelStatus,
    OpportunityStage,
    RiskLevel,
    Role,
    Source,
    Stage,
    SubscriptionStatus,
    SyncMode,
    SyncStatus,
    TicketPriority,
)

for _enum in (ForecastCategory, ImportKind, InvoiceStatus, JobKind, JobStatus, LeadStatus,
              ModelStatus, OpportunityStage, RiskLevel, Role, Source, Stage, SubscriptionStatus,
              SyncMode, SyncStatus, TicketPriority):
    strawberry.enum(_enum)
strawberry.enum(CustomerSort, name="CustomerSortField")
CustomerSortField = CustomerSort

__all__ = [
    "CustomerSortField",
    "ForecastCategory",
    "ImportKind",
    "InvoiceStatus",
    "JobKind",
    "JobStatus",
    "LeadStatus",
    "ModelStatus",
    "OpportunityStage",
    "RiskLevel",
    "Role",
    "Source",
    "Stage",
    "SubscriptionStatus",
    "SyncMode",
    "SyncStatus",
    "TicketPriority",
]
