"""A specialist's own year: `/me` names their records, they read their own record, progress,
ledger, claims and claimable events (a colleague's are not found), the school on the record,
and the academic year their pages open on."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.domain.academic_year import default_academic_year
from masteryhub.kit.clock import current_time
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.cohort import Cohort, DeliveryMode
from masteryhub.models.hub import Hub
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupPhase,
    WorkGroupSession,
)
from tests.factories import Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData

URL = "/api/v1/specialists"
YEAR = {"academic_year": "2020/21"}


@pytest.fixture
def today(app: FastAPI) -> Iterator[list[datetime]]:
    """Set ``today[0]`` to move the API's clock."""
    now = [datetime(2020, 10, 1, 12, tzinfo=UTC)]
    app.dependency_overrides[current_time] = lambda: now[0]
    yield now
    app.dependency_overrides.pop(current_time, None)


def _meeting(
    specialist: Specialist,
    held_on: date,
    kind: TrgMeetingKind = TrgMeetingKind.SCHOOL,
    **extra: Any,
) -> TrgMeeting:
    return TrgMeeting(
        hub_id=specialist.hub_id,
        kind=kind,
        lead_specialist_id=specialist.id,
        held_on=held_on,
        starts_at=time(15, 45),
        mode=DeliveryMode.IN_PERSON,
        **extra,
    )


def _work_group(specialist: Specialist, code: str, *held_on: date) -> WorkGroup:
    return WorkGroup(
        hub_id=specialist.hub_id,
        code=code,
        title=f"Work group {code}",
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year="2020/21",
        leads=[WorkGroupLead(hub_id=specialist.hub_id, specialist_id=specialist.id)],
        sessions=[
            WorkGroupSession(hub_id=specialist.hub_id, held_on=day, mode=DeliveryMode.ONLINE)
            for day in held_on
        ],
    )


def _evidence(kind: str, evidence_id: Any) -> dict[str, str]:
    return {"type": kind, "id": str(evidence_id)}


async def test_a_specialist_reads_their_own_year_and_none_of_a_colleagues(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort("2020/21")
    school = await delivery.school(hub=hub)
    me = await delivery.specialist_caller(hub)
    mine = await delivery.specialist(hub, cohort, school, user=me)
    colleague = await delivery.specialist(
        hub, cohort, school, user=await delivery.specialist_caller(hub)
    )
    meeting = _meeting(mine, date(2020, 10, 14))
    colleagues_meeting = _meeting(colleague, date(2020, 10, 15))
    await factory.add(meeting, colleagues_meeting)

    claimed = await client.post(
        f"{URL}/{mine.id}/release-days",
        json={
            "date": "2020-10-14",
            "days": 0.5,
            "activity": "school_trg",
            "evidence": _evidence("trg_meeting", meeting.id),
        },
        headers=me.headers,
    )
    assert claimed.status_code == 201, claimed.text
    colleagues_entry = await client.post(
        f"{URL}/{colleague.id}/release-days",
        json={"date": "2020-10-15", "days": 1, "activity": "school_trg"},
        headers=staff.headers,
    )
    assert colleagues_entry.status_code == 201, colleagues_entry.text

    own = {
        "record": f"{URL}/{mine.id}",
        "progress": f"{URL}/{mine.id}/progress",
        "ledger": f"{URL}/{mine.id}/release-days",
        "claim": f"{URL}/{mine.id}/release-days/{claimed.json()['id']}",
        "claimable events": f"{URL}/{mine.id}/claimable-events",
    }
    answers = {
        name: await client.get(url, params=YEAR, headers=me.headers) for name, url in own.items()
    }
    assert {name: r.status_code for name, r in answers.items()} == dict.fromkeys(own, 200)
    assert answers["record"].json()["school"]["id"] == str(school.id)
    assert answers["progress"].json()["release_days"]["used_days"] == 0.5
    ledger = answers["ledger"].json()
    assert [e["id"] for e in ledger["entries"]] == [claimed.json()["id"]]
    assert ledger["balance"]["remaining_days"] == 14.5
    assert answers["claim"].json()["recorded_by_id"] == str(me.id)
    assert [(i["id"], i["claimed_days"]) for i in answers["claimable events"].json()["items"]] == [
        (str(meeting.id), 0.5)
    ]

    theirs = [
        f"{URL}/{colleague.id}",
        f"{URL}/{colleague.id}/progress",
        f"{URL}/{colleague.id}/release-days",
        f"{URL}/{colleague.id}/release-days/{colleagues_entry.json()['id']}",
        f"{URL}/{colleague.id}/claimable-events",
        # Their entry through my own ledger's path is not mine either.
        f"{URL}/{mine.id}/release-days/{colleagues_entry.json()['id']}",
    ]
    for url in theirs:
        response = await client.get(url, params=YEAR, headers=me.headers)
        assert response.status_code == 404, (url, response.text)
        assert response.json()["code"] == "not_found"


async def test_me_lists_the_specialist_records_the_sign_in_acts_for(
    client: AsyncClient, factory: Factory, delivery: DeliveryData, today: list[datetime]
) -> None:
    hub = await factory.hub()
    me = await delivery.specialist_caller(hub)
    other = await delivery.specialist_caller(hub)
    running = await delivery.cohort("2020/21", code="primary-running")
    later = await delivery.cohort("2022/23", code="primary-later")
    first = await delivery.specialist(hub, running, user=me, appointed_on=date(2020, 7, 1))
    second = await delivery.specialist(hub, later, user=me, appointed_on=date(2022, 7, 1))
    await delivery.specialist(hub, running, user=other)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    machine = await factory.api_client(hub, ["specialists:read"])
    today[0] = datetime(2021, 10, 1, 9, tzinfo=UTC)  # 2021/22: the first cohort's year 2

    mine = (await client.get("/api/v1/me", headers=me.headers)).json()

    assert mine["specialists"] == [
        {
            "id": str(second.id),
            "cohort_code": "primary-later",
            "cohort_name": later.name,
            "programme": "primary",
            "default_academic_year": "2022/23",  # appointed, development year to come
        },
        {
            "id": str(first.id),
            "cohort_code": "primary-running",
            "cohort_name": running.name,
            "programme": "primary",
            "default_academic_year": "2021/22",
        },
    ]
    for caller in (staff, machine):
        me_body = (await client.get("/api/v1/me", headers=caller.headers)).json()
        assert me_body["specialists"] == []


def test_the_default_academic_year_is_the_nearest_with_an_entitlement() -> None:
    assert default_academic_year("2020/21", [1, 2, 3], "2021/22") == "2021/22"
    assert default_academic_year("2020/21", [1, 2, 3], "2019/20") == "2020/21"
    assert default_academic_year("2020/21", [1, 2, 3], "2026/27") == "2022/23"
    assert default_academic_year("2020/21", [1, 3], "2021/22") == "2020/21"  # a tie: earlier
    assert default_academic_year("2020/21", [3], "2021/22") == "2022/23"
    assert default_academic_year("2020/21", [], "2021/22") == "2021/22"


async def test_default_academic_year_follows_the_clock_and_the_cohorts_rules(
    client: AsyncClient, factory: Factory, delivery: DeliveryData, today: list[datetime]
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    funded = await delivery.specialist(hub, await delivery.cohort("2020/21"), last_name="A")
    unfunded = await delivery.specialist(
        hub,
        await delivery.cohort("2020/21", rules={1: {"release_half_days": 0}}),
        last_name="B",
    )

    async def defaults() -> list[str]:
        listed = await client.get(URL, headers=staff.headers)
        detail = await client.get(f"{URL}/{funded.id}", headers=staff.headers)
        items = listed.json()["items"]
        assert [i["id"] for i in items] == [str(funded.id), str(unfunded.id)]
        assert detail.json()["default_academic_year"] == items[0]["default_academic_year"]
        return [i["default_academic_year"] for i in items]

    today[0] = datetime(2019, 12, 1, tzinfo=UTC)  # before the development year
    assert await defaults() == ["2020/21", "2019/20"]
    today[0] = datetime(2022, 3, 1, tzinfo=UTC)  # programme year 2
    assert await defaults() == ["2021/22", "2021/22"]
    today[0] = datetime(2026, 11, 30, tzinfo=UTC)  # after the funded years
    assert await defaults() == ["2022/23", "2026/27"]


async def test_hub_lead_sets_the_school_with_if_match_and_audit(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    me = await delivery.specialist_caller(hub)
    specialist = await delivery.specialist(hub, await delivery.cohort("2020/21"), user=me)
    school = await delivery.school("Oakfield Primary", hub)
    url = f"{URL}/{specialist.id}"
    etag = (await client.get(url, headers=lead.headers)).headers["etag"]

    for caller in (staff, me):
        refused = await client.patch(
            url, json={"school_id": str(school.id)}, headers=caller.headers
        )
        assert refused.status_code == 403
    unknown = await client.patch(url, json={"school_id": str(uuid.uuid4())}, headers=lead.headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "school_id", "message": "No school with that id."}
    ]
    changed = await client.patch(
        url, json={"school_id": str(school.id)}, headers={**lead.headers, "If-Match": etag}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["school"] == {
        "id": str(school.id),
        "urn": school.urn,
        "name": "Oakfield Primary",
    }
    assert changed.json()["status"] == "active" and changed.headers["etag"] != etag
    stale = await client.patch(
        url, json={"school_id": None}, headers={**lead.headers, "If-Match": etag}
    )
    assert stale.status_code == 412 and stale.json()["code"] == "precondition_failed"
    assert (await client.get(url, headers=lead.headers)).json()["school"]["id"] == str(school.id)

    # A claim that names no school now funds the specialist's.
    claim = await client.post(
        f"{url}/release-days",
        json={"date": "2020-10-14", "days": 1, "activity": "school_trg"},
        headers=me.headers,
    )
    assert claim.status_code == 201, claim.text
    assert claim.json()["school"]["id"] == str(school.id)

    cleared = await client.patch(url, json={"school_id": None}, headers=lead.headers)
    assert cleared.status_code == 200 and cleared.json()["school"] is None
    async with factory.app.state.sessionmaker() as db:
        events = (
            await db.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_id == specialist.id)
                .order_by(AuditEvent.created_at, AuditEvent.id)
            )
        ).all()
    assert [(e.action, e.before, e.after) for e in events] == [
        ("specialist.updated", {"school_id": None}, {"school_id": str(school.id)}),
        ("specialist.updated", {"school_id": str(school.id)}, {"school_id": None}),
    ]
    assert events[0].actor_id == lead.id


async def _year_of_events(
    factory: Factory, delivery: DeliveryData, hub: Hub, cohort: Cohort, mine: Specialist
) -> dict[str, Any]:
    """The specialist's events in 2020/21 and some that are not theirs or not in the year."""
    colleague = await delivery.specialist(hub, cohort)
    school_trg = _meeting(mine, date(2020, 10, 14), focus="Fluency with number facts")
    pilot = _meeting(mine, date(2021, 2, 3), TrgMeetingKind.PILOT)
    work_group_trg = _meeting(mine, date(2021, 3, 10), TrgMeetingKind.WORK_GROUP)
    next_year = _meeting(mine, date(2021, 9, 15))
    colleagues = _meeting(colleague, date(2020, 10, 20))
    led = _work_group(mine, "WG-MINE", date(2020, 11, 5), date(2021, 9, 20))
    not_led = _work_group(colleague, "WG-THEIRS", date(2020, 11, 12))
    await factory.add(school_trg, pilot, work_group_trg, next_year, colleagues, led, not_led)
    attended = await delivery.residential(cohort, date(2020, 11, 26))
    absent = await delivery.residential(cohort, date(2021, 1, 28))
    not_recorded = await delivery.residential(cohort, date(2021, 6, 10))
    await delivery.residential(await delivery.cohort("2020/21"), date(2020, 12, 3))
    await factory.add(
        *(
            ResidentialAttendance(
                hub_id=hub.id, residential_id=residential.id, specialist_id=mine.id, status=status
            )
            for residential, status in [
                (attended, AttendanceStatus.ATTENDED),
                (absent, AttendanceStatus.ABSENT),
            ]
        )
    )
    return {
        "school_trg": school_trg,
        "pilot": pilot,
        "work_group_trg": work_group_trg,
        "session": led.sessions[0],
        "attended": attended,
        "not_recorded": not_recorded,
    }


async def test_claimable_events_are_the_specialists_own_in_the_year_newest_first(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort("2020/21")
    me = await delivery.specialist_caller(hub)
    mine = await delivery.specialist(hub, cohort, await delivery.school(hub=hub), user=me)
    events = await _year_of_events(factory, delivery, hub, cohort, mine)
    ledger = f"{URL}/{mine.id}/release-days"

    async def claim(on: str, days: float, activity: str, kind: str, event: str) -> str:
        response = await client.post(
            ledger,
            json={
                "date": on,
                "days": days,
                "activity": activity,
                "evidence": _evidence(kind, events[event].id),
            },
            headers=staff.headers,
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    await claim("2020-10-14", 1, "school_trg", "trg_meeting", "school_trg")
    twice = await claim("2020-10-14", 0.5, "school_trg", "trg_meeting", "school_trg")
    reversed_ = await client.post(
        f"{ledger}/{twice}/reversal", json={"reason": "Claimed twice"}, headers=staff.headers
    )
    assert reversed_.status_code == 201
    await claim("2020-11-05", 0.5, "work_group_session", "work_group_session", "session")

    response = await client.get(
        f"{URL}/{mine.id}/claimable-events", params=YEAR, headers=me.headers
    )

    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["date"], i["type"], i["activity"], i["claimed_days"]) for i in items] == [
        ("2021-06-10", "residential", "residential", 0),
        ("2021-03-10", "trg_meeting", "work_group_session", 0),
        ("2021-02-03", "trg_meeting", "pilot_trg", 0),
        ("2020-11-26", "residential", "residential", 0),
        ("2020-11-05", "work_group_session", "work_group_session", 0.5),
        ("2020-10-14", "trg_meeting", "school_trg", 1),  # net of the reversal
    ]
    expected_ids = ["not_recorded", "work_group_trg", "pilot", "attended", "session", "school_trg"]
    assert [i["id"] for i in items] == [str(events[name].id) for name in expected_ids]
    titles = [i["title"] for i in items]
    assert titles[5] == "School TRG meeting – Fluency with number facts"
    assert titles[4] == "Work group WG-MINE: Work group WG-MINE"
    assert titles[0].startswith("Residential: ")
    next_year = await client.get(
        f"{URL}/{mine.id}/claimable-events",
        params={"academic_year": "2021/22"},
        headers=staff.headers,
    )
    assert [i["date"] for i in next_year.json()["items"]] == ["2021-09-20", "2021-09-15"]

    # Every event offered is accepted as a claim's evidence, as the form would send it.
    for item in items:
        accepted = await client.post(
            ledger,
            json={
                "date": item["date"],
                "days": 0.5,
                "activity": item["activity"],
                "evidence": {"type": item["type"], "id": item["id"]},
            },
            headers=me.headers,
        )
        assert accepted.status_code == 201, (item, accepted.text)
    again = await client.get(f"{URL}/{mine.id}/claimable-events", params=YEAR, headers=me.headers)
    assert [i["claimed_days"] for i in again.json()["items"]] == [0.5, 0.5, 0.5, 0.5, 1, 1.5]


async def test_claimable_events_queries_do_not_grow_with_events(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    cohort = await delivery.cohort("2020/21")
    me = await delivery.specialist_caller(hub)
    mine = await delivery.specialist(hub, cohort, user=me)
    url = f"{URL}/{mine.id}/claimable-events"

    async def queries() -> int:
        with count_queries(factory.app) as statements:
            response = await client.get(url, params=YEAR, headers=me.headers)
            assert response.status_code == 200
        return len(statements)

    await factory.add(
        _meeting(mine, date(2020, 10, 1)), _work_group(mine, "WG-1", date(2020, 10, 2))
    )
    await delivery.residential(cohort, date(2020, 11, 26))
    few = await queries()
    await factory.add(
        *(_meeting(mine, date(2020, 10, day)) for day in range(3, 12)),
        _work_group(mine, "WG-2", *(date(2021, 1, day) for day in range(4, 12))),
    )
    for month in (2, 3, 4):
        await delivery.residential(cohort, date(2021, month, 10))
    assert await queries() == few


async def test_api_clients_read_claimable_events_with_the_ledger_scope(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    specialist = await delivery.specialist(hub, await delivery.cohort("2020/21"))
    await factory.add(_meeting(specialist, date(2020, 10, 14)))
    url = f"{URL}/{specialist.id}/claimable-events"

    ledger = await client.get(
        url, params=YEAR, headers=(await factory.api_client(hub, ["ledger:read"])).headers
    )
    other = await client.get(
        url, params=YEAR, headers=(await factory.api_client(hub, ["specialists:read"])).headers
    )

    assert ledger.status_code == 200 and len(ledger.json()["items"]) == 1
    assert other.status_code == 403
