"""Two-factor sign-in (TOTP): enrolment, the mfa_required answer and the mfa-otp grant, codes
never reused, recovery codes once each, roles that must enrol, and no token before the second
factor."""

from __future__ import annotations

import time
from typing import Any

import pyotp
import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import select

from masteryhub.auth.service import MFA_GRANT
from masteryhub.models.user import Role, User
from tests.auth.conftest import TOKEN, bearer, password_grant
from tests.factories import PASSWORD, Factory


async def enrol(client: AsyncClient, headers: dict[str, str]) -> tuple[str, list[str]]:
    started = await client.post("/api/v1/me/mfa/totp", headers=headers)
    assert started.status_code == 201, started.text
    body = started.json()
    assert body["otpauth_uri"].startswith("otpauth://totp/MasteryHub:")
    assert f"secret={body['secret']}" in body["otpauth_uri"]
    assert body["qr_svg"].startswith("<svg") and "</svg>" in body["qr_svg"]
    confirmed = await client.post(
        "/api/v1/me/mfa/totp/confirm",
        json={"code": pyotp.TOTP(body["secret"]).now()},
        headers=headers,
    )
    assert confirmed.status_code == 200, confirmed.text
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    return body["secret"], codes


def code_at(secret: str, steps_ahead: int) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


async def mfa_grant(client: AsyncClient, mfa_token: str, **factor: str) -> Response:
    return await client.post(
        TOKEN, data={"grant_type": MFA_GRANT, "mfa_token": mfa_token, **factor}
    )


def assert_no_tokens(response: Response) -> None:
    assert "access_token" not in response.json()
    assert "refresh_token" not in response.json()
    assert "mh_refresh" not in response.headers.get("set-cookie", "")


async def challenged(client: AsyncClient, user: User, **extra: Any) -> str:
    response = await password_grant(client, user.email, PASSWORD, **extra)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "mfa_required"
    assert response.json()["error_description"]
    assert_no_tokens(response)
    return str(response.json()["mfa_token"])


async def test_enrolment_then_sign_in_with_a_code_that_cannot_be_used_again(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    user = await factory.user(Role.HUB_STAFF, await factory.hub())
    headers = bearer(factory.token_for(user))
    assert (await client.get("/api/v1/me", headers=headers)).json()["mfa_enabled"] is False
    wrong = await client.post("/api/v1/me/mfa/totp", headers=headers)
    refused = await client.post(
        "/api/v1/me/mfa/totp/confirm", json={"code": "000000"}, headers=headers
    )
    assert wrong.status_code == 201 and refused.status_code == 422
    secret, _codes = await enrol(client, headers)
    assert (await client.get("/api/v1/me", headers=headers)).json()["mfa_enabled"] is True
    # At rest the secret is sealed: a copy of the database does not give the second factor.
    async with app.state.sessionmaker() as session:
        stored = await session.scalar(select(User.totp_secret).where(User.id == user.id))
    assert stored and secret not in stored

    mfa_token = await challenged(client, user)
    code = code_at(secret, 1)  # the current step was spent confirming
    signed_in = await mfa_grant(client, mfa_token, otp=code)

    assert signed_in.status_code == 200, signed_in.text
    me = await client.get("/api/v1/me", headers=bearer(signed_in.json()["access_token"]))
    assert me.status_code == 200 and me.json()["email"] == user.email
    # The mfa_token is single use ...
    reused_token = await mfa_grant(client, mfa_token, otp=code_at(secret, 1))
    assert reused_token.status_code == 400 and reused_token.json()["error"] == "invalid_grant"
    # ... and so is the code, even with a fresh mfa_token.
    replayed = await mfa_grant(client, await challenged(client, user), otp=code)
    assert replayed.status_code == 400 and replayed.json()["error"] == "invalid_grant"
    assert_no_tokens(replayed)


async def test_a_recovery_code_works_once(client: AsyncClient, factory: Factory) -> None:
    user = await factory.user(Role.SPECIALIST, await factory.hub())
    _secret, codes = await enrol(client, bearer(factory.token_for(user)))

    first = await mfa_grant(client, await challenged(client, user), recovery_code=codes[0])
    again = await mfa_grant(client, await challenged(client, user), recovery_code=codes[0])
    other = await mfa_grant(
        client, await challenged(client, user), recovery_code=codes[1].upper().replace("-", " ")
    )

    assert first.status_code == 200, first.text
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert_no_tokens(again)
    assert other.status_code == 200, other.text


async def test_no_token_before_the_second_factor_whatever_is_tried(
    client: AsyncClient, factory: Factory
) -> None:
    user = await factory.user(Role.HUB_STAFF, await factory.hub())
    secret, _ = await enrol(client, bearer(factory.token_for(user)))
    mfa_token = await challenged(client, user, refresh_token_delivery="cookie")

    attempts = [
        await mfa_grant(client, mfa_token, otp="123456"),
        await mfa_grant(client, mfa_token),
        await mfa_grant(client, "made-up-token", otp=code_at(secret, 1)),
        await client.get("/api/v1/me", headers=bearer(mfa_token)),
        await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": mfa_token}),
    ]

    for response in attempts:
        assert response.status_code in {400, 401}, response.text
        if response.status_code == 400:
            assert_no_tokens(response)


async def test_wrong_codes_spend_the_mfa_token_and_are_throttled(
    app: FastAPI, client: AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.state.settings, "mfa_attempts_per_user", "7/15 minutes")
    user = await factory.user(Role.HUB_STAFF, await factory.hub())
    secret, _ = await enrol(client, bearer(factory.token_for(user)))
    mfa_token = await challenged(client, user)

    wrong = [(await mfa_grant(client, mfa_token, otp="000000")).status_code for _ in range(5)]
    # Five wrong codes spend the mfa_token: even the right code is refused with it now.
    spent = await mfa_grant(client, mfa_token, otp=code_at(secret, 1))
    fresh = await challenged(client, user)
    more = [(await mfa_grant(client, fresh, otp="000000")).status_code for _ in range(2)]
    throttled = await mfa_grant(client, fresh, otp=code_at(secret, 1))

    assert wrong == [400] * 5 and spent.status_code == 400
    assert more == [400, 400]
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0


async def test_a_national_admin_without_2fa_must_enrol_first(
    app: FastAPI, client: AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.state.settings, "mfa_required_roles", ["national_admin", "hub_lead"])
    admin = await factory.user(Role.NATIONAL_ADMIN)
    staff = await factory.user(Role.HUB_STAFF, await factory.hub())

    answer = await password_grant(client, admin.email, PASSWORD, refresh_token_delivery="cookie")

    assert answer.status_code == 400
    assert answer.json()["error"] == "mfa_enrolment_required"
    assert_no_tokens(answer)
    mfa_token = answer.json()["mfa_token"]
    # The enrolment token opens the two enrolment endpoints and nothing else.
    assert (await client.get("/api/v1/me", headers=bearer(mfa_token))).status_code == 401
    assert (await client.get("/api/v1/users", headers=bearer(mfa_token))).status_code == 401
    assert (await client.get("/api/v1/me/sessions", headers=bearer(mfa_token))).status_code == 401
    secret, _ = await enrol(client, bearer(mfa_token))
    signed_in = await mfa_grant(client, mfa_token, otp=code_at(secret, 1))
    assert signed_in.status_code == 200, signed_in.text
    me = await client.get("/api/v1/me", headers=bearer(signed_in.json()["access_token"]))
    assert me.json()["mfa_enabled"] is True and me.json()["mfa_required"] is True
    # The role must keep it: turning it off is refused.
    off = await client.request(
        "DELETE",
        "/api/v1/me/mfa/totp",
        json={"code": code_at(secret, 0)},
        headers=bearer(signed_in.json()["access_token"]),
    )
    assert off.status_code == 403 and off.json()["code"] == "mfa_required_for_role"
    # A role that need not use 2FA signs in with a password alone.
    assert (await password_grant(client, staff.email, PASSWORD)).status_code == 200


async def test_2fa_is_turned_off_with_a_current_code_where_allowed(
    client: AsyncClient, factory: Factory
) -> None:
    user = await factory.user(Role.SPECIALIST, await factory.hub())
    headers = bearer(factory.token_for(user))
    secret, _ = await enrol(client, headers)

    wrong = await client.request(
        "DELETE", "/api/v1/me/mfa/totp", json={"code": "000000"}, headers=headers
    )
    off = await client.request(
        "DELETE", "/api/v1/me/mfa/totp", json={"code": code_at(secret, 1)}, headers=headers
    )

    assert wrong.status_code == 422 and off.status_code == 204
    assert (await password_grant(client, user.email, PASSWORD)).status_code == 200


async def test_a_national_admin_resets_someones_second_factor_audited(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    lead = await factory.caller(Role.HUB_LEAD)
    user = await factory.user(Role.HUB_STAFF, await factory.hub())
    old_token = factory.token_for(user)
    await enrol(client, bearer(old_token))

    by_lead = await client.delete(f"/api/v1/users/{user.id}/mfa", headers=lead.headers)
    reset = await client.delete(f"/api/v1/users/{user.id}/mfa", headers=admin.headers)

    assert by_lead.status_code == 403
    assert reset.status_code == 204
    assert (await client.get("/api/v1/me", headers=bearer(old_token))).status_code == 401
    assert (await password_grant(client, user.email, PASSWORD)).status_code == 200
    trail = await client.get(
        "/api/v1/audit-events",
        params={"entity_id": str(user.id), "action": "user.mfa_reset"},
        headers=admin.headers,
    )
    (event,) = trail.json()["items"]
    assert event["actor_id"] == str(admin.id)
    assert "totp_secret" not in str(event)


async def test_an_erased_persons_second_factor_resets_without_writing_to_them(
    client: AsyncClient, factory: Factory
) -> None:
    # Found by schemathesis: the reset emailed the anonymised address and answered 500.
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    user = await factory.user(Role.HUB_STAFF, await factory.hub())
    await enrol(client, bearer(factory.token_for(user)))
    erased = await client.post(
        "/api/v1/people/erasure", json={"email": user.email}, headers=admin.headers
    )

    reset = await client.delete(f"/api/v1/users/{user.id}/mfa", headers=admin.headers)

    assert erased.status_code == 200, erased.text
    assert reset.status_code == 204, reset.text
