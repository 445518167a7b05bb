"""Every refusal on the claim path reads as a sentence the person claiming understands, and
names its field in `errors[].field` only (never `school_id`, an enum value or "programme year
0")."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Any

import pytest
from httpx import AsyncClient, Response

from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.specialists.delivery_data import DeliveryData


def _readable(response: Response) -> dict[str, Any]:
    """The problem, after checking nothing in it shows a field name, code or enum value."""
    problem: dict[str, Any] = response.json()
    texts = [problem.get("detail") or ""] + [e["message"] for e in problem.get("errors", [])]
    for text in texts:
        assert "_" not in text, text  # school_id, work_group_session, release_days ...
        assert "programme year 0" not in text and "Input should" not in text, text
        assert text[:1].isupper() or text[:1].isdigit(), text
        assert text.endswith("."), text
    return problem


def _errors(response: Response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in _readable(response)["errors"]}


@pytest.fixture
async def me_and_url(factory: Factory, delivery: DeliveryData) -> tuple[Caller, str, Any]:
    hub = await factory.hub()
    cohort = await delivery.cohort("2020/21")
    me = await factory.caller(Role.SPECIALIST, hub)
    specialist = await delivery.specialist(hub, cohort, None, user=me)  # no school on record
    return me, f"/api/v1/specialists/{specialist.id}/release-days", (hub, cohort, specialist)


async def test_days_and_activity_in_words(
    client: AsyncClient, me_and_url: tuple[Caller, str, Any], delivery: DeliveryData
) -> None:
    me, url, _ = me_and_url
    school = await delivery.school()
    base = {"date": "2020-10-05", "school_id": str(school.id)}

    for days, message in [
        (0.25, "Release days are counted in half days."),
        (1.2, "Release days are counted in half days."),
        (0, "Claim at least half a day."),
        (-1, "Claim at least half a day."),
        ("lots", "Enter the number of days, for example 1.5."),
        (500, "A claim is for at most 100 days."),
    ]:
        response = await client.post(
            url, json={**base, "days": days, "activity": "school_trg"}, headers=me.headers
        )
        assert response.status_code == 422, days
        assert _errors(response) == {"days": message}, days

    missing = await client.post(url, json=base, headers=me.headers)
    assert _errors(missing) == {
        "days": "Enter the number of days.",
        "activity": "Choose the activity.",
    }
    unknown = await client.post(
        url, json={**base, "days": 1, "activity": "tea_break"}, headers=me.headers
    )
    assert _errors(unknown) == {"activity": "Choose one of the options offered."}
    travel_with_days = await client.post(
        url, json={**base, "kind": "travel", "amount_pence": 500, "days": 1}, headers=me.headers
    )
    assert _errors(travel_with_days) == {"days": "Leave this out of travel costs."}
    bad_date = await client.post(
        url,
        json={**base, "date": "2020-02-31", "days": 1, "activity": "school_trg"},
        headers=me.headers,
    )
    assert _errors(bad_date) == {"date": "Enter a real date."}


async def test_dates_schools_and_evidence_in_words(
    client: AsyncClient, factory: Factory, me_and_url: tuple[Caller, str, Any]
) -> None:
    me, url, _ = me_and_url
    claim = {"date": "2020-10-05", "days": 1, "activity": "school_trg"}

    no_school = await client.post(url, json=claim, headers=me.headers)
    assert no_school.status_code == 422
    assert _errors(no_school) == {
        "school_id": "Choose the school this claim funds: no school is on record for you."
    }
    unknown_school = await client.post(
        url, json={**claim, "school_id": str(uuid.uuid4())}, headers=me.headers
    )
    assert _errors(unknown_school) == {"school_id": "No school with that id."}

    before = await client.post(
        url,
        json={**claim, "date": "2020-08-31", "school_id": str(uuid.uuid4())},
        headers=me.headers,
    )
    assert _errors(before) == {"date": "That date is before the programme starts (2020/21)."}

    beyond = await client.post(url, json={**claim, "date": "2024-09-02"}, headers=me.headers)
    assert beyond.status_code == 409 and beyond.json()["code"] == "year_rule_not_set"
    assert "date" in _errors(beyond)


async def test_evidence_that_is_not_theirs(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    cohort = await delivery.cohort("2020/21")
    school = await delivery.school(hub=hub)
    me = await factory.caller(Role.SPECIALIST, hub)
    specialist = await delivery.specialist(hub, cohort, school, user=me)
    colleague = await delivery.specialist(hub, cohort, school)
    theirs = TrgMeeting(
        hub_id=hub.id,
        kind=TrgMeetingKind.SCHOOL,
        lead_specialist_id=colleague.id,
        held_on=date(2020, 10, 14),
        starts_at=time(15, 30),
        mode=DeliveryMode.IN_PERSON,
    )
    await factory.add(theirs)
    body = {
        "date": "2020-10-14",
        "days": 0.5,
        "activity": "school_trg",
        "evidence": {"type": "trg_meeting", "id": str(theirs.id)},
    }
    url = f"/api/v1/specialists/{specialist.id}/release-days"

    refused = await client.post(url, json=body, headers=me.headers)
    assert refused.status_code == 422 and refused.json()["code"] == "evidence_not_found"
    assert _errors(refused) == {"evidence": "That meeting is not one of yours."}
    staff = await factory.caller(Role.HUB_STAFF, hub)
    for_them = await client.post(url, json=body, headers=staff.headers)
    assert _errors(for_them) == {"evidence": "That meeting is not one of this specialist's."}


async def test_the_cap_in_words_beside_the_days(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    cohort = await delivery.cohort("2020/21")
    specialist = await delivery.specialist(hub, cohort, await delivery.school(hub=hub))
    staff = await factory.caller(Role.HUB_STAFF, hub)
    url = f"/api/v1/specialists/{specialist.id}/release-days"
    first = {"date": "2020-10-05", "days": 14.5, "activity": "school_trg"}
    assert (await client.post(url, json=first, headers=staff.headers)).status_code == 201

    over = await client.post(url, json={**first, "days": 1}, headers=staff.headers)

    assert over.status_code == 409
    problem = _readable(over)
    assert problem["code"] == "release_day_cap_exceeded" and problem["remaining_days"] == 0.5
    assert problem["errors"] == [
        {"field": "days", "message": "Only 0.5 of the 15 release days remain for 2020/21."}
    ]
    assert problem["detail"].endswith("This claim is for 1.")
