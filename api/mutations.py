"""Mutations. Each returns a union of its payload and the typed errors it can produce."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from api.acquisition.mutations import AcquisitionMutations
from api.campaigns.mutations import CampaignMutations
from api.churn.mutations import ChurnMutations
from api.clv.mutations import ClvMutations
from api.context import Info
from api.enums import ImportKind, SyncMode
from api.errors import (
    ImportRejectedError,
    IntegrationNotConfiguredError,
    IntegrationPausedError,
    InvalidStageTransitionError,
    NotFoundError,
    SyncInProgressError,
    ValidationError,
    to_user_error,
)
from api.forecasts.mutations import ForecastMutations
from api.incentives.mutations import IncentiveMutations
from api.inputs import (
    ConfigureIntegrationInput,
    CreateApiKeyInput,
    MoveCustomerStageInput,
    parse_id,
)
from api.leads.mutations import LeadMutations
from api.permissions import IsAdmin, IsAnalyst, IsOperator
from api.revenue.mutations import RevenueMutations
from api.types import ApiKey, Customer, Integration, Job, LifecycleTransition, SyncRun
from domain.auth import service as auth
from domain.enums import ImportKind as DomainImportKind
from domain.enums import Source
from domain.errors import DomainError
from domain.imports import service as imports
from domain.journeys.service import move_stage
from domain.sync import config as sync_config
from domain.sync import service as syncs


@strawberry.type
class MoveCustomerStagePayload:
    customer: Customer
    transition: LifecycleTransition


@strawberry.type
class ImportStarted:
    job: Job


@strawberry.type
class ApiKeyCreated:
    api_key: ApiKey
    secret: str = strawberry.field(description="The full key. Shown once; store it now.")


@strawberry.type
class ApiKeyRevoked:
    api_key: ApiKey


MoveCustomerStageResult = Annotated[
    MoveCustomerStagePayload | InvalidStageTransitionError | NotFoundError | ValidationError,
    strawberry.union("MoveCustomerStageResult"),
]
ImportCsvResult = Annotated[
    ImportStarted | ImportRejectedError | ValidationError, strawberry.union("ImportCsvResult")
]
CreateApiKeyResult = Annotated[
    ApiKeyCreated | ValidationError, strawberry.union("CreateApiKeyResult")
]
@strawberry.type
class SyncStarted:
    run: SyncRun


@strawberry.type
class IntegrationConfigured:
    integration: Integration


StartSyncResult = Annotated[
    SyncStarted | SyncInProgressError | IntegrationNotConfiguredError | IntegrationPausedError
    | ValidationError, strawberry.union("StartSyncResult"),
]
ConfigureIntegrationResult = Annotated[
    IntegrationConfigured | ValidationError, strawberry.union("ConfigureIntegrationResult")
]
RevokeApiKeyResult = Annotated[
    ApiKeyRevoked | NotFoundError | ValidationError, strawberry.union("RevokeApiKeyResult")
]


@strawberry.type
class Mutation(CampaignMutations, IncentiveMutations, LeadMutations, ChurnMutations,
               AcquisitionMutations, ClvMutations, RevenueMutations, ForecastMutations):
    @strawberry.mutation(permission_classes=[IsAnalyst],
                         description="Move an account to another lifecycle stage (analyst).")
    async def move_customer_stage(
        self, info: Info, input: MoveCustomerStageInput
    ) -> MoveCustomerStageResult:
        try:
            customer, transition = await move_stage(
                info.context.org_id, parse_id(input.customer_id, "customerId"), input.stage,
                source=Source.API, reason=input.reason,
            )
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return MoveCustomerStagePayload(customer=customer,  # type: ignore[arg-type]
                                        transition=transition)  # type: ignore[arg-type]

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Upload a CSV (multipart). Validated now; written by a job, all or nothing.",
    )
    async def import_csv(self, info: Info, kind: ImportKind, file: Upload) -> ImportCsvResult:
        settings = info.context.settings
        content = await file.read(settings.import_max_bytes + 1)  # type: ignore[attr-defined]
        try:
            job = await imports.stage_import(
                info.context.queue, info.context.org_id, DomainImportKind(kind),
                getattr(file, "filename", "") or "upload.csv", content,
                max_bytes=settings.import_max_bytes,
            )
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return ImportStarted(job=job)  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[IsAdmin],
                         description="Create an API key in your organization (admin).")
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyResult:
        name = input.name.strip()
        if not name or len(name) > 200:
            return ValidationError(code="VALIDATION_FAILED", field="name",
                                   message="name must be 1 to 200 characters")
        issued = await auth.create_api_key(info.context.org_id, input.role, name)
        return ApiKeyCreated(api_key=issued.key, secret=issued.secret)  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[IsAdmin],
                         description="Revoke an API key of your organization (admin).")
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> RevokeApiKeyResult:
        try:
            key = await auth.revoke_api_key(info.context.org_id, parse_id(id))
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return ApiKeyRevoked(api_key=key)  # type: ignore[arg-type]

    @strawberry.mutation(
        permission_classes=[IsOperator],
        description="Start a sync of one source (operator). One per source at a time; "
                    "INCREMENTAL continues from the last successful sync's watermarks.")
    async def start_sync(
        self, info: Info, provider: Annotated[Source, strawberry.argument(name="source")],
        mode: SyncMode = SyncMode.INCREMENTAL,
    ) -> StartSyncResult:
        try:
            run = await syncs.start_sync(info.context.queue, info.context.org_id, provider,
                                         mode)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return SyncStarted(run=run)  # type: ignore[arg-type]

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Connect or reconfigure a provider (admin). Credentials are stored "
                    "encrypted and can never be read back.")
    async def configure_integration(self, info: Info, input: ConfigureIntegrationInput
                                    ) -> ConfigureIntegrationResult:
        try:
            integration = await sync_config.configure_integration(
                info.context.org_id, input.to_domain(), info.context.settings)
        except DomainError as exc:
            return to_user_error(exc)  # type: ignore[return-value]
        return IntegrationConfigured(integration=integration)  # type: ignore[arg-type]
