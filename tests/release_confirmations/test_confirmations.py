"""The headteacher confirms the release days their school gave, once a term: one email per head
per term even with two workers (both databases), the link read from the delivered message,
confirm and dispute, 410 once used, disputes in the hub lead's queue, chasers once each, and
follow-ups for days recorded after the email."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from masteryhub.models.release_confirmation import ReleaseConfirmation, ReleaseConfirmationChaser
from masteryhub.models.release_day_entry import ReleaseDayEntry
from masteryhub.release_confirmations.service import confirm_once
from tests.factories import Factory
from tests.release_confirmations.conftest import (
    ASKING_DAY,
    CONFIRMATIONS,
    LINKS,
    Clock,
    Postie,
    build_world,
    entry,
    set_head,
)
from tests.specialists.delivery_data import DeliveryData

pytestmark = pytest.mark.real_commits

HEAD = "head@ashfield.example.org"


async def two_workers(app: FastAPI, clock: Clock, days: float = 0) -> int:
    """Two workers' passes at once, ``days`` after the asking day."""
    now = ASKING_DAY + timedelta(days=days)
    sent = await asyncio.gather(
        confirm_once(app.state.sessionmaker, now=now, base_url="http://testserver"),
        confirm_once(app.state.sessionmaker, now=now, base_url="http://testserver"),
    )
    return sum(sent)


async def test_one_email_per_head_per_term_confirmed_and_disputed_from_the_delivered_link(
    app: FastAPI,
    client: AsyncClient,
    factory: Factory,
    delivery: DeliveryData,
    postie: Postie,
    clock: Clock,
) -> None:
    world = await build_world(factory, delivery)
    await set_head(client, world, world.ashfield.id, HEAD)

    # Before the asking day nobody is asked; on it, one email for Ashfield even with two
    # workers; Brook has no head on record, so it waits in the hub lead's queue.
    assert await two_workers(app, clock, days=-2) == 0
    assert await two_workers(app, clock) == 1
    assert await two_workers(app, clock, days=0.1) == 0
    [message] = await postie.messages_to(HEAD)
    assert "Ashfield Primary" in str(message["Subject"])
    body = postie.text(message)
    assert "5 October 2020: Amira Khan, School TRG, ½ day" in body
    assert "12 November 2020: Amira Khan, School support visit, 1 day" in body
    assert "Brook" not in body and "20 January" not in body

    lead = world.lead.headers
    listed = (await client.get(CONFIRMATIONS, headers=lead)).json()
    assert [i["school_name"] for i in listed["items"]] == ["Ashfield Primary"]
    assert listed["items"][0]["state"] == "awaiting" and listed["items"][0]["lines"] == 2
    missing = listed["schools_without_head_email"]
    assert [(s["school_name"], s["entries"], s["terms"]) for s in missing] == [
        ("Brook Primary", 1, ["Autumn term 2020"])
    ]
    queue = (await client.get("/api/v1/applications/work-queue", headers=lead)).json()
    assert queue["schools_without_head_email"] == 1 and queue["disputes_open"] == 0

    token = await postie.link(HEAD)
    page = await client.get(f"{LINKS}/{token}")
    assert page.status_code == 200, page.text
    view = page.json()
    assert view["school_name"] == "Ashfield Primary" and view["term_label"] == "Autumn term 2020"
    assert [(line["date"], line["days"], line["activity_label"]) for line in view["lines"]] == [
        ("2020-10-05", 0.5, "School TRG"),
        ("2020-11-12", 1.0, "School support visit"),
    ]
    trg, visit = (line["id"] for line in view["lines"])

    no_comment = await client.post(
        f"{LINKS}/{token}",
        json={
            "answers": [
                {"line_id": trg, "answer": "confirmed"},
                {"line_id": visit, "answer": "disputed"},
            ]
        },
    )
    assert no_comment.status_code == 422
    assert [e["field"] for e in no_comment.json()["errors"]] == ["answers.1.comment"]
    partial = await client.post(
        f"{LINKS}/{token}", json={"answers": [{"line_id": trg, "answer": "confirmed"}]}
    )
    assert partial.status_code == 422
    answered = await client.post(
        f"{LINKS}/{token}",
        json={
            "answers": [
                {"line_id": trg, "answer": "confirmed"},
                {
                    "line_id": visit,
                    "answer": "disputed",
                    "comment": "Amira was teaching her class that day.",
                },
            ],
            "name": "Jo Head",
        },
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["confirmed"] == 1 and answered.json()["disputed"] == 1

    gone = await client.get(f"{LINKS}/{token}")
    assert gone.status_code == 410 and gone.json()["code"] == "release_confirmation_answered"
    again = await client.post(
        f"{LINKS}/{token}", json={"answers": [{"line_id": trg, "answer": "confirmed"}]}
    )
    assert again.status_code == 410
    assert (await client.get(f"{LINKS}/not-a-token")).status_code == 404

    # The dispute is in the hub lead's queue and list; the ledger shows each entry's state.
    queue = (await client.get("/api/v1/applications/work-queue", headers=lead)).json()
    assert queue["disputes_open"] == 1
    disputed = (await client.get(CONFIRMATIONS, params={"disputed": "true"}, headers=lead)).json()
    [summary] = disputed["items"]
    assert summary["state"] == "answered" and summary["open_disputes"] == 1
    detail = (await client.get(f"{CONFIRMATIONS}/{summary['id']}", headers=lead)).json()
    [line] = [i for i in detail["items"] if i["answer"] == "disputed"]
    assert line["comment"] == "Amira was teaching her class that day."
    ledger = (
        await client.get(
            f"/api/v1/specialists/{world.specialist.id}/release-days",
            params={"academic_year": "2020/21"},
            headers=lead,
        )
    ).json()["entries"]
    states = {e["date"]: e["head_confirmation"] for e in ledger}
    assert states == {
        "2020-10-05": "confirmed",
        "2020-11-12": "disputed",
        "2020-10-20": "not_asked",  # Brook: nobody to ask yet
        "2020-10-06": "not_asked",  # a grant
        "2020-10-07": "not_asked",  # a proposal
        "2021-01-20": "not_asked",  # spring: not asked until March
    }

    # Resolving it by reversal adds the ledger's reversing entry.
    resolved = await client.post(
        f"{CONFIRMATIONS}/{summary['id']}/lines/{line['id']}/resolution",
        json={"resolution": "reversed", "note": "Agreed with the school: no release that day."},
        headers=lead,
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["open_disputes"] == 0
    async with app.state.sessionmaker() as session:
        reversal = await session.scalar(
            select(ReleaseDayEntry).where(ReleaseDayEntry.reverses_id == world.entries["visit"].id)
        )
    assert reversal is not None and reversal.half_days == -2
    twice = await client.post(
        f"{CONFIRMATIONS}/{summary['id']}/lines/{line['id']}/resolution",
        json={"resolution": "upheld", "note": "Again"},
        headers=lead,
    )
    assert twice.status_code == 409
    queue = (await client.get("/api/v1/applications/work-queue", headers=lead)).json()
    assert queue["disputes_open"] == 0

    # Brook's head is set: the next pass asks them; a day recorded late in the autumn goes
    # into a follow-up for Ashfield (its first request is answered).
    await set_head(client, world, world.brook.id, "head@brook.example.org")
    await factory.add(entry(world.hub, world.specialist, world.ashfield, date(2020, 12, 15)))
    assert await two_workers(app, clock, days=1) == 2
    assert len(await postie.messages_to("head@brook.example.org")) == 1
    follow_up = (await postie.messages_to(HEAD))[-1]
    assert "15 December 2020" in postie.text(follow_up)
    assert "5 October" not in postie.text(follow_up)
    async with app.state.sessionmaker() as session:
        sequences = sorted(
            (
                await session.scalars(
                    select(ReleaseConfirmation.sequence).where(
                        ReleaseConfirmation.school_id == world.ashfield.id
                    )
                )
            ).all()
        )
    assert sequences == [1, 2]


async def test_unanswered_requests_are_chased_once_a_day_even_with_two_workers(
    app: FastAPI,
    client: AsyncClient,
    factory: Factory,
    delivery: DeliveryData,
    postie: Postie,
    clock: Clock,
) -> None:
    world = await build_world(factory, delivery)
    await set_head(client, world, world.ashfield.id, HEAD)
    assert await two_workers(app, clock) == 1
    first = await postie.link(HEAD)

    assert await two_workers(app, clock, days=6.9) == 0
    assert await two_workers(app, clock, days=7.1) == 1
    assert await two_workers(app, clock, days=7.2) == 0
    assert await two_workers(app, clock, days=30) == 1  # day 14 (late: the worker was down)
    assert await two_workers(app, clock, days=31) == 0
    messages = await postie.messages_to(HEAD)
    assert len(messages) == 3
    assert "reminder" in postie.text(messages[1]).lower()
    async with app.state.sessionmaker() as session:
        logged = await session.scalar(select(func.count()).select_from(ReleaseConfirmationChaser))
    assert logged == 2
    # Each link works while it lasts: the first for 28 days, a chaser's at least a week from
    # when it went (the day-14 chaser went on day 30: until day 37).
    latest = await postie.link(HEAD)
    clock.now = ASKING_DAY + timedelta(days=29)
    expired = await client.get(f"{LINKS}/{first}")
    assert expired.status_code == 410 and expired.json()["code"] == "release_confirmation_expired"
    assert (await client.get(f"{LINKS}/{latest}")).status_code == 200
    clock.now = ASKING_DAY + timedelta(days=36)
    assert (await client.get(f"{LINKS}/{latest}")).status_code == 200

    # The hub lead resends to a corrected address: the old links stop working.
    await set_head(client, world, world.ashfield.id, "new.head@ashfield.example.org")
    listed = (await client.get(CONFIRMATIONS, headers=world.lead.headers)).json()
    resent = await client.post(
        f"{CONFIRMATIONS}/{listed['items'][0]['id']}/resend", headers=world.lead.headers
    )
    assert resent.status_code == 202, resent.text
    assert resent.json()["sent_to"] == "new.head@ashfield.example.org"
    assert (await client.get(f"{LINKS}/{latest}")).status_code == 410
    new = await postie.link("new.head@ashfield.example.org")
    assert (await client.get(f"{LINKS}/{new}")).status_code == 200
