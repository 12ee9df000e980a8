"""The typed per-request context and the `Info` alias used by every resolver."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from domain.auth.service import Principal
from domain.errors import Unauthenticated
from domain.events import EventBus
from domain.jobs.service import JobQueue
from domain.settings import Settings

if TYPE_CHECKING:
    from api.loaders import Loaders


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | WebSocket | None
    settings: Settings
    bus: EventBus
    queue: JobQueue
    loaders: Loaders
    request_id: str
    principal: Principal | None = None
    connection_params: dict[str, Any] = field(default_factory=dict)

    @property
    def org_id(self) -> int:
        return self.caller.organization_id

    @property
    def caller(self) -> Principal:
        if self.principal is None:
            raise Unauthenticated("missing API key", field="authorization")
        return self.principal



Info: TypeAlias = StrawberryInfo[Context, None]
