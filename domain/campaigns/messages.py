"""Retention message drafts behind a pluggable generator.

A draft is one text: a first line `Subject: ...`, a blank line, then the body
(`split_draft` separates them). The built-in `TemplateGenerator` writes from templates per
segment family and incentive kind, with no network; `Settings.message_generator` may name
another generator ("package.module:factory", the factory called with the settings)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from domain.enums import IncentiveKind, RiskLevel, ValueTier
from domain.errors import ValidationFailed
from domain.segments.rfm import Segment
from domain.settings import Settings

SUBJECT_PREFIX = "Subject: "


@dataclass(frozen=True, slots=True)
class DraftInput:
    """What a draft is written from. `segment`: the RFM segment name ("" if unknown);
    `incentive_kind` None: no incentive (a check-in message); `percent` 0-100."""

    customer_name: str
    segment: str
    risk_level: RiskLevel
    tier: ValueTier
    incentive_code: str
    incentive_name: str
    incentive_kind: IncentiveKind | None
    percent: float | None
    amount: float | None
    duration_months: int
    currency: str


@runtime_checkable
class MessageGenerator(Protocol):
    def draft(self, item: DraftInput) -> str: ...

    def draft_many(self, items: Sequence[DraftInput]) -> list[str]: ...


def split_draft(text: str) -> tuple[str, str]:
    """(subject, body) of a draft; the subject is "" when the first line is no subject."""
    first, _, rest = text.strip().partition("\n")
    if first.startswith(SUBJECT_PREFIX):
        return first[len(SUBJECT_PREFIX):].strip(), rest.strip()
    return "", text.strip()


class Family(StrEnum):
    LOYAL = "loyal"  # Champions, Loyal Customers
    AT_RISK = "at_risk"  # At Risk, Cannot Lose Them
    LAPSED = "lapsed"  # Hibernating, Lost
    NEW = "new"  # New Customers, Promising, Potential Loyalists
    OTHER = "other"  # Need Attention, About to Sleep, unknown


FAMILY_OF: dict[str, Family] = {
    Segment.CHAMPIONS.value: Family.LOYAL, Segment.LOYAL.value: Family.LOYAL,
    Segment.AT_RISK.value: Family.AT_RISK, Segment.CANNOT_LOSE.value: Family.AT_RISK,
    Segment.HIBERNATING.value: Family.LAPSED, Segment.LOST.value: Family.LAPSED,
    Segment.NEW.value: Family.NEW, Segment.PROMISING.value: Family.NEW,
    Segment.POTENTIAL_LOYALISTS.value: Family.NEW,
}


def family_of(segment: str) -> Family:
    return FAMILY_OF.get(segment, Family.OTHER)


@dataclass(frozen=True)
class _Voice:
    prefix: str  # subject prefix of an offer
    opening: str
    closing: str
    checkin_subject: str
    checkin: str


_VOICES: dict[Family, _Voice] = {
    Family.LOYAL: _Voice(
        "A thank-you from us",
        "You've been one of our most loyal customers, and we don't take that for granted.",
        "It's our way of saying thank you for sticking with us.",
        "Thank you, {name}",
        "You've been with us through a lot, and we wanted to say thank you. Is there "
        "anything we could be doing better for you? Just reply to this message: we read "
        "every answer."),
    Family.AT_RISK: _Voice(
        "We'd love to keep you with us",
        "We noticed you haven't been getting as much out of your account lately, and we'd "
        "like to help.",
        "And if anything isn't working for you, reply to this message and we'll put it right.",
        "Can we help, {name}?",
        "We noticed you haven't been using your account as much lately. If something isn't "
        "working the way you need it to, tell us: reply to this message and a real person "
        "will help."),
    Family.LAPSED: _Voice(
        "We miss you",
        "It's been a while, and we've made plenty of improvements since you last visited.",
        "We'd love to welcome you back.",
        "It's been a while, {name}",
        "It's been a while since we last saw you. We've been busy improving things, and "
        "we'd love to hear what would make it worth coming back."),
    Family.NEW: _Voice(
        "Something to help you get going",
        "We're glad you chose us, and we want to make sure you get the most out of it.",
        "Reply to this message any time if you'd like a hand getting set up.",
        "How's it going so far, {name}?",
        "You've been with us for a little while now, and we'd love to know how it's going. "
        "Is there anything we could help you with? Just reply to this message."),
    Family.OTHER: _Voice(
        "A little something for you",
        "We appreciate having you as a customer and wanted to do something for you.",
        "We hope you enjoy it.",
        "Checking in, {name}",
        "We wanted to check in and see how things are going. If there's anything we could "
        "do better, just reply to this message."),
}

_HIGH_TIER = ("As one of our most valued customers, you can reply to this message to reach "
              "your account team directly.")
_SIGN_OFF = "Warm regards,\nThe team"


def _offer(kind: IncentiveKind, has_percent: bool, has_amount: bool, single: bool
           ) -> tuple[str, str]:
    """(subject phrase, body sentence) of an incentive, as format strings over
    {percent}, {amount}, {n} and {incentive}."""
    next_months = "your next month" if single else "your next {n} months"
    for_months = "a month" if single else "{n} months"
    value = (" at {percent} off" if has_percent else " (worth {amount})" if has_amount
             else "")
    if kind is IncentiveKind.PERCENT_DISCOUNT:
        if has_percent:
            return (f"{{percent}} off {next_months}",
                    f"We'd like to offer you {{percent}} off {next_months}.")
        if has_amount:
            return (f"{{amount}} off {next_months}",
                    f"We'd like to offer you {{amount}} off {next_months}.")
        return (f"a discount on {next_months}",
                f"We'd like to offer you a discount ({{incentive}}) on {next_months}.")
    if kind is IncentiveKind.FIXED_CREDIT:
        credit = "a {amount} credit" if has_amount else "an account credit ({incentive})"
        if has_percent and not has_amount:
            credit = "a credit of {percent} of your bill"
        return (f"{credit} on your account",
                f"We'd like to give you {credit} on your account, to use over {next_months}.")
    if kind is IncentiveKind.FREE_UPGRADE:
        return (f"a free upgrade for {for_months}",
                f"We'd like to give you a free upgrade to the next plan up for "
                f"{next_months}{value}.")
    if kind is IncentiveKind.FEATURE_UNLOCK:
        return (f"a premium feature, free for {for_months}",
                f"We'd like to unlock one of our premium features for you ({{incentive}}) "
                f"at no extra cost for {next_months}{value}.")
    if kind is IncentiveKind.LOYALTY_BONUS:
        bonus = ("a bonus of {percent} off" if has_percent else "a bonus worth {amount}"
                 if has_amount else "a loyalty bonus ({incentive})")
        return ("a loyalty bonus just for you",
                f"As a thank-you for your loyalty, we'd like to give you {bonus}, to enjoy "
                f"over {next_months}.")
    # IncentiveKind.BUNDLE
    extra = value or " at no extra cost"
    return (f"extras for your plan for {for_months}",
            f"We'd like to add {{incentive}} to your plan{extra} for {next_months}.")


def _braced(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _template(family: Family, kind: IncentiveKind | None, has_percent: bool,
              has_amount: bool, single: bool, high: bool) -> str:
    """The whole draft as a format string over {greeting}, {name}, {percent}, {amount},
    {n} and {incentive} (the fixed text is escaped once, here)."""
    voice = _VOICES[family]
    tier = f"\n\n{_HIGH_TIER}" if high else ""
    if kind is None:
        subject = voice.checkin_subject
        paragraph = _braced(voice.checkin)
    else:
        short, sentence = _offer(kind, has_percent, has_amount, single)
        subject = f"{_braced(voice.prefix)}: {short}"
        paragraph = f"{_braced(voice.opening)} {sentence} {_braced(voice.closing)}"
    return (f"{SUBJECT_PREFIX}{subject}\n\n{{greeting}}\n\n{paragraph}{tier}\n\n"
            f"{_braced(_SIGN_OFF)}")


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "CA$",
            "AUD": "A$", "NZD": "NZ$", "BRL": "R$", "MXN": "MX$"}
_NO_CENTS = frozenset({"JPY", "KRW", "CLP", "ISK", "VND"})


def format_money(amount: float, currency: str) -> str:
    """`$50`, `$49.99`, `€1,200`, `¥5,000`, `1,200 CHF` (whole amounts without cents)."""
    code = currency.strip().upper()
    value = float(amount)
    text = (f"{value:,.0f}" if code in _NO_CENTS or value == int(value)
            else f"{value:,.2f}")
    symbol = _SYMBOLS.get(code)
    if symbol is not None:
        return f"{symbol}{text}"
    return f"{text} {code}" if code else text


def format_percent(percent: float) -> str:
    return f"{float(percent):g}%"


_Key = tuple[Family, IncentiveKind | None, bool, bool, bool, bool]


class TemplateGenerator:
    """Built-in drafts: one template per segment family and incentive kind (and whether
    the incentive has a percent or an amount, lasts one month, and the customer is in the
    high value tier), built once and filled with the customer's name and the amounts."""

    def __init__(self) -> None:
        self._templates: dict[_Key, str] = {}

    def draft(self, item: DraftInput) -> str:
        return self._render(item)

    def draft_many(self, items: Sequence[DraftInput]) -> list[str]:
        render = self._render
        return [render(item) for item in items]

    def _render(self, item: DraftInput) -> str:
        kind, percent, amount = item.incentive_kind, item.percent, item.amount
        percent_text = format_percent(percent) if kind is not None and percent else ""
        amount_text = format_money(amount, item.currency) if kind is not None and amount else ""
        months = item.duration_months if item.duration_months and item.duration_months > 1 else 1
        key = (family_of(item.segment), kind, bool(percent_text), bool(amount_text),
               months == 1, item.tier is ValueTier.HIGH)
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = _template(*key)
        name = item.customer_name.strip()
        return template.format(
            name=name or "there", greeting=f"Hi {name}," if name else "Hi there,",
            incentive=item.incentive_name, n=months, percent=percent_text, amount=amount_text)


def load_generator(settings: Settings) -> MessageGenerator:
    """The configured generator: `TemplateGenerator()` when `message_generator` is empty,
    else the factory it names ("package.module:factory") called with the settings."""
    path = settings.message_generator.strip()
    if not path:
        return TemplateGenerator()
    module_name, sep, attr = path.partition(":")
    if not sep or not module_name.strip() or not attr.strip():
        raise ValidationFailed(
            f'message_generator must look like "package.module:factory", got {path!r}',
            field="message_generator")
    try:
        module = importlib.import_module(module_name.strip())
    except Exception as exc:
        raise ValidationFailed(
            f"message_generator {path!r}: cannot import module {module_name!r} ({exc})",
            field="message_generator") from exc
    factory: Any = module
    for part in attr.strip().split("."):
        factory = getattr(factory, part, None)
    if not callable(factory):
        raise ValidationFailed(
            f"message_generator {path!r}: module {module_name!r} has no callable {attr!r}",
            field="message_generator")
    generator = factory(settings)
    if not isinstance(generator, MessageGenerator):
        raise ValidationFailed(
            f"message_generator {path!r}: the factory returned a {type(generator).__name__}, "
            "which has no draft(item) and draft_many(items) methods",
            field="message_generator")
    return generator
