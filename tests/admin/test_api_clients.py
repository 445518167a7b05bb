"""API clients: hub leads issue them for their hub; the secret is shown once; revocable."""

from __future__ import annotations

import json

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory

CLIENTS = "/api/v1/api-clients"
TOKEN = "/api/v1/auth/token"


async def test_the_secret_is_shown_once_and_works(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)

    created = await client.post(
        CLIENTS,
        json={"name": "Google Form intake", "scopes": ["applications:submit"]},
        headers=lead.headers,
    )

    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"
    body = created.json()
    secret = body["client_secret"]
    assert len(secret) >= 32
    assert body["hub_id"] == str(hub.id) and body["scopes"] == ["applications:submit"]
    token = await client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": body["client_id"],
            "client_secret": secret,
        },
    )
    assert token.status_code == 200 and token.json()["scope"] == "applications:submit"

    read = await client.get(f"{CLIENTS}/{body['id']}", headers=lead.headers)
    listed = await client.get(CLIENTS, headers=lead.headers)
    trail = await client.get(
        "/api/v1/audit-events", params={"entity_id": body["id"]}, headers=lead.headers
    )
    for response in (read, listed, trail):
        assert response.status_code == 200
        assert secret not in response.text
        assert "client_secret" not in response.text and "secret_hash" not in response.text
        assert "argon2" not in response.text
    assert read.json()["client_id"] == body["client_id"]
    assert [c["id"] for c in listed.json()["items"]] == [body["id"]]
    (event,) = trail.json()["items"]
    assert event["action"] == "api_client.created" and event["actor_id"] == str(lead.id)


async def test_a_national_admin_names_the_hub(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    body = {"name": "Hub system", "scopes": ["applications:read"]}

    unnamed = await client.post(CLIENTS, json=body, headers=admin.headers)
    named = await client.post(CLIENTS, json={**body, "hub_id": str(hub.id)}, headers=admin.headers)

    assert unnamed.status_code == 422
    assert [e["field"] for e in unnamed.json()["errors"]] == ["hub_id"]
    assert named.status_code == 201 and named.json()["hub_id"] == str(hub.id)


async def test_scopes_must_be_known_and_present(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    for scopes in ([], ["everything"], ["applications:submit", "admin"]):
        response = await client.post(
            CLIENTS, json={"name": "Bad", "scopes": scopes}, headers=lead.headers
        )
        assert response.status_code == 422, scopes
        assert {e["field"].split(".")[0] for e in response.json()["errors"]} == {"scopes"}
    assert (await client.get(CLIENTS, headers=lead.headers)).json()["items"] == []


async def test_revoking_stops_the_client_and_is_audited(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    machine = await factory.api_client(hub, ["applications:read"])

    revoked = await client.delete(f"{CLIENTS}/{machine.id}", headers=lead.headers)
    again = await client.delete(f"{CLIENTS}/{machine.id}", headers=lead.headers)

    assert revoked.status_code == again.status_code == 204
    assert (await client.get("/api/v1/me", headers=machine.headers)).status_code == 401
    read = await client.get(f"{CLIENTS}/{machine.id}", headers=lead.headers)
    assert read.json()["is_active"] is False
    active = await client.get(CLIENTS, params={"is_active": "true"}, headers=lead.headers)
    assert active.json()["items"] == []
    events = (
        await client.get(
            "/api/v1/audit-events", params={"action": "api_client.revoked"}, headers=lead.headers
        )
    ).json()["items"]
    assert len(events) == 1  # revoking twice changes nothing the second time
    assert (events[0]["before"], events[0]["after"]) == ({"is_active": True}, {"is_active": False})
    assert "secret" not in json.dumps(events)


async def test_staff_and_clients_manage_no_clients(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    machine = await factory.api_client(hub, ["applications:read"])
    for caller in (
        await factory.caller(Role.HUB_STAFF, hub),
        await factory.caller(Role.SPECIALIST, hub),
        machine,
    ):
        listed = await client.get(CLIENTS, headers=caller.headers)
        created = await client.post(
            CLIENTS, json={"name": "X", "scopes": ["applications:read"]}, headers=caller.headers
        )
        revoked = await client.delete(f"{CLIENTS}/{machine.id}", headers=caller.headers)
        assert listed.status_code == created.status_code == revoked.status_code == 403
    assert (await client.get("/api/v1/me", headers=machine.headers)).status_code == 200
