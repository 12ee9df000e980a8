"""What customer value is computed from, read in a constant number of statements.

- `orders`: one-off purchases (transactions) with the reason each excluded row was left out
  (zero or negative amount, dated after the valuation time, returned);
- `revenue`: every revenue event (kept transactions and paid invoices), for RFM, the ML
  model and cohorts;
- `subscribers`: per customer with a subscription, its first start, whether it has a live
  subscription, when it last cancelled, and its current MRR.
Times come back as UTC pandas timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from domain.db import is_postgres
from domain.sql import db_value, select_rows
from domain.times import utc_series, utc_timestamp

RETURNED = ("1", "true", "yes", "y", "returned")


@dataclass(frozen=True)
class Orders:
    frame: pd.DataFrame  # customer_id, at, amount (kept purchases only)
    excluded: dict[str, int] = field(default_factory=dict)  # reason -> rows left out


def _db_time(at: datetime) -> Any:
    from domain.models import Invoice

    return db_value(Invoice, "issued_at", at)


def _return_flag() -> str:
    if is_postgres():
        return "LOWER(CAST(properties->>'ReturnFlag' AS TEXT))"
    return "LOWER(CAST(json_extract(properties, '$.ReturnFlag') AS TEXT))"


async def orders(org_id: int, at: datetime) -> Orders:
    """Kept purchases up to `at`, and how many rows were excluded for which reason."""
    flags = ", ".join(f"'{v}'" for v in RETURNED)
    rows = await select_rows(
        "SELECT customer_id, at, CAST(amount AS DOUBLE PRECISION), "
        f"CASE WHEN {_return_flag()} IN ({flags}) THEN 1 ELSE 0 END "
        'FROM "transaction" WHERE organization_id = ?', [org_id])
    if not rows:
        return Orders(pd.DataFrame({"customer_id": pd.Series(dtype=np.int64),
                                    "at": pd.Series(dtype="datetime64[ns, UTC]"),
                                    "amount": pd.Series(dtype=np.float64)}))
    ids, times, amounts, returned = zip(*rows, strict=True)
    frame = pd.DataFrame({"customer_id": np.asarray(ids, dtype=np.int64), "at": utc_series(times),
                          "amount": np.asarray(amounts, dtype=np.float64),
                          "returned": np.asarray(returned, dtype=bool)})
    when = utc_timestamp(at)
    future = frame["at"] > when
    non_positive = ~future & ~(frame["amount"] > 0)
    returned_rows = ~future & ~non_positive & frame["returned"]
    keep = ~(future | non_positive | returned_rows)
    excluded = {k: int(v.sum()) for k, v in (("future", future),
                                            ("non_positive_amount", non_positive),
                                            ("returned", returned_rows)) if v.any()}
    kept = frame.loc[keep, ["customer_id", "at", "amount"]].reset_index(drop=True)
    return Orders(kept, excluded)


async def revenue(org_id: int, at: datetime, kept_orders: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """Revenue events up to `at`: kept purchases plus paid invoices (at their payment time);
    columns customer_id, at, amount, kind ("order" / "invoice")."""
    kept = kept_orders if kept_orders is not None else (await orders(org_id, at)).frame
    rows = await select_rows(
        "SELECT customer_id, paid_at, CAST(amount AS DOUBLE PRECISION) FROM \"invoice\" "
        "WHERE organization_id = ? AND paid_at IS NOT NULL AND paid_at <= ? AND amount > 0",
        [org_id, _db_time(at)])
    parts = [kept.assign(kind="order")]
    if rows:
        ids, times, amounts = zip(*rows, strict=True)
        parts.append(pd.DataFrame({"customer_id": np.asarray(ids, dtype=np.int64),
                                   "at": utc_series(times),
                                   "amount": np.asarray(amounts, dtype=np.float64),
                                   "kind": "invoice"}))
    return pd.concat(parts, ignore_index=True)


async def subscribers(org_id: int, at: datetime) -> pd.DataFrame:
    """Index customer_id: started (first start), live (bool), last_canceled, mrr (live)."""
    rows = await select_rows(
        "SELECT customer_id, started_at, canceled_at, CAST(mrr AS DOUBLE PRECISION), status "
        'FROM "subscription" WHERE organization_id = ? AND started_at <= ?',
        [org_id, _db_time(at)])
    if not rows:
        return pd.DataFrame(columns=["started", "live", "last_canceled", "mrr"])
    ids, started, canceled, mrr, status = zip(*rows, strict=True)
    frame = pd.DataFrame({"customer_id": np.asarray(ids, dtype=np.int64),
                          "started": utc_series(started), "canceled": utc_series(canceled),
                          "mrr": np.asarray(mrr, dtype=np.float64)})
    when = utc_timestamp(at)
    # a canceled subscription without a cancellation time ended at an unknown moment
    ended = np.asarray([str(s) == "canceled" for s in status]) & frame["canceled"].isna()
    frame["live"] = (frame["canceled"].isna() | (frame["canceled"] > when)) & ~ended
    frame["live_mrr"] = np.where(frame["live"], frame["mrr"], 0.0)
    g = frame.groupby("customer_id")
    return pd.DataFrame({"started": g["started"].min(), "live": g["live"].any(),
                         "last_canceled": g["canceled"].max(), "mrr": g["live_mrr"].sum()})
