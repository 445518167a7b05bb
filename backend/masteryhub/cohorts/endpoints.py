from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from masteryhub.auth.dependencies import NationalAdmin
from masteryhub.cohorts import service
from masteryhub.cohorts.repository import (
    CohortRepository,
    CohortYearRuleRepository,
    ResidentialRepository,
)
from masteryhub.cohorts.schemas import (
    MAX_PROGRAMME_YEAR,
    CohortCreate,
    CohortRead,
    CohortUpdate,
    CohortYearRuleRead,
    ResidentialCreate,
    ResidentialRead,
    ResidentialUpdate,
    YearRuleWrite,
)
from masteryhub.db import DbSession
from masteryhub.errors import PreconditionFailed, problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.cohort import Cohort
from masteryhub.models.programme import ProgrammeCode
from masteryhub.programmes.access import CohortsReader

router = APIRouter(prefix="/cohorts", tags=["cohorts"], route_class=AppRoute)
residentials_router = APIRouter(prefix="/residentials", tags=["residentials"], route_class=AppRoute)

ProgrammeYear = Annotated[
    int, Path(ge=1, le=MAX_PROGRAMME_YEAR, description="1 is the development year.")
]


@router.get("", operation_id="cohorts-list", response_model=Page[CohortRead])
async def list_cohorts(
    session: DbSession,
    _principal: CohortsReader,
    page: Pagination,
    programme: ProgrammeCode | None = None,
    is_open: bool | None = None,
    q: Annotated[str | None, Query(description="Searches name and code.")] = None,
) -> Page[CohortRead]:
    repository = CohortRepository(session)
    statement = repository.filtered(programme=programme, is_open=is_open, q=q)
    cohorts, next_cursor = await repository.page(
        statement, page, order_by=[Cohort.opens_at, Cohort.id]
    )
    return Page(items=[CohortRead.model_validate(c) for c in cohorts], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="cohorts-create",
    status_code=status.HTTP_201_CREATED,
    response_model=CohortRead,
    responses=problem_responses(409),
)
async def create_cohort(
    session: DbSession,
    principal: NationalAdmin,
    data: CohortCreate,
    response: Response,
    _idempotency: Idempotency,
) -> CohortRead:
    cohort = await service.create_cohort(session, principal, data)
    await respond(session, response, cohort, location=f"/api/v1/cohorts/{cohort.id}")
    return CohortRead.model_validate(cohort)


@router.get("/{cohort_id}", operation_id="cohorts-get", response_model=CohortRead)
async def read_cohort(
    session: DbSession, _principal: CohortsReader, cohort_id: uuid.UUID, response: Response
) -> CohortRead:
    cohort = await CohortRepository(session).get(cohort_id)
    set_etag(response, cohort)
    return CohortRead.model_validate(cohort)


@router.patch(
    "/{cohort_id}",
    operation_id="cohorts-update",
    response_model=CohortRead,
    responses=problem_responses(412),
)
async def update_cohort(
    session: DbSession,
    principal: NationalAdmin,
    cohort_id: uuid.UUID,
    data: CohortUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> CohortRead:
    cohort = await CohortRepository(session).for_update(cohort_id)
    check_if_match(if_match, cohort)
    cohort = await service.update_cohort(session, principal, cohort, data)
    await respond(session, response, cohort)
    return CohortRead.model_validate(cohort)


@router.get(
    "/{cohort_id}/year-rules/{programme_year}",
    operation_id="cohorts-get-year-rule",
    response_model=CohortYearRuleRead,
)
async def read_year_rule(
    session: DbSession,
    _principal: CohortsReader,
    cohort_id: uuid.UUID,
    programme_year: ProgrammeYear,
    response: Response,
) -> CohortYearRuleRead:
    await CohortRepository(session).get(cohort_id)
    rule = await CohortYearRuleRepository(session).get_of(cohort_id, programme_year)
    set_etag(response, rule)
    return CohortYearRuleRead.model_validate(rule)


@router.put(
    "/{cohort_id}/year-rules/{programme_year}",
    operation_id="cohorts-put-year-rule",
    response_model=CohortYearRuleRead,
    responses={
        201: {
            "model": CohortYearRuleRead,
            "description": "A rule for a programme year the cohort had none for",
        },
        **problem_responses(412),
    },
    summary="Set one programme year's release days, day rates and grants",
)
async def put_year_rule(
    session: DbSession,
    principal: NationalAdmin,
    cohort_id: uuid.UUID,
    programme_year: ProgrammeYear,
    data: YearRuleWrite,
    response: Response,
    if_match: IfMatch = None,
) -> CohortYearRuleRead:
    cohort = await CohortRepository(session).for_update(cohort_id)
    existing = await CohortYearRuleRepository(session).of(cohort_id, programme_year)
    if existing is None and if_match not in (None, "*"):
        raise PreconditionFailed("This cohort has no rule for that year yet; omit If-Match.")
    if existing is not None:
        check_if_match(if_match, existing)
    rule = await service.put_year_rule(session, principal, cohort, programme_year, data, existing)
    if existing is None:
        response.status_code = status.HTTP_201_CREATED
    await respond(session, response, rule)
    return CohortYearRuleRead.model_validate(rule)


@router.get(
    "/{cohort_id}/residentials",
    operation_id="cohorts-list-residentials",
    response_model=Page[ResidentialRead],
)
async def list_residentials(
    session: DbSession, _principal: CohortsReader, cohort_id: uuid.UUID, page: Pagination
) -> Page[ResidentialRead]:
    await CohortRepository(session).get(cohort_id)
    repository = ResidentialRepository(session)
    residentials, next_cursor = await repository.page(
        repository.filtered(cohort_id=cohort_id), page
    )
    return Page(
        items=[ResidentialRead.model_validate(r) for r in residentials], next_cursor=next_cursor
    )


@router.post(
    "/{cohort_id}/residentials",
    operation_id="cohorts-create-residential",
    status_code=status.HTTP_201_CREATED,
    response_model=ResidentialRead,
)
async def create_residential(
    session: DbSession,
    principal: NationalAdmin,
    cohort_id: uuid.UUID,
    data: ResidentialCreate,
    response: Response,
    _idempotency: Idempotency,
) -> ResidentialRead:
    cohort = await CohortRepository(session).for_update(cohort_id)
    residential = await service.create_residential(session, principal, cohort, data)
    location = f"/api/v1/residentials/{residential.id}"
    await respond(session, response, residential, location=location)
    return ResidentialRead.model_validate(residential)


@residentials_router.get(
    "/{residential_id}", operation_id="residentials-get", response_model=ResidentialRead
)
async def read_residential(
    session: DbSession, _principal: CohortsReader, residential_id: uuid.UUID, response: Response
) -> ResidentialRead:
    residential = await ResidentialRepository(session).get(residential_id)
    set_etag(response, residential)
    return ResidentialRead.model_validate(residential)


@residentials_router.patch(
    "/{residential_id}",
    operation_id="residentials-update",
    response_model=ResidentialRead,
    responses=problem_responses(412),
)
async def update_residential(
    session: DbSession,
    principal: NationalAdmin,
    residential_id: uuid.UUID,
    data: ResidentialUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ResidentialRead:
    residential = await ResidentialRepository(session).for_update(residential_id)
    check_if_match(if_match, residential)
    cohort = await CohortRepository(session).for_update(residential.cohort_id)
    residential = await service.update_residential(session, principal, cohort, residential, data)
    await respond(session, response, residential)
    return ResidentialRead.model_validate(residential)
