"""Incentive catalogue and decision-rule mutations (admin; merged into `Mutation`)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.context import Info
from api.errors import NotFoundError, ValidationError, to_user_error
from api.incentives.inputs import DecisionRulesInput, IncentiveInput
from api.incentives.types import DecisionRules, Incentive
from api.permissions import IsAdmin
from domain.errors import DomainError
from domain.incentives import service


@strawberry.type
class IncentiveSaved:
    incentive: Incentive


@strawberry.type
class DecisionRulesSaved:
    rules: DecisionRules


SaveIncentiveResult = Annotated[IncentiveSaved | ValidationError | NotFoundError,
                                strawberry.union("SaveIncentiveResult")]
ConfigureDecisionRulesResult = Annotated[DecisionRulesSaved | ValidationError,
                                         strawberry.union("ConfigureDecisionRulesResult")]


def _saved(row: object) -> IncentiveSaved:
    return IncentiveSaved(incentive=row)  # type: ignore[arg-type]


@strawberry.type
class IncentiveMutations:
    @strawberry.mutation(permission_classes=[IsAdmin],
                         description="Add an incentive to the catalogue (admin).")
    async def create_incentive(self, info: Info, input: IncentiveInput) -> SaveIncentiveResult:
        try:
            await service.ensure_catalogue(info.context.org_id)
            row = await service.create_incentive(info.context.org_id, input.to_domain())
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return _saved(row)

    @strawberry.mutation(permission_classes=[IsAdmin],
                         description="Replace an incentive's definition (admin).")
    async def update_incentive(self, info: Info, code: str,
                               input: IncentiveInput) -> SaveIncentiveResult:
        try:
            row = await service.update_incentive(info.context.org_id, code, input.to_domain())
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return _saved(row)

    @strawberry.mutation(permission_classes=[IsAdmin],
                         description="Offer an incentive again, or stop offering it "
                                     "(admin); its learned outcomes are kept.")
    async def set_incentive_active(self, info: Info, code: str,
                                   active: bool) -> SaveIncentiveResult:
        try:
            await service.ensure_catalogue(info.context.org_id)
            row = await service.set_incentive_active(info.context.org_id, code, active)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return _saved(row)

    @strawberry.mutation(permission_classes=[IsAdmin],
                         description="Change the routing boxes, control share, priors, "
                                     "channels and webhook (admin); overlapping boxes are "
                                     "rejected and nothing is changed.")
    async def configure_decision_rules(self, info: Info, input: DecisionRulesInput
                                       ) -> ConfigureDecisionRulesResult:
        try:
            row = await service.configure_decision_rules(
                info.context.org_id, input.to_domain(), info.context.settings)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return DecisionRulesSaved(rules=row)  # type: ignore[arg-type]
