"""Writing an organization's incentive catalogue and decision rules. Every input is
validated before anything is written; a failed call changes nothing."""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlsplit

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.decisions.contexts import NONE_ARM as NO_INCENTIVE
from domain.enums import Channel, CostBasis, IncentiveKind, Route
from domain.errors import NotFound, ValidationFailed
from domain.incentives.catalogue import DEFAULT_CATALOGUE, TIERS, IncentiveSpec
from domain.incentives.queries import incentives
from domain.incentives.rules import (
    DEFAULT_FALLBACK,
    DEFAULT_ROUTES,
    RouteRule,
    parse_routes,
    rules_as_dicts,
)
from domain.models import DecisionRules, Incentive
from domain.settings import Settings
from domain.sync import crypto

CODE = re.compile(r"[a-z0-9_-]{1,64}")
MAX_AMOUNT = 1e11  # the money column holds 14 digits, 2 after the point
CENT = Decimal("0.01")
DEFAULT_CHANNELS = (Channel.ONSITE,)
MIN_SECRET = 16


@dataclass(frozen=True)
class IncentiveInput:
    """A full incentive definition. `rate` defaults to percent / 100 for a percentage
    discount on the MRR basis."""

    code: str
    name: str
    kind: IncentiveKind
    cost_basis: CostBasis
    percent: float | None = None
    rate: float = 0.0
    amount: float = 0.0
    duration_months: int = 1
    cooldown_days: int = 90
    max_cost_by_tier: Mapping[str, float] = field(default_factory=dict)
    tiers: Sequence[str] = ()
    prior_lift: float = 0.1
    description: str = ""


def _finite(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationFailed(f"{value!r} is not a finite number", field=name)
    return float(value)


def _whole(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationFailed(f"must be a whole number from {low} to {high}", field=name)
    return value


def _enum(enum: type[Any], value: Any, name: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise ValidationFailed(f"unknown {name} {value!r} (use one of "
                               f"{', '.join(m.value for m in enum)})", field=name) from None


def check_code(code: Any) -> str:
    if not isinstance(code, str) or not CODE.fullmatch(code):
        raise ValidationFailed("code must be 1-64 lowercase letters, digits, '_' or '-'",
                               field="code")
    if code == NO_INCENTIVE:
        raise ValidationFailed(f"code '{NO_INCENTIVE}' is reserved for giving no incentive",
                               field="code")
    return code


def _incentive_values(data: IncentiveInput) -> dict[str, Any]:
    """The validated column values of an incentive (code included)."""
    code = check_code(data.code)
    name = data.name.strip() if isinstance(data.name, str) else ""
    if not name or len(name) > 200:
        raise ValidationFailed("name must be 1-200 characters", field="name")
    kind: IncentiveKind = _enum(IncentiveKind, data.kind, "kind")
    basis: CostBasis = _enum(CostBasis, data.cost_basis, "costBasis")
    rate = _finite(data.rate, "rate")
    amount = _finite(data.amount, "amount")
    if rate < 0:
        raise ValidationFailed("cost must not be negative (rate < 0)", field="rate")
    if amount < 0:
        raise ValidationFailed("cost must not be negative (amount < 0)", field="amount")
    percent: float | None = None
    if kind == IncentiveKind.PERCENT_DISCOUNT:
        if data.percent is None:
            raise ValidationFailed("percent is required for a percentage discount",
                                   field="percent")
        percent = _finite(data.percent, "percent")
        if not 0 < percent <= 100:
            raise ValidationFailed("percent must be above 0 and at most 100", field="percent")
        if basis == CostBasis.MRR and rate == 0:
            rate = percent / 100
    elif data.percent is not None:
        raise ValidationFailed("percent applies only to percentage discounts", field="percent")
    if basis == CostBasis.FIXED:
        if rate:
            raise ValidationFailed("rate applies only to MRR- or CLV-based costs", field="rate")
        if amount > MAX_AMOUNT:
            raise ValidationFailed(f"amount must be at most {MAX_AMOUNT:,.0f}", field="amount")
    else:
        if amount:
            raise ValidationFailed("amount applies only to fixed costs", field="amount")
        if rate == 0:
            raise ValidationFailed(f"rate must be above 0 for a {basis.value.upper()}-based "
                                   "cost", field="rate")
    duration = _whole(data.duration_months, "durationMonths", 1, 36)
    cooldown = _whole(data.cooldown_days, "cooldownDays", 0, 730)
    prior_lift = _finite(data.prior_lift, "priorLift")
    if not 0 <= prior_lift < 1:
        raise ValidationFailed("priorLift must be in [0, 1) (a relative churn reduction)",
                               field="priorLift")
    tiers: list[str] = []
    for tier in data.tiers:
        if tier not in TIERS:
            raise ValidationFailed(f"unknown value tier {tier!r} (use {', '.join(TIERS)})",
                                   field="tiers")
        if tier not in tiers:
            tiers.append(str(tier))
    caps: dict[str, float] = {}
    for tier, cap in data.max_cost_by_tier.items():
        if tier not in TIERS:
            raise ValidationFailed(f"unknown value tier {tier!r} (use {', '.join(TIERS)})",
                                   field="maxCostByTier")
        value = _finite(cap, "maxCostByTier")
        if value < 0:
            raise ValidationFailed(f"the cap for tier {tier} must not be negative",
                                   field="maxCostByTier")
        caps[str(tier)] = value
    description = data.description.strip() if isinstance(data.description, str) else ""
    if len(description) > 2000:
        raise ValidationFailed("description must be at most 2000 characters",
                               field="description")
    return {
        "code": code, "name": name, "kind": kind, "percent": percent, "cost_basis": basis,
        "rate": rate, "amount": Decimal(str(amount)).quantize(CENT, ROUND_HALF_UP),
        "duration_months": duration, "cooldown_days": cooldown, "max_cost_by_tier": caps,
        "tiers": tiers, "prior_lift": prior_lift, "description": description,
    }


def _spec_values(s: IncentiveSpec) -> dict[str, Any]:
    return _incentive_values(IncentiveInput(
        code=s.code, name=s.name, kind=s.kind, cost_basis=s.cost_basis, percent=s.percent,
        rate=s.rate, amount=s.amount, duration_months=s.duration_months,
        cooldown_days=s.cooldown_days, max_cost_by_tier=s.max_cost_by_tier, tiers=s.tiers,
        prior_lift=s.prior_lift, description=s.description))


async def ensure_catalogue(org_id: int) -> list[Incentive]:
    """The organization's incentives ordered by code, seeded with DEFAULT_CATALOGUE when it
    has none."""
    rows = await incentives(org_id)
    if rows:
        return rows
    seeded = [Incentive(organization_id=org_id, **_spec_values(s)) for s in DEFAULT_CATALOGUE]
    try:
        async with in_transaction():
            await Incentive.bulk_create(seeded)
    except IntegrityError:
        pass  # seeded concurrently by another call
    return await incentives(org_id)


def _duplicate(code: str) -> ValidationFailed:
    return ValidationFailed(f"an incentive with code '{code}' already exists", field="code")


async def create_incentive(org_id: int, data: IncentiveInput) -> Incentive:
    values = _incentive_values(data)
    if await Incentive.filter(organization_id=org_id, code=values["code"]).exists():
        raise _duplicate(values["code"])
    try:
        async with in_transaction():
            return await Incentive.create(organization_id=org_id, **values)
    except IntegrityError:
        raise _duplicate(values["code"]) from None


async def _locked(org_id: int, code: str) -> Incentive:
    row = await Incentive.filter(organization_id=org_id, code=code).select_for_update().first()
    if row is None:
        raise NotFound(f"no incentive with code '{code}'", field="code")
    return row


async def update_incentive(org_id: int, code: str, data: IncentiveInput) -> Incentive:
    """Replace the definition of incentive `code` (its code cannot change: it identifies
    the incentive's outcomes)."""
    values = _incentive_values(data)
    async with in_transaction():
        row = await _locked(org_id, code)
        if values["code"] != code:
            raise ValidationFailed(f"the code of incentive '{code}' cannot change",
                                   field="code")
        row.update_from_dict(values)
        await row.save()
    return row


async def set_incentive_active(org_id: int, code: str, active: bool) -> Incentive:
    async with in_transaction():
        row = await _locked(org_id, code)
        row.active = active
        await row.save(update_fields=["active", "updated_at"])
    return row


@dataclass(frozen=True)
class RulesInput:
    """A change of decision rules; None keeps the stored value. An empty webhook URL or
    secret clears it (allowed only without the webhook channel)."""

    routes: Sequence[Mapping[str, Any]] | None = None
    fallback_route: Route | None = None
    min_probability: float | None = None
    control_share: float | None = None
    prior_strength: float | None = None
    window_days: int | None = None
    channels: Sequence[str] | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    rotate_widget_key: bool = False


@dataclass(frozen=True)
class RulesConfig:
    routes: tuple[RouteRule, ...]
    fallback: Route
    min_probability: float
    control_share: float
    prior_strength: float
    window_days: int
    channels: tuple[Channel, ...]


def _new_widget_key() -> str:
    return secrets.token_urlsafe(24)


async def get_rules(org_id: int) -> DecisionRules:
    """The organization's decision rules, created with the defaults when absent."""
    row = await DecisionRules.get_or_none(organization_id=org_id)
    if row is not None:
        return row
    try:
        async with in_transaction():
            return await DecisionRules.create(
                organization_id=org_id, routes=rules_as_dicts(DEFAULT_ROUTES),
                fallback_route=DEFAULT_FALLBACK, channels=[c.value for c in DEFAULT_CHANNELS],
                widget_key=_new_widget_key())
    except IntegrityError:
        row = await DecisionRules.get_or_none(organization_id=org_id)
        if row is None:  # not a race: the organization itself is missing
            raise NotFound(f"organization {org_id} not found", field="org") from None
        return row


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationFailed(f"'{url}' is not an http(s) URL", field="webhookUrl")
    if len(url) > 500:
        raise ValidationFailed("webhookUrl must be at most 500 characters", field="webhookUrl")
    return url


def _rules_values(data: RulesInput, settings: Settings) -> dict[str, Any]:
    """The validated columns a change sets (webhook requirements are checked against the
    stored row later)."""
    out: dict[str, Any] = {}
    if data.routes is not None:
        out["routes"] = rules_as_dicts(parse_routes(data.routes))
    if data.fallback_route is not None:
        out["fallback_route"] = _enum(Route, data.fallback_route, "fallbackRoute")
    if data.min_probability is not None:
        value = _finite(data.min_probability, "minProbability")
        if not 0 <= value < 1:
            raise ValidationFailed("minProbability must be in [0, 1)", field="minProbability")
        out["min_probability"] = value
    if data.control_share is not None:
        value = _finite(data.control_share, "controlShare")
        if not 0 <= value <= 0.5:
            raise ValidationFailed("controlShare must be in [0, 0.5]", field="controlShare")
        out["control_share"] = value
    if data.prior_strength is not None:
        value = _finite(data.prior_strength, "priorStrength")
        if not 0 < value <= 10000:
            raise ValidationFailed("priorStrength must be above 0 and at most 10000",
                                   field="priorStrength")
        out["prior_strength"] = value
    if data.window_days is not None:
        out["window_days"] = _whole(data.window_days, "windowDays", 7, 365)
    if data.channels is not None:
        channels: list[str] = []
        for i, raw in enumerate(data.channels):
            channel = _enum(Channel, raw, "channels").value
            if channel in channels:
                raise ValidationFailed(f"channel '{channel}' is listed twice",
                                       field=f"channels[{i}]")
            channels.append(channel)
        out["channels"] = channels
    if data.webhook_url is not None:
        out["webhook_url"] = _check_url(data.webhook_url) if data.webhook_url.strip() else ""
    if data.webhook_secret is not None:
        if not data.webhook_secret:
            out["webhook_secret_encrypted"] = ""
        elif len(data.webhook_secret) < MIN_SECRET or not data.webhook_secret.strip():
            raise ValidationFailed(f"webhookSecret must be at least {MIN_SECRET} characters",
                                   field="webhookSecret")
        else:
            out["webhook_secret_encrypted"] = crypto.encrypt(
                settings, {"secret": data.webhook_secret})
    if data.rotate_widget_key:
        out["widget_key"] = _new_widget_key()
    return out


async def configure_decision_rules(org_id: int, data: RulesInput, settings: Settings
                                   ) -> DecisionRules:
    values = _rules_values(data, settings)
    await get_rules(org_id)
    async with in_transaction():
        row = await DecisionRules.filter(organization_id=org_id).select_for_update().first()
        if row is None:
            raise NotFound(f"organization {org_id} not found", field="org")
        channels = values.get("channels", row.channels)
        if Channel.WEBHOOK.value in channels:
            if not values.get("webhook_url", row.webhook_url):
                raise ValidationFailed("webhookUrl is required for the webhook channel",
                                       field="webhookUrl")
            if not values.get("webhook_secret_encrypted", row.webhook_secret_encrypted):
                raise ValidationFailed("webhookSecret is required for the webhook channel",
                                       field="webhookSecret")
        row.update_from_dict(values)
        await row.save()
    return row


def rules_config(row: DecisionRules) -> RulesConfig:
    return RulesConfig(
        routes=parse_routes(row.routes), fallback=Route(row.fallback_route),
        min_probability=float(row.min_probability), control_share=float(row.control_share),
        prior_strength=float(row.prior_strength), window_days=int(row.window_days),
        channels=tuple(Channel(c) for c in row.channels))


def webhook_secret(row: DecisionRules, settings: Settings) -> str | None:
    return crypto.decrypt(settings, row.webhook_secret_encrypted).get("secret") or None
