"""The status machine (a table, unit-tested) and decisions through HTTP."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import select, update

from masteryhub.applications.transitions import DECIDED, TRANSITIONS, can_move, move
from masteryhub.errors import InvalidTransition
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.cohort import Cohort
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, World, emails_to, payload, submit
from tests.factories import Caller, Factory

S = ApplicationStatus
COMPLETE_PAYLOAD = {"headteacher__statement": "A strong candidate."}


def test_the_table_names_every_status_and_decided_ones_are_final() -> None:
    assert set(TRANSITIONS) == set(ApplicationStatus)
    for status in DECIDED:
        assert TRANSITIONS[status] == frozenset()
    for status in set(ApplicationStatus) - DECIDED:
        assert can_move(status, S.WITHDRAWN), status


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (S.SUBMITTED, S.AWAITING_REFERENCE, True),
        (S.SUBMITTED, S.COMPLETE, True),
        (S.AWAITING_REFERENCE, S.COMPLETE, True),
        (S.AWAITING_REFERENCE, S.SHORTLISTED, False),
        (S.COMPLETE, S.SHORTLISTED, True),
        (S.COMPLETE, S.APPOINTED, False),
        (S.SHORTLISTED, S.INTERVIEW, True),
        (S.SHORTLISTED, S.APPOINTED, False),
        (S.INTERVIEW, S.APPOINTED, True),
        (S.INTERVIEW, S.NOT_APPOINTED, True),
        (S.APPOINTED, S.WITHDRAWN, False),
        (S.NOT_APPOINTED, S.APPOINTED, False),
        (S.WITHDRAWN, S.COMPLETE, False),
    ],
)
def test_moves(current: ApplicationStatus, target: ApplicationStatus, allowed: bool) -> None:
    application = Application(status=current)
    if allowed:
        move(application, target)
        assert application.status is target
    else:
        with pytest.raises(InvalidTransition):
            move(application, target)
        assert application.status is current


async def transition(
    client: AsyncClient, caller: Caller, application_id: str, to: str, **extra: Any
) -> Response:
    headers = {**caller.headers, **extra.pop("headers", {})}
    return await client.post(
        f"{APPLICATIONS}/{application_id}/transitions", json={"to": to, **extra}, headers=headers
    )


async def complete_application(client: AsyncClient, world: World, **changes: Any) -> str:
    response = await submit(client, world.form, payload(**COMPLETE_PAYLOAD, **changes))
    assert response.status_code == 201 and response.json()["status"] == "complete"
    return str(response.json()["id"])


async def test_staff_shortlist_and_interview_and_leads_appoint(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id = await complete_application(client, world)
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)

    shortlisted = await transition(client, staff, application_id, "shortlisted", note="Strong")
    assert shortlisted.status_code == 200, shortlisted.text
    assert shortlisted.json()["status"] == "shortlisted"
    stale = shortlisted.headers["etag"]
    interview = await transition(
        client, staff, application_id, "interview", headers={"If-Match": stale}
    )
    assert interview.status_code == 200
    again_stale = await transition(
        client, lead, application_id, "appointed", headers={"If-Match": stale}
    )
    assert again_stale.status_code == 412
    staff_decides = await transition(client, staff, application_id, "appointed")
    assert staff_decides.status_code == 403

    appointed = await transition(
        client, lead, application_id, "appointed", headers={"If-Match": interview.headers["etag"]}
    )

    assert appointed.status_code == 200, appointed.text
    assert appointed.json()["status"] == "appointed" and appointed.json()["decided_at"]
    async with app.state.sessionmaker() as session:
        [specialist] = list(await session.scalars(select(Specialist)))
    assert str(specialist.application_id) == application_id
    assert specialist.hub_id == world.hub_a.id and specialist.cohort_id == world.cohort.id
    assert specialist.school_id == world.school.id
    assert (specialist.first_name, specialist.email) == ("Amira", "a.khan@example.org")
    assert specialist.status.value == "active"
    assert specialist.appointed_on.isoformat() == "2020-06-01"  # the clock's London date
    emails = await emails_to(app, "a.khan@example.org")
    assert [e.template for e in emails] == ["application_received", "application_appointed"]
    withdrawn = await transition(client, lead, application_id, "withdrawn")
    assert withdrawn.status_code == 409 and withdrawn.json()["code"] == "invalid_transition"


async def test_the_appointed_specialist_has_the_applications_school_and_opens_on_year_one(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    """Appointed in June 2020 (academic year 2019/20) to a cohort whose development year,
    2020/21, has not begun: their pages open on 2020/21, where their entitlement is."""
    application_id = await complete_application(client, world)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)
    for step in ("shortlisted", "interview", "appointed"):
        assert (await transition(client, lead, application_id, step)).status_code == 200

    listed = await client.get(
        "/api/v1/specialists", params={"cohort_code": "primary-6"}, headers=lead.headers
    )

    [specialist] = listed.json()["items"]
    assert specialist["application_id"] == application_id
    assert specialist["school"] == {
        "id": str(world.school.id),
        "urn": "100000",
        "name": "St Example's Primary School",
    }
    assert specialist["academic_year"] == "2019/20" and specialist["programme_year"] is None
    assert specialist["default_academic_year"] == "2020/21"


async def test_illegal_and_system_moves_are_409(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    awaiting = await submit(client, world.form)
    application_id = awaiting.json()["id"]
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)

    skipping = await transition(client, lead, application_id, "shortlisted")
    by_hand = await transition(client, lead, application_id, "complete")
    unknown = await transition(client, lead, application_id, "hired")

    assert skipping.status_code == 409 and skipping.json()["code"] == "invalid_transition"
    assert skipping.json()["allowed"] == ["complete", "withdrawn"]
    assert by_hand.status_code == 409 and by_hand.json()["code"] == "invalid_transition"
    assert unknown.status_code == 422
    withdrawn = await transition(client, lead, application_id, "withdrawn")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


async def test_not_appointing_emails_the_applicant(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    application_id = await complete_application(client, world)
    lead = await factory.caller(Role.HUB_LEAD, world.hub_a)

    no_reason = await transition(client, lead, application_id, "not_appointed")
    unknown = await transition(client, lead, application_id, "not_appointed", reasons=["luck"])
    declined = await transition(
        client,
        lead,
        application_id,
        "not_appointed",
        reasons=["places_filled", "essential_not_met:qts"],
        feedback="Your statement was strong; apply again next year.",
    )

    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reasons"
    assert unknown.status_code == 422 and "luck" in unknown.json()["errors"][0]["message"]
    assert declined.status_code == 200, declined.text
    body = declined.json()
    assert [r["code"] for r in body["outcome"]["reasons"]] == [
        "places_filled",
        "essential_not_met:qts",
    ]
    assert body["outcome"]["feedback"].startswith("Your statement was strong")
    email = (await emails_to(app, "a.khan@example.org"))[-1]
    assert email.template == "application_not_appointed"
    assert "Your statement was strong; apply again next year." in email.text_body
    assert "The hub's places were filled" in email.text_body
    assert "Essential criterion not met: Qualified Teacher Status" in email.text_body


async def test_api_clients_cannot_move_applications(client: AsyncClient, world: World) -> None:
    application_id = await complete_application(client, world)

    response = await transition(client, world.form, application_id, "shortlisted")

    assert response.status_code == 403


@pytest.mark.real_commits
async def test_places_per_hub_hold_under_concurrent_appointments(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Cohort).where(Cohort.id == world.cohort.id).values(places_per_hub=2)
        )
        await session.commit()
    ids = [
        await complete_application(client, world, applicant__email=f"t{i}@example.org")
        for i in range(4)
    ]
    async with app.state.sessionmaker() as session:
        await session.execute(
            update(Application).where(Application.status == S.COMPLETE).values(status=S.INTERVIEW)
        )
        await session.commit()
    leads = [await factory.caller(Role.HUB_LEAD, world.hub_a) for _ in range(4)]

    responses = await asyncio.gather(
        *(transition(client, lead, i, "appointed") for lead, i in zip(leads, ids, strict=True))
    )

    assert sorted(r.status_code for r in responses) == [200, 200, 409, 409]
    for refused in (r for r in responses if r.status_code == 409):
        assert refused.json()["code"] == "places_exhausted"
        assert "All 2 places" in refused.json()["detail"]
    async with app.state.sessionmaker() as session:
        assert len(list(await session.scalars(select(Specialist)))) == 2
