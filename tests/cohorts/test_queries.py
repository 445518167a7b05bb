"""Lists load what they return in a fixed number of queries, whatever the page size."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.cohorts.test_cohorts import COHORTS, create
from tests.factories import Factory
from tests.queries import count_queries


async def test_listing_cohorts_does_not_grow_with_page_size(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    for n in range(6):
        created = await create(client, admin, code=f"cohort-{n}", reference_prefix=f"C{n}X")
        for title in ("First", "Second"):
            await client.post(
                f"{COHORTS}/{created.json()['id']}/residentials",
                json={"title": title, "starts_on": "2021-01-28", "ends_on": "2021-01-29"},
                headers=admin.headers,
            )

    counts = {}
    for limit in (1, 6):
        with count_queries(app) as statements:
            response = await client.get(COHORTS, params={"limit": limit}, headers=admin.headers)
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        assert all(len(c["residentials"]) == 2 for c in response.json()["items"])
        counts[limit] = len(statements)

    assert counts[1] == counts[6], counts
    assert counts[6] <= 6, counts  # principal, page, programmes, year rules, residentials


async def test_listing_programmes_does_not_grow_with_page_size(
    app: FastAPI, client: AsyncClient, factory: Factory
) -> None:
    staff = await factory.caller(Role.HUB_STAFF)
    counts = []
    for limit in (1, 2):
        with count_queries(app) as statements:
            response = await client.get(
                "/api/v1/programmes", params={"limit": limit}, headers=staff.headers
            )
        assert len(response.json()["items"]) == limit
        counts.append(len(statements))
    assert counts[0] == counts[1]
