"""Parsing and validating import files: pure (no database), vectorised with pandas.

The file shapes, defaults and rules are documented in `domain.imports.service`. Checks that
need the database (does a CustomerID exist in the organization?) are made there too.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import numpy as np
import pandas as pd

from domain.enums import ImportKind, Stage
from domain.imports import checks
from domain.imports.codes import COUNTRIES, CURRENCIES
from domain.imports.errors import ErrorLog
from domain.imports.table import Table, read_table

DEFAULT_CURRENCY = "USD"
MAX_INT = 2**31 - 1

CUSTOMER_COLUMNS = (
    "CustomerID", "Name", "SignupDate", "Email", "Domain", "Industry", "Country", "Region",
    "Plan", "Currency", "MRR", "Stage",
)
CUSTOMER_REQUIRED = ("CustomerID", "Name", "SignupDate")
TRANSACTION_COLUMNS = (
    "CustomerID", "TransactionID", "TransactionDate", "TransactionAmount", "Currency", "Quantity",
)
TRANSACTION_REQUIRED = ("CustomerID", "TransactionDate", "TransactionAmount")

COLUMNS = {ImportKind.CUSTOMERS: CUSTOMER_COLUMNS, ImportKind.TRANSACTIONS: TRANSACTION_COLUMNS}
REQUIRED = {
    ImportKind.CUSTOMERS: CUSTOMER_REQUIRED, ImportKind.TRANSACTIONS: TRANSACTION_REQUIRED,
}
STAGES = tuple(stage.value for stage in Stage)


@dataclass(frozen=True)
class CustomerRecord:
    """One valid customers row. Optional text is None when the cell is empty; `stage` is
    None when not given (new customers then get the MRR-based default)."""

    position: int
    line: int
    external_ref: str
    name: str
    created_at: datetime
    email: str | None
    domain: str | None
    industry: str | None
    country: str | None
    region: str | None
    plan: str | None
    currency: str
    mrr: Decimal
    stage: Stage | None

    @property
    def initial_stage(self) -> Stage:
        if self.stage is not None:
            return self.stage
        return Stage.CUSTOMER if self.mrr > 0 else Stage.LEAD


@dataclass(frozen=True)
class TransactionRecord:
    """One valid transactions row; `external_id` is the TransactionID or a derived id."""

    position: int
    line: int
    customer_ref: str
    external_id: str
    at: datetime
    amount: Decimal
    currency: str
    quantity: int
    properties: dict[str, str]


@dataclass(frozen=True)
class ParsedImport:
    """The valid rows of a file, in file order, and the recognised columns it has."""

    kind: ImportKind
    columns: tuple[str, ...]
    customers: tuple[CustomerRecord, ...] = ()
    transactions: tuple[TransactionRecord, ...] = ()

    @property
    def rows(self) -> int:
        return len(self.customers) + len(self.transactions)


@dataclass(frozen=True)
class Inspection:
    """The outcome of validating a file: the valid rows and every problem found."""

    parsed: ParsedImport
    log: ErrorLog = field(repr=False)

    def raise_if_invalid(self) -> None:
        if self.log:
            raise self.log.rejection()


def parse_csv(kind: ImportKind, content: bytes, *, max_errors: int = 100) -> ParsedImport:
    """Validate a whole file; raises ImportRejected listing (up to `max_errors`) problems."""
    inspection = inspect_csv(kind, content, max_errors=max_errors)
    inspection.raise_if_invalid()
    return inspection.parsed


def inspect_csv(kind: ImportKind, content: bytes, *, max_errors: int = 100) -> Inspection:
    """Validate a file, collecting row problems instead of raising for them (whole-file
    problems still raise ImportRejected), so that callers can add their own checks."""
    kind = ImportKind(kind)
    table = read_table(content, COLUMNS[kind], REQUIRED[kind])
    log = ErrorLog(table.lines, table.order, max_errors=max_errors)
    for position, message in table.problems:
        log.add(position, "file", message)
    if kind is ImportKind.CUSTOMERS:
        parsed = ParsedImport(kind, table.order, customers=_customers(table, log))
    else:
        parsed = ParsedImport(kind, table.order, transactions=_transactions(table, log))
    return Inspection(parsed, log)


def _optional(values: pd.Series) -> list[str | None]:
    return [value or None for value in values.tolist()]


def _customers(table: Table, log: ErrorLog) -> tuple[CustomerRecord, ...]:
    ref = checks.text(
        log, table.column("CustomerID"), "CustomerID", max_length=100, required=True
    )
    checks.unique(log, ref, "CustomerID")
    name = checks.text(log, table.column("Name"), "Name", max_length=255, required=True)
    signup = checks.dates(log, table.column("SignupDate"), "SignupDate", required=True)
    email = checks.email(log, table.column("Email"), "Email")
    domain = checks.text(log, table.column("Domain"), "Domain", max_length=255)
    industry = checks.text(log, table.column("Industry"), "Industry", max_length=100)
    country = checks.codes(
        log, table.column("Country"), "Country", COUNTRIES,
        what="an ISO-3166 alpha-2 country code", example="US, GB, DE",
    )
    region = checks.text(log, table.column("Region"), "Region", max_length=100)
    plan = checks.text(log, table.column("Plan"), "Plan", max_length=100)
    currency = _currency(log, table)
    mrr = checks.money(log, table.column("MRR"), "MRR")
    stage = checks.choices(log, table.column("Stage"), "Stage", STAGES)
    refs, names = ref.tolist(), name.tolist()
    signups = signup.dt.to_pydatetime().tolist()
    emails, domains, industries, countries, regions, plans = (
        _optional(values) for values in (email, domain, industry, country, region, plan)
    )
    currencies, stages = currency.tolist(), stage.tolist()
    return tuple(
        CustomerRecord(
            position=p, line=int(table.lines[p]), external_ref=refs[p], name=names[p],
            created_at=signups[p], email=emails[p], domain=domains[p],
            industry=industries[p], country=countries[p], region=regions[p], plan=plans[p],
            currency=currencies[p] or DEFAULT_CURRENCY,
            mrr=abs(mrr[p] or Decimal("0.00")),
            stage=Stage(stages[p]) if stages[p] else None,
        )
        for p in map(int, np.flatnonzero(~log.bad))
    )


def _currency(log: ErrorLog, table: Table) -> pd.Series:
    return checks.codes(
        log, table.column("Currency"), "Currency", CURRENCIES,
        what="an ISO-4217 currency code", example="USD, EUR, GBP",
    )


def _transactions(table: Table, log: ErrorLog) -> tuple[TransactionRecord, ...]:
    ref = checks.text(
        log, table.column("CustomerID"), "CustomerID", max_length=100, required=True
    )
    given_id = checks.text(log, table.column("TransactionID"), "TransactionID", max_length=100)
    checks.unique(log, given_id, "TransactionID")
    at = checks.dates(log, table.column("TransactionDate"), "TransactionDate", required=True)
    amount = checks.money(
        log, table.column("TransactionAmount"), "TransactionAmount", required=True
    )
    currency = _currency(log, table)
    quantity = checks.integers(
        log, table.column("Quantity"), "Quantity", minimum=1, maximum=MAX_INT
    )
    extras = list(table.extras.items())
    columns = zip(
        ref.tolist(), given_id.tolist(), at.dt.to_pydatetime().tolist(), amount,
        currency.tolist(), quantity, strict=True,
    )
    occurrences: Counter[str] = Counter()
    records = []
    for position, (ref_, id_, at_, amount_, currency_, quantity_) in enumerate(columns):
        if log.bad[position] or amount_ is None:
            continue
        amount_ = abs(amount_)
        if not id_:
            key = f"{ref_}|{at_.isoformat()}|{amount_}"
            id_ = derived_id(key, occurrences[key])
            occurrences[key] += 1
        records.append(TransactionRecord(
            position=position, line=int(table.lines[position]), customer_ref=ref_,
            external_id=id_, at=at_, amount=amount_, currency=currency_ or DEFAULT_CURRENCY,
            quantity=quantity_ or 1,
            properties={name: values[position] for name, values in extras},
        ))
    return tuple(records)


def derived_id(key: str, occurrence: int) -> str:
    """A stable TransactionID for a row without one: the same file gives the same ids."""
    return "sha1:" + hashlib.sha1(f"{key}|{occurrence}".encode()).hexdigest()
