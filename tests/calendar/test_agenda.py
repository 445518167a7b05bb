"""`GET /calendar/events`: the hub's agenda between two dates, with the feed's visibility rules."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.hub import Hub
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupPhase,
    WorkGroupSession,
)
from tests.factories import Caller, Factory
from tests.queries import count_queries
from tests.trg_meetings.world import World

EVENTS = "/api/v1/calendar/events"
_codes = itertools.count(1)


async def _meeting(
    world: World,
    lead: Specialist,
    held_on: date,
    starts_at: time | None = time(15, 45),
    ends_at: time | None = time(17),
    school: School | None = None,
    mode: DeliveryMode = DeliveryMode.IN_PERSON,
) -> TrgMeeting:
    meeting = TrgMeeting(
        hub_id=lead.hub_id,
        kind=TrgMeetingKind.SCHOOL,
        lead_specialist_id=lead.id,
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        school_id=school.id if school else None,
        focus="Place value",
    )
    await world.factory.add(meeting)
    return meeting


async def _work_group(world: World, lead: Specialist) -> WorkGroup:
    n = next(_codes)
    work_group = WorkGroup(
        hub_id=lead.hub_id,
        code=f"WG{n}",
        title="Embedding mastery",
        phase=WorkGroupPhase.EMBED,
        programme=ProgrammeCode.PRIMARY,
        academic_year="2021/22",
        leads=[WorkGroupLead(hub_id=lead.hub_id, specialist_id=lead.id)],
    )
    await world.factory.add(work_group)
    return work_group


async def _session(
    world: World, work_group: WorkGroup, held_on: date, starts_at: time | None = None
) -> WorkGroupSession:
    held = WorkGroupSession(
        hub_id=work_group.hub_id,
        work_group_id=work_group.id,
        held_on=held_on,
        starts_at=starts_at,
        mode=DeliveryMode.ONLINE,
    )
    await world.factory.add(held)
    return held


async def _agenda(
    client: AsyncClient, caller: Caller, first: str, last: str, **params: str
) -> list[dict[str, Any]]:
    response = await client.get(
        EVENTS, params={"from": first, "to": last, **params}, headers=caller.headers
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


async def _two_hubs(world: World, factory: Factory) -> dict[str, Any]:
    """Hub A with a specialist person, a colleague and their records; hub B with its own."""
    hub, other_hub = await factory.hub(), await factory.hub()
    cohort, colleagues_cohort, b_cohort = (
        await world.cohort("2020/21"),
        await world.cohort("2019/20"),
        await world.cohort("2018/19"),
    )
    me, mine = await world.specialist_caller(hub, cohort)
    colleague = await world.specialist(hub, colleagues_cohort)
    stranger = await world.specialist(other_hub, b_cohort)
    host = await world.school(hub, name="Hillside Primary")
    colleague_group, stranger_group = (
        await _work_group(world, colleague),
        await _work_group(world, stranger),
    )
    return {
        "hub": hub,
        "other_hub": other_hub,
        "me": me,
        "mine": mine,
        "residential": await world.residential(cohort, date(2021, 11, 18)),
        "colleagues_residential": await world.residential(colleagues_cohort, date(2021, 11, 4)),
        "b_residential": await world.residential(b_cohort, date(2021, 11, 11)),
        "meeting": await _meeting(world, mine, date(2021, 11, 9), school=host),
        "colleagues_meeting": await _meeting(world, colleague, date(2021, 11, 10)),
        "b_meeting": await _meeting(world, stranger, date(2021, 11, 9)),
        "work_group": colleague_group,
        "session": await _session(world, colleague_group, date(2021, 11, 23)),
        "b_session": await _session(world, stranger_group, date(2021, 11, 23)),
    }


async def test_each_caller_sees_their_hubs_agenda_and_a_specialist_their_own(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    made = await _two_hubs(world, factory)
    hub: Hub = made["hub"]
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    b_lead = await factory.caller(Role.HUB_LEAD, made["other_hub"])
    national = await factory.caller(Role.NATIONAL_ADMIN)
    client_caller = await factory.api_client(hub, ["delivery:read"])
    a_ids = {
        str(made[name].id)
        for name in ("residential", "colleagues_residential", "meeting", "colleagues_meeting")
    } | {str(made["session"].id)}
    b_ids = {str(made[name].id) for name in ("b_residential", "b_meeting", "b_session")}

    for caller in (staff, lead, client_caller):
        assert _ids(await _agenda(client, caller, "2021-11-01", "2021-11-30")) == a_ids
    assert _ids(await _agenda(client, b_lead, "2021-11-01", "2021-11-30")) == b_ids
    # A national admin sees every hub's, or one hub's when they name it.
    assert _ids(await _agenda(client, national, "2021-11-01", "2021-11-30")) == a_ids | b_ids
    one_hub = await _agenda(client, national, "2021-11-01", "2021-11-30", hub_id=str(hub.id))
    assert _ids(one_hub) == a_ids
    # hub_id is for national admins: hub B's lead naming hub A still sees hub B.
    ignored = await _agenda(client, b_lead, "2021-11-01", "2021-11-30", hub_id=str(hub.id))
    assert _ids(ignored) == b_ids
    # A specialist: their cohort's residential and the meeting they lead, nothing else.
    mine = await _agenda(client, made["me"], "2021-11-01", "2021-11-30")
    assert _ids(mine) == {str(made["residential"].id), str(made["meeting"].id)}


async def test_items_carry_the_feeds_titles_london_times_and_the_ids_to_link(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    made = await _two_hubs(world, factory)
    staff = await factory.caller(Role.HUB_STAFF, made["hub"])

    items = {item["id"]: item for item in await _agenda(client, staff, "2021-11-01", "2021-11-30")}

    meeting, residential = made["meeting"], made["residential"]
    assert items[str(meeting.id)] == {
        "kind": "trg_meeting",
        "id": str(meeting.id),
        "title": f"TRG meeting (school): Sam {made['mine'].last_name} – Place value",
        "starts_on": "2021-11-09",
        "ends_on": "2021-11-09",
        "starts_at": "15:45",
        "ends_at": "17:00",
        "mode": "in_person",
        "location": "Hillside Primary, AB1 2CD",
        "cohort_id": None,
        "work_group_id": None,
        "trg_meeting_id": str(meeting.id),
        "application_id": None,
    }
    assert items[str(residential.id)] | {"title": None} == {
        "kind": "residential",
        "id": str(residential.id),
        "title": None,
        "starts_on": "2021-11-18",
        "ends_on": "2021-11-19",
        "starts_at": None,
        "ends_at": None,
        "mode": "in_person",
        "location": "Conference centre, Birmingham",
        "cohort_id": str(residential.cohort_id),
        "work_group_id": None,
        "trg_meeting_id": None,
        "application_id": None,
    }
    assert items[str(residential.id)]["title"] == "Residential: Residential 1 (provisional)"
    session = items[str(made["session"].id)]
    assert session["title"] == f"Work group {made['work_group'].code}: Embedding mastery"
    assert session["location"] == "Online"
    assert session["work_group_id"] == str(made["work_group"].id)


async def test_the_window_is_inclusive_and_keeps_residentials_that_overlap_it(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await world.cohort()
    lead = await world.specialist(hub, cohort)
    # 30 November - 1 December: overlaps a window that starts on 1 December.
    spanning = await world.residential(cohort, date(2021, 11, 30))
    before = await world.residential(cohort, date(2021, 11, 28))
    first_day = await _meeting(world, lead, date(2021, 12, 1))
    last_day = await _meeting(world, lead, date(2021, 12, 31))
    after = await _meeting(world, lead, date(2022, 1, 1))

    items = await _agenda(client, staff, "2021-12-01", "2021-12-31")

    assert _ids(items) == {str(spanning.id), str(first_day.id), str(last_day.id)}
    assert str(before.id) not in _ids(items) and str(after.id) not in _ids(items)


async def test_items_are_ordered_by_date_then_time_all_day_first(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await world.cohort()
    lead = await world.specialist(hub, cohort)
    work_group = await _work_group(world, lead)
    afternoon = await _meeting(world, lead, date(2021, 11, 9), starts_at=time(15, 45))
    morning = await _session(world, work_group, date(2021, 11, 9), starts_at=time(9, 30))
    all_day = await _meeting(world, lead, date(2021, 11, 9), starts_at=None, ends_at=None)
    residential = await world.residential(cohort, date(2021, 11, 8))  # 8-9 November
    next_day = await _session(world, work_group, date(2021, 11, 10), starts_at=time(8))
    earlier_day = await _meeting(world, lead, date(2021, 11, 2), starts_at=time(18))

    items = await _agenda(client, staff, "2021-11-01", "2021-11-30")

    assert [item["id"] for item in items] == [
        str(earlier_day.id),
        str(residential.id),
        str(all_day.id),
        str(morning.id),
        str(afternoon.id),
        str(next_day.id),
    ]


async def test_the_window_is_validated_naming_the_field(
    client: AsyncClient, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF)

    async def problem(**params: str) -> dict[str, Any]:
        response = await client.get(EVENTS, params=params, headers=staff.headers)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        body: dict[str, Any] = response.json()
        assert body["code"] == "validation_failed"
        return body

    backwards = await problem(**{"from": "2021-11-30", "to": "2021-11-01"})
    assert [e["field"] for e in backwards["errors"]] == ["to"]
    too_long = await problem(**{"from": "2021-11-01", "to": "2022-02-01"})  # 93 days
    assert [e["field"] for e in too_long["errors"]] == ["to"]
    missing = await problem(to="2021-11-30")
    assert [e["field"] for e in missing["errors"]] == ["from"]
    not_a_date = await problem(**{"from": "November", "to": "2021-11-30"})
    assert [e["field"] for e in not_a_date["errors"]] == ["from"]
    # 92 days inclusive, and a single day, are fine.
    for first, last in (("2021-11-01", "2022-01-31"), ("2021-11-01", "2021-11-01")):
        response = await client.get(
            EVENTS, params={"from": first, "to": last}, headers=staff.headers
        )
        assert response.status_code == 200, response.text


async def test_the_agenda_takes_the_same_queries_however_many_events(
    app: FastAPI, client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    me, _ = await world.specialist_caller(hub, await world.cohort())

    async def add_one_of_each(n: int) -> None:
        cohort = await world.cohort()
        school = await world.school(hub)
        lead = await world.specialist(hub, cohort, school)
        await world.residential(cohort, date(2021, 11, 1) + timedelta(days=n))
        await _meeting(world, lead, date(2021, 11, 2) + timedelta(days=n), school=school)
        await _session(world, await _work_group(world, lead), date(2021, 11, 3) + timedelta(days=n))

    async def counted(caller: Caller) -> tuple[int, int]:
        with count_queries(app) as statements:
            items = await _agenda(client, caller, "2021-11-01", "2021-11-30")
        return len(items), len(statements)

    await add_one_of_each(0)
    few_items, few = await counted(staff)
    few_for_specialist = (await counted(me))[1]
    for n in range(1, 4):
        await add_one_of_each(n)
    many_items, many = await counted(staff)

    assert (few_items, many_items) == (3, 12)
    assert many == few
    assert (await counted(me))[1] == few_for_specialist
