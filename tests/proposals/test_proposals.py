"""Registers propose the money: a recorded work-group session proposes its lead's release
days at the hub's rate and, once a school attended enough sessions, the school's grant."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.proposals.listing import open_proposals
from tests.specialists.delivery_data import DeliveryData

WORK_GROUPS = "/api/v1/work-groups"


async def _arrange(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> tuple[Caller, Caller, dict[str, Any], str, list[str], Any]:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    me = await factory.caller(Role.SPECIALIST, hub)
    own_school = await delivery.school(name="Lead's Primary", hub=hub)
    specialist = await delivery.specialist(
        hub, await delivery.cohort("2020/21"), own_school, user=me
    )
    schools = [await delivery.school(hub=hub), await delivery.school(hub=hub)]
    body = {
        "code": "WG-21-01",
        "title": "Developing Mastery in Years 1 to 3",
        "phase": "develop",
        "programme": "primary",
        "academic_year": "2021/22",
        "lead_specialist_ids": [str(specialist.id)],
        "schools": [
            {"school_id": str(s.id), "participants": [{"name": f"Teacher {i}"}]}
            for i, s in enumerate(schools)
        ],
    }
    created = await client.post(WORK_GROUPS, json=body, headers=staff.headers)
    assert created.status_code == 201, created.text
    work_group = created.json()
    participants = [row["participants"][0]["id"] for row in work_group["schools"]]
    ledger = f"/api/v1/specialists/{specialist.id}/release-days"
    return staff, lead, work_group, ledger, participants, (me, schools, own_school)


def _session(participants: list[str], present: list[bool], day: int) -> dict[str, Any]:
    return {
        "held_on": f"2021-10-{day:02d}",
        "starts_at": "09:00",
        "ends_at": "15:30",
        "mode": "in_person",
        "attendance": [
            {"participant_id": p, "attended": a} for p, a in zip(participants, present, strict=True)
        ],
    }


async def test_sessions_propose_days_and_grants_once_and_corrections_withdraw(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    staff, lead, work_group, ledger, participants, (me, schools, own_school) = await _arrange(
        client, factory, delivery
    )
    sessions = f"{WORK_GROUPS}/{work_group['id']}/sessions"

    first = await client.post(
        sessions, json=_session(participants, [True, True], 5), headers=staff.headers
    )
    assert first.status_code == 201, first.text
    proposed = await open_proposals(client, me)
    # 09:00–15:30 is six and a half hours: three half days at £350.00 a day = £525.00.
    assert [(p["kind"], p["days"], p["amount_pence"]) for p in proposed] == [
        ("release_days", 1.5, 52500)
    ]
    assert proposed[0]["school"]["id"] == str(own_school.id)
    assert proposed[0]["evidence"] == {"type": "work_group_session", "id": first.json()["id"]}
    # Proposals count against nothing yet.
    balance = (
        await client.get(ledger, params={"academic_year": "2021/22"}, headers=me.headers)
    ).json()["balance"]
    assert balance["claimed_days"] == 0 and balance["claimed_pence"] == 0

    # Recording the same register again proposes nothing new.
    again = await client.patch(
        f"{sessions}/{first.json()['id']}",
        json={"attendance": _session(participants, [True, True], 5)["attendance"]},
        headers=staff.headers,
    )
    assert again.status_code == 200, again.text
    assert len(await open_proposals(client, me)) == 1

    # A second session: both schools have now attended twice (the hub's threshold), so each
    # is proposed the year's £2,000.00 grant.
    second = await client.post(
        sessions, json=_session(participants, [True, True], 12), headers=staff.headers
    )
    assert second.status_code == 201
    grants = [p for p in await open_proposals(client, staff) if p["kind"] == "grant"]
    assert sorted(g["school"]["id"] for g in grants) == sorted(str(s.id) for s in schools)
    assert {g["amount_pence"] for g in grants} == {200000}
    assert {g["evidence"]["type"] for g in grants} == {"work_group"}

    # Correcting the second register: the second school was absent after all. Its grant,
    # never accepted, is withdrawn.
    corrected = await client.patch(
        f"{sessions}/{second.json()['id']}",
        json={"attendance": _session(participants, [True, False], 12)["attendance"]},
        headers=staff.headers,
    )
    assert corrected.status_code == 200, corrected.text
    grants = [p for p in await open_proposals(client, staff) if p["kind"] == "grant"]
    assert [g["school"]["id"] for g in grants] == [str(schools[0].id)]

    # The specialist accepts their days; a second person approves them (four eyes).
    days = next(p for p in await open_proposals(client, me) if p["kind"] == "release_days")
    accepted = await client.post(f"{ledger}/{days['id']}/acceptance", headers=me.headers)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "claimed"
    balance = (
        await client.get(ledger, params={"academic_year": "2021/22"}, headers=me.headers)
    ).json()["balance"]
    assert balance["claimed_days"] == 1.5 and balance["claimed_pence"] == 52500
    approved = await client.post(f"{ledger}/{days['id']}/approval", headers=lead.headers)
    assert approved.status_code == 200, approved.text

    # Accepting twice is refused in words; rejecting the other session's days keeps it out.
    twice = await client.post(f"{ledger}/{days['id']}/acceptance", headers=me.headers)
    assert twice.status_code == 409 and "proposed" in twice.json()["detail"]
    other = next(p for p in await open_proposals(client, me) if p["kind"] == "release_days")
    rejected = await client.post(
        f"{ledger}/{other['id']}/rejection", json={"reason": "I was ill"}, headers=me.headers
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"

    # The first school's grant is accepted by staff and approved; then a correction drops the
    # school below the threshold: a reversal is proposed, the grant itself is never edited.
    grant = grants[0]
    assert (
        await client.post(f"{ledger}/{grant['id']}/acceptance", headers=staff.headers)
    ).status_code == 200
    assert (
        await client.post(f"{ledger}/{grant['id']}/approval", headers=lead.headers)
    ).status_code == 200
    await client.patch(
        f"{sessions}/{second.json()['id']}",
        json={"attendance": _session(participants, [False, False], 12)["attendance"]},
        headers=staff.headers,
    )
    reversals = [p for p in await open_proposals(client, staff) if p["reverses_id"]]
    assert [(r["reverses_id"], r["amount_pence"]) for r in reversals] == [(grant["id"], -200000)]
    settled = await client.post(f"{ledger}/{reversals[0]['id']}/acceptance", headers=staff.headers)
    assert settled.status_code == 200 and settled.json()["status"] == "approved"
    balance = (
        await client.get(ledger, params={"academic_year": "2021/22"}, headers=me.headers)
    ).json()["balance"]
    assert balance["approved_pence"] == 52500
