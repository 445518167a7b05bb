"""The OAuth 2.0 grants (RFC 6749): password, refresh_token with rotation, client_credentials."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.passwords import new_secret, sha256_hex, verify_password, verify_secret
from masteryhub.auth.tokens import AccessToken, issue_access_token
from masteryhub.config import Settings
from masteryhub.models.api_client import ApiClient
from masteryhub.models.base import utcnow
from masteryhub.models.refresh_token import RefreshToken
from masteryhub.models.user import User


class OAuthError(Exception):
    """An RFC 6749 §5.2 error. Returned, not raised through the session, so that a revoked
    token family is still committed when the request is refused."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass(frozen=True)
class IssuedTokens:
    access: AccessToken
    refresh_token: str | None
    scope: str | None


def _user_claims(user: User) -> dict[str, object]:
    return {"role": user.role.value, "hub": str(user.hub_id) if user.hub_id else None}


async def _new_refresh_token(
    session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID
) -> str:
    token = new_secret()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=sha256_hex(token),
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    await session.flush()
    return token


async def password_grant(
    session: AsyncSession, settings: Settings, email: str, password: str
) -> IssuedTokens:
    user = await session.scalar(select(User).where(User.email == email.strip().lower()))
    valid = verify_password(password, user.password_hash if user else None)
    if user is None or not valid or not user.is_active:
        raise OAuthError("invalid_grant", "The email address or password is not right.")
    access = issue_access_token(settings, f"user:{user.id}", _user_claims(user))
    refresh = await _new_refresh_token(session, settings, user, uuid.uuid4())
    return IssuedTokens(access, refresh, None)


async def revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow(), version=RefreshToken.version + 1)
        .execution_options(synchronize_session=False)
    )


async def refresh_grant(session: AsyncSession, settings: Settings, token: str) -> IssuedTokens:
    invalid = OAuthError("invalid_grant", "The refresh token is not valid. Sign in again.")
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(token))
    )
    if stored is None or stored.revoked_at is not None or stored.expires_at <= utcnow():
        raise invalid
    # Spend it atomically: of two concurrent rotations only one wins; the loser is a reuse.
    spent = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.spent_at.is_(None))
        .values(spent_at=utcnow(), version=RefreshToken.version + 1)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        # A spent token presented again has leaked: end every session in its family.
        await revoke_family(session, stored.family_id)
        raise invalid
    user = await session.scalar(select(User).where(User.id == stored.user_id))
    if user is None or not user.is_active:
        raise invalid
    access = issue_access_token(settings, f"user:{user.id}", _user_claims(user))
    refresh = await _new_refresh_token(session, settings, user, stored.family_id)
    return IssuedTokens(access, refresh, None)


async def revoke_refresh_token(session: AsyncSession, token: str) -> None:
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(token))
    )
    if stored is not None:
        await revoke_family(session, stored.family_id)


async def client_credentials_grant(
    session: AsyncSession,
    settings: Settings,
    client_id: str,
    client_secret: str,
    requested_scope: str | None,
) -> IssuedTokens:
    client = await session.scalar(
        select(ApiClient).where(ApiClient.client_id == client_id).execution_options(all_hubs=True)
    )
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
