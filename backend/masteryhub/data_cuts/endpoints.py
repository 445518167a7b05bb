"""`/data-cuts`: the national team freezes a year's figures (national admins only)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status

from masteryhub.auth.dependencies import NationalAdmin
from masteryhub.data_cuts import service
from masteryhub.data_cuts.errors import DataCutNotFound
from masteryhub.data_cuts.repository import DataCutRepository
from masteryhub.data_cuts.schemas import DataCutCreate, DataCutOut, DataCutSummary
from masteryhub.db import DbSession
from masteryhub.domain.academic_year import ACADEMIC_YEAR_PATTERN
from masteryhub.errors import problem_responses
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute

router = APIRouter(prefix="/data-cuts", tags=["data-cuts"], route_class=AppRoute)

CSV = "text/csv"


@router.post(
    "",
    operation_id="data-cuts-create",
    status_code=status.HTTP_201_CREATED,
    response_model=DataCutOut,
    summary="Freeze the year's figures per hub and for England (completed participation only)",
    description="The figures are computed now and stored; they never change afterwards (there "
    "is no update or delete). Cutting a year again stores each figure's difference from the "
    "previous cut and needs a `reason`.",
    responses=problem_responses(422),
)
async def create_data_cut(
    session: DbSession,
    principal: NationalAdmin,
    data: DataCutCreate,
    response: Response,
    _idempotency: Idempotency,
) -> DataCutOut:
    cut = await service.take(session, principal, data)
    # A cut never changes, so it has no ETag to send.
    await respond(session, response, cut, location=f"/api/v1/data-cuts/{cut.id}", etag=False)
    return service.out(await DataCutRepository(session).with_rows(cut.id))


@router.get(
    "",
    operation_id="data-cuts-list",
    response_model=Page[DataCutSummary],
    summary="Data cuts, oldest first",
)
async def list_data_cuts(
    session: DbSession,
    _principal: NationalAdmin,
    page: Pagination,
    academic_year: Annotated[str | None, Query(pattern=ACADEMIC_YEAR_PATTERN)] = None,
) -> Page[DataCutSummary]:
    repository = DataCutRepository(session)
    cuts, next_cursor = await repository.page(repository.filtered(academic_year), page)
    return Page(items=[DataCutSummary.model_validate(c) for c in cuts], next_cursor=next_cursor)


@router.get(
    "/{data_cut_id}",
    operation_id="data-cuts-get",
    response_model=DataCutOut,
    summary="A data cut's figures, with the differences from the previous cut (JSON or CSV)",
    description="Send `Accept: text/csv` for one line per hub and measure.",
    responses={
        200: {"description": "The cut", "content": {CSV: {"schema": {"type": "string"}}}},
        **problem_responses(404, errors=[DataCutNotFound]),
    },
)
async def read_data_cut(
    session: DbSession,
    _principal: NationalAdmin,
    data_cut_id: uuid.UUID,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Any:
    cut = service.out(await DataCutRepository(session).with_rows(data_cut_id))
    if accept and CSV in accept.lower():
        filename = f"data-cut-{cut.academic_year.replace('/', '-')}-{cut.number}.csv"
        return Response(
            service.render_csv(cut),
            media_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return Response(cut.model_dump_json(), media_type="application/json")
