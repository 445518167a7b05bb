"""Moving an application through the status machine: shortlisting, interview, withdrawal,
and the hub lead's decisions (appointing creates the specialist)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications import notifications
from masteryhub.applications.errors import BulkTransitionFailed, PlacesExhausted
from masteryhub.applications.references.repository import ReferenceRequestRepository
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.schemas import BulkItem, BulkTransitionRequest, TransitionRequest
from masteryhub.applications.transitions import (
    ASKED,
    DECIDED,
    DECISIONS,
    STANDING,
    SYSTEM_ONLY,
    can_move,
    move,
)
from masteryhub.auth.dependencies import LEAD_ROLES
from masteryhub.auth.principals import Principal
from masteryhub.cohorts.repository import CohortRepository
from masteryhub.domain.academic_year import london_date
from masteryhub.errors import FieldError, Forbidden, InvalidTransition, ValidationFailed
from masteryhub.kit import audit
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.programme import OutcomeReason
from masteryhub.models.specialist import Specialist, SpecialistStatus
from masteryhub.programmes.repository import ProgrammeRepository


async def _check_places(session: AsyncSession, application: Application) -> None:
    """Places per hub, enforced under concurrency: the cohort row is locked (PostgreSQL;
    SQLite's writers are serialised), so two leads appointing at once count one another."""
    cohort = await CohortRepository(session).locked(application.cohort_id)
    if cohort.places_per_hub is None:
        return
    appointed = await ApplicationRepository(session).appointed_in_hub(cohort.id, application.hub_id)
    if (appointed or 0) >= cohort.places_per_hub:
        raise PlacesExhausted(
            f"All {cohort.places_per_hub} places for this hub in {cohort.name} are filled.",
            extra={"places_per_hub": cohort.places_per_hub, "appointed": appointed},
        )


def _appoint(application: Application, now: datetime) -> Specialist:
    # Programme year 1 is the cohort's development year: the specialist's year is derived
    # from the cohort, so appointing only records the participation.
    return Specialist(
        hub_id=application.hub_id,
        cohort_id=application.cohort_id,
        application_id=application.id,
        school_id=application.school_id,
        first_name=application.applicant_first_name,
        last_name=application.applicant_last_name,
        email=application.applicant_email,
        status=SpecialistStatus.ACTIVE,
        appointed_on=london_date(now),
    )


async def change_status(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    data: TransitionRequest,
    *,
    now: datetime,
) -> Specialist | None:
    """Needs ``cohort`` and ``hub`` loaded (emails). Returns the specialist when appointing."""
    target = data.to
    if target in SYSTEM_ONLY:
        raise InvalidTransition(
            f"An application becomes {target.value} by itself (at intake or when the "
            "headteacher's reference arrives)."
        )
    if target in DECISIONS and actor.role not in LEAD_ROLES:
        raise Forbidden("Only a hub lead can appoint or decline an applicant.")
    reasons = await _check_reasons(session, application, data)
    before = audit.snapshot(application)
    move(application, target)
    if target in DECISIONS:
        application.outcome_reasons = [r.code for r in reasons]
        application.outcome_feedback = data.feedback
    specialist = None
    if target is ApplicationStatus.APPOINTED:
        await _check_places(session, application)
        specialist = _appoint(application, now)
        session.add(specialist)
    if target in DECISIONS or target is ApplicationStatus.WITHDRAWN:
        application.decided_at = now
    if target in DECIDED:
        # A decided application needs no reference: its open links stop working.
        application.reference_due_at = None
        await ReferenceRequestRepository(session).revoke_open(application.id, now)
    await session.flush()
    event = await audit.record(
        session, actor, "application.status_changed", application, before=before
    )
    if data.note:
        event.after = {**(event.after or {}), "note": data.note}
    if specialist is not None:
        await audit.record(session, actor, "specialist.appointed", specialist)
    if target in DECISIONS:
        await notifications.decision(session, application, [r.label for r in reasons])
    return specialist


async def _check_reasons(
    session: AsyncSession, application: Application, data: TransitionRequest
) -> list[OutcomeReason]:
    """Not appointed takes one or more of the programme's coded reasons; other moves none."""
    if data.to is not ApplicationStatus.NOT_APPOINTED:
        if data.reasons:
            raise ValidationFailed(
                "Reasons are given only when not appointing.",
                errors=[
                    FieldError(
                        field="reasons", message="Reasons are given only when not appointing."
                    )
                ],
            )
        return []
    if not data.reasons:
        raise ValidationFailed(
            "Give at least one reason for not appointing.",
            errors=[FieldError(field="reasons", message="Choose at least one reason.")],
        )
    available = await ProgrammeRepository(session).outcome_reasons(application.cohort.programme_id)
    known = {r.code: r for r in available}
    unknown = [code for code in data.reasons if code not in known]
    if unknown:
        raise ValidationFailed(
            "Unknown outcome reason.",
            errors=[
                FieldError(
                    field="reasons",
                    message=f"Not one of the programme's reasons: {', '.join(unknown)}.",
                )
            ],
        )
    return [known[code] for code in dict.fromkeys(data.reasons)]


async def bulk_change_status(
    session: AsyncSession,
    actor: Principal,
    data: BulkTransitionRequest,
    *,
    now: datetime,
) -> list[BulkItem]:
    """Several applications moved in one request: every row its own audited transition, all
    or nothing (any row that cannot move refuses the lot, naming each), and idempotent (a row
    already at the target is left alone and reported unchanged)."""
    target = ApplicationStatus(data.to)
    applications = await ApplicationRepository(session).locked_many(data.application_ids)
    problems: list[dict[str, str]] = []
    if target in DECISIONS and actor.role not in LEAD_ROLES:
        raise Forbidden("Only a hub lead can appoint or decline an applicant.")
    for application_id in data.application_ids:
        application = applications.get(application_id)
        if application is None:
            problems.append(
                {
                    "application_id": str(application_id),
                    "code": "not_found",
                    "detail": "No such application.",
                }
            )
        elif application.status is not target and not can_move(application.status, target):
            problems.append(
                {
                    "application_id": str(application_id),
                    "reference": application.reference,
                    "code": "invalid_transition",
                    "detail": f"{application.reference} is {STANDING[application.status]}, "
                    f"so it cannot be {ASKED[target]}.",
                }
            )
    if problems:
        raise BulkTransitionFailed(
            f"{len(problems)} of {len(data.application_ids)} applications cannot be "
            f"{ASKED[target]}, so nothing was changed.",
            extra={"rows": problems},
        )
    request = TransitionRequest(
        to=target, note=data.note, reasons=data.reasons, feedback=data.feedback
    )
    items: list[BulkItem] = []
    for application_id in data.application_ids:
        application = applications[application_id]
        changed = application.status is not target
        if changed:
            await change_status(session, actor, application, request, now=now)
        items.append(
            BulkItem(
                id=application.id,
                reference=application.reference,
                status=application.status,
                changed=changed,
            )
        )
    return items
