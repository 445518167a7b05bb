from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import EmailStr

from masteryhub.auth.dependencies import NationalAdmin
from masteryhub.db import DbSession, WritesOnRead
from masteryhub.kit.routing import AppRoute
from masteryhub.people import service
from masteryhub.people.schemas import ErasureReport, ErasureRequest, PersonExport

router = APIRouter(prefix="/people", tags=["people"], route_class=AppRoute)


@router.get(
    "/export",
    operation_id="people-export",
    response_model=PersonExport,
    summary="Everything held about a person (UK GDPR subject access), audited",
    dependencies=[WritesOnRead],  # the export is audited: it writes
)
async def export_person(
    session: DbSession,
    principal: NationalAdmin,
    email: Annotated[EmailStr, Query(description="The person's email address.")],
) -> PersonExport:
    return await service.export(session, principal, email)


@router.post(
    "/erasure",
    operation_id="people-erase",
    response_model=ErasureReport,
    summary="Anonymise a person everywhere, keeping counts, references and ledger totals",
)
async def erase_person(
    session: DbSession,
    principal: NationalAdmin,
    data: ErasureRequest,
) -> ErasureReport:
    # No Idempotency-Key here: its stored request hash would be one more copy of the address.
    return await service.erase(session, principal, data.email)
