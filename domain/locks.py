"""The organization row lock: writers that resolve or update an organization's customers
(sync pages, imports, webhooks) and registry changes take it in turn."""

from __future__ import annotations

from domain.errors import NotFound
from domain.models import Organization


async def lock_organization(org_id: int) -> None:
    """Take the organization's row lock for the rest of the transaction (FOR NO KEY UPDATE,
    so rows that merely reference the organization are not blocked). SQLite serialises
    writers anyway and ignores it.

    Not through `.values_list(...)`: Tortoise drops FOR UPDATE from values queries."""
    found = await Organization.filter(id=org_id).select_for_update(no_key=True).only(
        "id").first()
    if found is None:
        raise NotFound(f"organization {org_id} not found", field="organizationId")
