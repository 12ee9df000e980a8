"""Return on retention incentives, measured against the random control group.

Over actions with an outcome (decided at or after `since` when given), per group:

* treated: EXECUTED actions with an incentive (arm other than "none"): n_t, retained x_t,
  rate p_t = x_t / n_t;
* control: CONTROL actions (held out at random, so the comparison is fair): n_c, x_c,
  p_c. The decision batch holds out only customers who would have got an incentive and
  records it in the explanation (`chosen`: the incentive code, "none" for nothing), and
  gives them the route they would have taken. Grouping by incentive compares each
  incentive's treated with the control customers whose `chosen` was that incentive; other
  groupings compare within the group. A control action whose `chosen` is "none" (or
  null) is never compared; one without `chosen` is compared through its contexts. A group
  with no control of its own is compared with the control customers of the contexts
  (segment|risk|tier) its treated were in (`control_basis` "contexts", with a note);
* uplift D = p_t - p_c, with Newcombe's hybrid score interval (method 10, Newcombe 1998):
  with Wilson intervals (l_t, u_t) and (l_c, u_c) of each rate at 95%,
  low = D - sqrt((p_t - l_t)^2 + (u_c - p_c)^2), high = D + sqrt((u_t - p_t)^2 + (p_c - l_c)^2);
  Wilson: (x + z^2/2) / (n + z^2) -/+ z / (n + z^2) * sqrt(x (n - x) / n + z^2 / 4);
* incremental retained customers I = D x n_t (interval: the uplift's x n_t);
* saved revenue S = I x mean CLV of the treated (interval likewise);
* incentive cost C = the treated actions' summed cost; net = S - C; ROI = net / C (its
  interval from the uplift's, the cost taken as known); cost per retained customer = C / I.

Null figures carry a note saying why: no treated or no control outcomes yet, a cost of 0
(no ROI), no incremental retained customer (no cost per retained customer). One aggregate
statement per call; the rest is arithmetic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

from domain.campaigns.outcomes import aware_utc
from domain.db import is_postgres
from domain.decisions.contexts import NONE_ARM, context_key
from domain.enums import ActionStatus, Outcome
from domain.errors import ValidationFailed
from domain.sql import select_dicts

GroupBy = Literal["campaign", "segment", "incentive", "route", "risk_level", "tier", "total"]
GROUPS: tuple[str, ...] = get_args(GroupBy)
Z95 = 1.959963984540054

_KEY = {"campaign": "a.campaign_id", "segment": "a.segment", "incentive": "a.arm",
        "route": "a.route", "risk_level": "a.risk_level", "tier": "a.tier"}


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class ArmResult:
    """Actions with an outcome in one arm of the comparison; `rate` with its Wilson
    interval (null without actions)."""

    n: int
    retained: int
    rate: Estimate | None


@dataclass(frozen=True)
class RoiRow:
    key: str  # the group's value ("total"; a campaign id as text)
    label: str  # the campaign's name, or the key
    treated: ArmResult
    control: ArmResult
    control_basis: Literal["group", "contexts", "none"]
    uplift: Estimate | None
    incremental_retained: Estimate | None
    mean_clv: float | None
    saved_revenue: Estimate | None
    cost: float
    net: Estimate | None
    roi: Estimate | None
    cost_per_retained: float | None
    notes: list[str] = field(default_factory=list)


def wilson(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of x successes in n trials (n > 0)."""
    z2 = z * z
    center = (x + z2 / 2) / (n + z2)
    half = z / (n + z2) * math.sqrt(x * (n - x) / n + z2 / 4)
    return max(0.0, center - half), min(1.0, center + half)


def newcombe(x1: int, n1: int, x2: int, n2: int, z: float = Z95) -> Estimate:
    """p1 - p2 with Newcombe's hybrid score interval (n1, n2 > 0)."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    d = p1 - p2
    return Estimate(d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
                    d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


@dataclass
class _Cell:
    n: int = 0
    retained: int = 0
    cost: float = 0.0
    clv: float = 0.0

    def add(self, other: _Cell) -> None:
        self.n += other.n
        self.retained += other.retained
        self.cost += other.cost
        self.clv += other.clv


def _chosen_sql() -> tuple[str, str]:
    """SQL for the JSON type of explanation["chosen"] (null when absent) and its text."""
    if is_postgres():
        return "jsonb_typeof(a.explanation -> 'chosen')", "a.explanation ->> 'chosen'"
    return ("json_type(a.explanation, '$.chosen')", "json_extract(a.explanation, '$.chosen')")


def _chosen(kind: Any, value: Any) -> str | None:
    """The incentive code a control action would have got ("none" for nothing), or None
    when its explanation does not say (absent, or not a code)."""
    if kind in ("string", "text") and isinstance(value, str):
        return value
    return NONE_ARM if kind == "null" else None


def _sql(group_by: str, since: datetime | None) -> tuple[str, list[Any]]:
    control = f"a.status = '{ActionStatus.CONTROL.value}'"
    kind, value = _chosen_sql()
    key = _KEY.get(group_by, "''")
    label = "c.name" if group_by == "campaign" else "''"
    columns = [key, label, "a.status", "a.segment", "a.risk_level", "a.tier",
               f"CASE WHEN {control} THEN {kind} ELSE NULL END",
               f"CASE WHEN {control} THEN {value} ELSE NULL END"]
    names = ["k", "label", "status", "segment", "risk", "tier", "kind", "would"]
    params: list[Any] = [ActionStatus.EXECUTED.value, NONE_ARM, ActionStatus.CONTROL.value]
    where = ("a.organization_id = ? AND a.outcome IS NOT NULL AND "
             "((a.status = ? AND a.arm <> ?) OR a.status = ?)")
    if since is not None:
        where += " AND a.decided_at >= ?"
        params.append(since)
    join = 'JOIN "campaign" c ON c.id = a.campaign_id ' if group_by == "campaign" else ""
    grouped = ", ".join(c for c in columns if c != "''")  # constants are not grouped
    sql = (f"SELECT {', '.join(f'{c} AS {n}' for c, n in zip(columns, names, strict=True))}, "
           f"COUNT(*) AS n, SUM(CASE WHEN a.outcome = '{Outcome.RETAINED.value}' THEN 1 "
           "ELSE 0 END) AS retained, SUM(a.cost) AS cost, SUM(a.clv) AS clv "
           f'FROM "retention_action" a {join}WHERE {where} '
           f"GROUP BY {grouped}")
    return sql, params


def _arm(cell: _Cell) -> ArmResult:
    if cell.n == 0:
        return ArmResult(0, 0, None)
    low, high = wilson(cell.retained, cell.n)
    return ArmResult(cell.n, cell.retained, Estimate(cell.retained / cell.n, low, high))


def _scaled(e: Estimate, factor: float, shift: float = 0.0) -> Estimate:
    a, b = e.low * factor + shift, e.high * factor + shift
    return Estimate(e.value * factor + shift, min(a, b), max(a, b))


def _row(key: str, label: str, treated: _Cell, control: _Cell,
         basis: Literal["group", "contexts", "none"]) -> RoiRow:
    notes: list[str] = []
    cost = treated.cost
    uplift = incremental = saved = net = roi = None
    per_retained = mean_clv = None
    if treated.n == 0:
        notes.append("no executed incentive has an outcome yet: nothing to measure")
    else:
        mean_clv = treated.clv / treated.n
    if control.n == 0:
        notes.append("no control customer has an outcome yet: the uplift needs the random "
                     "hold-out")
    elif basis == "contexts":
        notes.append("no control customer in this group: compared with the control customers "
                     "of the same contexts (segment|risk|tier)")
    if treated.n and control.n and mean_clv is not None:
        uplift = newcombe(treated.retained, treated.n, control.retained, control.n)
        incremental = _scaled(uplift, treated.n)
        saved = _scaled(incremental, mean_clv)
        net = _scaled(saved, 1.0, -cost)
        if cost > 0:
            roi = _scaled(net, 1.0 / cost)
        else:
            notes.append("the incentives cost nothing: ROI is undefined")
        if incremental.value > 0:
            per_retained = cost / incremental.value
        else:
            notes.append("no incremental retained customer (uplift <= 0): cost per retained "
                         "customer is undefined")
    return RoiRow(key=key, label=label or key, treated=_arm(treated), control=_arm(control),
                  control_basis=basis if control.n else "none", uplift=uplift,
                  incremental_retained=incremental, mean_clv=mean_clv, saved_revenue=saved,
                  cost=cost, net=net, roi=roi, cost_per_retained=per_retained, notes=notes)


async def roi(org_id: int, group_by: GroupBy = "total", *, since: datetime | None = None
              ) -> list[RoiRow]:
    """ROI rows per group (module docstring): "total" gives one row (also without any
    outcome, with a note), the others one row per group seen, campaigns newest first, the
    rest by key. Raises ValidationFailed ("groupBy", "since")."""
    if group_by not in GROUPS:
        raise ValidationFailed(f"groupBy must be one of {', '.join(GROUPS)}", field="groupBy")
    if since is not None:
        since = aware_utc(since, "since")
    sql, params = _sql(group_by, since)
    rows = await select_dicts(sql, [org_id, *params])
    treated: dict[str, dict[str, _Cell]] = defaultdict(lambda: defaultdict(_Cell))
    direct: dict[str, _Cell] = defaultdict(_Cell)
    by_context: dict[str, _Cell] = defaultdict(_Cell)
    labels: dict[str, str] = {}
    for r in rows:
        key = "total" if group_by == "total" else str(r["k"])
        labels[key] = str(r["label"] or "")
        context = context_key(r["segment"], r["risk"], r["tier"])
        cell = _Cell(int(r["n"]), int(r["retained"] or 0), float(r["cost"] or 0.0),
                     float(r["clv"] or 0.0))
        if r["status"] != ActionStatus.CONTROL.value:
            treated[key][context].add(cell)
            continue
        would = _chosen(r["kind"], r["would"])
        if would == NONE_ARM:
            continue  # the policy would have given nothing: not comparable
        by_context[context].add(cell)
        if group_by == "incentive":
            if would is not None:
                direct[would].add(cell)
                labels.setdefault(would, would)
        else:
            direct[key].add(cell)
    keys = set(treated) | set(direct) | ({"total"} if group_by == "total" else set())
    out: list[RoiRow] = []
    for key in keys:
        t = _Cell()
        for cell in treated.get(key, {}).values():
            t.add(cell)
        c = direct.get(key, _Cell())
        basis: Literal["group", "contexts", "none"] = "group"
        if c.n == 0:
            c, basis = _Cell(), "contexts"
            for context in treated.get(key, {}):
                c.add(by_context.get(context, _Cell()))
        row = _row(key, labels.get(key, key), t, c, basis)
        if not rows:
            row.notes.insert(0, "no action has an outcome yet")
        out.append(row)
    if group_by == "campaign":
        out.sort(key=lambda r: -int(r.key))
    else:
        out.sort(key=lambda r: r.key)
    return out
