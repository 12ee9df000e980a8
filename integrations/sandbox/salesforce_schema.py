"""The Salesforce sandbox's schema: the sobjects it serves, their fields and key prefixes,
and the picklist values a new org comes with."""

from __future__ import annotations

from datetime import UTC, datetime

PREFIXES = {
    "Account": "001", "Contact": "003", "Lead": "00Q", "Opportunity": "006",
    "OpportunityHistory": "008", "OpportunityStage": "01J", "LeadStatus": "01J",
}
AUDIT = ("Id", "IsDeleted", "OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate",
          "LastModifiedById", "SystemModstamp")
SCHEMAS: dict[str, tuple[str, ...]] = {
    "Account": (*AUDIT,
        "Name", "Type", "ParentId", "BillingStreet", "BillingCity", "BillingState",
        "BillingPostalCode", "BillingCountry", "Phone", "Website", "Industry", "AnnualRevenue",
        "NumberOfEmployees", "Description", "AccountSource"),
    "Contact": (*AUDIT,
        "AccountId", "Salutation", "FirstName", "LastName", "Email", "Phone", "Title",
        "Department", "LeadSource", "MailingCountry"),
    "Lead": (*AUDIT,
        "Salutation", "FirstName", "LastName", "Title", "Company", "Email", "Phone", "Website",
        "Status", "LeadSource", "Industry", "Rating", "Country", "NumberOfEmployees",
        "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedContactId",
        "ConvertedOpportunityId"),
    "Opportunity": (*AUDIT,
        "AccountId", "Name", "Description", "StageName", "Amount", "Probability", "CloseDate",
        "Type", "LeadSource", "IsClosed", "IsWon", "ForecastCategory", "ForecastCategoryName",
        "NextStep"),
    "OpportunityHistory": ("Id", "IsDeleted", "CreatedDate", "CreatedById", "SystemModstamp",
                           "OpportunityId", "StageName", "Amount", "CloseDate", "Probability",
                           "ForecastCategory", "PrevAmount", "PrevCloseDate"),
    "OpportunityStage": ("Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp",
                         "MasterLabel", "ApiName", "IsActive", "SortOrder", "IsClosed", "IsWon",
                         "ForecastCategory", "ForecastCategoryName", "DefaultProbability",
                         "Description"),
    "LeadStatus": ("Id", "IsDeleted", "CreatedDate", "LastModifiedDate", "SystemModstamp",
                   "MasterLabel", "ApiName", "SortOrder", "IsDefault", "IsConverted"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "Account": ("Name",), "Contact": ("LastName",), "Lead": ("LastName", "Company"),
    "Opportunity": ("Name", "StageName", "CloseDate"),
    "OpportunityHistory": ("OpportunityId", "StageName"),
    "OpportunityStage": ("MasterLabel", "SortOrder"), "LeadStatus": ("MasterLabel", "SortOrder"),
}
SYSTEM = frozenset({"IsDeleted", "SystemModstamp", "LastModifiedDate"})
FORECAST_NAMES = {"Pipeline": "Pipeline", "BestCase": "Best Case", "Forecast": "Commit",
                   "Closed": "Closed", "Omitted": "Omitted"}
DEFAULT_STAGES = (  # label, probability, closed, won, forecast category
    ("Prospecting", 10, False, False, "Pipeline"),
    ("Qualification", 10, False, False, "Pipeline"),
    ("Needs Analysis", 20, False, False, "Pipeline"),
    ("Value Proposition", 50, False, False, "Pipeline"),
    ("Id. Decision Makers", 60, False, False, "Pipeline"),
    ("Perception Analysis", 70, False, False, "Pipeline"),
    ("Proposal/Price Quote", 75, False, False, "Pipeline"),
    ("Negotiation/Review", 90, False, False, "Pipeline"),
    ("Closed Won", 100, True, True, "Closed"),
    ("Closed Lost", 0, True, False, "Omitted"),
)
DEFAULT_LEAD_STATUSES = (  # label, converted, default
    ("Open - Not Contacted", False, True), ("Working - Contacted", False, False),
    ("Closed - Converted", True, False), ("Closed - Not Converted", False, False),
)
ORG_CREATED = datetime(2020, 1, 1, tzinfo=UTC)
HISTORY_TRACKED = ("StageName", "Amount", "CloseDate", "Probability", "ForecastCategoryName")
