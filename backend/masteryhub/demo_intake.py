"""The demo's schools file and applications, so every screen of the intake has something on it.

- ``load_demo_schools``: the generated GIAS-shaped file that ships in the repository
  (``demo_data/edubasealldata-demo.csv``, written by ``scripts/generate_demo_gias.py``:
  300 made-up schools, Windows-1252, the real 139 column headings) is imported by the real
  importer. The hubs' areas are left empty (the browser tests expect a lead's area to start
  so): the file's schools are given to the demo hubs directly, by LA.
- ``seed_applications``: applications to the open demo cohort at every status a hub sees —
  awaiting a reference (one overdue and chased, one declined by the headteacher, one whose URN
  matches no school), complete with and without reviews, shortlisted, at interview (scheduled),
  on the reserve list, appointed, not appointed with coded reasons and feedback, withdrawn —
  and a late one entered by hand after Cohort 6 closed; with reviews and notes. Made through
  the pipeline's own services (routing, screening, references, emails queued, audit).

Both are idempotent: the file is imported once (its schools are then known), and the
applications are added only while the demo cohort has none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.applications import decisions, intake, interviews, notes
from masteryhub.applications.references import service as references
from masteryhub.applications.references.schemas import ReferenceDecline
from masteryhub.applications.reviews.schemas import ReviewCreate
from masteryhub.applications.reviews.service import create_review
from masteryhub.applications.schemas import (
    ApplicationSubmit,
    InterviewSchedule,
    TransitionRequest,
)
from masteryhub.auth.principals import Principal
from masteryhub.cohorts.repository import CohortRepository
from masteryhub.config import get_settings
from masteryhub.db import begin_write
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.base import utcnow
from masteryhub.models.hub import Hub
from masteryhub.models.programme import CriterionKind
from masteryhub.models.reference_request import ReferenceRequest
from masteryhub.models.school import School
from masteryhub.models.school_import import ImportSource, ImportStatus
from masteryhub.models.user import User
from masteryhub.programmes.repository import ProgrammeRepository
from masteryhub.schools import importer
from masteryhub.schools.service import create_import

DEMO_SCHOOLS_FILE = Path(__file__).parent / "demo_data" / "edubasealldata-demo.csv"
DEMO_FILE_URNS = (991000, 991299)
# The file's LAs, by demo hub (scripts/generate_demo_gias.py writes schools in these).
DEMO_LA_HUBS = {
    "352": "north",
    "355": "north",
    "356": "north",
    "358": "north",
    "852": "south",
    "851": "south",
    "850": "south",
}
DEMO_COHORT = "primary-demo"
LATE_COHORT = "primary-6"
# A URN no school has (outside every demo and browser-test range): the hub must match it.
UNMATCHED_URN = "990999"
EMAIL_DOMAIN = "demo.example.org"


async def load_demo_schools(sessionmaker: async_sessionmaker[AsyncSession]) -> bool:
    """Import the demo file through the importer unless its schools are already there; then
    give the file's schools without a hub to the demo hubs, by LA. Returns True if anything
    was imported or given."""
    first, last = DEMO_FILE_URNS
    async with sessionmaker() as session:
        await begin_write(session)
        known = await session.scalar(
            select(func.count())
            .select_from(School)
            .where(School.urn.between(str(first), str(last)))
        )
        job = None
        if not known:
            job = await create_import(
                session,
                None,
                filename=DEMO_SCHOOLS_FILE.name,
                stored_path=DEMO_SCHOOLS_FILE,
                size_bytes=DEMO_SCHOOLS_FILE.stat().st_size,
                source=ImportSource.CLI,
                requested_by_label="masteryhub seed-demo",
            )
        await session.commit()
    if job is not None:
        done = await importer.run(sessionmaker, job.id)
        if done.status is not ImportStatus.COMPLETED:
            raise RuntimeError(f"The demo schools file did not import: {done.error}")
    async with sessionmaker() as session:
        await begin_write(session)
        hubs = dict((await session.execute(select(Hub.code, Hub.id))).all())
        given = 0
        for la_code, hub_code in DEMO_LA_HUBS.items():
            if hub_code not in hubs:
                continue
            result = await session.execute(
                update(School)
                .where(
                    School.urn.between(str(first), str(last)),
                    School.la_code == la_code,
                    School.hub_id.is_(None),
                )
                .values(hub_id=hubs[hub_code])
                .execution_options(synchronize_session=False)
            )
            given += int(getattr(result, "rowcount", 0) or 0)
        await session.commit()
    return job is not None or given > 0


@dataclass
class Demo:
    """Who acts in the demo pipeline, and where."""

    session: AsyncSession
    now: datetime
    leads: dict[str, Principal]
    staff: dict[str, Principal]
    schools: dict[str, list[School]]  # open primary schools of each hub, from the file
    n: int = 0

    def body(
        self,
        hub: str,
        first: str,
        last: str,
        *,
        cohort: str = DEMO_COHORT,
        school_urn: str | None = None,
        statement: str | None = "A committed and reflective teacher; we will release them.",
        **answers: Any,
    ) -> ApplicationSubmit:
        self.n += 1
        schools = self.schools[hub]
        school = schools[self.n % len(schools)]
        values: dict[str, Any] = {
            "cohort_code": cohort,
            "applicant": {
                "first_name": first,
                "last_name": last,
                "email": f"{first}.{last}@{EMAIL_DOMAIN}".lower().replace("'", ""),
            },
            "school_urn": school_urn or school.urn,
            "role_title": "Class teacher and maths lead",
            "has_qts": True,
            "years_teaching_maths": 3 + self.n % 8,
            "days_teaching_maths_per_week": 5,
            "is_maths_subject_leader": self.n % 2 == 0,
            "additional_statuses": ["mathematics_sle"] if self.n % 3 == 0 else [],
            "statement": "I have led teaching for mastery in my year group and want to help "
            "colleagues in other schools do the same.",
            "criteria_evidence": {"collaboration": "I run our school's maths TRG."},
            "headteacher": {
                "name": f"Head of {school.name}",
                "email": f"head.{last}@{EMAIL_DOMAIN}".lower().replace("'", ""),
                "statement": statement,
            },
            "consent_to_data_processing": True,
        }
        values.update(answers)
        return ApplicationSubmit.model_validate(values)

    async def submit(self, hub: str, data: ApplicationSubmit, *, days_ago: int = 0) -> Application:
        when = self.now - timedelta(days=days_ago)
        return await intake.submit_application(
            self.session, self.staff[hub], data, now=when, base_url=get_settings().base_url
        )

    async def move(self, hub: str, application: Application, *steps: str, **extra: Any) -> None:
        for step in steps:
            await decisions.change_status(
                self.session,
                self.leads[hub],
                application,
                TransitionRequest(
                    to=ApplicationStatus(step), **(extra if step == steps[-1] else {})
                ),
                now=self.now,
            )

    async def review(
        self, hub: str, application: Application, who: str, recommendation: str, *, met: bool = True
    ) -> None:
        criteria = await ProgrammeRepository(self.session).criteria(application.cohort.programme_id)
        actor = self.leads[hub] if who == "lead" else self.staff[hub]
        data = ReviewCreate.model_validate(
            {
                "essential": {
                    c.code: ("met" if met or i else "unclear")
                    for i, c in enumerate(c for c in criteria if c.kind is CriterionKind.ESSENTIAL)
                },
                "desirable": {
                    c.code: (2 if met else 1) for c in criteria if c.kind is CriterionKind.DESIRABLE
                },
                "comment": "Strong evidence of collaboration." if met else "Evidence is thin.",
                "recommendation": recommendation,
            }
        )
        await create_review(self.session, actor, application, criteria, data)

    async def note(self, hub: str, application: Application, text: str) -> None:
        await notes.add(self.session, self.staff[hub], application, text)


def _principal(user: User) -> Principal:
    return Principal("user", user.id, user.email, user.hub_id, role=user.role)


async def seed_applications(session: AsyncSession) -> bool:
    """Returns True if the demo applications were added (False: already there)."""
    cohorts = CohortRepository(session)
    if await cohorts.by_code(DEMO_COHORT) is None:
        return False
    existing = await session.scalar(
        select(func.count())
        .select_from(Application)
        .where(Application.applicant_email.like(f"%@{EMAIL_DOMAIN}"))
    )
    if existing:
        return False
    users = {u.email: u for u in await session.scalars(select(User))}
    hubs = {h.code: h for h in await session.scalars(select(Hub))}
    if not {"north", "south"} <= hubs.keys():
        return False
    first, last = DEMO_FILE_URNS
    schools: dict[str, list[School]] = {}
    for code in ("north", "south"):
        schools[code] = list(
            await session.scalars(
                select(School)
                .where(
                    School.hub_id == hubs[code].id,
                    School.urn.between(str(first), str(last)),
                    School.phase_code == "2",
                    School.is_open.is_(True),
                    School.is_state_funded.is_(True),
                )
                .order_by(School.urn)
                .limit(12)
            )
        )
        if not schools[code]:
            return False
    demo = Demo(
        session=session,
        now=utcnow(),
        leads={
            "north": _principal(users["lead@north.masteryhub.test"]),
            "south": _principal(users["lead@south.masteryhub.test"]),
        },
        staff={
            "north": _principal(users["staff@north.masteryhub.test"]),
            "south": _principal(users["lead@south.masteryhub.test"]),
        },
        schools=schools,
    )
    await _north(demo)
    await _south(demo)
    await session.flush()
    return True


async def _north(demo: Demo) -> None:
    # Awaiting the headteacher's reference: just sent.
    await demo.submit("north", demo.body("north", "Priya", "Sharma", statement=None))
    # Overdue: sent ten days ago, chased on day 7 (the worker's chaser log and a fresh link).
    overdue = await demo.submit(
        "north", demo.body("north", "Tom", "Whitaker", statement=None), days_ago=10
    )
    await references.send_due_reference_reminders(
        demo.session, demo.now, base_url=get_settings().base_url
    )
    await demo.note("north", overdue, "Phoned the school office: the head is back on Monday.")
    # Declined by the headteacher, with their reason: the applicant is asked for another leader.
    declined = await demo.submit(
        "north", demo.body("north", "Grace", "O'Connell", statement=None), days_ago=3
    )
    link = await demo.session.scalar(
        select(ReferenceRequest).where(ReferenceRequest.application_id == declined.id)
    )
    assert link is not None
    await references.decline_request(
        demo.session,
        link,
        declined,
        ReferenceDecline(reason="I started as head this month and do not yet know Grace's work."),
        demo.now,
    )
    # A URN that matches no school: the hub resolves it (PATCH school_urn or the school search).
    await demo.submit(
        "north", demo.body("north", "Owen", "Price", school_urn=UNMATCHED_URN, statement=None)
    )
    # Complete: no reviews yet; one review and a note; a desirable criterion not met.
    await demo.submit("north", demo.body("north", "Hannah", "Lewis"))
    reviewed = await demo.submit("north", demo.body("north", "Sam", "Okoro"))
    await demo.review("north", reviewed, "staff", "interview")
    await demo.note("north", reviewed, "Strong on collaboration; check the TRG evidence.")
    await demo.submit("north", demo.body("north", "Ellie", "Fraser", years_teaching_maths=2))
    # Shortlisted with two reviews.
    shortlisted = await demo.submit("north", demo.body("north", "Marcus", "Bell"))
    await demo.review("north", shortlisted, "staff", "interview")
    await demo.review("north", shortlisted, "lead", "interview")
    await demo.move("north", shortlisted, "shortlisted")
    # At interview, scheduled a week from now at 10:30 London time.
    interviewed = await demo.submit("north", demo.body("north", "Aisha", "Begum"))
    await demo.review("north", interviewed, "staff", "appoint")
    await demo.move("north", interviewed, "shortlisted")
    await interviews.schedule(
        demo.session,
        demo.leads["north"],
        interviewed,
        InterviewSchedule(
            date=_weekday(demo.now.date() + timedelta(days=7)),
            starts_at="10:30",
            duration_minutes=45,
            location="North Star Maths Hub, Meeting Room 2",
        ),
        if_match=None,
        organiser="no-reply@masteryhub.test",
    )
    # On the reserve list, appointed, not appointed (reasons and feedback), withdrawn.
    reserve = await demo.submit("north", demo.body("north", "Ravi", "Patel"))
    await demo.review("north", reserve, "staff", "reserve")
    await demo.move("north", reserve, "shortlisted", "interview", "reserve")
    appointed = await demo.submit("north", demo.body("north", "Jade", "Morris"))
    await demo.review("north", appointed, "staff", "appoint")
    await demo.review("north", appointed, "lead", "appoint")
    await demo.move(
        "north",
        appointed,
        "shortlisted",
        "interview",
        "appointed",
        feedback="A superb interview: we look forward to working with you.",
    )
    not_appointed = await demo.submit(
        "north", demo.body("north", "Leo", "Hughes", has_qts=False, years_teaching_maths=1)
    )
    await demo.review("north", not_appointed, "staff", "do_not_appoint", met=False)
    await demo.move(
        "north",
        not_appointed,
        "not_appointed",
        reasons=["essential_not_met:qts", "desirable_ranked_lower"],
        feedback="Thank you for applying. The programme needs Qualified Teacher Status; "
        "do apply again once you have it.",
    )
    withdrawn = await demo.submit("north", demo.body("north", "Nina", "Kowalski"))
    await demo.move("north", withdrawn, "withdrawn", note="Moving to a school outside the hub.")
    # Entered by hand after Cohort 6 closed (a paper form that arrived late): marked late.
    await demo.submit("north", demo.body("north", "Ruth", "Adams", cohort=LATE_COHORT))


async def _south(demo: Demo) -> None:
    await demo.submit("south", demo.body("south", "Oliver", "Grant", statement=None))
    await demo.submit("south", demo.body("south", "Maya", "Singh"))
    shortlisted = await demo.submit("south", demo.body("south", "Daniel", "Reid"))
    await demo.review("south", shortlisted, "lead", "interview")
    await demo.move("south", shortlisted, "shortlisted")


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


async def seed_all(sessionmaker: async_sessionmaker[AsyncSession]) -> bool:
    """What ``masteryhub seed-demo`` runs after ``demo.seed``: the schools file, then the
    applications. Each step commits (the importer commits batch by batch)."""
    imported = await load_demo_schools(sessionmaker)
    async with sessionmaker() as session:
        await begin_write(session)
        added = await seed_applications(session)
        await session.commit()
    return imported or added
