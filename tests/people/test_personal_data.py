"""Export and erasure of a person's data (national admins), both audited with ids only."""

from __future__ import annotations

import json

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.idempotency_record import IdempotencyRecord
from masteryhub.models.outbound_email import OutboundEmail
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, World, emails_to, payload, submit, token_in
from tests.factories import Factory

EXPORT = "/api/v1/people/export"
ERASURE = "/api/v1/people/erasure"
PERSONAL = ("Amira", "a.khan@example.org", "1234567", "7700 900123", "Why I want")


async def test_export_gathers_everything_and_is_audited(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    own = (await submit(client, world.form)).json()
    # Amira is also the headteacher named on a colleague's application.
    as_head = (
        await submit(
            client,
            world.form,
            payload(
                applicant__email="colleague@example.org",
                headteacher__email="A.Khan@example.org",
                headteacher__name="Amira Khan",
                headteacher__statement="My colleague is ready.",
            ),
        )
    ).json()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    account = await factory.user(Role.SPECIALIST, world.hub_a, email="a.khan@example.org")

    response = await client.get(
        EXPORT, params={"email": "a.khan@example.org"}, headers=admin.headers
    )

    assert response.status_code == 200, response.text
    held = response.json()
    assert [a["id"] for a in held["applications"]] == [own["id"]]
    assert held["applications"][0]["applicant"]["trn"] == "1234567"
    assert [s["application_id"] for s in held["headteacher_statements"]] == [as_head["id"]]
    assert held["headteacher_statements"][0]["statement"] == "My colleague is ready."
    assert {e["to_address"] for e in held["emails"]} == {"a.khan@example.org"}
    assert held["user"]["id"] == str(account.id) and held["user"]["role"] == "specialist"
    assert held["specialists"] == []
    forbidden = await client.get(
        EXPORT, params={"email": "a.khan@example.org"}, headers=lead.headers
    )
    assert forbidden.status_code == 403
    async with app.state.sessionmaker() as session:
        [event] = list(
            await session.scalars(select(AuditEvent).where(AuditEvent.action == "person.exported"))
        )
    assert event.actor_id == admin.id
    assert "a.khan" not in json.dumps(event.after) and own["id"] in json.dumps(event.after)


async def test_erasure_anonymises_everywhere_and_keeps_the_counts(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application = (await submit(client, world.form)).json()
    [head_email] = await emails_to(app, "head@example.org")
    given = await client.post(
        f"/api/v1/references/{token_in(head_email)}",
        json={"statement": "Amira is ready.", "commits_to_release_time": True},
    )
    assert given.status_code == 200
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    for status in ("shortlisted", "interview", "appointed"):
        moved = await client.post(
            f"{APPLICATIONS}/{application['id']}/transitions",
            json={"to": status},
            headers=lead.headers,
        )
        assert moved.status_code == 200, moved.text
    user = await factory.user(
        Role.SPECIALIST, world.hub_a, email="a.khan@example.org", name="Amira Khan"
    )
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    held = (
        await client.get(EXPORT, params={"email": "a.khan@example.org"}, headers=admin.headers)
    ).json()
    assert [(s["application_id"], s["status"]) for s in held["specialists"]] == [
        (application["id"], "active")
    ]

    erased = await client.post(ERASURE, json={"email": "A.Khan@example.org"}, headers=admin.headers)

    assert erased.status_code == 200, erased.text
    report = erased.json()
    assert (report["applications"], report["specialists"], report["users"]) == (1, 1, 1)
    assert report["emails"] == 3  # two to her, and the head's request that names her
    detail = (await client.get(f"{APPLICATIONS}/{application['id']}", headers=lead.headers)).json()
    assert detail["reference"] == application["reference"]  # references are kept
    assert detail["status"] == "appointed"
    assert detail["applicant"] == {
        "first_name": "Erased",
        "last_name": "Erased",
        "email": f"erased+{application['id']}@invalid",
        "trn": None,
        "phone": None,
    }
    assert detail["statement"] == "" and detail["criteria_evidence"] == {}
    listed = await client.get(APPLICATIONS, headers=lead.headers)
    assert len(listed.json()["items"]) == 1  # counts are kept
    async with app.state.sessionmaker() as session:
        [specialist] = list(await session.scalars(select(Specialist)))
        events = list(await session.scalars(select(AuditEvent)))
        replays = list(await session.scalars(select(IdempotencyRecord)))
        emails = list(await session.scalars(select(OutboundEmail)))
    assert (specialist.first_name, specialist.email) == (
        "Erased",
        f"erased+{specialist.id}@invalid",
    )
    trail = json.dumps([[e.actor_label, e.before, e.after] for e in events], default=str)
    for value in PERSONAL:
        assert value not in trail, (value, [e for e in json.loads(trail) if value in json.dumps(e)])
    erasure = next(e for e in events if e.action == "person.erased")
    assert erasure.after and application["id"] in json.dumps(erasure.after)
    assert str(user.id) == erasure.after["user"]
    replay_text = json.dumps([r.response_body for r in replays])
    for value in PERSONAL:
        assert value not in replay_text, value
    mail_text = json.dumps([[m.to_address, m.subject, m.text_body] for m in emails])
    assert "a.khan@example.org" not in mail_text and "Amira" not in mail_text
    assert "head@example.org" in mail_text  # other people's data is untouched
    again = await client.get(EXPORT, params={"email": "a.khan@example.org"}, headers=admin.headers)
    assert again.json()["applications"] == [] and again.json()["user"] is None
