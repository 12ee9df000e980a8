"""Acquisition mutations (merged into the root `Mutation`): train the new-customer model.

Training runs inline (in a worker thread, off the event loop): it reads one statement of
transactions and fits small models, a few seconds for thousands of customers."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.acquisition.types import AcquisitionModel
from api.context import Info
from api.errors import ValidationError, to_user_error
from api.permissions import IsOperator
from domain.acquisition import service
from domain.enums import ModelStatus
from domain.errors import DomainError


@strawberry.type
class AcquisitionModelTrained:
    model: AcquisitionModel
    promoted: bool = strawberry.field(description="The new version is now the active one")


TrainAcquisitionModelResult = Annotated[
    AcquisitionModelTrained | ValidationError,
    strawberry.union("TrainAcquisitionModelResult")]


@strawberry.type
class AcquisitionMutations:
    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Train the new-customer value model from the organization's "
                    "transactions (operator). It serves LightGBM only if it beats the "
                    "per-channel baseline on the newest customers.")
    async def train_acquisition_model(self, info: Info) -> TrainAcquisitionModelResult:
        try:
            version = await service.train_acquisition_model(info.context.org_id)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return AcquisitionModelTrained(
            model=version,  # type: ignore[arg-type]
            promoted=version.status is ModelStatus.ACTIVE)
