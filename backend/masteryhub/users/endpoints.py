from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from masteryhub.accounts import service as accounts
from masteryhub.auth.dependencies import HubLead, NationalAdmin
from masteryhub.db import DbSession
from masteryhub.errors import problem_responses
from masteryhub.kit.etags import IfMatch, check_if_match, set_etag
from masteryhub.kit.idempotency import Idempotency
from masteryhub.kit.pagination import Page, Pagination
from masteryhub.kit.responses import respond
from masteryhub.kit.routing import AppRoute
from masteryhub.models.user import Role
from masteryhub.users import service
from masteryhub.users.repository import UserRepository
from masteryhub.users.schemas import UserCreate, UserRead, UserStatus, UserUpdate

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
    user_status: Annotated[
        UserStatus | None, Query(alias="status", description="invited, active or deactivated")
    ] = None,
) -> Page[UserRead]:
    repository = UserRepository(session)
    statement = repository.filtered(
        q=q, role=role, hub_id=hub_id, is_active=is_active, status=user_status
    )
    users, next_cursor = await repository.page(statement, page)
    return Page(items=await service.reads(session, users), next_cursor=next_cursor)


@router.post(
    "",
    operation_id="users-create",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses={**problem_responses(404), 409: {"description": "The email address is taken"}},
)
async def create_user(
    request: Request,
    session: DbSession,
    principal: HubLead,
    data: UserCreate,
    response: Response,
    _idempotency: Idempotency,
) -> UserRead:
    user = await service.create_user(session, request.app.state.settings, principal, data)
    await respond(session, response, user, location=f"/api/v1/users/{user.id}")
    return (await service.reads(session, [user]))[0]


@router.get("/{user_id}", operation_id="users-get", response_model=UserRead)
async def read_user(
    session: DbSession, _principal: HubLead, user_id: uuid.UUID, response: Response
) -> UserRead:
    user = await UserRepository(session).get(user_id)
    set_etag(response, user)
    return (await service.reads(session, [user]))[0]


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
    user = await UserRepository(session).for_update(user_id)
    check_if_match(if_match, user)
    user = await service.update_user(session, principal, user, data)
    await respond(session, response, user)
    return (await service.reads(session, [user]))[0]


@router.post(
    "/{user_id}/invitation",
    operation_id="users-invitation-resend",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=UserRead,
    responses=problem_responses(409),
    summary="Send a new invitation link (the old one stops working)",
)
async def resend_invitation(
    request: Request,
    session: DbSession,
    principal: HubLead,
    user_id: uuid.UUID,
    _idempotency: Idempotency,
) -> UserRead:
    user = await UserRepository(session).for_update(user_id)
    await service.resend_invitation(session, request.app.state.settings, principal, user)
    return (await service.reads(session, [user]))[0]


@router.delete(
    "/{user_id}/invitation",
    operation_id="users-invitation-revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke a pending invitation (its link stops working)",
)
async def revoke_invitation(session: DbSession, principal: HubLead, user_id: uuid.UUID) -> Response:
    user = await UserRepository(session).for_update(user_id)
    await accounts.revoke_invitation(session, principal, user)
    return Response(status_code=204)


@router.delete(
    "/{user_id}/mfa",
    operation_id="users-mfa-reset",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Reset a person's second factor (national admins; audited, the person emailed)",
)
async def reset_mfa(session: DbSession, principal: NationalAdmin, user_id: uuid.UUID) -> Response:
    user = await UserRepository(session).for_update(user_id)
    await accounts.reset_mfa(session, principal, user)
    return Response(status_code=204)
