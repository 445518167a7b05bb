from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from masteryhub.applications import decisions, intake
from masteryhub.applications.access import Reader, Reviewer, Submitter
from masteryhub.applications.references import service as references
from masteryhub.applications.repository import (
    APPLICATION_SORTS,
    ApplicationRepository,
    ApplicationSort,
    CohortRepository,
)
from masteryhub.applications.reviews.service import may_see_all, summarise
from masteryhub.applications.schemas import (
    ApplicationDetail,
    ApplicationRead,
    ApplicationSubmit,
    ReferenceRequestRead,
    ReferenceResend,
    ReferenceResendRecord,
    TransitionRequest,
)
from masteryhub.auth.principals import Principal
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency, idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.routing import AppRoute
from masteryhub.models.application import Application, ApplicationStatus

router = APIRouter(prefix="/applications", tags=["applications"], route_class=AppRoute)


def _location(application: Application) -> str:
    return f"/api/v1/applications/{application.id}"


async def _detail(
    session: DbSession, principal: Principal, application: Application
) -> ApplicationDetail:
    repository = ApplicationRepository(session)
    reviews = await repository.reviews_of(application.id)
    summary = None
    if may_see_all(principal, reviews):
        criteria = await CohortRepository(session).criteria(application.cohort.programme_id)
        summary = summarise(criteria, reviews)
    resends = [
        ReferenceResendRecord(
            sent_at=event.created_at,
            sent_to=(event.after or {}).get("sent_to"),
            sent_by=event.actor_label,
        )
        for event in await repository.reference_resends_of(application.id)
    ]
    return ApplicationDetail(
        **ApplicationRead.of(application).model_dump(),
        review_summary=summary,
        reference_resends=resends,
    )


@router.post(
    "",
    operation_id="applications-submit",
    status_code=status.HTTP_201_CREATED,
    response_model=ApplicationRead,
    responses=problem_responses(404, 409, 429),
    summary="Submit an application (the intake contract; Idempotency-Key required)",
)
async def submit_application(
    request: Request,
    session: DbSession,
    principal: Submitter,
    data: ApplicationSubmit,
    response: Response,
    now: Now,
    _idempotency: Annotated[object, idempotency(required=True)],
) -> ApplicationRead:
    settings = request.app.state.settings
    # Per caller (each form tool's API client), shared by every replica through Redis when
    # configured: a leaked client secret cannot flood hubs' inboxes and applicants' email.
    await request.app.state.rate_limits.hit(
        f"{settings.intake_rate_per_minute}/minute",
        "intake",
        principal.caller_key,
        detail=f"At most {settings.intake_rate_per_minute} applications a minute per client.",
    )
    application = await intake.submit_application(
        session, principal, data, now=now, base_url=request.app.state.settings.base_url
    )
    response.headers["Location"] = _location(application)
    set_etag(response, application)
    return ApplicationRead.of(application)


@router.get("", operation_id="applications-list", response_model=Page[ApplicationRead])
async def list_applications(
    session: DbSession,
    _principal: Reader,
    page: Pagination,
    cohort_code: str | None = None,
    status_: Annotated[
        list[ApplicationStatus] | None,
        Query(alias="status", description="Repeat for several statuses."),
    ] = None,
    school_urn: str | None = None,
    q: Annotated[
        str | None, Query(description="Applicant name or email, or the reference.")
    ] = None,
    sort: Annotated[
        ApplicationSort,
        Query(
            description="`submitted` (oldest first, the default), `name` (surname, then first "
            "name) or `reference`; a leading `-` reverses it. A cursor works only with its sort."
        ),
    ] = ApplicationSort.SUBMITTED,
) -> Page[ApplicationRead]:
    repository = ApplicationRepository(session)
    statement = repository.filtered(
        cohort_code=cohort_code, statuses=status_ or (), school_urn=school_urn, q=q
    )
    applications, next_cursor = await repository.sorted_page(
        statement, page, sort, APPLICATION_SORTS
    )
    return Page(items=[ApplicationRead.of(a) for a in applications], next_cursor=next_cursor)


@router.get("/{application_id}", operation_id="applications-get", response_model=ApplicationDetail)
async def read_application(
    session: DbSession, principal: Reader, application_id: uuid.UUID, response: Response
) -> ApplicationDetail:
    application = await ApplicationRepository(session).get(application_id)
    set_etag(response, application)
    return await _detail(session, principal, application)


@router.post(
    "/{application_id}/transitions",
    operation_id="applications-transition",
    response_model=ApplicationDetail,
    responses=problem_responses(409, 412),
    summary="Move the application on (shortlist, interview, withdraw; hub leads decide)",
)
async def transition_application(
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    data: TransitionRequest,
    response: Response,
    now: Now,
    _idempotency: Idempotency,
    if_match: IfMatch = None,
) -> ApplicationDetail:
    application = await ApplicationRepository(session).for_update(application_id)
    check_if_match(if_match, application)
    await decisions.change_status(session, principal, application, data, now=now)
    await session.flush()
    set_etag(response, application)
    return await _detail(session, principal, application)


@router.post(
    "/{application_id}/reference-requests",
    operation_id="applications-resend-reference",
    status_code=status.HTTP_201_CREATED,
    response_model=ReferenceRequestRead,
    responses=problem_responses(409),
    summary="Send the headteacher a new reference link (the old ones stop working)",
)
async def resend_reference_request(
    request: Request,
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    now: Now,
    _idempotency: Idempotency,
    data: ReferenceResend | None = None,
) -> ReferenceRequestRead:
    application = await ApplicationRepository(session).for_update(application_id)
    reference_request = await references.resend(
        session,
        principal,
        application,
        data or ReferenceResend(),
        now=now,
        base_url=request.app.state.settings.base_url,
    )
    return ReferenceRequestRead.model_validate(reference_request)
