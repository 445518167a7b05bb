from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from masteryhub.auth.dependencies import CurrentPrincipal, NationalAdmin
from masteryhub.db import DbSession
from masteryhub.hubs import service
from masteryhub.hubs.repository import HubRepository
from masteryhub.hubs.schemas import HubCreate, HubRead, HubUpdate
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute

router = APIRouter(prefix="/hubs", tags=["hubs"], route_class=AppRoute)


@router.get("", operation_id="hubs-list", response_model=Page[HubRead])
async def list_hubs(
    session: DbSession, _principal: CurrentPrincipal, page: Pagination, q: str | None = None
) -> Page[HubRead]:
    repository = HubRepository(session)
    hubs, next_cursor = await repository.page(repository.filtered(q=q), page)
    return Page(items=[HubRead.model_validate(h) for h in hubs], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="hubs-create",
    status_code=status.HTTP_201_CREATED,
    response_model=HubRead,
    responses={409: {"description": "The code is taken"}},
)
async def create_hub(
    session: DbSession,
    principal: NationalAdmin,
    data: HubCreate,
    response: Response,
    _idempotency: Idempotency,
) -> HubRead:
    hub = await service.create_hub(session, principal, data)
    await respond(session, response, hub, location=f"/api/v1/hubs/{hub.id}")
    return HubRead.model_validate(hub)


@router.get("/{hub_id}", operation_id="hubs-get", response_model=HubRead)
async def read_hub(
    session: DbSession, _principal: CurrentPrincipal, hub_id: uuid.UUID, response: Response
) -> HubRead:
    hub = await HubRepository(session).get(hub_id)
    set_etag(response, hub)
    return HubRead.model_validate(hub)


@router.patch(
    "/{hub_id}",
    operation_id="hubs-update",
    response_model=HubRead,
    responses={412: {"description": "Stale If-Match"}},
)
async def update_hub(
    session: DbSession,
    principal: NationalAdmin,
    hub_id: uuid.UUID,
    data: HubUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> HubRead:
    hub = await HubRepository(session).for_update(hub_id)
    check_if_match(if_match, hub)
    hub = await service.update_hub(session, principal, hub, data)
    await respond(session, response, hub)
    return HubRead.model_validate(hub)
