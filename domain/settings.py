"""The one settings object, read from the environment (and an optional `.env`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LIFELINE_", env_file=".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = "prod"
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "LIFELINE_DATABASE_URL")
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "LIFELINE_REDIS_URL")
    )
    sqlite_path: Path = Path("lifeline.db")
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"

    # GraphQL limits
    max_page_size: int = 100
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_query_cost: int = 50_000  # rows a query could read at most (see api/cost.py)

    # Auth: how long a verified key stays cached in one process (revocation in the same
    # process is immediate; other processes see it after at most this many seconds).
    auth_cache_seconds: float = 5.0

    # Imports
    import_max_bytes: int = 50 * 1024 * 1024

    # Jobs
    job_timeout_seconds: int = 3600
    job_stale_seconds: int = 300
    worker_concurrency: int = 4
    # Processes fitting models (CPU-heavy work never runs on the event loop).
    fit_processes: int = 1
    queue_name: str = "lifeline:queue"

    # Integrations: Fernet keys (comma separated, newest first) encrypting credentials at
    # rest. Required outside dev/test; dev and test fall back to a fixed development key.
    secret_keys: str = ""
    # The public URL of this API (HubSpot signs webhook requests over the URL it called).
    public_url: str = ""
    # Provider calls: one retry policy for every client (exponential backoff, full jitter).
    sync_retry_attempts: int = 6
    sync_retry_base_delay: float = 0.5
    sync_retry_max_delay: float = 30.0
    sync_request_timeout: float = 30.0
    webhook_tolerance_seconds: int = 300
    # Serve provider sandboxes under /sandbox seeded with this many accounts (0: none).
    # `lifeline demo` turns it on so syncs work offline; never enable it in production.
    sandbox_customers: int = 0
    sandbox_seed: int = 7

    # Churn scoring (domain.churn.scoring): probability thresholds of the medium, high and
    # critical levels; the probability move (besides a level change) recorded as a risk
    # change; the PSI above which a drift report is flagged; playbook overrides, a JSON
    # object {feature name or family or "default": recommendation, "" removes one}.
    churn_levels: str = "0.2,0.4,0.7"
    risk_change_delta: float = 0.1
    drift_psi_threshold: float = 0.25
    churn_playbook: dict[str, str] = Field(default_factory=dict)

    # Customer value (domain.clv): the CLV horizon and annual discount rate; the purchase
    # model for order buyers (bgnbd, pareto_nbd, mbgnbd); the share of a new customer's
    # predicted CLV worth paying to acquire it; budget weights of the High-CLV,
    # Growth-Potential and Low-CLV audiences.
    clv_horizon_months: int = Field(default=12, ge=1, le=120)
    clv_discount_rate: float = Field(default=0.10, ge=0.0, le=1.0)
    clv_purchase_model: Literal["bgnbd", "pareto_nbd", "mbgnbd"] = "bgnbd"
    clv_cac_share: float = Field(default=0.30, gt=0.0, le=1.0)
    clv_budget_weights: str = "3,2,1"

    # Retention decisions (domain.decisions, domain.campaigns): outbound deliveries are
    # retried with exponential backoff (base, cap, per-request timeout) and dead-lettered
    # after `delivery_max_attempts`; a claimed delivery is re-claimable after the lease; the
    # public on-site offer endpoint allows `offer_rate_per_minute` requests per widget key
    # and client address.
    delivery_max_attempts: int = Field(default=6, ge=1, le=50)
    delivery_backoff_seconds: float = Field(default=30.0, ge=0.0)
    delivery_backoff_max_seconds: float = Field(default=3600.0, ge=0.0)
    delivery_timeout_seconds: float = Field(default=10.0, gt=0.0)
    delivery_lease_seconds: float = Field(default=120.0, gt=0.0)
    offer_rate_per_minute: int = Field(default=60, ge=1)
    # Message drafts: dotted path "package.module:factory" of a MessageGenerator factory
    # (empty: the built-in templates, no network).
    message_generator: str = ""

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def embedded_redis(self) -> bool:
        """No REDIS_URL: the process starts its own Redis-compatible server, so jobs can only
        run in that process (the worker runs inside `lifeline serve`)."""
        return self.redis_url is None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
