"""Tortoise models, one module per aggregate. Every table carries its organization."""

from domain.models.api_key import ApiKey
from domain.models.campaign import Action, Campaign, Delivery
from domain.models.contact import Contact
from domain.models.customer import Customer
from domain.models.forecast import AcquisitionSpend, Forecast
from domain.models.incentive import ArmOutcomes, DecisionRules, Incentive
from domain.models.integration import CustomerLink, Integration, SyncRun, WebhookEvent
from domain.models.invoice import Invoice
from domain.models.job import ImportBatch, Job
from domain.models.journey import LifecycleTransition
from domain.models.lead import Lead, LeadScore
from domain.models.ml import ModelArtifact, ModelVersion
from domain.models.opportunity import Opportunity, OpportunityStageChange
from domain.models.organization import Organization
from domain.models.payment import Payment
from domain.models.risk import CustomerRisk, DriftReport, RiskChange, RiskScore
from domain.models.subscription import Subscription
from domain.models.ticket import SupportTicket
from domain.models.transaction import Transaction
from domain.models.usage import UsageEvent
from domain.models.value import CustomerValue, SegmentSnapshot

__all__ = [
    "AcquisitionSpend",
    "Action",
    "ApiKey",
    "ArmOutcomes",
    "Campaign",
    "Contact",
    "Customer",
    "CustomerLink",
    "CustomerRisk",
    "CustomerValue",
    "DecisionRules",
    "Delivery",
    "DriftReport",
    "Forecast",
    "ImportBatch",
    "Incentive",
    "Integration",
    "Invoice",
    "Job",
    "Lead",
    "LeadScore",
    "LifecycleTransition",
    "ModelArtifact",
    "ModelVersion",
    "Opportunity",
    "OpportunityStageChange",
    "Organization",
    "Payment",
    "RiskChange",
    "RiskScore",
    "SegmentSnapshot",
    "Subscription",
    "SupportTicket",
    "SyncRun",
    "Transaction",
    "UsageEvent",
    "WebhookEvent",
]
