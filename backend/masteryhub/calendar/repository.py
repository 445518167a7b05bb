"""The calendar's one set of queries: the residentials, TRG meetings and work-group sessions a
person should see, as plain entries that the ICS feed and the JSON agenda both render.

Three statements (four for hub staff: applicants' interviews) whatever the number of events
(the many-to-one rows a title or location needs are joined in), all scoped to the session's
hub by kit.tenancy and, for a specialist, to their own records by kit.ownership.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload

from masteryhub.kit.ownership import session_own_specialists
from masteryhub.models.application import Application
from masteryhub.models.calendar_feed import CalendarFeed
from masteryhub.models.cohort import DeliveryMode, Residential
from masteryhub.models.interview import Interview
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting
from masteryhub.models.user import User
from masteryhub.models.work_group import WorkGroup, WorkGroupSession
from masteryhub.trg_meetings.repository import TrgMeetingRepository
from masteryhub.work_groups.repository import WorkGroupRepository


class CalendarEventKind(enum.StrEnum):
    RESIDENTIAL = "residential"
    TRG_MEETING = "trg_meeting"
    WORK_GROUP_SESSION = "work_group_session"
    INTERVIEW = "interview"


@dataclass(frozen=True)
class DateWindow:
    """London dates, both inclusive."""

    first: date
    last: date


@dataclass(frozen=True)
class CalendarEntry:
    kind: CalendarEventKind
    id: uuid.UUID
    title: str
    starts_on: date
    ends_on: date
    # Local wall-clock times in Europe/London; no start means an all-day event.
    starts_at: time | None
    ends_at: time | None
    mode: DeliveryMode
    location: str | None
    updated_at: datetime
    cohort_id: uuid.UUID | None = None
    work_group_id: uuid.UUID | None = None
    trg_meeting_id: uuid.UUID | None = None
    application_id: uuid.UUID | None = None

    @property
    def uid(self) -> str:
        return f"{self.kind.value.replace('_', '-')}-{self.id}"

    @property
    def sort_key(self) -> tuple[date, bool, time, int, str, uuid.UUID]:
        # By day, all-day events first, then by start time; the rest only makes it stable.
        starts_at = self.starts_at or time.min
        return (
            self.starts_on,
            self.starts_at is not None,
            starts_at,
            _KINDS[self.kind],
            self.title,
            self.id,
        )


_KINDS = {kind: position for position, kind in enumerate(CalendarEventKind)}


async def calendar_entries(
    session: AsyncSession, window: DateWindow | None = None
) -> list[CalendarEntry]:
    """What the session's hub holds for a person: everything, or for a specialist (kit.ownership
    scoped the session to their specialist ids) only their own meetings and work groups'
    sessions and their cohorts' residentials. ``window`` keeps the events on or overlapping its
    days."""
    own = session_own_specialists(session.sync_session)
    cohorts = select(Specialist.cohort_id)
    meetings = select(TrgMeeting).options(
        joinedload(TrgMeeting.school), joinedload(TrgMeeting.lead_specialist)
    )
    sessions = (
        select(WorkGroupSession)
        .join(WorkGroup, WorkGroup.id == WorkGroupSession.work_group_id)
        .options(contains_eager(WorkGroupSession.work_group))
    )
    if own is not None:
        cohorts = cohorts.where(Specialist.id.in_(own))
        meetings = meetings.where(TrgMeetingRepository.owned_by(own))
        sessions = sessions.where(WorkGroupRepository.owned_by(own))
    residentials = select(Residential).where(Residential.cohort_id.in_(cohorts.distinct()))
    if window is not None:
        # A residential spans days: any that overlaps the window is in it.
        residentials = residentials.where(
            Residential.starts_on <= window.last, Residential.ends_on >= window.first
        )
        meetings = meetings.where(TrgMeeting.held_on.between(window.first, window.last))
        sessions = sessions.where(WorkGroupSession.held_on.between(window.first, window.last))

    entries = [_residential_entry(r) for r in await session.scalars(residentials)]
    entries += [_meeting_entry(m) for m in await session.scalars(meetings)]
    entries += [_session_entry(s) for s in await session.scalars(sessions)]
    if own is None:
        # Applicants' interviews are hub staff's business, not a specialist's.
        interviews = select(Interview).options(
            joinedload(Interview.application).joinedload(Application.cohort)
        )
        if window is not None:
            interviews = interviews.where(Interview.on.between(window.first, window.last))
        entries += [_interview_entry(i) for i in await session.scalars(interviews)]
    return sorted(entries, key=lambda entry: entry.sort_key)


def _online_or(mode: DeliveryMode, location: str | None) -> str | None:
    return location or ("Online" if mode is DeliveryMode.ONLINE else None)


def _residential_entry(residential: Residential) -> CalendarEntry:
    title = f"Residential: {residential.title}"
    if residential.is_provisional:
        title += " (provisional)"
    return CalendarEntry(
        kind=CalendarEventKind.RESIDENTIAL,
        id=residential.id,
        title=title,
        starts_on=residential.starts_on,
        ends_on=residential.ends_on,
        starts_at=None,
        ends_at=None,
        mode=residential.mode,
        location=_online_or(residential.mode, residential.location),
        updated_at=residential.updated_at,
        cohort_id=residential.cohort_id,
    )


def _meeting_entry(meeting: TrgMeeting) -> CalendarEntry:
    lead = meeting.lead_specialist
    title = (
        f"TRG meeting ({meeting.kind.value.replace('_', ' ')}): {lead.first_name} {lead.last_name}"
    )
    if meeting.focus:
        title += f" – {meeting.focus}"
    school = meeting.school
    host = ", ".join(filter(None, [school.name, school.postcode])) if school is not None else None
    return CalendarEntry(
        kind=CalendarEventKind.TRG_MEETING,
        id=meeting.id,
        title=title,
        starts_on=meeting.held_on,
        ends_on=meeting.held_on,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        mode=meeting.mode,
        # An online meeting is online even when a host school is recorded.
        location="Online" if meeting.mode is DeliveryMode.ONLINE else host,
        updated_at=meeting.updated_at,
        work_group_id=meeting.work_group_id,
        trg_meeting_id=meeting.id,
    )


def _interview_entry(interview: Interview) -> CalendarEntry:
    application = interview.application
    start = datetime.combine(interview.on, interview.starts_at)
    ends_at = (start + timedelta(minutes=interview.duration_minutes)).time()
    return CalendarEntry(
        kind=CalendarEventKind.INTERVIEW,
        id=interview.id,
        title=f"Interview: {application.applicant_name} ({application.reference})",
        starts_on=interview.on,
        ends_on=interview.on,
        starts_at=interview.starts_at,
        # An interview running past midnight is shown ending at midnight.
        ends_at=ends_at if ends_at > interview.starts_at else time(23, 59),
        mode=DeliveryMode.IN_PERSON if interview.location else DeliveryMode.ONLINE,
        location=interview.location or interview.video_url,
        updated_at=interview.updated_at,
        cohort_id=application.cohort_id,
        application_id=application.id,
    )


def _session_entry(work_group_session: WorkGroupSession) -> CalendarEntry:
    work_group = work_group_session.work_group
    return CalendarEntry(
        kind=CalendarEventKind.WORK_GROUP_SESSION,
        id=work_group_session.id,
        title=f"Work group {work_group.code}: {work_group.title}",
        starts_on=work_group_session.held_on,
        ends_on=work_group_session.held_on,
        starts_at=work_group_session.starts_at,
        ends_at=work_group_session.ends_at,
        mode=work_group_session.mode,
        location=_online_or(work_group_session.mode, work_group_session.location),
        updated_at=work_group_session.updated_at,
        work_group_id=work_group.id,
    )


class CalendarFeedRepository:
    """Each person's secret feed (a public URL: looked up across hubs by its token)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_user(self, user_id: uuid.UUID) -> CalendarFeed | None:
        return await self.session.scalar(
            select(CalendarFeed).where(CalendarFeed.user_id == user_id)
        )

    async def owner_of(self, token_hash: str) -> User | None:
        """The person whose feed has this token hash, if any (active or not)."""
        feed = await self.session.scalar(
            select(CalendarFeed)
            .where(CalendarFeed.token_hash == token_hash)
            .execution_options(all_hubs=True)
        )
        if feed is None:
            return None
        return await self.session.scalar(
            select(User).where(User.id == feed.user_id).execution_options(all_hubs=True)
        )
