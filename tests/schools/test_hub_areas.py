"""Hub areas: which LAs a hub owns, and schools following their LA's hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.school import HubArea
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.schools.conftest import import_file, school_by_urn
from tests.schools.gias_files import gias_row, write_gias_file
from tests.schools.test_schools import count_queries, make_school

# Imports run as a task of their own beside the requests polling them: real commits.
pytestmark = pytest.mark.real_commits

AREAS = [
    {"code": "330", "name": "Birmingham"},
    {"code": "331", "name": "Coventry"},
    {"code": "333", "name": None},
]


def areas(hub_id: object) -> str:
    return f"/api/v1/hubs/{hub_id}/areas"


async def test_setting_an_area_routes_the_schools_that_follow_their_la(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    other = await factory.hub()
    overridden = make_school("100003", "Overridden", la_code="331", hub_id=other.id)
    overridden.hub_overridden = True
    await factory.add(
        make_school("100001", "In 330", la_code="330"),
        make_school("100002", "In 331", la_code="331", la_name="Coventry"),
        overridden,
        make_school("100004", "In 332", la_code="332"),
    )
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    with count_queries(app) as statements:
        response = await client.put(
            areas(hub.id), json={"la_codes": ["331", "330", "330", "333"]}, headers=admin.headers
        )

    assert response.status_code == 200, response.text
    # Names come from the imported schools (GIAS); 333 has none imported, so no name yet.
    assert response.json() == {
        "hub_id": str(hub.id),
        "la_codes": ["330", "331", "333"],
        "areas": AREAS,
        "schools_rerouted": 2,
    }
    school_updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE SCHOOLS")]
    assert len(school_updates) == 1  # one statement, not a loop over schools
    hubs = {
        urn: (await school_by_urn(client, admin, urn))["hub_id"]
        for urn in ("100001", "100002", "100003", "100004")
    }
    assert hubs == {
        "100001": str(hub.id),
        "100002": str(hub.id),
        "100003": str(other.id),  # a national admin's override stands
        "100004": None,
    }
    with count_queries(app) as reads:
        read = await client.get(areas(hub.id), headers=admin.headers)
    assert read.json() == {
        "hub_id": str(hub.id),
        "la_codes": ["330", "331", "333"],
        "areas": AREAS,
    }
    assert len([s for s in reads if "FROM schools" in s]) == 1  # one GROUP BY for every name
    events = await client.get(
        "/api/v1/audit-events", params={"action": "hub.areas_replaced"}, headers=admin.headers
    )
    [audit] = events.json()["items"]
    assert audit["before"] == {"la_codes": [], "schools_rerouted": None}
    assert audit["after"] == {"la_codes": ["330", "331", "333"], "schools_rerouted": 2}


async def test_removing_an_la_takes_its_schools_out_of_the_hub(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    await factory.add(HubArea(hub_id=hub.id, la_code="330"), HubArea(hub_id=hub.id, la_code="331"))
    await factory.add(
        make_school("100001", "In 330", la_code="330", hub_id=hub.id),
        make_school("100002", "In 331", la_code="331", hub_id=hub.id),
    )
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    before = await school_by_urn(client, admin, "100002")

    response = await client.put(areas(hub.id), json={"la_codes": ["330"]}, headers=admin.headers)

    assert response.json()["schools_rerouted"] == 1
    moved = await school_by_urn(client, admin, "100002")
    assert moved["hub_id"] is None
    assert moved["updated_at"] > before["updated_at"]  # integrators syncing see the change
    assert (await school_by_urn(client, admin, "100001"))["hub_id"] == str(hub.id)
    same = await client.put(areas(hub.id), json={"la_codes": ["330"]}, headers=admin.headers)
    assert same.json()["schools_rerouted"] == 0


async def test_an_la_in_another_hubs_area_is_a_conflict_naming_it(
    client: AsyncClient, factory: Factory
) -> None:
    north = await factory.hub(code="north", name="North Star Maths Hub")
    south = await factory.hub()
    await factory.add(HubArea(hub_id=north.id, la_code="330"))
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.put(
        areas(south.id), json={"la_codes": ["331", "330"]}, headers=admin.headers
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "la_in_another_hub_area"
    assert "LA 330 is in North Star Maths Hub (north)" in body["detail"]
    assert body["conflicts"] == [
        {"la_code": "330", "hub_id": str(north.id), "hub_code": "north", "hub_name": north.name}
    ]
    assert (await client.get(areas(south.id), headers=admin.headers)).json()["la_codes"] == []


async def test_a_hub_lead_sets_their_own_hubs_area_only(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    other = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)

    own = await client.put(areas(hub.id), json={"la_codes": ["330"]}, headers=lead.headers)
    theirs = await client.put(areas(other.id), json={"la_codes": ["331"]}, headers=lead.headers)
    by_staff = await client.put(areas(hub.id), json={"la_codes": []}, headers=staff.headers)

    assert own.status_code == 200
    assert theirs.status_code == 403
    assert by_staff.status_code == 403
    assert (await client.get(areas(hub.id), headers=staff.headers)).json()["la_codes"] == ["330"]


@pytest.mark.parametrize("codes", [["33"], ["ABC"], ["3300"], "330"])
async def test_la_codes_are_three_digits(
    client: AsyncClient, factory: Factory, codes: object
) -> None:
    hub = await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.put(areas(hub.id), json={"la_codes": codes}, headers=admin.headers)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("la_codes")


async def test_unknown_hub_is_404(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    unknown = "0190a0a0-0000-7000-8000-000000000000"

    assert (await client.get(areas(unknown), headers=admin.headers)).status_code == 404
    put = await client.put(areas(unknown), json={"la_codes": []}, headers=admin.headers)
    assert put.status_code == 404


async def test_imported_schools_follow_the_area_unless_overridden(
    client: AsyncClient, factory: Factory, tmp_path: Path
) -> None:
    birmingham = await factory.hub()
    coventry = await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await client.put(areas(birmingham.id), json={"la_codes": ["330"]}, headers=admin.headers)
    await client.put(areas(coventry.id), json={"la_codes": ["331"]}, headers=admin.headers)
    rows = [gias_row("100001", "Moves LA"), gias_row("100002", "Overridden, moves LA")]
    await import_file(client, admin, write_gias_file(tmp_path / "a.csv", rows))
    first = await school_by_urn(client, admin, "100001")
    assert first["hub_id"] == str(birmingham.id)
    overridden = await school_by_urn(client, admin, "100002")
    await client.patch(
        f"/api/v1/schools/{overridden['id']}",
        json={"hub_id": str(birmingham.id)},
        headers=admin.headers,
    )
    moved = [gias_row("100001", "Moves LA", la_code="331")]
    moved.append(gias_row("100002", "Overridden, moves LA", la_code="331"))

    job = await import_file(client, admin, write_gias_file(tmp_path / "b.csv", moved))

    assert job["updated"] == 2
    assert (await school_by_urn(client, admin, "100001"))["hub_id"] == str(coventry.id)
    kept = await school_by_urn(client, admin, "100002")
    assert (kept["hub_id"], kept["la_code"]) == (str(birmingham.id), "331")
