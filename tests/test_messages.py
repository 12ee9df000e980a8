"""Message drafts: the built-in templates and loading a generator from the settings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import pytest

from domain.campaigns.messages import (
    DraftInput,
    MessageGenerator,
    TemplateGenerator,
    load_generator,
    split_draft,
)
from domain.enums import IncentiveKind, RiskLevel, ValueTier
from domain.errors import ValidationFailed
from domain.settings import Settings

# one segment of each family, and one that is no RFM segment at all
FAMILY_SEGMENTS = ("Champions", "Cannot Lose Them", "Hibernating", "Promising",
                   "Need Attention", "")
# the value each kind is offered with (percent, amount) and how the text shows it
VALUES = {IncentiveKind.PERCENT_DISCOUNT: (15.0, None, "15%"),
          IncentiveKind.FIXED_CREDIT: (None, 50.0, "$50"),
          IncentiveKind.FREE_UPGRADE: (None, 40.0, "$40"),
          IncentiveKind.FEATURE_UNLOCK: (None, 15.0, "$15"),
          IncentiveKind.LOYALTY_BONUS: (None, 120.5, "$120.50"),
          IncentiveKind.BUNDLE: (12.5, None, "12.5%")}


def item(segment: str = "At Risk", kind: IncentiveKind | None = IncentiveKind.PERCENT_DISCOUNT,
         *, name: str = "Acme Corp", months: int = 3, tier: ValueTier = ValueTier.MEDIUM,
         percent: float | None = 15.0, amount: float | None = None,
         currency: str = "USD") -> DraftInput:
    return DraftInput(customer_name=name, segment=segment, risk_level=RiskLevel.HIGH, tier=tier,
                      incentive_code="" if kind is None else "offer_1",
                      incentive_name="" if kind is None else "Summer Special",
                      incentive_kind=kind, percent=percent, amount=amount,
                      duration_months=months, currency=currency)


def test_every_family_and_kind_names_the_value_and_duration() -> None:
    gen = TemplateGenerator()
    seen: set[str] = set()
    for segment in FAMILY_SEGMENTS:
        for kind in IncentiveKind:
            percent, amount, shown = VALUES[kind]
            for months, duration in ((3, "3 months"), (1, "month")):
                text = gen.draft(item(segment, kind, percent=percent, amount=amount,
                                      months=months))
                subject, body = split_draft(text)
                assert subject and body, (segment, kind, text)
                assert "Hi Acme Corp," in body
                assert shown in body, (segment, kind, body)
                assert duration in body, (segment, kind, months, body)
                assert "{" not in text and "}" not in text
                seen.add(subject)
    # the subject differs by family and by kind
    assert len(seen) >= len(FAMILY_SEGMENTS) * len(IncentiveKind) - 1


def test_kinds_without_a_value_name_the_incentive() -> None:
    gen = TemplateGenerator()
    for kind in (IncentiveKind.FEATURE_UNLOCK, IncentiveKind.BUNDLE,
                 IncentiveKind.PERCENT_DISCOUNT, IncentiveKind.FIXED_CREDIT):
        body = split_draft(gen.draft(item(kind=kind, percent=None, amount=None)))[1]
        assert "Summer Special" in body and "3 months" in body, (kind, body)


def test_the_example_sentence_and_currencies() -> None:
    gen = TemplateGenerator()
    body = split_draft(gen.draft(item("Loyal Customers")))[1]
    assert "We'd like to offer you 15% off your next 3 months." in body
    credit = IncentiveKind.FIXED_CREDIT
    assert "€1,200" in gen.draft(item(kind=credit, percent=None, amount=1200, currency="eur"))
    assert "£49.99" in gen.draft(item(kind=credit, percent=None, amount=49.99, currency="GBP"))
    assert "¥5,000" in gen.draft(item(kind=credit, percent=None, amount=5000, currency="JPY"))
    assert "75 CHF" in gen.draft(item(kind=credit, percent=None, amount=75, currency="CHF"))


def test_no_incentive_is_a_check_in_without_an_offer() -> None:
    gen = TemplateGenerator()
    for segment in FAMILY_SEGMENTS:
        text = gen.draft(item(segment, None, percent=None, amount=None))
        subject, body = split_draft(text)
        assert subject and "Hi Acme Corp," in body
        lowered = text.lower()
        for word in ("%", "$", "off your", "credit", "discount", "free", "offer", "bonus",
                     "upgrade"):
            assert word not in lowered, (segment, word, text)
    # a stray value on an item without an incentive is not offered either
    text = gen.draft(item("At Risk", None, percent=20.0, amount=99.0))
    assert "20%" not in text and "99" not in text


def test_names_are_text_not_format_fields() -> None:
    gen = TemplateGenerator()
    text = gen.draft(replace(item(kind=IncentiveKind.BUNDLE, percent=None, amount=None),
                             customer_name="{amount} {0}", incentive_name="Pro {n} pack"))
    assert "Hi {amount} {0}," in text and "Pro {n} pack" in text
    anonymous = split_draft(gen.draft(item(name="  ")))[1]
    assert anonymous.startswith("Hi there,")


def test_high_tier_and_family_change_the_text() -> None:
    gen = TemplateGenerator()
    medium, high = gen.draft(item()), gen.draft(item(tier=ValueTier.HIGH))
    assert medium != high and "most valued customers" in high
    assert gen.draft(item("Champions")) != gen.draft(item("Lost"))


def test_draft_many_equals_draft_item_by_item() -> None:
    kinds: list[IncentiveKind | None] = [*IncentiveKind, None]
    items = [item(FAMILY_SEGMENTS[i % len(FAMILY_SEGMENTS)], kinds[i % len(kinds)],
                  name=f"Customer {i}", months=1 + i % 4,
                  tier=(ValueTier.HIGH, ValueTier.LOW)[i % 2],
                  percent=float(5 + i % 20), amount=float(10 * (i % 7)),
                  currency=("USD", "EUR", "SEK")[i % 3])
             for i in range(500)]
    many = TemplateGenerator().draft_many(items)
    fresh = TemplateGenerator()
    assert many == [fresh.draft(x) for x in items]
    assert len(set(many)) == len(items)  # each names its own customer
    assert TemplateGenerator().draft_many([]) == []


def test_split_draft() -> None:
    assert split_draft("Subject: Hello\n\nBody\nmore") == ("Hello", "Body\nmore")
    assert split_draft("Just a body") == ("", "Just a body")


class EchoGenerator:
    """A generator plugged in through settings.message_generator."""

    def __init__(self, signature: str) -> None:
        self.signature = signature

    def draft(self, item: DraftInput) -> str:
        return f"Subject: For {item.customer_name}\n\n{item.incentive_code} -- {self.signature}"

    def draft_many(self, items: Sequence[DraftInput]) -> list[str]:
        return [self.draft(x) for x in items]


def make_generator(settings: Settings) -> EchoGenerator:
    return EchoGenerator(f"sent from {settings.env}")


def not_a_generator(settings: Settings) -> object:
    return object()


def test_empty_setting_loads_the_templates(settings: Settings) -> None:
    gen = load_generator(settings.model_copy(update={"message_generator": ""}))
    assert isinstance(gen, TemplateGenerator)


def test_custom_generator_loads_from_a_dotted_path(settings: Settings) -> None:
    configured = settings.model_copy(
        update={"message_generator": "tests.test_messages:make_generator"})
    gen = load_generator(configured)
    assert isinstance(gen, EchoGenerator) and isinstance(gen, MessageGenerator)
    assert gen.draft(item()) == f"Subject: For Acme Corp\n\noffer_1 -- sent from {settings.env}"
    assert gen.draft_many([item(name="A"), item(name="B")])[1].startswith("Subject: For B")


@pytest.mark.parametrize(("path", "problem"), [
    ("tests.test_messages.make_generator", "must look like"),
    ("tests.test_messages:", "must look like"),
    ("tests.no_such_module:make_generator", "cannot import"),
    ("tests.test_messages:no_such_factory", "no callable"),
    ("tests.test_messages:FAMILY_SEGMENTS", "no callable"),
    ("tests.test_messages:not_a_generator", "no draft(item)"),
])
def test_a_bad_path_fails_naming_message_generator(settings: Settings, path: str,
                                                   problem: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        load_generator(settings.model_copy(update={"message_generator": path}))
    assert caught.value.field == "message_generator"
    assert problem in caught.value.message
    assert re.search(re.escape(repr(path)), caught.value.message)
