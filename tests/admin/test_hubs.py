"""Hubs: national reference data. National admins create and edit them; everyone reads."""

from __future__ import annotations

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory

HUBS = "/api/v1/hubs"


async def test_a_national_admin_creates_a_hub(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    created = await client.post(
        HUBS,
        json={"code": "north", "name": "North Star Maths Hub", "region": "North West"},
        headers=admin.headers,
    )

    assert created.status_code == 201, created.text
    hub = created.json()
    assert hub["code"] == "north" and hub["region"] == "North West"
    assert created.headers["location"] == f"/api/v1/hubs/{hub['id']}"
    read = await client.get(created.headers["location"], headers=admin.headers)
    assert read.json() == hub
    assert read.headers["etag"] == created.headers["etag"]
    events = (await client.get("/api/v1/audit-events", headers=admin.headers)).json()["items"]
    assert [(e["action"], e["entity_id"], e["hub_id"]) for e in events] == [
        ("hub.created", hub["id"], None)
    ]
    assert events[0]["actor_id"] == str(admin.id)
    assert events[0]["after"]["code"] == "north"


async def test_a_duplicate_code_is_409(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await factory.hub(code="north")

    duplicate = await client.post(
        HUBS, json={"code": "north", "name": "Another North"}, headers=admin.headers
    )

    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == "application/problem+json"
    assert duplicate.json()["code"] == "already_exists"


async def test_a_bad_code_is_a_422_naming_the_field(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    invalid = await client.post(
        HUBS, json={"code": "North Hub!", "name": "N"}, headers=admin.headers
    )

    assert invalid.status_code == 422
    assert sorted(e["field"] for e in invalid.json()["errors"]) == ["code", "name"]


async def test_a_national_admin_edits_a_hub_and_the_trail_shows_the_change(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    hub = await factory.hub(code="south", name="Solent Maths Hub")

    edited = await client.patch(
        f"{HUBS}/{hub.id}",
        json={"name": "Solent and Isle of Wight Maths Hub"},
        headers=admin.headers,
    )

    assert edited.status_code == 200
    assert edited.json()["name"] == "Solent and Isle of Wight Maths Hub"
    assert edited.json()["code"] == "south"  # the code cannot be changed
    events = (
        await client.get(
            "/api/v1/audit-events", params={"action": "hub.updated"}, headers=admin.headers
        )
    ).json()["items"]
    assert len(events) == 1
    assert events[0]["before"] == {"name": "Solent Maths Hub"}
    assert events[0]["after"] == {"name": "Solent and Isle of Wight Maths Hub"}
    assert events[0]["hub_id"] == str(hub.id)


async def test_only_national_admins_create_or_edit_hubs(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    callers = [
        await factory.caller(Role.HUB_LEAD, hub),
        await factory.caller(Role.HUB_STAFF, hub),
        await factory.caller(Role.SPECIALIST, hub),
        await factory.api_client(hub, ["applications:read"]),
    ]

    for caller in callers:
        created = await client.post(
            HUBS, json={"code": "x-hub", "name": "X"}, headers=caller.headers
        )
        edited = await client.patch(f"{HUBS}/{hub.id}", json={"name": "Y"}, headers=caller.headers)
        assert created.status_code == edited.status_code == 403
        assert created.json()["code"] == edited.json()["code"] == "forbidden"
    assert (await client.get(f"{HUBS}/{hub.id}", headers=callers[0].headers)).json()[
        "name"
    ] == hub.name


async def test_everybody_signed_in_reads_every_hub(client: AsyncClient, factory: Factory) -> None:
    north, south = await factory.hub(code="north"), await factory.hub(code="south")
    readers = [
        await factory.caller(Role.HUB_STAFF, north),
        await factory.caller(Role.SPECIALIST, north),
        await factory.api_client(north, ["applications:submit"]),
    ]

    for reader in readers:
        listed = await client.get(HUBS, headers=reader.headers)
        assert [h["code"] for h in listed.json()["items"]] == ["north", "south"]
        assert (await client.get(f"{HUBS}/{south.id}", headers=reader.headers)).status_code == 200
    assert (await client.get(HUBS)).status_code == 401


async def test_search_and_unknown_hubs(client: AsyncClient, factory: Factory) -> None:
    staff = await factory.caller(Role.HUB_STAFF, await factory.hub(code="north", name="North Star"))
    await factory.hub(code="solent", name="Solent Maths Hub")

    found = await client.get(HUBS, params={"q": "SOLENT"}, headers=staff.headers)
    missing = await client.get(
        f"{HUBS}/01234567-89ab-7def-8123-456789abcdef", headers=staff.headers
    )

    assert [h["code"] for h in found.json()["items"]] == ["solent"]
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
