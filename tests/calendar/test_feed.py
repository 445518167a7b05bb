"""The calendar feed: a secret, revocable URL serving RFC 5545 with the right events only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from httpx import AsyncClient
from icalendar import Calendar

from masteryhub.models.specialist import Specialist
from masteryhub.models.user import Role
from tests.factories import Caller, Factory
from tests.trg_meetings.world import World

LONDON = ZoneInfo("Europe/London")
FEED = "/api/v1/me/calendar-feed"


async def _feed_url(client: AsyncClient, caller: Caller) -> str:
    issued = await client.post(FEED, headers=caller.headers)
    assert issued.status_code == 201, issued.text
    assert issued.headers["cache-control"] == "no-store"
    url = issued.json()["url"]
    assert url.startswith("http://testserver/api/v1/calendar/") and url.endswith(".ics")
    return str(url).removeprefix("http://testserver")


async def _events(client: AsyncClient, path: str) -> dict[str, Any]:
    response = await client.get(path)  # no Authorization: the token is the credential
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


async def _meeting(
    client: AsyncClient, caller: Caller, lead: Specialist, held_on: str, **fields: Any
) -> str:
    body = {
        "kind": "school",
        "lead_specialist_id": str(lead.id),
        "held_on": held_on,
        "starts_at": "15:45",
        "ends_at": "17:00",
        "mode": "in_person",
        "focus": "Place value",
        **fields,
    }
    response = await client.post("/api/v1/trg-meetings", json=body, headers=caller.headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_feeds_hold_what_each_person_should_see(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub, other_hub = await factory.hub(), await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort, other_cohort = await world.cohort("2020/21"), await world.cohort("2019/20")
    host = await world.school(hub, name="Hillside Primary")
    me, mine = await world.specialist_caller(hub, cohort, host)
    colleague = await world.specialist(hub, other_cohort)
    stranger = await world.specialist(other_hub, other_cohort)
    other_staff = await factory.caller(Role.HUB_STAFF, other_hub)
    residential = await world.residential(cohort, date(2020, 11, 19), title="Autumn residential")
    other_residential = await world.residential(other_cohort, date(2019, 11, 21))
    winter = await _meeting(client, staff, mine, "2021-01-14", school_id=str(host.id))
    summer = await _meeting(client, staff, mine, "2021-06-17", starts_at="09:00", ends_at=None)
    colleagues = await _meeting(client, staff, colleague, "2021-02-01", mode="online")
    strangers = await _meeting(client, other_staff, stranger, "2021-02-01")
    work_group = await client.post(
        "/api/v1/work-groups",
        json={
            "code": "WG7",
            "title": "Embedding mastery",
            "phase": "embed",
            "programme": "primary",
            "academic_year": "2020/21",
            "lead_specialist_ids": [str(colleague.id)],
        },
        headers=staff.headers,
    )
    assert work_group.status_code == 201, work_group.text
    session = await client.post(
        f"/api/v1/work-groups/{work_group.json()['id']}/sessions",
        json={"held_on": "2021-03-09", "mode": "in_person", "location": "Hub office"},
        headers=staff.headers,
    )
    assert session.status_code == 201
    session_id = session.json()["id"]

    mine_feed = await _events(client, await _feed_url(client, me))
    hub_feed = await _events(client, await _feed_url(client, staff))

    assert set(mine_feed) == {
        f"residential-{residential.id}@masteryhub",
        f"trg-meeting-{winter}@masteryhub",
        f"trg-meeting-{summer}@masteryhub",
    }
    assert set(hub_feed) == {
        f"residential-{residential.id}@masteryhub",
        f"residential-{other_residential.id}@masteryhub",
        f"trg-meeting-{winter}@masteryhub",
        f"trg-meeting-{summer}@masteryhub",
        f"trg-meeting-{colleagues}@masteryhub",
        f"work-group-session-{session_id}@masteryhub",
    }
    assert f"trg-meeting-{strangers}@masteryhub" not in hub_feed
    # Residentials are all-day events over both days (DTEND exclusive).
    autumn = mine_feed[f"residential-{residential.id}@masteryhub"]
    assert autumn["dtstart"].dt == date(2020, 11, 19)
    assert autumn["dtend"].dt == date(2020, 11, 21)
    assert "Autumn residential" in str(autumn["summary"])
    # Meetings carry London wall times: GMT in January, BST in June.
    january = mine_feed[f"trg-meeting-{winter}@masteryhub"]
    assert january["dtstart"].dt == datetime(2021, 1, 14, 15, 45, tzinfo=LONDON)
    assert january["dtstart"].dt.utcoffset() == timedelta(0)
    assert january["dtend"].dt == datetime(2021, 1, 14, 17, 0, tzinfo=LONDON)
    assert str(january["location"]) == "Hillside Primary, AB1 2CD"
    assert "Place value" in str(january["summary"])
    june = mine_feed[f"trg-meeting-{summer}@masteryhub"]
    assert june["dtstart"].dt.utcoffset() == timedelta(hours=1)
    assert june["dtend"].dt - june["dtstart"].dt == timedelta(hours=1)
    wg_session = hub_feed[f"work-group-session-{session_id}@masteryhub"]
    assert str(wg_session["summary"]) == "Work group WG7: Embedding mastery"
    assert str(wg_session["location"]) == "Hub office"
    assert wg_session["dtstart"].dt == date(2021, 3, 9)


async def test_the_feed_declares_the_london_timezone(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    await _meeting(client, staff, await world.specialist(hub, await world.cohort()), "2021-01-14")
    path = await _feed_url(client, staff)

    body = (await client.get(path)).text

    assert "BEGIN:VTIMEZONE" in body and "TZID:Europe/London" in body
    assert "DTSTART;TZID=Europe/London:20210114T154500" in body


async def test_rotated_and_revoked_tokens_are_404(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    client_caller = await factory.api_client(hub, ["delivery:read"])

    first = await _feed_url(client, staff)
    second = await _feed_url(client, staff)

    assert first != second
    assert (await client.get(first)).status_code == 404
    assert (await client.get(second)).status_code == 200
    assert (await client.delete(FEED, headers=staff.headers)).status_code == 204
    assert (await client.get(second)).status_code == 404
    assert (await client.delete(FEED, headers=staff.headers)).status_code == 404
    assert (await client.get("/api/v1/calendar/not-a-token.ics")).status_code == 404
    assert (await client.post(FEED, headers=client_caller.headers)).status_code == 403


async def test_a_deactivated_users_feed_stops(
    client: AsyncClient, factory: Factory, world: World
) -> None:
    hub = await factory.hub()
    lead = await factory.caller(Role.HUB_LEAD, hub)
    staff = await factory.caller(Role.HUB_STAFF, hub)
    path = await _feed_url(client, staff)

    deactivated = await client.patch(
        f"/api/v1/users/{staff.id}", json={"is_active": False}, headers=lead.headers
    )

    assert deactivated.status_code == 200
    assert (await client.get(path)).status_code == 404
