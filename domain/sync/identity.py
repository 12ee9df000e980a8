"""Identity resolution: which customer is this provider account?

In order: an existing link for the account's own id; a link for an id the account carries
for another source (Stripe metadata naming the Salesforce account, say); a customer with
the same email (or a contact with it); a customer with the same email domain (free-mail
domains never match). Each customer links at most one account per source (whatever matched
it), so two Stripe customers never merge, and nothing ever matches across organizations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from domain.db import is_postgres
from domain.enums import Source
from domain.models import Contact, Customer, CustomerLink
from domain.sync import bulk
from domain.sync.records import AccountRecord
from domain.sync.upsert import ids_by

FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
    "gmx.de", "mail.com", "yandex.ru", "qq.com", "163.com", "web.de", "zoho.com",
})

SOURCE_COLUMN = {Source.STRIPE: "stripe_id", Source.HUBSPOT: "hubspot_id",
                 Source.SALESFORCE: "salesforce_id"}


def normalise_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.strip().lower()


def normalise_domain(value: str | None) -> str | None:
    """`https://www.Acme.com/about` → `acme.com`."""
    if not value:
        return None
    text = value.strip().lower()
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    if text.startswith("www."):
        text = text[4:]
    return text if "." in text else None


def company_domain(record: AccountRecord) -> str | None:
    """The account's company domain: its own, else its email's unless free-mail."""
    domain = normalise_domain(record.domain)
    if domain is None:
        email = normalise_email(record.email)
        domain = email.rsplit("@", 1)[1] if email else None
    return None if domain is None or domain in FREE_MAIL else domain


@dataclass(frozen=True, slots=True)
class Match:
    customer_id: int
    by: str  # link, external_id, reference, email, domain


async def linked(org_id: int, source: Source, external_ids: Iterable[str]) -> dict[str, int]:
    """Customer ids by the source's account id, for ids already linked."""
    ids = list(set(external_ids))
    if not ids:
        return {}
    return await ids_by(CustomerLink, org_id, "external_id", ids, {"source": source},
                        column="customer_id")


async def resolve(org_id: int, source: Source, records: Sequence[AccountRecord]
                  ) -> dict[str, Match]:
    """Matches for the records that resolve to an existing customer (the rest are new)."""
    found = {ext: Match(cid, "link") for ext, cid in
             (await linked(org_id, source, (r.external_id for r in records))).items()}
    pending = [r for r in records if r.external_id not in found]
    column = SOURCE_COLUMN.get(source)
    if pending and column:
        # Customers that carry the id already (imported with it) but have no link yet.
        rows = await ids_by(Customer, org_id, column, [r.external_id for r in pending])
        found.update((ext, Match(cid, "external_id")) for ext, cid in rows.items())
        pending = [r for r in pending if r.external_id not in found]
    if pending:
        await _by_reference(org_id, source, pending, found)
    pending = [r for r in pending if r.external_id not in found]
    if pending:
        await _by_email(org_id, source, pending, found)
    pending = [r for r in pending if r.external_id not in found]
    if pending:
        await _by_domain(org_id, source, pending, found)
    return found


async def _by_reference(org_id: int, source: Source, records: Sequence[AccountRecord],
                        found: dict[str, Match]) -> None:
    by_source: dict[Source, set[str]] = {}
    for record in records:
        for ref_source, ref_id in record.refs:
            by_source.setdefault(ref_source, set()).add(ref_id)
    hits: dict[tuple[Source, str], int] = {}
    for ref_source, ids in by_source.items():
        for ext, cid in (await linked(org_id, ref_source, ids)).items():
            hits[(ref_source, ext)] = cid
    column = SOURCE_COLUMN.get(source)
    taken = {m.customer_id for m in found.values()}
    if column and hits:  # customers already holding an account of this source
        taken.update(cid for cid, held in await Customer.filter(
            organization_id=org_id, id__in=list(set(hits.values()))
        ).values_list("id", column) if held)
    for record in records:
        for ref in record.refs:
            if ref in hits and hits[ref] not in taken:
                found[record.external_id] = Match(hits[ref], "reference")
                taken.add(hits[ref])
                break


async def _owners(org_id: int, attribute: str, values: set[str], column: str | None
                  ) -> dict[str, int]:
    """The oldest customer per email or domain among those not yet linked to an account of
    the source (`column` IS NULL)."""
    free = f' AND "{column}" IS NULL' if column else ""
    if is_postgres():
        sql = (f'SELECT k.v, t.id FROM unnest($2::text[]) AS k(v) CROSS JOIN LATERAL '
               f'(SELECT id FROM customer WHERE organization_id = $1 AND "{attribute}" = k.v'
               f'{free} ORDER BY id LIMIT 1) AS t')
        rows = await bulk.fetch(Customer, sql, [org_id, sorted(values)], fresh=True)
        return {str(r[0]): int(r[1]) for r in rows}
    query = Customer.filter(organization_id=org_id, **{f"{attribute}__in": list(values)})
    if column:
        query = query.filter(**{f"{column}__isnull": True})
    found: dict[str, int] = {}
    for value, cid in await query.order_by("-id").values_list(attribute, "id"):
        found[str(value)] = int(cid)
    return found


async def _contact_owners(org_id: int, emails: set[str], column: str | None
                          ) -> dict[str, int]:
    """The customer of a contact with each email (oldest customer first)."""
    free = f' AND cu."{column}" IS NULL' if column else ""
    if is_postgres():
        sql = ('SELECT k.v, t.customer_id FROM unnest($2::text[]) AS k(v) CROSS JOIN LATERAL '
               '(SELECT ct.customer_id FROM contact ct JOIN customer cu ON cu.id = '
               'ct.customer_id WHERE ct.organization_id = $1 AND ct.email = k.v'
               f'{free} ORDER BY ct.customer_id LIMIT 1) AS t')
        rows = await bulk.fetch(Contact, sql, [org_id, sorted(emails)], fresh=True)
        return {str(r[0]): int(r[1]) for r in rows}
    contacts = Contact.filter(organization_id=org_id, email__in=list(emails),
                              customer_id__not_isnull=True)
    if column:
        contacts = contacts.filter(**{f"customer__{column}__isnull": True})
    found: dict[str, int] = {}
    for email, cid in await contacts.order_by("-customer_id").values_list("email",
                                                                           "customer_id"):
        found[str(email)] = int(cid)
    return found


async def _by_email(org_id: int, source: Source, records: Sequence[AccountRecord],
                    found: dict[str, Match]) -> None:
    emails = {e for e in (normalise_email(r.email) for r in records) if e}
    if not emails:
        return
    column = SOURCE_COLUMN.get(source)
    owners = await _owners(org_id, "email", emails, column)
    missing = emails - owners.keys()
    if missing:
        owners.update(await _contact_owners(org_id, missing, column))
    _assign(records, found, owners, lambda r: normalise_email(r.email), "email")


async def _by_domain(org_id: int, source: Source, records: Sequence[AccountRecord],
                     found: dict[str, Match]) -> None:
    domains = {d for d in (company_domain(r) for r in records) if d}
    if domains:
        owners = await _owners(org_id, "domain", domains, SOURCE_COLUMN.get(source))
        _assign(records, found, owners, company_domain, "domain")


def _assign(records: Sequence[AccountRecord], found: dict[str, Match], owners: dict[str, int],
            key: Callable[[AccountRecord], str | None], by: str) -> None:
    """Give each owner to the first record that names it (one account per source each);
    owners are read newest-id first so the oldest customer wins."""
    taken = {m.customer_id for m in found.values()}
    for record in records:
        value = key(record)
        cid = owners.get(value) if value else None
        if cid is not None and cid not in taken:
            found[record.external_id] = Match(cid, by)
            taken.add(cid)
