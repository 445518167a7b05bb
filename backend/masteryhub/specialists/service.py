from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.errors import FieldError, InvalidTransition, ValidationFailed
from masteryhub.kit import audit
from masteryhub.models.school import School
from masteryhub.models.specialist import AccreditationStatus, Specialist, SpecialistStatus
from masteryhub.models.user import Role
from masteryhub.specialists.repository import SpecialistRepository
from masteryhub.specialists.schemas import SpecialistUpdate

# Withdrawn and completed are ends a hub lead can undo (a mistake, a return from leave).
STATUS_TRANSITIONS: dict[SpecialistStatus, frozenset[SpecialistStatus]] = {
    SpecialistStatus.ACTIVE: frozenset({SpecialistStatus.WITHDRAWN, SpecialistStatus.COMPLETED}),
    SpecialistStatus.WITHDRAWN: frozenset({SpecialistStatus.ACTIVE}),
    SpecialistStatus.COMPLETED: frozenset({SpecialistStatus.ACTIVE}),
}


def _apply_accreditation(specialist: Specialist, data: SpecialistUpdate) -> None:
    if data.accreditation is None:
        return
    changes = data.accreditation.model_dump(exclude_unset=True)
    if "status" in changes and changes["status"] is not None:
        specialist.accreditation_status = changes["status"]
    if "started_on" in changes:
        specialist.accreditation_started_on = changes["started_on"]
    if "accredited_on" in changes:
        specialist.accredited_on = changes["accredited_on"]
    status = specialist.accreditation_status
    errors: list[FieldError] = []
    if status is AccreditationStatus.NOT_STARTED:
        for field in ("started_on", "accredited_on"):
            if changes.get(field) is not None:
                errors.append(
                    FieldError(
                        field=f"accreditation.{field}",
                        message="Not set while accreditation has not started.",
                    )
                )
        specialist.accreditation_started_on = None
        specialist.accredited_on = None
    elif status is AccreditationStatus.IN_TRAINING:
        if changes.get("accredited_on") is not None:
            errors.append(
                FieldError(
                    field="accreditation.accredited_on",
                    message="Only set once the specialist is accredited.",
                )
            )
        specialist.accredited_on = None
    elif specialist.accredited_on is None:
        errors.append(
            FieldError(
                field="accreditation.accredited_on",
                message="Give the date of accreditation.",
            )
        )
    started, accredited = specialist.accreditation_started_on, specialist.accredited_on
    if started is not None and accredited is not None and started > accredited:
        errors.append(
            FieldError(
                field="accreditation.accredited_on",
                message="Cannot be before the training started.",
            )
        )
    if errors:
        raise ValidationFailed(errors=errors)


async def _linked_account(
    session: AsyncSession, user_id: uuid.UUID | None, hub_id: uuid.UUID
) -> uuid.UUID | None:
    """A sign-in may act as a specialist only if it is a specialist user of the same hub."""
    if user_id is None:
        return None
    user = await SpecialistRepository(session).user_in_hub(user_id, hub_id)
    if user is None:
        message = "No such user in the specialist's hub."
    elif user.role is not Role.SPECIALIST:
        message = "Only a user with the specialist role can be linked to a specialist."
    else:
        return user.id
    raise ValidationFailed(errors=[FieldError(field="user_id", message=message)])


async def _school(session: AsyncSession, school_id: uuid.UUID | None) -> School | None:
    """Schools are national: any school in GIAS may be a specialist's."""
    if school_id is None:
        return None
    school = await SpecialistRepository(session).school(school_id)
    if school is None:
        raise ValidationFailed(
            errors=[FieldError(field="school_id", message="No school with that id.")]
        )
    return school


async def update_specialist(
    session: AsyncSession, actor: Principal, specialist: Specialist, data: SpecialistUpdate
) -> Specialist:
    before = audit.snapshot(specialist)
    if data.status is not None and data.status is not specialist.status:
        if data.status not in STATUS_TRANSITIONS[specialist.status]:
            raise InvalidTransition(
                f"A {specialist.status.value} specialist cannot become {data.status.value}."
            )
        specialist.status = data.status
    _apply_accreditation(specialist, data)
    if "user_id" in data.model_fields_set:
        specialist.user_id = await _linked_account(session, data.user_id, specialist.hub_id)
    if "school_id" in data.model_fields_set:
        school = await _school(session, data.school_id)
        specialist.school_id = school.id if school else None
        specialist.school = school
    await audit.record(session, actor, "specialist.updated", specialist, before=before)
    return specialist
