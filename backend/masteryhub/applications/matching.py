"""Matching an application's school: screening re-run, and the application (with everything
hung on it) routed to the school's hub.

Two ways in: hub staff set ``school_urn`` (``match_school``, one application), and a GIAS
import that brings in URNs unmatched applications carry (``rematch_after_import``: set-based,
a constant number of statements however many applications it matches).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.screening import Answers, screen
from masteryhub.applications.transitions import DECIDED
from masteryhub.auth.principals import Principal
from masteryhub.kit import audit
from masteryhub.models.application import Application
from masteryhub.models.application_note import ApplicationNote
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.base import uuid7
from masteryhub.models.cohort import Cohort
from masteryhub.models.hub import Hub
from masteryhub.models.interview import Interview
from masteryhub.models.programme import Programme, ProgrammeCode
from masteryhub.models.reference_chaser import ReferenceChaser
from masteryhub.models.reference_request import ReferenceRequest
from masteryhub.models.review import Review
from masteryhub.models.school import School

GIAS_IMPORT = "GIAS import (school matching)"
# Rows hung on an application that carry its hub: they move with it.
DEPENDENTS: tuple[type[Any], ...] = (
    Review,
    ReferenceRequest,
    ApplicationNote,
    Interview,
    ReferenceChaser,
)
_applications = cast(Table, Application.__table__)


def answers_of(application: Application) -> Answers:
    return Answers(
        has_qts=application.has_qts,
        years_teaching_maths=application.years_teaching_maths,
        teaching_maths_half_days_per_week=application.teaching_maths_half_days_per_week,
        school_urn=application.school_urn,
    )


async def find_school(session: AsyncSession, urn: str) -> School | None:
    # Schools are national reference data; the lookup deliberately crosses hubs.
    return cast(
        School | None,
        await session.scalar(
            select(School).where(School.urn == urn).execution_options(all_hubs=True)
        ),
    )


async def _move_dependents(
    session: AsyncSession, application_ids: list[uuid.UUID], to_hub: Any
) -> None:
    """``to_hub``: a hub id, or a SQL expression correlated on the dependent's application."""
    for model in DEPENDENTS:
        await session.execute(
            update(model)
            .where(model.application_id.in_(application_ids))
            .values(hub_id=to_hub)
            .execution_options(synchronize_session=False, all_hubs=True)
        )


async def match_school(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    school: School,
    programme: ProgrammeCode,
) -> None:
    """Match, re-screen and (when the school is in another hub's area) re-route. Audited in
    both hubs; the applicant is not emailed. ``cohort`` must be loaded."""
    before = audit.snapshot(application)
    old_hub_id = application.hub_id
    application.school_urn = school.urn
    application.school_id = school.id
    application.school = school
    application.screening = screen(programme, answers_of(application), school)
    new_hub_id = school.hub_id or old_hub_id
    if new_hub_id != old_hub_id:
        hub = await session.scalar(select(Hub).where(Hub.id == new_hub_id))
        assert hub is not None  # foreign key
        application.hub_id = new_hub_id
        application.hub = hub
        await session.flush()
        await _move_dependents(session, [application.id], new_hub_id)
    await session.flush()
    await audit.record(session, actor, "application.school_matched", application, before=before)
    if new_hub_id != old_hub_id:
        moved_before = {"hub_id": str(old_hub_id), "school_urn": before.get("school_urn")}
        moved_after = {"hub_id": str(new_hub_id), "school_urn": school.urn}
        for hub_id in (old_hub_id, new_hub_id):
            await audit.record(
                session,
                actor,
                "application.rerouted",
                application,
                before=None,
                after={"from": moved_before, "to": moved_after},
                hub_id=hub_id,
            )


async def rematch_after_import(session: AsyncSession, now: datetime) -> int:
    """Match every undecided, unmatched application whose URN is now a school; re-screen and
    re-route them. A constant number of statements: one SELECT finds them (with their hub
    before the move), one UPDATE matches and routes them all, one SELECT reads what screening
    needs, one executemany writes the flags, one UPDATE per dependent table moves hubs, one
    executemany appends the audit events (in the old hub too when it changed)."""
    candidates = dict(
        (
            await session.execute(
                select(_applications.c.id, _applications.c.hub_id).where(
                    _applications.c.school_id.is_(None),
                    _applications.c.school_urn.is_not(None),
                    _applications.c.status.not_in([s.value for s in DECIDED]),
                    exists().where(School.urn == _applications.c.school_urn),
                )
            )
        ).all()
    )
    if not candidates:
        return 0
    ids = list(candidates)
    school_for = select(School.id).where(School.urn == _applications.c.school_urn)
    hub_for = select(School.hub_id).where(School.urn == _applications.c.school_urn)
    await session.execute(
        update(_applications)
        .where(_applications.c.id.in_(ids), _applications.c.school_id.is_(None))
        .values(
            school_id=school_for.scalar_subquery(),
            hub_id=func.coalesce(hub_for.scalar_subquery(), _applications.c.hub_id),
            version=_applications.c.version + 1,
            updated_at=now,
        )
    )
    rows = (
        await session.execute(
            select(Application, School, Programme.code, Application.hub_id)
            .join(School, School.id == Application.school_id)
            .join(Cohort, Cohort.id == Application.cohort_id)
            .join(Programme, Programme.id == Cohort.programme_id)
            .where(Application.id.in_(ids))
            .execution_options(all_hubs=True, populate_existing=True)
        )
    ).all()
    flags = [
        {
            "application_id": application.id,
            "new_screening": screen(programme, answers_of(application), school),
        }
        for application, school, programme, _hub in rows
    ]
    await session.execute(
        update(_applications)
        .where(_applications.c.id == bindparam("application_id"))
        .values(screening=bindparam("new_screening")),
        flags,
    )
    # Dependents follow their application's (new) hub.
    for model in DEPENDENTS:
        table = cast(Table, model.__table__)
        await session.execute(
            update(table)
            .where(table.c.application_id.in_(ids))
            .values(
                hub_id=select(_applications.c.hub_id)
                .where(_applications.c.id == table.c.application_id)
                .scalar_subquery()
            )
        )
    events = [
        {
            "id": uuid7(),
            "hub_id": hub_id,
            "actor_type": "system",
            "actor_id": None,
            "actor_label": GIAS_IMPORT,
            "action": "application.school_matched",
            "entity_type": Application.__tablename__,
            "entity_id": application.id,
            "before": {"school_id": None},
            "after": {
                "school_id": str(school.id),
                "school_urn": school.urn,
                "hub_id": str(application.hub_id),
                "previous_hub_id": str(candidates[application.id]),
            },
            "request_id": None,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for application, school, _programme, _hub in rows
        for hub_id in dict.fromkeys((candidates[application.id], application.hub_id))
    ]
    await session.execute(insert(cast(Table, AuditEvent.__table__)), events)
    return len(ids)
