"""Domain enumerations shared by the models, the services and the GraphQL schema."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Lifecycle stage of an account: the funnel, then the customer states."""

    LEAD = "lead"
    MQL = "mql"
    SQL = "sql"
    OPPORTUNITY = "opportunity"
    CUSTOMER = "customer"
    EXPANSION = "expansion"
    CONTRACTION = "contraction"
    AT_RISK = "at_risk"
    CHURNED = "churned"
    REACTIVATED = "reactivated"


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    OPERATOR = "operator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]

    def allows(self, required: Role) -> bool:
        return self.rank >= required.rank


_ROLE_RANK = {Role.VIEWER: 0, Role.ANALYST: 1, Role.OPERATOR: 2, Role.ADMIN: 3}


class Source(StrEnum):
    """Where a row or a change came from."""

    STRIPE = "stripe"
    HUBSPOT = "hubspot"
    SALESFORCE = "salesforce"
    IMPORT = "import"
    API = "api"
    DEMO = "demo"
    SYSTEM = "system"


class LeadStatus(StrEnum):
    OPEN = "open"
    WORKING = "working"
    CONVERTED = "converted"
    DISQUALIFIED = "disqualified"


class OpportunityStage(StrEnum):
    PROSPECTING = "prospecting"
    QUALIFICATION = "qualification"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    CLOSED_WON = "closed_won"
    CLOSED_LOST = "closed_lost"


class ForecastCategory(StrEnum):
    PIPELINE = "pipeline"
    BEST_CASE = "best_case"
    COMMIT = "commit"
    CLOSED = "closed"
    OMITTED = "omitted"


class SubscriptionStatus(StrEnum):
    TRIALING = "trialing"
    ACTIVE = "active"
    PAST_DUE = "past_due"
    CANCELED = "canceled"


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAID = "paid"
    FAILED = "failed"
    VOID = "void"
    UNCOLLECTIBLE = "uncollectible"


class TicketPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class JobKind(StrEnum):
    IMPORT_CSV = "import_csv"
    SYNC_SOURCE = "sync_source"
    PROCESS_WEBHOOK = "process_webhook"
    TRAIN_CHURN_MODEL = "train_churn_model"
    SCORE_CUSTOMERS = "score_customers"
    EVALUATE_CHURN_TABLE = "evaluate_churn_table"
    FIT_CLV_MODELS = "fit_clv_models"
    UPDATE_SEGMENTS = "update_segments"
    RUN_FORECAST = "run_forecast"
    TRAIN_LEAD_MODEL = "train_lead_model"
    SCORE_LEADS = "score_leads"
    EVALUATE_LEAD_TABLE = "evaluate_lead_table"
    RUN_DECISION_BATCH = "run_decision_batch"
    EXECUTE_ACTIONS = "execute_actions"
    DETECT_OUTCOMES = "detect_outcomes"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class ImportKind(StrEnum):
    CUSTOMERS = "customers"
    TRANSACTIONS = "transactions"


class SyncMode(StrEnum):
    FULL = "full"
    INCREMENTAL = "incremental"


class SyncStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"  # the provider's API allowance ran out; resumes by itself
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def active(self) -> bool:
        return self in (SyncStatus.QUEUED, SyncStatus.RUNNING, SyncStatus.PAUSED)


class PaymentStatus(StrEnum):
    SUCCEEDED = "succeeded"
    PENDING = "pending"
    FAILED = "failed"


class WebhookStatus(StrEnum):
    RECEIVED = "received"
    PROCESSED = "processed"
    IGNORED = "ignored"
    FAILED = "failed"


class ModelStatus(StrEnum):
    """Lifecycle of a trained model version: at most one `active` per organization and kind."""

    CANDIDATE = "candidate"  # registered, not (or not yet) promoted
    ACTIVE = "active"  # the one used for scoring
    RETIRED = "retired"  # was active, replaced by a newer or an earlier version


class RiskLevel(StrEnum):
    """Churn risk band of a customer, from its probability and the configured thresholds
    (`Settings.churn_levels`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ValueModel(StrEnum):
    """How a customer's lifetime value was computed."""

    BGNBD = "bgnbd"  # BG/NBD purchases x Gamma-Gamma spend (orders)
    PARETO_NBD = "pareto_nbd"
    MBGNBD = "mbgnbd"
    SBG = "sbg"  # shifted-beta-geometric retention x MRR (subscriptions)
    ML = "ml"  # LightGBM regressor of next-12-month value
    BLEND = "blend"  # a weighted mean of the probabilistic and ML values
    FLAT = "flat"  # no model could be fitted (e.g. no repeat buyers): observed run-rate


class ValueTier(StrEnum):
    """Value tier of a customer by predicted CLV within its organization."""

    HIGH = "high"  # top 20%
    MEDIUM = "medium"  # next 30%
    LOW = "low"  # the rest


class IncentiveKind(StrEnum):
    """What a retention incentive gives the customer."""

    PERCENT_DISCOUNT = "percent_discount"
    FIXED_CREDIT = "fixed_credit"
    FREE_UPGRADE = "free_upgrade"
    FEATURE_UNLOCK = "feature_unlock"
    LOYALTY_BONUS = "loyalty_bonus"
    BUNDLE = "bundle"


class CostBasis(StrEnum):
    """What an incentive's cost is proportional to: `cost = rate x MRR x duration months`,
    `rate x CLV`, or a fixed amount (`amount`)."""

    MRR = "mrr"
    CLV = "clv"
    FIXED = "fixed"


class Route(StrEnum):
    """Who acts on a decision."""

    AUTO = "auto"  # executed without review (low-value customers, cheap incentives)
    REVIEW = "review"  # an operator approves or rejects it
    URGENT = "urgent"  # reviewed first: high risk and high value
    MONITOR = "monitor"  # watched, no incentive


class ActionStatus(StrEnum):
    PROPOSED = "proposed"  # waiting for review (review / urgent routes)
    APPROVED = "approved"  # approved (or auto), waiting for execution
    REJECTED = "rejected"
    EXECUTED = "executed"  # sent through the organization's channels
    MONITORING = "monitoring"  # no incentive: watched only
    CONTROL = "control"  # held out at random: no incentive, measures the true lift
    NO_ACTION = "no_action"  # no incentive pays for this customer


class CampaignKind(StrEnum):
    NIGHTLY = "nightly"  # one per organization per day, by the decision batch
    MANUAL = "manual"  # from a segment or risk filter, by an operator


class CampaignStatus(StrEnum):
    ACTIVE = "active"  # actions may still be reviewed or executed; outcomes not yet known
    CLOSED = "closed"  # the campaign window is over and outcomes were detected


class Outcome(StrEnum):
    RETAINED = "retained"
    CHURNED = "churned"


class OutcomeSource(StrEnum):
    MANUAL = "manual"  # recordOutcome
    BILLING = "billing"  # detected from subscriptions after the campaign window


class Channel(StrEnum):
    WEBHOOK = "webhook"  # signed POST to the organization's endpoint
    HUBSPOT_TASK = "hubspot_task"  # a task on the company in HubSpot
    ONSITE = "onsite"  # shown by the embeddable widget (public offer endpoint)


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # due at `next_attempt_at`
    SENDING = "sending"  # claimed by a worker (lease until `locked_until`)
    SENT = "sent"  # acknowledged (2xx): never sent again
    DEAD = "dead"  # gave up after the configured attempts (dead letter)
