from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from masteryhub.db import DbSession
from masteryhub.kit.etags import set_etag
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.routing import AppRoute
from masteryhub.programmes.access import CohortsReader
from masteryhub.programmes.repository import ProgrammeRepository
from masteryhub.programmes.schemas import ProgrammeRead

router = APIRouter(prefix="/programmes", tags=["programmes"], route_class=AppRoute)


@router.get("", operation_id="programmes-list", response_model=Page[ProgrammeRead])
async def list_programmes(
    session: DbSession, _principal: CohortsReader, page: Pagination
) -> Page[ProgrammeRead]:
    repository = ProgrammeRepository(session)
    programmes, next_cursor = await repository.page(repository.select(), page)
    return Page(
        items=[ProgrammeRead.model_validate(p) for p in programmes], next_cursor=next_cursor
    )


@router.get("/{programme_id}", operation_id="programmes-get", response_model=ProgrammeRead)
async def read_programme(
    session: DbSession, _principal: CohortsReader, programme_id: uuid.UUID, response: Response
) -> ProgrammeRead:
    programme = await ProgrammeRepository(session).get(programme_id)
    set_etag(response, programme)
    return ProgrammeRead.model_validate(programme)
