"""Selection: reserve and places filled, interviews with calendar invitations, bulk actions,
and the hub lead's work queue."""

from __future__ import annotations

import email
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from icalendar import Calendar
from sqlalchemy import select

from masteryhub.mail.transport import OutgoingEmail, build_message
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.release_day_entry import EntryKind, EntryStatus, ReleaseDayEntry
from masteryhub.models.specialist import Specialist, SpecialistStatus
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, Clock, World, emails_to, key, payload, submit
from tests.factories import Caller, Factory
from tests.queries import count_queries

COMPLETE = {"headteacher__statement": "A fine teacher.", "headteacher__email": "h@example.org"}


async def complete(client: AsyncClient, world: World, n: int) -> str:
    response = await submit(
        client, world.form, payload(**COMPLETE, applicant__email=f"applicant{n}@example.org")
    )
    assert response.status_code == 201 and response.json()["status"] == "complete"
    return str(response.json()["id"])


async def move(
    client: AsyncClient, caller: Caller, application_id: str, to: str, **extra: Any
) -> Any:
    return await client.post(
        f"{APPLICATIONS}/{application_id}/transitions",
        json={"to": to, **extra},
        headers=caller.headers,
    )


async def test_reserve_sits_between_interview_and_a_decision_and_places_are_counted(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    first, second = [await complete(client, world, n) for n in range(2)]
    for application_id in (first, second):
        for to in ("shortlisted", "interview"):
            assert (await move(client, lead, application_id, to)).status_code == 200

    reserved = await move(client, lead, second, "reserve")
    not_from_complete = await move(client, lead, await complete(client, world, 9), "reserve")
    appointed = await move(client, lead, first, "appointed", feedback="Welcome aboard.")
    offered = await move(client, lead, second, "appointed")

    assert reserved.status_code == 200 and reserved.json()["status"] == "reserve"
    assert not_from_complete.status_code == 409
    assert appointed.status_code == 200
    assert appointed.json()["places"] == {
        "hub": {"filled": 1, "total": 4},
        "cohort": {"filled": 1, "total": 8},  # four places in each of the two hubs
    }
    assert offered.status_code == 200 and offered.json()["places"]["hub"]["filled"] == 2
    assert appointed.json()["outcome"] == {"reasons": [], "feedback": "Welcome aboard."}


async def test_an_interview_invitation_is_an_ics_and_a_reschedule_updates_it(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    application_id = await complete(client, world, 1)
    url = f"{APPLICATIONS}/{application_id}/interview"
    when = {"date": "2020-07-01", "starts_at": "14:30", "location": "North Star Maths Hub"}

    too_early = await client.put(url, json=when, headers=staff.headers)
    assert too_early.status_code == 409 and too_early.json()["code"] == "interview_not_allowed"
    assert (await move(client, staff, application_id, "shortlisted")).status_code == 200
    nowhere = await client.put(
        url, json={"date": "2020-07-01", "starts_at": "14:30"}, headers=staff.headers
    )
    scheduled = await client.put(url, json=when, headers=staff.headers)
    stale_etag = scheduled.headers["etag"]
    moved = await client.put(
        url,
        json={"date": "2020-07-02", "starts_at": "09:00", "video_url": "https://meet.example/x"},
        headers={**staff.headers, "If-Match": stale_etag},
    )
    stale = await client.put(url, json=when, headers={**staff.headers, "If-Match": stale_etag})

    assert nowhere.status_code == 422
    assert scheduled.status_code == 201, scheduled.text
    assert moved.status_code == 200, moved.text
    assert stale.status_code == 412
    assert moved.json()["sequence"] == 1 and moved.json()["uid"] == scheduled.json()["uid"]
    detail = await client.get(f"{APPLICATIONS}/{application_id}", headers=staff.headers)
    assert detail.json()["status"] == "interview"
    assert detail.json()["interview"]["starts_at"] == "09:00"

    invitations = [
        e
        for e in await emails_to(app, "applicant1@example.org")
        if e.template == "interview_invitation"
    ]
    assert len(invitations) == 2
    events = []
    for row in invitations:
        message = email.message_from_bytes(
            bytes(build_message(OutgoingEmail.from_row(row), "hub@example.org"))
        )
        [part] = [p for p in message.walk() if p.get_filename() == "invite.ics"]
        assert part.get_content_type() == "text/calendar"
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        assert str(calendar["method"]) == "REQUEST"
        [event] = calendar.walk("VEVENT")
        events.append(event)
    first, second = events
    assert str(first["uid"]) == str(second["uid"]) == scheduled.json()["uid"]
    assert int(first["sequence"]) == 0 and int(second["sequence"]) == 1
    # 2:30pm in London in July is 13:30 UTC (BST).
    assert first.decoded("dtstart").astimezone(UTC) == datetime(2020, 7, 1, 13, 30, tzinfo=UTC)
    assert second.decoded("dtend") - second.decoded("dtstart") == timedelta(minutes=45)
    assert str(second["location"]) == "https://meet.example/x"
    assert "Interview moved" in invitations[1].subject

    agenda = await client.get(
        "/api/v1/calendar/events",
        params={"from": "2020-07-01", "to": "2020-07-03"},
        headers=staff.headers,
    )
    assert agenda.status_code == 200, agenda.text
    [item] = [i for i in agenda.json()["items"] if i["kind"] == "interview"]
    assert item["application_id"] == application_id and item["starts_at"] == "09:00"


async def test_bulk_actions_are_all_or_nothing_idempotent_and_audited_per_row(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    ids = [await complete(client, world, n) for n in range(3)]
    awaiting = (await submit(client, world.form)).json()["id"]
    bulk = f"{APPLICATIONS}/bulk-transitions"

    refused = await client.post(
        bulk, json={"application_ids": [*ids, awaiting], "to": "shortlisted"}, headers=staff.headers
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "bulk_transition_failed"
    assert [r["application_id"] for r in refused.json()["rows"]] == [awaiting]
    for application_id in ids:
        still = await client.get(f"{APPLICATIONS}/{application_id}", headers=staff.headers)
        assert still.json()["status"] == "complete"

    body = {"application_ids": ids, "to": "shortlisted"}
    idempotency = key()
    done = await client.post(bulk, json=body, headers={**staff.headers, **idempotency})
    replayed = await client.post(bulk, json=body, headers={**staff.headers, **idempotency})
    repeated = await client.post(bulk, json=body, headers=staff.headers)

    assert done.status_code == 200, done.text
    assert [i["changed"] for i in done.json()["items"]] == [True, True, True]
    assert replayed.headers.get("idempotent-replayed") == "true"
    assert repeated.status_code == 200
    assert [i["changed"] for i in repeated.json()["items"]] == [False, False, False]
    async with app.state.sessionmaker() as session:
        events = list(
            await session.scalars(
                select(AuditEvent).where(AuditEvent.action == "application.status_changed")
            )
        )
    assert sorted(str(e.entity_id) for e in events) == sorted(ids)
    staff_decides = await client.post(
        bulk,
        json={"application_ids": ids, "to": "not_appointed", "reasons": ["places_filled"]},
        headers=staff.headers,
    )
    assert staff_decides.status_code == 403
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    no_reason = await client.post(
        bulk, json={"application_ids": ids, "to": "not_appointed"}, headers=lead.headers
    )
    assert no_reason.status_code == 422
    declined = await client.post(
        bulk,
        json={"application_ids": ids, "to": "not_appointed", "reasons": ["places_filled"]},
        headers=lead.headers,
    )
    assert declined.status_code == 200
    assert {i["status"] for i in declined.json()["items"]} == {"not_appointed"}
    another_hub = await client.post(
        bulk,
        json={"application_ids": [str(uuid.uuid4())], "to": "shortlisted"},
        headers=staff.headers,
    )
    assert another_hub.status_code == 409 and another_hub.json()["rows"][0]["code"] == "not_found"


async def test_the_work_queue_counts_what_waits_in_constant_queries(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory, clock: Clock
) -> None:
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    reviewer = await factory.caller(Role.HUB_STAFF, world.hub_a)
    queue = f"{APPLICATIONS}/work-queue"

    async def counted() -> tuple[dict[str, Any], int]:
        with count_queries(app) as statements:
            response = await client.get(queue, headers=lead.headers)
        assert response.status_code == 200, response.text
        return response.json(), len(statements)

    empty, few = await counted()
    assert empty == {
        "references_overdue": 0,
        "awaiting_review": {"count": 0, "by_review_count": []},
        "decisions_waiting": 0,
        "claims_awaiting_approval": 0,
        "proposals_waiting": 0,
        "disputes_open": 0,
        "schools_without_head_email": 0,
        "by_status": {},
    }
    ids = [await complete(client, world, n) for n in range(3)]
    review = {
        "essential": dict.fromkeys(world.essential, "met"),
        "desirable": dict.fromkeys(world.desirable, 2),
        "recommendation": "interview",
    }
    reviewed = await client.post(
        f"{APPLICATIONS}/{ids[0]}/reviews", json=review, headers={**reviewer.headers, **key()}
    )
    assert reviewed.status_code == 201, reviewed.text
    for to in ("shortlisted", "interview"):
        assert (await move(client, lead, ids[2], to)).status_code == 200
    awaiting = (await submit(client, world.form)).json()["id"]  # its reference not yet overdue
    # Another hub's (its school's hub): never counted.
    await submit(client, world.form_b, payload(school_urn=world.school_b.urn))
    specialist = Specialist(
        hub_id=world.hub_a.id,
        cohort_id=world.cohort.id,
        school_id=world.school.id,
        first_name="Sam",
        last_name="Specialist",
        email="sam@example.org",
        status=SpecialistStatus.ACTIVE,
        appointed_on=datetime(2020, 7, 1, tzinfo=UTC).date(),
    )
    await factory.add(specialist)
    await factory.add(
        ReleaseDayEntry(
            hub_id=world.hub_a.id,
            specialist_id=specialist.id,
            academic_year="2020/21",
            worked_on=datetime(2020, 10, 1, tzinfo=UTC).date(),
            kind=EntryKind.RELEASE_DAYS,
            activity="residential",
            half_days=2,
            amount_pence=0,
            school_id=world.school.id,
            status=EntryStatus.CLAIMED,
            recorded_by_label="Sam",
        )
    )
    # A proposal from a register: waiting for someone to accept it, not yet a claim.
    await factory.add(
        ReleaseDayEntry(
            hub_id=world.hub_a.id,
            specialist_id=specialist.id,
            academic_year="2020/21",
            worked_on=datetime(2020, 10, 2, tzinfo=UTC).date(),
            kind=EntryKind.RELEASE_DAYS,
            activity="work_group_session",
            half_days=1,
            amount_pence=17500,
            school_id=world.school.id,
            status=EntryStatus.PROPOSED,
            recorded_by_label="Proposed from the register",
        )
    )

    filled, many = await counted()

    assert filled == {
        "references_overdue": 0,
        "awaiting_review": {
            "count": 2,
            "by_review_count": [{"reviews": 0, "count": 1}, {"reviews": 1, "count": 1}],
        },
        "decisions_waiting": 1,
        "claims_awaiting_approval": 1,
        "proposals_waiting": 1,
        "disputes_open": 0,
        "schools_without_head_email": 0,
        "by_status": {"complete": 2, "interview": 1, "awaiting_reference": 1},
    }
    assert many == few
    listed = await client.get(
        APPLICATIONS, params={"status": "complete", "review_count": 1}, headers=lead.headers
    )
    assert [a["id"] for a in listed.json()["items"]] == [ids[0]]
    clock.now += timedelta(days=7, minutes=1)  # past the cohort's first chaser day
    later = await client.get(queue, headers=lead.headers)
    assert later.json()["references_overdue"] == 1
    overdue = await client.get(
        APPLICATIONS, params={"reference_overdue": "true"}, headers=lead.headers
    )
    assert [a["id"] for a in overdue.json()["items"]] == [awaiting]
    assert overdue.json()["items"][0]["reference_overdue"] is True
