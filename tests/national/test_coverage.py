"""`GET /reports/coverage`: England's state-funded open schools against those engaged."""

from __future__ import annotations

from datetime import date

from httpx import AsyncClient

from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.hub import Hub
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import School
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingAttendee, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupStatus,
)
from tests.factories import Factory
from tests.national.world import YEAR, england_school
from tests.trg_meetings.world import World, world

__all__ = ["world"]
URL = "/api/v1/reports/coverage"


def _work_group(hub: Hub, code: str, schools: dict[School, bool | None]) -> list[object]:
    group = WorkGroup(
        hub_id=hub.id,
        code=code,
        title=code,
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year=YEAR,
        status=WorkGroupStatus.RUNNING,
    )
    places = [
        WorkGroupSchool(hub_id=hub.id, work_group=group, school_id=s.id, completed=done)
        for s, done in schools.items()
    ]
    return [group, *places]


async def _coverage(client: AsyncClient, headers: dict[str, str], by: str) -> dict[str, object]:
    response = await client.get(URL, params={"academic_year": YEAR, "by": by}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _counts(row: dict[str, object]) -> tuple[object, ...]:
    return (
        row["schools"],
        row["engaged_signed_up"],
        row["engaged_completed"],
        row["with_specialist"],
    )


async def test_a_school_counts_once_nationally_and_once_in_each_hub(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    north, south = await factory.hub(name="A North"), await factory.hub(name="B South")
    shared = england_school(north, name="Shared Primary")
    north_only = england_school(north, phase_code="4", phase_name="Secondary")
    south_only = england_school(south, region_name="South West", la_code="800", la_name="Bath")
    idle = england_school(south, region_name="South West", la_code="800", la_name="Bath")
    # Never in the denominator, even when engaged.
    closed = england_school(north, is_open=False)
    independent = england_school(north, is_state_funded=False)
    welsh = england_school(None, is_in_england=False, region_name="Wales (pseudo)")
    await factory.add(shared, north_only, south_only, idle, closed, independent, welsh)
    cohort = await world.cohort("2021/22")
    specialist = await world.specialist(south, cohort, south_only)
    await factory.add(
        *_work_group(north, "N1", {shared: True, north_only: None, closed: True, welsh: True}),
        *_work_group(south, "S1", {shared: False, independent: True}),
    )
    # A TRG meeting hosted by a school counts as completed participation.
    meeting = TrgMeeting(
        hub_id=south.id,
        kind=TrgMeetingKind.SCHOOL,
        lead_specialist_id=specialist.id,
        held_on=date(2022, 2, 1),
        mode=DeliveryMode.IN_PERSON,
        school_id=south_only.id,
    )
    await factory.add(meeting)
    await factory.add(
        TrgMeetingAttendee(
            hub_id=south.id,
            trg_meeting_id=meeting.id,
            position=1,
            name="Visitor",
            school_id=independent.id,
        )
    )
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    by_hub = await _coverage(client, admin.headers, "hub")

    rows = {row["label"]: row for row in by_hub["rows"]}  # type: ignore[attr-defined]
    # North: 2 schools in its area; engaged shared (completed) and north_only (signed up).
    assert _counts(rows["A North"]) == (2, 2, 1, 0)
    # South: 2 schools in its area; engaged shared (not completed) and south_only (TRG host).
    assert _counts(rows["B South"]) == (2, 2, 1, 1)
    assert rows["A North"]["engaged_signed_up_percent"] == 100.0
    assert rows["A North"]["by_phase"]["secondary"]["engaged_signed_up"] == 1
    # England: 4 schools; shared counted once (completed, as North completed it).
    totals = by_hub["totals"]
    assert _counts(totals) == (4, 3, 2, 1)  # type: ignore[arg-type]
    assert totals["engaged_signed_up_percent"] == 75.0  # type: ignore[index]
    assert totals["label"] == "England"  # type: ignore[index]

    by_region = await _coverage(client, admin.headers, "region")
    assert [(r["label"], *_counts(r)) for r in by_region["rows"]] == [  # type: ignore[attr-defined]
        ("North West", 2, 2, 1, 0),
        ("South West", 2, 1, 1, 1),
    ]
    assert by_region["totals"] == totals
    by_la = await _coverage(client, admin.headers, "la")
    assert [(r["key"], r["label"]) for r in by_la["rows"]] == [  # type: ignore[attr-defined]
        ("800", "Bath"),
        ("352", "Manchester"),
    ]
    by_phase = await _coverage(client, admin.headers, "phase")
    assert [(r["key"], *_counts(r)) for r in by_phase["rows"]] == [  # type: ignore[attr-defined]
        ("primary", 3, 2, 2, 1),
        ("secondary", 1, 1, 0, 0),
        ("all_through", 0, 0, 0, 0),
        ("other", 0, 0, 0, 0),
    ]
    assert by_phase["rows"][0]["with_specialist_percent"] == 33.3  # type: ignore[index]

    # A hub lead sees their own area, engaged by their own hub.
    lead = await factory.caller(Role.HUB_LEAD, south)
    own = await _coverage(client, lead.headers, "hub")
    assert [(r["label"], *_counts(r)) for r in own["rows"]] == [  # type: ignore[attr-defined]
        ("B South", 2, 2, 1, 1)
    ]
    assert _counts(own["totals"]) == (2, 1, 1, 1)  # type: ignore[arg-type]


async def test_no_schools_means_no_percentages(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    body = await _coverage(client, admin.headers, "region")
    assert body["rows"] == []
    assert body["totals"]["schools"] == 0  # type: ignore[index]
    assert body["totals"]["engaged_signed_up_percent"] is None  # type: ignore[index]


async def test_an_unknown_breakdown_is_refused(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    response = await client.get(
        URL, params={"academic_year": YEAR, "by": "county"}, headers=admin.headers
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["by"]
