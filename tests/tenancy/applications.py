"""The application pipeline (intake, transitions, reference requests, reviews) and people's
personal data (export, erasure).

Hub staff and leads read, review and move their hub's applications (decisions are the lead's);
form tools submit (applications:submit) and integrators read (applications:read). A reviewer
sees other reviewers' reviews once they have submitted their own, and changes only their own.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from masteryhub.auth.scopes import Scope
from masteryhub.models.application import Application, ApplicationSource, ApplicationStatus
from masteryhub.models.cohort import Cohort
from masteryhub.models.programme import Criterion, CriterionKind
from masteryhub.models.review import EssentialAssessment, Recommendation, Review
from tests.factories import Caller, Factory
from tests.tenancy.core import (
    NATIONAL_ADMINS,
    STAFF,
    Access,
    Builder,
    CrossHubBody,
    Declarations,
    ForbiddenWrite,
    HubWorld,
    Made,
    World,
    fresh,
    scopes,
    sequence,
)

# Open for applications now (form tools are refused outside the window).
APPLICATION_COHORT = "matrix-applications"
READ = Access(STAFF, scopes(Scope.APPLICATIONS_READ))
REVIEW = Access(STAFF)  # people only: API clients never review or move applications
# The programme's criteria (reference data the migrations hold), as a review must score them.
CRITERIA: dict[CriterionKind, list[str]] = {}


async def _application_cohort(factory: Factory, made: Made) -> uuid.UUID:
    cohort = Cohort(
        code=APPLICATION_COHORT,
        name="Matrix Cohort open for applications",
        programme_id=made["programme_id"],
        development_year="2030/31",
        opens_at=datetime(2020, 1, 6, 9, tzinfo=UTC),
        closes_at=datetime(2030, 6, 14, 16, tzinfo=UTC),
        reference_prefix="MXAPP",
    )
    await factory.add(cohort)
    async with factory.app.state.sessionmaker() as session:
        criteria = await session.scalars(
            select(Criterion).where(Criterion.programme_id == made["programme_id"])
        )
        for kind in CriterionKind:
            CRITERIA[kind] = []
        for criterion in criteria:
            CRITERIA[criterion.kind].append(criterion.code)
    return cohort.id


async def _application(
    factory: Factory, place: HubWorld, status: ApplicationStatus = ApplicationStatus.COMPLETE
) -> uuid.UUID:
    n = next(sequence)
    application = Application(
        hub_id=place.hub.id,
        reference=f"MXAPP-{n:06d}",
        cohort_id=place.national["application_cohort_id"],
        status=status,
        source=ApplicationSource.FORM,
        submitted_at=datetime(2021, 5, 10, 9, tzinfo=UTC),
        school_urn=place.facts["school_urn"],
        school_id=place.records["school_id"],
        applicant_first_name="Amira",
        applicant_last_name=f"Matrix{n}",
        applicant_email=f"applicant{n}@example.org",
        has_qts=True,
        years_teaching_maths=6,
        statement="Why I want to become a Mastery Specialist ...",
        consent_to_data_processing=True,
        headteacher_name="J. Patel",
        headteacher_email=f"head{n}@example.org",
        headteacher_statement="A fine teacher."
        if status is not ApplicationStatus.AWAITING_REFERENCE
        else None,
    )
    await factory.add(application)
    return application.id


def _scores() -> dict[str, Any]:
    return {
        "essential": dict.fromkeys(
            CRITERIA[CriterionKind.ESSENTIAL], EssentialAssessment.MET.value
        ),
        "desirable": dict.fromkeys(CRITERIA[CriterionKind.DESIRABLE], 2),
    }


async def _add_review(factory: Factory, place: HubWorld, reviewer: Caller) -> uuid.UUID:
    scores = _scores()
    review = Review(
        hub_id=place.hub.id,
        application_id=place.records["application_id"],
        reviewer_id=reviewer.id,
        reviewer_name=reviewer.email or "Reviewer",
        essential=scores["essential"],
        desirable=scores["desirable"],
        recommendation=Recommendation.INTERVIEW,
    )
    await factory.add(review)
    return review.id


async def _review(factory: Factory, place: HubWorld) -> uuid.UUID:
    """A review of the hub's application by one of its staff."""
    staff = Caller("user", place.records["user_id"], place.hub.id, "", email="staff@example.org")
    return await _add_review(factory, place, staff)


async def _reviewed_first(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """Reviewers see the others' reviews once they have submitted theirs (API clients read
    them all)."""
    if caller.kind == "user":
        await _add_review(factory, world.a, caller)
    return {}


async def _own_review(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """Reviewers change only their own review."""
    review = await _add_review(factory, world.a, caller)
    return {"review_id": str(review)}


async def _awaiting_reference(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """Only an application awaiting its reference gets a new link."""
    application = await _application(factory, world.a, ApplicationStatus.AWAITING_REFERENCE)
    return {"application_id": str(application)}


async def _shortlisted(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """Only a shortlisted (or interview, reserve) application is interviewed."""
    application = await _application(factory, world.a, ApplicationStatus.SHORTLISTED)
    return {"application_id": str(application)}


def _interview(world: World) -> dict[str, Any]:
    return {"date": "2030-07-01", "starts_at": "10:30", "location": "The hub office"}


def _submission(world: World) -> dict[str, Any]:
    n = next(sequence)
    return {
        "cohort_code": APPLICATION_COHORT,
        "applicant": {
            "first_name": "Amira",
            "last_name": f"Submitted{n}",
            "email": f"submitted{n}@example.org",
        },
        "school_urn": world.a.facts["school_urn"],
        "has_qts": True,
        "years_teaching_maths": 6,
        "days_teaching_maths_per_week": 5,
        "statement": "Why I want to become a Mastery Specialist ...",
        "headteacher": {"name": "J. Patel", "email": f"head-s{n}@example.org", "statement": None},
        "consent_to_data_processing": True,
    }


DECLARATIONS = Declarations(
    access={
        "applications-submit": Access(STAFF, scopes(Scope.APPLICATIONS_SUBMIT)),
        "applications-list": READ,
        "applications-get": READ,
        "applications-transition": REVIEW,
        "applications-resend-reference": REVIEW,
        "applications-update": REVIEW,
        "applications-list-notes": REVIEW,
        "applications-add-note": REVIEW,
        "applications-get-interview": READ,
        "applications-schedule-interview": REVIEW,
        "applications-bulk-transition": REVIEW,
        "applications-work-queue": REVIEW,
        "reports-applications-by-status": READ,
        "reviews-list": READ,
        "reviews-get": READ,
        "reviews-create": REVIEW,
        "reviews-update": REVIEW,
        "people-export": Access(NATIONAL_ADMINS),
        "people-erase": Access(NATIONAL_ADMINS),
    },
    national_builders={"application_cohort_id": _application_cohort},
    builders={
        "application_id": Builder(_application, listed_at="/api/v1/applications"),
        "review_id": Builder(_review),
    },
    public={
        "references-get": "the headteacher's link: its token is the credential",
        "references-submit": "the headteacher's link: its token is the credential",
        "references-decline": "the headteacher's link: its token is the credential",
    },
    headers={
        "applications-submit": lambda: {"Idempotency-Key": f"matrix-{uuid.uuid4().hex}"},
    },
    queries={"people-export": {"email": "nobody-in-particular@example.org"}},
    prepare={
        "applications-transition": fresh("application_id"),
        "applications-resend-reference": _awaiting_reference,
        "applications-update": fresh("application_id"),
        "applications-schedule-interview": _shortlisted,
        "reviews-get": _reviewed_first,
        "reviews-update": _own_review,
    },
    bodies={
        "applications-submit": _submission,
        "applications-transition": lambda world: {"to": "shortlisted"},
        "applications-update": lambda world: {"role_title": "Maths lead"},
        "applications-add-note": lambda world: {"text": "Spoke to the head: reference Monday."},
        "applications-schedule-interview": _interview,
        "applications-bulk-transition": lambda world: {
            "application_ids": [str(world.a.records["application_id"])],
            "to": "shortlisted",
        },
        "reviews-create": lambda world: {**_scores(), "recommendation": "interview"},
        "reviews-update": lambda world: {"comment": "Strong on collaboration."},
        "people-erase": lambda world: {"email": "nobody-in-particular@example.org"},
    },
    cross_hub_bodies={
        "bulk shortlisting another hub's application": CrossHubBody(
            "applications-bulk-transition",
            lambda w: {
                "application_ids": [str(w.b.records["application_id"])],
                "to": "shortlisted",
            },
            hub_callers_only=True,  # a national admin may move any hub's applications
        ),
    },
    forbidden_writes={
        "hub staff decide an application": ForbiddenWrite(
            "hub_staff", "applications-transition", lambda w: {"to": "not_appointed"}
        ),
        "hub staff decide applications in bulk": ForbiddenWrite(
            "hub_staff",
            "applications-bulk-transition",
            lambda w: {
                "application_ids": [str(w.a.records["application_id"])],
                "to": "not_appointed",
                "reasons": ["places_filled"],
            },
        ),
        "a hub lead changes another reviewer's review": ForbiddenWrite(
            "hub_lead",
            "reviews-update",
            lambda w: {"recommendation": "do_not_appoint"},
            code="not_your_review",
        ),
    },
)
