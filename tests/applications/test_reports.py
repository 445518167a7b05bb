"""The dashboard's count of the hub's applications per status."""

from __future__ import annotations

from collections import Counter

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.application import ApplicationStatus
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, World, payload, submit
from tests.applications.test_transitions import complete_application, transition
from tests.factories import Factory
from tests.queries import count_queries

REPORT = "/api/v1/reports/applications-by-status"


async def test_counts_the_hubs_applications_per_status_and_not_another_hubs(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    for i in range(3):
        response = await submit(client, world.form, payload(applicant__email=f"a{i}@example.org"))
        assert response.status_code == 201, response.text
    shortlisted = await complete_application(client, world, applicant__email="s@example.org")
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)
    assert (await transition(client, staff, shortlisted, "shortlisted")).status_code == 200
    for i in range(2):  # hub B's school: routed to hub B
        response = await submit(
            client,
            world.form_b,
            payload(applicant__email=f"b{i}@example.org", school_urn=world.school_b.urn),
        )
        assert response.status_code == 201, response.text

    listed = await client.get(APPLICATIONS, params={"limit": 200}, headers=staff.headers)
    expected = Counter(item["status"] for item in listed.json()["items"])
    assert sum(expected.values()) == 4

    with count_queries(app) as statements:
        response = await client.get(REPORT, headers=staff.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [line["status"] for line in body["statuses"]] == [s.value for s in ApplicationStatus]
    assert {line["status"]: line["count"] for line in body["statuses"]} == {
        s.value: expected.get(s.value, 0) for s in ApplicationStatus
    }
    assert body["total"] == 4 and body["cohort_code"] is None
    counts = {line["status"]: line["count"] for line in body["statuses"]}
    assert counts["shortlisted"] == 1 and counts["withdrawn"] == 0
    assert sum("group by" in s.lower() for s in statements) == 1

    # Hub B's lead sees hub B's two only; hub B's integrator the same.
    lead_b = await factory.caller(Role.HUB_LEAD, world.hub_b)
    for headers in (lead_b.headers, world.form_b.headers):
        theirs = (await client.get(REPORT, headers=headers)).json()
        assert theirs["total"] == 2, theirs


async def test_one_cohort_and_every_status_zero_when_none(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    assert (await submit(client, world.form)).status_code == 201
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)

    mine = await client.get(
        REPORT, params={"cohort_code": world.cohort.code}, headers=staff.headers
    )
    other = await client.get(
        REPORT, params={"cohort_code": "no-such-cohort"}, headers=staff.headers
    )

    assert mine.status_code == 200 and mine.json()["total"] == 1
    assert mine.json()["cohort_code"] == world.cohort.code
    assert other.status_code == 200 and other.json()["total"] == 0
    assert [line["count"] for line in other.json()["statuses"]] == [0] * len(ApplicationStatus)


async def test_specialists_may_not_read_it(client: AsyncClient, factory: Factory) -> None:
    specialist = await factory.caller(Role.SPECIALIST)
    assert (await client.get(REPORT, headers=specialist.headers)).status_code == 403
