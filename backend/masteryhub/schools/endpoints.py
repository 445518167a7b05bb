from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, File, Query, Request, Response, UploadFile
from fastapi import status as http_status

from masteryhub.auth.dependencies import ALL_ROLES, Allow, HubLead, NationalAdmin
from masteryhub.auth.principals import Principal
from masteryhub.auth.scopes import Scope
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.school import School
from masteryhub.schools import importer, service
from masteryhub.schools.repository import (
    HubAreaRepository,
    SchoolFilters,
    SchoolImportRepository,
    SchoolRepository,
)
from masteryhub.schools.schemas import (
    HubAreasRead,
    HubAreasReplaced,
    HubAreasUpdate,
    SchoolImportRead,
    SchoolRead,
    SchoolUpdate,
)

# Schools are national reference data: every signed-in person reads them, and API clients
# holding schools:read.
SchoolReader = Annotated[Principal, Depends(Allow(ALL_ROLES, scopes={Scope.SCHOOLS_READ}))]

schools_router = APIRouter(prefix="/schools", tags=["schools"], route_class=AppRoute)
areas_router = APIRouter(prefix="/hubs", tags=["hubs"], route_class=AppRoute)
router = APIRouter(route_class=AppRoute)


@schools_router.get("", operation_id="schools-list", response_model=Page[SchoolRead])
async def list_schools(
    session: DbSession,
    _principal: SchoolReader,
    page: Pagination,
    q: Annotated[str | None, Query(description="Part of the name, any case.")] = None,
    urn: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
    phase: Annotated[str | None, Query(description="Phase of education code, e.g. `2`.")] = None,
    la_code: Annotated[str | None, Query(pattern=r"^\d{3}$")] = None,
    region: Annotated[str | None, Query(description="GOR name (`London`) or code.")] = None,
    hub_id: uuid.UUID | None = None,
    status: Annotated[str | None, Query(description="Establishment status code.")] = None,
    state_funded: bool | None = None,
) -> Page[SchoolRead]:
    filters = SchoolFilters(q, urn, phase, la_code, region, hub_id, status, state_funded)
    repository = SchoolRepository(session)
    schools, next_cursor = await repository.page(
        repository.filtered(filters), page, order_by=[School.urn]
    )
    return Page(items=[SchoolRead.model_validate(s) for s in schools], next_cursor=next_cursor)


@schools_router.post(
    "/imports",
    operation_id="schools-imports-create",
    status_code=http_status.HTTP_202_ACCEPTED,
    response_model=SchoolImportRead,
    summary="Upload a GIAS all-establishments CSV and import it in the background",
    responses=problem_responses(409),
)
async def create_school_import(
    request: Request,
    session: DbSession,
    principal: NationalAdmin,
    file: Annotated[
        UploadFile,
        File(description="`edubasealldataYYYYMMDD.csv`: Windows-1252, or UTF-8 with/without BOM."),
    ],
    response: Response,
    background: BackgroundTasks,
    _idempotency: Idempotency,
) -> SchoolImportRead:
    job = await service.receive_upload(
        session,
        principal,
        request.app.state.settings.import_dir,
        file.filename or "upload.csv",
        file.file,
    )
    location = f"/api/v1/schools/imports/{job.id}"
    await respond(session, response, job, location=location, etag=False)
    background.add_task(importer.start, request.app.state.sessionmaker, job.id)
    return SchoolImportRead.model_validate(job)


@schools_router.get(
    "/imports", operation_id="schools-imports-list", response_model=Page[SchoolImportRead]
)
async def list_school_imports(
    session: DbSession, _principal: NationalAdmin, page: Pagination
) -> Page[SchoolImportRead]:
    repository = SchoolImportRepository(session)
    jobs, next_cursor = await repository.page(repository.select(), page)
    return Page(items=[SchoolImportRead.model_validate(j) for j in jobs], next_cursor=next_cursor)


@schools_router.get(
    "/imports/{import_id}", operation_id="schools-imports-get", response_model=SchoolImportRead
)
async def read_school_import(
    session: DbSession, _principal: NationalAdmin, import_id: uuid.UUID
) -> SchoolImportRead:
    job = await SchoolImportRepository(session).get(import_id)
    return SchoolImportRead.model_validate(job)


@schools_router.get("/{school_id}", operation_id="schools-get", response_model=SchoolRead)
async def read_school(
    session: DbSession, _principal: SchoolReader, school_id: uuid.UUID, response: Response
) -> SchoolRead:
    school = await SchoolRepository(session).get(school_id)
    set_etag(response, school)
    return SchoolRead.model_validate(school)


@schools_router.patch(
    "/{school_id}",
    operation_id="schools-update",
    response_model=SchoolRead,
    summary="Override the school's hub, or let it follow its LA again",
    responses={412: {"description": "Stale If-Match"}},
)
async def update_school(
    session: DbSession,
    principal: NationalAdmin,
    school_id: uuid.UUID,
    data: SchoolUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> SchoolRead:
    school = await SchoolRepository(session).for_update(school_id)
    check_if_match(if_match, school)
    school = await service.update_school(session, principal, school, data)
    await respond(session, response, school)
    return SchoolRead.model_validate(school)


@areas_router.get("/{hub_id}/areas", operation_id="hubs-areas-get", response_model=HubAreasRead)
async def read_hub_areas(
    session: DbSession, _principal: SchoolReader, hub_id: uuid.UUID
) -> HubAreasRead:
    hub = await HubRepository(session).get(hub_id)
    la_codes = await HubAreaRepository(session).la_codes_of(hub)
    areas = await HubAreaRepository(session).local_authorities(la_codes)
    return HubAreasRead(hub_id=hub.id, la_codes=la_codes, areas=areas)


@areas_router.put(
    "/{hub_id}/areas",
    operation_id="hubs-areas-replace",
    response_model=HubAreasReplaced,
    summary="Set the LAs in a hub's area (national admins, or the hub's own lead)",
    responses=problem_responses(409),
)
async def replace_hub_areas(
    session: DbSession, principal: HubLead, hub_id: uuid.UUID, data: HubAreasUpdate
) -> HubAreasReplaced:
    hub = await HubRepository(session).for_update(hub_id)
    la_codes, rerouted = await service.replace_hub_areas(session, principal, hub, data.la_codes)
    areas = await HubAreaRepository(session).local_authorities(la_codes)
    return HubAreasReplaced(
        hub_id=hub.id, la_codes=la_codes, areas=areas, schools_rerouted=rerouted
    )


router.include_router(schools_router)
router.include_router(areas_router)
