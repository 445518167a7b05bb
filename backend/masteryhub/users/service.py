from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.accounts.repository import AccountTokenRepository
from masteryhub.accounts.service import invite
from masteryhub.auth.passwords import hash_password_async
from masteryhub.auth.principals import Principal
from masteryhub.config import Settings
from masteryhub.errors import AlreadyExists, FieldError, Forbidden, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.models.school import School
from masteryhub.models.user import Role, User
from masteryhub.users.repository import UserRepository
from masteryhub.users.schemas import UserCreate, UserRead, UserUpdate


async def reads(session: AsyncSession, users: list[User]) -> list[UserRead]:
    """What the API shows of each person, with their pending invitation's expiry."""
    invited = [u.id for u in users if u.status == "invited"]
    pending = await AccountTokenRepository(session).pending_invitations(invited)
    return [UserRead.of(u, pending[u.id].expires_at if u.id in pending else None) for u in users]


def _check_role_and_hub(actor: Principal, role: Role, hub_id: uuid.UUID | None) -> None:
    if not actor.is_national:
        if role is Role.NATIONAL_ADMIN:
            raise Forbidden("Only a national admin can create or promote a national admin.")
        if hub_id != actor.hub_id:
            raise Forbidden("Hub leads manage their own hub's users only.")
    if role is Role.NATIONAL_ADMIN and hub_id is not None:
        raise ValidationFailed(
            errors=[FieldError(field="hub_id", message="A national admin belongs to no hub.")]
        )
    if role is not Role.NATIONAL_ADMIN and hub_id is None:
        raise ValidationFailed(
            errors=[FieldError(field="hub_id", message="This role needs a hub.")]
        )


def _check_approver(role: Role, can_approve_claims: bool) -> None:
    # Four eyes: an approver checks other people's claims, so a specialist never is one.
    if can_approve_claims and role is Role.SPECIALIST:
        raise ValidationFailed(
            errors=[
                FieldError(
                    field="can_approve_claims",
                    message="A Mastery Specialist cannot approve claims: name hub staff instead.",
                )
            ]
        )


async def create_user(
    session: AsyncSession,
    settings: Settings | None,
    actor: Principal | None,
    data: UserCreate,
    *,
    password: str | None = None,
) -> User:
    """Create a person and email them an invitation to choose their password. Only the CLI
    (bootstrapping the first admin, scripts, tests) passes PASSWORD instead."""
    hub_id = data.hub_id
    if actor is not None:
        if hub_id is None and not actor.is_national:
            hub_id = actor.hub_id
        _check_role_and_hub(actor, data.role, hub_id)
    _check_approver(data.role, bool(data.can_approve_claims))
    if hub_id is not None:
        await HubRepository(session).get(hub_id)
    if await UserRepository(session).by_email(data.email) is not None:
        raise AlreadyExists("A user with this email address already exists.")
    user = User(
        email=data.email.lower(),
        name=data.name,
        role=data.role,
        hub_id=hub_id,
        password_hash=await hash_password_async(password) if password is not None else None,
        can_approve_claims=bool(data.can_approve_claims),
    )
    session.add(user)
    await audit.record(session, actor, "user.created", user)
    if password is None:
        assert settings is not None, "an invitation needs the settings (its link's base URL)"
        await invite(session, settings, actor, user)
    return user


async def update_user(
    session: AsyncSession, actor: Principal, user: User, data: UserUpdate
) -> User:
    if data.role is not None:
        _check_role_and_hub(actor, data.role, user.hub_id)
    if user.id == actor.id and (data.is_active is False or data.role not in (None, user.role)):
        raise Forbidden("You cannot deactivate yourself or change your own role.")
    if data.can_approve_claims is not None or data.role is not None:
        _check_approver(
            data.role or user.role,
            user.can_approve_claims if data.can_approve_claims is None else data.can_approve_claims,
        )
    if data.school_id is not None and await session.get(School, data.school_id) is None:
        raise ValidationFailed(errors=[FieldError(field="school_id", message="No such school.")])
    before = audit.snapshot(user)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("can_approve_claims", False) is None:
        del changes["can_approve_claims"]  # null: leave the permission as it is
    for field, value in changes.items():
        setattr(user, field, value)
    if data.is_active is False:
        # Deactivated: every session ends now (tokens are refused on the next request anyway).
        from masteryhub.auth.service import revoke_sessions

        await revoke_sessions(session, user.id)
    await audit.record(session, actor, "user.updated", user, before=before)
    return user


async def resend_invitation(
    session: AsyncSession, settings: Settings, actor: Principal, user: User
) -> None:
    """A new invitation link (the old one stops working)."""
    await invite(session, settings, actor, user)
    await audit.record(session, actor, "user.invitation_sent", user)
