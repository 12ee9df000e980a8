"""A query-cost limit: an upper bound on the rows a query can read, checked at validation.

Depth, aliases, tokens and page size are each capped, but their product is not:
`customers(first: 100) { invoices(first: 100) }` under 15 aliases reads 150,000 invoices.
The cost of a field with a page-size argument (`first`, or `weeks` for usage) is that size
times the number of parents it runs for; nested fields multiply. An omitted argument counts
as the schema's default; a variable as its own default, or as the largest value allowed when
it has none (the document is validated once, whatever the variables).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
)

SIZE_ARGUMENTS = {"first": 100, "weeks": 156}


def cost_rule(max_cost: int, page_size: int) -> type[ValidationRule]:
    """A validation rule class (build it once per schema: the validation cache keys on it)."""
    defaults = {**SIZE_ARGUMENTS, "first": page_size}

    class QueryCost(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.variables: dict[str, int] = {}

        def size(self, field: FieldNode, definition: GraphQLField | None) -> int | None:
            """The field's page size: given, a variable, or the schema's default."""
            given = {a.name.value: a.value for a in field.arguments or ()}
            for name, largest in defaults.items():
                argument = definition.args.get(name) if definition else None
                value = given.get(name)
                if isinstance(value, IntValueNode):
                    return max(int(value.value), 1)
                if isinstance(value, VariableNode):
                    return self.variables.get(value.name.value, largest)
                if value is not None or argument is not None:
                    default = argument.default_value if argument else None
                    return default if isinstance(default, int) and default > 0 else largest
            return None

        def cost(self, selection_set: SelectionSetNode | None, parent: Any, parents: int,
                 seen: frozenset[str]) -> int:
            total = 0
            for selection in selection_set.selections if selection_set else ():
                if isinstance(selection, FieldNode):
                    fields = getattr(parent, "fields", {})
                    definition = fields.get(selection.name.value)
                    size = self.size(selection, definition)
                    rows = parents * size if size is not None else parents
                    total += rows if size is not None else 0
                    child = get_named_type(definition.type) if definition else None
                    total += self.cost(selection.selection_set, child, rows, seen)
                elif isinstance(selection, InlineFragmentNode):
                    total += self.cost(selection.selection_set, self.condition(selection, parent),
                                       parents, seen)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.context.get_fragment(name)
                    if fragment is not None and name not in seen:
                        total += self.cost(fragment.selection_set,
                                           self.condition(fragment, parent), parents,
                                           seen | {name})
            return total

        def condition(self, fragment: Any, parent: Any) -> Any:
            condition = fragment.type_condition
            if condition is None:
                return parent
            return self.context.schema.get_type(condition.name.value) or parent

        def enter_operation_definition(self, node: OperationDefinitionNode,
                                       *_args: Any) -> None:
            self.variables = {
                d.variable.name.value: int(d.default_value.value)
                for d in node.variable_definitions or ()
                if isinstance(d.default_value, IntValueNode)
            }
            root = self.context.schema.get_root_type(node.operation)
            total = self.cost(node.selection_set, root, 1, frozenset())
            if total > max_cost:
                name = node.name.value if node.name else "anonymous"
                self.report_error(GraphQLError(
                    f"'{name}' could read up to {total} rows; the limit is {max_cost}",
                    node))

    return QueryCost
