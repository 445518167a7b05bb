"""Clawback: when a school withdraws from a work group, the hub lead recovers its paid grant.
The grant is never edited: a reversal (approved, negative) is carried into the next payment
run as a negative line for the school, and the run builds with a warning."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from tests.factories import Factory
from tests.proposals.listing import open_proposals
from tests.proposals.test_proposals import WORK_GROUPS, _arrange, _session
from tests.specialists.delivery_data import DeliveryData

RUNS = "/api/v1/payment-runs"


async def test_a_withdrawn_schools_paid_grant_is_recovered_in_the_next_run(
    app: FastAPI, client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    staff, lead, work_group, ledger, participants, (_me, schools, _own) = await _arrange(
        client, factory, delivery
    )
    url = f"{WORK_GROUPS}/{work_group['id']}"
    for day in (5, 12):
        recorded = await client.post(
            f"{url}/sessions", json=_session(participants, [True, True], day), headers=staff.headers
        )
        assert recorded.status_code == 201, recorded.text
    leaving = schools[0]
    [grant] = [
        p
        for p in await open_proposals(client, staff)
        if p["kind"] == "grant" and p["school"]["id"] == str(leaving.id)
    ]
    for step, who in (("acceptance", staff), ("approval", lead)):
        done = await client.post(f"{ledger}/{grant['id']}/{step}", headers=who.headers)
        assert done.status_code == 200, done.text
    paid_run = await client.post(RUNS, json={"school_id": str(leaving.id)}, headers=lead.headers)
    assert paid_run.status_code == 201, paid_run.text
    assert paid_run.json()["total_pence"] == 200000 and paid_run.json()["warnings"] == []
    committed = await client.post(
        f"{RUNS}/{paid_run.json()['id']}/commit", json={}, headers=lead.headers
    )
    assert committed.status_code == 200, committed.text

    clawback = f"{url}/schools/{leaving.id}/clawback"
    reason = {"reason": "The school left the work group in January."}
    # While the school takes part its grant stands.
    early = await client.post(clawback, json=reason, headers=lead.headers)
    assert early.status_code == 409 and early.json()["code"] == "school_not_withdrawn"

    # The school withdraws (the rest of the work group's schools are left as they are).
    current = await client.get(url, headers=lead.headers)
    schools_body: list[dict[str, Any]] = [
        {
            "school_id": row["school"]["id"],
            "participants": [{"id": p["id"], "name": p["name"]} for p in row["participants"]],
            **({"withdrawn_on": "2022-01-10"} if row["school"]["id"] == str(leaving.id) else {}),
        }
        for row in current.json()["schools"]
    ]
    withdrawn = await client.patch(
        url,
        json={"schools": schools_body},
        headers={**lead.headers, "If-Match": current.headers["etag"]},
    )
    assert withdrawn.status_code == 200, withdrawn.text
    by_school = {row["school"]["id"]: row for row in withdrawn.json()["schools"]}
    assert by_school[str(leaving.id)]["withdrawn_on"] == "2022-01-10"
    assert by_school[str(schools[1].id)]["withdrawn_on"] is None

    grants = (await client.get(f"{url}/grants", headers=staff.headers)).json()["items"]
    recoverable = {g["school_id"]: g["recoverable"] for g in grants}
    assert recoverable == {str(leaving.id): True, str(schools[1].id): False}

    # Staff cannot; the hub lead recovers it, and asking again answers the same reversal.
    refused = await client.post(clawback, json=reason, headers=staff.headers)
    assert refused.status_code == 403
    recovered = await client.post(clawback, json=reason, headers=lead.headers)
    assert recovered.status_code == 201, recovered.text
    reversal = recovered.json()
    assert (reversal["reverses_id"], reversal["amount_pence"], reversal["status"]) == (
        grant["id"],
        -200000,
        "approved",
    )
    assert recovered.headers["location"].endswith(f"/release-days/{reversal['id']}")
    again = await client.post(clawback, json=reason, headers=lead.headers)
    assert again.status_code == 200 and again.json()["id"] == reversal["id"]
    grants = (await client.get(f"{url}/grants", headers=staff.headers)).json()["items"]
    [left] = [g for g in grants if g["school_id"] == str(leaving.id)]
    assert left["recoverable"] is False and left["reversal"]["id"] == reversal["id"]

    # The next run carries it as a negative line for the school, with a warning in words.
    next_run = await client.post(RUNS, json={"school_id": str(leaving.id)}, headers=lead.headers)
    assert next_run.status_code == 201, next_run.text
    run = next_run.json()
    assert [(s["urn"], s["lines"], s["total_pence"]) for s in run["schools"]] == [
        (leaving.urn, 1, -200000)
    ]
    assert run["total_pence"] == -200000
    assert run["warnings"] == [
        f"{leaving.name} (URN {leaving.urn}) comes to -£2,000.00 in this run: it recovers "
        "money from the school rather than paying it.",
        "This run recovers more than it pays: its total is -£2,000.00. Committing it needs "
        "your explicit agreement.",
    ]
    remittance = await client.get(f"{RUNS}/{run['id']}/remittance", headers=lead.headers)
    assert "Reversal: Grant: department_support" in remittance.text
    assert "-2000.00" in remittance.text
    refused_commit = await client.post(f"{RUNS}/{run['id']}/commit", json={}, headers=lead.headers)
    assert refused_commit.status_code == 409
    agreed = await client.post(
        f"{RUNS}/{run['id']}/commit", json={"allow_negative_total": True}, headers=lead.headers
    )
    assert agreed.status_code == 200, agreed.text

    async with app.state.sessionmaker() as db:
        event = await db.scalar(
            select(AuditEvent).where(AuditEvent.action == "work_group.grant_recovered")
        )
    assert event is not None and event.actor_id == lead.id
    assert event.after is not None and event.after["amount"] == "-£2,000.00"
    assert event.after["reason"] == reason["reason"]


async def test_nothing_to_recover_when_the_grant_was_never_accepted(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    staff, lead, work_group, _ledger, participants, (_me, schools, _own) = await _arrange(
        client, factory, delivery
    )
    url = f"{WORK_GROUPS}/{work_group['id']}"
    for day in (5, 12):
        await client.post(
            f"{url}/sessions", json=_session(participants, [True, True], day), headers=staff.headers
        )
    current = await client.get(url, headers=lead.headers)
    body = [
        {
            "school_id": row["school"]["id"],
            "participants": [{"id": p["id"], "name": p["name"]} for p in row["participants"]],
            "withdrawn_on": "2022-01-10",
        }
        for row in current.json()["schools"]
    ]
    assert (
        await client.patch(url, json={"schools": body}, headers=lead.headers)
    ).status_code == 200
    # Withdrawing withdrew the grants nobody had accepted.
    assert [p for p in await open_proposals(client, staff) if p["kind"] == "grant"] == []
    refused = await client.post(
        f"{url}/schools/{schools[0].id}/clawback", json={"reason": "Left"}, headers=lead.headers
    )
    assert refused.status_code == 409 and refused.json()["code"] == "nothing_to_recover"
    unknown = await client.post(
        f"{url}/schools/{work_group['id']}/clawback", json={"reason": "Left"}, headers=lead.headers
    )
    assert unknown.status_code == 404
