from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from masteryhub.auth.dependencies import ALL_ROLES, Allow, HubLead
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.early_warnings import service as early_warnings
from masteryhub.errors import problem_responses
from masteryhub.kit.clock import Now
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.early_warning_rule import WarningStatus
from masteryhub.models.specialist import SpecialistStatus
from masteryhub.release_days.evidence import claimable_events
from masteryhub.release_days.schemas import ClaimableEvents
from masteryhub.specialists import service
from masteryhub.specialists.params import AcademicYear, CurrentAcademicYear
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

LedgerReader = Annotated[Principal, Depends(Allow(roles=ALL_ROLES, scopes={Scope.LEDGER_READ}))]


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
    now: Now,
    academic_year: AcademicYear,
    current_year: CurrentAcademicYear,
    cohort_code: str | None = None,
    status: SpecialistStatus | None = None,
    school_urn: str | None = None,
    q: Annotated[str | None, Query(description="Name or email contains.")] = None,
    hub_id: Annotated[uuid.UUID | None, Query(description="National admins: one hub only.")] = None,
    early_warning: Annotated[
        list[WarningStatus] | None,
        Query(
            description="Only active specialists with one of these statuses in `academic_year` "
            "(repeat the parameter for several)."
        ),
    ] = None,
    sort: Annotated[
        SpecialistSort,
        Query(
            description="`name` (surname, then first name; the default) or `appointed`; a "
            "leading `-` reverses it. A cursor works only with its sort."
        ),
    ] = SpecialistSort.NAME,
) -> Page[SpecialistRead]:
    repository = SpecialistRepository(session)
    among = None
    if early_warning:
        among = await early_warnings.specialists_with_status(
            session, academic_year, now, early_warning, hub_id
        )
    statement = repository.filtered(
        cohort_code=cohort_code,
        status=status,
        school_urn=school_urn,
        q=q,
        hub_id=hub_id,
        among=among,
    )
    specialists, next_cursor = await repository.sorted_page(statement, page, sort, SPECIALIST_SORTS)
    warnings = await early_warnings.of_specialists(
        session, academic_year, now, [s.id for s in specialists]
    )
    items = [SpecialistRead.of(s, academic_year, current_year) for s in specialists]
    for item in items:
        item.early_warning = warnings.get(item.id)
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{specialist_id}", operation_id="specialists-get", response_model=SpecialistRead)
async def read_specialist(
    session: DbSession,
    principal: SpecialistReader,
    specialist_id: uuid.UUID,
    response: Response,
    academic_year: AcademicYear,
    current_year: CurrentAcademicYear,
) -> SpecialistRead:
    specialist = await SpecialistRepository(session).get(specialist_id, with_year_rules=True)
    set_etag(response, specialist)
    return SpecialistRead.of(specialist, academic_year, current_year)


@router.patch(
    "/{specialist_id}",
    operation_id="specialists-update",
    response_model=SpecialistRead,
    summary="Change a specialist's status, PD Lead accreditation, sign-in or school (hub leads)",
    description="`school_id` names a school by its id (from `GET /schools`); an unknown one "
    "is a 422 on `school_id`. Send `If-Match` with the ETag read to refuse a stale change (412).",
    responses=problem_responses(409, 412),
)
async def update_specialist(
    session: DbSession,
    principal: HubLead,
    specialist_id: uuid.UUID,
    data: SpecialistUpdate,
    response: Response,
    academic_year: AcademicYear,
    current_year: CurrentAcademicYear,
    if_match: IfMatch = None,
) -> SpecialistRead:
    specialist = await SpecialistRepository(session).for_update(specialist_id, with_year_rules=True)
    check_if_match(if_match, specialist)
    specialist = await service.update_specialist(session, principal, specialist, data)
    await respond(session, response, specialist)
    return SpecialistRead.of(specialist, academic_year, current_year)


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
    specialist = await SpecialistRepository(session).get(specialist_id)
    return await progress_of(session, specialist, academic_year)


@router.get(
    "/{specialist_id}/claimable-events",
    operation_id="specialists-claimable-events",
    response_model=ClaimableEvents,
    summary="The specialist's recorded events a claim can name as its evidence",
    description="TRG meetings they led, sessions of work groups they lead and their cohort's "
    "residentials (those they are not recorded absent from) in the academic year, newest "
    "first, each with the activity a claim for it is for and the days already claimed with "
    "it as evidence (net of reversals). Every item is accepted as `evidence` on a claim.",
)
async def read_claimable_events(
    session: DbSession,
    principal: LedgerReader,
    specialist_id: uuid.UUID,
    academic_year: AcademicYear,
) -> ClaimableEvents:
    specialist = await SpecialistRepository(session).get(specialist_id)
    return ClaimableEvents(items=await claimable_events(session, specialist, academic_year))
