"""The demo world: a B2B SaaS company's last few years, generated from one seed.

Generative story (every number below is a constant in this module):

1. **Leads.** Leads arrive over the window (default 3 years before `now`) at a rate that
   grows about 30% a year, from six sources: organic, paid_search, referral, partner,
   outbound and event. Each lead is a person at a company with an industry, a country
   (and so a region and a currency: mostly USD, EUR in the euro area, GBP in the UK) and a
   head count. A latent *fit* score (ideal-customer-profile match: 50-1,000 employees,
   software and fintech fit best) plus noise drives the lead's engagement signals stored
   in `Lead.attributes` (pages viewed, email opens, demo requested, marketing score).
2. **Funnel.** Sales-led leads walk lead → mql → sql → opportunity → customer (outbound
   leads are qualified by an SDR and skip mql). Each step passes with a probability set by
   the source (referral and partner convert best; outbound, event and paid search worst)
   and is raised by fit and a demo request; the time to each step is gamma-distributed;
   the sales cycle grows with company size. Some small companies sign up self-serve: a
   14-day trial, then lead → customer directly. A lead that fails a step before
   opportunity or abandons its trial is disqualified (a `Lead` row only); a lost
   opportunity recycles the account to mql (nurture); a lead whose next step lies after
   `now` is still in the funnel. Accounts that became customers or are still in the
   funnel are `Customer` rows (`customers` of them), their leads point at them
   (`Lead.customer_id`; status converted, open or working), and every step is a
   `LifecycleTransition` (source demo) that only uses moves allowed by
   `domain.journeys.rules` (the first row goes from no stage to lead).
3. **Plans.** Seats follow head count; the plan tier follows seats (starter ≤ 5 seats,
   growth ≤ 20, scale ≤ 80, enterprise above; self-serve tops out at growth) and sets the
   price per seat (19/39/69/99 a month, enterprise with a negotiated discount).
4. **Health.** Every paying account has a latent health (fit, tier, sales-assistance and
   noise; a slow random walk afterwards). Each week a healthy account of a growing company
   may *expand* (more seats, maybe a higher tier; a closed-won expansion opportunity when
   sales-assisted, a closed-lost one when the attempt fails), while an unhealthy one is
   more likely to start *disengaging*. Disengagement lasts 8-12 weeks: usage falls to
   about a fifth, support tickets become more frequent, more urgent and more negative,
   seats are cut (contraction) and payments fail more often; after 3 weeks the account is
   usually flagged at_risk. At the end most disengaged accounts cancel (churned,
   subscription canceled, MRR 0), the others recover (health improves). Two failed
   payments in a row cancel an account too (involuntary churn). Churned accounts may come
   back within a year (reactivated, usually smaller).
5. **Money and activity.** Every seat or tier change closes the current subscription row
   and opens a new one, so the subscription rows are the account's MRR history; customer
   MRR is the MRR of its active subscription. Each active subscription month has an
   invoice (paid a few days later, failed with the probability above, open while the
   payment is still pending at `now`). Weekly `UsageEvent` rows hold one count per
   customer-week per type (login, report_run and, for API-enabled accounts, api_call)
   proportional to seats * health * onboarding ramp * disengagement * seasonality.
   Support tickets carry a topic, a priority, a sentiment in [-1, 1] and open/close times.

So churn, expansion and conversion depend on signals a model can see (usage trend,
ticket volume and sentiment, failed payments, seats and tier, lead source and
engagement), not on hidden coin flips alone.
"""

from __future__ import annotations

import numpy as np

from domain.enums import (
    ForecastCategory,
    InvoiceStatus,
    LeadStatus,
    OpportunityStage,
    Stage,
    TicketPriority,
)

DAY = 86_400
WEEK = 7 * DAY
NULL_TS = np.iinfo(np.int64).min  # "no timestamp" in int64 epoch-second arrays

# Stage codes: an account's stage is stored as its index in STAGES.
STAGES: tuple[Stage, ...] = tuple(Stage)
CODE: dict[Stage, int] = {stage: i for i, stage in enumerate(STAGES)}
LEAD_STATUSES: tuple[LeadStatus, ...] = tuple(LeadStatus)
INVOICE_STATUSES: tuple[InvoiceStatus, ...] = tuple(InvoiceStatus)
PRIORITIES: tuple[TicketPriority, ...] = (
    TicketPriority.LOW, TicketPriority.NORMAL, TicketPriority.HIGH, TicketPriority.URGENT,
)
# Opportunity stages in pipeline order; index 4 is won, 5 is lost.
OPP_STAGES: tuple[OpportunityStage, ...] = (
    OpportunityStage.PROSPECTING, OpportunityStage.QUALIFICATION, OpportunityStage.PROPOSAL,
    OpportunityStage.NEGOTIATION, OpportunityStage.CLOSED_WON, OpportunityStage.CLOSED_LOST,
)
OPP_PROBABILITY = (0.1, 0.25, 0.5, 0.75, 1.0, 0.0)
OPP_FORECAST: tuple[ForecastCategory, ...] = (
    ForecastCategory.PIPELINE, ForecastCategory.PIPELINE, ForecastCategory.BEST_CASE,
    ForecastCategory.COMMIT, ForecastCategory.CLOSED, ForecastCategory.OMITTED,
)
OPP_WON, OPP_LOST = 4, 5

# --- lead sources -------------------------------------------------------------------------
SOURCES = ("organic", "paid_search", "referral", "partner", "outbound", "event")
SOURCE_WEIGHTS = (0.30, 0.22, 0.10, 0.08, 0.18, 0.12)
# Probability of passing each sales-led step: to mql, to sql, to opportunity, won.
# Outbound leads skip mql (an SDR qualifies them straight to sql).
SOURCE_STEPS = np.array([
    [0.50, 0.45, 0.70, 0.45],  # organic
    [0.35, 0.35, 0.55, 0.30],  # paid_search
    [0.85, 0.70, 0.85, 0.60],  # referral
    [0.75, 0.65, 0.80, 0.55],  # partner
    [1.00, 0.18, 0.45, 0.25],  # outbound
    [0.40, 0.30, 0.50, 0.30],  # event
])
SELF_SERVE_SHARE = np.array([0.16, 0.12, 0.05, 0.02, 0.0, 0.01])  # of small-company leads
TRIAL_CONVERT_LOGIT = 0.1
FIT_EFFECT = 0.8  # logit change per unit of fit at every funnel step
DEMO_EFFECT = 0.6  # logit change at mql/sql when the lead requested a demo
STEP_DAYS = (6.0, 12.0, 8.0)  # mean days to mql, to sql, to opportunity
OUTBOUND_SQL_DAYS = 10.0
TRIAL_DAYS = 14.0
LEAD_GROWTH_PER_YEAR = 0.3

# --- firmographics ------------------------------------------------------------------------
INDUSTRIES = (
    "Software", "Fintech", "E-commerce", "Healthcare", "Manufacturing", "Logistics",
    "Education", "Media", "Professional Services", "Retail",
)
INDUSTRY_WEIGHTS = (0.22, 0.1, 0.1, 0.1, 0.09, 0.08, 0.07, 0.07, 0.1, 0.07)
INDUSTRY_FIT = np.array([0.5, 0.4, 0.2, 0.0, -0.3, -0.1, -0.3, -0.1, 0.1, -0.2])
# (ISO-2, region, weight, local currency or "" for USD, country TLD)
COUNTRIES = (
    ("US", "North America", 0.42, "", "com"), ("CA", "North America", 0.06, "", "ca"),
    ("GB", "EMEA", 0.10, "GBP", "co.uk"), ("DE", "EMEA", 0.07, "EUR", "de"),
    ("FR", "EMEA", 0.05, "EUR", "fr"), ("NL", "EMEA", 0.04, "EUR", "nl"),
    ("IE", "EMEA", 0.02, "EUR", "ie"), ("ES", "EMEA", 0.02, "EUR", "es"),
    ("SE", "EMEA", 0.02, "", "se"), ("AU", "APAC", 0.05, "", "com.au"),
    ("SG", "APAC", 0.02, "", "sg"), ("JP", "APAC", 0.03, "", "jp"),
    ("IN", "APAC", 0.04, "", "in"), ("BR", "LATAM", 0.03, "", "com.br"),
    ("MX", "LATAM", 0.03, "", "mx"),
)
LOCAL_CURRENCY_SHARE = 0.8  # of accounts in a EUR/GBP country that are billed locally
NAME_PREFIXES = (
    "Blue", "Bright", "North", "Silver", "Cedar", "Quantum", "Apex", "Nimbus", "Iron",
    "Golden", "Swift", "Clear", "Red", "Stone", "Pine", "Maple", "Lunar", "Solar", "Vertex",
    "Harbor", "Summit", "Crystal", "Atlas", "Beacon", "Cobalt", "Delta", "Echo", "Falcon",
    "Granite", "Horizon", "Indigo", "Juniper", "Keystone", "Lumen", "Meridian", "Nova",
    "Orbit", "Pioneer", "Prairie", "River",
)
NAME_CORES = (
    "wave", "stack", "field", "loop", "works", "point", "bridge", "path", "forge", "line",
    "grid", "leaf", "spring", "gate", "mark", "logic", "scale", "sync", "view", "core",
    "ware", "shift", "craft", "base", "cloud", "flow", "hub", "mint",
)
NAME_SUFFIXES = (
    "", " Inc", " Labs", " Systems", " Analytics", " Technologies", " Group", " Health",
    " Logistics", " Software", " Partners", " Co",
)
# Later companies with the same name stem get these domains (then numbered ones).
DOMAIN_VARIANTS = (("get", ""), ("", "hq"), ("try", ""), ("", "app"), ("use", ""), ("", "-group"))
FIRST_NAMES = (
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Riley", "Avery", "Quinn",
    "Maria", "Lena", "Priya", "Chen", "Yuki", "Omar", "Sofia", "Lucas", "Emma", "Noah",
    "Olivia", "Liam", "Mia", "Ethan", "Ava", "Mateo", "Zoe", "Felix", "Nina", "Hugo",
)
LAST_NAMES = (
    "Smith", "Johnson", "Garcia", "Miller", "Davis", "Martinez", "Lopez", "Wilson", "Clark",
    "Lewis", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
    "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
    "Turner", "Torres", "Parker", "Collins",
)
TITLES = (
    "Head of Operations", "VP Sales", "Marketing Manager", "CTO", "Data Analyst", "Founder",
    "RevOps Lead", "Customer Success Director", "CFO", "Product Manager",
)

# --- plans and the paying lifecycle ------------------------------------------------------
TIERS = ("starter", "growth", "scale", "enterprise")
SEAT_PRICE = np.array([19.0, 39.0, 69.0, 99.0])
TIER_MAX_SEATS = np.array([5, 20, 80, 1_000_000])
MAX_DISCOUNT = np.array([0.0, 0.0, 0.1, 0.25])
HEALTH_BY_TIER = np.array([-0.2, 0.0, 0.1, 0.25])
ONSET_BY_TIER = np.array([1.5, 1.0, 0.7, 0.5])  # multiplies the disengagement hazard
ONSET_WEEKLY = 0.0045  # base weekly hazard of starting to disengage (at health 0)
ONSET_HEALTH = 0.7  # hazard * exp(-ONSET_HEALTH * health)
DECAY_WEEKS = (8, 13)  # disengagement lasts 8..12 weeks
AT_RISK_AFTER = 3  # weeks into disengagement when customer success flags the account
CHURN_LOGIT = 1.1  # P(cancel | disengaged) = sigmoid(CHURN_LOGIT - 0.9 * health)
SUDDEN_CHURN_WEEKLY = 0.0002
EXPAND_WEEKLY = 0.005  # * exp(0.5 * health)
CONTRACT_WEEKLY = 0.0015  # * exp(-0.4 * health), + 0.04 * disengagement
REACTIVATE_WEEKLY = 0.004  # within a year of churning
SETTLE_WEEKS = 13  # expansion/contraction/reactivated settle back to customer
FAIL_BASE = 0.012  # invoice failure: base + 0.25 * disengagement + 0.05 if health < -1
USAGE_TYPES = ("login", "report_run", "api_call")
USAGE_PER_SEAT = (4.0, 1.5, 60.0)  # weekly events per seat at full engagement
API_SHARE_BY_TIER = np.array([0.0, 0.5, 0.8, 1.0])

# --- support ------------------------------------------------------------------------------
TOPICS = (
    "how_to", "bug", "billing", "integration", "performance", "feature_request",
    "onboarding", "cancellation",
)
TOPIC_HEALTHY = np.array([0.30, 0.22, 0.08, 0.14, 0.08, 0.18, 0.0, 0.0])
TOPIC_DISENGAGED = np.array([0.08, 0.26, 0.18, 0.06, 0.18, 0.04, 0.0, 0.20])
SUBJECTS = (
    ("How do I share a dashboard?", "Where can I change report filters?", "Exporting to CSV"),
    ("Report fails to load", "Error when saving a segment", "Chart shows wrong totals"),
    ("Invoice amount looks wrong", "Update payment card", "Card was declined"),
    ("Salesforce sync stopped", "HubSpot fields not mapping", "Webhook not firing"),
    ("Dashboards are very slow", "Timeouts on large exports", "API latency spikes"),
    ("Request: scheduled exports", "Request: SSO for contractors", "Request: custom roles"),
    ("Help setting up our workspace", "Importing our customer list", "Inviting the team"),
    ("How do we cancel?", "Downgrade our plan", "Remove seats before renewal"),
)
CLOSE_HOURS = (60.0, 30.0, 12.0, 4.0)  # mean hours to close by priority

# --- transition reasons (LifecycleTransition.reason) --------------------------------------
REASONS: tuple[str, ...] = (
    *(f"lead captured via {s.replace('_', ' ')}" for s in SOURCES),  # 0..5
    "marketing-qualified: engagement score passed threshold",  # 6
    "sales accepted after discovery call",  # 7
    "SDR qualified outbound lead",  # 8
    "opportunity opened",  # 9
    "closed won: new business",  # 10
    "self-serve sign-up after trial",  # 11
    "closed lost: recycled to nurture",  # 12
    "seat expansion",  # 13
    "plan upgrade",  # 14
    "seat reduction",  # 15
    "plan downgrade",  # 16
    "flagged at risk: usage declining",  # 17
    "recovered after customer-success outreach",  # 18
    "canceled: low adoption",  # 19
    "canceled: budget cuts",  # 20
    "canceled: switched to a competitor",  # 21
    "canceled: payment failed repeatedly",  # 22
    "reactivated: returned to the product",  # 23
    "account settled after plan change",  # 24
)
R_CAPTURED, R_MQL, R_SQL, R_SDR, R_OPP, R_WON, R_SELF_SERVE, R_LOST = 0, 6, 7, 8, 9, 10, 11, 12
R_SEATS_UP, R_UPGRADE, R_SEATS_DOWN, R_DOWNGRADE, R_AT_RISK, R_RECOVERED = 13, 14, 15, 16, 17, 18
R_CANCELED, R_INVOLUNTARY, R_REACTIVATED, R_SETTLED = 19, 22, 23, 24


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def seasonality(week_start: np.ndarray) -> np.ndarray:
    """Engagement multiplier by calendar week: year-end holidays and August are quieter."""
    days = (week_start // DAY).astype("datetime64[D]")
    day_of_year = (days - days.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    week = day_of_year // 7
    factor = np.ones(len(week_start))
    factor[(week >= 51) | (week == 0)] = 0.6
    factor[(week >= 30) & (week <= 34)] = 0.88
    return factor
