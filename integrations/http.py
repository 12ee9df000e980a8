"""The one retry policy every provider client uses.

Exponential backoff with full jitter, bounded attempts, per-request timeouts, and the
provider's own hints honoured: `Retry-After` (seconds or an HTTP date) is a floor on the
wait, and a provider hook may force or forbid a retry (Stripe's `Stripe-Should-Retry`) or
turn a response into a typed error (Salesforce's `REQUEST_LIMIT_EXCEEDED`).

Nothing here knows the ORM: clients return typed records, errors are typed exceptions.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    timeout: float = 30.0
    max_retry_after: float = 300.0  # a longer Retry-After is an error, not a wait

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max_delay, base * 2**attempt)]."""
        return random.uniform(0.0, min(self.max_delay, self.base_delay * (2**attempt)))

    def delay(self, attempt: int, retry_after: float | None) -> float:
        wait = self.backoff(attempt)
        return max(wait, retry_after) if retry_after is not None else wait


class ProviderError(Exception):
    """A provider call failed for good (after retries, or not retryable)."""

    def __init__(
        self, provider: str, message: str, *, status: int | None = None, code: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.message = message
        self.status = status
        self.code = code
        self.retry_after = retry_after


class RateLimited(ProviderError):
    """Still rate limited after every attempt (or told to wait longer than we would)."""


class Unavailable(ProviderError):
    """5xx responses, timeouts or connection errors on every attempt."""


class AuthFailed(ProviderError):
    """Credentials rejected."""


class QuotaExhausted(ProviderError):
    """The organization's API allowance is used up (Salesforce REQUEST_LIMIT_EXCEEDED,
    HubSpot's daily limit): pause the organization's syncs until `retry_after`."""


class BadResponse(ProviderError):
    """A response we cannot use: a 4xx we did not expect, or a body that is not what the
    API documents (a truncated page, say)."""


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class Verdict:
    """A provider hook's reading of a response: retry it or not, or fail with `error`."""

    retry: bool
    retry_after: float | None = None
    error: ProviderError | None = None


Hook = Callable[[httpx.Response], Verdict | None]


def default_verdict(response: httpx.Response) -> Verdict:
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    return Verdict(retry=response.status_code in RETRYABLE_STATUS, retry_after=retry_after)


async def send(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    provider: str,
    policy: RetryPolicy,
    hook: Hook | None = None,
    sleep: Sleep = asyncio.sleep,
    expect_json: bool = True,
    **kwargs: object,
) -> httpx.Response:
    """Send a request with retries. Returns the first response that is neither retryable
    nor an error the hook names; raises `RateLimited` / `Unavailable` when attempts run
    out, or the hook's error at once. Non-retryable 4xx responses are returned as they are
    for the client to read. With `expect_json`, a 2xx body that does not parse (a page cut
    off in transit) is retried like a 5xx."""
    last_status: int | None = None
    last_retry_after: float | None = None
    for attempt in range(policy.max_attempts):
        try:
            # httpx enforces the timeout on network transports; asyncio enforces it on any
            # (an in-process ASGI transport has none of its own).
            async with asyncio.timeout(policy.timeout):
                response = await client.request(
                    method, url, timeout=policy.timeout, **kwargs  # type: ignore[arg-type]
                )
        except (TimeoutError, httpx.TimeoutException, httpx.TransportError) as exc:
            last_status = None
            log.info("%s %s %s: %s (attempt %d)", provider, method, url, type(exc).__name__,
                     attempt + 1)
            if attempt + 1 < policy.max_attempts:
                await sleep(policy.delay(attempt, None))
                continue
            raise Unavailable(provider, f"{type(exc).__name__} after {attempt + 1} attempts"
                              ) from exc
        verdict = (hook(response) if hook is not None else None) or default_verdict(response)
        if verdict.error is not None:
            raise verdict.error
        if not verdict.retry and expect_json and response.is_success and not _parses(response):
            log.info("%s %s %s: truncated body, retrying", provider, method, url)
            verdict = Verdict(retry=True)
        if not verdict.retry:
            return response
        last_status, last_retry_after = response.status_code, verdict.retry_after
        if verdict.retry_after is not None and verdict.retry_after > policy.max_retry_after:
            break
        if attempt + 1 < policy.max_attempts:
            log.info("%s %s %s: HTTP %d, retrying (attempt %d)", provider, method, url,
                     response.status_code, attempt + 1)
            await sleep(policy.delay(attempt, verdict.retry_after))
    message = f"HTTP {last_status} after {policy.max_attempts} attempts"
    if last_status == 429:
        raise RateLimited(provider, message, status=429, retry_after=last_retry_after)
    raise Unavailable(provider, message, status=last_status, retry_after=last_retry_after)


_PARSED = "lifeline.json"  # where a body decoded once is kept, in the response's extensions


def _parses(response: httpx.Response) -> bool:
    try:
        response.extensions[_PARSED] = response.json()
    except ValueError:
        return False
    return True


def body_error(provider: str, response: httpx.Response) -> ProviderError:
    """A typed error for an unexpected non-2xx response, quoting a short body excerpt."""
    excerpt = response.text[:300].replace("\n", " ")
    error = AuthFailed if response.status_code in (401, 403) else BadResponse
    return error(provider, f"HTTP {response.status_code}: {excerpt}",
                 status=response.status_code)


def json_object(provider: str, response: httpx.Response) -> dict[str, object]:
    """The response body as a JSON object, or `BadResponse` (truncated or not JSON)."""
    try:
        data = (response.extensions[_PARSED] if _PARSED in response.extensions
                else response.json())
    except ValueError as exc:
        raise BadResponse(provider, f"body is not valid JSON ({len(response.content)} bytes)",
                          status=response.status_code) from exc
    if not isinstance(data, dict):
        raise BadResponse(provider, "body is not a JSON object", status=response.status_code)
    return data
