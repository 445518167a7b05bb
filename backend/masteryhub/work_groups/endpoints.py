from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy import or_

from masteryhub.auth.dependencies import ALL_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.routing import AppRoute
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupStatus,
)
from masteryhub.residentials.access import own_specialist_ids
from masteryhub.work_groups import service
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
) -> Page[WorkGroupRead]:
    repository = service.WorkGroupRepository(session)
    statement = repository.visible_to(await own_specialist_ids(session, principal))
    if academic_year is not None:
        statement = statement.where(WorkGroup.academic_year == academic_year)
    if phase is not None:
        statement = statement.where(WorkGroup.phase == phase)
    if status is not None:
        statement = statement.where(WorkGroup.status == status)
    if programme is not None:
        statement = statement.where(WorkGroup.programme == programme)
    if specialist_id is not None:
        statement = statement.where(
            WorkGroup.leads.any(WorkGroupLead.specialist_id == specialist_id)
        )
    if school_id is not None:
        statement = statement.where(WorkGroup.schools.any(WorkGroupSchool.school_id == school_id))
    if code is not None:
        statement = statement.where(WorkGroup.code == code)
    if q:
        statement = statement.where(
            or_(WorkGroup.code.ilike(f"%{q}%"), WorkGroup.title.ilike(f"%{q}%"))
        )
    work_groups, next_cursor = await repository.page(statement, page)
    return Page(items=[WorkGroupRead.of(w) for w in work_groups], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="work-groups-create",
    status_code=status.HTTP_201_CREATED,
    response_model=WorkGroupRead,
    responses=problem_responses(403, 409),
    dependencies=[idempotency()],
)
async def create_work_group(
    session: DbSession, principal: Recorder, data: WorkGroupCreate, response: Response
) -> WorkGroupRead:
    work_group = await service.create_work_group(session, principal, data)
    work_group = await service.WorkGroupRepository(session).refreshed(work_group)
    response.headers["Location"] = f"/api/v1/work-groups/{work_group.id}"
    set_etag(response, work_group)
    return WorkGroupRead.of(work_group)


@router.get("/{work_group_id}", operation_id="work-groups-get", response_model=WorkGroupRead)
async def read_work_group(
    session: DbSession, principal: Reader, work_group_id: uuid.UUID, response: Response
) -> WorkGroupRead:
    own = await own_specialist_ids(session, principal)
    work_group = await service.WorkGroupRepository(session).get_visible(work_group_id, own)
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
    repository = service.WorkGroupRepository(session)
    own = await own_specialist_ids(session, principal)
    work_group = await repository.get_visible(work_group_id, own, lock=True)
    check_if_match(if_match, work_group)
    work_group = await service.update_work_group(session, principal, work_group, data)
    await session.flush()
    work_group = await repository.refreshed(work_group)
    set_etag(response, work_group)
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
    own = await own_specialist_ids(session, principal)
    work_group = await service.WorkGroupRepository(session).get_visible(
        work_group_id, own, lock=True
    )
    check_if_match(if_match, work_group)
    await service.delete_work_group(session, principal, work_group)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{work_group_id}/sessions",
    operation_id="work-groups-record-session",
    status_code=status.HTTP_201_CREATED,
    response_model=WorkGroupSessionRead,
    responses=problem_responses(409),
    dependencies=[idempotency()],
    summary="Record a session held, with attendance per participant",
)
async def record_session(
    session: DbSession,
    principal: Recorder,
    work_group_id: uuid.UUID,
    data: WorkGroupSessionCreate,
    response: Response,
) -> WorkGroupSessionRead:
    own = await own_specialist_ids(session, principal)
    work_group = await service.WorkGroupRepository(session).get_visible(
        work_group_id, own, lock=True
    )
    recorded = await service.record_session(session, principal, work_group, data)
    response.headers["Location"] = f"/api/v1/work-groups/{work_group.id}/sessions/{recorded.id}"
    set_etag(response, recorded)
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
    own = await own_specialist_ids(session, principal)
    work_group = await service.WorkGroupRepository(session).get_visible(work_group_id, own)
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
    own = await own_specialist_ids(session, principal)
    work_group = await service.WorkGroupRepository(session).get_visible(
        work_group_id, own, lock=True
    )
    found = service.session_of(work_group, session_id)
    check_if_match(if_match, found)
    updated = await service.update_session(session, principal, work_group, found, data)
    await session.flush()
    set_etag(response, updated)
    return WorkGroupSessionRead.of(updated)


@router.delete(
    "/{work_group_id}/sessions/{session_id}",
    operation_id="work-groups-delete-session",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(403, 409, 412),
    summary="Delete a session no release-day entry names as evidence",
)
async def delete_session(
    session: DbSession,
    principal: Recorder,
    work_group_id: uuid.UUID,
    session_id: uuid.UUID,
    if_match: IfMatch = None,
) -> Response:
    own = await own_specialist_ids(session, principal)
    work_group = await service.WorkGroupRepository(session).get_visible(
        work_group_id, own, lock=True
    )
    found = service.session_of(work_group, session_id)
    check_if_match(if_match, found)
    await service.delete_session(session, principal, found)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
