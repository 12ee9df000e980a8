"""Behavioural clusters: the estimator picks the right k on blobs; a population of three
clearly separated behaviour groups is split into exactly those groups, described in the
right direction and stored as the active "clusters" version; the behaviour features are
read exactly and in a constant number of statements; typed errors for too little data;
another organization's customers never enter the fit; the GraphQL `clusters` field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from domain.enums import InvoiceStatus, Role, Stage, SubscriptionStatus, TicketPriority
from domain.errors import ValidationFailed
from domain.models import (
    Customer,
    Invoice,
    ModelVersion,
    Organization,
    Subscription,
    SupportTicket,
    Transaction,
    UsageEvent,
)
from domain.segments import estimator
from domain.segments.cluster_words import describe
from domain.segments.clusters import (
    NotEnoughCustomers,
    NotEnoughFeatures,
    behaviour_frame,
    fit_clusters,
    latest_clusters,
)
from domain.settings import Settings
from tests.support.api import Gql, count_statements, keys_for
from workers.jobs import fit_in
from workers.runtime import start_process_pool

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
PER_GROUP = 20
# group -> (revenue in the last year, purchase days in it, days since the last, tenure days)
GROUPS = {"big": (9000.0, 30, 5, 900), "lapsed": (0.0, 0, 500, 1000), "mid": (450.0, 6, 90, 250)}
QUERY = """{ clusters { version k silhouette fittedAt asOf customers features
  silhouetteByK { k silhouette }
  clusters { id name description size share centroid { feature label value z } } } }"""


def _matches_groups(labels: dict[int, int], groups: dict[str, list[int]]) -> bool:
    """Each group is exactly one cluster and different groups are different clusters."""
    per_group = [{labels[c] for c in ids} for ids in groups.values()]
    return all(len(s) == 1 for s in per_group) and len(set.union(*per_group)) == len(groups)


async def _customer(org_id: int, name: str, tenure: float) -> Customer:
    return await Customer.create(organization_id=org_id, name=name, stage=Stage.CUSTOMER,
                                 created_at=NOW - tenure * DAY)


async def population(org_id: int, seed: int) -> dict[str, list[int]]:
    """Three behaviour groups of PER_GROUP customers; the "mid" group pays by invoice, the
    others buy through transactions. Returns the customer ids per group."""
    rng = np.random.default_rng(seed)
    ids: dict[str, list[int]] = {}
    txs: list[Transaction] = []
    invoices: list[Invoice] = []
    for group, (revenue, freq, recency, tenure) in GROUPS.items():
        ids[group] = []
        for i in range(PER_GROUP):
            c = await _customer(org_id, f"{group}-{i}",
                                round(rng.normal(tenure, tenure * 0.05)))
            ids[group].append(c.id)
            last = max(1, round(rng.normal(recency, recency * 0.1)))
            if freq:
                n = max(2, round(rng.normal(freq, freq * 0.1)))
                spent = revenue * float(np.exp(rng.normal(0, 0.15)))
                earlier = rng.choice(np.arange(last + 1, 240), size=n - 1, replace=False)
                days = [last, *earlier.tolist()]
            else:  # lapsed: three small orders, the latest `last` days ago
                days, spent = [last, last + 40, last + 90], 90.0 * float(rng.uniform(0.8, 1.2))
            amount = Decimal(str(round(spent / len(days), 2)))
            for j, d in enumerate(days):
                at = NOW - d * DAY
                if group == "mid":
                    invoices.append(Invoice(organization_id=org_id, customer_id=c.id,
                                            amount=amount, status=InvoiceStatus.PAID,
                                            issued_at=at - 2 * DAY, paid_at=at))
                else:
                    txs.append(Transaction(organization_id=org_id, customer_id=c.id,
                                           external_id=f"{c.id}-{j}", at=at, amount=amount))
    await Transaction.bulk_create(txs)
    await Invoice.bulk_create(invoices)
    return ids


# --- the estimator alone ------------------------------------------------------------------

def _blobs(seed: int, per: int, centres: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = np.vstack([c + rng.normal(scale=0.8, size=(per, centres.shape[1])) for c in centres])
    truth = np.repeat(np.arange(len(centres)), per)
    return pd.DataFrame(X, columns=[f"x{i}" for i in range(centres.shape[1])]), truth


def _same_partition(labels: np.ndarray, truth: np.ndarray) -> bool:
    pairs = set(zip(labels.tolist(), truth.tolist(), strict=True))
    return len(pairs) == len(set(truth.tolist())) == len(set(labels.tolist()))


@pytest.mark.parametrize("k", [2, 4, 6])
def test_estimator_picks_the_number_of_blobs(k: int) -> None:
    rng = np.random.default_rng(k)
    centres = rng.uniform(-12, 12, size=(k, 4))
    while min(np.linalg.norm(a - b) for i, a in enumerate(centres) for b in centres[i + 1:]) < 8:
        centres = rng.uniform(-12, 12, size=(k, 4))
    frame, truth = _blobs(k, 60, centres)
    model = estimator.fit(frame)
    assert model.k == k
    assert sorted(model.silhouette_by_k) == list(range(2, 9))
    assert model.silhouette == max(model.silhouette_by_k.values())
    assert _same_partition(model.labels, truth)
    sizes = model.sizes()
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == len(frame)
    # the stored scaler and centroids assign the same rows to the same clusters
    again = estimator.from_json(model.to_json())
    assert (estimator.predict(again, frame) == model.labels).all()


def test_estimator_fits_candidates_on_a_sample_and_refits_on_every_row() -> None:
    centres = np.array([[0.0, 0.0, 0.0], [9.0, 0.0, 0.0], [0.0, 9.0, 0.0]])
    frame, truth = _blobs(3, 400, centres)
    model = estimator.fit(frame, silhouette_sample=150, fit_sample=300)
    assert model.k == 3 and len(model.labels) == len(frame)
    assert model.params["fit_sample"] == 300 and model.params["silhouette_sample"] == 150
    assert _same_partition(model.labels, truth)


def test_log_scaling_makes_skewed_money_cluster_by_order_of_magnitude() -> None:
    rng = np.random.default_rng(5)
    spend = np.concatenate([rng.uniform(8, 12, 40), rng.uniform(80, 120, 40),
                            rng.uniform(8000, 12000, 40)])
    frame = pd.DataFrame({"spend": spend, "noise": rng.normal(0, 0.01, 120)})
    model = estimator.fit(frame, features=["spend"], log_features=["spend"])
    assert model.k == 3 and _same_partition(model.labels, np.repeat(np.arange(3), 40))


def test_descriptions_follow_the_direction_and_size_of_the_centroid() -> None:
    name, text = describe({"revenue_365d": 1.8, "purchase_days_365d": 0.9,
                           "days_since_purchase": -1.0, "tenure_days": 0.1},
                          {"revenue_365d": 9100.0, "purchase_days_365d": 30.0,
                           "days_since_purchase": 5.0, "tenure_days": 900.0}, "USD")
    assert name == "Big spenders"
    assert text.startswith("Spend much more, buy more often and bought recently.")
    assert "$9,100 spent in the last year" in text and "30 purchase days a year" in text
    assert "last purchase 5 days ago" in text and "tenure" not in text
    name, text = describe({"revenue_365d": -1.2, "days_since_purchase": 1.6},
                          {"revenue_365d": 0.0, "days_since_purchase": 426.0}, "EUR")
    assert name == "Lapsed" and text.startswith("Have not bought for a long time and spend less")
    assert "last purchase ~14 months ago" in text and "€0 spent" in text
    assert describe({"revenue_365d": 0.1, "mrr": -0.2}, {"revenue_365d": 1.0, "mrr": 0.0},
                    "USD")[0] == "Typical"


# --- the behaviour features -------------------------------------------------------------

async def test_behaviour_features_are_read_exactly(org: Organization) -> None:
    o = org.id
    a = await _customer(o, "buyer", 600)
    await Transaction.bulk_create([
        Transaction(organization_id=o, customer_id=a.id, external_id=ext, at=at,
                    amount=Decimal(amount))
        for ext, at, amount in (
            ("t1", NOW - 10 * DAY, "100"), ("t2", NOW - 10 * DAY + timedelta(hours=1), "50"),
            ("t3", NOW - 400 * DAY, "30"), ("late", NOW + DAY, "5000"))])
    await Invoice.bulk_create([
        Invoice(organization_id=o, customer_id=a.id, amount=Decimal("200"),
                status=InvoiceStatus.PAID, issued_at=NOW - 100 * DAY, paid_at=NOW - 99 * DAY),
        Invoice(organization_id=o, customer_id=a.id, amount=Decimal("999"),
                status=InvoiceStatus.OPEN, issued_at=NOW - 20 * DAY)])
    await Subscription.bulk_create([
        Subscription(organization_id=o, customer_id=a.id, plan="growth", mrr=Decimal("150"),
                     status=SubscriptionStatus.ACTIVE, started_at=NOW - 500 * DAY),
        Subscription(organization_id=o, customer_id=a.id, plan="starter", mrr=Decimal("70"),
                     status=SubscriptionStatus.CANCELED, started_at=NOW - 300 * DAY,
                     canceled_at=NOW - 30 * DAY)])
    await SupportTicket.bulk_create([
        SupportTicket(organization_id=o, customer_id=a.id, topic="billing",
                      priority=TicketPriority.NORMAL, sentiment=0.0, opened_at=NOW - d * DAY)
        for d in (5, 60, 120)])
    await UsageEvent.bulk_create([  # 10 a week in the last 4 weeks, 5 a week in the 8 before
        UsageEvent(organization_id=o, customer_id=a.id, type="login",
                   at=NOW - timedelta(weeks=w, days=1), quantity=10 if w < 4 else 5)
        for w in range(12)])
    b = await _customer(o, "subscriber", 50)
    await Subscription.create(organization_id=o, customer_id=b.id, plan="growth",
                              mrr=Decimal("80"), status=SubscriptionStatus.ACTIVE,
                              started_at=NOW - 40 * DAY)
    await _customer(o, "lead only", 30)
    late = await _customer(o, "buys tomorrow", 30)
    await Transaction.create(organization_id=o, customer_id=late.id, external_id="x",
                             at=NOW + DAY, amount=Decimal("10"))

    with count_statements() as statements:
        frame, currency = await behaviour_frame(o, NOW)
    assert len(statements) == 4 and currency == "USD"
    assert frame.index.tolist() == [a.id, b.id]
    assert frame.loc[a.id].to_dict() == pytest.approx({
        "revenue_365d": 350.0, "purchase_days_365d": 2.0, "days_since_purchase": 10 - 1 / 24,
        "avg_order_value": 95.0, "tenure_days": 600.0, "mrr": 150.0, "usage_trend": 1.0,
        "tickets_90d": 2.0})
    assert frame.loc[b.id].to_dict() == pytest.approx({
        "revenue_365d": 0.0, "purchase_days_365d": 0.0, "days_since_purchase": 50.0,
        "avg_order_value": 0.0, "tenure_days": 50.0, "mrr": 80.0, "usage_trend": 0.0,
        "tickets_90d": 0.0})


async def test_feature_reads_take_the_same_statements_whatever_the_population(
        org: Organization, other_org: Organization) -> None:
    await population(org.id, seed=1)
    with count_statements() as statements:
        frame, _ = await behaviour_frame(org.id, NOW)
    assert len(frame) == 3 * PER_GROUP and len(statements) == 4
    assert "usage_trend" not in frame.columns  # the organization has no usage
    frame, _ = await behaviour_frame(other_org.id, NOW)
    assert frame.empty


# --- fitting, describing, storing -------------------------------------------------------

async def test_three_behaviour_groups_become_three_described_clusters(
        org: Organization, other_org: Organization) -> None:
    groups = await population(org.id, seed=2)
    strangers = await population(other_org.id, seed=3)
    fit = await fit_clusters(org.id, at=NOW)
    s = fit.summary
    assert s.k == 3 and s.silhouette == max(s.silhouette_by_k.values())
    assert sorted(s.silhouette_by_k) == list(range(2, 9))
    assert set(fit.labels) == {c for ids in groups.values() for c in ids}
    assert not set(fit.labels) & {c for ids in strangers.values() for c in ids}
    assert _matches_groups(fit.labels, groups)
    assert set(s.dropped) == {"mrr", "tickets_90d"} and s.customers == 3 * PER_GROUP
    by_group = {g: s.clusters[fit.labels[ids[0]]] for g, ids in groups.items()}
    assert [c.size for c in s.clusters] == [PER_GROUP] * 3
    assert sum(c.share for c in s.clusters) == pytest.approx(1.0)

    big, lapsed, mid = by_group["big"], by_group["lapsed"], by_group["mid"]
    z = {g: {f.feature: f.z for f in c.centroid} for g, c in by_group.items()}
    assert z["big"]["revenue_365d"] > z["mid"]["revenue_365d"] > z["lapsed"]["revenue_365d"]
    assert z["lapsed"]["days_since_purchase"] > 0 > z["big"]["days_since_purchase"]
    assert "spend" in big.description.lower() and "more" in big.description
    assert "less" not in big.description.split(".")[0]
    assert "have not bought" in lapsed.description.lower()
    assert "spend much more" not in mid.description.lower()
    assert len({c.name for c in s.clusters}) == 3
    medians = {f.feature: f.value for f in big.centroid}
    assert 25 <= medians["purchase_days_365d"] <= 35 and medians["days_since_purchase"] < 10
    assert {f.feature: f.value for f in lapsed.centroid}["revenue_365d"] == 0.0

    stored = await ModelVersion.get(id=s.version_id)
    assert stored.kind == "clusters" and stored.status.value == "active"
    assert stored.metrics["k"] == 3 and len(stored.metrics["clusters"]) == 3
    assert await latest_clusters(org.id) == s
    assert await latest_clusters(other_org.id) is None

    again = await fit_clusters(org.id, at=NOW)  # the newest fit replaces the active one
    assert again.summary.version == s.version + 1 and again.labels == fit.labels
    await stored.refresh_from_db()
    assert stored.status.value == "retired"
    assert (await latest_clusters(org.id)) == again.summary


async def test_the_fit_runs_in_the_workers_process_pool(org: Organization,
                                                       settings: Settings) -> None:
    groups = await population(org.id, seed=8)
    pool = start_process_pool(settings)
    try:
        fit = await fit_clusters(org.id, at=NOW, fit_in=fit_in({"process_pool": pool}))
    finally:
        pool.shutdown(wait=True)
    assert fit.summary.k == 3 and _matches_groups(fit.labels, groups)


async def test_too_few_customers_is_a_typed_error(org: Organization,
                                                   other_org: Organization) -> None:
    await population(other_org.id, seed=4)  # plenty elsewhere: they must not count
    for i in range(9):
        c = await _customer(org.id, f"c{i}", 100 + i)
        await Transaction.create(organization_id=org.id, customer_id=c.id, external_id=f"{i}",
                                 at=NOW - (i + 1) * DAY, amount=Decimal(10 + i))
    with pytest.raises(NotEnoughCustomers) as caught:
        await fit_clusters(org.id, at=NOW)
    assert caught.value.code == "NOT_ENOUGH_CUSTOMERS" and caught.value.field == "customers"
    assert "at least 10" in caught.value.message and "has 9" in caught.value.message
    assert await latest_clusters(org.id) is None


async def test_customers_who_all_behave_alike_are_a_typed_error(org: Organization) -> None:
    for i in range(12):  # same signup, same single purchase: only tenure-free features
        c = await _customer(org.id, f"twin{i}", 30)
        await Transaction.create(organization_id=org.id, customer_id=c.id, external_id=f"{i}",
                                 at=NOW - 10 * DAY, amount=Decimal(25))
    with pytest.raises(NotEnoughFeatures) as caught:
        await fit_clusters(org.id, at=NOW)
    assert caught.value.code == "NOT_ENOUGH_FEATURES" and caught.value.field == "features"
    assert "revenue_365d" in caught.value.message


async def test_naive_at_is_refused(org: Organization) -> None:
    with pytest.raises(ValidationFailed, match="timezone-aware"):
        await fit_clusters(org.id, at=datetime(2026, 1, 1))


# --- GraphQL ----------------------------------------------------------------------------

async def test_graphql_clusters_returns_the_stored_summary(gql: Gql, org: Organization,
                                                          other_org: Organization) -> None:
    assert (await gql.data(QUERY, role=Role.ANALYST))["clusters"] is None
    await population(org.id, seed=6)
    fit = await fit_clusters(org.id, at=NOW)
    data = (await gql.data(QUERY, role=Role.ANALYST))["clusters"]
    s = fit.summary
    assert data["version"] == s.version and data["k"] == 3 == len(data["clusters"])
    assert data["silhouette"] == pytest.approx(s.silhouette)
    assert [(x["k"], x["silhouette"]) for x in data["silhouetteByK"]] == sorted(
        s.silhouette_by_k.items())
    assert data["customers"] == 3 * PER_GROUP and data["features"] == s.features
    assert datetime.fromisoformat(data["asOf"]) == NOW
    assert datetime.fromisoformat(data["fittedAt"]) == s.fitted_at
    for got, want in zip(data["clusters"], s.clusters, strict=True):
        assert (got["id"], got["name"], got["description"], got["size"]) == (
            want.id, want.name, want.description, want.size)
        assert [(f["feature"], f["label"], f["value"], f["z"]) for f in got["centroid"]] == [
            (f.feature, f.label, f.value, f.z) for f in want.centroid]

    denied = await gql(QUERY, role=Role.VIEWER)
    assert denied["data"] is None or denied["data"]["clusters"] is None
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    other = Gql(client=gql.client, keys=await keys_for(other_org.id))
    assert (await other.data(QUERY, role=Role.ANALYST))["clusters"] is None
