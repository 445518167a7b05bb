"""The demo's specialist sign-in, schools and specialists' schools (`masteryhub seed-demo`)."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select, update

from masteryhub.db import begin_write
from masteryhub.demo import DEMO_SCHOOLS, DEMO_SPECIALISTS, WORK_GROUP_SCHOOL_URNS
from masteryhub.domain.academic_year import academic_year_of, london_date
from masteryhub.models.base import utcnow
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist
from tests.factories import seed_demo, signed_in


async def test_the_demo_specialist_signs_in_and_reads_their_own_year(
    app: FastAPI, client: AsyncClient
) -> None:
    assert await seed_demo(app) is True
    assert await seed_demo(app) is False  # idempotent

    me_headers = await signed_in(client, "specialist@north.masteryhub.test", "specialist-demo")
    me = (await client.get("/api/v1/me", headers=me_headers)).json()
    assert me["role"] == "specialist" and me["hub"]["code"] == "north"
    this_year = academic_year_of(london_date(utcnow()))
    [record] = me["specialists"]
    assert record["cohort_code"] == "primary-running"
    assert record["programme"] == "primary"
    assert record["default_academic_year"] == this_year

    own = await client.get(f"/api/v1/specialists/{record['id']}", headers=me_headers)
    assert own.status_code == 200, own.text
    assert (own.json()["first_name"], own.json()["last_name"]) == ("Amira", "Khan")
    assert own.json()["school"]["urn"] == "999001"
    events = await client.get(
        f"/api/v1/specialists/{record['id']}/claimable-events", headers=me_headers
    )
    assert events.status_code == 200, events.text
    # This month's TRG meeting is theirs, and so is the session of the work group she co-leads.
    kinds = sorted(item["type"] for item in events.json()["items"])
    assert kinds == ["residential", "trg_meeting", "work_group_session"]

    lead_headers = await signed_in(client, "lead@north.masteryhub.test", "hub-lead-demo")
    listed = await client.get("/api/v1/specialists", headers=lead_headers)
    assert {item["school"]["urn"] for item in listed.json()["items"]} == {
        "999001",
        "999002",
        "999003",
    }
    north_schools = await client.get(
        "/api/v1/schools", params={"urn": "999004"}, headers=lead_headers
    )
    [school] = north_schools.json()["items"]
    assert school["name"] == "Northgate High School"
    async with app.state.sessionmaker() as session:
        schools = (
            await session.scalars(
                select(School).where(School.urn.in_([s[0] for s in DEMO_SCHOOLS]))
            )
        ).all()
        without_school = await session.scalar(
            select(Specialist.id).where(Specialist.school_id.is_(None)).limit(1)
        )
    assert len(schools) == len(DEMO_SCHOOLS)
    assert all(s.urn.startswith("999") and len(s.urn) == 6 for s in schools)
    assert all(s.is_open and s.is_state_funded and s.is_in_england for s in schools)
    assert {s.phase_name for s in schools} == {"Primary", "Secondary"}
    assert {s.la_name for s in schools} == {"Manchester", "Southampton"}
    assert all(s.hub_id is not None for s in schools)
    assert without_school is None, "every demo specialist has a school"


async def test_an_older_demo_database_gains_schools_and_the_sign_in_link(
    app: FastAPI, client: AsyncClient
) -> None:
    await seed_demo(app)
    async with app.state.sessionmaker() as session:
        await begin_write(session)
        await session.execute(update(Specialist).values(school_id=None, user_id=None))
        await session.commit()

    assert await seed_demo(app) is True
    assert await seed_demo(app) is False

    async with app.state.sessionmaker() as session:
        rows = (
            await session.execute(
                select(Specialist.first_name, Specialist.user_id, School.urn).join(
                    School, School.id == Specialist.school_id
                )
            )
        ).all()
    assert sorted((first, urn) for first, _, urn in rows) == sorted(
        (first, urn) for first, _, _, urn in DEMO_SPECIALISTS
    )
    assert [first for first, user_id, _ in rows if user_id is not None] == ["Amira"]


async def test_the_demo_gives_the_national_dashboard_engaged_schools(
    app: FastAPI, client: AsyncClient
) -> None:
    assert await seed_demo(app) is True
    admin = await signed_in(client, "admin@masteryhub.test", "national-admin-demo")

    coverage = await client.get(
        "/api/v1/reports/coverage",
        params={"academic_year": academic_year_of(london_date(utcnow())), "by": "hub"},
        headers=admin,
    )

    assert coverage.status_code == 200, coverage.text
    england = coverage.json()["totals"]
    assert england["engaged_signed_up"] == len(WORK_GROUP_SCHOOL_URNS)
    assert england["schools"] > england["engaged_signed_up"]
