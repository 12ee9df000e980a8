"""The schema: built once, with its limits and caches created once per schema.

The depth and alias limiters contribute validation-rule classes. Strawberry builds schema
extensions per request, so the rule classes are created here, once, and every request reuses
the same classes: the validation cache is keyed by them, and a limiter built per request
would make every lookup miss.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from api.context import Context
from api.cost import cost_rule
from api.errors import ERROR_TYPES
from api.executor import LeafFastPathExecutor
from api.loaders import Loaders
from api.mutations import Mutation
from api.queries import Query
from api.subscriptions import Subscription
from domain.errors import DomainError
from domain.settings import Settings

log = logging.getLogger("lifeline.api")
CACHE_SIZE = 512

_LIMIT_CODES = (  # the exact wording of graphql-core's and Strawberry's limit errors
    (re.compile(r"^'.*' exceeds maximum operation depth of \d+$"), "QUERY_TOO_DEEP"),
    (re.compile(r"^\d+ aliases found\. Allowed: \d+$"), "TOO_MANY_ALIASES"),
    (re.compile(r"^Syntax Error: Document contains more than \d+ tokens\."), "TOO_MANY_TOKENS"),
    (re.compile(r"^'.*' could read up to \d+ rows; the limit is \d+$"), "QUERY_TOO_COSTLY"),
    (re.compile(r"^Syntax Error: "), "GRAPHQL_PARSE_FAILED"),
)


def shape_error(error: GraphQLError, request_id: str) -> GraphQLError:
    """Expected errors keep their text with a code and field; others are masked and logged."""
    original = error.original_error
    if error.extensions and "requestId" in error.extensions:
        return error
    if isinstance(original, DomainError):
        extensions: dict[str, Any] = {"code": original.code, "field": original.field}
    elif original is None or isinstance(original, GraphQLError):
        extensions = dict(error.extensions or {})
        if "code" not in extensions:
            extensions["code"] = next((code for pattern, code in _LIMIT_CODES
                                       if pattern.match(error.message)),
                                      "GRAPHQL_VALIDATION_FAILED")
    else:
        log.error("unexpected error (request %s) at %s", request_id, error.path,
                  exc_info=(type(original), original, original.__traceback__))
        return GraphQLError(
            f"internal server error (request id {request_id})", nodes=error.nodes,
            path=error.path, extensions={"code": "INTERNAL_SERVER_ERROR",
                                         "requestId": request_id},
        )
    extensions["requestId"] = request_id
    message = original.message if isinstance(original, DomainError) else error.message
    return GraphQLError(message, nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path, original_error=original,
                        extensions=extensions)


class ErrorShaping(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            request_id = getattr(self.execution_context.context, "request_id", "-")
            result.errors = [shape_error(e, request_id) for e in result.errors]


class FreshLoaders(SchemaExtension):
    """DataLoaders per operation: a websocket keeps one context for all its operations, and a
    cache that outlived its operation would serve rows from before later changes."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context):
            context.loaders = Loaders(lambda: context.org_id)
        yield


class LifelineSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Unexpected errors are logged (with the request id) by ErrorShaping."""


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    depth = QueryDepthLimiter(max_depth=settings.max_query_depth)
    aliases = MaxAliasesLimiter(max_alias_count=settings.max_aliases)
    cost = cost_rule(settings.max_query_cost, settings.max_page_size)
    rules = [*depth.validation_rules, *aliases.validation_rules, cost]
    max_tokens = settings.max_tokens
    return [
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        lambda: AddValidationRules(rules),
        lambda: ParserCache(maxsize=CACHE_SIZE),
        lambda: ValidationCache(maxsize=CACHE_SIZE),
    ]


def build_schema(settings: Settings) -> LifelineSchema:
    return LifelineSchema(
        query=Query, mutation=Mutation, subscription=Subscription, types=list(ERROR_TYPES),
        extensions=[ErrorShaping, FreshLoaders, *limit_extensions(settings)],
        execution_context_class=LeafFastPathExecutor,
    )
