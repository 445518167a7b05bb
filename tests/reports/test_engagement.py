"""The engagement report: per school, work groups signed up vs completed in a year."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from tests.factories import Caller, Factory
from tests.trg_meetings.world import World, world

from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role

__all__ = ["world"]
URL = "/api/v1/reports/engagement"


async def _work_group(
    client: AsyncClient,
    caller: Caller,
    lead: Specialist,
    code: str,
    schools: dict[School, bool | None],
    academic_year: str = "2021/22",
    status: str = "completed",
) -> None:
    body: dict[str, Any] = {
        "code": code,
        "title": f"Work group {code}",
        "phase": "develop",
        "programme": "primary",
        "academic_year": academic_year,
        "lead_specialist_ids": [str(lead.id)],
        "status": status,
        "schools": [
            {"school_id": str(school.id), "completed": completed}
            for school, completed in schools.items()
        ],
    }
    response = await client.post("/api/v1/work-groups", json=body, headers=caller.headers)
    assert response.status_code == 201, response.text


async def test_signed_up_and_completed_are_counted_apart(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub, other_hub = await factory.hub(), await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    other_staff = await factory.caller(Role.HUB_STAFF, other_hub)
    cohort = await world.cohort("2019/20")
    lead = await world.specialist(hub, cohort)
    other_lead = await world.specialist(other_hub, cohort)
    ash = await world.school(hub, name="Ash Primary")
    birch = await world.school(hub, name="Birch Infants")
    cedar = await world.school(hub, name="Cedar Juniors")
    await _work_group(client, staff, lead, "A", {ash: True, birch: False})
    await _work_group(client, staff, lead, "B", {ash: True, birch: None}, status="running")
    await _work_group(client, staff, lead, "C", {cedar: True}, status="cancelled")
    await _work_group(client, staff, lead, "D", {cedar: True}, academic_year="2020/21")
    await _work_group(client, other_staff, other_lead, "E", {ash: True, birch: True})

    report = await client.get(URL, params={"academic_year": "2021/22"}, headers=staff.headers)

    assert report.status_code == 200, report.text
    body = report.json()
    assert body["academic_year"] == "2021/22"
    assert [
        (s["urn"], s["name"], s["work_groups_signed_up"], s["work_groups_completed"])
        for s in body["schools"]
    ] == [(ash.urn, "Ash Primary", 2, 2), (birch.urn, "Birch Infants", 2, 0)]
    assert body["totals"] == {
        "schools_signed_up": 2,
        "schools_completed": 1,
        "work_group_places_signed_up": 4,
        "work_group_places_completed": 2,
    }
    earlier = await client.get(URL, params={"academic_year": "2020/21"}, headers=staff.headers)
    assert [(s["urn"], s["work_groups_completed"]) for s in earlier.json()["schools"]] == [
        (cedar.urn, 1)
    ]
    theirs = await client.get(URL, params={"academic_year": "2021/22"}, headers=other_staff.headers)
    assert theirs.json()["totals"] == {
        "schools_signed_up": 2,
        "schools_completed": 2,
        "work_group_places_signed_up": 2,
        "work_group_places_completed": 2,
    }


async def test_the_academic_year_is_validated_and_specialists_are_refused(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist, _ = await world.specialist_caller(hub, await world.cohort())

    for bad in ("2021/23", "2021-22", "21/22"):
        response = await client.get(URL, params={"academic_year": bad}, headers=staff.headers)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == "academic_year"
    missing = await client.get(URL, headers=staff.headers)
    assert missing.status_code == 422
    refused = await client.get(URL, params={"academic_year": "2021/22"}, headers=specialist.headers)
    assert refused.status_code == 403
