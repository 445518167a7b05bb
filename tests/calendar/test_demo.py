"""A freshly seeded demo has something on this month's calendar and dashboard."""

from __future__ import annotations

import calendar

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.db import begin_write
from masteryhub.demo import seed
from masteryhub.domain.academic_year import academic_year_of, london_date
from masteryhub.hubs.repository import HubRepository
from masteryhub.models.base import utcnow
from masteryhub.models.user import Role
from tests.factories import Factory


async def test_the_demo_has_delivery_this_london_month(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        await seed(session)
        await session.commit()
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        assert await seed(session) is False  # and only once
        north = await HubRepository(session).by_code("north")
        south = await HubRepository(session).by_code("south")
    assert north is not None and south is not None
    staff = await factory.caller(Role.HUB_STAFF, north)
    south_lead = await factory.caller(Role.HUB_LEAD, south)
    today = london_date(utcnow())
    first = today.replace(day=1)
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    window = {"from": first.isoformat(), "to": last.isoformat()}

    events = await client.get("/api/v1/calendar/events", params=window, headers=staff.headers)
    report = await client.get(
        "/api/v1/reports/release-days",
        params={"academic_year": academic_year_of(today)},
        headers=staff.headers,
    )
    south_events = await client.get(
        "/api/v1/calendar/events", params=window, headers=south_lead.headers
    )

    assert events.status_code == 200, events.text
    kinds = [item["kind"] for item in events.json()["items"]]
    assert sorted(kinds) == ["residential", "trg_meeting", "work_group_session"]
    assert report.status_code == 200, report.text
    lines = report.json()["specialists"]
    assert [line["last_name"] for line in lines] == ["Davies", "Khan", "Okafor"]
    assert {line["entitlement_days"] for line in lines} == {33}
    # The south hub shares the cohort's residential, not the north's meetings.
    assert [item["kind"] for item in south_events.json()["items"]] == ["residential"]
