"""Salesforce: an async REST client (OAuth 2.0 client credentials, incremental SOQL) and
typed records. See `integrations.sandbox.salesforce` for the local simulator."""

from integrations.salesforce.client import (
    INVALID_QUERY_LOCATOR,
    QUOTA_RETRY_AFTER,
    SalesforceClient,
    soql_datetime,
)
from integrations.salesforce.records import (
    ACCOUNT,
    CONTACT,
    LEAD,
    OPPORTUNITY,
    OPPORTUNITY_HISTORY,
    SOBJECTS,
    DeletedRecord,
    LeadStatusInfo,
    OpportunityStageInfo,
    RecordError,
    SfAccount,
    SfContact,
    SfLead,
    SfOpportunity,
    SfOpportunityHistory,
    SfRecord,
    SObject,
    parse_account,
    parse_contact,
    parse_datetime,
    parse_deleted,
    parse_lead,
    parse_lead_status,
    parse_opportunity,
    parse_opportunity_history,
    parse_opportunity_stage,
    parse_record,
)

__all__ = [
    "ACCOUNT", "CONTACT", "INVALID_QUERY_LOCATOR", "LEAD", "OPPORTUNITY", "OPPORTUNITY_HISTORY",
    "QUOTA_RETRY_AFTER", "SOBJECTS", "DeletedRecord", "LeadStatusInfo", "OpportunityStageInfo",
    "RecordError", "SObject", "SalesforceClient", "SfAccount", "SfContact", "SfLead",
    "SfOpportunity", "SfOpportunityHistory", "SfRecord", "parse_account", "parse_contact",
    "parse_datetime", "parse_deleted", "parse_lead", "parse_lead_status", "parse_opportunity",
    "parse_opportunity_history", "parse_opportunity_stage", "parse_record", "soql_datetime",
]
