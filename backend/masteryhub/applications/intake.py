"""Intake: a form tool's (or hub staff's) application becomes a routed, screened, numbered
record, with its emails queued in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications import notifications
from masteryhub.applications.errors import CohortClosed, CohortNotFound, CohortNotOpen
from masteryhub.applications.references import service as references
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.schemas import ApplicationSubmit
from masteryhub.applications.screening import Answers, screen
from masteryhub.applications.transitions import move
from masteryhub.auth.principals import Principal
from masteryhub.cohorts.repository import CohortRepository
from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.mail import format_deadline
from masteryhub.models.application import Application, ApplicationSource, ApplicationStatus
from masteryhub.models.cohort import Cohort
from masteryhub.schools.repository import SchoolRepository


async def next_reference(session: AsyncSession, cohort: Cohort) -> str:
    """``<prefix>-<6 digits>``, unique under concurrency (the cohort's counter row stays
    locked until this transaction ends)."""
    number = await ApplicationRepository(session).next_number(cohort.id)
    return f"{cohort.reference_prefix}-{number:06d}"


def _check_window(actor: Principal, cohort: Cohort, now: datetime) -> bool:
    """Whether the application is late. Form tools are refused outside the window; hub staff
    may enter a late application by hand (product.md)."""
    late = now >= cohort.closes_at
    if actor.kind == "client":
        if late:
            raise CohortClosed(
                f"Applications to {cohort.name} closed at {format_deadline(cohort.closes_at)}.",
                extra={"closes_at": cohort.closes_at.isoformat()},
            )
        if now < cohort.opens_at:
            raise CohortNotOpen(
                f"Applications to {cohort.name} open at {format_deadline(cohort.opens_at)}.",
                extra={"opens_at": cohort.opens_at.isoformat()},
            )
    return late


async def submit_application(
    session: AsyncSession,
    actor: Principal,
    data: ApplicationSubmit,
    *,
    now: datetime,
    base_url: str,
) -> Application:
    cohort = await CohortRepository(session).with_programme(data.cohort_code)
    if cohort is None:
        raise CohortNotFound(f"No cohort with code {data.cohort_code!r}.")
    is_late = _check_window(actor, cohort, now)
    school = await SchoolRepository(session).by_urn_any_hub(data.school_urn)
    hub_id = school.hub_id if school is not None and school.hub_id else actor.hub_id
    if hub_id is None:
        raise ValidationFailed(
            "The application cannot be routed to a hub.",
            errors=[
                FieldError(
                    field="school_urn",
                    message="This school is not in any hub's area; enter it as hub staff.",
                )
            ],
        )
    hub = await HubRepository(session).find(hub_id)
    assert hub is not None  # a user's, client's or school's hub exists (foreign keys)
    answers = Answers(
        has_qts=data.has_qts,
        years_teaching_maths=data.years_teaching_maths,
        teaching_maths_half_days_per_week=(
            None
            if data.days_teaching_maths_per_week is None
            else round(data.days_teaching_maths_per_week * 2)
        ),
        school_urn=data.school_urn,
    )
    if actor.kind == "client":
        source = ApplicationSource(data.source or ApplicationSource.API)
    else:
        source = ApplicationSource.SPA
    head = data.headteacher
    screening = screen(cohort.programme.code, answers, school)
    # Numbered last: on PostgreSQL the counter's row lock is held from here to the commit,
    # so everything that can be done before it is.
    application = Application(
        hub_id=hub.id,
        reference=await next_reference(session, cohort),
        cohort_id=cohort.id,
        status=ApplicationStatus.SUBMITTED,
        source=source,
        is_late=is_late,
        submitted_at=now,
        school_urn=data.school_urn,
        school_id=school.id if school is not None else None,
        applicant_first_name=data.applicant.first_name,
        applicant_last_name=data.applicant.last_name,
        applicant_email=data.applicant.email.lower(),
        applicant_trn=data.applicant.trn,
        applicant_phone=data.applicant.phone,
        role_title=data.role_title,
        has_qts=data.has_qts,
        years_teaching_maths=data.years_teaching_maths,
        teaching_maths_half_days_per_week=answers.teaching_maths_half_days_per_week,
        is_maths_subject_leader=data.is_maths_subject_leader,
        additional_statuses=[s.value for s in data.additional_statuses],
        engaged_with_hub_tfm_work=data.engaged_with_hub_tfm_work,
        statement=data.statement,
        criteria_evidence=dict(data.criteria_evidence),
        consent_to_data_processing=data.consent_to_data_processing,
        headteacher_name=head.name,
        headteacher_email=head.email.lower(),
        headteacher_statement=head.statement,
        headteacher_statement_received_at=now if head.statement is not None else None,
        screening=screening,
    )
    # Set the loaded relationships so the response and the emails need no further query
    # (and so a staff member entering another hub's school's application still gets it back).
    application.cohort = cohort
    application.hub = hub
    application.school = school
    # A statement that came with the form completes the application at once.
    move(
        application,
        ApplicationStatus.COMPLETE
        if head.statement is not None
        else ApplicationStatus.AWAITING_REFERENCE,
    )
    session.add(application)
    await audit.record(session, actor, "application.submitted", application)
    if application.status is ApplicationStatus.AWAITING_REFERENCE:
        await references.issue(session, application, now=now, base_url=base_url)
    await notifications.application_received(session, application)
    return application
