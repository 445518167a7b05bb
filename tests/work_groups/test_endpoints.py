"""Work groups through HTTP: leads in year 2+, schools and teachers, sessions with
attendance, status, evaluation, roles and hub isolation, and a flat query count."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.queries import count_queries
from tests.trg_meetings.world import World

URL = "/api/v1/work-groups"


def work_group_body(
    leads: list[Specialist], schools: list[School], **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "WG-21-01",
        "title": "Developing Mastery in Years 1 to 3",
        "phase": "develop",
        "programme": "primary",
        "academic_year": "2021/22",
        "lead_specialist_ids": [str(s.id) for s in leads],
        "schools": [
            {
                "school_id": str(school.id),
                "participants": [
                    {"name": f"Teacher {i}A", "email": f"t{i}a@example.org", "role": "Y2 teacher"},
                    {"name": f"Teacher {i}B", "email": f"t{i}b@example.org", "role": "Maths lead"},
                ],
            }
            for i, school in enumerate(schools)
        ],
    }
    body.update(overrides)
    return body


async def test_hub_staff_create_a_work_group_with_schools_and_teachers(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await world.specialist(hub, await world.cohort("2020/21"), last_name="Ahmed")
    schools = [await world.school(hub), await world.school(hub)]

    created = await client.post(URL, json=work_group_body([lead], schools), headers=staff.headers)

    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "planned"
    assert [s["last_name"] for s in body["leads"]] == ["Ahmed"]
    assert [s["school"]["urn"] for s in body["schools"]] == sorted(s.urn for s in schools)
    assert [p["name"] for p in body["schools"][0]["participants"]] == ["Teacher 0A", "Teacher 0B"]
    assert body["schools"][0]["completed"] is None
    assert body["sessions"] == []
    again = await client.post(URL, json=work_group_body([lead], []), headers=staff.headers)
    assert again.status_code == 409
    assert again.json()["code"] == "already_exists"


async def test_a_specialist_in_their_development_year_cannot_lead(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    second_year = await world.specialist(hub, await world.cohort("2020/21"))
    first_year = await world.specialist(
        hub, await world.cohort("2021/22"), first_name="Nia", last_name="Jones"
    )

    refused = await client.post(
        URL, json=work_group_body([second_year, first_year], []), headers=staff.headers
    )
    before_cohort = await client.post(
        URL,
        json=work_group_body([second_year], [], academic_year="2019/20"),
        headers=staff.headers,
    )
    allowed = await client.post(URL, json=work_group_body([second_year], []), headers=staff.headers)
    moved_back = await client.patch(
        f"{URL}/{allowed.json()['id']}", json={"academic_year": "2020/21"}, headers=staff.headers
    )

    assert refused.status_code == 422
    problem = refused.json()
    assert problem["code"] == "work_group_lead_in_development_year"
    assert "Nia Jones" in problem["detail"] and "2021/22" in problem["detail"]
    assert problem["errors"][0]["field"] == "lead_specialist_ids.1"
    assert before_cohort.status_code == 422
    assert before_cohort.json()["code"] == "work_group_lead_in_development_year"
    assert allowed.status_code == 201
    assert moved_back.status_code == 422


async def test_sessions_record_attendance_per_participant(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await world.specialist(hub, await world.cohort("2020/21"))
    school = await world.school(hub)
    created = (
        await client.post(URL, json=work_group_body([lead], [school]), headers=staff.headers)
    ).json()
    first, second = (p["id"] for p in created["schools"][0]["participants"])
    sessions_url = f"{URL}/{created['id']}/sessions"

    recorded = await client.post(
        sessions_url,
        json={
            "held_on": "2021-10-12",
            "starts_at": "13:30",
            "ends_at": "16:00",
            "mode": "online",
            "attendance": [
                {"participant_id": first, "attended": True},
                {"participant_id": second, "attended": False},
            ],
        },
        headers=staff.headers,
    )
    stranger = await client.post(
        sessions_url,
        json={
            "held_on": "2021-10-12",
            "mode": "online",
            "attendance": [{"participant_id": created["id"], "attended": True}],
        },
        headers=staff.headers,
    )
    wrong_year = await client.post(
        sessions_url, json={"held_on": "2022-09-01", "mode": "online"}, headers=staff.headers
    )

    assert recorded.status_code == 201, recorded.text
    session = recorded.json()
    assert (
        recorded.headers["location"]
        == f"/api/v1/work-groups/{created['id']}/sessions/{session['id']}"
    )
    assert {(a["participant_id"], a["attended"]) for a in session["attendance"]} == {
        (first, True),
        (second, False),
    }
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["field"] == "attendance.0.participant_id"
    assert wrong_year.status_code == 422 and wrong_year.json()["errors"][0]["field"] == "held_on"
    fetched = await client.get(f"{sessions_url}/{session['id']}", headers=staff.headers)
    assert fetched.status_code == 200 and fetched.json() == session
    work_group = (await client.get(f"{URL}/{created['id']}", headers=staff.headers)).json()
    assert [s["id"] for s in work_group["sessions"]] == [session["id"]]
    # A teacher who attended cannot be dropped from the list; one who did not attend can be
    # renamed (same id keeps the row).
    drop_first = await client.patch(
        f"{URL}/{created['id']}",
        json={"schools": [{"school_id": str(school.id), "participants": []}]},
        headers=staff.headers,
    )
    assert drop_first.status_code == 409
    assert drop_first.json()["code"] == "participant_has_attendance"
    rename = await client.patch(
        f"{URL}/{created['id']}",
        json={
            "schools": [
                {
                    "school_id": str(school.id),
                    "participants": [
                        {"id": first, "name": "Teacher 0A (renamed)"},
                        {"id": second, "name": "Teacher 0B"},
                    ],
                }
            ]
        },
        headers=staff.headers,
    )
    assert rename.status_code == 200, rename.text
    participants = rename.json()["schools"][0]["participants"]
    assert [(p["id"], p["name"]) for p in participants] == [
        (first, "Teacher 0A (renamed)"),
        (second, "Teacher 0B"),
    ]
    # With a session recorded the work group can no longer be deleted.
    assert (await client.delete(f"{URL}/{created['id']}", headers=staff.headers)).status_code == 409


async def test_status_transitions_and_evaluation(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await world.specialist(hub, await world.cohort("2020/21"))
    schools = [await world.school(hub), await world.school(hub)]
    created = await client.post(URL, json=work_group_body([lead], schools), headers=staff.headers)
    url = f"{URL}/{created.json()['id']}"

    running = await client.patch(url, json={"status": "running"}, headers=staff.headers)
    evaluated = await client.patch(
        url,
        json={
            "status": "completed",
            "outcomes": "Both schools now plan in small steps.",
            "schools": [
                {"school_id": str(schools[0].id), "completed": True},
                {"school_id": str(schools[1].id), "completed": False},
            ],
        },
        headers={**staff.headers, "If-Match": running.headers["etag"]},
    )
    to_planned = await client.patch(url, json={"status": "planned"}, headers=staff.headers)

    assert running.status_code == 200
    assert evaluated.status_code == 200, evaluated.text
    body = evaluated.json()
    assert body["status"] == "completed"
    assert body["outcomes"] == "Both schools now plan in small steps."
    assert {s["school"]["id"]: s["completed"] for s in body["schools"]} == {
        str(schools[0].id): True,
        str(schools[1].id): False,
    }
    assert to_planned.status_code == 409 and to_planned.json()["code"] == "invalid_transition"
    stale = await client.patch(
        url, json={"title": "x"}, headers={**staff.headers, "If-Match": running.headers["etag"]}
    )
    assert stale.status_code == 412


async def test_specialists_see_and_change_only_work_groups_they_lead(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    cohort = await world.cohort("2020/21")
    me, mine = await world.specialist_caller(hub, cohort)
    colleague = await world.specialist(hub, cohort)
    staff = await factory.caller(Role.HUB_STAFF, hub)

    own = await client.post(URL, json=work_group_body([mine], []), headers=me.headers)
    not_mine = await client.post(
        URL, json=work_group_body([colleague], [], code="WG-2"), headers=me.headers
    )
    theirs = await client.post(
        URL, json=work_group_body([colleague], [], code="WG-3"), headers=staff.headers
    )

    assert own.status_code == 201, own.text
    assert not_mine.status_code == 403
    assert theirs.status_code == 201
    listed = await client.get(URL, headers=me.headers)
    assert [w["id"] for w in listed.json()["items"]] == [own.json()["id"]]
    theirs_url = f"{URL}/{theirs.json()['id']}"
    assert (await client.get(theirs_url, headers=me.headers)).status_code == 404
    assert (
        await client.patch(theirs_url, json={"title": "Mine"}, headers=me.headers)
    ).status_code == 404
    session = await client.post(
        f"{theirs_url}/sessions",
        json={"held_on": "2021-10-01", "mode": "online"},
        headers=me.headers,
    )
    assert session.status_code == 404


async def test_another_hub_gets_404(client: AsyncClient, factory: Factory, world: World) -> None:
    hub_a, hub_b = await factory.hub(), await factory.hub()
    staff_a = await factory.caller(Role.HUB_STAFF, hub_a)
    lead_b = await factory.caller(Role.HUB_LEAD, hub_b)
    specialist_a = await world.specialist(hub_a, await world.cohort("2020/21"))
    created = await client.post(
        URL, json=work_group_body([specialist_a], []), headers=staff_a.headers
    )
    url = f"{URL}/{created.json()['id']}"

    assert (await client.get(url, headers=lead_b.headers)).status_code == 404
    assert (await client.patch(url, json={"title": "x"}, headers=lead_b.headers)).status_code == 404
    assert (await client.delete(url, headers=lead_b.headers)).status_code == 404
    assert (
        await client.post(
            f"{url}/sessions",
            json={"held_on": "2021-10-01", "mode": "online"},
            headers=lead_b.headers,
        )
    ).status_code == 404
    assert (await client.get(URL, headers=lead_b.headers)).json()["items"] == []
    # The same code is free in another hub.
    specialist_b = await world.specialist(hub_b, await world.cohort("2020/21"))
    same_code = await client.post(
        URL, json=work_group_body([specialist_b], []), headers=lead_b.headers
    )
    assert same_code.status_code == 201


async def test_filters(client: AsyncClient, factory: Factory, world: World) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await world.cohort("2019/20")
    first, second = await world.specialist(hub, cohort), await world.specialist(hub, cohort)
    school = await world.school(hub)

    async def create(**fields: Any) -> str:
        leads = fields.pop("leads", [first])
        schools = fields.pop("schools", [])
        response = await client.post(
            URL, json=work_group_body(leads, schools, **fields), headers=staff.headers
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    develop = await create(code="A", schools=[school])
    embed = await create(code="B", phase="embed", academic_year="2020/21", title="Embedding TfM")
    secondary = await create(code="C", programme="secondary", leads=[second])

    async def ids(**params: str) -> set[str]:
        response = await client.get(URL, params=params, headers=staff.headers)
        assert response.status_code == 200, response.text
        return {w["id"] for w in response.json()["items"]}

    assert await ids() == {develop, embed, secondary}
    assert await ids(academic_year="2021/22") == {develop, secondary}
    assert await ids(phase="embed") == {embed}
    assert await ids(programme="secondary") == {secondary}
    assert await ids(specialist_id=str(second.id)) == {secondary}
    assert await ids(school_id=str(school.id)) == {develop}
    assert await ids(q="embedding") == {embed}
    assert await ids(code="C") == {secondary}
    assert await ids(status="planned") == {develop, embed, secondary}


async def test_the_list_query_count_does_not_grow_with_the_page(
    app: FastAPI, client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await world.specialist(hub, await world.cohort("2020/21"))
    schools = [await world.school(hub) for _ in range(3)]

    async def add(n: int) -> None:
        response = await client.post(
            URL, json=work_group_body([lead], schools, code=f"WG-{n}"), headers=staff.headers
        )
        assert response.status_code == 201
        participant = response.json()["schools"][0]["participants"][0]["id"]
        session = await client.post(
            f"{URL}/{response.json()['id']}/sessions",
            json={
                "held_on": "2021-11-01",
                "mode": "online",
                "attendance": [{"participant_id": participant, "attended": True}],
            },
            headers=staff.headers,
        )
        assert session.status_code == 201

    await add(1)
    with count_queries(app) as one:
        page = await client.get(URL, headers=staff.headers)
    assert len(page.json()["items"]) == 1
    for n in range(2, 9):
        await add(n)
    with count_queries(app) as eight:
        page = await client.get(URL, headers=staff.headers)
    items = page.json()["items"]
    assert len(items) == 8
    assert all(len(w["schools"]) == 3 and len(w["sessions"]) == 1 for w in items)
    assert len(eight) == len(one)
