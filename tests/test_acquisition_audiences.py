"""Acquisition audiences (High-CLV / Growth-Potential / Low-CLV) from customers' predicted
CLV, their hashed-email CSV and its authenticated, organization-scoped route, the budget
split, and the audiences / budgetAllocation GraphQL fields."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

import pytest

from domain.acquisition.audiences import (
    AudienceName,
    audience_csv,
    audiences,
    hash_email,
    normalise_email,
)
from domain.acquisition.budget import allocate, parse_weights
from domain.enums import Role, ValueTier
from domain.errors import ValidationFailed
from domain.models import Organization
from domain.settings import Settings
from tests.support.acquisition import seed_audiences, valued
from tests.support.api import Gql, count_statements, keys_for


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# ---- audiences -----------------------------------------------------------------------

async def test_audiences_partition_customers_by_tier_and_value_ahead(
        org: Organization, other_org: Organization) -> None:
    ids = await seed_audiences(org.id)
    await seed_audiences(other_org.id)
    found = {a.name: a for a in await audiences(org.id)}
    members = {name: [m.customer_id for m in a.members] for name, a in found.items()}
    assert members == {
        AudienceName.HIGH_CLV: [ids["high"], ids["dupe"]],  # highest value first
        # 300 >= 1.5 x 100 (the paid invoice of the last year); 150 == 1.5 x 100 (a
        # transaction); 200 >= 1.5 x 100 (paid, dated by issue; the failed one not counted)
        AudienceName.GROWTH_POTENTIAL: [ids["growth"], ids["failed"], ids["edge"]],
        # 140 < 1.5 x (60 + 40); no value at all
        AudienceName.LOW_CLV: [ids["low"], ids["zero"]],
    }
    growth = found[AudienceName.GROWTH_POTENTIAL]
    assert (growth.count, growth.total_clv, growth.avg_clv) == (3, 650, round(650 / 3, 2))
    assert growth.missing_emails == 1
    assert {m.customer_id: m.revenue_12m for m in growth.members} == {
        ids["growth"]: 100, ids["failed"]: 100, ids["edge"]: 100}
    assert found[AudienceName.LOW_CLV].missing_emails == 1  # "x@y" has no dot in its domain
    other = [m.customer_id for a in await audiences(other_org.id) for m in a.members]
    assert len(other) == 7 and not set(other) & set(ids.values())


def test_emails_are_normalised_as_ad_platforms_require() -> None:
    assert normalise_email("  John.Doe@GMail.com \n") == "johndoe@gmail.com"
    assert normalise_email("J.Doe+promo@googlemail.com") == "jdoe+promo@googlemail.com"
    assert normalise_email("Jane.Roe+ads@Example.COM") == "jane.roe+ads@example.com"
    assert hash_email(" John.Doe@GMail.com") == _sha("johndoe@gmail.com")
    assert hash_email("jane.roe@example.com") != hash_email("janeroe@example.com")
    for bad in (None, "", "   ", "no-at-sign", "x@y", "a@b@c.com", "a b@c.com", ".@gmail.com"):
        assert hash_email(bad) is None


async def test_csv_hashes_normalised_emails_and_skips_the_rest(org: Organization) -> None:
    await seed_audiences(org.id)
    high = await audience_csv(org.id, AudienceName.HIGH_CLV, country=True)
    # both high customers normalise to johndoe@gmail.com: one row, the higher value
    assert high.content == f"email_sha256,value,country\n{_sha('johndoe@gmail.com')},900.00,US\n"
    assert (high.rows, high.skipped, high.duplicates) == (1, 0, 1)
    growth = await audience_csv(org.id, AudienceName.GROWTH_POTENTIAL)
    assert growth.content.splitlines() == [
        "email_sha256,value", f"{_sha('jane.roe+ads@example.com')},300.00",
        f"{_sha('abc@googlemail.com')},150.00"]
    assert (growth.rows, growth.skipped) == (2, 1)


async def test_csv_route_needs_a_key_and_serves_only_its_organization(
        gql: Gql, org: Organization, other_org: Organization) -> None:
    await seed_audiences(org.id)
    await valued(other_org.id, "theirs", tier=ValueTier.HIGH, value=999,
                  email="theirs@example.com")
    url = "/audiences/high_clv.csv"
    assert (await gql.client.get(url)).status_code == 401
    bad = await gql.client.get(url, headers={"Authorization": "Bearer ll_000000000000_nope"})
    assert bad.status_code == 401 and bad.json()["error"]["field"] == "authorization"
    viewer = await gql.client.get(
        url, headers={"Authorization": f"Bearer {gql.keys[Role.VIEWER]}"})
    assert viewer.status_code == 403
    ok = await gql.client.get(
        url + "?country=1", headers={"Authorization": f"Bearer {gql.keys[Role.ANALYST]}"})
    assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/csv")
    assert ok.text == f"email_sha256,value,country\n{_sha('johndoe@gmail.com')},900.00,US\n"
    assert _sha("theirs@example.com") not in ok.text
    theirs = await gql.client.get(url, headers={
        "Authorization": f"Bearer {(await keys_for(other_org.id))[Role.ANALYST]}"})
    assert theirs.text == f"email_sha256,value\n{_sha('theirs@example.com')},999.00\n"
    missing = await gql.client.get("/audiences/everyone.csv", headers={
        "Authorization": f"Bearer {gql.keys[Role.ANALYST]}"})
    assert missing.status_code == 404


# ---- budget --------------------------------------------------------------------------

@dataclass(frozen=True)
class Tier:
    name: str
    count: int
    avg_clv: float


TIERS = [Tier("high_clv", 10, 1000.0), Tier("growth_potential", 20, 400.0),
         Tier("low_clv", 30, 50.0)]


def test_budget_splits_by_weight_in_exact_cents() -> None:
    split = allocate(600, TIERS)
    assert [t.spend for t in split.tiers] == [300, 200, 100]
    assert [t.spend_per_customer for t in split.tiers] == [30, 10, 3.33]
    assert [t.max_cac for t in split.tiers] == [300, 120, 15]  # 30% of the average CLV
    assert split.tiers[0].new_customers_at_max_cac == 1
    assert split.tiers[0].expected_clv == 1000 and split.tiers[0].return_on_spend == 3.3333
    for total in (100.01, 0.05, 1234567.89, 0.0):
        spends = [round(t.spend * 100) for t in allocate(total, TIERS).tiers]
        assert sum(spends) == round(total * 100)
        for cents, weight in zip(spends, (3, 2, 1), strict=True):
            assert abs(cents - total * 100 * weight / 6) < 1
    assert [t.spend for t in allocate(100.01, TIERS).tiers] == [50.0, 33.34, 16.67]
    custom = allocate(100, TIERS, "1, 1, 2", cac_share=0.5)
    assert [t.spend for t in custom.tiers] == [25, 25, 50] and custom.tiers[0].max_cac == 500


def test_budget_skips_empty_tiers_and_renormalises() -> None:
    tiers = [TIERS[0], Tier("growth_potential", 0, 0.0), TIERS[2]]
    split = allocate(100, tiers)
    assert [t.spend for t in split.tiers] == [75, 0, 25]
    assert [t.skipped for t in split.tiers] == [False, True, False]
    assert split.tiers[1].spend_per_customer is None and split.tiers[1].max_cac is None
    with pytest.raises(ValidationFailed) as err:
        allocate(100, [Tier(t.name, 0, 0.0) for t in TIERS])
    assert err.value.field == "audiences"
    with pytest.raises(ValidationFailed) as err:
        allocate(100, tiers, (0, 1, 0))
    assert err.value.field == "weights"


@pytest.mark.parametrize(("total", "weights", "field"), [
    (-1.0, (3, 2, 1), "totalBudget"), (math.nan, (3, 2, 1), "totalBudget"),
    (math.inf, (3, 2, 1), "totalBudget"), (100.0, (3, -2, 1), "weights"),
    (100.0, (0, 0, 0), "weights"), (100.0, (3, 2), "weights"), (100.0, "3,2,x", "weights"),
    (100.0, (3, math.nan, 1), "weights"),
])
def test_bad_budgets_and_weights_name_their_field(total: float, weights: Any,
                                                  field: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        allocate(total, TIERS, weights)
    assert err.value.field == field


def test_weights_come_from_settings_text() -> None:
    assert parse_weights(Settings().clv_budget_weights) == (3, 2, 1)
    with pytest.raises(ValidationFailed) as err:
        parse_weights("3,2", field="clvBudgetWeights")
    assert err.value.field == "clvBudgetWeights"


# ---- GraphQL -------------------------------------------------------------------------

AUDIENCES = """{ audiences { name count totalClv avgClv missingEmails csvUrl
  customers(first: 2) { customerId name email emailSha256 value tier revenueLast12Months } } }"""
BUDGET = """query($total: Float!, $weights: [Float!]) {
  budgetAllocation(totalBudget: $total, weights: $weights) { totalBudget weights cacShare
    tiers { audience weight share count spend spendPerCustomer avgClv maxCac
            newCustomersAtMaxCac expectedClv returnOnSpend skipped } } }"""


async def test_audiences_and_budget_through_graphql(gql: Gql, org: Organization,
                                                    other_org: Organization) -> None:
    ids = await seed_audiences(org.id)
    await seed_audiences(other_org.id)
    await gql.data("{ viewer { role } }", role=Role.ANALYST)  # the key's first use
    with count_statements() as statements:
        data = (await gql.data(AUDIENCES, role=Role.ANALYST))["audiences"]
    assert len(statements) == 1  # every audience, member and revenue in one statement
    assert [a["name"] for a in data] == ["HIGH_CLV", "GROWTH_POTENTIAL", "LOW_CLV"]
    assert [a["count"] for a in data] == [2, 3, 2]
    high = data[0]
    assert high["totalClv"] == 1400 and high["avgClv"] == 700 and high["missingEmails"] == 0
    assert high["csvUrl"].endswith("/audiences/high_clv.csv")
    assert high["customers"][0] == {
        "customerId": str(ids["high"]), "name": "high", "email": "  John.Doe@GMail.com ",
        "emailSha256": _sha("johndoe@gmail.com"), "value": 900.0, "tier": "high",
        "revenueLast12Months": 0.0}
    assert len(data[1]["customers"]) == 2  # first: 2 of 3

    split = (await gql.data(BUDGET, {"total": 600.0}, role=Role.ANALYST))["budgetAllocation"]
    assert split["weights"] == [3, 2, 1] and split["cacShare"] == 0.3
    assert [(t["audience"], t["spend"]) for t in split["tiers"]] == [
        ("HIGH_CLV", 300), ("GROWTH_POTENTIAL", 200), ("LOW_CLV", 100)]
    assert split["tiers"][0]["maxCac"] == 210  # 30% of the High-CLV average, 700
    custom = (await gql.data(BUDGET, {"total": 100.01, "weights": [1, 0, 1]},
                             role=Role.ANALYST))["budgetAllocation"]
    assert [t["spend"] for t in custom["tiers"]] == [50.01, 0, 50.0]
    bad = await gql(BUDGET, {"total": -5.0}, role=Role.ANALYST)
    assert bad["errors"][0]["extensions"]["field"] == "totalBudget"
    bad = await gql(BUDGET, {"total": 5.0, "weights": [1, 2]}, role=Role.ANALYST)
    assert bad["errors"][0]["extensions"]["field"] == "weights"
    denied = await gql(AUDIENCES, role=Role.VIEWER)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
