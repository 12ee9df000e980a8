"""Recording acquisition spend (sales and marketing, per month and channel): what CAC and
payback are computed from. All-or-nothing: every entry is validated first and nothing is
written unless all are valid; a valid batch replaces the rows of the same month and channel
(an upsert) in one transaction of three statements."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from tortoise.transactions import in_transaction

from domain.errors import ValidationFailed
from domain.models import AcquisitionSpend

MAX_ENTRIES = 1000
MAX_AMOUNT = Decimal("1000000000000")  # the column holds 14 digits, 2 after the point
DEFAULT_CHANNEL = "all"
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class SpendEntry:
    month: date  # any day of the month; stored as its first day
    amount: Decimal
    channel: str = DEFAULT_CHANNEL
    currency: str = "USD"


@dataclass(frozen=True)
class EntryError:
    field: str  # e.g. "entries[2].amount"
    message: str


class SpendRejected(ValidationFailed):
    """Some entries are invalid: `errors` names each field and problem; nothing is
    written."""

    def __init__(self, errors: list[EntryError]) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        super().__init__(f"{first.field}: {first.message}{more}", field=first.field)
        self.errors = errors


@dataclass(frozen=True)
class SpendRecorded:
    entries: list[SpendEntry]  # as stored, in the order given
    created: int
    updated: int


def _amount(value: Decimal, errors: list[EntryError], where: str) -> Decimal:
    try:
        amount = Decimal(value)
        finite = amount.is_finite()
    except (InvalidOperation, TypeError, ValueError):
        finite = False
    if not finite:
        errors.append(EntryError(where, f"must be a number (got {value})"))
        return Decimal(0)
    if amount < 0:
        errors.append(EntryError(where, f"must be 0 or more (got {amount})"))
    elif amount >= MAX_AMOUNT:
        errors.append(EntryError(where, f"must be less than {MAX_AMOUNT:,} (got {amount})"))
    elif amount != amount.quantize(Decimal("0.01")):
        errors.append(EntryError(where, f"has more than 2 decimal places (got {amount})"))
    else:
        return amount.quantize(Decimal("0.01"))
    return amount


def validate_spend(entries: Sequence[SpendEntry]) -> list[SpendEntry]:
    """The entries normalised (month to its first day, channel trimmed, currency upper
    case). Raises SpendRejected listing every problem."""
    if not entries:
        raise ValidationFailed("give at least one spend entry", field="entries")
    if len(entries) > MAX_ENTRIES:
        raise ValidationFailed(f"at most {MAX_ENTRIES} spend entries at a time (got "
                               f"{len(entries)})", field="entries")
    errors: list[EntryError] = []
    out: list[SpendEntry] = []
    seen: dict[tuple[date, str], int] = {}
    for i, e in enumerate(entries):
        where = f"entries[{i}]"
        amount = _amount(e.amount, errors, f"{where}.amount")
        channel = (e.channel or "").strip()
        if not channel:
            errors.append(EntryError(f"{where}.channel", "must not be blank"))
        elif len(channel) > 100:
            errors.append(EntryError(f"{where}.channel", "must be at most 100 characters"))
        currency = (e.currency or "").strip().upper()
        if not _CURRENCY.match(currency):
            errors.append(EntryError(f"{where}.currency",
                                     f"must be a 3-letter ISO code (got {e.currency!r})"))
        month = e.month.replace(day=1)
        twin = seen.setdefault((month, channel), i)
        if twin != i:
            errors.append(EntryError(f"{where}.month", f"repeats entries[{twin}] (month "
                                     f"{month:%Y-%m}, channel {channel!r})"))
        out.append(SpendEntry(month=month, amount=amount, channel=channel, currency=currency))
    if errors:
        raise SpendRejected(errors)
    return out


async def record_spend(org_id: int, entries: Sequence[SpendEntry]) -> SpendRecorded:
    """Validate, then upsert by (month, channel) in one transaction."""
    valid = validate_spend(entries)
    keys = {(e.month, e.channel) for e in valid}
    async with in_transaction():
        rows = await AcquisitionSpend.filter(
            organization_id=org_id, month__in=sorted({m for m, _ in keys}),
            channel__in=sorted({c for _, c in keys})).values_list("id", "month", "channel")
        existing = [int(i) for i, m, c in rows
                    if (date.fromisoformat(str(m)[:10]), c) in keys]
        if existing:
            await AcquisitionSpend.filter(organization_id=org_id, id__in=existing).delete()
        await AcquisitionSpend.bulk_create([
            AcquisitionSpend(organization_id=org_id, month=e.month, channel=e.channel,
                             amount=e.amount, currency=e.currency) for e in valid])
    return SpendRecorded(entries=valid, created=len(valid) - len(existing),
                         updated=len(existing))
