"""Acquisition audiences from customers' current predicted CLV, and their CSV export as
lookalike seeds for ad platforms.

Every customer with a `CustomerValue` row falls in exactly one audience:

- `HIGH_CLV`: value tier `high`;
- `GROWTH_POTENTIAL`: not tier high, a positive predicted CLV at least 1.5 x its revenue of
  the last 12 months (invoices paid in those months, by `paid_at`, or by `issued_at` when
  that is unknown, plus transactions): most of its value is still ahead of it;
- `LOW_CLV`: everyone else.

Email normalisation before hashing (`normalise_email`), as Google Customer Match and Meta
Custom Audiences require:

1. remove leading and trailing whitespace;
2. lower-case the whole address;
3. the address must then look like `local@domain.tld`: one `@`, no whitespace, a non-empty
   local part, a domain with a dot; anything else is not an email (the customer is skipped
   and counted in `missing_emails`, as are customers without an email);
4. for `gmail.com` and `googlemail.com` addresses, remove every `.` from the local part
   (Google's rule; other domains keep their dots; `+tags` are kept everywhere);
5. hash the UTF-8 bytes with SHA-256, written as 64 lower-case hex digits.

The CSV has the header `email_sha256,value` (plus `country` when asked), one row per
distinct hashed email, highest value first (a repeated address keeps its first, highest,
row), values with 2 decimals.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from domain.enums import InvoiceStatus, ValueTier
from domain.models import Invoice
from domain.sql import db_value, select_dicts

GROWTH_MULTIPLE = 1.5
REVENUE_DAYS = 365
GOOGLE_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class AudienceName(StrEnum):
    HIGH_CLV = "high_clv"
    GROWTH_POTENTIAL = "growth_potential"
    LOW_CLV = "low_clv"


ORDER = (AudienceName.HIGH_CLV, AudienceName.GROWTH_POTENTIAL, AudienceName.LOW_CLV)


def normalise_email(raw: str | None) -> str | None:
    """The address as ad platforms hash it (module docstring, steps 1-4), or None."""
    if raw is None:
        return None
    text = raw.strip().lower()
    if not _EMAIL.fullmatch(text):
        return None
    local, domain = text.rsplit("@", 1)
    if domain in GOOGLE_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}" if local else None


def hash_email(raw: str | None) -> str | None:
    """SHA-256 (hex) of the normalised address, or None when it is not an email."""
    normal = normalise_email(raw)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest() if normal else None


@dataclass(frozen=True)
class AudienceMember:
    customer_id: int
    name: str
    email: str | None
    country: str | None
    value: float
    tier: ValueTier
    revenue_12m: float

    @property
    def email_sha256(self) -> str | None:
        """Computed when read (only the members shown or exported are hashed)."""
        return hash_email(self.email)


@dataclass(frozen=True)
class Audience:
    name: AudienceName
    members: list[AudienceMember] = field(default_factory=list)  # highest value first

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def total_clv(self) -> float:
        return round(sum(m.value for m in self.members), 2)

    @property
    def avg_clv(self) -> float:
        return round(self.total_clv / self.count, 2) if self.members else 0.0

    @property
    def missing_emails(self) -> int:
        return sum(1 for m in self.members if normalise_email(m.email) is None)


def classify(tier: ValueTier, value: float, revenue_12m: float) -> AudienceName:
    """The audience of one customer (module docstring)."""
    if tier is ValueTier.HIGH:
        return AudienceName.HIGH_CLV
    if value > 0 and value >= GROWTH_MULTIPLE * revenue_12m:
        return AudienceName.GROWTH_POTENTIAL
    return AudienceName.LOW_CLV


_SQL = (
    'SELECT cv.customer_id AS customer_id, CAST(cv."value" AS DOUBLE PRECISION) AS value, '
    "cv.tier AS tier, c.name AS name, c.email AS email, c.country AS country, "
    "CAST(COALESCE(r.revenue, 0) AS DOUBLE PRECISION) AS revenue "
    'FROM "customer_value" cv JOIN "customer" c ON c.id = cv.customer_id '
    "AND c.organization_id = cv.organization_id "
    "LEFT JOIN (SELECT customer_id, SUM(amount) AS revenue FROM ("
    'SELECT customer_id, amount FROM "invoice" WHERE organization_id = ? AND status = ? '
    "AND COALESCE(paid_at, issued_at) >= ? AND COALESCE(paid_at, issued_at) <= ? "
    'UNION ALL SELECT customer_id, amount FROM "transaction" WHERE organization_id = ? '
    'AND "at" >= ? AND "at" <= ?) u GROUP BY customer_id) r '
    "ON r.customer_id = cv.customer_id WHERE cv.organization_id = ?"
)


def _finite(value: Any) -> float:
    number = float(value) if value is not None else 0.0
    return number if math.isfinite(number) else 0.0


async def audiences(org_id: int, *, now: datetime | None = None) -> list[Audience]:
    """The three audiences of the organization (always all three, in `ORDER`), members
    highest value first. One statement."""
    moment = now or datetime.now(UTC)
    since = moment - timedelta(days=REVENUE_DAYS)
    start, end = (db_value(Invoice, "issued_at", t) for t in (since, moment))
    rows = await select_dicts(_SQL, [org_id, InvoiceStatus.PAID.value, start, end,
                                     org_id, start, end, org_id])
    groups: dict[AudienceName, list[AudienceMember]] = {name: [] for name in ORDER}
    for row in rows:
        tier = ValueTier(row["tier"])
        value, revenue = round(_finite(row["value"]), 2), _finite(row["revenue"])
        member = AudienceMember(
            customer_id=int(row["customer_id"]), name=str(row["name"]), email=row["email"],
            country=row["country"], value=value, tier=tier, revenue_12m=round(revenue, 2))
        groups[classify(tier, value, revenue)].append(member)
    for members in groups.values():
        members.sort(key=lambda m: (-m.value, m.customer_id))
    return [Audience(name=name, members=groups[name]) for name in ORDER]


@dataclass(frozen=True)
class AudienceExport:
    name: AudienceName
    content: str
    rows: int
    skipped: int  # members without a valid email
    duplicates: int  # members whose hashed email was already written


def to_csv(audience: Audience, *, country: bool = False) -> AudienceExport:
    """The lookalike seed file of one audience (module docstring)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["email_sha256", "value", *(["country"] if country else [])])
    seen: set[str] = set()
    rows = skipped = duplicates = 0
    for m in audience.members:
        digest = m.email_sha256
        if digest is None:
            skipped += 1
            continue
        if digest in seen:
            duplicates += 1
            continue
        seen.add(digest)
        writer.writerow([digest, f"{m.value:.2f}",
                         *([m.country or ""] if country else [])])
        rows += 1
    return AudienceExport(name=audience.name, content=buf.getvalue(), rows=rows,
                          skipped=skipped, duplicates=duplicates)


async def audience_csv(org_id: int, name: AudienceName, *, country: bool = False,
                       now: datetime | None = None) -> AudienceExport:
    found = {a.name: a for a in await audiences(org_id, now=now)}
    return to_csv(found[name], country=country)
