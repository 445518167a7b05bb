from __future__ import annotations

import uuid
from email.utils import parseaddr
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from masteryhub.applications import (
    corrections,
    decisions,
    details,
    intake,
    interviews,
    notes,
    work_queue,
)
from masteryhub.applications.access import Reader, Reviewer, Submitter
from masteryhub.applications.references import service as references
from masteryhub.applications.repository import (
    ApplicationFilter,
    ApplicationRepository,
    ApplicationSort,
)
from masteryhub.applications.schemas import (
    ApplicationDetail,
    ApplicationRead,
    ApplicationSubmit,
    ApplicationUpdate,
    BulkTransitionRequest,
    BulkTransitionResult,
    InterviewRead,
    InterviewSchedule,
    NoteCreate,
    NoteRead,
    ReferenceRequestRead,
    ReferenceResend,
    TransitionRequest,
    WorkQueue,
)
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.etags import IfMatch, IfNoneMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency, IdempotencyRequired
from masteryhub.kit.pagination import Page, Pagination, page_response
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.application import Application, ApplicationStatus

router = APIRouter(prefix="/applications", tags=["applications"], route_class=AppRoute)


def _location(application: Application) -> str:
    return f"/api/v1/applications/{application.id}"


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
    _idempotency: IdempotencyRequired,
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
    await respond(session, response, application, location=_location(application))
    return ApplicationRead.of(application)


@router.get("", operation_id="applications-list", response_model=Page[ApplicationRead])
async def list_applications(
    session: DbSession,
    _principal: Reader,
    page: Pagination,
    now: Now,
    cohort_code: str | None = None,
    status_: Annotated[
        list[ApplicationStatus] | None,
        Query(alias="status", description="Repeat for several statuses."),
    ] = None,
    school_urn: str | None = None,
    reference_overdue: Annotated[
        bool | None,
        Query(description="True: awaiting the reference past the cohort's first chaser day."),
    ] = None,
    school_unmatched: Annotated[
        bool | None, Query(description="True: the URN matched no school (the hub resolves it).")
    ] = None,
    review_count: Annotated[
        int | None, Query(ge=0, le=100, description="Exactly this many reviews submitted.")
    ] = None,
    q: Annotated[
        str | None, Query(description="Applicant name or email, or the reference.")
    ] = None,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
    sort: Annotated[
        ApplicationSort,
        Query(
            description="`submitted` (oldest first, the default), `name` (surname, then first "
            "name) or `reference`; a leading `-` reverses it. A cursor works only with its sort."
        ),
    ] = ApplicationSort.SUBMITTED,
) -> Response:
    filters = ApplicationFilter(
        cohort_code=cohort_code,
        statuses=tuple(status_ or ()),
        school_urn=school_urn,
        q=q,
        reference_overdue=reference_overdue,
        now=now,
        school_unmatched=school_unmatched,
        review_count=review_count,
        hub_id=hub_id,
    )
    repository = ApplicationRepository(session)
    rows, next_cursor = await repository.list_page(filters, page, sort)
    # Rows, not ORM objects, shaped for ApplicationRead and serialised once (the read path).
    return page_response(page, repository.page_items(rows, now), next_cursor)


@router.get(
    "/work-queue",
    operation_id="applications-work-queue",
    response_model=WorkQueue,
    summary="What is waiting on the hub: overdue references, reviews, decisions, claims",
)
async def read_work_queue(
    session: DbSession,
    _principal: Reviewer,
    now: Now,
    cohort_code: str | None = None,
) -> WorkQueue:
    return await work_queue.summary(session, now, cohort_code)


@router.post(
    "/bulk-transitions",
    operation_id="applications-bulk-transition",
    response_model=BulkTransitionResult,
    responses=problem_responses(409),
    summary="Move several applications at once: all or nothing, each row audited",
)
async def bulk_transition(
    session: DbSession,
    principal: Reviewer,
    data: BulkTransitionRequest,
    now: Now,
    _idempotency: Idempotency,
) -> BulkTransitionResult:
    items = await decisions.bulk_change_status(session, principal, data, now=now)
    return BulkTransitionResult(items=items)


@router.get("/{application_id}", operation_id="applications-get", response_model=ApplicationDetail)
async def read_application(
    session: DbSession,
    principal: Reader,
    application_id: uuid.UUID,
    response: Response,
    now: Now,
) -> ApplicationDetail:
    application = await ApplicationRepository(session).get(application_id)
    set_etag(response, application)
    return await details.detail(session, principal, application, now)


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
    await respond(session, response, application)
    return await details.detail(session, principal, application, now)


@router.patch(
    "/{application_id}",
    operation_id="applications-update",
    response_model=ApplicationDetail,
    responses=problem_responses(409, 412),
    summary="Correct an application (contact details, answers, headteacher, school)",
)
async def update_application(
    request: Request,
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    data: ApplicationUpdate,
    response: Response,
    now: Now,
    if_match: IfMatch = None,
    resend_reference: Annotated[
        bool,
        Query(
            description="With a corrected headteacher email on an application awaiting its "
            "reference: also send a new link to the new address."
        ),
    ] = False,
) -> ApplicationDetail:
    application = await ApplicationRepository(session).for_update(application_id)
    check_if_match(if_match, application)
    await ApplicationRepository(session).with_programme(application)
    await corrections.update_application(
        session,
        principal,
        application,
        data,
        now=now,
        base_url=request.app.state.settings.base_url,
        resend_reference=resend_reference,
    )
    await respond(session, response, application)
    return await details.detail(session, principal, application, now)


@router.get(
    "/{application_id}/notes",
    operation_id="applications-list-notes",
    response_model=Page[NoteRead],
    summary="Internal notes (hub staff only; never shown to the applicant or headteacher)",
)
async def list_notes(
    session: DbSession, _principal: Reviewer, application_id: uuid.UUID, page: Pagination
) -> Page[NoteRead]:
    repository = ApplicationRepository(session)
    application = await repository.get(application_id)
    items, next_cursor = await repository.notes_page(application.id, page)
    return Page(items=[NoteRead.model_validate(n) for n in items], next_cursor=next_cursor)


@router.post(
    "/{application_id}/notes",
    operation_id="applications-add-note",
    status_code=status.HTTP_201_CREATED,
    response_model=NoteRead,
    summary="Add an internal note",
)
async def add_note(
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    data: NoteCreate,
    response: Response,
    _idempotency: Idempotency,
) -> NoteRead:
    application = await ApplicationRepository(session).get(application_id)
    note = await notes.add(session, principal, application, data.text)
    location = f"{_location(application)}/notes/{note.id}"
    await respond(session, response, note, location=location, etag=False)
    return NoteRead.model_validate(note)


@router.get(
    "/{application_id}/interview",
    operation_id="applications-get-interview",
    response_model=InterviewRead | None,
    summary="The application's interview (null while none is scheduled), with its ETag",
    description="The `ETag` is what rescheduling sends as `If-Match`, so a reschedule made "
    "from a stale copy is refused (`412`) rather than moving someone else's new time.",
)
async def read_interview(
    session: DbSession, _principal: Reader, application_id: uuid.UUID, response: Response
) -> InterviewRead | None:
    applications = ApplicationRepository(session)
    application = await applications.get(application_id)  # another hub's: 404
    interview = await applications.interview_of(application.id)
    if interview is None:
        return None
    set_etag(response, interview)
    return interviews.read(interview)


@router.put(
    "/{application_id}/interview",
    operation_id="applications-schedule-interview",
    response_model=InterviewRead,
    responses={
        **problem_responses(409, 412),
        201: {"model": InterviewRead, "description": "Scheduled for the first time."},
    },
    summary="Schedule or reschedule the interview (emails the applicant an .ics invitation)",
    description="Rescheduling honours `If-Match` with the interview's `ETag` (from `GET` of "
    "the interview or the last `PUT`): `412` when someone moved it since. `If-Match` on an "
    "application with no interview is `412` too: the interview it names is not there. "
    "Scheduling the first interview with `If-None-Match: *` is `412` when someone else "
    "scheduled one meanwhile: of two people scheduling it at once, one succeeds (`201`) and "
    "the other is refused rather than moving the first's time.",
)
async def schedule_interview(
    request: Request,
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    data: InterviewSchedule,
    response: Response,
    if_match: IfMatch = None,
    if_none_match: IfNoneMatch = None,
) -> InterviewRead:
    application = await ApplicationRepository(session).for_update(application_id)
    interview, created = await interviews.schedule(
        session,
        principal,
        application,
        data,
        if_match=if_match,
        if_none_match=if_none_match,
        organiser=parseaddr(request.app.state.settings.mail_from)[1],
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    await respond(session, response, interview)
    return interviews.read(interview)


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
