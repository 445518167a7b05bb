"""TRG meetings through HTTP: roles, hub isolation, filters, attendees, the pilot-year rule."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.trg_meetings.world import World

URL = "/api/v1/trg-meetings"


def meeting_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "school",
        "held_on": "2021-01-14",
        "starts_at": "15:45",
        "ends_at": "17:15",
        "mode": "in_person",
        "focus": "Representing fractions with bar models",
        "research_lesson": {"year_group": "Year 4", "topic": "Equivalent fractions"},
        "attendees": [
            {"name": "A. Teacher", "role": "Year 4 teacher", "attended": True},
            {"name": "B. Teacher", "role": "Year 3 teacher", "attended": False},
        ],
        "notes": "Good discussion of the anchor task.",
    }
    body.update(overrides)
    return body


async def test_hub_staff_record_a_meeting_with_attendees_and_read_it_back(
    client: AsyncClient, factory: Factory, world: World, app: Any
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await world.cohort("2020/21")
    school = await world.school(hub, name="Hillside Primary")
    visiting = await world.school(hub, name="Valley Primary")
    specialist = await world.specialist(hub, cohort, school)
    attendees = [
        {"name": "A. Teacher", "role": "Year 4 teacher", "school_id": str(visiting.id)},
        {"name": "B. Teacher", "attended": False},
    ]

    created = await client.post(
        URL,
        json=meeting_body(
            lead_specialist_id=str(specialist.id), school_id=str(school.id), attendees=attendees
        ),
        headers=staff.headers,
    )

    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"{URL}/{body['id']}"
    assert body["lead_specialist"]["id"] == str(specialist.id)
    assert body["school"] == {"id": str(school.id), "urn": school.urn, "name": "Hillside Primary"}
    assert body["starts_at"] == "15:45" and body["ends_at"] == "17:15"
    assert body["research_lesson"] == {"year_group": "Year 4", "topic": "Equivalent fractions"}
    assert [(a["name"], a["school_id"], a["attended"]) for a in body["attendees"]] == [
        ("A. Teacher", str(visiting.id), True),
        ("B. Teacher", None, False),
    ]
    # The attendee's school is named, as the host school is, so a reader sees it in words.
    assert body["attendees"][0]["school"]["name"] == visiting.name
    assert body["attendees"][1]["school"] is None
    fetched = await client.get(f"{URL}/{body['id']}", headers=staff.headers)
    assert fetched.status_code == 200
    assert fetched.json() == body
    assert fetched.headers["etag"] == created.headers["etag"]
    async with app.state.sessionmaker() as db:
        events = (
            await db.scalars(select(AuditEvent).where(AuditEvent.entity_id == specialist.id))
        ).all()
        created_event = await db.scalar(
            select(AuditEvent).where(AuditEvent.action == "trg_meeting.created")
        )
    assert events == []
    assert created_event is not None and created_event.hub_id == hub.id
    assert [a["name"] for a in created_event.after["attendees"]] == ["A. Teacher", "B. Teacher"]


async def test_unknown_schools_and_bad_times_are_listed_field_by_field(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await world.specialist(hub, await world.cohort())
    missing = "0190f0e0-0000-7000-8000-000000000000"

    unknown = await client.post(
        URL,
        json=meeting_body(
            lead_specialist_id=str(specialist.id),
            school_id=missing,
            attendees=[{"name": "X", "school_id": missing}],
        ),
        headers=staff.headers,
    )
    backwards = await client.post(
        URL,
        json=meeting_body(
            lead_specialist_id=str(specialist.id), starts_at="17:00", ends_at="16:00"
        ),
        headers=staff.headers,
    )

    assert unknown.status_code == 422
    assert {e["field"] for e in unknown.json()["errors"]} == {"school_id", "attendees.0.school_id"}
    assert backwards.status_code == 422
    assert backwards.json()["code"] == "validation_failed"


async def test_a_specialist_records_their_own_meetings_only(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    cohort = await world.cohort()
    me, mine = await world.specialist_caller(hub, cohort)
    colleague = await world.specialist(hub, cohort)
    staff = await factory.caller(Role.HUB_STAFF, hub)

    own = await client.post(URL, json=meeting_body(), headers=me.headers)
    for_colleague = await client.post(
        URL, json=meeting_body(lead_specialist_id=str(colleague.id)), headers=me.headers
    )
    colleagues = await client.post(
        URL, json=meeting_body(lead_specialist_id=str(colleague.id)), headers=staff.headers
    )

    assert own.status_code == 201, own.text
    assert own.json()["lead_specialist"]["id"] == str(mine.id)
    assert for_colleague.status_code == 403
    assert for_colleague.json()["code"] == "forbidden"
    assert colleagues.status_code == 201
    other_id = colleagues.json()["id"]
    # The colleague's meeting is invisible to me: not listed, not readable, not editable.
    listed = await client.get(URL, headers=me.headers)
    assert [m["id"] for m in listed.json()["items"]] == [own.json()["id"]]
    assert (await client.get(f"{URL}/{other_id}", headers=me.headers)).status_code == 404
    edit = await client.patch(f"{URL}/{other_id}", json={"focus": "mine now"}, headers=me.headers)
    assert edit.status_code == 404
    assert (await client.delete(f"{URL}/{other_id}", headers=me.headers)).status_code == 404
    # Nor can I hand my own meeting to the colleague.
    handover = await client.patch(
        f"{URL}/{own.json()['id']}",
        json={"lead_specialist_id": str(colleague.id)},
        headers=me.headers,
    )
    assert handover.status_code == 403
    # Staff see both.
    everyone = await client.get(URL, headers=staff.headers)
    assert {m["id"] for m in everyone.json()["items"]} == {own.json()["id"], other_id}


async def test_another_hub_gets_404_and_sees_nothing(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub_a, hub_b = await factory.hub(), await factory.hub()
    staff_a = await factory.caller(Role.HUB_STAFF, hub_a)
    lead_b = await factory.caller(Role.HUB_LEAD, hub_b)
    cohort = await world.cohort()
    specialist_a = await world.specialist(hub_a, cohort)
    meeting = await client.post(
        URL, json=meeting_body(lead_specialist_id=str(specialist_a.id)), headers=staff_a.headers
    )
    meeting_url = f"{URL}/{meeting.json()['id']}"

    assert (await client.get(meeting_url, headers=lead_b.headers)).status_code == 404
    assert (
        await client.patch(meeting_url, json={"notes": "x"}, headers=lead_b.headers)
    ).status_code == 404
    assert (await client.delete(meeting_url, headers=lead_b.headers)).status_code == 404
    assert (await client.get(URL, headers=lead_b.headers)).json()["items"] == []
    # Hub B cannot record a meeting for hub A's specialist either.
    foreign = await client.post(
        URL, json=meeting_body(lead_specialist_id=str(specialist_a.id)), headers=lead_b.headers
    )
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["field"] == "lead_specialist_id"


async def test_filters(client: AsyncClient, factory: Factory, world: World) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await world.cohort("2020/21")
    first, second = await world.specialist(hub, cohort), await world.specialist(hub, cohort)
    host = await world.school(hub)

    async def record(**fields: Any) -> str:
        response = await client.post(URL, json=meeting_body(**fields), headers=staff.headers)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    autumn = await record(lead_specialist_id=str(first.id), held_on="2020-10-05")
    pilot = await record(
        lead_specialist_id=str(first.id), kind="pilot", held_on="2021-02-10", school_id=str(host.id)
    )
    summer = await record(lead_specialist_id=str(second.id), held_on="2021-06-20")

    async def ids(**params: str) -> set[str]:
        response = await client.get(URL, params=params, headers=staff.headers)
        assert response.status_code == 200, response.text
        return {m["id"] for m in response.json()["items"]}

    assert await ids() == {autumn, pilot, summer}
    assert await ids(specialist_id=str(first.id)) == {autumn, pilot}
    assert await ids(kind="pilot") == {pilot}
    assert await ids(held_from="2021-01-01") == {pilot, summer}
    assert await ids(held_to="2021-02-10") == {autumn, pilot}
    assert await ids(held_from="2020-11-01", held_to="2021-03-01") == {pilot}
    assert await ids(school_id=str(host.id)) == {pilot}
    marker = (await client.get(f"{URL}/{summer}", headers=staff.headers)).json()["updated_at"]
    patched = await client.patch(f"{URL}/{autumn}", json={"notes": "later"}, headers=staff.headers)
    assert patched.status_code == 200
    assert await ids(updated_after=marker) == {autumn}
    # Pages walk the whole list.
    first_page = await client.get(URL, params={"limit": 2}, headers=staff.headers)
    cursor = first_page.json()["next_cursor"]
    assert cursor and 'rel="next"' in first_page.headers["link"]
    rest = await client.get(URL, params={"limit": 2, "cursor": cursor}, headers=staff.headers)
    listed = [m["id"] for m in first_page.json()["items"] + rest.json()["items"]]
    assert sorted(listed) == sorted([autumn, pilot, summer])


async def test_a_pilot_trg_is_only_in_the_development_year(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await world.specialist(hub, await world.cohort("2020/21"))
    lead = str(specialist.id)

    last_day = await client.post(
        URL,
        json=meeting_body(lead_specialist_id=lead, kind="pilot", held_on="2021-08-31"),
        headers=staff.headers,
    )
    next_year = await client.post(
        URL,
        json=meeting_body(lead_specialist_id=lead, kind="pilot", held_on="2021-09-01"),
        headers=staff.headers,
    )
    school_trg = await client.post(
        URL, json=meeting_body(lead_specialist_id=lead, held_on="2021-09-01"), headers=staff.headers
    )
    made_pilot = await client.patch(
        f"{URL}/{school_trg.json()['id']}", json={"kind": "pilot"}, headers=staff.headers
    )

    assert last_day.status_code == 201, last_day.text
    assert next_year.status_code == 422
    problem = next_year.json()
    assert problem["code"] == "pilot_trg_outside_development_year"
    assert "2020/21" in problem["detail"] and "2021/22" in problem["detail"]
    assert problem["errors"][0]["field"] == "held_on"
    assert school_trg.status_code == 201
    assert made_pilot.status_code == 422
    assert made_pilot.json()["code"] == "pilot_trg_outside_development_year"


async def test_patch_replaces_attendees_and_honours_if_match(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await world.specialist(hub, await world.cohort())
    visiting = await world.school(hub, name="Valley Primary")
    created = await client.post(
        URL, json=meeting_body(lead_specialist_id=str(specialist.id)), headers=staff.headers
    )
    url = f"{URL}/{created.json()['id']}"
    etag = created.headers["etag"]

    attendee = {"name": "C. Teacher", "role": "Head of maths", "school_id": str(visiting.id)}
    updated = await client.patch(
        url,
        json={"attendees": [attendee], "mode": "online"},
        headers={**staff.headers, "If-Match": etag},
    )
    stale = await client.patch(
        url, json={"notes": "overwrite"}, headers={**staff.headers, "If-Match": etag}
    )
    null_kind = await client.patch(url, json={"kind": None}, headers=staff.headers)

    assert updated.status_code == 200, updated.text
    assert [(a["name"], a["attended"]) for a in updated.json()["attendees"]] == [
        ("C. Teacher", True)
    ]
    assert updated.json()["attendees"][0]["school"]["name"] == "Valley Primary"
    assert updated.json()["mode"] == "online"
    assert updated.headers["etag"] != etag
    assert stale.status_code == 412
    assert null_kind.status_code == 422
    assert (await client.get(url, headers=staff.headers)).json()["notes"] == meeting_body()["notes"]


async def test_delete_and_idempotent_create(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await world.specialist(hub, await world.cohort())
    body = meeting_body(lead_specialist_id=str(specialist.id))
    headers = {**staff.headers, "Idempotency-Key": "trg-1"}

    first = await client.post(URL, json=body, headers=headers)
    replay = await client.post(URL, json=body, headers=headers)
    assert replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["id"] == first.json()["id"]
    assert len((await client.get(URL, headers=staff.headers)).json()["items"]) == 1

    url = f"{URL}/{first.json()['id']}"
    assert (await client.delete(url, headers=staff.headers)).status_code == 204
    assert (await client.get(url, headers=staff.headers)).status_code == 404


async def test_api_clients_need_delivery_scopes(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    specialist = await world.specialist(hub, await world.cohort())
    reader = await factory.api_client(hub, ["delivery:read"])
    writer = await factory.api_client(hub, ["delivery:write"])
    body = meeting_body(lead_specialist_id=str(specialist.id))

    assert (await client.post(URL, json=body, headers=reader.headers)).status_code == 403
    assert (await client.post(URL, json=body, headers=writer.headers)).status_code == 201
    assert len((await client.get(URL, headers=reader.headers)).json()["items"]) == 1
    assert (await client.get(URL, headers=writer.headers)).status_code == 403
