"""Users: hub leads manage their own hub's people, national admins everyone's."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Caller, Factory, accept_invitation

USERS = "/api/v1/users"
TOKEN = "/api/v1/auth/token"
NEW_PASSWORD = "a long enough new passphrase"


def new_user(**overrides: Any) -> dict[str, Any]:
    return {
        "email": "Amira.Khan@Example.org",
        "name": "Amira Khan",
        "role": "hub_staff",
        **overrides,
    }


async def sign_in(client: AsyncClient, email: str, password: str = NEW_PASSWORD) -> int:
    response = await client.post(
        TOKEN, data={"grant_type": "password", "username": email, "password": password}
    )
    return response.status_code


async def audit_events(client: AsyncClient, caller: Caller, **filters: str) -> list[dict[str, Any]]:
    response = await client.get("/api/v1/audit-events", params=filters, headers=caller.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_hub_lead_creates_a_user_in_their_own_hub(
    client: AsyncClient, app: FastAPI, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)

    created = await client.post(USERS, json=new_user(), headers=lead.headers)

    assert created.status_code == 201, created.text
    user = created.json()
    assert user["email"] == "amira.khan@example.org"
    assert user["hub_id"] == str(hub.id)  # omitted: the lead's own hub
    assert user["role"] == "hub_staff" and user["is_active"] is True
    assert user["status"] == "invited" and user["invitation_expires_at"] is not None
    assert "password" not in created.text and "password_hash" not in created.text
    assert created.headers["location"] == f"/api/v1/users/{user['id']}"
    assert await sign_in(client, "amira.khan@example.org") == 400  # no password yet
    await accept_invitation(client, app, "amira.khan@example.org", NEW_PASSWORD)
    assert await sign_in(client, "amira.khan@example.org") == 200
    read = await client.get(f"{USERS}/{user['id']}", headers=lead.headers)
    assert read.json()["status"] == "active" and read.json()["invitation_expires_at"] is None


async def test_the_user_list_filters_by_status(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    gone = await factory.user(Role.HUB_STAFF, hub, is_active=False)
    invited = (await client.post(USERS, json=new_user(), headers=lead.headers)).json()

    async def ids(status: str) -> list[str]:
        response = await client.get(USERS, params={"status": status}, headers=lead.headers)
        assert response.status_code == 200, response.text
        return [u["id"] for u in response.json()["items"]]

    assert await ids("invited") == [invited["id"]]
    assert await ids("deactivated") == [str(gone.id)]
    assert await ids("active") == [str(lead.id)]


async def test_nobody_types_a_password_for_someone_else(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    staff = await factory.user(Role.HUB_STAFF, hub)

    for caller in (lead, admin):
        created = await client.post(
            USERS, json=new_user(password=NEW_PASSWORD, hub_id=str(hub.id)), headers=caller.headers
        )
        changed = await client.patch(
            f"{USERS}/{staff.id}", json={"password": NEW_PASSWORD}, headers=caller.headers
        )
        for response in (created, changed):
            assert response.status_code == 422, response.text
            assert [e["field"] for e in response.json()["errors"]] == ["password"]
            assert "emailed an invitation" in response.json()["errors"][0]["message"]
            assert NEW_PASSWORD not in response.text
    assert await sign_in(client, staff.email, NEW_PASSWORD) == 400


async def test_creating_a_user_is_audited_without_the_password(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    user = (await client.post(USERS, json=new_user(), headers=lead.headers)).json()

    (event,) = await audit_events(client, lead, entity_id=user["id"])

    assert event["action"] == "user.created"
    assert event["actor_id"] == str(lead.id) and event["actor_type"] == "user"
    assert event["hub_id"] == str(hub.id)
    assert event["before"] is None
    assert event["after"]["email"] == "amira.khan@example.org"
    assert event["after"]["role"] == "hub_staff"
    trail = json.dumps(event)
    assert "password" not in trail and "argon2" not in trail and NEW_PASSWORD not in trail


async def test_edits_are_audited_with_before_and_after(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.user(Role.HUB_STAFF, hub, name="Sam Jones")

    promoted = await client.patch(
        f"{USERS}/{staff.id}",
        json={"name": "Sam Jones-Patel", "role": "hub_lead"},
        headers=lead.headers,
    )

    assert promoted.status_code == 200
    events = await audit_events(client, lead, entity_id=str(staff.id))
    assert [e["action"] for e in events] == ["user.updated"]
    assert events[0]["before"] == {"name": "Sam Jones", "role": "hub_staff"}
    assert events[0]["after"] == {"name": "Sam Jones-Patel", "role": "hub_lead"}
    assert "argon2" not in json.dumps(events)


async def test_a_duplicate_email_is_409_whatever_the_hub_or_case(
    client: AsyncClient, factory: Factory
) -> None:
    north, south = await factory.hub(), await factory.hub()
    await factory.user(Role.HUB_STAFF, south, email="amira.khan@example.org")
    lead = await factory.caller(Role.HUB_LEAD, north)

    duplicate = await client.post(USERS, json=new_user(), headers=lead.headers)

    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == "application/problem+json"
    assert duplicate.json()["code"] == "already_exists"


async def test_role_and_hub_rules(client: AsyncClient, factory: Factory) -> None:
    north, south = await factory.hub(), await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, north)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    async def create(caller: Caller, email: str, **overrides: Any) -> tuple[int, Any]:
        response = await client.post(
            USERS, json=new_user(email=email, **overrides), headers=caller.headers
        )
        return response.status_code, response.json()

    # A hub lead: their own hub only, and never a national admin.
    assert (await create(lead, "a@example.org", role="hub_lead"))[0] == 201
    assert (await create(lead, "b@example.org", role="specialist"))[0] == 201
    status, problem = await create(lead, "c@example.org", role="national_admin")
    assert (status, problem["code"]) == (403, "forbidden")
    status, problem = await create(lead, "d@example.org", hub_id=str(south.id))
    assert (status, problem["code"]) == (403, "forbidden")
    # A national admin: any hub; a national admin belongs to none; everyone else needs one.
    assert (await create(admin, "e@example.org", hub_id=str(south.id)))[0] == 201
    assert (await create(admin, "f@example.org", role="national_admin"))[0] == 201
    status, problem = await create(admin, "g@example.org")
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["hub_id"]
    status, problem = await create(
        admin, "h@example.org", role="national_admin", hub_id=str(north.id)
    )
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["hub_id"]
    status, problem = await create(
        admin, "i@example.org", hub_id="01234567-89ab-7def-8123-456789abcdef"
    )
    assert status == 404
    # Staff and specialists manage nobody.
    staff = await factory.caller(Role.HUB_STAFF, north)
    assert (await create(staff, "j@example.org"))[0] == 403


async def test_a_hub_lead_cannot_promote_anyone_to_national_admin(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.user(Role.HUB_STAFF, hub)

    promoted = await client.patch(
        f"{USERS}/{staff.id}", json={"role": "national_admin"}, headers=lead.headers
    )

    assert promoted.status_code == 403
    assert (await client.get(f"{USERS}/{staff.id}", headers=lead.headers)).json()["role"] == (
        "hub_staff"
    )


async def test_deactivation_signs_the_user_out_and_can_be_undone(
    client: AsyncClient, app: FastAPI, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    created = (await client.post(USERS, json=new_user(), headers=lead.headers)).json()
    await accept_invitation(client, app, created["email"], NEW_PASSWORD)
    assert await sign_in(client, created["email"]) == 200

    deactivated = await client.patch(
        f"{USERS}/{created['id']}", json={"is_active": False}, headers=lead.headers
    )

    assert deactivated.status_code == 200 and deactivated.json()["is_active"] is False
    assert await sign_in(client, created["email"]) == 400
    inactive = await client.get(USERS, params={"is_active": "false"}, headers=lead.headers)
    assert [u["id"] for u in inactive.json()["items"]] == [created["id"]]
    (event,) = await audit_events(client, lead, entity_id=created["id"], action="user.updated")
    assert (event["before"], event["after"]) == ({"is_active": True}, {"is_active": False})

    reactivated = await client.patch(
        f"{USERS}/{created['id']}", json={"is_active": True}, headers=lead.headers
    )
    assert reactivated.status_code == 200
    assert await sign_in(client, created["email"]) == 200


async def test_nobody_deactivates_or_demotes_themselves(
    client: AsyncClient, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    for change in ({"is_active": False}, {"role": "hub_staff"}):
        response = await client.patch(f"{USERS}/{lead.id}", json=change, headers=lead.headers)
        assert response.status_code == 403, change
    renamed = await client.patch(
        f"{USERS}/{lead.id}", json={"name": "New Name"}, headers=lead.headers
    )
    assert renamed.status_code == 200


async def test_list_filters(client: AsyncClient, factory: Factory) -> None:
    north, south = await factory.hub(), await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    specialist = await factory.user(Role.SPECIALIST, north, name="Priya Shah")
    staff = await factory.user(Role.HUB_STAFF, south, email="sam@school.example.org")

    async def ids(**params: str) -> list[str]:
        response = await client.get(USERS, params=params, headers=admin.headers)
        assert response.status_code == 200
        return [u["id"] for u in response.json()["items"]]

    assert await ids(role="specialist") == [str(specialist.id)]
    assert await ids(hub_id=str(south.id)) == [str(staff.id)]
    assert await ids(q="priya") == [str(specialist.id)]
    assert await ids(q="school.example") == [str(staff.id)]
    assert await ids(role="national_admin") == [str(admin.id)]


async def test_a_short_long_or_common_password_is_refused_in_sentences(
    client: AsyncClient, app: FastAPI, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    created = (await client.post(USERS, json=new_user(), headers=lead.headers)).json()
    from tests.factories import emailed_link

    link = f"/api/v1/invitations/{await emailed_link(app, created['email'])}"

    short = await client.post(link, json={"password": "x" * 11})
    long = await client.post(link, json={"password": "correct horse battery " * 10})
    common = await client.post(link, json={"password": "password1234"})
    named = await client.post(link, json={"password": "amira.khan1234"})

    for response in (short, long, common, named):
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == ["password"]
    assert short.json()["errors"][0]["message"] == (
        "Choose a longer password: at least 12 characters."
    )
    assert long.json()["errors"][0]["message"].startswith("Choose a shorter password")
    assert common.json()["errors"][0]["message"].startswith("That password is too common")
    assert named.json()["errors"][0]["message"].startswith("That password is too common")
    assert "password1234" not in common.text
    accepted = await client.post(link, json={"password": NEW_PASSWORD})
    assert accepted.status_code == 204, accepted.text
