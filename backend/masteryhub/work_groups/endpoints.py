from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from masteryhub.auth.dependencies import ALL_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.work_group import WorkGroupPhase, WorkGroupStatus
from masteryhub.work_groups import service
from masteryhub.work_groups.repository import WorkGroupRepository
from masteryhub.work_groups.schemas import (
    WorkGroupCreate,
    WorkGroupRead,
    WorkGroupSessionCreate,
    WorkGroupSessionRead,
    WorkGroupSessionUpdate,
    WorkGroupUpdate,
)

router = APIRouter(prefix="/work-groups", tags=["work-groups"], route_class=AppRoute)

# Everyone in the hub; specialists are narrowed to the work groups they lead.
Reader = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.DELIVERY_READ}))]
Recorder = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.DELIVERY_WRITE}))]


@router.get("", operation_id="work-groups-list", response_model=Page[WorkGroupRead])
async def list_work_groups(
    session: DbSession,
    principal: Reader,
    page: Pagination,
    academic_year: Annotated[str | None, Query(examples=["2021/22"])] = None,
    phase: WorkGroupPhase | None = None,
    status: WorkGroupStatus | None = None,
    programme: ProgrammeCode | None = None,
    specialist_id: Annotated[uuid.UUID | None, Query(description="A lead specialist.")] = None,
    school_id: Annotated[uuid.UUID | None, Query(description="A participating school.")] = None,
    code: str | None = None,
    q: Annotated[str | None, Query(description="Search the code and title.")] = None,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
) -> Page[WorkGroupRead]:
    repository = WorkGroupRepository(session)
    statement = repository.filtered(
        academic_year=academic_year,
        phase=phase,
        status=status,
        programme=programme,
        specialist_id=specialist_id,
        school_id=school_id,
        code=code,
        q=q,
        hub_id=hub_id,
    )
    work_groups, next_cursor = await repository.page(statement, page)
    return Page(items=[WorkGroupRead.of(w) for w in work_groups], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="work-groups-create",
    status_code=status.HTTP_201_CREATED,
    response_model=WorkGroupRead,
    responses=problem_responses(403, 409),
)
async def create_work_group(
    session: DbSession,
    principal: Recorder,
    data: WorkGroupCreate,
    response: Response,
    _idempotency: Idempotency,
) -> WorkGroupRead:
    work_group = await service.create_work_group(session, principal, data)
    location = f"/api/v1/work-groups/{work_group.id}"
    await respond(session, response, work_group, location=location)
    work_group = await WorkGroupRepository(session).refreshed(work_group)
    return WorkGroupRead.of(work_group)


@router.get("/{work_group_id}", operation_id="work-groups-get", response_model=WorkGroupRead)
async def read_work_group(
    session: DbSession, principal: Reader, work_group_id: uuid.UUID, response: Response
) -> WorkGroupRead:
    work_group = await WorkGroupRepository(session).get(work_group_id)
    set_etag(response, work_group)
    return WorkGroupRead.of(work_group)


@router.patch(
    "/{work_group_id}",
    operation_id="work-groups-update",
    response_model=WorkGroupRead,
    responses=problem_responses(403, 409, 412),
    summary="Change a work group: details, leads, schools and teachers, status, evaluation",
)
async def update_work_group(
    session: DbSession,
    principal: Recorder,
    work_group_id: uuid.UUID,
    data: WorkGroupUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> WorkGroupRead:
    repository = WorkGroupRepository(session)
    work_group = await repository.for_update(work_group_id)
    check_if_match(if_match, work_group)
    work_group = await service.update_work_group(session, principal, work_group, data)
    await respond(session, response, work_group)
    work_group = await repository.refreshed(work_group)
    return WorkGroupRead.of(work_group)


@router.delete(
    "/{work_group_id}",
    operation_id="work-groups-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(409, 412),
    summary="Delete a work group with no sessions or TRG meetings (otherwise cancel it)",
)
async def delete_work_group(
    session: DbSession, principal: Recorder, work_group_id: uuid.UUID, if_match: IfMatch = None
) -> Response:
    work_group = await WorkGroupRepository(session).for_update(work_group_id)
    check_if_match(if_match, work_group)
    await service.delete_work_group(session, principal, work_group)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{work_group_id}/sessions",
    operation_id="work-groups-record-session",
    status_code=status.HTTP_201_CREATED,
    response_model=WorkGroupSessionRead,
    responses=problem_responses(409),
    summary="Record a session held, with attendance per participant",
)
async def record_session(
    session: DbSession,
    principal: Recorder,
    work_group_id: uuid.UUID,
    data: WorkGroupSessionCreate,
    response: Response,
    _idempotency: Idempotency,
) -> WorkGroupSessionRead:
    work_group = await WorkGroupRepository(session).for_update(work_group_id)
    recorded = await service.record_session(session, principal, work_group, data)
    location = f"/api/v1/work-groups/{work_group.id}/sessions/{recorded.id}"
    await respond(session, response, recorded, location=location)
    return WorkGroupSessionRead.of(recorded)


@router.get(
    "/{work_group_id}/sessions/{session_id}",
    operation_id="work-groups-get-session",
    response_model=WorkGroupSessionRead,
)
async def read_session(
    session: DbSession,
    principal: Reader,
    work_group_id: uuid.UUID,
    session_id: uuid.UUID,
    response: Response,
) -> WorkGroupSessionRead:
    work_group = await WorkGroupRepository(session).get(work_group_id)
    found = service.session_of(work_group, session_id)
    set_etag(response, found)
    return WorkGroupSessionRead.of(found)


@router.patch(
    "/{work_group_id}/sessions/{session_id}",
    operation_id="work-groups-update-session",
    response_model=WorkGroupSessionRead,
    responses=problem_responses(403, 409, 412),
    summary="Correct a session: date, times, mode, location, notes, the attendance register",
)
async def update_session(
    session: DbSession,
    principal: Recorder,
    work_group_id: uuid.UUID,
    session_id: uuid.UUID,
    data: WorkGroupSessionUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> WorkGroupSessionRead:
    work_group = await WorkGroupRepository(session).for_update(work_group_id)
    found = service.session_of(work_group, session_id)
    check_if_match(if_match, found)
    updated = await service.update_session(session, principal, work_group, found, data)
    await respond(session, response, updated)
    return WorkGroupSessionRead.of(updated)


@router.delete(
    "/{work_group_id}/sessions/{session_id}",
    operation_id="work-groups-delete-session",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(403, 409, 412),
    summary="Delete a session: its unaccepted proposals are withdrawn, accepted entries' "
    "reversals proposed",
)
async def delete_session(
    session: DbSession,
    principal: Recorder,
    work_group_id: uuid.UUID,
    session_id: uuid.UUID,
    if_match: IfMatch = None,
) -> Response:
    work_group = await WorkGroupRepository(session).for_update(work_group_id)
    found = service.session_of(work_group, session_id)
    check_if_match(if_match, found)
    await service.delete_session(session, principal, work_group, found)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
