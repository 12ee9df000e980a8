"""Route rules: disjoint boxes of (churn probability, CLV) that decide who acts on a decision.

A box is half-open, [min, max) on both axes, with no max meaning unbounded (a probability
max of 1 also holds p = 1). A box with `max_cost` only holds decisions whose incentive
costs at most that; costlier ones, and decisions in no box, take the fallback route.
A MONITOR box means "watch, no incentive": the caller drops the incentive for those."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from domain.enums import Route
from domain.errors import ValidationFailed

MAX_RULES = 50
MAX_NAME = 64
DASH = "\u2013"  # en dash, between the ends of a range
_KEYS = ("name", "route", "min_probability", "max_probability", "min_clv", "max_clv",
         "max_cost")


@dataclass(frozen=True)
class RouteRule:
    """A box [min_probability, max_probability) x [min_clv, max_clv) sending decisions to
    `route`; None = unbounded. With `max_cost`, costlier decisions take the fallback."""

    name: str
    route: Route
    min_probability: float = 0.0
    max_probability: float | None = None
    min_clv: float = 0.0
    max_clv: float | None = None
    max_cost: float | None = None


DEFAULT_ROUTES: tuple[RouteRule, ...] = (
    RouteRule("urgent", Route.URGENT, 0.8, None, 2000.0, None),
    RouteRule("review", Route.REVIEW, 0.0, 0.8, 5000.0, None),
    RouteRule("monitor", Route.MONITOR, 0.4, 0.6, 0.0, 5000.0),
    RouteRule("auto_low_risk", Route.AUTO, 0.0, 0.4, 0.0, 2000.0, max_cost=100.0),
    RouteRule("auto_high_risk", Route.AUTO, 0.6, None, 0.0, 2000.0, max_cost=100.0),
)
DEFAULT_FALLBACK = Route.REVIEW


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


_ALIASES = {**{k: k for k in _KEYS}, **{_camel(k): k for k in _KEYS}}


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationFailed(f"{value!r} is not a number", field=field)
    if not math.isfinite(value):
        raise ValidationFailed(f"{value!r} is not a finite number", field=field)
    return float(value)


def _bound(value: Any, field: str) -> float | None:
    return None if value is None else _number(value, field)


def _rule(index: int, raw: Any) -> RouteRule:
    where = f"routes[{index}]"
    if not isinstance(raw, Mapping):
        raise ValidationFailed("each route rule must be an object", field=where)
    data: dict[str, Any] = {}
    for key, value in raw.items():
        canonical = _ALIASES.get(str(key))
        if canonical is None:
            raise ValidationFailed(
                f"unknown route rule field {key!r} (use {', '.join(_camel(k) for k in _KEYS)})",
                field=f"{where}.{key}")
        data[canonical] = value
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValidationFailed("a route rule needs a name", field=f"{where}.name")
    name = name.strip()
    if len(name) > MAX_NAME:
        raise ValidationFailed(f"name is longer than {MAX_NAME} characters",
                               field=f"{where}.name")
    try:
        route = Route(str(data.get("route")))
    except ValueError:
        raise ValidationFailed(
            f"unknown route {data.get('route')!r} (use one of "
            f"{', '.join(r.value for r in Route)})", field=f"{where}.route") from None
    f = {k: f"{where}.{_camel(k)}" for k in _KEYS}
    min_p = _number(data.get("min_probability", 0.0), f["min_probability"])
    max_p = _bound(data.get("max_probability"), f["max_probability"])
    min_c = _number(data.get("min_clv", 0.0), f["min_clv"])
    max_c = _bound(data.get("max_clv"), f["max_clv"])
    max_cost = _bound(data.get("max_cost"), f["max_cost"])
    if not 0 <= min_p < 1:
        raise ValidationFailed(f"minProbability {min_p:g} must be in [0, 1)",
                               field=f["min_probability"])
    if max_p is not None and not min_p < max_p <= 1:
        raise ValidationFailed(
            f"maxProbability {max_p:g} must be above minProbability {min_p:g} and at most 1",
            field=f["max_probability"])
    if min_c < 0:
        raise ValidationFailed("minClv must not be negative", field=f["min_clv"])
    if max_c is not None and max_c <= min_c:
        raise ValidationFailed(f"maxClv {money(max_c)} must be above minClv {money(min_c)}",
                               field=f["max_clv"])
    if max_cost is not None and max_cost < 0:
        raise ValidationFailed("maxCost must not be negative", field=f["max_cost"])
    return RouteRule(name, route, min_p, max_p, min_c, max_c, max_cost)


def money(value: float) -> str:
    """An amount in words: "2,000", "12.50" or "∞"."""
    if math.isinf(value):
        return "∞"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _upper(value: float | None, *, probability: bool = False) -> float:
    if value is None or (probability and value >= 1):
        return math.inf
    return value


def overlap(a: RouteRule, b: RouteRule) -> tuple[float, float, float, float] | None:
    """The (probability, CLV) region two rules share, or None when they are disjoint."""
    p_lo = max(a.min_probability, b.min_probability)
    p_hi = min(_upper(a.max_probability, probability=True),
               _upper(b.max_probability, probability=True))
    c_lo = max(a.min_clv, b.min_clv)
    c_hi = min(_upper(a.max_clv), _upper(b.max_clv))
    if p_lo < p_hi and c_lo < c_hi:
        return p_lo, p_hi, c_lo, c_hi
    return None


def parse_routes(raw: Sequence[Mapping[str, Any]]) -> tuple[RouteRule, ...]:
    """Validate stored or submitted route rules: known routes, unique names, sound bounds,
    and no two boxes overlapping."""
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raise ValidationFailed("routes must be a list of rules", field="routes")
    if len(raw) > MAX_RULES:
        raise ValidationFailed(f"at most {MAX_RULES} route rules", field="routes")
    rules: list[RouteRule] = []
    seen: dict[str, int] = {}
    for j, item in enumerate(raw):
        rule = _rule(j, item)
        if rule.name in seen:
            raise ValidationFailed(
                f"rule name '{rule.name}' is used twice (routes[{seen[rule.name]}] and "
                f"routes[{j}])", field=f"routes[{j}].name")
        seen[rule.name] = j
        for i, other in enumerate(rules):
            region = overlap(other, rule)
            if region is not None:
                p_lo, p_hi, c_lo, c_hi = region
                raise ValidationFailed(
                    f"rule '{rule.name}' (routes[{j}]) overlaps rule '{other.name}' "
                    f"(routes[{i}]) for churn probability {p_lo:g}{DASH}{min(p_hi, 1.0):g} and "
                    f"CLV {money(c_lo)}{DASH}{money(c_hi)}", field=f"routes[{j}]",
                    rule=rule.name, other=other.name)
        rules.append(rule)
    return tuple(rules)


def assign_routes(rules: Sequence[RouteRule], fallback: Route, probability: np.ndarray,
                  clv: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The route (object array of Route) and the matched rule's name ("" for the fallback)
    of each decision. NaN inputs match no box. Rules are expected disjoint (parse_routes);
    should two overlap, the first listed wins. MONITOR means "watch, no incentive": the
    caller drops the incentive (and its cost) for those decisions."""
    p = np.asarray(probability, dtype=np.float64)
    c = np.asarray(clv, dtype=np.float64)
    k = np.asarray(cost, dtype=np.float64)
    n = p.shape[0]
    if c.shape != (n,) or k.shape != (n,):
        raise ValueError("probability, clv and cost must be 1-d arrays of the same length")
    routes = np.full(n, fallback, dtype=object)
    names = np.full(n, "", dtype=object)
    free = np.ones(n, dtype=bool)
    for rule in rules:
        box = free & (p >= rule.min_probability) & (c >= rule.min_clv)
        upper_p = _upper(rule.max_probability, probability=True)
        if not math.isinf(upper_p):
            box &= p < upper_p
        if rule.max_clv is not None:
            box &= c < rule.max_clv
        free &= ~box  # a decision in a box is settled, even when too costly for it
        if rule.max_cost is not None:
            box &= k <= rule.max_cost
        routes[box] = rule.route
        names[box] = rule.name
    return routes, names


def rules_as_dicts(rules: Sequence[RouteRule]) -> list[dict[str, Any]]:
    return [{"name": r.name, "route": r.route.value, "min_probability": r.min_probability,
             "max_probability": r.max_probability, "min_clv": r.min_clv,
             "max_clv": r.max_clv, "max_cost": r.max_cost} for r in rules]
