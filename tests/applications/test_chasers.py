"""Referee chasing on the cohort's schedule, the headteacher's decline, links cancelled when
selection ends or the application is decided, and notes kept from the reference page."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select, update

from masteryhub.applications.references.service import remind_once
from masteryhub.models.cohort import Cohort
from masteryhub.models.reference_chaser import ReferenceChaser
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, Clock, World, emails_to, submit, token_in
from tests.factories import Factory

# Two workers chase at once (two_workers), each in its own transaction: real commits.
pytestmark = pytest.mark.real_commits

REFERENCES = "/api/v1/references"
STATEMENT = {"statement": "An outstanding teacher.", "commits_to_release_time": True}


async def applied(app: FastAPI, client: AsyncClient, world: World) -> tuple[str, str]:
    response = await submit(client, world.form)
    assert response.status_code == 201, response.text
    [email] = await emails_to(app, "head@example.org")
    return response.json()["id"], token_in(email)


async def two_workers(app: FastAPI, clock: Clock, days: float) -> int:
    """Two workers' passes at once, ``days`` after the link was sent."""
    now = clock.now + timedelta(days=days)
    sent = await asyncio.gather(
        remind_once(app.state.sessionmaker, now=now, base_url="http://testserver"),
        remind_once(app.state.sessionmaker, now=now, base_url="http://testserver"),
    )
    return sum(sent)


async def test_chasers_go_once_each_on_the_cohorts_days_even_with_two_workers(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock
) -> None:
    await applied(app, client, world)

    assert await two_workers(app, clock, 6.9) == 0
    assert await two_workers(app, clock, 7.1) == 1  # the head, day 7
    assert await two_workers(app, clock, 7.2) == 0
    assert await two_workers(app, clock, 10.1) == 1  # the applicant, day 10
    assert await two_workers(app, clock, 13.9) == 0
    assert await two_workers(app, clock, 13.95) == 0
    # Day 14: the first link (14 days) has just run out; the chaser's link still works.
    assert await two_workers(app, clock, 14.1) == 1
    assert await two_workers(app, clock, 30) == 0
    head = await emails_to(app, "head@example.org")
    applicant = await emails_to(app, "a.khan@example.org")
    assert [e.template for e in head] == [
        "reference_request",
        "reference_reminder",
        "reference_reminder",
    ]
    clock.now += timedelta(days=14, hours=3)
    assert (await client.get(f"{REFERENCES}/{token_in(head[0])}")).status_code == 410
    assert (await client.get(f"{REFERENCES}/{token_in(head[-1])}")).status_code == 200
    assert [e.template for e in applicant] == [
        "application_received",
        "reference_chaser_applicant",
    ]
    async with app.state.sessionmaker() as session:
        logged = await session.scalar(select(func.count()).select_from(ReferenceChaser))
    assert logged == 3


async def test_the_cohorts_chaser_days_are_data(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock, factory: Factory
) -> None:
    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Cohort)
            .where(Cohort.id == world.cohort.id)
            .values(head_chaser_days=[2, 4], applicant_chaser_days=[3])
        )
        await session.commit()
    application_id, _ = await applied(app, client, world)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)

    for day in (2.5, 3.5, 4.5, 9):
        await two_workers(app, clock, day)

    templates = [e.template for e in await emails_to(app, "head@example.org")]
    assert templates == ["reference_request", "reference_reminder", "reference_reminder"]
    detail = await client.get(f"{APPLICATIONS}/{application_id}", headers=lead.headers)
    chasers = detail.json()["reference_status"]["chasers"]
    assert [(c["recipient"], c["day"]) for c in chasers] == [
        ("headteacher", 2),
        ("applicant", 3),
        ("headteacher", 4),
    ]
    assert detail.json()["reference_overdue"] is False  # by the request's clock: day 0
    clock.now += timedelta(days=3)
    overdue = await client.get(f"{APPLICATIONS}/{application_id}", headers=lead.headers)
    assert overdue.json()["reference_overdue"] is True


async def test_the_headteacher_declines_and_the_applicant_is_told(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock, factory: Factory
) -> None:
    application_id, token = await applied(app, client, world)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)

    empty = await client.post(f"{REFERENCES}/{token}/decline", json={"reason": ""})
    declined = await client.post(
        f"{REFERENCES}/{token}/decline", json={"reason": "I have only known them a week."}
    )

    assert empty.status_code == 422
    assert declined.status_code == 200, declined.text
    assert (await client.get(f"{REFERENCES}/{token}")).status_code == 410
    detail = (await client.get(f"{APPLICATIONS}/{application_id}", headers=lead.headers)).json()
    assert detail["status"] == "awaiting_reference"
    assert detail["reference_status"]["state"] == "declined"
    assert detail["reference_status"]["decline_reason"] == "I have only known them a week."
    told = (await emails_to(app, "a.khan@example.org"))[-1]
    assert told.template == "reference_declined"
    assert "another senior leader" in told.text_body
    assert "I have only known them a week." in told.text_body
    assert await two_workers(app, clock, 15) == 0  # nothing left to chase

    asked = await client.patch(
        f"{APPLICATIONS}/{application_id}",
        json={"headteacher": {"name": "D. Deputy", "email": "deputy@example.org"}},
        params={"resend_reference": "true"},
        headers=lead.headers,
    )
    assert asked.status_code == 200, asked.text
    assert asked.json()["reference_status"]["state"] == "awaiting"
    [deputy] = await emails_to(app, "deputy@example.org")
    given = await client.post(f"{REFERENCES}/{token_in(deputy)}", json=STATEMENT)
    assert given.status_code == 200


async def test_links_are_cancelled_when_selection_ends_or_the_application_is_decided(
    app: FastAPI, client: AsyncClient, world: World, clock: Clock, factory: Factory
) -> None:
    _, token = await applied(app, client, world)
    withdrawn_id, withdrawn_token = await applied_again(app, client, world)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    withdraw = await client.post(
        f"{APPLICATIONS}/{withdrawn_id}/transitions", json={"to": "withdrawn"}, headers=lead.headers
    )
    assert withdraw.status_code == 200
    assert (await client.get(f"{REFERENCES}/{withdrawn_token}")).status_code == 410

    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Cohort)
            .where(Cohort.id == world.cohort.id)
            .values(selection_ends_at=clock.now + timedelta(days=1))
        )
        await session.commit()
    assert (await client.get(f"{REFERENCES}/{token}")).status_code == 200
    assert await two_workers(app, clock, 2) == 0  # cancelled, not chased
    clock.now += timedelta(days=2)
    gone = await client.get(f"{REFERENCES}/{token}")
    assert gone.status_code == 410 and gone.json()["code"] == "reference_expired"


async def applied_again(app: FastAPI, client: AsyncClient, world: World) -> tuple[str, str]:
    from tests.applications.conftest import payload

    response = await submit(client, world.form, payload(headteacher__email="other@example.org"))
    assert response.status_code == 201
    [email] = await emails_to(app, "other@example.org")
    return response.json()["id"], token_in(email)


async def test_notes_are_for_staff_only_and_never_on_the_reference_page(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, token = await applied(app, client, world)
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a, name="Sam Staff")
    other_hub = await factory.caller(Role.HUB_LEAD, world.hub_b)
    url = f"{APPLICATIONS}/{application_id}/notes"

    added = await client.post(
        url, json={"text": "Head is on maternity leave."}, headers=staff.headers
    )
    listed = await client.get(url, headers=staff.headers)

    assert added.status_code == 201, added.text
    assert added.json()["author_name"] == "Sam Staff"
    assert [n["text"] for n in listed.json()["items"]] == ["Head is on maternity leave."]
    assert (await client.get(url, headers=other_hub.headers)).status_code == 404
    assert (await client.get(url, headers=world.form.headers)).status_code == 403
    page = await client.get(f"{REFERENCES}/{token}")
    assert page.status_code == 200 and "maternity" not in page.text
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    exported = await client.get(
        "/api/v1/people/export", params={"email": "a.khan@example.org"}, headers=admin.headers
    )
    assert exported.status_code == 200, exported.text
    [application] = exported.json()["applications"]
    assert [n["text"] for n in application["notes"]] == ["Head is on maternity leave."]
