"""Who a decision run decides for, read in a constant number of statements into numpy arrays.

Candidates: the organization's customers with a current churn score (`CustomerRisk`) at or
above a minimum probability, with the score's model version and time to churn
(`RiskScore`), their value (`CustomerValue`: CLV, its interval, tier and model version; a
customer without a value row is valued at its run rate, 12 x MRR, in the low tier), their
RFM segment, MRR, name and currency (`Customer`), ascending by customer id. On PostgreSQL
the rows come through `COPY (SELECT …) TO STDOUT` as CSV parsed by pandas, with no per-row
Python objects (98,593 candidates in about a second, joins included, in
`bench/decision_batch.py`); elsewhere through one ordinary query.

Cooldowns: per customer and incentive kind, the days since the customer last got an
incentive of that kind (a proposed, approved or executed action; NaN: never), from one
grouped query.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from tortoise import connections

from domain.db import is_postgres
from domain.decisions.contexts import SEPARATOR, context_key
from domain.enums import ActionStatus, RiskLevel, ValueTier
from domain.errors import ValidationFailed
from domain.incentives.catalogue import TIERS
from domain.models import Action
from domain.segments.rfm import Segment
from domain.sql import db_value, dialect_sql, placeholders
from domain.times import utc_series, utc_timestamp

RUN_RATE_MONTHS = 12
MAX_CUSTOMER_IDS = 10_000
# an incentive counts as given once proposed (awaiting review), approved or executed, so a
# proposal nobody reviewed yet is not proposed again the next night
GIVEN = (ActionStatus.PROPOSED.value, ActionStatus.APPROVED.value,
         ActionStatus.EXECUTED.value)
SEGMENTS = tuple(s.value for s in Segment)
LEVELS = tuple(lv.value for lv in RiskLevel)

_COLUMNS = ("customer_id", "probability", "level", "churn_version", "days_to_churn", "clv",
            "clv_lower", "clv_upper", "tier", "value_version", "segment", "mrr", "name",
            "currency")
_TEXT = ("level", "tier", "segment", "name", "currency")


@dataclass(frozen=True)
class Audience:
    """A manual campaign's filter; empty tuples and None mean "any"."""

    segments: tuple[str, ...] = ()
    risk_levels: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    min_probability: float | None = None
    max_probability: float | None = None
    customer_ids: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"segments": list(self.segments), "risk_levels": list(self.risk_levels),
                "tiers": list(self.tiers), "min_probability": self.min_probability,
                "max_probability": self.max_probability,
                "customer_ids": list(self.customer_ids)}


def _names(raw: Any, allowed: Sequence[str], where: str, what: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        raise ValidationFailed(f"{what} must be a list", field=where)
    out: list[str] = []
    for i, value in enumerate(raw):
        if value not in allowed:
            raise ValidationFailed(f"unknown {what[:-1]} {value!r} (use one of "
                                   f"{', '.join(repr(a) for a in allowed)})",
                                   field=f"{where}[{i}]")
        if value not in out:
            out.append(str(value))
    return tuple(out)


def _probability(raw: Any, where: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw) \
            or not 0.0 <= raw <= 1.0:
        raise ValidationFailed(f"{raw!r} is not a probability in [0, 1]", field=where)
    return float(raw)


def parse_audience(raw: Mapping[str, Any] | Audience | None) -> Audience:
    """Validate a manual campaign's audience (fields named `audience.<key>`; camelCase keys
    accepted). Segment "" is the customers not segmented yet."""
    if isinstance(raw, Audience):
        raw = raw.as_dict()
    data = {str(k): v for k, v in (raw or {}).items()}
    aliases = {"riskLevels": "risk_levels", "minProbability": "min_probability",
               "maxProbability": "max_probability", "customerIds": "customer_ids"}
    data = {aliases.get(k, k): v for k, v in data.items()}
    known = ("segments", "risk_levels", "tiers", "min_probability", "max_probability",
             "customer_ids")
    for key in data:
        if key not in known:
            raise ValidationFailed(f"unknown audience filter {key!r}", field=f"audience.{key}")
    low = _probability(data.get("min_probability"), "audience.minProbability")
    high = _probability(data.get("max_probability"), "audience.maxProbability")
    if low is not None and high is not None and high < low:
        raise ValidationFailed(f"maxProbability {high:g} is below minProbability {low:g}",
                               field="audience.maxProbability")
    ids_raw = data.get("customer_ids") or []
    if isinstance(ids_raw, str) or not isinstance(ids_raw, Sequence):
        raise ValidationFailed("customerIds must be a list", field="audience.customerIds")
    if len(ids_raw) > MAX_CUSTOMER_IDS:
        raise ValidationFailed(f"at most {MAX_CUSTOMER_IDS:,} customer ids",
                               field="audience.customerIds")
    ids: list[int] = []
    for i, value in enumerate(ids_raw):
        if isinstance(value, bool) or not isinstance(value, int | str) \
                or not str(value).isdigit():
            raise ValidationFailed(f"{value!r} is not a customer id",
                                   field=f"audience.customerIds[{i}]")
        ids.append(int(value))
    return Audience(
        segments=_names(data.get("segments"), ("", *SEGMENTS), "audience.segments",
                        "segments"),
        risk_levels=_names(data.get("risk_levels"), LEVELS, "audience.riskLevels",
                           "risk levels"),
        tiers=_names(data.get("tiers"), TIERS, "audience.tiers", "tiers"),
        min_probability=low, max_probability=high, customer_ids=tuple(sorted(set(ids))))


@dataclass(frozen=True)
class Candidates:
    """Column arrays, one entry per customer (ascending id; `name` and `currency` for the
    message drafts). `valued`: a CustomerValue row
    exists (else CLV is the run rate and the tier low); version numbers are 0 when unknown;
    `last_given[kind]`: days since that kind of incentive was last given (NaN: never)."""

    customer_id: np.ndarray
    probability: np.ndarray
    level: np.ndarray
    churn_version: np.ndarray
    days_to_churn: np.ndarray
    clv: np.ndarray
    clv_lower: np.ndarray
    clv_upper: np.ndarray
    valued: np.ndarray
    value_version: np.ndarray
    tier: np.ndarray
    segment: np.ndarray
    mrr: np.ndarray
    name: np.ndarray
    currency: np.ndarray
    last_given: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.customer_id.shape[0])

    def contexts(self) -> np.ndarray:
        """"segment|risk level|value tier" of each customer (object array)."""
        if not len(self):
            return np.array([], dtype=object)
        joined = (pd.Series(self.segment, dtype=object) + SEPARATOR + pd.Series(
            self.level, dtype=object) + SEPARATOR + pd.Series(self.tier, dtype=object))
        return joined.to_numpy(dtype=object)


def _where(org_id: int, min_probability: float, audience: Audience | None
           ) -> tuple[str, list[Any]]:
    a = audience or Audience()
    floor = min_probability if a.min_probability is None else max(min_probability,
                                                                  a.min_probability)
    sql = "r.organization_id = ? AND r.probability >= ?"
    params: list[Any] = [org_id, floor]
    if a.max_probability is not None:
        sql += " AND r.probability <= ?"
        params.append(a.max_probability)
    if a.risk_levels:
        sql += f" AND r.level IN ({placeholders(len(a.risk_levels))})"
        params += list(a.risk_levels)
    if a.tiers:
        sql += f" AND COALESCE(v.tier, '{ValueTier.LOW.value}') IN ({placeholders(len(a.tiers))})"
        params += list(a.tiers)
    if a.segments:
        sql += f" AND COALESCE(c.segment, '') IN ({placeholders(len(a.segments))})"
        params += list(a.segments)
    if a.customer_ids:
        sql += f" AND r.customer_id IN ({placeholders(len(a.customer_ids))})"
        params += list(a.customer_ids)
    return sql, params


_FROM = (
    'FROM "customer_risk" r JOIN "customer" c ON c.id = r.customer_id '
    "AND c.organization_id = r.organization_id "
    'JOIN "model_version" mv ON mv.id = r.model_version_id '
    'LEFT JOIN "risk_score" s ON s.id = r.score_id '
    'LEFT JOIN "customer_value" v ON v.customer_id = r.customer_id '
    "AND v.organization_id = r.organization_id "
    'LEFT JOIN "model_version" vm ON vm.id = v.model_version_id ')


async def _frame(sql: str, params: list[Any]) -> pd.DataFrame:
    db = connections.get("default")
    if is_postgres():
        buffer = io.BytesIO()
        async with db.acquire_connection() as raw:
            await raw.copy_from_query(dialect_sql(sql), *params, output=buffer, format="csv")
        buffer.seek(0)
        if not buffer.getbuffer().nbytes:
            return pd.DataFrame({c: [] for c in _COLUMNS})
        return pd.read_csv(buffer, names=list(_COLUMNS), header=None, keep_default_na=False,
                           na_values={c: [""] for c in _COLUMNS if c not in _TEXT},
                           dtype={c: str for c in _TEXT})
    _, rows = await db.execute_query(dialect_sql(sql), params)
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=list(_COLUMNS))


def _floats(frame: pd.DataFrame, name: str) -> np.ndarray:
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=np.float64,
                                                                na_value=np.nan)


def _texts(frame: pd.DataFrame, name: str) -> np.ndarray:
    return frame[name].fillna("").astype(str).to_numpy(dtype=object)


async def load_candidates(org_id: int, *, min_probability: float, at: datetime,
                          audience: Audience | None = None,
                          cooldown_days: int = 365) -> Candidates:
    """The organization's candidates (module docstring); `cooldown_days`: how far back
    given incentives are read (the longest cooldown)."""
    where, params = _where(org_id, min_probability, audience)
    frame = await _frame(
        "SELECT r.customer_id, r.probability, r.level, mv.version, s.time_to_churn_days, "
        "v.value, v.lower, v.upper, v.tier, vm.version, c.segment, "
        f"CAST(c.mrr AS DOUBLE PRECISION), c.name, c.currency {_FROM}WHERE {where} "
        "ORDER BY r.customer_id", params)
    mrr = np.nan_to_num(_floats(frame, "mrr"), nan=0.0)
    clv = _floats(frame, "clv")
    valued = ~np.isnan(clv)
    tier = _texts(frame, "tier")
    tier[~valued] = ValueTier.LOW.value
    found = Candidates(
        customer_id=frame["customer_id"].to_numpy(dtype=np.int64),
        probability=_floats(frame, "probability"), level=_texts(frame, "level"),
        churn_version=np.nan_to_num(_floats(frame, "churn_version")).astype(np.int64),
        days_to_churn=_floats(frame, "days_to_churn"),
        clv=np.where(valued, clv, RUN_RATE_MONTHS * mrr),
        clv_lower=_floats(frame, "clv_lower"), clv_upper=_floats(frame, "clv_upper"),
        valued=valued,
        value_version=np.nan_to_num(_floats(frame, "value_version")).astype(np.int64),
        tier=tier, segment=_texts(frame, "segment"), mrr=mrr, name=_texts(frame, "name"),
        currency=_texts(frame, "currency"))
    if not len(found):
        return found
    return replace(found, last_given=await last_given(
        org_id, found.customer_id, at, since_days=cooldown_days,
        among=audience.customer_ids if audience is not None else ()))


async def last_given(org_id: int, customer_ids: np.ndarray, at: datetime, *,
                     since_days: int, among: Sequence[int] = ()) -> dict[str, np.ndarray]:
    """kind -> days since each customer (aligned with the ascending `customer_ids`) last got
    an incentive of that kind within `since_days` before `at` (NaN: not in that time).
    `among`: read only these customers' actions (empty: the whole organization's)."""
    since = db_value(Action, "decided_at", at - timedelta(days=since_days))
    only = f" AND a.customer_id IN ({placeholders(len(among))})" if among else ""
    _, rows = await connections.get("default").execute_query(dialect_sql(
        "SELECT a.customer_id, i.kind, MAX(COALESCE(a.executed_at, a.decided_at)) "
        'FROM "retention_action" a JOIN "incentive" i ON i.id = a.incentive_id '
        f"WHERE a.organization_id = ? AND a.status IN ({placeholders(len(GIVEN))}) "
        f"AND a.decided_at >= ?{only} GROUP BY a.customer_id, i.kind"),
        [org_id, *GIVEN, since, *among])
    out: dict[str, np.ndarray] = {}
    if not rows:
        return out
    ids = np.fromiter((int(r[0]) for r in rows), dtype=np.int64, count=len(rows))
    kinds = np.array([str(r[1]) for r in rows], dtype=object)
    when = utc_series([r[2] for r in rows])
    days = ((utc_timestamp(at) - when).dt.total_seconds() / 86400.0).to_numpy(dtype=np.float64)
    pos = np.searchsorted(customer_ids, ids)
    pos_ok = pos < customer_ids.shape[0]
    hit = pos_ok & (customer_ids[np.where(pos_ok, pos, 0)] == ids)
    for kind in sorted(set(kinds.tolist())):
        mine = hit & (kinds == kind)
        column = np.full(customer_ids.shape[0], np.nan)
        column[pos[mine]] = days[mine]
        out[kind] = column
    return out


async def context_risk(org_id: int, min_probability: float) -> dict[str, float]:
    """context -> mean churn probability over all the organization's candidates: the
    prior's reference risk when deciding for a subset (one statement)."""
    where, params = _where(org_id, min_probability, None)
    tier = f"COALESCE(v.tier, '{ValueTier.LOW.value}')"
    _, rows = await connections.get("default").execute_query(dialect_sql(
        f"SELECT COALESCE(c.segment, ''), r.level, {tier}, AVG(r.probability) "
        f"{_FROM}WHERE {where} GROUP BY COALESCE(c.segment, ''), r.level, {tier}"), params)
    return {context_key(r[0], r[1], r[2]): float(r[3]) for r in rows}
