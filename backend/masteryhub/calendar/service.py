"""A person's secret iCalendar (RFC 5545) feed: residentials, TRG meetings and work-group
sessions they should see, for Outlook or Google Calendar to subscribe to."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from masteryhub.auth.passwords import new_secret, sha256_hex
from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import LONDON
from masteryhub.errors import Forbidden, NotFound
from masteryhub.kit import audit
from masteryhub.kit.tenancy import scope_session_to_hub
from masteryhub.models.base import utcnow
from masteryhub.models.calendar_feed import CalendarFeed
from masteryhub.models.cohort import DeliveryMode, Residential
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting
from masteryhub.models.user import Role, User
from masteryhub.models.work_group import WorkGroup, WorkGroupLead, WorkGroupSession
from masteryhub.residentials.access import specialist_ids_of_user

UID_DOMAIN = "masteryhub"
# A meeting recorded with a start but no end is shown as an hour long.
DEFAULT_LENGTH = timedelta(hours=1)


async def issue_feed(session: AsyncSession, actor: Principal) -> tuple[CalendarFeed, str]:
    """Create the caller's feed, or rotate its token (the old URL stops working)."""
    if actor.kind != "user":
        raise Forbidden("Calendar feeds are for people, not API clients.")
    token = new_secret()
    feed = await session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == actor.id))
    if feed is None:
        feed = CalendarFeed(user_id=actor.id, hub_id=actor.hub_id, token_hash=sha256_hex(token))
        session.add(feed)
        await audit.record(session, actor, "calendar_feed.created", feed)
    else:
        feed.token_hash = sha256_hex(token)
        feed.updated_at = utcnow()
        await audit.record(session, actor, "calendar_feed.rotated", feed)
    return feed, token


async def revoke_feed(session: AsyncSession, actor: Principal) -> None:
    feed = await session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == actor.id))
    if feed is None:
        raise NotFound("You have no calendar feed.")
    await audit.record(session, actor, "calendar_feed.revoked", feed)
    await session.delete(feed)
    await session.flush()


async def feed_owner(session: AsyncSession, token: str) -> User:
    """The active user whose feed this token opens; 404 for anything else."""
    feed = await session.scalar(
        select(CalendarFeed)
        .where(CalendarFeed.token_hash == sha256_hex(token))
        .execution_options(all_hubs=True)
    )
    user = (
        await session.scalar(
            select(User).where(User.id == feed.user_id).execution_options(all_hubs=True)
        )
        if feed is not None
        else None
    )
    if user is None or not user.is_active:
        raise NotFound("No such calendar feed.")
    return user


async def calendar_for(session: AsyncSession, user: User) -> bytes:
    # The feed is public (the token is the credential), so no principal scoped the session:
    # scope it to the owner's hub here, then ask the same questions their own requests would.
    national = user.role is Role.NATIONAL_ADMIN
    scope_session_to_hub(session.sync_session, None if national else user.hub_id)
    own = await specialist_ids_of_user(session, user.id) if user.role is Role.SPECIALIST else None

    cohorts = select(Specialist.cohort_id)
    meetings = select(TrgMeeting).options(
        selectinload(TrgMeeting.school), selectinload(TrgMeeting.lead_specialist)
    )
    sessions = (
        select(WorkGroupSession)
        .join(WorkGroup, WorkGroup.id == WorkGroupSession.work_group_id)
        .options(selectinload(WorkGroupSession.work_group))
    )
    if own is not None:
        cohorts = cohorts.where(Specialist.id.in_(own))
        meetings = meetings.where(TrgMeeting.lead_specialist_id.in_(own))
        sessions = sessions.where(WorkGroup.leads.any(WorkGroupLead.specialist_id.in_(own)))
    residentials = select(Residential).where(Residential.cohort_id.in_(cohorts.distinct()))

    calendar = Calendar()
    calendar.add("prodid", "-//MasteryHub//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "MasteryHub")
    calendar.add("x-wr-timezone", "Europe/London")
    for residential in await session.scalars(residentials.order_by(Residential.starts_on)):
        calendar.add_component(_residential_event(residential))
    for meeting in await session.scalars(meetings.order_by(TrgMeeting.held_on, TrgMeeting.id)):
        calendar.add_component(_meeting_event(meeting))
    ordered = sessions.order_by(WorkGroupSession.held_on, WorkGroupSession.id)
    for work_group_session in await session.scalars(ordered):
        calendar.add_component(_session_event(work_group_session))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(uid: str, stamp: datetime, summary: str, location: str | None) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    return event


def _timed(event: Event, day: date, starts_at: time | None, ends_at: time | None) -> Event:
    """Local times on ``day`` in Europe/London (TZID), or an all-day event without them."""
    if starts_at is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        return event
    start = datetime.combine(day, starts_at, tzinfo=LONDON)
    end = datetime.combine(day, ends_at, tzinfo=LONDON) if ends_at else start + DEFAULT_LENGTH
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


def _residential_event(residential: Residential) -> Event:
    title = f"Residential: {residential.title}"
    if residential.is_provisional:
        title += " (provisional)"
    location = residential.location or (
        "Online" if residential.mode is DeliveryMode.ONLINE else None
    )
    event = _event(f"residential-{residential.id}", residential.updated_at, title, location)
    event.add("dtstart", residential.starts_on)
    event.add("dtend", residential.ends_on + timedelta(days=1))  # DTEND is exclusive
    return event


def _meeting_event(meeting: TrgMeeting) -> Event:
    lead = meeting.lead_specialist
    summary = (
        f"TRG meeting ({meeting.kind.value.replace('_', ' ')}): {lead.first_name} {lead.last_name}"
    )
    if meeting.focus:
        summary += f" – {meeting.focus}"
    if meeting.mode is DeliveryMode.ONLINE:
        location: str | None = "Online"
    elif meeting.school is not None:
        location = ", ".join(filter(None, [meeting.school.name, meeting.school.postcode]))
    else:
        location = None
    event = _event(f"trg-meeting-{meeting.id}", meeting.updated_at, summary, location)
    return _timed(event, meeting.held_on, meeting.starts_at, meeting.ends_at)


def _session_event(work_group_session: WorkGroupSession) -> Event:
    work_group = work_group_session.work_group
    location = work_group_session.location or (
        "Online" if work_group_session.mode is DeliveryMode.ONLINE else None
    )
    event = _event(
        f"work-group-session-{work_group_session.id}",
        work_group_session.updated_at,
        f"Work group {work_group.code}: {work_group.title}",
        location,
    )
    return _timed(
        event, work_group_session.held_on, work_group_session.starts_at, work_group_session.ends_at
    )
