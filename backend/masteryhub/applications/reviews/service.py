"""Reviews: independent assessments against the programme's criteria.

Independence (product.md): a reviewer sees other reviewers' assessments — and the aggregate —
only once they have submitted their own. Hub leads and national admins, who decide, and API
clients, who only read, see them all. A reviewer whose own school (users.school_id) is the
applicant's is recused.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.errors import (
    ApplicationNotReviewable,
    NotYourReview,
    ReviewerRecused,
    ReviewExists,
    ReviewsHidden,
)
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.reviews.schemas import ReviewCreate, ReviewUpdate
from masteryhub.applications.schemas import (
    DesirableMean,
    EssentialTally,
    ReviewSummary,
)
from masteryhub.applications.transitions import REVIEWABLE
from masteryhub.auth.dependencies import LEAD_ROLES
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.errors import FieldError, NotFound, ValidationFailed
from masteryhub.kit import audit
from masteryhub.models.application import Application
from masteryhub.models.programme import Criterion, CriterionKind
from masteryhub.models.review import EssentialAssessment, Recommendation, Review
from masteryhub.models.user import User
from masteryhub.programmes.repository import ProgrammeRepository
from masteryhub.users.repository import UserRepository


def may_see_all(principal: Principal, reviews: Sequence[Review]) -> bool:
    if principal.kind == "client":
        return Scope.REVIEWS_READ in principal.scopes
    if principal.role in LEAD_ROLES:
        return True
    return any(r.reviewer_id == principal.id for r in reviews)


def visible(principal: Principal, reviews: Sequence[Review]) -> tuple[list[Review], bool]:
    """The reviews this caller may see, and whether others are being withheld."""
    if may_see_all(principal, reviews):
        return list(reviews), False
    own = [r for r in reviews if r.reviewer_id == principal.id]
    return own, len(own) < len(reviews)


def _check_scores(
    criteria: Sequence[Criterion], essential: dict[str, str], desirable: dict[str, int]
) -> None:
    """Every essential and every desirable criterion assessed, and nothing else."""
    errors: list[FieldError] = []
    for kind, given, field in (
        (CriterionKind.ESSENTIAL, essential, "essential"),
        (CriterionKind.DESIRABLE, desirable, "desirable"),
    ):
        codes = [c.code for c in criteria if c.kind is kind]
        errors += [
            FieldError(field=f"{field}.{code}", message="This criterion needs an assessment.")
            for code in codes
            if code not in given
        ]
        errors += [
            FieldError(
                field=f"{field}.{code}",
                message=f"Not a {kind.value} criterion of this programme.",
            )
            for code in given
            if code not in codes
        ]
    if errors:
        raise ValidationFailed(f"{len(errors)} field(s) are not valid.", errors=errors)


async def _check_reviewer(
    session: AsyncSession, actor: Principal, application: Application
) -> User:
    reviewer = await UserRepository(session).any_hub(actor.id)
    assert reviewer is not None  # the principal was loaded from it in this request
    if application.school_id is not None and reviewer.school_id == application.school_id:
        raise ReviewerRecused(
            "You work at the applicant's school, so another reviewer must assess this application."
        )
    return reviewer


async def create_review(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    criteria: Sequence[Criterion],
    data: ReviewCreate,
) -> Review:
    if application.status not in REVIEWABLE:
        raise ApplicationNotReviewable(
            f"The application is {application.status.value}; reviews are for complete, "
            "shortlisted and interview applications."
        )
    reviewer = await _check_reviewer(session, actor, application)
    existing = await ApplicationRepository(session).review_by(application.id, actor.id)
    if existing is not None:
        raise ReviewExists("Change your review with PATCH.", extra={"review_id": str(existing.id)})
    essential = {code: value.value for code, value in data.essential.items()}
    _check_scores(criteria, essential, data.desirable)
    review = Review(
        hub_id=application.hub_id,
        application_id=application.id,
        reviewer_id=actor.id,
        reviewer_name=reviewer.name,
        essential=essential,
        desirable=dict(data.desirable),
        comment=data.comment,
        recommendation=data.recommendation,
    )
    session.add(review)
    await audit.record(session, actor, "review.submitted", review)
    return review


async def update_review(
    session: AsyncSession,
    actor: Principal,
    application: Application,
    review: Review,
    criteria: Sequence[Criterion],
    data: ReviewUpdate,
) -> Review:
    if review.reviewer_id != actor.id:
        raise NotYourReview("You can change only your own review.")
    if application.status not in REVIEWABLE:
        raise ApplicationNotReviewable(
            f"The application is {application.status.value}; its reviews are closed."
        )
    await _check_reviewer(session, actor, application)
    before = audit.snapshot(review)
    essential = dict(review.essential)
    desirable = dict(review.desirable)
    if data.essential is not None:
        essential |= {code: value.value for code, value in data.essential.items()}
    if data.desirable is not None:
        desirable |= data.desirable
    _check_scores(criteria, essential, desirable)
    # New dicts, so the JSON columns are seen as changed.
    review.essential = essential
    review.desirable = desirable
    if "comment" in data.model_fields_set:
        review.comment = data.comment
    if data.recommendation is not None:
        review.recommendation = data.recommendation
    await audit.record(session, actor, "review.updated", review, before=before)
    return review


def summarise(criteria: Sequence[Criterion], reviews: Sequence[Review]) -> ReviewSummary:
    """Per essential criterion counts, desirable means, and the recommendations tally."""
    essentials = [c for c in criteria if c.kind is CriterionKind.ESSENTIAL]
    desirables = [c for c in criteria if c.kind is CriterionKind.DESIRABLE]
    n = len(reviews)
    tallies = []
    for criterion in essentials:
        counts = Counter(r.essential.get(criterion.code) for r in reviews)
        tallies.append(
            EssentialTally(
                code=criterion.code,
                wording=criterion.wording,
                met=counts[EssentialAssessment.MET.value],
                not_met=counts[EssentialAssessment.NOT_MET.value],
                unclear=counts[EssentialAssessment.UNCLEAR.value],
            )
        )
    means = [
        DesirableMean(
            code=c.code,
            wording=c.wording,
            mean=round(sum(r.desirable.get(c.code, 0) for r in reviews) / n, 2) if n else None,
        )
        for c in desirables
    ]
    totals = [sum(r.desirable.get(c.code, 0) for c in desirables) for r in reviews]
    recommendations = Counter(r.recommendation.value for r in reviews)
    return ReviewSummary(
        review_count=n,
        essential=tallies,
        all_essentials_met=n > 0 and all(t.met == n for t in tallies),
        desirable=means,
        desirable_total_mean=round(sum(totals) / n, 2) if n else None,
        recommendations={r.value: recommendations[r.value] for r in Recommendation},
    )


async def summary_for(
    session: AsyncSession, principal: Principal, application: Application
) -> ReviewSummary | None:
    """The application's review summary, for a caller who may see every review (hub leads,
    clients with reviews:read, a reviewer once they have submitted their own); else None.
    Needs ``application.cohort`` loaded."""
    reviews = await ApplicationRepository(session).reviews_of(application.id)
    if not may_see_all(principal, reviews):
        return None
    criteria = await ProgrammeRepository(session).criteria(application.cohort.programme_id)
    return summarise(criteria, reviews)


async def readable_review(
    session: AsyncSession, principal: Principal, application: Application, review_id: uuid.UUID
) -> Review:
    """One review of the application: their own to a reviewer, the others' once they have
    submitted theirs (403 before: the review exists, it is withheld)."""
    reviews = await ApplicationRepository(session).reviews_of(application.id)
    review = next((r for r in reviews if r.id == review_id), None)
    if review is None:
        raise NotFound("No such review.")
    if review.reviewer_id != principal.id and not may_see_all(principal, reviews):
        raise ReviewsHidden("Reviewers see the others' reviews once they have submitted theirs.")
    return review
