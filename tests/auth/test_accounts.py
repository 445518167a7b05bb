"""Invitations, password reset and change: links read from messages a real SMTP server
received; single use, expiry, no enumeration, and every other session ended."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import update

from masteryhub.db import begin_write
from masteryhub.models.account_token import AccountToken
from masteryhub.models.base import utcnow
from masteryhub.models.user import Role
from tests.auth.conftest import Postie, bearer, password_grant, refresh
from tests.factories import PASSWORD, Factory

USERS = "/api/v1/users"
CHOSEN = "orbit pudding window tulip"
NEWER = "lantern biscuit harbour moss"


async def expire_links(app: FastAPI) -> None:
    """What 72 hours (or one) passing does to every link."""
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        await session.execute(
            update(AccountToken).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()


async def invite(client: AsyncClient, factory: Factory, email: str = "amira@example.org") -> dict:
    hub = await factory.hub(name="North Star Maths Hub")
    lead = await factory.caller(Role.HUB_LEAD, hub)
    created = await client.post(
        USERS,
        json={"email": email, "name": "Amira Khan", "role": "hub_staff"},
        headers=lead.headers,
    )
    assert created.status_code == 201, created.text
    return {"user": created.json(), "lead": lead, "hub": hub}


async def test_an_invitee_chooses_their_password_once_from_the_emailed_link(
    client: AsyncClient, factory: Factory, postie: Postie
) -> None:
    invited = await invite(client, factory)
    assert invited["user"]["status"] == "invited"

    (message,) = await postie.messages_to("amira@example.org")
    assert "North Star Maths Hub" in str(message["Subject"])
    token = await postie.link("amira@example.org", "invitations")
    link = f"/api/v1/invitations/{token}"

    shown = await client.get(link)
    assert shown.status_code == 200, shown.text
    assert shown.json()["email"] == "amira@example.org"
    assert shown.json()["name"] == "Amira Khan" and shown.json()["role"] == "hub_staff"
    assert shown.json()["hub"]["name"] == "North Star Maths Hub"
    assert (await password_grant(client, "amira@example.org", CHOSEN)).status_code == 400

    accepted = await client.post(link, json={"password": CHOSEN})

    assert accepted.status_code == 204, accepted.text
    signed_in = await password_grant(client, "amira@example.org", CHOSEN)
    assert signed_in.status_code == 200, signed_in.text
    # Single use: the link is gone, for reading and for setting a password.
    again = await client.post(link, json={"password": NEWER})
    assert again.status_code == 410 and again.json()["code"] == "invitation_gone"
    assert (await client.get(link)).status_code == 410
    assert (await password_grant(client, "amira@example.org", NEWER)).status_code == 400
    listed = await client.get(f"{USERS}/{invited['user']['id']}", headers=invited["lead"].headers)
    assert listed.json()["status"] == "active"


async def test_an_expired_invitation_is_gone_and_a_new_one_replaces_it(
    app: FastAPI, client: AsyncClient, factory: Factory, postie: Postie
) -> None:
    invited = await invite(client, factory)
    old = await postie.link("amira@example.org", "invitations")
    await expire_links(app)

    assert (await client.get(f"/api/v1/invitations/{old}")).status_code == 410
    refused = await client.post(f"/api/v1/invitations/{old}", json={"password": CHOSEN})
    assert refused.status_code == 410 and refused.json()["code"] == "invitation_gone"

    resent = await client.post(
        f"{USERS}/{invited['user']['id']}/invitation", headers=invited["lead"].headers
    )
    assert resent.status_code == 202, resent.text
    new = await postie.link("amira@example.org", "invitations")
    assert new != old
    assert (await client.get(f"/api/v1/invitations/{old}")).status_code == 410
    accepted = await client.post(f"/api/v1/invitations/{new}", json={"password": CHOSEN})
    assert accepted.status_code == 204, accepted.text
    # Accepted: nothing left to re-send.
    resent = await client.post(
        f"{USERS}/{invited['user']['id']}/invitation", headers=invited["lead"].headers
    )
    assert resent.status_code == 409


async def test_a_revoked_invitation_is_gone_and_an_unknown_one_not_found(
    client: AsyncClient, factory: Factory, postie: Postie
) -> None:
    invited = await invite(client, factory)
    token = await postie.link("amira@example.org", "invitations")

    revoked = await client.delete(
        f"{USERS}/{invited['user']['id']}/invitation", headers=invited["lead"].headers
    )

    assert revoked.status_code == 204
    assert (await client.get(f"/api/v1/invitations/{token}")).status_code == 410
    assert (await client.get("/api/v1/invitations/not-a-real-token")).status_code == 404
    again = await client.delete(
        f"{USERS}/{invited['user']['id']}/invitation", headers=invited["lead"].headers
    )
    assert again.status_code == 404


async def test_password_reset_through_the_emailed_link_ends_every_session(
    client: AsyncClient, factory: Factory, postie: Postie
) -> None:
    user = await factory.user(Role.HUB_STAFF, await factory.hub(), email="sam@example.org")
    before = (await password_grant(client, user.email, PASSWORD)).json()

    known = await client.post("/api/v1/auth/password-reset", json={"email": "Sam@Example.org"})
    unknown = await client.post("/api/v1/auth/password-reset", json={"email": "nobody@example.org"})

    # No enumeration: the same status and body whoever is asked about.
    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    await postie.deliver()
    assert [str(m["To"]) for m in postie.smtp.messages] == ["sam@example.org"]
    token = await postie.link("sam@example.org", "reset-password")

    reset = await client.post(f"/api/v1/auth/password-reset/{token}", json={"password": NEWER})

    assert reset.status_code == 204, reset.text
    assert (await password_grant(client, user.email, PASSWORD)).status_code == 400
    assert (await password_grant(client, user.email, NEWER)).status_code == 200
    # Every session that existed before the reset is over.
    assert (
        await client.get("/api/v1/me", headers=bearer(before["access_token"]))
    ).status_code == 401
    stale = await refresh(client, before["refresh_token"])
    assert stale.status_code == 400 and stale.json()["error"] == "invalid_grant"
    # Single use, and the person is told their password changed.
    again = await client.post(f"/api/v1/auth/password-reset/{token}", json={"password": CHOSEN})
    assert again.status_code == 410 and again.json()["code"] == "reset_link_gone"
    subjects = [str(m["Subject"]) for m in await postie.messages_to("sam@example.org")]
    assert "Your MasteryHub password has been changed" in subjects


async def test_a_reset_link_expires(
    app: FastAPI, client: AsyncClient, factory: Factory, postie: Postie
) -> None:
    user = await factory.user(Role.SPECIALIST, await factory.hub(), email="lee@example.org")
    await client.post("/api/v1/auth/password-reset", json={"email": user.email})
    token = await postie.link(user.email, "reset-password")
    await expire_links(app)

    expired = await client.post(f"/api/v1/auth/password-reset/{token}", json={"password": NEWER})

    assert expired.status_code == 410 and expired.json()["code"] == "reset_link_gone"
    assert (await password_grant(client, user.email, PASSWORD)).status_code == 200
    unknown = await client.post("/api/v1/auth/password-reset/nope", json={"password": NEWER})
    assert unknown.status_code == 404


async def test_reset_requests_are_throttled_per_email_and_per_address(
    app: FastAPI, client: AsyncClient, factory: Factory, monkeypatch
) -> None:
    monkeypatch.setattr(app.state.settings, "password_reset_per_email", "2/hour")
    monkeypatch.setattr(app.state.settings, "password_reset_per_ip", "4/hour")
    reset = "/api/v1/auth/password-reset"

    per_email = [
        (await client.post(reset, json={"email": "ghost@example.org"})).status_code
        for _ in range(3)
    ]
    # Another email, same address: the address's own limit (4) is reached next.
    per_address = [
        (await client.post(reset, json={"email": f"p{n}@example.org"})).status_code
        for n in range(2)
    ]

    assert per_email == [202, 202, 429]
    assert per_address == [202, 429]
    refused = await client.post(reset, json={"email": "other@example.org"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


async def test_changing_my_password_ends_my_other_sessions_but_not_this_one(
    client: AsyncClient, factory: Factory, postie: Postie
) -> None:
    user = await factory.user(Role.HUB_LEAD, await factory.hub(), email="kim@example.org")
    elsewhere = (await password_grant(client, user.email, PASSWORD)).json()
    here = (await password_grant(client, user.email, PASSWORD)).json()

    wrong = await client.post(
        "/api/v1/me/password",
        json={"current_password": "not my password at all", "new_password": NEWER},
        headers=bearer(here["access_token"]),
    )
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["current_password"]
    weak = await client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "password1234"},
        headers=bearer(here["access_token"]),
    )
    assert weak.status_code == 422
    assert [e["field"] for e in weak.json()["errors"]] == ["new_password"]

    changed = await client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": NEWER},
        headers=bearer(here["access_token"]),
    )

    assert changed.status_code == 204, changed.text
    # Access tokens issued before the change are refused, here and elsewhere ...
    for old in (here, elsewhere):
        assert (
            await client.get("/api/v1/me", headers=bearer(old["access_token"]))
        ).status_code == 401
    # ... the other session's refresh token is dead ...
    stale = await refresh(client, elsewhere["refresh_token"])
    assert stale.status_code == 400 and stale.json()["error"] == "invalid_grant"
    # ... and this one carries on by refreshing.
    renewed = await refresh(client, here["refresh_token"])
    assert renewed.status_code == 200, renewed.text
    me = await client.get("/api/v1/me", headers=bearer(renewed.json()["access_token"]))
    assert me.status_code == 200
    assert (await password_grant(client, user.email, NEWER)).status_code == 200
    subjects = [str(m["Subject"]) for m in await postie.messages_to(user.email)]
    assert subjects == ["Your MasteryHub password has been changed"]


async def test_wrong_current_passwords_are_throttled(
    app: FastAPI, client: AsyncClient, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.state.settings, "login_attempts_per_account", "2/15 minutes")
    caller = await factory.caller(Role.HUB_STAFF)
    wrong = {"current_password": "a guess at the password", "new_password": NEWER}

    statuses = [
        (await client.post("/api/v1/me/password", json=wrong, headers=caller.headers)).status_code
        for _ in range(3)
    ]
    right = await client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": NEWER},
        headers=caller.headers,
    )

    assert statuses == [422, 422, 429]
    assert right.status_code == 429 and int(right.headers["retry-after"]) > 0


async def test_the_password_policy_is_public_and_said_before_typing(client: AsyncClient) -> None:
    policy = await client.get("/api/v1/auth/password-policy")

    assert policy.status_code == 200
    assert policy.json()["min_length"] == 12
    assert any("12" in sentence for sentence in policy.json()["guidance"])


async def test_my_sessions_are_listed_and_revoked(client: AsyncClient, factory: Factory) -> None:
    user = await factory.user(Role.SPECIALIST, await factory.hub())
    phone = (await password_grant(client, user.email, PASSWORD, client_id="x")).json()
    laptop_response = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": user.email, "password": PASSWORD},
        headers={"User-Agent": "Laptop Firefox"},
    )
    laptop = laptop_response.json()
    third = (await password_grant(client, user.email, PASSWORD)).json()

    listed = await client.get("/api/v1/me/sessions", headers=bearer(laptop["access_token"]))

    assert listed.status_code == 200
    items = listed.json()["items"]
    assert len(items) == 3
    (current,) = [s for s in items if s["current"]]
    assert current["user_agent"] == "Laptop Firefox"
    assert current["ip_address"] == "127.0.0.1"
    others = [s["id"] for s in items if not s["current"]]

    one = await client.delete(
        f"/api/v1/me/sessions/{others[0]}", headers=bearer(laptop["access_token"])
    )
    assert one.status_code == 204
    left = await client.get("/api/v1/me/sessions", headers=bearer(laptop["access_token"]))
    assert len(left.json()["items"]) == 2
    rest = await client.delete("/api/v1/me/sessions", headers=bearer(laptop["access_token"]))
    assert rest.status_code == 204
    left = await client.get("/api/v1/me/sessions", headers=bearer(laptop["access_token"]))
    assert [s["current"] for s in left.json()["items"]] == [True]
    for ended in (phone, third):
        assert (await refresh(client, ended["refresh_token"])).status_code == 400
    assert (await refresh(client, laptop["refresh_token"])).status_code == 200
