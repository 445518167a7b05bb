"""Four eyes on money: whoever approves or pays an entry did not record it, nobody approves or
pays their own claim, and a hub with one lead names hub staff as approvers."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from masteryhub.contract import generate
from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.specialists.delivery_data import DeliveryData

CLAIM = {"date": "2020-10-05", "days": 1, "activity": "school_trg"}


async def _arrange(factory: Factory, delivery: DeliveryData) -> tuple[Hub, str, Caller]:
    hub = await factory.hub()
    cohort = await delivery.cohort("2020/21")
    me = await factory.caller(Role.SPECIALIST, hub)
    specialist = await delivery.specialist(hub, cohort, await delivery.school(hub=hub), user=me)
    return hub, f"/api/v1/specialists/{specialist.id}/release-days", me


async def _claim(client: AsyncClient, url: str, who: Caller) -> dict[str, Any]:
    response = await client.post(url, json=CLAIM, headers=who.headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _named_approver(client: AsyncClient, factory: Factory, hub: Hub, lead: Caller) -> Caller:
    staff = await factory.caller(Role.HUB_STAFF, hub)
    named = await client.patch(
        f"/api/v1/users/{staff.id}", json={"can_approve_claims": True}, headers=lead.headers
    )
    assert named.status_code == 200, named.text
    assert named.json()["can_approve_claims"] is True
    return staff


async def test_the_recorder_never_approves_or_pays(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, url, _me = await _arrange(factory, delivery)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    other_lead = await factory.caller(Role.HUB_LEAD, hub)
    entry = await _claim(client, url, lead)
    assert entry["recorded_by_id"] == str(lead.id)

    refused = await client.post(f"{url}/{entry['id']}/approval", headers=lead.headers)

    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["code"] == "four_eyes_required"
    assert "recorded" in problem["detail"] and "_" not in problem["detail"]
    approved = await client.post(f"{url}/{entry['id']}/approval", headers=other_lead.headers)
    assert approved.status_code == 200
    assert approved.json()["approved_by_id"] == str(other_lead.id)
    # Paying is checked the same way: not by the person who recorded it.
    not_by_recorder = await client.post(f"{url}/{entry['id']}/payment", headers=lead.headers)
    assert not_by_recorder.status_code == 403
    assert not_by_recorder.json()["code"] == "four_eyes_required"
    paid = await client.post(f"{url}/{entry['id']}/payment", headers=other_lead.headers)
    assert paid.status_code == 200 and paid.json()["status"] == "paid"


async def test_a_specialists_own_claim_is_approved_by_someone_else(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, url, me = await _arrange(factory, delivery)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    entry = await _claim(client, url, me)

    assert (await client.post(f"{url}/{entry['id']}/approval", headers=me.headers)).json()[
        "code"
    ] == "forbidden"
    approved = await client.post(f"{url}/{entry['id']}/approval", headers=lead.headers)
    assert approved.status_code == 200, approved.text


async def test_named_hub_staff_approve_and_unnamed_staff_do_not(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub, url, _me = await _arrange(factory, delivery)
    lead = await factory.caller(Role.HUB_LEAD, hub)
    recorder = await factory.caller(Role.HUB_STAFF, hub)
    unnamed = await factory.caller(Role.HUB_STAFF, hub)
    approver = await _named_approver(client, factory, hub, lead)
    entry = await _claim(client, url, recorder)

    by_unnamed = await client.post(f"{url}/{entry['id']}/approval", headers=unnamed.headers)
    assert by_unnamed.status_code == 403 and by_unnamed.json()["code"] == "forbidden"
    by_approver = await client.post(f"{url}/{entry['id']}/approval", headers=approver.headers)
    assert by_approver.status_code == 200, by_approver.text
    assert by_approver.json()["approved_by_id"] == str(approver.id)
    paid = await client.post(
        f"{url}/{entry['id']}/payment", json={"reference": "BACS-1"}, headers=approver.headers
    )
    assert paid.status_code == 200 and paid.json()["paid_by_id"] == str(approver.id)

    # A named approver who recorded the claim is refused like anyone else.
    own_record = await _claim(client, url, approver)
    refused = await client.post(f"{url}/{own_record['id']}/approval", headers=approver.headers)
    assert refused.status_code == 403 and refused.json()["code"] == "four_eyes_required"

    # The lead takes the permission back: refused at once.
    await client.patch(
        f"/api/v1/users/{approver.id}", json={"can_approve_claims": False}, headers=lead.headers
    )
    another = await _claim(client, url, recorder)
    withdrawn = await client.post(f"{url}/{another['id']}/approval", headers=approver.headers)
    assert withdrawn.status_code == 403 and withdrawn.json()["code"] == "forbidden"


async def test_me_says_who_may_approve(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await factory.caller(Role.SPECIALIST, hub)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    async def can_approve(who: Caller) -> bool:
        response = await client.get("/api/v1/me", headers=who.headers)
        assert response.status_code == 200
        value: bool = response.json()["can_approve_claims"]
        return value

    assert await can_approve(lead) and await can_approve(admin)
    assert not await can_approve(staff) and not await can_approve(specialist)
    await _named_approver(client, factory, hub, lead)  # someone else
    assert not await can_approve(staff)
    await client.patch(
        f"/api/v1/users/{staff.id}", json={"can_approve_claims": True}, headers=lead.headers
    )
    assert await can_approve(staff)


async def test_approvers_are_hub_staff_named_by_their_lead(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    specialist = await factory.caller(Role.SPECIALIST, hub)
    outsider = await factory.caller(Role.HUB_STAFF, await factory.hub())

    refused = await client.patch(
        f"/api/v1/users/{specialist.id}", json={"can_approve_claims": True}, headers=lead.headers
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "can_approve_claims",
            "message": "A Mastery Specialist cannot approve claims: name hub staff instead.",
        }
    ]
    elsewhere = await client.patch(
        f"/api/v1/users/{outsider.id}", json={"can_approve_claims": True}, headers=lead.headers
    )
    assert elsewhere.status_code == 404
    assert (
        await client.patch(
            f"/api/v1/users/{lead.id}", json={"can_approve_claims": True}, headers=staff.headers
        )
    ).status_code == 403
    created = await client.post(
        "/api/v1/users",
        json={
            "email": "approver@example.org",
            "name": "Finance Officer",
            "role": "hub_staff",
            "can_approve_claims": True,
        },
        headers=lead.headers,
    )
    assert created.status_code == 201, created.text
    assert created.json()["can_approve_claims"] is True
    plain = await client.get(f"/api/v1/users/{staff.id}", headers=lead.headers)
    assert plain.json()["can_approve_claims"] is False


def test_the_contract_declares_the_four_eyes_codes() -> None:
    paths = generate()["paths"]
    for action in ("approval", "payment"):
        operation = paths[
            f"/api/v1/specialists/{{specialist_id}}/release-days/{{entry_id}}/{action}"
        ]
        examples = operation["post"]["responses"]["403"]["content"]["application/problem+json"][
            "examples"
        ]
        assert {"four_eyes_required", "self_approval_forbidden"} <= set(examples)
