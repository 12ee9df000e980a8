"""Seed the Stripe, HubSpot and Salesforce sandboxes from one demo world
(`domain.demo.service._build`, without weekly usage), split the way a B2B SaaS company's
tools hold it, so the same company shows up in several sources:

- Stripe: every paying account as a customer, its subscriptions (one item: quantity =
  seats, unit_amount * quantity = the MRR), its invoices (a failed one is `open` with
  attempts made) and a charge per invoice (none for draft / void ones). About half of the
  customers carry `hubspot_company_id` / `salesforce_account_id` metadata; the rest resolve
  by email.
- HubSpot: every account as a company and every lead as a contact of its company.
- Salesforce: the sales-led accounts (with an opportunity) as Accounts with a Contact, their
  Lead, opportunities and stage history (`auto_history` is off while these load).

Ids are deterministic (`cus_000001`; HubSpot and Salesforce allocate in load order). No
Stripe events are recorded.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from domain.demo import story as st
from domain.demo.service import _build
from domain.errors import ValidationFailed
from integrations.sandbox.app import Sandboxes
from integrations.sandbox.hubspot import HubSpotSandbox
from integrations.sandbox.salesforce import SalesforceSandbox
from integrations.sandbox.stripe import StripeSandbox

Cols = dict[str, np.ndarray]
World = dict[str, Cols]
Json = dict[str, Any]

NULL = st.NULL_TS
HUBSPOT_STAGE = {"lead": "lead", "mql": "marketingqualifiedlead", "sql": "salesqualifiedlead",
                 "opportunity": "opportunity"}  # every customer state: "customer"
HUBSPOT_ORDER = ("lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity",
                 "customer")
HUBSPOT_LEAD_STATUS = {"open": "NEW", "working": "IN_PROGRESS", "converted": "CONNECTED",
                       "disqualified": "UNQUALIFIED"}
HUBSPOT_SOURCE = {"organic": "ORGANIC_SEARCH", "paid_search": "PAID_SEARCH",
                  "referral": "REFERRALS", "partner": "OTHER_CAMPAIGNS", "outbound": "OFFLINE",
                  "event": "OFFLINE"}
SF_LEAD_STATUS = {"open": "Open - Not Contacted", "working": "Working - Contacted",
                  "converted": "Closed - Converted", "disqualified": "Closed - Not Converted"}
SF_SOURCE = {"organic": "Web", "paid_search": "Advertisement", "referral": "External Referral",
             "partner": "Partner", "outbound": "Outbound", "event": "Trade Show"}
SF_STAGE = {"prospecting": "Prospecting", "qualification": "Qualification",
            "proposal": "Proposal/Price Quote", "negotiation": "Negotiation/Review",
            "closed_won": "Closed Won", "closed_lost": "Closed Lost"}
SF_FORECAST = {"pipeline": ("Pipeline", "Pipeline"), "best_case": ("BestCase", "Best Case"),
               "commit": ("Forecast", "Commit"), "closed": ("Closed", "Closed"),
               "omitted": ("Omitted", "Omitted")}  # ours -> (ForecastCategory, ...Name)
STRIPE_INVOICE = {"paid": "paid", "failed": "open", "open": "open", "void": "void",
                  "uncollectible": "uncollectible", "draft": "draft"}
STAMPED = {"paid": "paid_at", "void": "voided_at", "uncollectible": "marked_uncollectible_at"}
REF_SHARE = 0.5  # of Stripe customers carrying CRM ids in their metadata


@dataclass(frozen=True)
class SeedSummary:
    """Objects loaded into each sandbox."""

    stripe_customers: int
    stripe_subscriptions: int
    stripe_invoices: int
    stripe_charges: int
    hubspot_companies: int
    hubspot_contacts: int
    hubspot_deals: int
    salesforce_accounts: int
    salesforce_contacts: int
    salesforce_leads: int
    salesforce_opportunities: int
    salesforce_history: int

    @property
    def total(self) -> int:
        return sum(astuple(self))


def seed_sandboxes(sandboxes: Sandboxes, *, customers: int, seed: int = 7,
                   now: datetime | None = None, years: int = 3) -> SeedSummary:
    """Build the demo world for (`customers`, `seed`, `now`, `years`) exactly as
    `generate_world_report` does, without weekly usage, and load it into the sandboxes."""
    if customers < 0:
        raise ValidationFailed("customers must be zero or more", field="customers")
    if years < 1:
        raise ValidationFailed("years must be at least 1", field="years")
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    end = int(moment.timestamp())
    start = int((moment - timedelta(days=365 * years)).timestamp())
    world = {t.name: {c.name: c.values for c in t.columns if c.values is not None}
             for t in _build(customers, seed, start, end, 0)}
    gc_was_on = gc.isenabled()
    gc.disable()  # hundreds of thousands of acyclic dicts: collections would only cost time
    try:
        sf_ids, sf_counts = _salesforce(sandboxes.salesforce, world)
        hs_ids, hs_counts = _hubspot(sandboxes.hubspot, world)
        stripe_counts = _stripe(sandboxes.stripe, world, seed, end, sf_ids, hs_ids)
    finally:
        if gc_was_on:
            gc.enable()
    return SeedSummary(*stripe_counts, *hs_counts, *sf_counts)


# -- helpers ----------------------------------------------------------------------------------

def _names(people: np.ndarray) -> tuple[list[str], list[str]]:
    """'Quinn Clark' -> (['Quinn'], ['Clark'])."""
    parts = [str(person).partition(" ") for person in people.tolist()]
    return [g if f else "" for g, _, f in parts], [f or g for g, _, f in parts]


def _sf_datetimes(ts: np.ndarray) -> list[str]:
    text = np.datetime_as_string(ts.astype("datetime64[s]"), unit="s")
    return [f"{t}.000+0000" for t in text.tolist()]


def _iso(ts: np.ndarray) -> np.ndarray:
    """HubSpot's datetime form: 2024-01-31T09:15:02.000Z."""
    return np.char.add(np.datetime_as_string(ts.astype("datetime64[s]"), unit="ms"), "Z")


def _dates(ts: np.ndarray) -> list[str]:
    return np.datetime_as_string(ts.astype("datetime64[s]").astype("datetime64[D]")).tolist()


def _next_month(ts: np.ndarray) -> np.ndarray:
    """The same day and time a calendar month later (clamped to the month's last day)."""
    month = ts.astype("datetime64[s]").astype("datetime64[M]")
    start = [(month + k).astype("datetime64[s]").astype(np.int64) for k in range(3)]
    return np.minimum(start[1] + (ts - start[0]), start[2] - 1)


def _first_index(group: np.ndarray, size: int) -> np.ndarray:
    """For each of `size` groups, the first row of `group` in it (-1 when none)."""
    out = np.full(size, -1, np.int64)
    keys, first = np.unique(group, return_index=True)
    out[keys[keys >= 0]] = first[keys >= 0]
    return out


# -- Salesforce -------------------------------------------------------------------------------

def _salesforce(sf: SalesforceSandbox, w: World) -> tuple[list[str | None], tuple[int, ...]]:
    cust, lead, opp = w["customer"], w["lead"], w["opportunity"]
    n = len(cust["name"])
    opp_cust = opp["customer_id"]
    accounts = np.unique(opp_cust)
    paying = np.zeros(n, bool)
    paying[w["subscription"]["customer_id"]] = True
    lead_of = _first_index(lead["customer_id"], n)  # each account's lead row
    opened = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(opened, opp_cust, opp["created_at"])  # the account appears with its deal
    li = lead_of[accounts]
    first, last = _names(lead["name"][li])
    source = [SF_SOURCE.get(s, "Other") for s in lead["source"][li].tolist()]
    created = _sf_datetimes(opened[accounts])
    names, domains, industries, countries = (
        cust[c][accounts].tolist() for c in ("name", "domain", "industry", "country"))
    types = np.where(paying[accounts], "Customer - Direct", "Prospect").tolist()
    account_ids = sf.bulk_load("Account", (
        {"Name": names[k], "Website": domains[k], "Industry": industries[k],
         "BillingCountry": countries[k], "Type": types[k], "AccountSource": source[k],
         "CreatedDate": created[k]} for k in range(len(accounts))))
    emails = lead["email"][li].tolist()
    contact_ids = sf.bulk_load("Contact", (
        {"AccountId": account_ids[k], "FirstName": first[k], "LastName": last[k],
         "Email": emails[k], "LeadSource": source[k], "MailingCountry": countries[k],
         "CreatedDate": created[k]} for k in range(len(accounts))))
    sf_account: list[str | None] = [None] * n
    for k, a in enumerate(accounts.tolist()):
        sf_account[a] = account_ids[k]

    expansion = np.char.endswith(opp["name"].astype(str), " - expansion")
    opp_ids, history = _opportunities(sf, opp, w["opportunity_stage_change"], sf_account,
                                      expansion)
    deal_of = _first_index(np.where(expansion, -1, opp_cust), n)
    status = lead["status"][li].tolist()
    converted_at = lead["converted_at"][li]
    converted_on = _dates(np.where(converted_at == NULL, 0, converted_at))
    lead_created = _sf_datetimes(lead["created_at"][li])
    deals = deal_of[accounts].tolist()
    rows = []
    for k in range(len(accounts)):
        row: Json = {"FirstName": first[k], "LastName": last[k], "Company": names[k],
                     "Email": emails[k], "Website": domains[k],
                     "Status": SF_LEAD_STATUS[status[k]], "LeadSource": source[k],
                     "Industry": industries[k], "Country": countries[k],
                     "IsConverted": status[k] == "converted", "CreatedDate": lead_created[k]}
        if status[k] == "converted":
            row.update(ConvertedDate=converted_on[k], ConvertedAccountId=account_ids[k],
                       ConvertedContactId=contact_ids[k],
                       ConvertedOpportunityId=opp_ids[deals[k]] if deals[k] >= 0 else None)
        rows.append(row)
    lead_ids = sf.bulk_load("Lead", rows)
    counts = (len(account_ids), len(contact_ids), len(lead_ids), len(opp_ids), history)
    return sf_account, counts


def _opportunities(sf: SalesforceSandbox, opp: Cols, hist: Cols,
                   sf_account: Sequence[str | None], expansion: np.ndarray
                   ) -> tuple[list[str], int]:
    """Opportunities, then their stage history as rows of its own: Salesforce's automatic
    history would add a row per opportunity stamped with the load time."""
    stage = [SF_STAGE[s] for s in opp["stage"].tolist()]
    forecast = [SF_FORECAST[f] for f in opp["forecast_category"].tolist()]
    amount = (opp["amount"] / 100).tolist()
    probability = (opp["probability"] * 100).round(1).tolist()
    close = _dates(opp["close_date"])
    created = _sf_datetimes(opp["created_at"])
    names, cust = opp["name"].tolist(), opp["customer_id"].tolist()
    kind = np.where(expansion, "Existing Customer - Upgrade", "New Customer").tolist()
    auto = sf.auto_history
    sf.auto_history = False
    try:
        opp_ids = sf.bulk_load("Opportunity", (
            {"AccountId": sf_account[cust[i]], "Name": names[i], "StageName": stage[i],
             "Amount": amount[i], "Probability": probability[i], "CloseDate": close[i],
             "Type": kind[i], "ForecastCategory": forecast[i][0],
             "ForecastCategoryName": forecast[i][1], "CreatedDate": created[i]}
            for i in range(len(names))))
        which = hist["opportunity_id"].tolist()
        to = hist["to_stage"].tolist()
        first = [s is None for s in hist["from_stage"].tolist()]
        at = _sf_datetimes(hist["at"])
        # each stage's own probability and forecast category, as the opportunity had then
        meaning = {s.value: (p * 100, SF_FORECAST[f.value][0]) for s, p, f in zip(
            st.OPP_STAGES, st.OPP_PROBABILITY, st.OPP_FORECAST, strict=True)}
        rows = []
        for j in range(len(which)):
            i, (chance, cat) = which[j], meaning[to[j]]
            rows.append({"OpportunityId": opp_ids[i], "StageName": SF_STAGE[to[j]],
                         "Amount": amount[i], "CloseDate": close[i],
                         "Probability": chance, "ForecastCategory": cat,
                         "PrevAmount": None if first[j] else amount[i],
                         "PrevCloseDate": None if first[j] else close[i], "CreatedDate": at[j]})
        history = sf.bulk_load("OpportunityHistory", rows)
    finally:
        sf.auto_history = auto
    return opp_ids, len(history)


# -- HubSpot ----------------------------------------------------------------------------------

def _hubspot(hs: HubSpotSandbox, w: World) -> tuple[list[str], tuple[int, ...]]:
    cust, lead = w["customer"], w["lead"]
    n = len(cust["name"])
    lifecycle = [HUBSPOT_STAGE.get(s, "customer") for s in cust["stage"].tolist()]
    entered, touched = _lifecycle_dates(w["lifecycle_transition"], cust["created_at"])
    created_ms, touched_ms = (cust["created_at"] * 1000).tolist(), (touched * 1000).tolist()
    names, domains, industries, countries = (
        cust[c].tolist() for c in ("name", "domain", "industry", "country"))
    company_ids = hs.bulk_load(companies=(
        {"properties": {"name": names[i], "domain": domains[i], "industry": industries[i],
                        "country": countries[i], "lifecyclestage": lifecycle[i], **entered[i]},
         "createdAt": created_ms[i], "updatedAt": touched_ms[i]} for i in range(n)))["companies"]

    first, last = _names(lead["name"])
    owner = lead["customer_id"].tolist()
    emails, status = lead["email"].tolist(), lead["status"].tolist()
    source = lead["source"].tolist()
    lead_created = lead["created_at"]
    lead_touched = np.maximum(lead_created, np.where(lead["customer_id"] >= 0,
                                                     touched[lead["customer_id"]], 0))
    created_ms, touched_ms = (lead_created * 1000).tolist(), (lead_touched * 1000).tolist()
    captured = _iso(lead_created)
    contacts = []
    for j in range(len(owner)):
        a = owner[j]
        contacts.append({
            "properties": {"email": emails[j], "firstname": first[j], "lastname": last[j],
                           "lifecyclestage": lifecycle[a] if a >= 0 else "lead",
                           "hs_lead_status": HUBSPOT_LEAD_STATUS[status[j]],
                           "hs_analytics_source": HUBSPOT_SOURCE.get(source[j], "OFFLINE"),
                           **(entered[a] if a >= 0 else
                              {"hs_lifecyclestage_lead_date": captured[j]})},
            "company_ids": [company_ids[a]] if a >= 0 else [],
            "createdAt": created_ms[j], "updatedAt": touched_ms[j]})
    contact_ids = hs.bulk_load(contacts=contacts)["contacts"]
    return company_ids, (len(company_ids), len(contact_ids), 0)


def _lifecycle_dates(moves: Cols, created: np.ndarray
                     ) -> tuple[list[dict[str, str]], np.ndarray]:
    """Per account, HubSpot's `hs_lifecyclestage_<stage>_date` (when it first entered each
    stage), and its last lifecycle move (the record's last modification)."""
    who, at = moves["customer_id"], moves["at"]
    code = np.array([HUBSPOT_ORDER.index(HUBSPOT_STAGE.get(s, "customer"))
                     for s in moves["to_stage"].tolist()], np.int64)
    never = np.iinfo(np.int64).max
    first = np.full((len(created), len(HUBSPOT_ORDER)), never)
    np.minimum.at(first, (who, code), at)
    text = _iso(np.where(first == never, 0, first).ravel()).reshape(first.shape).tolist()
    seen = (first != never).tolist()
    names = [f"hs_lifecyclestage_{stage}_date" for stage in HUBSPOT_ORDER]
    entered = [{name: t for name, t, s in zip(names, row, mask, strict=True) if s}
               for row, mask in zip(text, seen, strict=True)]
    touched = created.copy()
    np.maximum.at(touched, who, at)
    return entered, touched


# -- Stripe -----------------------------------------------------------------------------------

def _stripe(stripe: StripeSandbox, w: World, seed: int, now: int,
            sf_account: Sequence[str | None], hs_company: Sequence[str]) -> tuple[int, ...]:
    cust, sub, inv = w["customer"], w["subscription"], w["invoice"]
    sub_cust, inv_sub = sub["customer_id"], inv["subscription_id"]
    payers = np.unique(sub_cust)
    since = np.full(len(cust["name"]), np.iinfo(np.int64).max)
    np.minimum.at(since, sub_cust, sub["started_at"])  # a Stripe customer from its first sub
    cus = [f"cus_{a + 1:06d}" for a in range(len(cust["name"]))]
    refs = np.random.default_rng([seed, 0x5EED]).random(len(payers)) < REF_SHARE
    names, emails = cust["name"].tolist(), cust["email"].tolist()
    currency = [c.lower() for c in cust["currency"].tolist()]
    countries, since_list = cust["country"].tolist(), since.tolist()
    customers = []
    for a, linked in zip(payers.tolist(), refs.tolist(), strict=True):
        metadata = {}
        if linked:
            metadata["hubspot_company_id"] = hs_company[a]
            sf_id = sf_account[a]
            if sf_id is not None:
                metadata["salesforce_account_id"] = sf_id
        customers.append({
            "id": cus[a], "object": "customer", "email": emails[a], "name": names[a],
            "currency": currency[a], "created": since_list[a], "metadata": metadata,
            "address": {"country": countries[a]}})

    # subscriptions: the period is the one its last invoice opened
    started, canceled = sub["started_at"], sub["canceled_at"]
    period = started.copy()
    np.maximum.at(period, inv_sub, inv["issued_at"])
    period_end = np.where(canceled == NULL, _next_month(period), canceled)
    seats, mrr = sub["seats"].tolist(), sub["mrr"].tolist()
    plans, status = sub["plan"].tolist(), sub["status"].tolist()
    owner, start_list = sub_cust.tolist(), started.tolist()
    ended, period_list, period_end_list = canceled.tolist(), period.tolist(), period_end.tolist()
    subscriptions = []
    for i in range(len(owner)):
        quantity = seats[i] if seats[i] > 0 and mrr[i] % seats[i] == 0 else 1
        unit, cur, plan = mrr[i] // quantity, currency[owner[i]], plans[i]
        stop = ended[i] if status[i] == "canceled" else None
        subscriptions.append({
            "id": f"sub_{i + 1:07d}", "object": "subscription", "customer": cus[owner[i]],
            "status": "canceled" if stop is not None else "active", "created": start_list[i],
            "start_date": start_list[i], "billing_cycle_anchor": start_list[i],
            "current_period_start": period_list[i], "current_period_end": period_end_list[i],
            "canceled_at": stop, "ended_at": stop, "currency": cur,
            "items": [{"id": f"si_{i + 1:07d}", "object": "subscription_item",
                       "quantity": quantity, "price": {
                           "id": f"price_{plan}_{cur}_{unit}", "object": "price",
                           "product": f"prod_{plan}", "nickname": plan, "currency": cur,
                           "unit_amount": unit,
                           "recurring": {"interval": "month", "interval_count": 1}}}],
            "metadata": {"plan": plan}})

    # invoices and their charges
    issued, paid_at = inv["issued_at"], inv["paid_at"]
    tries = np.minimum(1 + (now - issued) // (5 * st.DAY), 4)  # smart retries so far
    inv_status, amount = inv["status"].tolist(), inv["amount"].tolist()
    issued_list, paid_list, tries_list = issued.tolist(), paid_at.tolist(), tries.tolist()
    inv_owner, inv_sub_list = inv["customer_id"].tolist(), inv_sub.tolist()
    invoices, charges = [], []
    for k in range(len(inv_status)):
        ours, a, at = inv_status[k], inv_owner[k], issued_list[k]
        theirs = STRIPE_INVOICE[ours]
        transitions = {} if theirs == "draft" else {"finalized_at": at}
        if theirs in STAMPED:
            transitions[STAMPED[theirs]] = paid_list[k] if paid_list[k] != NULL else at
        attempts = {"paid": 1, "failed": tries_list[k], "uncollectible": 4}.get(ours, 0)
        in_id, cur = f"in_{k + 1:08d}", currency[a]
        invoices.append({
            "id": in_id, "object": "invoice", "customer": cus[a],
            "subscription": f"sub_{inv_sub_list[k] + 1:07d}", "status": theirs,
            "total": amount[k], "currency": cur, "created": at, "attempt_count": attempts,
            "customer_email": emails[a], "customer_name": names[a],
            "status_transitions": transitions})
        if theirs in ("draft", "void"):
            continue
        charge: Json = {"id": f"ch_{k + 1:08d}", "object": "charge", "customer": cus[a],
                        "invoice": in_id, "amount": amount[k], "currency": cur}
        if theirs == "paid":
            charge.update(status="succeeded", created=transitions["paid_at"])
        elif attempts:
            charge.update(status="failed", created=at, failure_code="card_declined",
                          failure_message="Your card was declined.")
        else:
            charge.update(status="pending", created=at)
        charges.append(charge)
    stripe.bulk_load(customers=customers, subscriptions=subscriptions, invoices=invoices,
                     charges=charges)
    return len(customers), len(subscriptions), len(invoices), len(charges)
