"""HubSpot CRM v3: an async client returning typed records in resumable pages."""

from integrations.hubspot.client import (
    DEFAULT_PROPERTIES,
    PROVIDER,
    HubSpotClient,
    ObjectType,
)
from integrations.hubspot.ratelimit import RateLimitStatus
from integrations.hubspot.records import (
    DealStage,
    HubSpotCompany,
    HubSpotContact,
    HubSpotDeal,
    HubSpotRecord,
    PropertyOption,
    parse_company,
    parse_contact,
    parse_datetime,
    parse_deal,
    parse_deal_stages,
    parse_property_options,
)

__all__ = [
    "DEFAULT_PROPERTIES",
    "PROVIDER",
    "DealStage",
    "HubSpotClient",
    "HubSpotCompany",
    "HubSpotContact",
    "HubSpotDeal",
    "HubSpotRecord",
    "ObjectType",
    "PropertyOption",
    "RateLimitStatus",
    "parse_company",
    "parse_contact",
    "parse_datetime",
    "parse_deal",
    "parse_deal_stages",
    "parse_property_options",
]
