"""Lists for integrators: filters, incremental sync, ETags, and a query count that does not
grow with the page size."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.applications.schemas import ApplicationRead
from masteryhub.models.user import Role
from tests.applications.conftest import APPLICATIONS, World, machine, payload, submit
from tests.factories import Factory
from tests.queries import count_queries, through_sqlalchemy


async def test_a_page_of_fifty_costs_the_same_queries_as_a_page_of_five(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    for i in range(50):
        urn = "999999" if i % 3 == 0 else ("200000" if i % 3 == 1 else "100000")
        # Hub A's client sees its own school's and unmatched ones; mix matched and unmatched.
        response = await submit(
            client, world.form, payload(applicant__email=f"t{i}@example.org", school_urn=urn)
        )
        assert response.status_code == 201
    lead = await _national(app, client)

    with count_queries(app) as small:
        five = await client.get(APPLICATIONS, params={"limit": 5}, headers=lead)
    with count_queries(app) as large:
        fifty = await client.get(APPLICATIONS, params={"limit": 50}, headers=lead)

    assert len(five.json()["items"]) == 5 and len(fifty.json()["items"]) == 50
    assert {a["school_unmatched"] for a in fifty.json()["items"]} == {True, False}
    assert len(small) == len(large), (small, large)


async def test_a_listed_application_reads_as_it_does_on_its_own(
    app: FastAPI, client: AsyncClient, world: World
) -> None:
    # The list builds its items from rows and serialises them itself (the fast read path):
    # each must be exactly the ApplicationRead the detail answers, matched school or not.
    for urn in ("100000", "999999"):
        response = await submit(
            client, world.form, payload(applicant__email=f"{urn}@example.org", school_urn=urn)
        )
        assert response.status_code == 201
    lead = await _national(app, client)
    items = (await client.get(APPLICATIONS, headers=lead)).json()["items"]
    assert len(items) == 2 and {i["school_unmatched"] for i in items} == {True, False}
    for item in items:
        assert ApplicationRead.model_validate(item).model_dump(mode="json") == item
        detail = (await client.get(f"{APPLICATIONS}/{item['id']}", headers=lead)).json()
        assert {key: detail[key] for key in item} == item


async def _national(app: FastAPI, client: AsyncClient) -> dict[str, str]:
    factory = Factory(app, client)
    return (await factory.caller(Role.NATIONAL_ADMIN)).headers


async def test_filters(client: AsyncClient, world: World, factory: Factory) -> None:
    amira = (await submit(client, world.form)).json()
    ben = (
        await submit(
            client,
            world.form,
            payload(
                applicant__first_name="Ben",
                applicant__last_name="Okafor",
                applicant__email="ben@example.org",
                school_urn="999999",
                headteacher__statement="Yes.",
            ),
        )
    ).json()
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)

    async def ids(**params: Any) -> list[str]:
        response = await client.get(APPLICATIONS, params=params, headers=staff.headers)
        assert response.status_code == 200, response.text
        return [a["id"] for a in response.json()["items"]]

    assert await ids() == [amira["id"], ben["id"]]
    assert await ids(cohort_code="primary-6") == [amira["id"], ben["id"]]
    assert await ids(cohort_code="secondary-1") == []
    assert await ids(status="complete") == [ben["id"]]
    assert await ids(status=["complete", "awaiting_reference"]) == [amira["id"], ben["id"]]
    assert await ids(school_urn="100000") == [amira["id"]]
    assert await ids(q="okafor") == [ben["id"]]
    assert await ids(q="Amira Khan") == [amira["id"]]
    assert await ids(q="A.KHAN@example") == [amira["id"]]
    assert await ids(q=ben["reference"]) == [ben["id"]]
    assert await ids(updated_after=amira["updated_at"]) == [ben["id"]]
    page = await client.get(APPLICATIONS, params={"limit": 1}, headers=staff.headers)
    assert page.json()["next_cursor"] and 'rel="next"' in page.headers["link"]
    following = await client.get(
        APPLICATIONS,
        params={"limit": 1, "cursor": page.json()["next_cursor"]},
        headers=staff.headers,
    )
    assert [a["id"] for a in following.json()["items"]] == [ben["id"]]


async def test_reading_needs_staff_or_the_read_scope(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    created = (await submit(client, world.form)).json()
    submit_only = await machine(factory, world.hub_a, ["applications:submit"])
    specialist = await factory.caller(Role.SPECIALIST, world.hub_a)

    detail = await client.get(f"{APPLICATIONS}/{created['id']}", headers=world.form.headers)

    assert detail.status_code == 200 and detail.headers["etag"]
    # The reviewers' aggregate needs reviews:read as well (issue 12).
    assert detail.json()["review_summary"] is None
    reviewer_client = await machine(factory, world.hub_a, ["applications:read", "reviews:read"])
    with_reviews = await client.get(
        f"{APPLICATIONS}/{created['id']}", headers=reviewer_client.headers
    )
    assert with_reviews.json()["review_summary"]["review_count"] == 0
    for caller in (submit_only, specialist):
        assert (await client.get(APPLICATIONS, headers=caller.headers)).status_code == 403


async def test_sorting_by_name_and_reference_pages_through_every_row_once(
    client: AsyncClient, world: World, factory: Factory
) -> None:
    names = [("Zara", "Adams"), ("Ben", "Okafor"), ("Amy", "Adams"), ("Cal", "Brown")]
    for i, (first, last) in enumerate(names):
        response = await submit(
            client,
            world.form,
            payload(
                applicant__first_name=first,
                applicant__last_name=last,
                applicant__email=f"sort{i}@example.org",
            ),
        )
        assert response.status_code == 201, response.text
    staff = await factory.caller(Role.HUB_STAFF, world.hub_a)

    async def walk(sort: str) -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        params: dict[str, Any] = {"limit": 3, "sort": sort}
        while True:
            response = await client.get(APPLICATIONS, params=params, headers=staff.headers)
            assert response.status_code == 200, response.text
            seen += response.json()["items"]
            if not response.json()["next_cursor"]:
                return seen
            params["cursor"] = response.json()["next_cursor"]

    def full_names(rows: list[dict[str, Any]]) -> list[str]:
        return [f"{a['applicant']['first_name']} {a['applicant']['last_name']}" for a in rows]

    by_name = ["Amy Adams", "Zara Adams", "Cal Brown", "Ben Okafor"]
    assert full_names(await walk("name")) == by_name
    assert full_names(await walk("-name")) == by_name[::-1]
    submitted = full_names(await walk("submitted"))
    assert submitted == ["Zara Adams", "Ben Okafor", "Amy Adams", "Cal Brown"]
    assert full_names(await walk("-submitted")) == submitted[::-1]
    references = [a["reference"] for a in await walk("-reference")]
    assert references == sorted(references, reverse=True) and len(references) == 4

    # A cursor belongs to its sort: another sort refuses it rather than skip rows.
    first_page = await client.get(
        APPLICATIONS, params={"limit": 1, "sort": "name"}, headers=staff.headers
    )
    cursor = first_page.json()["next_cursor"]
    refused = await client.get(
        APPLICATIONS,
        params={"limit": 1, "sort": "reference", "cursor": cursor},
        headers=staff.headers,
    )
    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/problem+json")
    unknown = await client.get(APPLICATIONS, params={"sort": "email"}, headers=staff.headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "sort"


@pytest.mark.real_commits  # GETs read in autocommit, as deployed
async def test_pages_read_straight_from_the_driver_answer_as_sqlalchemy(
    app: FastAPI, client: AsyncClient, world: World, factory: Factory
) -> None:
    """On PostgreSQL a GET's prepared reads go straight to asyncpg (kit.prepared): each page,
    its next-page link and its sorts are the same as through SQLAlchemy's execution."""
    if app.state.engine.dialect.name != "postgresql":
        pytest.skip("Reads go straight to the driver on PostgreSQL (asyncpg) only.")
    for i, urn in enumerate(["100000", "999999", "100000", "100000", "999999"]):
        body = payload(applicant__email=f"a{i}@example.org", school_urn=urn)
        assert (await submit(client, world.form, body)).status_code == 201
    lead = (await factory.caller(Role.HUB_LEAD, world.hub_a)).headers
    queries: list[dict[str, Any]] = [
        {"limit": 2},
        {"limit": 2, "sort": "name"},
        {"limit": 2, "sort": "reference"},
        {"limit": 2, "sort": "-submitted"},
        {"limit": 50, "q": "example", "reference_overdue": "false"},
    ]

    async def read() -> list[tuple[bytes, str | None]]:
        answers = []
        for params in queries:
            page = await client.get(APPLICATIONS, params=params, headers=lead)
            assert page.status_code == 200, page.text
            answers.append((page.content, page.headers.get("link")))
            if "link" in page.headers:  # and the next page, by its cursor
                cursor = page.json()["next_cursor"]
                after = await client.get(
                    APPLICATIONS, params={**params, "cursor": cursor}, headers=lead
                )
                answers.append((after.content, after.headers.get("link")))
        return answers

    direct = await read()
    with through_sqlalchemy(app):
        assert await read() == direct
