"""Early warnings: the rules held as data turn each specialist's year so far into a status."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.kit.clock import current_time
from masteryhub.models.cohort import CohortYearRule, DeliveryMode
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.release_day_entry import EntryKind, ReleaseDayEntry
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.models.work_group import WorkGroup, WorkGroupLead, WorkGroupPhase
from tests.factories import Factory
from tests.trg_meetings.world import World, world

__all__ = ["world"]
URL = "/api/v1/reports/early-warnings"
YEAR = "2021/22"


@pytest.fixture
def today(app: FastAPI) -> Iterator[list[datetime]]:
    now = [datetime(2022, 3, 15, 12, tzinfo=UTC)]
    app.dependency_overrides[current_time] = lambda: now[0]
    yield now
    app.dependency_overrides.pop(current_time, None)


def _trg(specialist: Specialist, held_on: date, kind: TrgMeetingKind) -> TrgMeeting:
    return TrgMeeting(
        hub_id=specialist.hub_id,
        kind=kind,
        lead_specialist_id=specialist.id,
        held_on=held_on,
        mode=DeliveryMode.IN_PERSON,
    )


async def test_each_specialist_gets_a_status_with_its_reasons(
    client: AsyncClient, factory: Factory, world: World, today: list[datetime]
) -> None:
    hub, other = await factory.hub(), await factory.hub()
    first_year = await world.cohort("2021/22")
    second_year = await world.cohort("2020/21")
    await factory.add(
        CohortYearRule(cohort_id=first_year.id, programme_year=1, release_half_days=30),
        CohortYearRule(cohort_id=second_year.id, programme_year=2, release_half_days=20),
    )
    r1 = await world.residential(first_year, date(2021, 10, 4), title="Residential 1")
    r2 = await world.residential(first_year, date(2022, 1, 10), title="Residential 2")
    await world.residential(first_year, date(2022, 6, 6), title="Residential 3")  # still ahead
    keen = await world.specialist(hub, first_year, last_name="Keen")
    slow = await world.specialist(hub, first_year, last_name="Slow")
    leader = await world.specialist(hub, second_year, last_name="Leader")
    idle = await world.specialist(hub, second_year, last_name="Idle")
    elsewhere = await world.specialist(other, second_year, last_name="Elsewhere")
    group = WorkGroup(
        hub_id=hub.id,
        code="WG1",
        title="WG1",
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year=YEAR,
    )
    await factory.add(
        ResidentialAttendance(
            hub_id=hub.id,
            residential_id=r1.id,
            specialist_id=keen.id,
            status=AttendanceStatus.ATTENDED,
        ),
        ResidentialAttendance(
            hub_id=hub.id,
            residential_id=r2.id,
            specialist_id=keen.id,
            status=AttendanceStatus.EXCUSED,
        ),
        ResidentialAttendance(
            hub_id=hub.id,
            residential_id=r1.id,
            specialist_id=slow.id,
            status=AttendanceStatus.ABSENT,
        ),
        _trg(keen, date(2022, 3, 1), TrgMeetingKind.SCHOOL),
        _trg(keen, date(2021, 11, 1), TrgMeetingKind.PILOT),
        _trg(slow, date(2021, 11, 1), TrgMeetingKind.SCHOOL),  # not this half-term
        _trg(leader, date(2022, 2, 20), TrgMeetingKind.SCHOOL),
        _trg(idle, date(2022, 3, 10), TrgMeetingKind.SCHOOL),
        group,
    )
    entries = [
        ReleaseDayEntry(
            hub_id=hub.id,
            specialist_id=s.id,
            academic_year=YEAR,
            worked_on=date(2021, 11, 1),
            kind=EntryKind.RELEASE_DAYS,
            half_days=half_days,
            amount_pence=0,
            school_id=(await world.school(hub)).id,
            recorded_by_label="test",
        )
        for s, half_days in ((keen, 12), (slow, 3), (leader, 10), (idle, 10))
    ]
    await factory.add(
        WorkGroupLead(hub_id=hub.id, work_group_id=group.id, specialist_id=leader.id), *entries
    )
    lead = await factory.caller(Role.HUB_LEAD, hub)

    response = await client.get(URL, params={"academic_year": YEAR}, headers=lead.headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["as_of"] == "2022-03-15"
    statuses = {i["last_name"]: (i["status"], i["reasons"]) for i in body["items"]}
    assert statuses["Keen"] == ("on_track", [])
    assert statuses["Leader"] == ("on_track", [])
    assert statuses["Idle"] == ("behind", ["Leads no work group this year."])
    # Slow missed residential 1 (absent) and 2 (unrecorded): both residential rules fire.
    assert statuses["Slow"] == (
        "behind",
        [
            "Missed a residential.",
            "Missed two residentials.",
            "No school TRG this half-term.",
            "No pilot TRG by March.",
            "Under a third of release days used by February.",
        ],
    )
    assert "Elsewhere" not in statuses and elsewhere.id  # another hub's specialist
    assert body["counts"] == {"on_track": 2, "at_risk": 0, "behind": 2}

    # Filtered by status, and the same rules earlier in the year fire less.
    behind = await client.get(
        URL, params={"academic_year": YEAR, "status": "behind"}, headers=lead.headers
    )
    assert [i["last_name"] for i in behind.json()["items"]] == ["Idle", "Slow"]
    today[0] = datetime(2021, 9, 20, 12, tzinfo=UTC)
    early = (await client.get(URL, params={"academic_year": YEAR}, headers=lead.headers)).json()
    assert {i["last_name"]: i["status"] for i in early["items"]} == {
        "Keen": "on_track",
        "Slow": "on_track",
        "Leader": "on_track",
        "Idle": "on_track",
    }


async def test_the_roll_up_counts_each_hubs_specialists_needing_attention(
    client: AsyncClient, factory: Factory, world: World, today: list[datetime]
) -> None:
    hub, other = await factory.hub(), await factory.hub()
    cohort = await world.cohort("2020/21")
    await world.specialist(hub, cohort)  # leads no work group: behind
    await world.specialist(hub, cohort)
    await world.specialist(other, cohort)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    body = (
        await client.get(
            "/api/v1/reports/hubs", params={"academic_year": YEAR}, headers=admin.headers
        )
    ).json()

    assert {row["hub_id"]: row["at_risk_specialists"] for row in body["hubs"]} == {
        str(hub.id): 2,
        str(other.id): 1,
    }
    assert body["totals"]["at_risk_specialists"] == 3
    one_hub = await client.get(
        URL, params={"academic_year": YEAR, "hub_id": str(other.id)}, headers=admin.headers
    )
    assert len(one_hub.json()["items"]) == 1


async def test_the_rules_are_listed_in_order(client: AsyncClient, factory: Factory) -> None:
    staff = await factory.caller(Role.HUB_STAFF)
    body = (await client.get("/api/v1/early-warning-rules", headers=staff.headers)).json()
    assert [rule["position"] for rule in body["items"]] == list(range(1, 8))
    assert body["items"][2]["reason"] == "No school TRG this half-term."
