"""Reading schools and overriding a school's hub, through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.school import HubArea, School
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.queries import count_queries

SCHOOLS = "/api/v1/schools"


def make_school(urn: str, name: str, **fields: Any) -> School:
    values: dict[str, Any] = {
        "type_code": "1",
        "type_name": "Community school",
        "status_code": "1",
        "status_name": "Open",
        "phase_code": "2",
        "phase_name": "Primary",
        "la_code": "330",
        "la_name": "Birmingham",
        "region_code": "F",
        "region_name": "West Midlands",
        "is_state_funded": True,
        "is_in_england": True,
        "is_open": True,
    }
    values.update(fields)
    return School(urn=urn, name=name, **values)


async def _urns(client: AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get(SCHOOLS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [s["urn"] for s in response.json()["items"]]


async def test_filters(client: AsyncClient, factory: Factory) -> None:
    north = await factory.hub()
    await factory.add(
        make_school("100001", "St Thérèse’s Catholic Primary School", hub_id=north.id),
        make_school("100002", "Hodge Hill College", phase_code="4", phase_name="Secondary"),
        make_school(
            "100003",
            "Camden School for Girls",
            la_code="202",
            la_name="Camden",
            region_code="H",
            region_name="London",
            phase_code="4",
        ),
        make_school(
            "100004",
            "Eton College",
            type_code="11",
            is_state_funded=False,
            status_code="1",
            la_code="868",
            region_name="South East",
        ),
        make_school("100005", "Old 100% School", status_code="2", is_open=False),
    )
    staff = await factory.caller(Role.HUB_STAFF)
    h = staff.headers

    assert await _urns(client, h) == ["100001", "100002", "100003", "100004", "100005"]
    assert await _urns(client, h, q="THÉRÈSE’S") == ["100001"]
    assert await _urns(client, h, q="college") == ["100002", "100004"]
    assert await _urns(client, h, q="100%") == ["100005"]  # % is a letter, not a wildcard
    assert await _urns(client, h, q="_") == []
    assert await _urns(client, h, urn="100003") == ["100003"]
    assert await _urns(client, h, phase="4") == ["100002", "100003"]
    assert await _urns(client, h, la_code="202") == ["100003"]
    assert await _urns(client, h, region="London") == ["100003"]
    assert await _urns(client, h, region="H") == ["100003"]
    assert await _urns(client, h, hub_id=str(north.id)) == ["100001"]
    assert await _urns(client, h, status="2") == ["100005"]
    assert await _urns(client, h, state_funded="false") == ["100004"]
    assert await _urns(client, h, state_funded="true", phase="4") == ["100002", "100003"]
    bad = await client.get(SCHOOLS, params={"urn": "10000A", "la_code": "33"}, headers=h)
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"urn", "la_code"}


async def test_pages_follow_the_urn_with_a_cursor_and_link(
    client: AsyncClient, factory: Factory
) -> None:
    await factory.add(*(make_school(f"1000{n:02d}", f"School {n}") for n in range(7)))
    staff = await factory.caller(Role.HUB_STAFF)

    seen: list[str] = []
    url: str | None = f"{SCHOOLS}?limit=3"
    pages = 0
    while url:
        response = await client.get(url, headers=staff.headers)
        body = response.json()
        seen += [s["urn"] for s in body["items"]]
        pages += 1
        url = f"{SCHOOLS}?limit=3&cursor={body['next_cursor']}" if body["next_cursor"] else None
        if url:
            assert 'rel="next"' in response.headers["link"]

    assert pages == 3
    assert seen == [f"1000{n:02d}" for n in range(7)]


async def test_updated_after_lists_only_changed_schools(
    client: AsyncClient, factory: Factory
) -> None:
    await factory.add(make_school("100001", "Early School"))
    staff = await factory.caller(Role.HUB_STAFF)
    first = (await client.get(SCHOOLS, headers=staff.headers)).json()["items"][0]
    await factory.add(make_school("100002", "Later School"))

    later = await _urns(client, staff.headers, updated_after=first["updated_at"])

    assert later == ["100002"]


async def test_the_list_makes_the_same_queries_whatever_the_page_size(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    await factory.add(*(make_school(f"1100{n:02d}", f"School {n}") for n in range(30)))
    staff = await factory.caller(Role.HUB_STAFF)

    with count_queries(app) as small:
        assert len(await _urns(client, staff.headers, limit=2)) == 2
    with count_queries(app) as large:
        assert len(await _urns(client, staff.headers, limit=30)) == 30

    assert len(small) == len(large)


async def test_api_clients_need_schools_read(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    await factory.add(make_school("100001", "Any School"))
    reader = await factory.api_client(hub, ["schools:read"])
    other = await factory.api_client(hub, ["applications:submit"])

    assert await _urns(client, reader.headers) == ["100001"]
    refused = await client.get(SCHOOLS, headers=other.headers)
    assert refused.status_code == 403 and "schools:read" in refused.json()["detail"]
    assert (await client.get(SCHOOLS)).status_code == 401


async def test_read_one_school_with_an_etag(client: AsyncClient, factory: Factory) -> None:
    school = make_school("100001", "Any School")
    await factory.add(school)
    specialist = await factory.caller(Role.SPECIALIST)

    response = await client.get(f"{SCHOOLS}/{school.id}", headers=specialist.headers)

    assert response.status_code == 200
    assert response.json()["urn"] == "100001" and response.headers["etag"]
    not_an_id = await client.get(f"{SCHOOLS}/100001", headers=specialist.headers)
    assert not_an_id.status_code == 422  # ids are UUIDs; URNs are a filter
    unknown = await client.get(
        f"{SCHOOLS}/0190a0a0-0000-7000-8000-000000000000", headers=specialist.headers
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"


async def test_national_admin_overrides_the_hub_and_clears_the_override(
    client: AsyncClient, factory: Factory
) -> None:
    area_hub = await factory.hub()
    other_hub = await factory.hub()
    await factory.add(HubArea(hub_id=area_hub.id, la_code="330"))
    school = make_school("100001", "Any School", hub_id=area_hub.id)
    await factory.add(school)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    url = f"{SCHOOLS}/{school.id}"
    etag = (await client.get(url, headers=admin.headers)).headers["etag"]

    overridden = await client.patch(
        url, json={"hub_id": str(other_hub.id)}, headers=admin.headers | {"If-Match": etag}
    )

    assert overridden.status_code == 200, overridden.text
    assert overridden.json()["hub_id"] == str(other_hub.id)
    assert overridden.json()["hub_overridden"] is True
    stale = await client.patch(
        url, json={"hub_overridden": False}, headers=admin.headers | {"If-Match": etag}
    )
    assert stale.status_code == 412
    cleared = await client.patch(
        url,
        json={"hub_overridden": False},
        headers=admin.headers | {"If-Match": overridden.headers["etag"]},
    )
    assert cleared.status_code == 200
    assert cleared.json()["hub_id"] == str(area_hub.id)  # follows LA 330 again
    assert cleared.json()["hub_overridden"] is False
    events = await client.get(
        "/api/v1/audit-events", params={"entity_id": str(school.id)}, headers=admin.headers
    )
    actions = [(e["action"], e["before"], e["after"]) for e in events.json()["items"]]
    assert actions == [
        (
            "school.hub_overridden",
            {"hub_id": str(area_hub.id), "hub_overridden": False},
            {"hub_id": str(other_hub.id), "hub_overridden": True},
        ),
        (
            "school.hub_override_cleared",
            {"hub_id": str(other_hub.id), "hub_overridden": True},
            {"hub_id": str(area_hub.id), "hub_overridden": False},
        ),
    ]


async def test_override_to_no_hub(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    await factory.add(HubArea(hub_id=hub.id, la_code="330"))
    school = make_school("100001", "Any School", hub_id=hub.id)
    await factory.add(school)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.patch(
        f"{SCHOOLS}/{school.id}", json={"hub_id": None}, headers=admin.headers
    )

    assert response.status_code == 200
    assert response.json()["hub_id"] is None and response.json()["hub_overridden"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hub_overridden": True}, "hub_overridden"),
        ({"hub_overridden": False, "hub_id": None}, "hub_overridden"),
        ({"hub_id": "0190a0a0-0000-7000-8000-000000000000"}, "hub_id"),
        ({"name": "Renamed"}, "name"),
    ],
)
async def test_invalid_updates_are_422(
    client: AsyncClient, factory: Factory, body: dict[str, Any], field: str
) -> None:
    school = make_school("100001", "Any School")
    await factory.add(school)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.patch(f"{SCHOOLS}/{school.id}", json=body, headers=admin.headers)

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("role", [Role.HUB_LEAD, Role.HUB_STAFF])
async def test_only_national_admins_override(
    client: AsyncClient, factory: Factory, role: Role
) -> None:
    caller = await factory.caller(role)
    school = make_school("100001", "Any School")
    await factory.add(school)

    response = await client.patch(
        f"{SCHOOLS}/{school.id}", json={"hub_id": str(caller.hub_id)}, headers=caller.headers
    )

    assert response.status_code == 403
