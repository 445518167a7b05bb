from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends

from masteryhub.auth.dependencies import ALL_ROLES, STAFF_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.cohorts.repository import ResidentialRepository
from masteryhub.db import DbSession
from masteryhub.kit.routing import AppRoute
from masteryhub.residentials import service
from masteryhub.residentials.schemas import AttendanceRecordIn, ResidentialAttendanceRead

router = APIRouter(prefix="/residentials", tags=["residentials"], route_class=AppRoute)

# Specialists read their own line of the register; hub staff record it.
Reader = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.DELIVERY_READ}))]
Recorder = Annotated[Principal, Depends(Allow(STAFF_ROLES, scopes={Scope.DELIVERY_WRITE}))]


@router.get(
    "/{residential_id}/attendance",
    operation_id="residentials-get-attendance",
    response_model=ResidentialAttendanceRead,
)
async def read_attendance(
    session: DbSession, principal: Reader, residential_id: uuid.UUID
) -> ResidentialAttendanceRead:
    residential = await ResidentialRepository(session).get(residential_id)
    return await service.register(session, residential)


@router.put(
    "/{residential_id}/attendance",
    operation_id="residentials-record-attendance",
    response_model=ResidentialAttendanceRead,
    summary="Record attended / absent / excused for specialists of your hub (upsert)",
)
async def record_attendance(
    session: DbSession,
    principal: Recorder,
    residential_id: uuid.UUID,
    records: Annotated[list[AttendanceRecordIn], Body(max_length=500)],
) -> ResidentialAttendanceRead:
    residential = await service.record_attendance(session, principal, residential_id, records)
    return await service.register(session, residential)
