"""Matching an application's school: screening re-run, and the application (with everything
hung on it) routed to the school's hub.

Two ways in: hub staff set ``school_urn`` (``match_school``, one application), and a GIAS
import that brings in URNs unmatched applications carry (``rematch_after_import``: set-based,
a constant number of statements however many applications it matches).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.repository import ApplicationRepository, SchoolMatchingRepository
from masteryhub.applications.screening import Answers, screen
from masteryhub.applications.transitions import DECIDED
from masteryhub.auth.principals import Principal
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.models.application import Application
from masteryhub.models.base import uuid7
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import School
from masteryhub.schools.repository import SchoolRepository

GIAS_IMPORT = "GIAS import (school matching)"


def answers_of(application: Application) -> Answers:
    return Answers(
        has_qts=application.has_qts,
        years_teaching_maths=application.years_teaching_maths,
        teaching_maths_half_days_per_week=application.teaching_maths_half_days_per_week,
        school_urn=application.school_urn,
    )


async def find_school(session: AsyncSession, urn: str) -> School | None:
    return await SchoolRepository(session).by_urn_any_hub(urn)


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
        hub = await HubRepository(session).find(new_hub_id)
        assert hub is not None  # foreign key
        application.hub_id = new_hub_id
        application.hub = hub
        await session.flush()
        await ApplicationRepository(session).move_dependents([application.id], new_hub_id)
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
    matching = SchoolMatchingRepository(session)
    candidates = await matching.candidates([s.value for s in DECIDED])
    if not candidates:
        return 0
    ids = list(candidates)
    await matching.match(ids, now)
    rows = await matching.matched(ids)
    flags = [
        {
            "application_id": application.id,
            "new_screening": screen(programme, answers_of(application), school),
        }
        for application, school, programme, _hub in rows
    ]
    await matching.set_screening(flags)
    await matching.dependents_follow(ids)
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
    await matching.append_events(events)
    return len(ids)
