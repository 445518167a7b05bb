"""Rescheduling an interview is guarded like every other change: the interview is read with its
ETag, and a reschedule sent with a stale one is refused (412) — nothing moves and the applicant
is not emailed a time someone else already changed."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

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
