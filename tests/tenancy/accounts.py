"""Accounts people run themselves: invitations, password reset, "Your account" (/me/...)."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from typing import Any

import pyotp

from masteryhub.auth.passwords import new_secret, sha256_hex
from masteryhub.models.base import utcnow
from masteryhub.models.refresh_token import RefreshToken
from tests.factories import PASSWORD, Caller, Factory
from tests.tenancy.core import (
    EVERYONE,
    LEADS,
    NATIONAL_ADMINS,
    Access,
    Builder,
    Declarations,
    HubWorld,
    World,
    sequence,
)

# The TOTP secret of the caller the last `prepare` enrolled: bodies are made right after it.
_enrolled: dict[str, str] = {}


async def _make_session(factory: Factory, place: HubWorld) -> uuid.UUID:
    """A session (refresh-token family) of the hub's specialist."""
    return await _session_of(factory, place.specialist.id)


async def _session_of(factory: Factory, user_id: uuid.UUID) -> uuid.UUID:
    family = uuid.uuid4()
    await factory.add(
        RefreshToken(
            user_id=user_id,
            family_id=family,
            token_hash=sha256_hex(new_secret()),
            expires_at=utcnow() + timedelta(days=1),
            session_started_at=utcnow(),
            user_agent="Matrix browser",
            ip_address="192.0.2.1",
        )
    )
    return family


async def _own_session(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    return {"account_session_id": str(await _session_of(factory, caller.id))}


async def _invited_user(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    """A person in hub A invited (through the API, so a link is pending) by the caller."""
    n = next(sequence)
    response = await factory.client.post(
        "/api/v1/users",
        json={
            "email": f"invited{n}@example.org",
            "name": f"Invited Person {n}",
            "role": "hub_staff",
            "hub_id": str(world.a.hub.id),
        },
        headers=caller.headers,
    )
    assert response.status_code == 201, response.text
    return {"user_id": response.json()["id"]}


async def _started_totp(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    response = await factory.client.post("/api/v1/me/mfa/totp", headers=caller.headers)
    assert response.status_code == 201, response.text
    _enrolled["secret"] = response.json()["secret"]
    return {}


async def _enrolled_totp(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    await _started_totp(factory, world, caller)
    confirmed = await factory.client.post(
        "/api/v1/me/mfa/totp/confirm",
        json={"code": pyotp.TOTP(_enrolled["secret"]).now()},
        headers=caller.headers,
    )
    assert confirmed.status_code == 200, confirmed.text
    return {}


def _code(step_offset: int) -> Any:
    def body(world: World) -> dict[str, str]:
        # The next step's code: the current one was spent confirming (codes are single use).
        at = time.time() + step_offset * 30
        return {"code": pyotp.TOTP(_enrolled["secret"]).at(at)}

    return body


DECLARATIONS = Declarations(
    access={
        "me-password-change": Access(EVERYONE),
        "me-sessions-list": Access(EVERYONE),
        "me-sessions-revoke": Access(EVERYONE),
        "me-sessions-revoke-others": Access(EVERYONE),
        "me-mfa-totp-start": Access(EVERYONE),
        "me-mfa-totp-confirm": Access(EVERYONE),
        "me-mfa-totp-disable": Access(EVERYONE),
        "users-invitation-resend": Access(LEADS),
        "users-invitation-revoke": Access(LEADS),
        "users-mfa-reset": Access(NATIONAL_ADMINS),
    },
    builders={"account_session_id": Builder(_make_session)},
    public={
        "auth-password-policy": "what a password must be, shown before anyone signs in",
        "invitations-get": "the single-use invitation link is the credential",
        "invitations-accept": "the single-use invitation link is the credential",
        "auth-password-reset-request": "202 whatever the email (no enumeration)",
        "auth-password-reset-confirm": "the single-use reset link is the credential",
    },
    bodies={
        "me-password-change": lambda world: {
            "current_password": PASSWORD,
            "new_password": "matrix orbit pudding window",
        },
        "me-mfa-totp-confirm": _code(0),
        "me-mfa-totp-disable": _code(1),
    },
    prepare={
        "me-sessions-revoke": _own_session,
        "users-invitation-resend": _invited_user,
        "users-invitation-revoke": _invited_user,
        "me-mfa-totp-confirm": _started_totp,
        "me-mfa-totp-disable": _enrolled_totp,
    },
)
