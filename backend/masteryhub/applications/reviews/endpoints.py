from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from masteryhub.applications.access import Reader, Reviewer
from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.reviews import service
from masteryhub.applications.reviews.schemas import (
    ReviewCreate,
    ReviewList,
    ReviewRead,
    ReviewUpdate,
)
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.programmes.repository import ProgrammeRepository

router = APIRouter(
    prefix="/applications/{application_id}/reviews", tags=["reviews"], route_class=AppRoute
)


@router.get("", operation_id="reviews-list", response_model=ReviewList)
async def list_reviews(
    session: DbSession, principal: Reader, application_id: uuid.UUID
) -> ReviewList:
    repository = ApplicationRepository(session)
    application = await repository.get(application_id)
    shown, hidden = service.visible(principal, await repository.reviews_of(application.id))
    return ReviewList(items=[ReviewRead.model_validate(r) for r in shown], others_hidden=hidden)


@router.post(
    "",
    operation_id="reviews-create",
    status_code=status.HTTP_201_CREATED,
    response_model=ReviewRead,
    responses=problem_responses(409),
    summary="Submit your review (one per reviewer)",
)
async def create_review(
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    data: ReviewCreate,
    response: Response,
    _idempotency: Idempotency,
) -> ReviewRead:
    application = await ApplicationRepository(session).for_update(application_id)
    criteria = await ProgrammeRepository(session).criteria(application.cohort.programme_id)
    review = await service.create_review(session, principal, application, criteria, data)
    location = f"/api/v1/applications/{application_id}/reviews/{review.id}"
    await respond(session, response, review, location=location)
    return ReviewRead.model_validate(review)


@router.get(
    "/{review_id}",
    operation_id="reviews-get",
    response_model=ReviewRead,
    responses=problem_responses(403),
)
async def read_review(
    session: DbSession,
    principal: Reader,
    application_id: uuid.UUID,
    review_id: uuid.UUID,
    response: Response,
) -> ReviewRead:
    application = await ApplicationRepository(session).get(application_id)
    review = await service.readable_review(session, principal, application, review_id)
    set_etag(response, review)
    return ReviewRead.model_validate(review)


@router.patch(
    "/{review_id}",
    operation_id="reviews-update",
    response_model=ReviewRead,
    responses=problem_responses(403, 409, 412),
    summary="Change your own review (If-Match)",
)
async def update_review(
    session: DbSession,
    principal: Reviewer,
    application_id: uuid.UUID,
    review_id: uuid.UUID,
    data: ReviewUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ReviewRead:
    application = await ApplicationRepository(session).get(application_id)
    review = await ApplicationRepository(session).review(application.id, review_id)
    check_if_match(if_match, review)
    criteria = await ProgrammeRepository(session).criteria(application.cohort.programme_id)
    review = await service.update_review(session, principal, application, review, criteria, data)
    await respond(session, response, review)
    return ReviewRead.model_validate(review)
