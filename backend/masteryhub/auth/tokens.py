"""Access tokens. The only module that touches python-jose.

HS256 is pinned: the verifier never takes the algorithm from the token. `kid` picks the key
from the configured set, so a new key can be added (and the old one kept for verification)
without signing everybody out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jose import JWTError, jwt

from masteryhub.config import Settings
from masteryhub.models.base import utcnow

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("exp", "iat", "iss", "aud", "sub", "jti")


class InvalidToken(Exception):
    """The token is not one we issued, or no longer valid. Never says which check failed."""


@dataclass(frozen=True)
class AccessToken:
    token: str
    expires_at: datetime
    expires_in: int


def issue_access_token(settings: Settings, subject: str, claims: dict[str, Any]) -> AccessToken:
    kid, secret = next(iter(settings.signing_keys.items()))
    now = utcnow()
    expires_at = now + timedelta(minutes=settings.access_token_minutes)
    payload = {
        **claims,
        "sub": subject,
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "iat": int(now.timestamp()),
        # Milliseconds, for the per-user `tokens_valid_after` check (iat has whole seconds).
        "iat_ms": int(now.timestamp() * 1000),
        "exp": int(expires_at.timestamp()),
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(payload, secret, algorithm=ALGORITHM, headers={"kid": kid})
    return AccessToken(token, expires_at, settings.access_token_minutes * 60)


# Tokens already verified (a client presents the same one on every request until it expires):
# the signature and claims of the same string under the same keys cannot change, so only the
# expiry is checked again. Bounded; emptied when full.
_VERIFIED: dict[tuple[str, str, str, str], dict[str, Any]] = {}
_VERIFIED_MAX = 4096


def verify_access_token(settings: Settings, token: str) -> dict[str, Any]:
    assert settings.secret_key is not None
    key = (
        token,
        settings.secret_key.get_secret_value(),
        settings.token_audience,
        settings.token_issuer,
    )
    claims = _VERIFIED.get(key)
    if claims is not None:
        if utcnow().timestamp() <= claims["exp"]:
            return dict(claims)
        _VERIFIED.pop(key, None)
        raise InvalidToken
    claims = _verify(settings, token)
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[key] = claims
    return dict(claims)


def _verify(settings: Settings, token: str) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
    except JWTError as exc:
        raise InvalidToken from exc
    if header.get("alg") != ALGORITHM:
        raise InvalidToken
    secret = settings.signing_keys.get(str(header.get("kid")))
    if secret is None:
        raise InvalidToken
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=settings.token_audience,
            issuer=settings.token_issuer,
            options={f"require_{claim}": True for claim in REQUIRED_CLAIMS},
        )
    except JWTError as exc:
        raise InvalidToken from exc
    return claims
