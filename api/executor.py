"""Two fixes to graphql-core's execution for pages of ORM objects.

ORM objects are not awaitables. Tortoise models define `__await__` (so `await instance`
works), which makes graphql-core treat every row it completes as a pending value: a
coroutine, a task and a gather per object, which cost more than the rest of the request
together. This executor checks for models before asking whether a value is awaitable.

A faster path for plain leaf fields.

Most fields of a list page are scalars read straight off an object (a name, an amount, a
date). graphql-core executes each one with the full machinery: resolve info, argument
coercion, awaitable checks, abort signals, value completion, about 10 µs a field. For a
field whose resolver is Strawberry's plain attribute read (no arguments, permissions or
extensions) and whose type is a scalar or enum, this executor reads and serialises the
value directly. Anything unusual (a null, an awaitable, a value the type cannot serialise,
field middleware) takes the normal path, so results and errors are exactly the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeGuard

from graphql import (
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    Undefined,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from tortoise.models import Model

LeafPlan = tuple[Callable[..., Any], Callable[[Any], Any]] | None


class LeafFastPathExecutor(StrawberryGraphQLCoreExecutionContext):
    _plans: dict[tuple[GraphQLObjectType, str], LeafPlan] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        awaitable = self.is_awaitable

        def is_awaitable(value: Any) -> TypeGuard[Awaitable[Any]]:
            return awaitable(value) and not isinstance(value, Model)

        self.is_awaitable = is_awaitable

    def _plan(self, parent_type: GraphQLObjectType, field_name: str) -> LeafPlan:
        key = (parent_type, field_name)
        try:
            return self._plans[key]
        except KeyError:
            pass
        plan: LeafPlan = None
        field_def = parent_type.fields.get(field_name)
        definition = field_def.extensions.get("strawberry-definition") if field_def else None
        if field_def is not None and getattr(definition, "is_basic_field", False):
            leaf = field_def.type.of_type if isinstance(field_def.type, GraphQLNonNull) \
                else field_def.type
            if isinstance(leaf, GraphQLScalarType | GraphQLEnumType) and not field_def.args:
                plan = (field_def.resolve, leaf.coerce_output_value)
        self._plans[key] = plan
        return plan

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        manager = self.middleware_manager
        if manager is None or not manager.middlewares:
            node = field_details_list[0].node
            plan = self._plan(parent_type, node.name.value)
            if plan is not None and not node.arguments:
                resolve, serialize = plan
                try:
                    value = resolve(source, None)
                    if value is not None and not self.is_awaitable(value):
                        coerced = serialize(value)
                        if coerced is not None and coerced is not Undefined:
                            return coerced
                except Exception:
                    pass
        return super().execute_field(parent_type, source, field_details_list, path,
                                     position_context)
