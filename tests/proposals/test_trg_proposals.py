"""TRG meetings propose their lead's release days as work-group sessions do: the meeting's
length in half days at the hub's rate for the activity (school TRG, pilot TRG), funding the
lead's school; one proposal per (meeting, specialist); a correction adjusts what nobody
accepted and proposes reversals for what was; deleting the meeting does the same."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.factories import Factory
from tests.proposals.listing import open_proposals
from tests.specialists.delivery_data import DeliveryData

MEETINGS = "/api/v1/trg-meetings"


def _figures(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(p["activity"], p["days"], p["amount_pence"], p["reverses_id"]) for p in items]


async def test_a_meeting_proposes_its_leads_days_once_and_corrections_follow_it(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    me = await factory.caller(Role.SPECIALIST, hub)
    own_school = await delivery.school(name="Lead's Primary", hub=hub)
    cohort = await delivery.cohort("2020/21")
    specialist = await delivery.specialist(hub, cohort, own_school, user=me)
    colleague = await delivery.specialist(hub, cohort, await delivery.school(hub=hub))
    ledger = f"/api/v1/specialists/{specialist.id}/release-days"
    body = {
        "kind": "pilot",
        "held_on": "2021-01-14",
        "starts_at": "13:00",
        "ends_at": "15:30",
        "mode": "in_person",
        "focus": "Bar models",
    }

    # The specialist records their pilot TRG: 2½ hours is one half day at 180 minutes, so
    # one half day at the development year's £200.00 a day = £100.00, funding their school.
    created = await client.post(MEETINGS, json=body, headers=me.headers)
    assert created.status_code == 201, created.text
    meeting = created.json()
    url = f"{MEETINGS}/{meeting['id']}"
    proposed = await open_proposals(client, me, evidence_id=meeting["id"])
    assert _figures(proposed) == [("pilot_trg", 0.5, 10000, None)]
    assert proposed[0]["school"]["id"] == str(own_school.id)
    assert proposed[0]["evidence"] == {"type": "trg_meeting", "id": meeting["id"]}
    assert proposed[0]["status"] == "proposed"

    # Saving it again proposes nothing new; a longer meeting adjusts the unaccepted proposal.
    again = await client.patch(url, json={"notes": "Same meeting"}, headers=me.headers)
    assert again.status_code == 200, again.text
    assert len(await open_proposals(client, me, evidence_id=meeting["id"])) == 1
    longer = await client.patch(url, json={"ends_at": "16:30"}, headers=me.headers)
    assert longer.status_code == 200, longer.text
    adjusted = await open_proposals(client, me, evidence_id=meeting["id"])
    assert [p["id"] for p in adjusted] == [proposed[0]["id"]]
    assert _figures(adjusted) == [("pilot_trg", 1, 20000, None)]

    # Accepted and approved; then the meeting is corrected to a shorter one. The claim is never
    # edited: its reversal and a fresh proposal at the new length are proposed.
    accepted = await client.post(f"{ledger}/{proposed[0]['id']}/acceptance", headers=me.headers)
    assert accepted.status_code == 200 and accepted.json()["status"] == "claimed"
    approved = await client.post(f"{ledger}/{proposed[0]['id']}/approval", headers=lead.headers)
    assert approved.status_code == 200, approved.text
    shorter = await client.patch(url, json={"ends_at": "14:00"}, headers=staff.headers)
    assert shorter.status_code == 200, shorter.text
    after = await open_proposals(client, staff, evidence_id=meeting["id"])
    assert sorted(_figures(after), key=lambda f: f[2]) == [
        ("pilot_trg", -1, -20000, proposed[0]["id"]),
        ("pilot_trg", 0.5, 10000, None),
    ]
    # Correcting it again moves only the fresh proposal, and proposes no second reversal.
    moved = await client.patch(url, json={"held_on": "2021-01-21"}, headers=staff.headers)
    assert moved.status_code == 200
    after = await open_proposals(client, staff, evidence_id=meeting["id"])
    assert sorted((p["date"], p["amount_pence"]) for p in after) == [
        ("2021-01-14", -20000),
        ("2021-01-21", 10000),
    ]

    # Another lead: the first's unaccepted proposal is withdrawn, the accepted claim's
    # reversal stands, and the colleague is proposed the days.
    handed = await client.patch(
        url, json={"lead_specialist_id": str(colleague.id)}, headers=staff.headers
    )
    assert handed.status_code == 200, handed.text
    after = await open_proposals(client, staff, evidence_id=meeting["id"])
    assert sorted((p["specialist_id"], p["amount_pence"]) for p in after) == sorted(
        [(str(specialist.id), -20000), (str(colleague.id), 10000)]
    )


async def test_deleting_a_meeting_withdraws_and_reverses_and_a_paid_claim_is_recovered(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    school = await delivery.school(hub=hub)
    cohort = await delivery.cohort("2020/21")
    specialist = await delivery.specialist(hub, cohort, school)
    ledger = f"/api/v1/specialists/{specialist.id}/release-days"
    body = {
        "kind": "school",
        "lead_specialist_id": str(specialist.id),
        "held_on": "2021-03-04",
        "starts_at": "15:30",
        "ends_at": "17:00",
        "mode": "online",
    }
    paid_meeting = (await client.post(MEETINGS, json=body, headers=staff.headers)).json()
    unaccepted = (
        await client.post(MEETINGS, json={**body, "held_on": "2021-03-11"}, headers=staff.headers)
    ).json()
    [claim] = await open_proposals(client, staff, evidence_id=paid_meeting["id"])
    assert (claim["activity"], claim["amount_pence"]) == ("school_trg", 10000)
    assert (
        await client.post(f"{ledger}/{claim['id']}/acceptance", headers=staff.headers)
    ).status_code == 200
    assert (
        await client.post(f"{ledger}/{claim['id']}/approval", headers=lead.headers)
    ).status_code == 200
    run = await client.post(
        "/api/v1/payment-runs", json={"school_id": str(school.id)}, headers=lead.headers
    )
    assert run.status_code == 201, run.text
    committed = await client.post(
        f"/api/v1/payment-runs/{run.json()['id']}/commit", json={}, headers=lead.headers
    )
    assert committed.status_code == 200, committed.text

    gone = await client.delete(f"{MEETINGS}/{paid_meeting['id']}", headers=staff.headers)
    also_gone = await client.delete(f"{MEETINGS}/{unaccepted['id']}", headers=staff.headers)
    assert gone.status_code == 204 and also_gone.status_code == 204
    assert await open_proposals(client, staff, evidence_id=unaccepted["id"]) == []
    [reversal] = await open_proposals(client, staff, evidence_id=paid_meeting["id"])
    assert (reversal["reverses_id"], reversal["amount_pence"]) == (claim["id"], -10000)

    # Accepted, the reversal of a paid claim is money to recover: a negative line in the next
    # run, which builds with a warning for the school.
    settled = await client.post(f"{ledger}/{reversal['id']}/acceptance", headers=staff.headers)
    assert settled.status_code == 200 and settled.json()["status"] == "approved"
    next_run = await client.post(
        "/api/v1/payment-runs", json={"school_id": str(school.id)}, headers=lead.headers
    )
    assert next_run.status_code == 201, next_run.text
    assert [(s["lines"], s["total_pence"]) for s in next_run.json()["schools"]] == [(1, -10000)]
    assert any("-£100.00" in w for w in next_run.json()["warnings"])
