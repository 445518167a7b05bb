"""Correcting and deleting a work group's sessions: If-Match, the attendance register,
sessions that are release-day evidence, roles and hub isolation."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.hub import Hub
from masteryhub.models.release_day_entry import EntryKind, EvidenceType, ReleaseDayEntry
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.trg_meetings.world import World
from tests.work_groups.test_endpoints import URL, work_group_body

_codes = itertools.count(1)


class Recorded:
    """A work group with one school, two teachers and one session (first attended)."""

    def __init__(self, work_group: dict[str, Any], session: dict[str, Any], etag: str) -> None:
        self.work_group = work_group
        self.session = session
        self.etag = etag
        self.first, self.second = (p["id"] for p in work_group["schools"][0]["participants"])
        self.url = f"{URL}/{work_group['id']}/sessions/{session['id']}"


async def recorded(
    client: AsyncClient, world: World, hub: Hub, caller: Caller, lead: Specialist | None = None
) -> Recorded:
    lead = lead or await world.specialist(hub, await world.cohort("2020/21"))
    school = await world.school(hub)
    body = work_group_body([lead], [school], code=f"WG-S-{next(_codes)}")
    created = await client.post(URL, json=body, headers=caller.headers)
    assert created.status_code == 201, created.text
    work_group = created.json()
    first = work_group["schools"][0]["participants"][0]["id"]
    session = await client.post(
        f"{URL}/{work_group['id']}/sessions",
        json={
            "held_on": "2021-10-12",
            "starts_at": "13:30",
            "ends_at": "16:00",
            "mode": "online",
            "attendance": [{"participant_id": first, "attended": True}],
        },
        headers=caller.headers,
    )
    assert session.status_code == 201, session.text
    return Recorded(work_group, session.json(), session.headers["etag"])


async def test_a_session_is_corrected_with_its_register(
    app: FastAPI, client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    setting = await recorded(client, world, hub, staff)

    changed = await client.patch(
        setting.url,
        json={
            "held_on": "2021-10-19",
            "mode": "in_person",
            "location": "Test Primary School hall",
            "notes": "Bar models for fractions.",
            "attendance": [
                {"participant_id": setting.first, "attended": False},
                {"participant_id": setting.second, "attended": True},
            ],
        },
        headers={**staff.headers, "If-Match": setting.etag},
    )

    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["held_on"], body["mode"], body["location"]) == (
        "2021-10-19",
        "in_person",
        "Test Primary School hall",
    )
    assert (body["starts_at"], body["ends_at"]) == ("13:30", "16:00")
    assert {(a["participant_id"], a["attended"]) for a in body["attendance"]} == {
        (setting.first, False),
        (setting.second, True),
    }
    assert changed.headers["etag"] != setting.etag
    fetched = await client.get(setting.url, headers=staff.headers)
    assert fetched.json() == body and fetched.headers["etag"] == changed.headers["etag"]
    # Times can be cleared; the register can be emptied.
    cleared = await client.patch(
        setting.url,
        json={"starts_at": None, "ends_at": None, "attendance": []},
        headers=staff.headers,
    )
    assert cleared.status_code == 200, cleared.text
    assert (cleared.json()["starts_at"], cleared.json()["attendance"]) == (None, [])
    async with app.state.sessionmaker() as db:
        event = await db.scalar(
            select(AuditEvent)
            .where(
                AuditEvent.action == "work_group_session.updated",
                AuditEvent.entity_id == uuid.UUID(setting.session["id"]),
            )
            .order_by(AuditEvent.id)  # UUIDv7: the first correction, not the clearing after it
            .limit(1)
        )
    assert event is not None and event.hub_id == hub.id
    assert event.before is not None and event.after is not None
    assert event.before["attendance"] == {setting.first: True}
    assert event.after["attendance"] == {setting.first: False, setting.second: True}


async def test_a_stale_if_match_is_refused(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    setting = await recorded(client, world, hub, staff)
    first = await client.patch(
        setting.url, json={"notes": "First"}, headers={**staff.headers, "If-Match": setting.etag}
    )

    second = await client.patch(
        setting.url, json={"notes": "Second"}, headers={**staff.headers, "If-Match": setting.etag}
    )
    deleted = await client.delete(setting.url, headers={**staff.headers, "If-Match": setting.etag})

    assert first.status_code == 200
    assert second.status_code == 412 and second.json()["code"] == "precondition_failed"
    assert deleted.status_code == 412
    assert (await client.get(setting.url, headers=staff.headers)).json()["notes"] == "First"


async def test_bad_corrections_name_their_fields(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    setting = await recorded(client, world, hub, staff)

    async def patch(body: dict[str, Any]) -> dict[str, Any]:
        response = await client.patch(setting.url, json=body, headers=staff.headers)
        assert response.status_code == 422, response.text
        problem: dict[str, Any] = response.json()
        return problem

    wrong_year = await patch({"held_on": "2022-09-01"})
    stranger = await patch(
        {"attendance": [{"participant_id": setting.work_group["id"], "attended": True}]}
    )
    ends_first = await patch({"ends_at": "12:00"})
    null_mode = await patch({"mode": None})
    twice = await patch(
        {
            "attendance": [
                {"participant_id": setting.first, "attended": True},
                {"participant_id": setting.first, "attended": False},
            ]
        }
    )

    assert wrong_year["errors"][0]["field"] == "held_on"
    assert stranger["errors"][0]["field"] == "attendance.0.participant_id"
    assert ends_first["errors"][0]["field"] == "ends_at"
    assert null_mode["code"] == "validation_failed"
    assert twice["code"] == "validation_failed"
    unchanged = (await client.get(setting.url, headers=staff.headers)).json()
    assert unchanged == setting.session


async def test_a_cancelled_work_groups_sessions_are_not_changed(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    setting = await recorded(client, world, hub, staff)
    cancelled = await client.patch(
        f"{URL}/{setting.work_group['id']}", json={"status": "cancelled"}, headers=staff.headers
    )
    assert cancelled.status_code == 200

    refused = await client.patch(setting.url, json={"notes": "x"}, headers=staff.headers)

    assert refused.status_code == 409 and refused.json()["code"] == "work_group_cancelled"


async def test_deleting_a_session_a_claim_names_proposes_its_reversal(
    app: FastAPI, client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    specialist = await world.specialist(hub, await world.cohort("2020/21"))
    claimed = await recorded(client, world, hub, lead, specialist)
    second = await client.post(
        f"{URL}/{claimed.work_group['id']}/sessions",
        json={"held_on": "2021-11-09", "mode": "online"},
        headers=lead.headers,
    )
    unclaimed_url = f"{URL}/{claimed.work_group['id']}/sessions/{second.json()['id']}"
    school_id = claimed.work_group["schools"][0]["school"]["id"]
    claim = ReleaseDayEntry(
        hub_id=hub.id,
        specialist_id=specialist.id,
        academic_year="2021/22",
        worked_on=date(2021, 10, 12),
        kind=EntryKind.RELEASE_DAYS,
        activity="work_group_session",
        half_days=2,
        day_rate_pence=20_000,
        amount_pence=20_000,
        school_id=uuid.UUID(school_id),
        evidence_type=EvidenceType.WORK_GROUP_SESSION,
        evidence_id=uuid.UUID(claimed.session["id"]),
        recorded_by_label="test",
    )
    await factory.add(claim)

    removed = await client.delete(claimed.url, headers=lead.headers)
    deleted = await client.delete(
        unclaimed_url, headers={**lead.headers, "If-Match": second.headers["etag"]}
    )

    # The claim is never edited: its reversal is proposed, both still naming the session.
    assert removed.status_code == 204, removed.text
    assert (await client.get(claimed.url, headers=lead.headers)).status_code == 404
    proposed = (
        await client.get(
            "/api/v1/release-day-proposals",
            params={"evidence_id": claimed.session["id"]},
            headers=lead.headers,
        )
    ).json()["items"]
    assert [(p["reverses_id"], p["days"], p["amount_pence"]) for p in proposed] == [
        (str(claim.id), -1, -20_000)
    ]
    assert deleted.status_code == 204, deleted.text
    assert (await client.get(unclaimed_url, headers=lead.headers)).status_code == 404
    work_group_url = f"{URL}/{claimed.work_group['id']}"
    work_group = (await client.get(work_group_url, headers=lead.headers)).json()
    assert work_group["sessions"] == []
    async with app.state.sessionmaker() as db:
        events = (
            await db.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == "work_group_session.deleted")
                .order_by(AuditEvent.id)
            )
        ).all()
    assert [e.before["held_on"] for e in events if e.before] == ["2021-10-12", "2021-11-09"]
    assert all(e.after is None for e in events)


async def test_specialists_change_only_sessions_of_work_groups_they_lead(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    cohort = await world.cohort("2020/21")
    me, mine = await world.specialist_caller(hub, cohort)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    own = await recorded(client, world, hub, me, mine)
    theirs = await recorded(client, world, hub, staff)

    changed = await client.patch(own.url, json={"notes": "Mine"}, headers=me.headers)
    not_mine = await client.patch(theirs.url, json={"notes": "Mine"}, headers=me.headers)
    not_mine_deleted = await client.delete(theirs.url, headers=me.headers)
    deleted = await client.delete(own.url, headers=me.headers)

    assert changed.status_code == 200
    assert not_mine.status_code == 404 and not_mine_deleted.status_code == 404
    assert deleted.status_code == 204


async def test_another_hub_and_another_work_group_get_404(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub_a, hub_b = await factory.hub(), await factory.hub()
    staff_a = await factory.caller(Role.HUB_STAFF, hub_a)
    lead_b = await factory.caller(Role.HUB_LEAD, hub_b)
    setting = await recorded(client, world, hub_a, staff_a)
    lead = await world.specialist(hub_a, await world.cohort("2020/21"))
    other = await client.post(
        URL, json=work_group_body([lead], [], code="WG-OTHER"), headers=staff_a.headers
    )
    wrong_parent = f"{URL}/{other.json()['id']}/sessions/{setting.session['id']}"

    assert (
        await client.patch(setting.url, json={"notes": "x"}, headers=lead_b.headers)
    ).status_code == 404
    assert (await client.delete(setting.url, headers=lead_b.headers)).status_code == 404
    assert (
        await client.patch(wrong_parent, json={"notes": "x"}, headers=staff_a.headers)
    ).status_code == 404
    assert (await client.delete(wrong_parent, headers=staff_a.headers)).status_code == 404
    assert (await client.get(setting.url, headers=staff_a.headers)).json() == setting.session
