"""Role-checked permission classes for mutations and sensitive fields.

Requests without a valid key never reach a resolver (they get 401 / close code 4401), so
these only compare the caller's role with the one required.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from api.context import Info
from domain.enums import Role


class _RolePermission(BasePermission):
    role: Role = Role.VIEWER

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and principal.role.allows(self.role)


def _role(role: Role) -> type[_RolePermission]:
    return type(
        f"Is{role.value.title()}",
        (_RolePermission,),
        {
            "role": role,
            "message": f"this needs the {role.value} role (or higher)",
            "error_extensions": {"code": "PERMISSION_DENIED", "requiredRole": role.value},
        },
    )


IsAnalyst = _role(Role.ANALYST)
IsOperator = _role(Role.OPERATOR)
IsAdmin = _role(Role.ADMIN)
