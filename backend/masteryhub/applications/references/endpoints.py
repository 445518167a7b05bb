"""The headteacher's reference link: public (the token is the credential), rate-limited."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from masteryhub.applications.references import service
from masteryhub.applications.references.schemas import (
    ReferenceCriterion,
    ReferenceDecline,
    ReferenceDeclined,
    ReferenceReceipt,
    ReferenceSubmit,
    ReferenceView,
)
from masteryhub.cohorts.repository import CohortYearRuleRepository
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.public_links import throttle_per_address
from masteryhub.kit.routing import AppRoute
from masteryhub.programmes.repository import ProgrammeRepository

# Per client address, for both reading and submitting: enough for a person, not for guessing.
REFERENCE_ATTEMPTS_PER_IP = "30/minute"


router = APIRouter(
    prefix="/references",
    tags=["references"],
    dependencies=[Depends(throttle_per_address("reference-ip", REFERENCE_ATTEMPTS_PER_IP))],
    route_class=AppRoute,
)
LINK_PROBLEMS = problem_responses(404, 410, 429)


@router.get(
    "/{token}",
    operation_id="references-get",
    response_model=ReferenceView,
    responses=LINK_PROBLEMS,
    summary="What the headteacher is asked (public: the link's token is the credential)",
)
async def read_reference_request(session: DbSession, token: str, now: Now) -> ReferenceView:
    link, application = await service.open_request(session, token, now)
    cohort = application.cohort
    criteria = await ProgrammeRepository(session).criteria(cohort.programme_id)
    year_one = await CohortYearRuleRepository(session).of(cohort.id, 1)
    release = (
        f"{year_one.release_half_days / 2:g} days in the development year "
        f"({cohort.development_year})"
        if year_one is not None
        else f"the programme's release time in the development year ({cohort.development_year})"
    )
    return ReferenceView(
        applicant_name=application.applicant_name,
        school_name=application.school.name if application.school else None,
        school_urn=application.school_urn,
        cohort_name=cohort.name,
        programme=cohort.programme.code,
        closes_at=cohort.closes_at,
        link_expires_at=link.expires_at,
        headteacher_name=application.headteacher_name,
        asks=[
            f"Your statement on how {application.applicant_name} meets the criteria below.",
            f"Your commitment that the school will give them release time: {release}, "
            "and support them in developing teaching for mastery across the school.",
        ],
        criteria=[
            ReferenceCriterion(code=c.code, kind=c.kind, wording=c.wording) for c in criteria
        ],
    )


@router.post(
    "/{token}",
    operation_id="references-submit",
    response_model=ReferenceReceipt,
    responses=LINK_PROBLEMS,
    summary="Give the reference (single use)",
)
async def submit_reference(
    session: DbSession, token: str, data: ReferenceSubmit, now: Now
) -> ReferenceReceipt:
    application = await service.submit(session, token, data, now)
    return ReferenceReceipt(
        application_id=application.id,
        reference=application.reference,
        received_at=now,
    )


@router.post(
    "/{token}/decline",
    operation_id="references-decline",
    response_model=ReferenceDeclined,
    responses=LINK_PROBLEMS,
    summary="Decline to give the reference, with a reason (the applicant is told)",
)
async def decline_reference(
    session: DbSession, token: str, data: ReferenceDecline, now: Now
) -> ReferenceDeclined:
    application = await service.decline(session, token, data, now)
    return ReferenceDeclined(
        application_id=application.id, reference=application.reference, declined_at=now
    )
