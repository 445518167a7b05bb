from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status
from sqlalchemy import select

from masteryhub.api_clients import service
from masteryhub.api_clients.schemas import ApiClientCreate, ApiClientCreated, ApiClientRead
from masteryhub.auth.dependencies import HubLead
from masteryhub.db import DbSession
from masteryhub.kit.etags import set_etag
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.routing import AppRoute
from masteryhub.models.api_client import ApiClient

router = APIRouter(prefix="/api-clients", tags=["api-clients"], route_class=AppRoute)


@router.get("", operation_id="api-clients-list", response_model=Page[ApiClientRead])
async def list_api_clients(
    session: DbSession, _principal: HubLead, page: Pagination, is_active: bool | None = None
) -> Page[ApiClientRead]:
    statement = select(ApiClient)
    if is_active is not None:
        statement = statement.where(ApiClient.is_active == is_active)
    clients, next_cursor = await service.ApiClientRepository(session).page(statement, page)
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
    response.headers["Location"] = f"/api/v1/api-clients/{client.id}"
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, client)
    read = ApiClientRead.model_validate(client)
    return ApiClientCreated(**read.model_dump(), client_secret=secret)


@router.get("/{api_client_id}", operation_id="api-clients-get", response_model=ApiClientRead)
async def read_api_client(
    session: DbSession, _principal: HubLead, api_client_id: uuid.UUID, response: Response
) -> ApiClientRead:
    client = await service.ApiClientRepository(session).get(api_client_id)
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
    client = await service.ApiClientRepository(session).for_update(api_client_id)
    await service.revoke_api_client(session, principal, client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
