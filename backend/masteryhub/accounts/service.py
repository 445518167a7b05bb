"""People running their own accounts: invitations, password resets and changes, sessions and
the second factor.

Invitation and reset links are single-use, expiring, and stored as SHA-256 only (the raw token
exists only in the email). Any password change or reset ends the person's other sessions: every
other refresh-token family is revoked, and access tokens issued before the change are refused
(`users.tokens_valid_after`, checked on each request).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.accounts.errors import InvitationGone, MfaRequiredForRole, ResetLinkGone
from masteryhub.accounts.repository import AccountTokenRepository
from masteryhub.auth import mfa, policy
from masteryhub.auth.passwords import (
    hash_password_async,
    new_secret,
    sha256_hex,
    verify_password_async,
)
from masteryhub.auth.principals import Principal
from masteryhub.auth.repository import RefreshTokenRepository
from masteryhub.auth.service import mfa_required_for, revoke_sessions
from masteryhub.config import Settings
from masteryhub.db import begin_write
from masteryhub.errors import AppError, Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from masteryhub.hubs.repository import HubRepository
from masteryhub.kit import audit
from masteryhub.kit.ratelimit import RateLimits
from masteryhub.mail import queue_email
from masteryhub.models.account_token import AccountToken, AccountTokenPurpose
from masteryhub.models.base import utcnow
from masteryhub.models.hub import Hub
from masteryhub.models.refresh_token import RefreshToken
from masteryhub.models.user import Role, User
from masteryhub.users.repository import UserRepository

ROLE_LABELS = {
    Role.NATIONAL_ADMIN: "a national administrator",
    Role.HUB_LEAD: "a hub lead",
    Role.HUB_STAFF: "a member of hub staff",
    Role.SPECIALIST: "a Mastery Specialist",
}
NATIONAL_TEAM = "The national Maths Hubs team"


def invitation_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/invitations/{token}"


def reset_url(base_url: str, token: str | None = None) -> str:
    base = base_url.rstrip("/")
    return f"{base}/reset-password/{token}" if token else f"{base}/forgot-password"


async def _hub_name(session: AsyncSession, hub_id: uuid.UUID | None) -> str:
    if hub_id is None:
        return NATIONAL_TEAM
    hub = await HubRepository(session).any_hub(hub_id)
    return hub.name if hub else NATIONAL_TEAM


# --- Invitations -------------------------------------------------------------------------------


async def _issue_link(
    session: AsyncSession, user: User, purpose: AccountTokenPurpose, lifetime: timedelta
) -> tuple[AccountToken, str]:
    """A new single-use link for USER (any earlier one of the same purpose is revoked): the
    stored row, which keeps only the token's hash, and the token itself for the email."""
    await AccountTokenRepository(session).revoke_pending(user.id, purpose)
    token = new_secret()
    link = AccountToken(
        user_id=user.id,
        purpose=purpose,
        token_hash=sha256_hex(token),
        expires_at=utcnow() + lifetime,
    )
    session.add(link)
    await session.flush()
    return link, token


async def invite(
    session: AsyncSession, settings: Settings, actor: Principal | None, user: User
) -> AccountToken:
    """Email USER a new invitation link (any earlier one is revoked)."""
    if user.password_hash is not None or not user.is_active:
        raise Conflict("Only a person who has not accepted their invitation can be sent one.")
    invitation, token = await _issue_link(
        session, user, AccountTokenPurpose.INVITATION, timedelta(hours=settings.invitation_hours)
    )
    inviter = (
        await UserRepository(session).name_of(actor.id)
        if actor is not None and actor.kind == "user"
        else None
    )
    await queue_email(
        session,
        to=user.email,
        template="invitation",
        hub_id=user.hub_id,
        context={
            "name": user.name,
            "hub_name": await _hub_name(session, user.hub_id),
            "role_label": ROLE_LABELS[user.role],
            "invited_by": inviter or NATIONAL_TEAM,
            "invitation_url": invitation_url(settings.base_url, token),
            "link_expires_at": invitation.expires_at,
        },
    )
    return invitation


async def revoke_invitation(session: AsyncSession, actor: Principal, user: User) -> None:
    tokens = AccountTokenRepository(session)
    if not await tokens.revoke_pending(user.id, AccountTokenPurpose.INVITATION):
        raise NotFound("This person has no pending invitation.")
    await audit.record(session, actor, "user.invitation_revoked", user)


async def _link(
    session: AsyncSession, token: str, purpose: AccountTokenPurpose, gone: type[AppError]
) -> tuple[AccountToken, User]:
    stored = await AccountTokenRepository(session).by_hash(sha256_hex(token), purpose)
    if stored is None:
        raise NotFound("There is no such link. Check it was copied in full.")
    user = await UserRepository(session).any_hub(stored.user_id)
    if (
        user is None
        or not user.is_active
        or stored.used_at is not None
        or stored.revoked_at is not None
        or stored.expires_at <= utcnow()
    ):
        raise gone("This link can no longer be used. Ask for a new one.")
    if purpose is AccountTokenPurpose.INVITATION and user.password_hash is not None:
        raise gone("This invitation has been accepted already. Sign in instead.")
    return stored, user


async def open_invitation(
    session: AsyncSession, token: str
) -> tuple[AccountToken, User, Hub | None]:
    invitation, user = await _link(session, token, AccountTokenPurpose.INVITATION, InvitationGone)
    hub = await HubRepository(session).any_hub(user.hub_id) if user.hub_id else None
    return invitation, user, hub


async def _spend(session: AsyncSession, link: AccountToken, gone: type[AppError]) -> None:
    if not await AccountTokenRepository(session).spend(link.id):
        raise gone("This link has just been used.")


async def _set_password(session: AsyncSession, user: User, password: str, field: str) -> None:
    await policy.check(password, field, [user.email, user.name])
    user.password_hash = await hash_password_async(password)
    # Every access token issued before now is refused from here on.
    user.tokens_valid_after = utcnow()


async def accept_invitation(session: AsyncSession, token: str, password: str) -> User:
    invitation, user = await _link(session, token, AccountTokenPurpose.INVITATION, InvitationGone)
    await _set_password(session, user, password, "password")
    await _spend(session, invitation, InvitationGone)
    await audit.record(session, None, "user.invitation_accepted", user)
    return user


# --- Password reset ----------------------------------------------------------------------------


async def throttle_reset(limits: RateLimits, settings: Settings, email: str, address: str) -> None:
    """Counted whatever the email, so the 429 says nothing about whether it is known."""
    detail = "Too many password reset requests. Try again later."
    await limits.hit(settings.password_reset_per_ip, "reset-ip", address, detail=detail)
    await limits.hit(
        settings.password_reset_per_email, "reset-email", email.strip().lower(), detail=detail
    )


async def send_reset_link(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, email: str
) -> None:
    """Run after the 202 has been sent (so its timing says nothing): a known, active person
    with a password gets a link; anyone else, nothing."""
    async with sessionmaker() as session:
        await begin_write(session)
        user = await UserRepository(session).by_email(email.strip())
        if user is None or not user.is_active or user.password_hash is None:
            return
        link, token = await _issue_link(
            session,
            user,
            AccountTokenPurpose.PASSWORD_RESET,
            timedelta(minutes=settings.password_reset_minutes),
        )
        await queue_email(
            session,
            to=user.email,
            template="password_reset",
            hub_id=user.hub_id,
            context={
                "name": user.name,
                "hub_name": await _hub_name(session, user.hub_id),
                "reset_url": reset_url(settings.base_url, token),
                "link_expires_at": link.expires_at,
            },
        )
        await audit.record(session, None, "user.password_reset_requested", user)
        await session.commit()


async def _password_changed(
    session: AsyncSession, settings: Settings, user: User, keep_family: uuid.UUID | None
) -> None:
    await revoke_sessions(session, user.id, keep_family=keep_family)
    await AccountTokenRepository(session).revoke_pending(
        user.id, AccountTokenPurpose.PASSWORD_RESET
    )
    await queue_email(
        session,
        to=user.email,
        template="password_changed",
        hub_id=user.hub_id,
        context={
            "name": user.name,
            "hub_name": await _hub_name(session, user.hub_id),
            "changed_at": utcnow(),
            "reset_url": reset_url(settings.base_url),
        },
    )


async def reset_password(
    session: AsyncSession, settings: Settings, token: str, password: str
) -> User:
    link, user = await _link(session, token, AccountTokenPurpose.PASSWORD_RESET, ResetLinkGone)
    await _set_password(session, user, password, "password")
    await _spend(session, link, ResetLinkGone)
    await _password_changed(session, settings, user, keep_family=None)
    await audit.record(session, None, "user.password_reset", user)
    return user


# --- My own account ----------------------------------------------------------------------------


async def me(session: AsyncSession, principal: Principal) -> User:
    return await UserRepository(session).get(principal.id)


async def change_password(
    session: AsyncSession,
    settings: Settings,
    limits: RateLimits,
    principal: Principal,
    current_password: str,
    new_password: str,
) -> User:
    user = await me(session, principal)
    # A stolen access token must not become a way to guess the password (or to burn CPU):
    # wrong current passwords count like failed sign-ins of the account.
    rule = settings.login_attempts_per_account
    await limits.ensure_allowed(rule, "password-change", str(user.id))
    if not await verify_password_async(current_password, user.password_hash):
        await limits.count(rule, "password-change", str(user.id))
        raise ValidationFailed(
            errors=[
                FieldError(field="current_password", message="Your current password is not right.")
            ]
        )
    await _set_password(session, user, new_password, "new_password")
    # This session lives on (its refresh token gives a new access token); every other ends.
    await _password_changed(session, settings, user, keep_family=principal.session_id)
    await audit.record(session, principal, "user.password_changed", user)
    return user


async def sessions_of(
    session: AsyncSession, principal: Principal
) -> list[tuple[RefreshToken, bool]]:
    """The person's live sessions: each family's current (unspent) refresh token."""
    rows = await RefreshTokenRepository(session).live_of(principal.id, utcnow())
    return [(row, row.family_id == principal.session_id) for row in rows]


async def revoke_session(session: AsyncSession, principal: Principal, family_id: uuid.UUID) -> None:
    sessions = RefreshTokenRepository(session)
    if not await sessions.family_live(principal.id, family_id):
        raise NotFound("You have no such session.")
    await sessions.revoke_family(family_id, user_id=principal.id)


# --- The second factor -------------------------------------------------------------------------


async def _throttled_code(
    session: AsyncSession,
    limits: RateLimits,
    settings: Settings,
    user: User,
    code: str,
) -> None:
    rule = settings.mfa_attempts_per_user
    detail = "Too many wrong codes. Try again later."
    await limits.ensure_allowed(rule, "mfa", str(user.id), detail=detail)
    if not await mfa.accept_code(session, settings, user, code):
        await limits.count(rule, "mfa", str(user.id))
        raise ValidationFailed(
            errors=[
                FieldError(
                    field="code",
                    message="That code is not right, or has been used already. Enter the "
                    "newest code your app shows.",
                )
            ]
        )


async def start_totp(
    session: AsyncSession, settings: Settings, principal: Principal
) -> tuple[str, str]:
    user = await me(session, principal)
    if user.mfa_enabled:
        raise Conflict("Two-factor sign-in is already on. Turn it off first to start again.")
    secret = mfa.new_secret()
    user.totp_secret = mfa.seal(settings, secret)
    user.totp_last_step = None
    return secret, mfa.otpauth_uri(secret, user.email)


async def confirm_totp(
    session: AsyncSession,
    limits: RateLimits,
    settings: Settings,
    principal: Principal,
    code: str,
) -> list[str]:
    user = await me(session, principal)
    if user.mfa_enabled:
        raise Conflict("Two-factor sign-in is already on.")
    if user.totp_secret is None:
        raise Conflict("Start setting up two-factor sign-in first (POST /api/v1/me/mfa/totp).")
    await _throttled_code(session, limits, settings, user, code)
    user.totp_enabled_at = utcnow()
    codes = await mfa.new_recovery_codes(session, user.id)
    await audit.record(session, principal, "user.mfa_enabled", user)
    return codes


async def disable_totp(
    session: AsyncSession,
    limits: RateLimits,
    settings: Settings,
    principal: Principal,
    code: str,
) -> None:
    user = await me(session, principal)
    if mfa_required_for(settings, user):
        raise MfaRequiredForRole("Your role must sign in with two-factor authentication.")
    if not user.mfa_enabled:
        raise Conflict("Two-factor sign-in is not on.")
    await _throttled_code(session, limits, settings, user, code)
    await mfa.turn_off(session, user)
    await audit.record(session, principal, "user.mfa_disabled", user)


async def reset_mfa(session: AsyncSession, actor: Principal, user: User) -> None:
    """A national admin turns off another person's second factor (they lost their phone and
    their recovery codes): audited, the person emailed and signed out everywhere."""
    if user.id == actor.id:
        raise Forbidden("You cannot reset your own second factor; ask another national admin.")
    before = audit.snapshot(user)
    await mfa.turn_off(session, user)
    user.totp_last_step = None
    user.tokens_valid_after = utcnow()
    await revoke_sessions(session, user.id)
    # A deactivated person cannot sign in, and an erased one has no address left to write to.
    if user.is_active:
        await _notify_mfa_reset(session, user)
    await audit.record(session, actor, "user.mfa_reset", user, before=before)


async def _notify_mfa_reset(session: AsyncSession, user: User) -> None:
    await queue_email(
        session,
        to=user.email,
        template="mfa_reset",
        hub_id=user.hub_id,
        context={
            "name": user.name,
            "hub_name": await _hub_name(session, user.hub_id),
            "reset_at": utcnow(),
        },
    )
