"""The token endpoint and access-token verification, through HTTP."""

from __future__ import annotations

import base64
import time

from httpx import AsyncClient
from jose import jwt

from masteryhub.models.user import Role
from tests.factories import PASSWORD, Factory

TOKEN = "/api/v1/auth/token"


async def sign_in(client: AsyncClient, email: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return await client.post(
        TOKEN, data={"grant_type": "password", "username": email, "password": password, **extra}
    )


async def test_password_grant_returns_tokens_that_work(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub(code="north")
    user = await factory.user(Role.HUB_LEAD, hub, email="lead@example.org")

    response = await sign_in(client, "Lead@Example.org")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "bearer" and body["refresh_token"]
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)
    assert me.json()["hub"]["code"] == "north"
    assert me.json()["role"] == "hub_lead"


async def test_unknown_user_and_wrong_password_get_the_same_answer(
    client: AsyncClient, factory: Factory
) -> None:
    await factory.user(Role.HUB_STAFF, await factory.hub(), email="known@example.org")

    wrong_password = await sign_in(client, "known@example.org", "not the password")
    unknown_user = await sign_in(client, "nobody@example.org", "not the password")

    assert wrong_password.status_code == unknown_user.status_code == 400
    assert wrong_password.json() == unknown_user.json()
    assert wrong_password.json()["error"] == "invalid_grant"


async def test_sign_in_is_throttled_per_account(client: AsyncClient, factory: Factory) -> None:
    await factory.user(Role.HUB_STAFF, await factory.hub(), email="target@example.org")
    for _ in range(5):  # the test settings allow 5 failures per account
        assert (await sign_in(client, "target@example.org", "guess")).status_code == 400

    refused = await sign_in(client, "target@example.org")  # even the right password

    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    other = await factory.user(Role.HUB_STAFF, await factory.hub(), email="other@example.org")
    assert (await sign_in(client, other.email)).status_code == 200


async def test_refresh_rotates_and_reuse_revokes_the_family(
    client: AsyncClient, factory: Factory
) -> None:
    await factory.user(Role.HUB_STAFF, await factory.hub(), email="r@example.org")
    first = (await sign_in(client, "r@example.org")).json()["refresh_token"]

    rotated = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first

    reuse = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": first})
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    # The leak killed the whole family: the newest token is dead too.
    after = await client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": second})
    assert after.status_code == 400


async def test_cookie_delivery_for_the_spa(client: AsyncClient, factory: Factory) -> None:
    await factory.user(Role.HUB_STAFF, await factory.hub(), email="spa@example.org")

    signed_in = await sign_in(client, "spa@example.org", refresh_token_delivery="cookie")
    assert signed_in.status_code == 200
    assert "refresh_token" not in signed_in.json()
    cookie = signed_in.headers["set-cookie"]
    assert "mh_refresh=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/api/v1/auth" in cookie

    refreshed = await client.post(
        TOKEN, data={"grant_type": "refresh_token", "refresh_token_delivery": "cookie"}
    )
    assert refreshed.status_code == 200 and refreshed.json()["access_token"]

    latest = refreshed.cookies.get("mh_refresh")
    signed_out = await client.post("/api/v1/auth/revoke")
    assert signed_out.status_code == 200
    assert 'mh_refresh=""' in signed_out.headers["set-cookie"]  # cleared in the browser
    client.cookies.set("mh_refresh", latest or "", path="/api/v1/auth")
    again = await client.post(
        TOKEN, data={"grant_type": "refresh_token", "refresh_token_delivery": "cookie"}
    )
    assert again.status_code == 400


async def test_client_credentials_with_basic_auth_and_scopes(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    caller = await factory.api_client(hub, ["applications:submit", "applications:read"])
    basic = base64.b64encode(f"{caller.client_id}:{caller.client_secret}".encode()).decode()

    narrowed = await client.post(
        TOKEN,
        data={"grant_type": "client_credentials", "scope": "applications:read"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert narrowed.status_code == 200
    assert narrowed.json()["scope"] == "applications:read"
    assert "refresh_token" not in narrowed.json()
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {narrowed.json()['access_token']}"}
    )
    assert me.json()["kind"] == "client" and me.json()["scopes"] == ["applications:read"]

    too_much = await client.post(
        TOKEN,
        data={"grant_type": "client_credentials", "scope": "ledger:read"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert too_much.status_code == 400 and too_much.json()["error"] == "invalid_scope"

    bad_secret = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": caller.client_id,
            "client_secret": "x",
        },
    )
    assert bad_secret.status_code == 401 and bad_secret.json()["error"] == "invalid_client"


async def test_grant_errors_follow_rfc6749(client: AsyncClient) -> None:
    missing = await client.post(TOKEN, data={})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    unsupported = await client.post(TOKEN, data={"grant_type": "implicit"})
    assert unsupported.json()["error"] == "unsupported_grant_type"


async def test_revoked_api_client_is_refused_at_once(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    machine = await factory.api_client(hub, ["applications:read"])
    assert (await client.get("/api/v1/me", headers=machine.headers)).status_code == 200

    revoked = await client.delete(f"/api/v1/api-clients/{machine.id}", headers=lead.headers)

    assert revoked.status_code == 204
    assert (await client.get("/api/v1/me", headers=machine.headers)).status_code == 401
    again = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": machine.client_id,
            "client_secret": machine.client_secret,
        },
    )
    assert again.status_code == 401


def _forge(
    claims: dict[str, object],
    key: str,
    headers: dict[str, str] | None = None,
    algorithm: str = "HS256",
) -> str:
    return jwt.encode(claims, key, algorithm=algorithm, headers=headers)


def _claims(sub: str, **overrides: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": sub,
        "iss": "masteryhub",
        "aud": "masteryhub-api",
        "iat": now,
        "exp": now + 600,
        "jti": "x",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _unsigned(claims: dict[str, object]) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    import json

    header = b64(json.dumps({"alg": "none", "typ": "JWT", "kid": "k1"}).encode())
    return f"{header}.{b64(json.dumps(claims).encode())}."


async def test_forged_and_stale_tokens_are_refused(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    user = await factory.user(Role.HUB_LEAD, hub)
    sub = f"user:{user.id}"
    good_key = "test-signing-key-one"
    cases = {
        "alg none": _unsigned(_claims(sub)),
        "wrong key": _forge(_claims(sub), "not-our-key", {"kid": "k1"}),
        "wrong iss": _forge(_claims(sub, iss="evil"), good_key, {"kid": "k1"}),
        "wrong aud": _forge(_claims(sub, aud="other-api"), good_key, {"kid": "k1"}),
        "no exp": _forge(_claims(sub, exp=None), good_key, {"kid": "k1"}),
        "expired": _forge(_claims(sub, exp=int(time.time()) - 5), good_key, {"kid": "k1"}),
        "unknown kid": _forge(_claims(sub), good_key, {"kid": "k9"}),
        "no kid": _forge(_claims(sub), good_key),
        "HS512": _forge(_claims(sub), good_key, {"kid": "k1"}, algorithm="HS512"),
        "garbage": "not-a-jwt",
    }
    for name, token in cases.items():
        response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, name
        assert response.json()["code"] == "not_authenticated", name

    valid = _forge(_claims(sub), good_key, {"kid": "k1"})
    assert (
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {valid}"})
    ).status_code == 200
    # A token signed with the previous key (still configured for verification) is accepted.
    rotated = _forge(_claims(sub), "test-signing-key-previous", {"kid": "k0"})
    assert (
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {rotated}"})
    ).status_code == 200


async def test_deactivated_user_token_stops_working(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    assert (await client.get("/api/v1/me", headers=staff.headers)).status_code == 200

    patched = await client.patch(
        f"/api/v1/users/{staff.id}", json={"is_active": False}, headers=lead.headers
    )

    assert patched.status_code == 200
    assert (await client.get("/api/v1/me", headers=staff.headers)).status_code == 401
