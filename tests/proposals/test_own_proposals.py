"""A specialist's proposals are their own (ProposalRepository.owned_by): they list and decide
only theirs. A register they record, correct or delete still proposes, adjusts and withdraws
every co-lead's."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory
from tests.proposals.listing import open_proposals
from tests.specialists.delivery_data import DeliveryData

WORK_GROUPS = "/api/v1/work-groups"


def _session(participant: str, ends_at: str) -> dict[str, Any]:
    return {
        "held_on": "2021-10-05",
        "starts_at": "09:00",
        "ends_at": ends_at,
        "mode": "in_person",
        "attendance": [{"participant_id": participant, "attended": True}],
    }


async def test_a_co_leads_register_proposes_for_both_and_each_sees_and_decides_their_own(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    me = await factory.caller(Role.SPECIALIST, hub)
    cohort = await delivery.cohort("2020/21")
    mine = await delivery.specialist(
        hub, cohort, await delivery.school(hub=hub), first_name="Amira", last_name="Khan", user=me
    )
    colleague = await delivery.specialist(
        hub, cohort, await delivery.school(hub=hub), first_name="Ben", last_name="Okafor"
    )
    school = await delivery.school(hub=hub)
    created = await client.post(
        WORK_GROUPS,
        json={
            "code": "WG-21-07",
            "title": "Reasoning in Year 5",
            "phase": "develop",
            "programme": "primary",
            "academic_year": "2021/22",
            "lead_specialist_ids": [str(mine.id), str(colleague.id)],
            "schools": [{"school_id": str(school.id), "participants": [{"name": "Teacher"}]}],
        },
        headers=staff.headers,
    )
    assert created.status_code == 201, created.text
    work_group = created.json()
    participant = work_group["schools"][0]["participants"][0]["id"]
    sessions = f"{WORK_GROUPS}/{work_group['id']}/sessions"

    # The specialist records the session: both co-leads are proposed its days.
    recorded = await client.post(sessions, json=_session(participant, "12:00"), headers=me.headers)
    assert recorded.status_code == 201, recorded.text
    session_id = recorded.json()["id"]
    url = f"{sessions}/{session_id}"
    both = await open_proposals(client, staff, evidence_id=session_id)
    assert sorted((p["specialist_name"], p["days"]) for p in both) == [
        ("Amira Khan", 0.5),
        ("Ben Okafor", 0.5),
    ]
    [theirs] = [p for p in both if p["specialist_id"] == str(colleague.id)]

    # The specialist lists their own only; asking for the colleague's finds none.
    assert [p["specialist_name"] for p in await open_proposals(client, me)] == ["Amira Khan"]
    assert [
        p["specialist_name"] for p in await open_proposals(client, me, evidence_id=session_id)
    ] == ["Amira Khan"]
    assert await open_proposals(client, me, specialist_id=str(colleague.id)) == []

    # Nor may they decide the colleague's: refused for another's ledger, not found in theirs.
    their_ledger = f"/api/v1/specialists/{colleague.id}/release-days"
    my_ledger = f"/api/v1/specialists/{mine.id}/release-days"
    refused = await client.post(f"{their_ledger}/{theirs['id']}/acceptance", headers=me.headers)
    assert refused.status_code == 403, refused.text
    hidden = await client.post(f"{my_ledger}/{theirs['id']}/rejection", headers=me.headers)
    assert hidden.status_code == 404, hidden.text

    # Correcting the register adjusts the colleague's proposal too (not a second one).
    longer = await client.patch(
        url, json={"starts_at": "09:00", "ends_at": "15:30"}, headers=me.headers
    )
    assert longer.status_code == 200, longer.text
    adjusted = await open_proposals(client, staff, evidence_id=session_id)
    assert sorted((p["id"], p["days"]) for p in adjusted) == sorted((p["id"], 1.5) for p in both)

    # Deleting it withdraws both, nobody having accepted either.
    gone = await client.delete(url, headers=me.headers)
    assert gone.status_code == 204, gone.text
    assert await open_proposals(client, staff, evidence_id=session_id) == []
