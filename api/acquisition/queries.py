"""Acquisition reads: query fields (merged into the root `Query`, analyst role) and the
audiences' CSV download route (`GET /audiences/{name}.csv`, the same bearer API key as
/graphql, analyst role, the key's organization only). Expected errors are raised as domain
errors and reach the client with their code and field, as other queries do."""

from __future__ import annotations

import logging
import uuid

import strawberry
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.acquisition.inputs import NewCustomerInput
from api.acquisition.types import Audience, BudgetAllocation, NewCustomerValue
from api.context import Info
from api.permissions import IsAnalyst
from domain.acquisition import audiences as domain_audiences
from domain.acquisition import budget, service
from domain.auth.service import authenticate, bearer_token
from domain.enums import Role
from domain.errors import Unauthenticated

log = logging.getLogger("lifeline.api")
_TRUE = frozenset({"1", "true", "yes"})


@strawberry.type
class AcquisitionQueries:
    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Predicted 12-month value of a new customer from its first "
                                  "30 days, with the acquisition cost worth paying (analyst).")
    async def predict_clv(self, info: Info, input: NewCustomerInput) -> NewCustomerValue:
        value = await service.predict_clv(info.context.org_id, input.to_domain(),
                                          info.context.settings)
        return NewCustomerValue.of(value)

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="High-CLV, Growth-Potential and Low-CLV audiences from the "
                                  "customers' predicted CLV (analyst).")
    async def audiences(self, info: Info) -> list[Audience]:
        settings = info.context.settings
        found = await domain_audiences.audiences(info.context.org_id)
        return [Audience.of(a, settings.base_url, settings.max_page_size) for a in found]

    @strawberry.field(permission_classes=[IsAnalyst],
                      description="Split an acquisition budget across the audiences by "
                                  "weight (High, Growth, Low; default from settings, 3,2,1) "
                                  "(analyst).")
    async def budget_allocation(self, info: Info, total_budget: float,
                                weights: list[float] | None = None) -> BudgetAllocation:
        settings = info.context.settings
        chosen = (budget.parse_weights(weights) if weights is not None else
                  budget.parse_weights(settings.clv_budget_weights, field="clvBudgetWeights"))
        tiers = await domain_audiences.audiences(info.context.org_id)
        split = budget.allocate(total_budget, tiers, chosen, cac_share=settings.clv_cac_share)
        return BudgetAllocation.of(split)


def _refuse(status: int, code: str, message: str, field: str | None, request_id: str
            ) -> Response:
    headers = {"x-request-id": request_id}
    if status == 401:
        headers["www-authenticate"] = "Bearer"
    return JSONResponse({"error": {"code": code, "field": field, "message": message,
                                   "requestId": request_id}}, status_code=status,
                        headers=headers)


async def audience_csv(request: Request) -> Response:
    """`GET /audiences/{name}.csv[?country=1]`: one audience as a lookalike seed file."""
    request_id = uuid.uuid4().hex[:16]
    settings = request.app.state.runtime.settings
    token = bearer_token(request.headers.get("authorization"))
    try:
        principal = await authenticate(token, settings.auth_cache_seconds)
    except Unauthenticated as exc:
        return _refuse(401, exc.code, exc.message, exc.field, request_id)
    if not principal.role.allows(Role.ANALYST):
        return _refuse(403, "PERMISSION_DENIED", "this needs the analyst role (or higher)",
                       None, request_id)
    try:
        name = domain_audiences.AudienceName(request.path_params["name"])
    except ValueError:
        names = ", ".join(n.value for n in domain_audiences.ORDER)
        return _refuse(404, "NOT_FOUND", f"no such audience; one of {names}", "name",
                       request_id)
    country = request.query_params.get("country", "").lower() in _TRUE
    export = await domain_audiences.audience_csv(principal.organization_id, name,
                                                 country=country)
    log.info("audience %s exported for organization %s: %d rows", name.value,
             principal.organization_id, export.rows)
    return Response(export.content, media_type="text/csv; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{name.value}.csv"',
        "x-rows": str(export.rows), "x-missing-emails": str(export.skipped),
        "x-duplicate-emails": str(export.duplicates), "x-request-id": request_id,
        "cache-control": "no-store"})
