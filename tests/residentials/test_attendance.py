"""Residential attendance: hub staff keep their hub's register of a national residential."""

from __future__ import annotations

from datetime import date

from httpx import AsyncClient
from sqlalchemy import func, select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.trg_meetings.world import World


async def test_staff_record_and_correct_attendance_for_their_hub(
    client: AsyncClient, factory: Factory, world: World, app: object
) -> None:
    hub, other_hub = await factory.hub(), await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    other_staff = await factory.caller(Role.HUB_STAFF, other_hub)
    cohort = await world.cohort("2020/21")
    residential = await world.residential(cohort, date(2020, 11, 19))
    amy = await world.specialist(hub, cohort, first_name="Amy", last_name="Adams")
    ben = await world.specialist(hub, cohort, first_name="Ben", last_name="Brown")
    elsewhere = await world.specialist(other_hub, cohort, last_name="Cole")
    url = f"/api/v1/residentials/{residential.id}/attendance"

    recorded = await client.put(
        url,
        json=[
            {"specialist_id": str(amy.id), "status": "attended"},
            {"specialist_id": str(ben.id), "status": "excused", "note": "Ofsted visit"},
        ],
        headers=staff.headers,
    )
    corrected = await client.put(
        url, json=[{"specialist_id": str(ben.id), "status": "absent"}], headers=staff.headers
    )

    assert recorded.status_code == 200, recorded.text
    assert [
        (r["specialist"]["last_name"], r["status"], r["note"]) for r in recorded.json()["items"]
    ] == [
        ("Adams", "attended", None),
        ("Brown", "excused", "Ofsted visit"),
    ]
    assert corrected.status_code == 200
    assert [r["status"] for r in corrected.json()["items"]] == ["attended", "absent"]
    # The other hub sees its own register only: its specialist, not yet recorded.
    theirs = await client.get(url, headers=other_staff.headers)
    assert [(r["specialist"]["last_name"], r["status"]) for r in theirs.json()["items"]] == [
        ("Cole", None)
    ]
    # And cannot record for this hub's specialists.
    foreign = await client.put(
        url, json=[{"specialist_id": str(amy.id), "status": "absent"}], headers=other_staff.headers
    )
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["field"] == "0.specialist_id"
    mine = await client.get(url, headers=staff.headers)
    assert [r["status"] for r in mine.json()["items"]] == ["attended", "absent"]
    async with app.state.sessionmaker() as db:  # type: ignore[attr-defined]
        actions = (
            await db.execute(
                select(AuditEvent.action, func.count())
                .where(AuditEvent.entity_type == "residential_attendances")
                .group_by(AuditEvent.action)
            )
        ).all()
    assert dict(actions) == {
        "residential_attendance.recorded": 2,
        "residential_attendance.updated": 1,
    }
    assert elsewhere.id  # recorded nowhere


async def test_only_the_residentials_cohort_and_no_duplicates(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort, later_cohort = await world.cohort("2020/21"), await world.cohort("2021/22")
    residential = await world.residential(cohort, date(2021, 1, 28))
    inside = await world.specialist(hub, cohort)
    outside = await world.specialist(hub, later_cohort)
    url = f"/api/v1/residentials/{residential.id}/attendance"

    response = await client.put(
        url,
        json=[
            {"specialist_id": str(inside.id), "status": "attended"},
            {"specialist_id": str(outside.id), "status": "attended"},
            {"specialist_id": str(inside.id), "status": "absent"},
            {"specialist_id": str(inside.id), "status": "maybe"},
        ],
        headers=staff.headers,
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"3.status"}
    response = await client.put(
        url,
        json=[
            {"specialist_id": str(inside.id), "status": "attended"},
            {"specialist_id": str(outside.id), "status": "attended"},
            {"specialist_id": str(inside.id), "status": "absent"},
        ],
        headers=staff.headers,
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["1.specialist_id", "2.specialist_id"]
    missing = await client.get(
        "/api/v1/residentials/0190f0e0-0000-7000-8000-000000000000/attendance",
        headers=staff.headers,
    )
    assert missing.status_code == 404


async def test_specialists_read_their_own_line_and_cannot_record(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await world.cohort("2020/21")
    residential = await world.residential(cohort, date(2021, 6, 10))
    me, mine = await world.specialist_caller(hub, cohort)
    colleague = await world.specialist(hub, cohort)
    url = f"/api/v1/residentials/{residential.id}/attendance"
    await client.put(
        url,
        json=[
            {"specialist_id": str(mine.id), "status": "attended"},
            {"specialist_id": str(colleague.id), "status": "absent"},
        ],
        headers=staff.headers,
    )

    own = await client.get(url, headers=me.headers)
    record = await client.put(
        url, json=[{"specialist_id": str(mine.id), "status": "absent"}], headers=me.headers
    )

    assert [(r["specialist"]["id"], r["status"]) for r in own.json()["items"]] == [
        (str(mine.id), "attended")
    ]
    assert record.status_code == 403
