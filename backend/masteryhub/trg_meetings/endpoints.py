from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from masteryhub.auth.dependencies import ALL_ROLES, Allow
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.domain.fields import IsoDate
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.trg_meeting import TrgMeetingKind
from masteryhub.trg_meetings import service
from masteryhub.trg_meetings.repository import TrgMeetingRepository
from masteryhub.trg_meetings.schemas import TrgMeetingCreate, TrgMeetingRead, TrgMeetingUpdate

router = APIRouter(prefix="/trg-meetings", tags=["trg-meetings"], route_class=AppRoute)

# Everyone in the hub; specialists are narrowed to their own meetings by the service.
Reader = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.DELIVERY_READ}))]
Recorder = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.DELIVERY_WRITE}))]


@router.get("", operation_id="trg-meetings-list", response_model=Page[TrgMeetingRead])
async def list_trg_meetings(
    session: DbSession,
    principal: Reader,
    page: Pagination,
    specialist_id: Annotated[uuid.UUID | None, Query(description="The lead specialist.")] = None,
    kind: TrgMeetingKind | None = None,
    held_from: Annotated[IsoDate | None, Query(description="Held on or after this date.")] = None,
    held_to: Annotated[IsoDate | None, Query(description="Held on or before this date.")] = None,
    school_id: Annotated[uuid.UUID | None, Query(description="The host school.")] = None,
    work_group_id: uuid.UUID | None = None,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
) -> Page[TrgMeetingRead]:
    repository = TrgMeetingRepository(session)
    statement = repository.filtered(
        specialist_id=specialist_id,
        kind=kind,
        held_from=held_from,
        held_to=held_to,
        school_id=school_id,
        work_group_id=work_group_id,
        hub_id=hub_id,
    )
    meetings, next_cursor = await repository.page(statement, page)
    return Page(items=[TrgMeetingRead.of(m) for m in meetings], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="trg-meetings-create",
    status_code=status.HTTP_201_CREATED,
    response_model=TrgMeetingRead,
    responses=problem_responses(403, 409),
)
async def create_trg_meeting(
    session: DbSession,
    principal: Recorder,
    data: TrgMeetingCreate,
    response: Response,
    _idempotency: Idempotency,
) -> TrgMeetingRead:
    meeting = await service.create_trg_meeting(session, principal, data)
    await respond(session, response, meeting, location=f"/api/v1/trg-meetings/{meeting.id}")
    meeting = await TrgMeetingRepository(session).refreshed(meeting)
    return TrgMeetingRead.of(meeting)


@router.get("/{trg_meeting_id}", operation_id="trg-meetings-get", response_model=TrgMeetingRead)
async def read_trg_meeting(
    session: DbSession, principal: Reader, trg_meeting_id: uuid.UUID, response: Response
) -> TrgMeetingRead:
    meeting = await TrgMeetingRepository(session).get(trg_meeting_id)
    set_etag(response, meeting)
    return TrgMeetingRead.of(meeting)


@router.patch(
    "/{trg_meeting_id}",
    operation_id="trg-meetings-update",
    response_model=TrgMeetingRead,
    responses=problem_responses(403, 412),
)
async def update_trg_meeting(
    session: DbSession,
    principal: Recorder,
    trg_meeting_id: uuid.UUID,
    data: TrgMeetingUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> TrgMeetingRead:
    repository = TrgMeetingRepository(session)
    meeting = await repository.for_update(trg_meeting_id)
    check_if_match(if_match, meeting)
    meeting = await service.update_trg_meeting(session, principal, meeting, data)
    await respond(session, response, meeting)
    meeting = await repository.refreshed(meeting)
    return TrgMeetingRead.of(meeting)


@router.delete(
    "/{trg_meeting_id}",
    operation_id="trg-meetings-delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(409, 412),
    summary="Delete a TRG meeting that nothing (e.g. a release-day claim) points at",
)
async def delete_trg_meeting(
    session: DbSession, principal: Recorder, trg_meeting_id: uuid.UUID, if_match: IfMatch = None
) -> Response:
    meeting = await TrgMeetingRepository(session).for_update(trg_meeting_id)
    check_if_match(if_match, meeting)
    await service.delete_trg_meeting(session, principal, meeting)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
