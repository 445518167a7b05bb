"""The audit trail: read-only, hub-scoped, filterable."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.queries import count_queries

EVENTS = "/api/v1/audit-events"


async def events(client: AsyncClient, caller: Caller, **filters: str) -> list[dict[str, Any]]:
    response = await client.get(EVENTS, params={"limit": 200, **filters}, headers=caller.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_each_hub_reads_its_own_trail_and_national_admins_read_all(
    client: AsyncClient, factory: Factory
) -> None:
    north, south = await factory.hub(), await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    north_lead = await factory.caller(Role.HUB_LEAD, north)
    south_lead = await factory.caller(Role.HUB_LEAD, south)
    for lead, email in ((north_lead, "n@example.org"), (south_lead, "s@example.org")):
        created = await client.post(
            "/api/v1/users",
            json={"email": email, "name": "New", "role": "hub_staff"},
            headers=lead.headers,
        )
        assert created.status_code == 201
    renamed = await client.patch(
        f"/api/v1/hubs/{north.id}", json={"region": "North East"}, headers=admin.headers
    )
    assert renamed.status_code == 200
    national = await client.post(
        "/api/v1/hubs", json={"code": "east", "name": "East Hub"}, headers=admin.headers
    )
    assert national.status_code == 201

    north_trail = await events(client, north_lead)
    south_trail = await events(client, south_lead)
    everything = await events(client, admin)

    assert [(e["action"], e["hub_id"]) for e in north_trail] == [
        ("user.created", str(north.id)),
        ("hub.updated", str(north.id)),  # their hub's own record changed: theirs to see
    ]
    assert [(e["action"], e["hub_id"]) for e in south_trail] == [("user.created", str(south.id))]
    assert len(everything) == 4
    assert everything[-1]["action"] == "hub.created" and everything[-1]["hub_id"] is None
    south_event = south_trail[0]["id"]
    assert (
        await client.get(f"{EVENTS}/{south_event}", headers=north_lead.headers)
    ).status_code == 404
    assert (await client.get(f"{EVENTS}/{south_event}", headers=south_lead.headers)).json() == (
        south_trail[0]
    )


async def test_filters(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    other_lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.user(Role.HUB_STAFF, hub, name="Before")

    first = await client.patch(
        f"/api/v1/users/{staff.id}", json={"name": "First"}, headers=lead.headers
    )
    await asyncio.sleep(0.01)
    between = datetime.now(UTC).isoformat()
    await asyncio.sleep(0.01)
    second = await client.patch(
        f"/api/v1/users/{staff.id}",
        json={"name": "Second"},
        headers={**other_lead.headers, "X-Request-ID": "integration-run-7"},
    )
    client_created = await client.post(
        "/api/v1/api-clients",
        json={"name": "Form", "scopes": ["applications:submit"]},
        headers=lead.headers,
    )
    assert first.status_code == second.status_code == 200 and client_created.status_code == 201

    by_entity = await events(client, lead, entity_type="users", entity_id=str(staff.id))
    assert [e["after"]["name"] for e in by_entity] == ["First", "Second"]
    by_actor = await events(client, lead, actor_id=str(other_lead.id))
    assert [e["after"] for e in by_actor] == [{"name": "Second"}]
    assert by_actor[0]["request_id"] == "integration-run-7"  # ties the change to its request
    assert by_actor[0]["actor_label"] == other_lead.email
    by_action = await events(client, lead, action="api_client.created")
    assert [e["entity_id"] for e in by_action] == [client_created.json()["id"]]
    by_type = await events(client, lead, entity_type="api_clients")
    assert by_type == by_action
    after = await events(client, lead, occurred_after=between)
    assert [e["action"] for e in after] == ["user.updated", "api_client.created"]
    before = await events(client, lead, occurred_before=between)
    assert [e["after"] for e in before] == [{"name": "First"}]


async def test_the_trail_is_read_only(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await client.post("/api/v1/hubs", json={"code": "east", "name": "East"}, headers=admin.headers)
    (event,) = await events(client, admin)

    for method in ("POST", "PUT", "PATCH", "DELETE"):
        url = EVENTS if method == "POST" else f"{EVENTS}/{event['id']}"
        response = await client.request(method, url, json={}, headers=admin.headers)
        assert response.status_code == 405, method
    assert await events(client, admin) == [event]


async def test_staff_do_not_read_the_trail(client: AsyncClient, factory: Factory) -> None:
    staff = await factory.caller(Role.HUB_STAFF)

    response = await client.get(EVENTS, headers=staff.headers)

    assert response.status_code == 403


async def test_newest_first_on_request_with_filters_and_a_constant_query_count(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.user(Role.HUB_STAFF, hub, name="Before")
    for name in ("First", "Second", "Third"):
        patched = await client.patch(
            f"/api/v1/users/{staff.id}", json={"name": name}, headers=lead.headers
        )
        assert patched.status_code == 200

    oldest_first = await events(client, lead, entity_id=str(staff.id))
    newest_first = await events(client, lead, entity_id=str(staff.id), order="desc")

    assert [e["after"]["name"] for e in oldest_first] == ["First", "Second", "Third"]
    assert newest_first == oldest_first[::-1]
    counts = []
    for limit in (1, 3):
        with count_queries(app) as statements:
            response = await client.get(
                EVENTS, params={"limit": limit, "order": "desc"}, headers=lead.headers
            )
        assert response.status_code == 200 and len(response.json()["items"]) == limit
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
