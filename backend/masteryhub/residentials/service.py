"""Residential attendance: the residential is national, each hub keeps its own register."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.cohorts.repository import ResidentialRepository
from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.kit import audit
from masteryhub.models.cohort import Residential
from masteryhub.models.residential_attendance import ResidentialAttendance
from masteryhub.residentials.repository import (
    RegisterRepository,
    ResidentialAttendanceRepository,
)
from masteryhub.residentials.schemas import (
    AttendanceRecordIn,
    AttendanceRow,
    ResidentialAttendanceRead,
    ResidentialSummary,
)
from masteryhub.trg_meetings.schemas import SpecialistSummary


async def register(session: AsyncSession, residential: Residential) -> ResidentialAttendanceRead:
    """Every specialist of the cohort the caller can see (tenancy: their hub; a specialist:
    their own line), with status."""
    specialists = await RegisterRepository(session).cohort_specialists(residential.cohort_id)
    records = await ResidentialAttendanceRepository(session).of(residential.id)
    items = []
    for specialist in specialists:
        record = records.get(specialist.id)
        items.append(
            AttendanceRow(
                specialist=SpecialistSummary.model_validate(specialist),
                status=record.status if record else None,
                note=record.note if record else None,
                recorded_at=record.updated_at if record else None,
            )
        )
    return ResidentialAttendanceRead(
        residential=ResidentialSummary.model_validate(residential), items=items
    )


async def record_attendance(
    session: AsyncSession,
    actor: Principal,
    residential_id: uuid.UUID,
    records: list[AttendanceRecordIn],
) -> Residential:
    # Locking the residential serialises concurrent registers for it, so two PUTs cannot both
    # insert the same specialist's row (SQLite writers are serialised already).
    residential = await ResidentialRepository(session).for_update(residential_id)
    ids = [r.specialist_id for r in records]
    specialists = await RegisterRepository(session).specialists(ids)
    errors: list[FieldError] = []
    seen: set[uuid.UUID] = set()
    for i, record in enumerate(records):
        specialist = specialists.get(record.specialist_id)
        if record.specialist_id in seen:
            errors.append(FieldError(field=f"{i}.specialist_id", message="Listed twice."))
        elif specialist is None:
            errors.append(
                FieldError(field=f"{i}.specialist_id", message="No such specialist in your hub.")
            )
        elif specialist.cohort_id != residential.cohort_id:
            errors.append(
                FieldError(field=f"{i}.specialist_id", message="Not in this residential's cohort.")
            )
        seen.add(record.specialist_id)
    if errors:
        raise ValidationFailed(errors=errors)
    existing = await ResidentialAttendanceRepository(session).of(residential.id, ids)
    for record in records:
        row = existing.get(record.specialist_id)
        if row is None:
            row = ResidentialAttendance(
                hub_id=specialists[record.specialist_id].hub_id,
                residential_id=residential.id,
                specialist_id=record.specialist_id,
                status=record.status,
                note=record.note,
            )
            session.add(row)
            await audit.record(session, actor, "residential_attendance.recorded", row)
        elif (row.status, row.note) != (record.status, record.note):
            before = audit.snapshot(row)
            row.status, row.note = record.status, record.note
            await audit.record(session, actor, "residential_attendance.updated", row, before=before)
    await session.flush()
    return residential
