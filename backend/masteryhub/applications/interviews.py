"""Interviews: a London date and time, a place or a video link, and the applicant's calendar
invitation (RFC 5545, made by icalendar) — the same UID each time, a higher SEQUENCE when
rescheduled, so the applicant's calendar moves the event instead of adding another."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from icalendar import Calendar, Event, vCalAddress, vText
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications import notifications
from masteryhub.applications.errors import InterviewNotAllowed
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.schemas import InterviewRead, InterviewSchedule
from masteryhub.applications.transitions import move
from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import LONDON
from masteryhub.errors import FieldError, PreconditionFailed, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.etags import check_if_match, check_if_none_match
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.interview import Interview

SCHEDULABLE = frozenset(
    {ApplicationStatus.SHORTLISTED, ApplicationStatus.INTERVIEW, ApplicationStatus.RESERVE}
)
PRODID = "-//MasteryHub//Interviews//EN"


def starts_at(interview: Interview) -> datetime:
    """The interview's start as an aware datetime (London wall time; DST-correct)."""
    return datetime.combine(interview.on, interview.starts_at, tzinfo=LONDON)


def read(interview: Interview) -> InterviewRead:
    return InterviewRead(
        id=interview.id,
        application_id=interview.application_id,
        date=interview.on,
        starts_at=interview.starts_at.strftime("%H:%M"),
        duration_minutes=interview.duration_minutes,
        location=interview.location,
        video_url=interview.video_url,
        uid=interview.uid,
        sequence=interview.sequence,
        created_at=interview.created_at,
        updated_at=interview.updated_at,
    )


def invitation(interview: Interview, application: Application, *, organiser: str) -> str:
    """The invitation as an iCalendar (METHOD:REQUEST) document. Needs ``cohort`` and ``hub``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", interview.updated_at)
    start = starts_at(interview)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=interview.duration_minutes))
    event.add(
        "summary",
        f"Interview: {application.cohort.name} ({application.reference})",
    )
    where = interview.location or interview.video_url
    if where:
        event.add("location", where)
    description = [f"Your interview with {application.hub.name}."]
    if interview.video_url:
        description.append(f"Video link: {interview.video_url}")
        event.add("url", interview.video_url)
    event.add("description", "\n".join(description))
    event.add("status", "CONFIRMED")
    organizer = vCalAddress(f"mailto:{organiser}")
    organizer.params["cn"] = vText(application.hub.name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{application.applicant_email}")
    attendee.params["cn"] = vText(application.applicant_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return str(calendar.to_ical().decode())


async def schedule(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    data: InterviewSchedule,
    *,
    if_match: str | None,
    if_none_match: str | None = None,
    organiser: str,
) -> tuple[Interview, bool]:
    """Schedule (True) or reschedule (False) the interview and email the invitation. A
    shortlisted application moves to interview (its own audited transition).

    ``if_none_match`` ``*``: schedule a first interview only. The caller holds the
    application's row lock (SQLite: the write lock), so of two people scheduling the first
    interview at once the second finds the first's and is refused rather than moving it."""
    if application.status not in SCHEDULABLE:
        raise InterviewNotAllowed(
            f"The application is {application.status.value}: shortlist it before scheduling "
            "an interview."
        )
    if data.location is None and data.video_url is None:
        raise ValidationFailed(
            "Say where the interview is.",
            errors=[
                FieldError(field="location", message="Give a place or a video link."),
                FieldError(field="video_url", message="Give a place or a video link."),
            ],
        )
    hour, minute = (int(part) for part in data.starts_at.split(":"))
    interview = await ApplicationRepository(session).interview_of(application.id)
    created = interview is None
    if interview is None:
        if if_match not in (None, "*"):
            raise PreconditionFailed(
                "The interview you were moving is no longer scheduled. Reload the application "
                "and schedule it again."
            )
        interview = Interview(
            hub_id=application.hub_id,
            application_id=application.id,
            uid=f"interview-{application.id}@masteryhub",
            sequence=0,
        )
        before = None
    else:
        check_if_match(if_match, interview)
        check_if_none_match(
            if_none_match,
            interview,
            "Someone else scheduled this interview since you read the application. Reload it "
            "to see the time they chose, and reschedule it if you need to.",
        )
        before = audit.snapshot(interview)
        interview.sequence += 1
    interview.on = data.date
    interview.starts_at = time(hour, minute)
    interview.duration_minutes = data.duration_minutes
    interview.location = data.location
    interview.video_url = data.video_url
    session.add(interview)
    await session.flush()
    if application.status is ApplicationStatus.SHORTLISTED:
        app_before = audit.snapshot(application)
        move(application, ApplicationStatus.INTERVIEW)
        await session.flush()
        await audit.record(
            session, actor, "application.status_changed", application, before=app_before
        )
    await audit.record(
        session,
        actor,
        "interview.scheduled" if created else "interview.rescheduled",
        interview,
        before=before,
    )
    await notifications.interview_invitation(
        session,
        application,
        starts_at=starts_at(interview),
        duration_minutes=interview.duration_minutes,
        location=interview.location,
        video_url=interview.video_url,
        sequence=interview.sequence,
        ics=invitation(interview, application, organiser=organiser),
    )
    return interview, created
