"""A hub's money settings: its hub lead (or a national admin) reads and changes them with
If-Match; bounds are refused in words; every change is audited; another hub's are not found;
and what registers propose follows them."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.specialists.delivery_data import DeliveryData


def _url(hub_id: Any) -> str:
    return f"/api/v1/hubs/{hub_id}/settings"


async def test_a_hub_lead_reads_and_changes_their_hubs_settings(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    hub, other = await factory.hub(), await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    read = await client.get(_url(hub.id), headers=staff.headers)
    assert read.status_code == 200, read.text
    assert read.json() | {"updated_at": None} == {
        "hub_id": str(hub.id),
        "hub_name": hub.name,
        "release_minutes_per_half_day": 180,
        "grant_sessions_threshold": 2,
        "payment_waits_for_confirmation": False,
        "updated_at": None,
    }
    etag = read.headers["etag"]

    changed = await client.patch(
        _url(hub.id),
        json={"release_minutes_per_half_day": 150, "payment_waits_for_confirmation": True},
        headers={**lead.headers, "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["release_minutes_per_half_day"] == 150
    assert changed.json()["payment_waits_for_confirmation"] is True
    assert changed.json()["grant_sessions_threshold"] == 2
    assert changed.headers["etag"] != etag

    stale = await client.patch(
        _url(hub.id),
        json={"grant_sessions_threshold": 3},
        headers={**lead.headers, "If-Match": etag},
    )
    assert stale.status_code == 412, stale.text

    async with app.state.sessionmaker() as db:
        event = await db.scalar(
            select(AuditEvent).where(AuditEvent.action == "hub.settings_updated")
        )
    assert event is not None and event.hub_id == hub.id and event.actor_id == lead.id
    assert event.before == {
        "release_minutes_per_half_day": 180,
        "payment_waits_for_confirmation": False,
    }
    assert event.after == {
        "release_minutes_per_half_day": 150,
        "payment_waits_for_confirmation": True,
    }

    # Hub staff read but never change; another hub's settings are not found; a national
    # admin reaches any hub's.
    refused = await client.patch(
        _url(hub.id), json={"grant_sessions_threshold": 3}, headers=staff.headers
    )
    assert refused.status_code == 403
    hidden = await client.get(_url(other.id), headers=lead.headers)
    assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"
    hidden_write = await client.patch(
        _url(other.id), json={"grant_sessions_threshold": 3}, headers=lead.headers
    )
    assert hidden_write.status_code == 404
    by_admin = await client.patch(
        _url(other.id), json={"grant_sessions_threshold": 3}, headers=admin.headers
    )
    assert by_admin.status_code == 200 and by_admin.json()["grant_sessions_threshold"] == 3


async def test_out_of_bounds_settings_are_refused_in_words(
    client: AsyncClient, factory: Factory
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    refused = await client.patch(
        _url(hub.id),
        json={
            "release_minutes_per_half_day": 20,
            "grant_sessions_threshold": 51,
            "payment_waits_for_confirmation": "sometimes",
        },
        headers=lead.headers,
    )
    assert refused.status_code == 422, refused.text
    fields = {e["field"] for e in refused.json()["errors"]}
    assert fields == {
        "release_minutes_per_half_day",
        "grant_sessions_threshold",
        "payment_waits_for_confirmation",
    }
    assert all("_" not in e["message"] for e in refused.json()["errors"])
    emptied = await client.patch(
        _url(hub.id), json={"grant_sessions_threshold": None}, headers=lead.headers
    )
    assert emptied.status_code == 422
    unchanged = (await client.get(_url(hub.id), headers=lead.headers)).json()
    assert unchanged["grant_sessions_threshold"] == 2


async def test_registers_propose_with_the_hubs_half_day(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    """09:00–15:30 is three half days at 180 minutes each, but five at 90."""
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    school = await delivery.school(hub=hub)
    specialist = await delivery.specialist(hub, await delivery.cohort("2020/21"), school)
    assert (
        await client.patch(
            _url(hub.id), json={"release_minutes_per_half_day": 90}, headers=lead.headers
        )
    ).status_code == 200
    meeting = await client.post(
        "/api/v1/trg-meetings",
        json={
            "kind": "school",
            "lead_specialist_id": str(specialist.id),
            "held_on": "2021-11-04",
            "starts_at": "09:00",
            "ends_at": "15:30",
            "mode": "in_person",
        },
        headers=lead.headers,
    )
    assert meeting.status_code == 201, meeting.text
    proposed = (
        await client.get(
            "/api/v1/release-day-proposals",
            params={"evidence_id": meeting.json()["id"]},
            headers=lead.headers,
        )
    ).json()["items"]
    # Year 2, a school TRG at the default £200.00 a day: 2.5 days = £500.00.
    assert [(p["days"], p["day_rate_pence"], p["amount_pence"]) for p in proposed] == [
        (2.5, 20000, 50000)
    ]
