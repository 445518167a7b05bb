"""Work groups: leads (year 2+ only), participating schools and teachers, sessions with
attendance, status and evaluation."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import academic_year_of, programme_year
from masteryhub.errors import (
    AlreadyExists,
    FieldError,
    Forbidden,
    InvalidTransition,
    NotFound,
    ValidationFailed,
)
from masteryhub.kit import audit
from masteryhub.kit.references import StillReferenced, referencing_tables
from masteryhub.models.base import utcnow
from masteryhub.models.specialist import Specialist
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupParticipant,
    WorkGroupSchool,
    WorkGroupSession,
    WorkGroupSessionAttendance,
    WorkGroupStatus,
)
from masteryhub.proposals import service as proposals
from masteryhub.work_groups.errors import (
    LeadInDevelopmentYear,
    ParticipantHasAttendance,
    WorkGroupCancelled,
)
from masteryhub.work_groups.repository import WorkGroupRepository
from masteryhub.work_groups.schemas import (
    AttendanceIn,
    WorkGroupCreate,
    WorkGroupSchoolIn,
    WorkGroupSessionCreate,
    WorkGroupSessionUpdate,
    WorkGroupUpdate,
)

# Planned straight to completed lets a hub record last year's work groups after the fact;
# reopening a completed one (back to running) is how an evaluation is corrected.
TRANSITIONS: dict[WorkGroupStatus, frozenset[WorkGroupStatus]] = {
    WorkGroupStatus.PLANNED: frozenset(
        {WorkGroupStatus.RUNNING, WorkGroupStatus.COMPLETED, WorkGroupStatus.CANCELLED}
    ),
    WorkGroupStatus.RUNNING: frozenset({WorkGroupStatus.COMPLETED, WorkGroupStatus.CANCELLED}),
    WorkGroupStatus.COMPLETED: frozenset({WorkGroupStatus.RUNNING}),
    WorkGroupStatus.CANCELLED: frozenset({WorkGroupStatus.PLANNED}),
}


def _invalid(errors: Sequence[FieldError]) -> ValidationFailed:
    return ValidationFailed(errors=errors)


async def _leads(
    session: AsyncSession,
    specialist_ids: list[uuid.UUID],
    academic_year: str,
    own: frozenset[uuid.UUID] | None,
) -> list[Specialist]:
    if own is not None and not own & set(specialist_ids):
        raise Forbidden("A specialist records only work groups they lead themselves.")
    found = await WorkGroupRepository(session).specialists_with_cohorts(set(specialist_ids))
    missing = [
        FieldError(field=f"lead_specialist_ids.{i}", message="No such specialist in your hub.")
        for i, specialist_id in enumerate(specialist_ids)
        if specialist_id not in found
    ]
    if missing:
        raise _invalid(missing)
    leads = [found[i] for i in dict.fromkeys(specialist_ids)]
    for i, lead in enumerate(leads):
        development_year = lead.cohort.development_year
        try:
            year = programme_year(development_year, academic_year)
        except ValueError:
            year = 0
        # Programme documents: the first year is the specialist's own development year; they
        # lead work groups in the second and later years.
        if year < 2:
            raise LeadInDevelopmentYear(
                f"{lead.first_name} {lead.last_name} cannot lead a work group in "
                f"{academic_year}: their development year is {development_year}, and "
                "specialists lead work groups from their second year.",
                errors=[
                    FieldError(
                        field=f"lead_specialist_ids.{i}",
                        message=f"In programme year {max(year, 0)} in {academic_year}; "
                        "needs year 2 or later.",
                    )
                ],
            )
    if len({lead.hub_id for lead in leads}) != 1:
        raise _invalid(
            [FieldError(field="lead_specialist_ids", message="The leads must share one hub.")]
        )
    return leads


async def _check_schools(session: AsyncSession, schools: list[WorkGroupSchoolIn]) -> None:
    wanted = {s.school_id for s in schools}
    if not wanted:
        return
    known = await WorkGroupRepository(session).known_schools(wanted)
    errors = [
        FieldError(field=f"schools.{i}.school_id", message="No such school.")
        for i, s in enumerate(schools)
        if s.school_id not in known
    ]
    if errors:
        raise _invalid(errors)


async def _replace_schools(
    session: AsyncSession, work_group: WorkGroup, schools: list[WorkGroupSchoolIn]
) -> None:
    """Make the work group's schools and their teachers exactly ``schools``, keeping the
    rows (and so the attendance) of schools and teachers that stay."""
    await _check_schools(session, schools)
    existing = {row.school_id: row for row in work_group.schools}
    attended = await WorkGroupRepository(session).participants_with_attendance(
        {p.id for row in work_group.schools for p in row.participants}
    )
    errors: list[FieldError] = []
    rows: list[WorkGroupSchool] = []
    removed: list[WorkGroupParticipant] = []
    for i, item in enumerate(schools):
        row = existing.pop(item.school_id, None) or WorkGroupSchool(
            hub_id=work_group.hub_id, school_id=item.school_id, participants=[]
        )
        row.completed = item.completed
        if "withdrawn_on" in item.model_fields_set:
            row.withdrawn_on = item.withdrawn_on
        by_id = {p.id: p for p in row.participants}
        by_email = {p.email.lower(): p for p in row.participants if p.email}
        kept: list[WorkGroupParticipant] = []
        for j, incoming in enumerate(item.participants):
            if incoming.id is not None:
                current = by_id.get(incoming.id)
                if current is None:
                    errors.append(
                        FieldError(
                            field=f"schools.{i}.participants.{j}.id",
                            message="No such participant of this school in this work group.",
                        )
                    )
                    continue
            else:
                current = by_email.get(incoming.email.lower()) if incoming.email else None
            if current is None or current in kept:
                current = WorkGroupParticipant(hub_id=work_group.hub_id)
            current.position = j
            current.name = incoming.name
            current.email = str(incoming.email) if incoming.email else None
            current.role = incoming.role
            kept.append(current)
        removed.extend(p for p in row.participants if p not in kept)
        row.participants = kept
        rows.append(row)
    for dropped in existing.values():
        removed.extend(dropped.participants)
    if errors:
        raise _invalid(errors)
    if any(p.id in attended for p in removed):
        names = ", ".join(sorted(p.name for p in removed if p.id in attended))
        raise ParticipantHasAttendance(
            f"{names} attended sessions of this work group; keep them in the list."
        )
    work_group.schools = rows


def _trail(work_group: WorkGroup) -> dict[str, Any]:
    return {
        **audit.snapshot(work_group),
        "lead_specialist_ids": sorted(str(lead.specialist_id) for lead in work_group.leads),
        "schools": [
            {
                "school_id": str(row.school_id),
                "completed": row.completed,
                "withdrawn_on": row.withdrawn_on.isoformat() if row.withdrawn_on else None,
                "participants": [
                    {"name": p.name, "email": p.email, "role": p.role} for p in row.participants
                ],
            }
            for row in work_group.schools
        ],
    }


async def create_work_group(
    session: AsyncSession, actor: Principal, data: WorkGroupCreate
) -> WorkGroup:
    own = actor.own_specialist_ids
    leads = await _leads(session, data.lead_specialist_ids, data.academic_year, own)
    hub_id = leads[0].hub_id
    repository = WorkGroupRepository(session)
    if await repository.code_taken(hub_id, data.code, None):
        raise AlreadyExists(f"Your hub already has a work group with code {data.code!r}.")
    work_group = WorkGroup(
        hub_id=hub_id,
        code=data.code,
        title=data.title,
        phase=data.phase,
        programme=data.programme,
        academic_year=data.academic_year,
        status=data.status,
        outcomes=data.outcomes,
        leads=[WorkGroupLead(hub_id=hub_id, specialist_id=lead.id) for lead in leads],
        schools=[],
        sessions=[],
    )
    await _replace_schools(session, work_group, data.schools)
    session.add(work_group)
    await audit.record(session, actor, "work_group.created", work_group, after=_trail(work_group))
    return work_group


async def update_work_group(
    session: AsyncSession, actor: Principal, work_group: WorkGroup, data: WorkGroupUpdate
) -> WorkGroup:
    own = actor.own_specialist_ids
    before = _trail(work_group)
    changes = data.model_dump(exclude_unset=True, exclude={"lead_specialist_ids", "schools"})
    academic_year = changes.get("academic_year", work_group.academic_year)
    if data.lead_specialist_ids is not None or "academic_year" in changes:
        lead_ids = data.lead_specialist_ids or [lead.specialist_id for lead in work_group.leads]
        leads = await _leads(session, lead_ids, academic_year, own)
        if leads[0].hub_id != work_group.hub_id:
            raise _invalid(
                [
                    FieldError(
                        field="lead_specialist_ids", message="Leads from the work group's hub."
                    )
                ]
            )
        current = {lead.specialist_id: lead for lead in work_group.leads}
        work_group.leads = [
            current.get(lead.id) or WorkGroupLead(hub_id=work_group.hub_id, specialist_id=lead.id)
            for lead in leads
        ]
    if "code" in changes and await WorkGroupRepository(session).code_taken(
        work_group.hub_id, changes["code"], work_group.id
    ):
        raise AlreadyExists(f"Your hub already has a work group with code {changes['code']!r}.")
    new_status = changes.get("status")
    if (
        new_status is not None
        and new_status is not work_group.status
        and new_status not in TRANSITIONS[work_group.status]
    ):
        raise InvalidTransition(
            f"A {work_group.status.value} work group cannot become {new_status.value}."
        )
    if data.schools is not None:
        await _replace_schools(session, work_group, data.schools)
    for field, value in changes.items():
        setattr(work_group, field, value)
    work_group.updated_at = utcnow()  # bump the version (and ETag) for list-only changes too
    await audit.record(
        session, actor, "work_group.updated", work_group, before=before, after=_trail(work_group)
    )
    if data.schools is not None:
        await proposals.grants_for(session, work_group)  # a school that withdrew earns none
    return work_group


async def delete_work_group(session: AsyncSession, actor: Principal, work_group: WorkGroup) -> None:
    referenced_by = await referencing_tables(session, WorkGroup.__tablename__, work_group.id)
    if referenced_by:
        raise StillReferenced(
            f"Sessions or TRG meetings point at this work group ({', '.join(referenced_by)}); "
            "it cannot be deleted. Cancel it instead."
        )
    event = await audit.record(session, actor, "work_group.deleted", work_group, after={})
    event.before, event.after = _trail(work_group), None
    await session.delete(work_group)
    await session.flush()


def _check_session(
    work_group: WorkGroup, held_on: date | None, attendance: Sequence[AttendanceIn] | None
) -> None:
    errors = []
    if held_on is not None and academic_year_of(held_on) != work_group.academic_year:
        errors.append(
            FieldError(
                field="held_on", message=f"Must be in the academic year {work_group.academic_year}."
            )
        )
    participants = {p.id for row in work_group.schools for p in row.participants}
    errors.extend(
        FieldError(
            field=f"attendance.{i}.participant_id",
            message="Not a participant of this work group.",
        )
        for i, a in enumerate(attendance or [])
        if a.participant_id not in participants
    )
    if errors:
        raise _invalid(errors)


def _session_trail(work_group_session: WorkGroupSession) -> dict[str, Any]:
    return {
        **audit.snapshot(work_group_session),
        "attendance": {str(a.participant_id): a.attended for a in work_group_session.attendance},
    }


def session_of(work_group: WorkGroup, session_id: uuid.UUID) -> WorkGroupSession:
    found = next((s for s in work_group.sessions if s.id == session_id), None)
    if found is None:
        raise NotFound("No such session of this work group.")
    return found


async def record_session(
    session: AsyncSession, actor: Principal, work_group: WorkGroup, data: WorkGroupSessionCreate
) -> WorkGroupSession:
    if work_group.status is WorkGroupStatus.CANCELLED:
        raise WorkGroupCancelled("Reopen the work group (status planned) to record sessions.")
    _check_session(work_group, data.held_on, data.attendance)
    work_group_session = WorkGroupSession(
        hub_id=work_group.hub_id,
        work_group_id=work_group.id,
        held_on=data.held_on,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        mode=data.mode,
        location=data.location,
        notes=data.notes,
        attendance=[
            WorkGroupSessionAttendance(
                hub_id=work_group.hub_id, participant_id=a.participant_id, attended=a.attended
            )
            for a in data.attendance
        ],
    )
    session.add(work_group_session)
    await audit.record(
        session,
        actor,
        "work_group_session.recorded",
        work_group_session,
        after=_session_trail(work_group_session),
    )
    await proposals.from_work_group_session(session, work_group, work_group_session)
    return work_group_session


async def update_session(
    session: AsyncSession,
    actor: Principal,
    work_group: WorkGroup,
    work_group_session: WorkGroupSession,
    data: WorkGroupSessionUpdate,
) -> WorkGroupSession:
    if work_group.status is WorkGroupStatus.CANCELLED:
        raise WorkGroupCancelled("Reopen the work group (status planned) to change its sessions.")
    changes = data.model_dump(exclude_unset=True, exclude={"attendance"})
    _check_session(work_group, changes.get("held_on"), data.attendance)
    starts_at = changes.get("starts_at", work_group_session.starts_at)
    ends_at = changes.get("ends_at", work_group_session.ends_at)
    if ends_at is not None and starts_at is None:
        raise _invalid([FieldError(field="starts_at", message="Give starts_at with ends_at.")])
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise _invalid([FieldError(field="ends_at", message="ends_at must be after starts_at.")])
    before = _session_trail(work_group_session)
    for field, value in changes.items():
        setattr(work_group_session, field, value)
    if data.attendance is not None:
        # Update rows in place: a participant's row is unique per session, and the unit of
        # work inserts before it deletes, so delete-and-reinsert would collide.
        current = {a.participant_id: a for a in work_group_session.attendance}
        register = []
        for item in data.attendance:
            row = current.get(item.participant_id) or WorkGroupSessionAttendance(
                hub_id=work_group.hub_id, participant_id=item.participant_id
            )
            row.attended = item.attended
            register.append(row)
        work_group_session.attendance = register
    work_group_session.updated_at = utcnow()  # an attendance-only change bumps the ETag too
    await audit.record(
        session,
        actor,
        "work_group_session.updated",
        work_group_session,
        before=before,
        after=_session_trail(work_group_session),
    )
    await proposals.from_work_group_session(
        session,
        work_group,
        work_group_session,
        corrected=bool(changes.keys() & {"held_on", "starts_at", "ends_at"}),
    )
    return work_group_session


async def delete_session(
    session: AsyncSession,
    actor: Principal,
    work_group: WorkGroup,
    work_group_session: WorkGroupSession,
) -> None:
    """A session is evidence. Deleting it (same transaction): its leads' unaccepted proposals
    are withdrawn and reversals of accepted entries proposed (a paid one's is money to recover);
    the entries keep naming it, and the deletion's audit event keeps its record and register.
    Then the schools' grants are looked at again without its attendance."""
    referenced_by = await referencing_tables(
        session, WorkGroupSession.__tablename__, work_group_session.id
    )
    if referenced_by:
        raise StillReferenced(
            f"Other records point at this session ({', '.join(referenced_by)}); "
            "it cannot be deleted."
        )
    await proposals.on_work_group_session_deleted(session, work_group, work_group_session)
    event = await audit.record(
        session, actor, "work_group_session.deleted", work_group_session, after={}
    )
    event.before, event.after = _session_trail(work_group_session), None
    await session.delete(work_group_session)
    await session.flush()
    await proposals.grants_for(session, work_group)
