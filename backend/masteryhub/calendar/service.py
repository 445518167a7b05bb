"""A person's calendar: the secret iCalendar (RFC 5545) feed for Outlook or Google Calendar to
subscribe to, and the JSON agenda the SPA shows. Both render repository.calendar_entries."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.passwords import new_secret, sha256_hex
from masteryhub.auth.principals import Principal
from masteryhub.calendar.repository import (
    CalendarEntry,
    CalendarFeedRepository,
    DateWindow,
    calendar_entries,
)
from masteryhub.domain.academic_year import LONDON
from masteryhub.errors import FieldError, Forbidden, NotFound, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.ownership import scope_session_to_specialists, specialist_ids_of_user
from masteryhub.kit.tenancy import scope_session_to_hub
from masteryhub.models.base import utcnow
from masteryhub.models.calendar_feed import CalendarFeed
from masteryhub.models.user import Role, User

UID_DOMAIN = "masteryhub"
# A meeting recorded with a start but no end is shown as an hour long.
DEFAULT_LENGTH = timedelta(hours=1)
MAX_AGENDA_DAYS = 92  # a quarter: the longest span the SPA asks for is a month


async def issue_feed(session: AsyncSession, actor: Principal) -> tuple[CalendarFeed, str]:
    """Create the caller's feed, or rotate its token (the old URL stops working)."""
    if actor.kind != "user":
        raise Forbidden("Calendar feeds are for people, not API clients.")
    token = new_secret()
    feed = await CalendarFeedRepository(session).of_user(actor.id)
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
    feed = await CalendarFeedRepository(session).of_user(actor.id)
    if feed is None:
        raise NotFound("You have no calendar feed.")
    await audit.record(session, actor, "calendar_feed.revoked", feed)
    await session.delete(feed)
    await session.flush()


async def feed_owner(session: AsyncSession, token: str) -> User:
    """The active user whose feed this token opens; 404 for anything else."""
    user = await CalendarFeedRepository(session).owner_of(sha256_hex(token))
    if user is None or not user.is_active:
        raise NotFound("No such calendar feed.")
    return user


async def calendar_for(session: AsyncSession, user: User) -> bytes:
    # The feed is public (the token is the credential), so no principal scoped the session:
    # scope it to the owner's hub here, then ask the same questions their own requests would.
    national = user.role is Role.NATIONAL_ADMIN
    scope_session_to_hub(session.sync_session, None if national else user.hub_id)
    if user.role is Role.SPECIALIST:
        own = await specialist_ids_of_user(session, user.id)
        scope_session_to_specialists(session.sync_session, own)

    calendar = Calendar()
    calendar.add("prodid", "-//MasteryHub//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "MasteryHub")
    calendar.add("x-wr-timezone", "Europe/London")
    for entry in await calendar_entries(session):
        calendar.add_component(_event(entry))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(entry: CalendarEntry) -> Event:
    """Local times in Europe/London (TZID), or an all-day event over the entry's days."""
    event = Event()
    event.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    event.add("dtstamp", entry.updated_at)
    event.add("last-modified", entry.updated_at)
    event.add("summary", entry.title)
    if entry.location:
        event.add("location", entry.location)
    if entry.starts_at is None:
        event.add("dtstart", entry.starts_on)
        event.add("dtend", entry.ends_on + timedelta(days=1))  # DTEND is exclusive
        return event
    start = datetime.combine(entry.starts_on, entry.starts_at, tzinfo=LONDON)
    end = (
        datetime.combine(entry.ends_on, entry.ends_at, tzinfo=LONDON)
        if entry.ends_at
        else start + DEFAULT_LENGTH
    )
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


def agenda_window(first: date, last: date) -> DateWindow:
    """The agenda's days; a longer window would be a whole year's calendar in one answer."""
    if last < first:
        raise ValidationFailed(errors=[FieldError(field="to", message="Must not be before from.")])
    if (last - first).days + 1 > MAX_AGENDA_DAYS:
        raise ValidationFailed(
            errors=[
                FieldError(
                    field="to",
                    message=f"At most {MAX_AGENDA_DAYS} days from `from`, both included.",
                )
            ]
        )
    return DateWindow(first, last)


async def agenda_for(
    session: AsyncSession, principal: Principal, window: DateWindow, hub_id: uuid.UUID | None
) -> list[CalendarEntry]:
    """What the caller should see in the window: their hub's (one hub's for a national admin
    naming it, every hub's otherwise); a specialist only their own."""
    if principal.is_national and hub_id is not None:
        scope_session_to_hub(session.sync_session, hub_id)
    return await calendar_entries(session, window)
