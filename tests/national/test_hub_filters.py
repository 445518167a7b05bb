"""`hub_id` on every list: a national admin narrows applications, specialists, work groups,
TRG meetings and schools to one hub; specialists also filter by early warning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.kit.clock import current_time
from masteryhub.models.application import Application, ApplicationSource
from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.hub import Hub
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.models.work_group import WorkGroup, WorkGroupLead, WorkGroupPhase
from tests.factories import Factory
from tests.national.world import england_school
from tests.trg_meetings.world import World, world

__all__ = ["world"]


@pytest.fixture
def today(app: FastAPI) -> Iterator[None]:
    app.dependency_overrides[current_time] = lambda: datetime(2022, 3, 15, 12, tzinfo=UTC)
    yield
    app.dependency_overrides.pop(current_time, None)


async def _hub_records(factory: Factory, world: World, hub: Hub, n: int) -> dict[str, str]:
    cohort = await world.cohort("2020/21")
    school = england_school(hub)
    await factory.add(school)
    busy = await world.specialist(hub, cohort, school, last_name=f"Busy{n}")
    idle = await world.specialist(hub, cohort, school, last_name=f"Idle{n}")
    group = WorkGroup(
        hub_id=hub.id,
        code=f"F{n}",
        title=f"Filter {n}",
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year="2021/22",
    )
    meeting = TrgMeeting(
        hub_id=hub.id,
        kind=TrgMeetingKind.SCHOOL,
        lead_specialist_id=busy.id,
        held_on=date(2022, 3, 1),
        mode=DeliveryMode.IN_PERSON,
    )
    application = Application(
        hub_id=hub.id,
        reference=f"FLT-{n:06d}",
        cohort_id=cohort.id,
        source=ApplicationSource.API,
        submitted_at=datetime(2020, 5, 1, tzinfo=UTC),
        applicant_first_name="Ada",
        applicant_last_name="Applicant",
        applicant_email=f"filter{n}@example.org",
        has_qts=True,
        statement="Maths.",
        consent_to_data_processing=True,
        headteacher_name="Head",
        headteacher_email=f"head-filter{n}@example.org",
    )
    await factory.add(group, meeting, application)
    await factory.add(WorkGroupLead(hub_id=hub.id, work_group_id=group.id, specialist_id=busy.id))
    return {
        "specialists": str(busy.id),
        "idle": str(idle.id),
        "work-groups": str(group.id),
        "trg-meetings": str(meeting.id),
        "applications": str(application.id),
        "schools": str(school.id),
    }


async def test_a_national_admin_narrows_each_list_to_one_hub(
    client: AsyncClient, factory: Factory, world: World, today: None
) -> None:
    north, south = await factory.hub(), await factory.hub()
    records = {north.id: await _hub_records(factory, world, north, 1)}
    records[south.id] = await _hub_records(factory, world, south, 2)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    for hub in (north, south):
        for path in ("applications", "specialists", "work-groups", "trg-meetings", "schools"):
            response = await client.get(
                f"/api/v1/{path}", params={"hub_id": str(hub.id)}, headers=admin.headers
            )
            assert response.status_code == 200, (path, response.text)
            ids = {item["id"] for item in response.json()["items"]}
            mine = {records[hub.id][path]} | (
                {records[hub.id]["idle"]} if path == "specialists" else set()
            )
            assert ids == mine, path
            hubs = {item.get("hub_id") or item["hub"]["id"] for item in response.json()["items"]}
            assert hubs == {str(hub.id)}, path


async def test_specialists_filter_and_show_their_early_warning(
    client: AsyncClient, factory: Factory, world: World, today: None
) -> None:
    north, south = await factory.hub(), await factory.hub()
    records = await _hub_records(factory, world, north, 3)
    await _hub_records(factory, world, south, 4)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    params = {
        "hub_id": str(north.id),
        "academic_year": "2021/22",
        "early_warning": ["at_risk", "behind"],
    }

    response = await client.get("/api/v1/specialists", params=params, headers=admin.headers)

    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [item["id"] for item in items] == [records["idle"]]
    assert items[0]["early_warning"] == {
        "status": "behind",
        "reasons": ["No school TRG this half-term.", "Leads no work group this year."],
    }
    everyone = await client.get(
        "/api/v1/specialists",
        params={"hub_id": str(north.id), "academic_year": "2021/22"},
        headers=admin.headers,
    )
    assert {i["id"]: i["early_warning"]["status"] for i in everyone.json()["items"]} == {
        records["specialists"]: "on_track",
        records["idle"]: "behind",
    }
