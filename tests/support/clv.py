"""CLV test data: lifetimes' CDNOW sample (2,357 customers) written as an organization's
customers and transactions, and small subscription books."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pandas as pd

from domain.enums import Stage
from domain.models import Customer, Transaction

CDNOW_END = datetime(1998, 6, 30, tzinfo=UTC)


def cdnow_sample() -> pd.DataFrame:
    """customer_index, at (UTC), amount of lifetimes' CDNOW_sample.txt."""
    from lifetimes.datasets import load_dataset

    tx = load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+",
                      names=["customer_id", "customer_index", "date", "quantity", "amount"])
    tx["at"] = pd.to_datetime(tx["date"].astype(str), format="%Y%m%d", utc=True)
    return tx[["customer_index", "at", "amount"]]


async def write_orders(org_id: int, tx: pd.DataFrame, properties: list[dict[str, str]] | None
                       = None) -> dict[int, int]:
    """Customers (one per distinct customer_index) and their transactions; returns
    customer_index -> customer id."""
    first = tx.groupby("customer_index")["at"].min()
    customers = [Customer(organization_id=org_id, name=f"Buyer {i}", email=f"buyer{i}@ex.com",
                          external_ref=f"c{i}", stage=Stage.CUSTOMER,
                          created_at=first[i].to_pydatetime()) for i in first.index]
    await Customer.bulk_create(customers, batch_size=1000)
    ids = dict(await Customer.filter(organization_id=org_id).values_list("external_ref", "id"))
    mapping = {int(i): int(ids[f"c{i}"]) for i in first.index}
    rows = [Transaction(organization_id=org_id, customer_id=mapping[int(r.customer_index)],
                        external_id=f"t{n}", at=r.at.to_pydatetime(),
                        amount=Decimal(str(round(float(r.amount), 2))),
                        properties=(properties[n] if properties else {}))
            for n, r in enumerate(tx.itertuples(index=False))]
    await Transaction.bulk_create(rows, batch_size=1000)
    return mapping
