"""The headteacher's reference link: single use, expiring, hashed at rest."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from masteryhub.applications.references.endpoints import REFERENCE_ATTEMPTS_PER_IP
from masteryhub.applications.references.service import (
    reminder_loop,
    send_due_reference_reminders,
)
from masteryhub.db import begin_write
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.reference_request import ReferenceRequest
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, Clock, World, emails_to, submit, token_in
from tests.factories import Factory

REFERENCES = "/api/v1/references"
STATEMENT = {"statement": "Amira is an outstanding teacher.", "commits_to_release_time": True}


async def applied(app: FastAPI, client: AsyncClient, world: World) -> tuple[str, str]:
    """An application awaiting its reference, and the token from the headteacher's email."""
    response = await submit(client, world.form)
    assert response.status_code == 201
    [email] = await emails_to(app, "head@example.org")
    return response.json()["id"], token_in(email)


async def test_the_headteacher_sees_only_what_they_need_and_completes_the_application(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    application_id, token = await applied(app, client, world)

    view = await client.get(f"{REFERENCES}/{token}")

    assert view.status_code == 200, view.text
    shown = view.json()
    assert shown["applicant_name"] == "Amira Khan"
    assert shown["school_name"] == "St Example's Primary School"
    assert shown["cohort_name"] == "Primary Mastery Specialists Cohort 6 (2020/21)"
    assert shown["closes_at"] == "2020-06-15T16:00:00Z"
    assert "15 days in the development year (2020/21)" in shown["asks"][1]
    assert [c["code"] for c in shown["criteria"]][:1] == ["qts"]
    for private in ("a.khan@example.org", "1234567", "+44 7700", "Why I want"):
        assert private not in view.text

    given = await client.post(f"{REFERENCES}/{token}", json=STATEMENT)

    assert given.status_code == 200, given.text
    assert given.json()["application_id"] == application_id
    detail = await client.get(f"{APPLICATIONS}/{application_id}", headers=world.form.headers)
    assert detail.json()["status"] == "complete"
    assert detail.json()["headteacher"]["statement"] == STATEMENT["statement"]
    assert detail.json()["headteacher"]["commits_to_release_time"] is True


async def test_a_link_works_once(app: FastAPI, client: AsyncClient, world: World) -> None:
    _, token = await applied(app, client, world)
    assert (await client.post(f"{REFERENCES}/{token}", json=STATEMENT)).status_code == 200

    again = await client.post(f"{REFERENCES}/{token}", json=STATEMENT)
    look = await client.get(f"{REFERENCES}/{token}")

    assert again.status_code == look.status_code == 410
    assert again.json()["code"] == look.json()["code"] == "reference_used"
    assert again.headers["content-type"] == "application/problem+json"


async def test_a_link_expires(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock
) -> None:
    _, token = await applied(app, client, world)

    clock.now += timedelta(days=14, seconds=1)  # cohort reference_link_days = 14
    expired = await client.post(f"{REFERENCES}/{token}", json=STATEMENT)

    assert expired.status_code == 410 and expired.json()["code"] == "reference_expired"
    clock.now -= timedelta(seconds=2)
    assert (await client.get(f"{REFERENCES}/{token}")).status_code == 200


async def test_unknown_links_are_404(client: AsyncClient, world: World) -> None:
    response = await client.get(f"{REFERENCES}/not-a-real-token")

    assert response.status_code == 404 and response.json()["code"] == "reference_not_found"


async def test_tokens_are_stored_hashed(app: FastAPI, client: AsyncClient, world: World) -> None:
    _, token = await applied(app, client, world)

    async with app.state.sessionmaker() as session:
        [stored] = list(await session.scalars(select(ReferenceRequest)))
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(
        {c.key: getattr(stored, c.key) for c in ReferenceRequest.__table__.columns}
    )


async def test_the_statement_must_carry_the_commitment(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    _, token = await applied(app, client, world)

    refused = await client.post(
        f"{REFERENCES}/{token}", json={"statement": "", "commits_to_release_time": False}
    )

    assert refused.status_code == 422
    fields = {e["field"] for e in refused.json()["errors"]}
    assert fields == {"statement", "commits_to_release_time"}
    assert (await client.get(f"{REFERENCES}/{token}")).status_code == 200  # still usable


async def test_staff_resend_a_link_and_the_old_one_stops_working(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, old_token = await applied(app, client, world)
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    redirect = {"headteacher_email": "Deputy.Head@Example.org"}

    # Staff may re-send to the same address; a different address is a hub lead's decision.
    refused = await client.post(
        f"{APPLICATIONS}/{application_id}/reference-requests", json=redirect, headers=staff.headers
    )
    assert refused.status_code == 403, refused.text
    resent = await client.post(
        f"{APPLICATIONS}/{application_id}/reference-requests", json=redirect, headers=lead.headers
    )

    assert resent.status_code == 201, resent.text
    trail = await client.get(
        "/api/v1/audit-events",
        params={"action": "reference_request.created", "actor_id": str(lead.id)},
        headers=lead.headers,
    )
    assert [e["after"]["sent_to"] for e in trail.json()["items"]] == ["deputy.head@example.org"]
    detail = (await client.get(f"{APPLICATIONS}/{application_id}", headers=staff.headers)).json()
    assert [(r["sent_to"], r["sent_by"]) for r in detail["reference_resends"]] == [
        ("deputy.head@example.org", trail.json()["items"][0]["actor_label"])
    ]
    assert "token" not in resent.text
    [email] = await emails_to(app, "deputy.head@example.org")
    new_token = token_in(email)
    old = await client.get(f"{REFERENCES}/{old_token}")
    assert old.status_code == 410 and old.json()["code"] == "reference_expired"
    assert (await client.post(f"{REFERENCES}/{new_token}", json=STATEMENT)).status_code == 200
    not_needed = await client.post(
        f"{APPLICATIONS}/{application_id}/reference-requests", headers=staff.headers
    )
    assert not_needed.status_code == 409 and not_needed.json()["code"] == "reference_not_needed"
    other_hub = await factory.caller(Role.HUB_STAFF, world.hub_b)
    hidden = await client.post(
        f"{APPLICATIONS}/{application_id}/reference-requests", headers=other_hub.headers
    )
    assert hidden.status_code == 404


async def test_reference_links_are_rate_limited_per_address(
    client: AsyncClient, world: World
) -> None:
    allowed = int(REFERENCE_ATTEMPTS_PER_IP.split("/")[0])
    for _ in range(allowed):
        assert (await client.get(f"{REFERENCES}/guess")).status_code == 404

    refused = await client.get(f"{REFERENCES}/guess")

    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


async def test_overdue_references_get_one_reminder_with_a_working_link(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock
) -> None:
    _, first_token = await applied(app, client, world)
    done = await submit(client, world.form)  # its head answers in time: no reminder
    [_, done_email] = await emails_to(app, "head@example.org")
    assert (await client.post(f"{REFERENCES}/{token_in(done_email)}", json=STATEMENT)).is_success

    async def run(days: int) -> int:
        async with app.state.sessionmaker() as session:
            await begin_write(session)
            sent = await send_due_reference_reminders(
                session, clock.now + timedelta(days=days), base_url="http://testserver"
            )
            await session.commit()
            return sent

    assert await run(6) == 0  # reference_reminder_days = 7
    assert await run(8) == 1
    assert await run(9) == 0  # reminded once only
    emails = await emails_to(app, "head@example.org")
    reminder = emails[-1]
    assert reminder.template == "reference_reminder"
    assert done.json()["reference"] not in reminder.text_body
    reminder_token = token_in(reminder)
    assert reminder_token != first_token
    assert (await client.post(f"{REFERENCES}/{reminder_token}", json=STATEMENT)).status_code == 200
    # The first link was not revoked by the reminder, but the reference is now given.
    assert (await client.get(f"{REFERENCES}/{first_token}")).json()["code"] == "reference_used"


@pytest.mark.real_commits
async def test_concurrent_submissions_of_one_link_count_once(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    _, token = await applied(app, client, world)

    responses = await asyncio.gather(
        *(client.post(f"{REFERENCES}/{token}", json=STATEMENT) for _ in range(5))
    )

    assert sorted(r.status_code for r in responses) == [200, 410, 410, 410, 410]
    async with app.state.sessionmaker() as session:
        events = list(
            await session.scalars(
                select(AuditEvent).where(AuditEvent.action == "application.reference_received")
            )
        )
    assert len(events) == 1


@pytest.mark.real_commits
async def test_the_workers_reminder_loop_queues_due_reminders(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock, factory: Factory
) -> None:
    # The loop reads the real clock: make the link eight days old by it.
    clock.now = datetime.now(UTC) - timedelta(days=8)
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    assert (await submit(client, staff)).status_code == 201

    loop = asyncio.create_task(
        reminder_loop(app.state.sessionmaker, base_url="http://testserver", every_seconds=0.05)
    )
    try:
        for _ in range(200):
            emails = await emails_to(app, "head@example.org")
            if len(emails) == 2:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # several more passes of the loop
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop

    assert [e.template for e in emails] == ["reference_request", "reference_reminder"]
    assert len(await emails_to(app, "head@example.org")) == 2  # reminded once only
