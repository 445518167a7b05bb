from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from masteryhub.api_clients import service
from masteryhub.api_clients.repository import ApiClientRepository
from masteryhub.api_clients.schemas import ApiClientCreate, ApiClientCreated, ApiClientRead
from masteryhub.auth.dependencies import HubLead
from masteryhub.db import DbSession
from masteryhub.kit.etags import set_etag
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute

router = APIRouter(prefix="/api-clients", tags=["api-clients"], route_class=AppRoute)


@router.get("", operation_id="api-clients-list", response_model=Page[ApiClientRead])
async def list_api_clients(
    session: DbSession, _principal: HubLead, page: Pagination, is_active: bool | None = None
) -> Page[ApiClientRead]:
    repository = ApiClientRepository(session)
    clients, next_cursor = await repository.page(repository.filtered(is_active=is_active), page)
    return Page(items=[ApiClientRead.model_validate(c) for c in clients], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="api-clients-create",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiClientCreated,
)
async def create_api_client(
    session: DbSession, principal: HubLead, data: ApiClientCreate, response: Response
) -> ApiClientCreated:
    client, secret = await service.create_api_client(session, principal, data)
    await respond(session, response, client, location=f"/api/v1/api-clients/{client.id}")
    response.headers["Cache-Control"] = "no-store"  # the secret is shown this once
    read = ApiClientRead.model_validate(client)
    return ApiClientCreated(**read.model_dump(), client_secret=secret)


@router.get("/{api_client_id}", operation_id="api-clients-get", response_model=ApiClientRead)
async def read_api_client(
    session: DbSession, _principal: HubLead, api_client_id: uuid.UUID, response: Response
) -> ApiClientRead:
    client = await ApiClientRepository(session).get(api_client_id)
    set_etag(response, client)
    return ApiClientRead.model_validate(client)


@router.delete(
    "/{api_client_id}",
    operation_id="api-clients-revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke an API client: its tokens stop working at once",
)
async def revoke_api_client(
    session: DbSession, principal: HubLead, api_client_id: uuid.UUID
) -> Response:
    client = await ApiClientRepository(session).for_update(api_client_id)
    await service.revoke_api_client(session, principal, client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
