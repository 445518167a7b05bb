"""Moving an application through the status machine: shortlisting, interview, withdrawal,
and the hub lead's decisions (appointing creates the specialist)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications import notifications
from masteryhub.applications.errors import PlacesExhausted
from masteryhub.applications.repository import CohortRepository
from masteryhub.applications.schemas import TransitionRequest
from masteryhub.applications.transitions import DECISIONS, SYSTEM_ONLY, move
from masteryhub.auth.dependencies import LEAD_ROLES
from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import london_date
from masteryhub.errors import Forbidden, InvalidTransition
from masteryhub.kit import audit
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.reference_request import ReferenceRequest
from masteryhub.models.specialist import Specialist, SpecialistStatus


async def _check_places(session: AsyncSession, application: Application) -> None:
    """Places per hub, enforced under concurrency: the cohort row is locked (PostgreSQL;
    SQLite's writers are serialised), so two leads appointing at once count one another."""
    cohort = await CohortRepository(session).locked(application.cohort_id)
    if cohort.places_per_hub is None:
        return
    appointed = await session.scalar(
        select(func.count())
        .select_from(Application)
        .where(
            Application.cohort_id == cohort.id,
            Application.hub_id == application.hub_id,
            Application.status == ApplicationStatus.APPOINTED,
        )
    )
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
    before = audit.snapshot(application)
    move(application, target)
    specialist = None
    if target is ApplicationStatus.APPOINTED:
        await _check_places(session, application)
        specialist = _appoint(application, now)
        session.add(specialist)
    if target in DECISIONS or target is ApplicationStatus.WITHDRAWN:
        application.decided_at = now
    if target is ApplicationStatus.WITHDRAWN:
        # A withdrawn application needs no reference: its open links stop working.
        await session.execute(
            update(ReferenceRequest)
            .where(
                ReferenceRequest.application_id == application.id,
                ReferenceRequest.used_at.is_(None),
                ReferenceRequest.revoked_at.is_(None),
            )
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
    await session.flush()
    event = await audit.record(
        session, actor, "application.status_changed", application, before=before
    )
    if data.note:
        event.after = {**(event.after or {}), "note": data.note}
    if specialist is not None:
        await audit.record(session, actor, "specialist.appointed", specialist)
    if target in DECISIONS:
        await notifications.decision(session, application)
    return specialist
