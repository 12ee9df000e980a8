"""Writing validated import rows: bulk statements per chunk, inside the caller's transaction.

Every lookup of existing rows is made before anything is written: rows inserted by an
import never need looking up again (ids are unique within a file), and queries against a
table that grew inside the same transaction can get poor plans on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from domain.enums import Source
from domain.imports.parse import CustomerRecord, ParsedImport, TransactionRecord
from domain.jobs.service import Progress
from domain.models import Customer, LifecycleTransition, Transaction

CUSTOMER_CHUNK = 500  # bounded by the bind parameters of one bulk UPDATE
TRANSACTION_CHUNK = 1000
IN_LIST_LIMIT = 10_000  # more CustomerIDs than this: read the organization's refs instead
OPTIONAL_CUSTOMER_FIELDS = {
    "Email": "email", "Domain": "domain", "Industry": "industry", "Country": "country",
    "Region": "region", "Plan": "plan", "Currency": "currency", "MRR": "mrr",
}

T = TypeVar("T")


async def customer_ids(org_id: int, refs: Collection[str]) -> dict[str, int]:
    """Customer ids by external_ref for `refs` in the organization, in one query."""
    if not refs:
        return {}
    query = Customer.filter(organization_id=org_id)
    if len(refs) <= IN_LIST_LIMIT:
        query = query.filter(external_ref__in=list(refs))
    else:
        query = query.filter(external_ref__not_isnull=True)
    rows = await query.values_list("external_ref", "id")
    wanted = set(refs)
    return {ref: id_ for ref, id_ in rows if ref in wanted}


@dataclass
class Counts:
    """What an import did with its rows."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add_created(self, n: int) -> int:
        self.created += n
        return self.created

    def add_updated(self, n: int) -> int:
        self.updated += n
        return self.updated

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class _Reporter:
    """Reports progress through `steps` chunks of work, from 5% to 95%, at most about once
    per percent. `steps` may be corrected once the work is known."""

    def __init__(self, progress: Progress, steps: int) -> None:
        self.progress = progress
        self.steps = max(steps, 1)
        self.done = 0
        self.reported = 0.0

    async def step(self, message: str) -> None:
        self.done += 1
        fraction = 0.05 + 0.9 * self.done / self.steps
        if fraction - self.reported >= 0.01 or self.done >= self.steps:
            self.reported = fraction
            await self.progress(fraction, message)


async def _custom_plans(on: bool) -> None:
    """PostgreSQL: plan the lookups (one statement repeated with ~1000 values) for their
    actual values, for the rest of the transaction or until switched off. A cached generic
    plan would compare every candidate row with each value instead of hashing the values;
    re-planning is only worth it for those lookups, not for the inserts."""
    db = Customer._meta.db
    if db.capabilities.dialect == "postgres":
        mode = "force_custom_plan" if on else "auto"
        await db.execute_script(f"SET LOCAL plan_cache_mode = {mode}")


async def write_customers(
    org_id: int, parsed: ParsedImport, reason: str, progress: Progress
) -> Counts:
    present = [OPTIONAL_CUSTOMER_FIELDS[c] for c in parsed.columns if c in OPTIONAL_CUSTOMER_FIELDS]
    fields = ["name", "created_at", *present, "stage", "updated_at"]
    chunks = _chunks(parsed.customers, CUSTOMER_CHUNK)
    reporter = _Reporter(progress, 4 * len(chunks))
    existing: dict[str | None, Customer] = {}
    await _custom_plans(True)
    for chunk in chunks:
        existing.update(
            (c.external_ref, c)
            for c in await Customer.filter(
                organization_id=org_id, external_ref__in=[r.external_ref for r in chunk]
            )
        )
        await reporter.step(f"compared {len(existing)} existing customers")
    now = datetime.now(UTC)
    counts = Counts()
    new: list[Customer] = []
    changed: list[Customer] = []
    transitions: list[LifecycleTransition] = []
    for record in parsed.customers:
        customer = existing.get(record.external_ref)
        if customer is None:
            new.append(_new_customer(org_id, record, now))
            continue
        before = customer.stage
        if not _update_customer(customer, record, present):
            counts.unchanged += 1
            continue
        customer.updated_at = now
        changed.append(customer)
        if customer.stage != before:
            transitions.append(LifecycleTransition(
                organization_id=org_id, customer_id=customer.id, from_stage=before,
                to_stage=customer.stage, at=now, source=Source.IMPORT, reason=reason,
            ))
    await _custom_plans(False)
    reporter.steps = reporter.done + sum(
        -(-n // CUSTOMER_CHUNK) for n in (len(new), len(changed), len(new) + len(transitions))
    )
    for batch in _chunks(new, CUSTOMER_CHUNK):
        await Customer.bulk_create(batch, batch_size=CUSTOMER_CHUNK)
        await reporter.step(f"created {counts.add_created(len(batch))} customers")
    for batch in _chunks(changed, CUSTOMER_CHUNK):
        await Customer.bulk_update(batch, fields=fields, batch_size=CUSTOMER_CHUNK)
        await reporter.step(f"updated {counts.add_updated(len(batch))} customers")
    await _custom_plans(True)
    ids = await customer_ids(org_id, [r.external_ref for r in parsed.customers
                                      if r.external_ref not in existing])
    await _custom_plans(False)
    transitions += [
        LifecycleTransition(
            organization_id=org_id, customer_id=ids[c.external_ref], from_stage=None,
            to_stage=c.stage, at=c.created_at, source=Source.IMPORT, reason=reason,
        )
        for c in new
        if c.external_ref is not None
    ]
    for steps in _chunks(transitions, CUSTOMER_CHUNK):
        await LifecycleTransition.bulk_create(steps, batch_size=CUSTOMER_CHUNK)
        await reporter.step("recorded lifecycle transitions")
    return counts


def _new_customer(org_id: int, record: CustomerRecord, now: datetime) -> Customer:
    return Customer(
        organization_id=org_id, external_ref=record.external_ref, name=record.name,
        email=record.email, domain=record.domain, industry=record.industry,
        country=record.country, region=record.region, plan=record.plan,
        currency=record.currency, mrr=record.mrr, stage=record.initial_stage,
        created_at=record.created_at, first_seen_at=record.created_at, updated_at=now,
    )


def _update_customer(customer: Customer, record: CustomerRecord, present: list[str]) -> bool:
    """Copy the file's values onto `customer`; True when anything changed."""
    changed = False
    for name in ("name", "created_at", *present):
        value = getattr(record, name)
        if getattr(customer, name) != value:
            setattr(customer, name, value)
            changed = True
    if record.stage is not None and customer.stage != record.stage:
        customer.stage = record.stage
        changed = True
    return changed


async def write_transactions(
    org_id: int, parsed: ParsedImport, ids: dict[str, int], progress: Progress
) -> Counts:
    chunks = _chunks(parsed.transactions, TRANSACTION_CHUNK)
    reporter = _Reporter(progress, 2 * len(chunks))
    existing: set[str] = set()
    await _custom_plans(True)
    for chunk in chunks:
        found = await Transaction.filter(
            organization_id=org_id, external_id__in=[r.external_id for r in chunk]
        ).values_list("external_id", flat=True)
        existing.update(str(external_id) for external_id in found)
        await reporter.step(f"compared {len(existing)} existing transactions")
    await _custom_plans(False)
    counts = Counts(unchanged=len(existing))
    new = [
        _new_transaction(org_id, r, ids)
        for r in parsed.transactions
        if r.external_id not in existing
    ]
    for batch in _chunks(new, TRANSACTION_CHUNK):
        await Transaction.bulk_create(batch, batch_size=TRANSACTION_CHUNK)
        await reporter.step(f"created {counts.add_created(len(batch))} transactions")
    return counts


def _new_transaction(org_id: int, record: TransactionRecord, ids: dict[str, int]) -> Transaction:
    return Transaction(
        organization_id=org_id, customer_id=ids[record.customer_ref],
        external_id=record.external_id, at=record.at, amount=record.amount,
        currency=record.currency, quantity=record.quantity, source=Source.IMPORT,
        properties=record.properties,
    )
