"""TRG meetings: who may record which, the pilot-year rule, attendees, deletion."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import academic_year_of
from masteryhub.errors import FieldError, Forbidden, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.references import StillReferenced, referencing_tables
from masteryhub.models.base import utcnow
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingAttendee, TrgMeetingKind
from masteryhub.proposals import service as proposals
from masteryhub.trg_meetings.errors import PilotOutsideDevelopmentYear
from masteryhub.trg_meetings.repository import TrgMeetingRepository
from masteryhub.trg_meetings.schemas import Attendee, TrgMeetingCreate, TrgMeetingUpdate

# What a correction may change about the release days a meeting proves.
RETIMING = frozenset({"held_on", "starts_at", "ends_at", "kind", "lead_specialist_id"})


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(errors=[FieldError(field=field, message=message)])


async def _lead_specialist(
    session: AsyncSession, specialist_id: uuid.UUID, own: frozenset[uuid.UUID] | None
) -> Specialist:
    if own is not None and specialist_id not in own:
        raise Forbidden("A specialist records only the TRG meetings they lead themselves.")
    specialist = await TrgMeetingRepository(session).specialist_with_cohort(specialist_id)
    if specialist is None:
        raise _invalid("lead_specialist_id", "No such specialist in your hub.")
    return specialist


async def _check_schools(session: AsyncSession, school_ids: dict[str, uuid.UUID]) -> None:
    if not school_ids:
        return
    known = await TrgMeetingRepository(session).known_schools(set(school_ids.values()))
    errors = [
        FieldError(field=field, message="No such school.")
        for field, school_id in school_ids.items()
        if school_id not in known
    ]
    if errors:
        raise ValidationFailed(errors=errors)


async def _check_work_group(
    session: AsyncSession, work_group_id: uuid.UUID | None, hub_id: uuid.UUID
) -> None:
    """The work group must be the meeting's hub's: tenancy hides other hubs' from hub callers,
    but a national admin sees every hub's, and a meeting must not link two hubs' records."""
    if work_group_id is None:
        return
    if not await TrgMeetingRepository(session).hub_has_work_group(hub_id, work_group_id):
        raise _invalid("work_group_id", "No such work group in the meeting's hub.")


def _check_pilot_year(kind: TrgMeetingKind, held_on: date, lead: Specialist) -> None:
    # Programme documents: the pilot TRG with interested local schools is part of the
    # development year (programme year 1), nothing later.
    if kind is not TrgMeetingKind.PILOT:
        return
    held_in = academic_year_of(held_on)
    if held_in != lead.cohort.development_year:
        raise PilotOutsideDevelopmentYear(
            f"{lead.first_name} {lead.last_name}'s development year is "
            f"{lead.cohort.development_year}; this meeting is in {held_in}. Record it as a "
            "school or work_group TRG instead.",
            errors=[
                FieldError(
                    field="held_on",
                    message=f"Must be in the development year {lead.cohort.development_year}.",
                )
            ],
        )


def _attendee_schools(attendees: list[Attendee]) -> dict[str, uuid.UUID]:
    return {
        f"attendees.{i}.school_id": a.school_id
        for i, a in enumerate(attendees)
        if a.school_id is not None
    }


def _attendee_rows(meeting_hub: uuid.UUID, attendees: list[Attendee]) -> list[TrgMeetingAttendee]:
    return [
        TrgMeetingAttendee(
            hub_id=meeting_hub,
            position=position,
            name=a.name,
            role=a.role,
            school_id=a.school_id,
            attended=a.attended,
        )
        for position, a in enumerate(attendees)
    ]


def _trail(meeting: TrgMeeting) -> dict[str, Any]:
    return {
        **audit.snapshot(meeting),
        "attendees": [
            {
                "name": a.name,
                "role": a.role,
                "school_id": str(a.school_id) if a.school_id else None,
                "attended": a.attended,
            }
            for a in meeting.attendees
        ],
    }


async def create_trg_meeting(
    session: AsyncSession, actor: Principal, data: TrgMeetingCreate
) -> TrgMeeting:
    own = actor.own_specialist_ids
    lead_id = data.lead_specialist_id
    if lead_id is None:
        if own is None or len(own) != 1:
            raise _invalid("lead_specialist_id", "Say which specialist leads the meeting.")
        lead_id = next(iter(own))
    lead = await _lead_specialist(session, lead_id, own)
    school_fields = _attendee_schools(data.attendees)
    if data.school_id is not None:
        school_fields["school_id"] = data.school_id
    await _check_schools(session, school_fields)
    await _check_work_group(session, data.work_group_id, lead.hub_id)
    _check_pilot_year(data.kind, data.held_on, lead)
    lesson = data.research_lesson
    meeting = TrgMeeting(
        hub_id=lead.hub_id,
        kind=data.kind,
        lead_specialist_id=lead.id,
        held_on=data.held_on,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        mode=data.mode,
        school_id=data.school_id,
        focus=data.focus,
        research_lesson_year_group=lesson.year_group if lesson else None,
        research_lesson_topic=lesson.topic if lesson else None,
        notes=data.notes,
        work_group_id=data.work_group_id,
        attendees=_attendee_rows(lead.hub_id, data.attendees),
    )
    session.add(meeting)
    await audit.record(session, actor, "trg_meeting.created", meeting, after=_trail(meeting))
    await proposals.from_trg_meeting(session, meeting)
    return meeting


async def update_trg_meeting(
    session: AsyncSession, actor: Principal, meeting: TrgMeeting, data: TrgMeetingUpdate
) -> TrgMeeting:
    own = actor.own_specialist_ids
    changes = data.model_dump(exclude_unset=True, exclude={"attendees", "research_lesson"})
    before = _trail(meeting)
    lead_id = changes.get("lead_specialist_id", meeting.lead_specialist_id)
    lead = await _lead_specialist(session, lead_id, own)
    if lead.hub_id != meeting.hub_id:
        raise _invalid("lead_specialist_id", "The lead must be a specialist of the meeting's hub.")
    school_fields = _attendee_schools(data.attendees or [])
    if changes.get("school_id") is not None:
        school_fields["school_id"] = changes["school_id"]
    await _check_schools(session, school_fields)
    kind = changes.get("kind", meeting.kind)
    work_group_id = changes.get("work_group_id", meeting.work_group_id)
    if work_group_id is not None and kind is not TrgMeetingKind.WORK_GROUP:
        raise _invalid("work_group_id", "Only TRG meetings of kind work_group name a work group.")
    if "work_group_id" in changes:
        await _check_work_group(session, work_group_id, meeting.hub_id)
    starts_at = changes.get("starts_at", meeting.starts_at)
    ends_at = changes.get("ends_at", meeting.ends_at)
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise _invalid("ends_at", "ends_at must be after starts_at.")
    if ends_at is not None and starts_at is None:
        raise _invalid("starts_at", "Give starts_at with ends_at.")
    _check_pilot_year(kind, changes.get("held_on", meeting.held_on), lead)

    for field, value in changes.items():
        setattr(meeting, field, value)
    if "research_lesson" in data.model_fields_set:
        lesson = data.research_lesson
        meeting.research_lesson_year_group = lesson.year_group if lesson else None
        meeting.research_lesson_topic = lesson.topic if lesson else None
    if data.attendees is not None:
        meeting.attendees = _attendee_rows(meeting.hub_id, data.attendees)
    # Always bump the row's version: an attendee-only change must change the ETag too.
    meeting.updated_at = utcnow()
    await audit.record(
        session, actor, "trg_meeting.updated", meeting, before=before, after=_trail(meeting)
    )
    await proposals.from_trg_meeting(session, meeting, corrected=bool(changes.keys() & RETIMING))
    return meeting


async def delete_trg_meeting(session: AsyncSession, actor: Principal, meeting: TrgMeeting) -> None:
    """Its lead's unaccepted proposals are withdrawn and accepted entries' reversals proposed,
    in the same transaction; the entries keep naming the meeting, whose record stays in the
    deletion's audit event."""
    referenced_by = await referencing_tables(session, TrgMeeting.__tablename__, meeting.id)
    if referenced_by:
        raise StillReferenced(
            "This TRG meeting is evidence for other records "
            f"({', '.join(referenced_by)}); it cannot be deleted.",
        )
    await proposals.on_trg_meeting_deleted(session, meeting)
    event = await audit.record(session, actor, "trg_meeting.deleted", meeting, after={})
    event.before, event.after = _trail(meeting), None
    await session.delete(meeting)
    await session.flush()
