"""A claim's evidence must be a recorded event of the specialist's (product.md: attendance is
the evidence). Hub scoping hides other hubs' meetings and sessions; residentials are national,
so theirs is checked through the specialist's cohort.

What a claim accepts (check_evidence) and what the claim form offers (claimable_events) are
side by side here so that they stay one rule: TRG meetings the specialist led, sessions of work
groups they lead, residentials of their cohort.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.domain.academic_year import academic_year_bounds
from masteryhub.domain.activities import Activity
from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.models.cohort import Residential
from masteryhub.models.release_day_entry import EvidenceType, ReleaseDayEntry
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.work_group import WorkGroup, WorkGroupLead, WorkGroupSession
from masteryhub.release_days.schemas import ClaimableEvent, Evidence, days_of

# The activity a claim for a TRG meeting is for, and how the meeting is named to a person.
TRG_ACTIVITIES: dict[TrgMeetingKind, tuple[Activity, str]] = {
    TrgMeetingKind.SCHOOL: (Activity.SCHOOL_TRG, "School TRG meeting"),
    TrgMeetingKind.PILOT: (Activity.PILOT_TRG, "Pilot TRG meeting"),
    TrgMeetingKind.WORK_GROUP: (Activity.WORK_GROUP_SESSION, "Work group TRG meeting"),
}


def _led_by(specialist_id: uuid.UUID) -> ColumnElement[bool]:
    return TrgMeeting.lead_specialist_id == specialist_id


def _of_a_work_group_led_by(specialist_id: uuid.UUID) -> ColumnElement[bool]:
    return exists().where(
        WorkGroupLead.work_group_id == WorkGroupSession.work_group_id,
        WorkGroupLead.specialist_id == specialist_id,
    )


def _of_the_cohort_of(specialist: Specialist) -> ColumnElement[bool]:
    return Residential.cohort_id == specialist.cohort_id


class EvidenceNotFound(ValidationFailed):
    code = "evidence_not_found"
    title = "The evidence is not a recorded event of this specialist's"


async def check_evidence(
    session: AsyncSession, specialist: Specialist, evidence: Evidence, *, by_themself: bool = False
) -> None:
    """``by_themself``: the specialist is claiming (the message says "yours")."""
    whose = "yours" if by_themself else "this specialist's"
    if evidence.type is EvidenceType.RESIDENTIAL:
        statement = select(Residential.id).where(
            Residential.id == evidence.id, _of_the_cohort_of(specialist)
        )
        message = f"That residential is not one of {'your' if by_themself else 'their'} cohort's."
    elif evidence.type is EvidenceType.TRG_MEETING:
        statement = select(TrgMeeting.id).where(
            TrgMeeting.id == evidence.id, _led_by(specialist.id)
        )
        message = f"That meeting is not one of {whose}."
    else:
        statement = select(WorkGroupSession.id).where(
            WorkGroupSession.id == evidence.id, _of_a_work_group_led_by(specialist.id)
        )
        message = f"That work group session is not one of {whose}."
    if await session.scalar(statement) is None:
        raise EvidenceNotFound(errors=[FieldError(field="evidence", message=message)])


async def claimable_events(
    session: AsyncSession, specialist: Specialist, academic_year: str
) -> list[ClaimableEvent]:
    """The specialist's recorded events in the academic year, newest first, each with the days
    already claimed against it (net of reversals). Four statements, whatever the number.

    A residential the specialist is recorded absent from (or excused) is not offered, though a
    hub lead may still name it on a claim made by hand.
    """
    first_day, last_day = academic_year_bounds(academic_year)
    claimed: dict[tuple[EvidenceType, uuid.UUID], int] = {
        (row.evidence_type, row.evidence_id): int(row.half_days)
        for row in await session.execute(
            select(
                ReleaseDayEntry.evidence_type,
                ReleaseDayEntry.evidence_id,
                func.sum(ReleaseDayEntry.half_days).label("half_days"),
            )
            .where(
                ReleaseDayEntry.specialist_id == specialist.id,
                ReleaseDayEntry.evidence_id.is_not(None),
            )
            .group_by(ReleaseDayEntry.evidence_type, ReleaseDayEntry.evidence_id)
        )
    }
    items: list[ClaimableEvent] = []

    def add(kind: EvidenceType, row: Any, on: Any, title: str, activity: Activity) -> None:
        items.append(
            ClaimableEvent(
                type=kind,
                id=row.id,
                date=on,
                title=title,
                activity=activity,
                claimed_days=days_of(claimed.get((kind, row.id), 0)),
            )
        )

    meetings = await session.execute(
        select(TrgMeeting.id, TrgMeeting.kind, TrgMeeting.held_on, TrgMeeting.focus).where(
            _led_by(specialist.id), TrgMeeting.held_on.between(first_day, last_day)
        )
    )
    for meeting in meetings:
        activity, name = TRG_ACTIVITIES[meeting.kind]
        title = f"{name} – {meeting.focus}" if meeting.focus else name
        add(EvidenceType.TRG_MEETING, meeting, meeting.held_on, title, activity)
    sessions = await session.execute(
        select(WorkGroupSession.id, WorkGroupSession.held_on, WorkGroup.code, WorkGroup.title)
        .join(WorkGroup, WorkGroup.id == WorkGroupSession.work_group_id)
        .where(
            _of_a_work_group_led_by(specialist.id),
            WorkGroupSession.held_on.between(first_day, last_day),
        )
    )
    for row in sessions:
        add(
            EvidenceType.WORK_GROUP_SESSION,
            row,
            row.held_on,
            f"Work group {row.code}: {row.title}",
            Activity.WORK_GROUP_SESSION,
        )
    residentials = await session.execute(
        select(
            Residential.id, Residential.title, Residential.starts_on, Residential.is_provisional
        ).where(
            _of_the_cohort_of(specialist),
            Residential.starts_on.between(first_day, last_day),
            ~exists().where(
                ResidentialAttendance.residential_id == Residential.id,
                ResidentialAttendance.specialist_id == specialist.id,
                ResidentialAttendance.status.in_(
                    [AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED]
                ),
            ),
        )
    )
    for residential in residentials:
        title = f"Residential: {residential.title}"
        if residential.is_provisional:
            title += " (provisional)"
        add(
            EvidenceType.RESIDENTIAL,
            residential,
            residential.starts_on,
            title,
            Activity.RESIDENTIAL,
        )
    return sorted(items, key=lambda item: (item.date, item.type.value, str(item.id)), reverse=True)
