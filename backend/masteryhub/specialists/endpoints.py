from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from masteryhub.auth.dependencies import ALL_ROLES, Allow, HubLead
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.routing import AppRoute
from masteryhub.models.specialist import SpecialistStatus
from masteryhub.specialists import service
from masteryhub.specialists.params import AcademicYear
from masteryhub.specialists.progress import progress_of
from masteryhub.specialists.repository import SPECIALIST_SORTS, SpecialistRepository, SpecialistSort
from masteryhub.specialists.schemas import SpecialistProgress, SpecialistRead, SpecialistUpdate

router = APIRouter(prefix="/specialists", tags=["specialists"], route_class=AppRoute)

SpecialistReader = Annotated[
    Principal, Depends(Allow(roles=ALL_ROLES, scopes={Scope.SPECIALISTS_READ}))
]

ProgressReader = Annotated[
    Principal,
    Depends(Allow(roles=ALL_ROLES, scopes={Scope.SPECIALISTS_READ, Scope.DELIVERY_READ})),
]


@router.get(
    "",
    operation_id="specialists-list",
    response_model=Page[SpecialistRead],
    summary="The hub's specialists (a specialist sees only their own record)",
)
async def list_specialists(
    session: DbSession,
    principal: SpecialistReader,
    page: Pagination,
    academic_year: AcademicYear,
    cohort_code: str | None = None,
    status: SpecialistStatus | None = None,
    school_urn: str | None = None,
    q: Annotated[str | None, Query(description="Name or email contains.")] = None,
    sort: Annotated[
        SpecialistSort,
        Query(
            description="`name` (surname, then first name; the default) or `appointed`; a "
            "leading `-` reverses it. A cursor works only with its sort."
        ),
    ] = SpecialistSort.NAME,
) -> Page[SpecialistRead]:
    repository = SpecialistRepository(session)
    statement = repository.filtered(
        principal, cohort_code=cohort_code, status=status, school_urn=school_urn, q=q
    )
    specialists, next_cursor = await repository.sorted_page(statement, page, sort, SPECIALIST_SORTS)
    return Page(
        items=[SpecialistRead.of(s, academic_year) for s in specialists], next_cursor=next_cursor
    )


@router.get("/{specialist_id}", operation_id="specialists-get", response_model=SpecialistRead)
async def read_specialist(
    session: DbSession,
    principal: SpecialistReader,
    specialist_id: uuid.UUID,
    response: Response,
    academic_year: AcademicYear,
) -> SpecialistRead:
    specialist = await SpecialistRepository(session).get_visible(principal, specialist_id)
    set_etag(response, specialist)
    return SpecialistRead.of(specialist, academic_year)


@router.patch(
    "/{specialist_id}",
    operation_id="specialists-update",
    response_model=SpecialistRead,
    summary="Change a specialist's status, PD Lead accreditation or sign-in (hub leads)",
    responses=problem_responses(409, 412),
)
async def update_specialist(
    session: DbSession,
    principal: HubLead,
    specialist_id: uuid.UUID,
    data: SpecialistUpdate,
    response: Response,
    academic_year: AcademicYear,
    if_match: IfMatch = None,
) -> SpecialistRead:
    specialist = await SpecialistRepository(session).for_update(specialist_id)
    check_if_match(if_match, specialist)
    specialist = await service.update_specialist(session, principal, specialist, data)
    set_etag(response, specialist)
    return SpecialistRead.of(specialist, academic_year)


@router.get(
    "/{specialist_id}/progress",
    operation_id="specialists-progress",
    response_model=SpecialistProgress,
    summary="Progress against the programme's expectations for an academic year",
)
async def read_progress(
    session: DbSession,
    principal: ProgressReader,
    specialist_id: uuid.UUID,
    academic_year: AcademicYear,
) -> SpecialistProgress:
    specialist = await SpecialistRepository(session).get_visible(principal, specialist_id)
    return await progress_of(session, specialist, academic_year)
