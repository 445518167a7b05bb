from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status
from sqlalchemy import select

from masteryhub.auth.dependencies import HubLead
from masteryhub.db import DbSession
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.routing import AppRoute
from masteryhub.models.user import Role, User
from masteryhub.users import service
from masteryhub.users.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"], route_class=AppRoute)


@router.get("", operation_id="users-list", response_model=Page[UserRead])
async def list_users(
    session: DbSession,
    _principal: HubLead,
    page: Pagination,
    q: str | None = None,
    role: Role | None = None,
    hub_id: uuid.UUID | None = None,
    is_active: bool | None = None,
) -> Page[UserRead]:
    statement = select(User)
    if q:
        statement = statement.where(User.name.ilike(f"%{q}%") | User.email.ilike(f"%{q}%"))
    if role is not None:
        statement = statement.where(User.role == role)
    if hub_id is not None:
        statement = statement.where(User.hub_id == hub_id)
    if is_active is not None:
        statement = statement.where(User.is_active == is_active)
    users, next_cursor = await service.UserRepository(session).page(statement, page)
    return Page(items=[UserRead.model_validate(u) for u in users], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="users-create",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses={409: {"description": "The email address is taken"}},
)
async def create_user(
    session: DbSession,
    principal: HubLead,
    data: UserCreate,
    response: Response,
    _idempotency: Idempotency,
) -> UserRead:
    user = await service.create_user(session, principal, data)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    set_etag(response, user)
    return UserRead.model_validate(user)


@router.get("/{user_id}", operation_id="users-get", response_model=UserRead)
async def read_user(
    session: DbSession, _principal: HubLead, user_id: uuid.UUID, response: Response
) -> UserRead:
    user = await service.UserRepository(session).get(user_id)
    set_etag(response, user)
    return UserRead.model_validate(user)


@router.patch(
    "/{user_id}",
    operation_id="users-update",
    response_model=UserRead,
    responses={412: {"description": "Stale If-Match"}},
)
async def update_user(
    session: DbSession,
    principal: HubLead,
    user_id: uuid.UUID,
    data: UserUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> UserRead:
    user = await service.UserRepository(session).for_update(user_id)
    check_if_match(if_match, user)
    user = await service.update_user(session, principal, user, data)
    await session.flush()
    set_etag(response, user)
    return UserRead.model_validate(user)
