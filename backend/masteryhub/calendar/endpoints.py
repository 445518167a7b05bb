from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from masteryhub.auth.dependencies import ALL_ROLES, Allow, SignedIn
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.calendar import service
from masteryhub.calendar.schemas import CalendarAgenda, CalendarEvent, CalendarFeedIssued
from masteryhub.db import DbSession
from masteryhub.domain.fields import IsoDate
from masteryhub.errors import problem_responses
from masteryhub.kit.routing import AppRoute

router = APIRouter(tags=["calendar"], route_class=AppRoute)
FEED_PATH = "/api/v1/calendar/{token}.ics"

# Everyone in the hub; specialists see their own meetings and sessions (the service narrows).
AgendaReader = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.DELIVERY_READ}))]


@router.get(
    "/calendar/events",
    operation_id="calendar-events",
    response_model=CalendarAgenda,
    responses=problem_responses(422),
    summary="Residentials, TRG meetings and work-group sessions between two dates",
)
async def list_calendar_events(
    session: DbSession,
    principal: AgendaReader,
    first: Annotated[IsoDate, Query(alias="from", description="First day, London date.")],
    last: Annotated[
        IsoDate, Query(alias="to", description="Last day (inclusive), at most 92 days on.")
    ],
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
) -> CalendarAgenda:
    window = service.agenda_window(first, last)
    entries = await service.agenda_for(session, principal, window, hub_id)
    return CalendarAgenda(items=[CalendarEvent.of(entry) for entry in entries])


# No Idempotency-Key here: a stored replay would have to keep the feed's secret in clear.
@router.post(
    "/me/calendar-feed",
    operation_id="calendar-issue-feed",
    status_code=status.HTTP_201_CREATED,
    response_model=CalendarFeedIssued,
    summary="Create or rotate your secret calendar feed URL (shown once)",
)
async def issue_calendar_feed(
    request: Request, session: DbSession, principal: SignedIn, response: Response
) -> CalendarFeedIssued:
    feed, token = await service.issue_feed(session, principal)
    base_url = request.app.state.settings.base_url.rstrip("/")
    response.headers["Cache-Control"] = "no-store"
    return CalendarFeedIssued(
        url=base_url + FEED_PATH.format(token=token), token=token, issued_at=feed.updated_at
    )


@router.delete(
    "/me/calendar-feed",
    operation_id="calendar-revoke-feed",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(404),
    summary="Revoke your calendar feed URL",
)
async def revoke_calendar_feed(session: DbSession, principal: SignedIn) -> Response:
    await service.revoke_feed(session, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar/{token}.ics",
    operation_id="calendar-feed",
    response_class=Response,
    responses={
        200: {
            "description": "An RFC 5545 calendar",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **problem_responses(404),
    },
    summary="The calendar feed (public: the secret token in the URL is the credential)",
)
async def read_calendar_feed(session: DbSession, token: str) -> Response:
    owner = await service.feed_owner(session, token)
    body = await service.calendar_for(session, owner)
    return Response(
        content=body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "private, max-age=300",
            "Content-Disposition": 'inline; filename="masteryhub.ics"',
        },
    )
