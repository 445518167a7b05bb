"""A register deleted after its proposals were accepted leaves reversals whose page is gone:
the proposals list says so (`register_deleted`), names whose each is, and lists one
specialist's open proposals whichever register proposed them (`specialist_id`), so they are
decided from the specialist's page or the hub's list instead."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory
from tests.proposals.listing import open_proposals
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData

MEETINGS = "/api/v1/trg-meetings"
WORK_GROUPS = "/api/v1/work-groups"


MEETING = {
    "kind": "school",
    "held_on": "2021-03-04",
    "starts_at": "15:30",
    "ends_at": "17:00",
    "mode": "online",
}


async def test_a_deleted_meetings_reversal_is_listed_as_such_for_its_specialist_to_accept(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    me = await factory.caller(Role.SPECIALIST, hub)
    cohort = await delivery.cohort("2020/21")
    specialist = await delivery.specialist(
        hub, cohort, await delivery.school(hub=hub), first_name="Amira", last_name="Khan", user=me
    )
    colleague = await delivery.specialist(
        hub, cohort, await delivery.school(hub=hub), first_name="Ben", last_name="Okafor"
    )
    ledger = f"/api/v1/specialists/{specialist.id}/release-days"

    # Two meetings of the specialist's, one of the colleague's; the first is accepted and
    # approved, then deleted: its reversal is proposed and nothing shows it any more.
    deleted = (await client.post(MEETINGS, json=MEETING, headers=me.headers)).json()
    kept = await client.post(
        MEETINGS, json={**MEETING, "held_on": "2021-03-11"}, headers=me.headers
    )
    assert kept.status_code == 201, kept.text
    theirs = await client.post(
        MEETINGS,
        json={**MEETING, "lead_specialist_id": str(colleague.id)},
        headers=staff.headers,
    )
    assert theirs.status_code == 201, theirs.text
    [claim] = await open_proposals(client, me, evidence_id=deleted["id"])
    accepted = await client.post(f"{ledger}/{claim['id']}/acceptance", headers=me.headers)
    assert accepted.status_code == 200, accepted.text
    approved = await client.post(f"{ledger}/{claim['id']}/approval", headers=lead.headers)
    assert approved.status_code == 200, approved.text
    gone = await client.delete(f"{MEETINGS}/{deleted['id']}", headers=staff.headers)
    assert gone.status_code == 204, gone.text

    # The specialist's open proposals, whichever register proposed them: the deleted
    # meeting's reversal (marked so) and the kept meeting's days.
    mine = await open_proposals(client, me, specialist_id=str(specialist.id))
    assert sorted(
        (p["date"], p["amount_pence"], p["reverses_id"], p["register_deleted"]) for p in mine
    ) == [("2021-03-04", -10000, claim["id"], True), ("2021-03-11", 10000, None, False)]
    assert {p["specialist_name"] for p in mine} == {"Amira Khan"}
    # A specialist asking for a colleague's sees none of them; hub staff see the hub's.
    assert await open_proposals(client, me, specialist_id=str(colleague.id)) == []
    everyone = await open_proposals(client, staff)
    assert sorted(p["specialist_name"] for p in everyone) == [
        "Amira Khan",
        "Amira Khan",
        "Ben Okafor",
    ]
    assert [
        p["specialist_name"]
        for p in await open_proposals(client, staff, specialist_id=str(colleague.id))
    ] == ["Ben Okafor"]

    # Accepted from there, the reversal stands where the approved claim stood.
    [reversal] = [p for p in mine if p["register_deleted"]]
    settled = await client.post(f"{ledger}/{reversal['id']}/acceptance", headers=me.headers)
    assert settled.status_code == 200 and settled.json()["status"] == "approved"
    assert [
        p["date"] for p in await open_proposals(client, me, specialist_id=str(specialist.id))
    ] == ["2021-03-11"]


async def test_a_deleted_work_group_sessions_reversal_is_marked_and_the_list_is_one_query(
    app: FastAPI, client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    specialist = await delivery.specialist(
        hub, await delivery.cohort("2020/21"), await delivery.school(hub=hub)
    )
    school = await delivery.school(hub=hub)
    created = await client.post(
        WORK_GROUPS,
        json={
            "code": "WG-21-02",
            "title": "Fluency in Year 2",
            "phase": "develop",
            "programme": "primary",
            "academic_year": "2021/22",
            "lead_specialist_ids": [str(specialist.id)],
            "schools": [{"school_id": str(school.id), "participants": [{"name": "Teacher"}]}],
        },
        headers=staff.headers,
    )
    assert created.status_code == 201, created.text
    work_group = created.json()
    participant = work_group["schools"][0]["participants"][0]["id"]
    sessions = f"{WORK_GROUPS}/{work_group['id']}/sessions"

    def session_on(day: int) -> dict[str, Any]:
        return {
            "held_on": f"2021-10-{day:02d}",
            "starts_at": "09:00",
            "ends_at": "12:00",
            "mode": "in_person",
            "attendance": [{"participant_id": participant, "attended": True}],
        }

    first = (await client.post(sessions, json=session_on(5), headers=staff.headers)).json()
    [days] = await open_proposals(client, staff, evidence_id=first["id"])
    ledger = f"/api/v1/specialists/{specialist.id}/release-days"
    assert (
        await client.post(f"{ledger}/{days['id']}/acceptance", headers=staff.headers)
    ).status_code == 200
    gone = await client.delete(f"{sessions}/{first['id']}", headers=lead.headers)
    assert gone.status_code == 204, gone.text

    [reversal] = await open_proposals(client, lead, specialist_id=str(specialist.id))
    assert (reversal["reverses_id"], reversal["register_deleted"]) == (days["id"], True)
    assert reversal["evidence"] == {"type": "work_group_session", "id": first["id"]}

    # More sessions, more proposals: the list's statements are as many.
    async def queries() -> int:
        with count_queries(app) as statements:
            await open_proposals(client, lead)
        return len(statements)

    few = await queries()
    for day in (12, 19, 26):
        await client.post(sessions, json=session_on(day), headers=staff.headers)
    # The reversal, three sessions' days and, attendance now past the threshold, the grant.
    assert len(await open_proposals(client, lead)) == 5
    assert await queries() == few
