from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from masteryhub.auth.dependencies import SignedIn
from masteryhub.calendar import service
from masteryhub.calendar.schemas import CalendarFeedIssued
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.routing import AppRoute

router = APIRouter(tags=["calendar"], route_class=AppRoute)
FEED_PATH = "/api/v1/calendar/{token}.ics"


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
