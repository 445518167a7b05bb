"""The OAuth 2.0 grants (RFC 6749): password, refresh_token with rotation, client_credentials,
and the second-factor extension grant (`urn:masteryhub:params:oauth:grant-type:mfa-otp`).

No access or refresh token is issued to a person whose account has 2FA, or whose role must
use it, until the second factor has been checked: the password grant answers `mfa_required`
(or `mfa_enrolment_required`) with a short-lived, single-use `mfa_token` instead."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.accounts.repository import AccountTokenRepository
from masteryhub.api_clients.repository import ApiClientRepository
from masteryhub.auth import mfa
from masteryhub.auth.passwords import (
    new_secret,
    sha256_hex,
    verify_password_async,
    verify_secret,
)
from masteryhub.auth.principals import Principal
from masteryhub.auth.repository import RefreshTokenRepository
from masteryhub.auth.schemas import HubSummary, Me, MeSpecialist
from masteryhub.auth.tokens import AccessToken, issue_access_token
from masteryhub.config import Settings
from masteryhub.hubs.repository import HubRepository
from masteryhub.models.account_token import AccountToken, AccountTokenPurpose
from masteryhub.models.base import utcnow
from masteryhub.models.refresh_token import RefreshToken
from masteryhub.models.user import User
from masteryhub.specialists.repository import SpecialistRepository
from masteryhub.specialists.schemas import default_academic_year_of
from masteryhub.users.repository import UserRepository

MFA_GRANT = "urn:masteryhub:params:oauth:grant-type:mfa-otp"
MAX_MFA_FAILURES = 5


class OAuthError(Exception):
    """An RFC 6749 §5.2 error. Returned, not raised through the session, so that a revoked
    token family is still committed when the request is refused."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


class MfaNeeded(OAuthError):
    """The password was right; the second factor (or enrolling one) comes next."""

    def __init__(self, error: str, description: str, mfa_token: str) -> None:
        super().__init__(error, description)
        self.mfa_token = mfa_token


@dataclass(frozen=True)
class IssuedTokens:
    access: AccessToken
    refresh_token: str | None
    scope: str | None


@dataclass(frozen=True)
class Device:
    """Where a sign-in came from, shown on the person's list of sessions."""

    user_agent: str | None = None
    ip_address: str | None = None


def _user_claims(user: User, family_id: uuid.UUID) -> dict[str, object]:
    return {
        "role": user.role.value,
        "hub": str(user.hub_id) if user.hub_id else None,
        "sid": str(family_id),
    }


def mfa_required_for(settings: Settings, user: User) -> bool:
    return user.role.value in (settings.mfa_required_roles or [])


async def _new_refresh_token(
    session: AsyncSession,
    settings: Settings,
    user: User,
    family_id: uuid.UUID,
    device: Device,
    started_at: datetime | None = None,
) -> str:
    token = new_secret()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=sha256_hex(token),
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
            session_started_at=started_at or utcnow(),
            user_agent=(device.user_agent or "")[:300] or None,
            ip_address=device.ip_address,
        )
    )
    await session.flush()
    return token


async def issue_user_tokens(
    session: AsyncSession, settings: Settings, user: User, device: Device
) -> IssuedTokens:
    """A new session (refresh-token family) for USER, and its first access token."""
    family_id = uuid.uuid4()
    refresh = await _new_refresh_token(session, settings, user, family_id, device)
    access = issue_access_token(settings, f"user:{user.id}", _user_claims(user, family_id))
    return IssuedTokens(access, refresh, None)


async def _new_mfa_token(session: AsyncSession, settings: Settings, user: User, enrol: bool) -> str:
    token = new_secret()
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=AccountTokenPurpose.MFA_ENROLMENT
            if enrol
            else AccountTokenPurpose.MFA_CHALLENGE,
            token_hash=sha256_hex(token),
            expires_at=utcnow() + timedelta(minutes=settings.mfa_token_minutes),
        )
    )
    await session.flush()
    return token


async def password_grant(
    session: AsyncSession, settings: Settings, email: str, password: str, device: Device
) -> IssuedTokens:
    user = await UserRepository(session).by_email(email.strip())
    valid = await verify_password_async(password, user.password_hash if user else None)
    if user is None or not valid or not user.is_active:
        raise OAuthError("invalid_grant", "The email address or password is not right.")
    if user.mfa_enabled:
        raise MfaNeeded(
            "mfa_required",
            "Enter the 6-digit code from your authenticator app (or a recovery code) with "
            f"grant_type={MFA_GRANT}.",
            await _new_mfa_token(session, settings, user, enrol=False),
        )
    if mfa_required_for(settings, user):
        raise MfaNeeded(
            "mfa_enrolment_required",
            "Your role must sign in with two-factor authentication: set it up first (the "
            "mfa_token is accepted by POST /api/v1/me/mfa/totp and /confirm), then sign in "
            f"with grant_type={MFA_GRANT}.",
            await _new_mfa_token(session, settings, user, enrol=True),
        )
    return await issue_user_tokens(session, settings, user, device)


async def live_mfa_token(
    session: AsyncSession, token: str, purposes: set[AccountTokenPurpose]
) -> tuple[AccountToken, User] | None:
    """The unexpired, unused mfa_token TOKEN (of one of PURPOSES) and its active user."""
    stored = await AccountTokenRepository(session).by_hash(sha256_hex(token))
    if (
        stored is None
        or stored.purpose not in purposes
        or stored.used_at is not None
        or stored.revoked_at is not None
        or stored.expires_at <= utcnow()
        or stored.failed_attempts >= MAX_MFA_FAILURES
    ):
        return None
    user = await UserRepository(session).any_hub(stored.user_id)
    if user is None or not user.is_active:
        return None
    return stored, user


async def mfa_grant(
    session: AsyncSession,
    settings: Settings,
    mfa_token: str,
    otp: str | None,
    recovery_code: str | None,
    device: Device,
) -> IssuedTokens:
    """Complete a sign-in with the second factor. Raises OAuthError; a wrong code is counted
    on the mfa_token (spent after five) — the caller commits that even when refusing."""
    found = await live_mfa_token(
        session,
        mfa_token,
        {AccountTokenPurpose.MFA_CHALLENGE, AccountTokenPurpose.MFA_ENROLMENT},
    )
    if found is None:
        raise OAuthError(
            "invalid_grant", "The mfa_token is not valid or has expired. Sign in again."
        )
    stored, user = found
    if not user.mfa_enabled:
        raise OAuthError("invalid_grant", "Set up two-factor authentication first.")
    if bool(otp) == bool(recovery_code):
        raise OAuthError("invalid_request", "Send either otp or recovery_code.")
    if otp:
        accepted = await mfa.accept_code(session, settings, user, otp)
    else:
        accepted = await mfa.use_recovery_code(session, user.id, recovery_code or "")
    if not accepted:
        stored.failed_attempts += 1
        await session.flush()
        raise OAuthError("invalid_grant", "That code is not right, or has been used already.")
    if not await AccountTokenRepository(session).spend(stored.id):
        raise OAuthError("invalid_grant", "The mfa_token has been used already. Sign in again.")
    return await issue_user_tokens(session, settings, user, device)


async def revoke_sessions(
    session: AsyncSession, user_id: uuid.UUID, keep_family: uuid.UUID | None = None
) -> None:
    """End every session (refresh-token family) of USER, except KEEP_FAMILY."""
    await RefreshTokenRepository(session).revoke_all_of(user_id, keep_family)


async def refresh_grant(
    session: AsyncSession, settings: Settings, token: str, device: Device
) -> IssuedTokens:
    invalid = OAuthError("invalid_grant", "The refresh token is not valid. Sign in again.")
    tokens = RefreshTokenRepository(session)
    stored = await tokens.by_hash(sha256_hex(token))
    if stored is None or stored.revoked_at is not None or stored.expires_at <= utcnow():
        raise invalid
    # Spend it atomically: of two concurrent rotations only one wins; the loser is a reuse.
    if not await tokens.spend(stored.id):
        # A spent token presented again has leaked: end every session in its family.
        await tokens.revoke_family(stored.family_id)
        raise invalid
    user = await UserRepository(session).any_hub(stored.user_id)
    if user is None or not user.is_active:
        raise invalid
    if mfa_required_for(settings, user) and not user.mfa_enabled:
        raise invalid  # the role has to use 2FA now: sign in again, which enrols
    refresh = await _new_refresh_token(
        session,
        settings,
        user,
        stored.family_id,
        Device(device.user_agent or stored.user_agent, device.ip_address or stored.ip_address),
        started_at=stored.session_started_at or stored.created_at,
    )
    access = issue_access_token(settings, f"user:{user.id}", _user_claims(user, stored.family_id))
    return IssuedTokens(access, refresh, None)


async def revoke_refresh_token(session: AsyncSession, token: str) -> None:
    tokens = RefreshTokenRepository(session)
    stored = await tokens.by_hash(sha256_hex(token))
    if stored is not None:
        await tokens.revoke_family(stored.family_id)


async def client_credentials_grant(
    session: AsyncSession,
    settings: Settings,
    client_id: str,
    client_secret: str,
    requested_scope: str | None,
) -> IssuedTokens:
    client = await ApiClientRepository(session).by_client_id(client_id)
    valid = verify_secret(client_secret, client.secret_hash if client else None)
    if client is None or not valid or not client.is_active:
        raise OAuthError("invalid_client", "Client authentication failed.", status=401)
    granted = set(client.scopes)
    if requested_scope:
        requested = set(requested_scope.split())
        if not requested <= granted:
            raise OAuthError(
                "invalid_scope", "The requested scope is more than this client was granted."
            )
        granted = requested
    scope = " ".join(sorted(granted))
    access = issue_access_token(
        settings, f"client:{client.id}", {"scope": scope, "hub": str(client.hub_id)}
    )
    return IssuedTokens(access, None, scope)


async def me(
    session: AsyncSession, settings: Settings, principal: Principal, current_year: str
) -> Me:
    """`GET /me`: who the caller is, their hub, and (a person) the specialists they act as."""
    hub = await HubRepository(session).find(principal.hub_id) if principal.hub_id else None
    hub_summary = HubSummary(id=hub.id, code=hub.code, name=hub.name) if hub else None
    if principal.kind == "user":
        user = await UserRepository(session).find(principal.id)
        assert user is not None
        specialists = await SpecialistRepository(session).acting_for(user.id)
        return Me(
            kind="user",
            id=user.id,
            email=user.email,
            name=user.name,
            role=user.role,
            hub=hub_summary,
            mfa_enabled=user.mfa_enabled,
            mfa_required=mfa_required_for(settings, user),
            can_approve_claims=principal.can_approve_claims,
            specialists=[
                MeSpecialist(
                    id=specialist.id,
                    cohort_code=specialist.cohort.code,
                    cohort_name=specialist.cohort.name,
                    programme=specialist.cohort.programme.code,
                    default_academic_year=default_academic_year_of(specialist, current_year),
                )
                for specialist in specialists
            ],
        )
    client = await ApiClientRepository(session).find(principal.id)
    assert client is not None
    return Me(
        kind="client",
        id=client.id,
        name=client.name,
        hub=hub_summary,
        scopes=sorted(principal.scopes),
    )
