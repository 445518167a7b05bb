"""Rescheduling an interview is guarded like every other change: the interview is read with its
ETag, and a reschedule sent with a stale one is refused (412) — nothing moves and the applicant
is not emailed a time someone else already changed."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from masteryhub.models.interview import Interview
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, World, emails_to, payload, submit
from tests.factories import Factory

COMPLETE = {"headteacher__statement": "A fine teacher.", "headteacher__email": "h@example.org"}
FIRST = {"date": "2020-07-01", "starts_at": "14:30", "location": "North Star Maths Hub"}
MOVED = {"date": "2020-07-02", "starts_at": "09:00", "video_url": "https://meet.example/x"}


async def _shortlisted(
    client: AsyncClient, world: World, factory: Factory
) -> tuple[str, dict[str, str]]:
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    submitted = await submit(
        client, world.form, payload(**COMPLETE, applicant__email="interviewee@example.org")
    )
    assert submitted.status_code == 201, submitted.text
    application_id = str(submitted.json()["id"])
    shortlisted = await client.post(
        f"{APPLICATIONS}/{application_id}/transitions",
        json={"to": "shortlisted"},
        headers=staff.headers,
    )
    assert shortlisted.status_code == 200, shortlisted.text
    return application_id, staff.headers


async def test_a_reschedule_sends_the_etag_read_and_a_stale_one_moves_nothing(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, headers = await _shortlisted(client, world, factory)
    url = f"{APPLICATIONS}/{application_id}/interview"

    # Nothing scheduled yet: the interview reads as null, with no ETag.
    none = await client.get(url, headers=headers)
    assert none.status_code == 200 and none.json() is None
    assert "etag" not in none.headers

    scheduled = await client.put(url, json=FIRST, headers=headers)
    assert scheduled.status_code == 201, scheduled.text
    seen = await client.get(url, headers=headers)
    assert seen.status_code == 200 and seen.json()["starts_at"] == "14:30"
    assert seen.headers["etag"] == scheduled.headers["etag"]

    # Two people opened it at that version; the first moves it, the second is refused.
    moved = await client.put(url, json=MOVED, headers={**headers, "If-Match": seen.headers["etag"]})
    assert moved.status_code == 200, moved.text
    stale = await client.put(
        url,
        json={**FIRST, "starts_at": "16:00"},
        headers={**headers, "If-Match": seen.headers["etag"]},
    )
    assert stale.status_code == 412, stale.text
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.json()["code"] == "precondition_failed"
    assert "_" not in stale.json()["detail"]

    now = await client.get(url, headers=headers)
    assert (now.json()["date"], now.json()["starts_at"], now.json()["sequence"]) == (
        "2020-07-02",
        "09:00",
        1,
    )
    assert now.headers["etag"] == moved.headers["etag"] != seen.headers["etag"]
    invitations = [
        e
        for e in await emails_to(app, "interviewee@example.org")
        if e.template == "interview_invitation"
    ]
    assert len(invitations) == 2  # the first time and the move; the refused one sent nothing


async def test_if_match_on_an_application_with_no_interview_is_stale(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, headers = await _shortlisted(client, world, factory)
    url = f"{APPLICATIONS}/{application_id}/interview"

    refused = await client.put(url, json=FIRST, headers={**headers, "If-Match": '"0123456789"'})
    assert refused.status_code == 412, refused.text
    assert (await client.get(url, headers=headers)).json() is None
    # Scheduling a first interview needs no If-Match (or takes `*`).
    first = await client.put(url, json=FIRST, headers={**headers, "If-Match": "*"})
    assert first.status_code == 201, first.text


async def test_another_hubs_interview_is_not_found(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, headers = await _shortlisted(client, world, factory)
    url = f"{APPLICATIONS}/{application_id}/interview"
    assert (await client.put(url, json=FIRST, headers=headers)).status_code == 201
    elsewhere = await factory.caller(Role.HUB_LEAD, world.hub_b)
    hidden = await client.get(url, headers=elsewhere.headers)
    assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"


async def _invitations(app: FastAPI) -> int:
    emails = await emails_to(app, "interviewee@example.org")
    return sum(e.template == "interview_invitation" for e in emails)


async def test_if_none_match_schedules_a_first_interview_only(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, headers = await _shortlisted(client, world, factory)
    url = f"{APPLICATIONS}/{application_id}/interview"
    first_only = {**headers, "If-None-Match": "*"}

    # None yet: scheduled.
    first = await client.put(url, json=FIRST, headers=first_only)
    assert first.status_code == 201, first.text

    # One now exists: a second "first" interview is refused, in words, and moves nothing.
    again = await client.put(url, json=MOVED, headers=first_only)
    assert again.status_code == 412, again.text
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["code"] == "precondition_failed"
    assert "Someone else scheduled this interview" in again.json()["detail"]
    assert "_" not in again.json()["detail"]
    now = await client.get(url, headers=headers)
    assert (now.json()["date"], now.json()["starts_at"], now.json()["sequence"]) == (
        "2020-07-01",
        "14:30",
        0,
    )
    assert await _invitations(app) == 1

    # Naming the version it is at is refused the same way; another version's tag is not.
    etag = now.headers["etag"]
    same = await client.put(url, json=MOVED, headers={**headers, "If-None-Match": etag})
    assert same.status_code == 412, same.text
    other = await client.put(url, json=MOVED, headers={**headers, "If-None-Match": '"other"'})
    assert other.status_code == 200, other.text
    assert other.json()["sequence"] == 1


@pytest.mark.real_commits  # requests at once, each in its own transaction
async def test_of_several_people_scheduling_the_first_interview_at_once_one_succeeds(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id, headers = await _shortlisted(client, world, factory)
    url = f"{APPLICATIONS}/{application_id}/interview"

    responses = await asyncio.gather(
        *(
            client.put(
                url,
                json={**FIRST, "starts_at": f"1{n}:00"},
                headers={**headers, "If-None-Match": "*"},
            )
            for n in range(4)
        )
    )

    assert Counter(r.status_code for r in responses) == {201: 1, 412: 3}, [
        r.text for r in responses
    ]
    [scheduled] = [r.json() for r in responses if r.status_code == 201]
    now = await client.get(url, headers=headers)
    assert (now.json()["id"], now.json()["starts_at"], now.json()["sequence"]) == (
        scheduled["id"],
        scheduled["starts_at"],
        0,
    )
    async with app.state.sessionmaker() as session:
        count = await session.scalar(select(func.count()).select_from(Interview))
    assert count == 1
    assert await _invitations(app) == 1
