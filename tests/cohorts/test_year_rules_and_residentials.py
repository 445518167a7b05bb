"""A cohort's year rules (half days, rates by activity, grants) and its residentials."""

from __future__ import annotations

from httpx import AsyncClient

from masteryhub.models.user import Role
from tests.cohorts.test_cohorts import COHORTS, create, fields
from tests.factories import Factory


async def test_edit_a_year_rule(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    created = await create(client, admin)
    cohort_id = created.json()["id"]
    url = f"{COHORTS}/{cohort_id}/year-rules/2"
    current = await client.get(url, headers=admin.headers)
    assert current.status_code == 200 and current.json()["release_days"] == 33

    # One hub pays £350/day for work with other schools and £200/day for internal hub work.
    rule = {
        "release_days": 32.5,
        "day_rates_pence": {"default": 20000, "work_group_session": 35000},
        "grants": [
            {
                "code": "work_group_school",
                "description": "Development work group school",
                "amount_pence": 100000,
            }
        ],
        "notes": "Agreed with the hub lead.",
    }
    updated = await client.put(
        url, json=rule, headers=admin.headers | {"If-Match": current.headers["etag"]}
    )

    assert updated.status_code == 200, updated.text
    assert updated.json()["release_days"] == 32.5
    assert updated.json()["day_rates_pence"] == rule["day_rates_pence"]
    assert updated.json()["grants"] == rule["grants"]
    stale = await client.put(
        url, json=rule, headers=admin.headers | {"If-Match": current.headers["etag"]}
    )
    assert stale.status_code == 412
    cohort = await client.get(f"{COHORTS}/{cohort_id}", headers=admin.headers)
    assert [r["release_days"] for r in cohort.json()["year_rules"]] == [15, 32.5, 33]
    assert cohort.headers["etag"] != created.headers["etag"]  # the cohort changed too


async def test_a_new_programme_year_is_created(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    cohort_id = (await create(client, admin)).json()["id"]

    response = await client.put(
        f"{COHORTS}/{cohort_id}/year-rules/4", json={"release_days": 20}, headers=admin.headers
    )

    assert response.status_code == 201, response.text
    assert response.json()["programme_year"] == 4 and response.json()["release_days"] == 20
    assert response.json()["day_rates_pence"] == {} and response.json()["grants"] == []
    missing = await client.get(f"{COHORTS}/{cohort_id}/year-rules/5", headers=admin.headers)
    assert missing.status_code == 404


async def test_year_rule_validation(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    url = f"{COHORTS}/{(await create(client, admin)).json()['id']}/year-rules/1"

    quarter = await client.put(url, json={"release_days": 7.25}, headers=admin.headers)
    assert fields(quarter) == {"release_days"}
    assert "half days" in quarter.json()["errors"][0]["message"]
    bad = await client.put(
        url,
        json={
            "release_days": -1,
            "day_rates_pence": {"coffee": 100, "default": 20000},
            "grants": [{"code": "Bad Code", "description": "x", "amount_pence": -5}],
        },
        headers=admin.headers,
    )
    assert fields(bad) == {
        "release_days",
        "day_rates_pence",
        "grants.0.code",
        "grants.0.amount_pence",
    }
    year_zero = await client.put(
        url.removesuffix("/1") + "/0", json={"release_days": 1}, headers=admin.headers
    )
    assert fields(year_zero) == {"programme_year"}
    lead = await factory.caller(Role.HUB_LEAD)
    assert (
        await client.put(url, json={"release_days": 15}, headers=lead.headers)
    ).status_code == 403


async def test_residentials(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    cohort_id = (await create(client, admin)).json()["id"]
    url = f"{COHORTS}/{cohort_id}/residentials"

    created = await client.post(
        url,
        json={
            "title": "Residential 1 (latter part of autumn term 2020)",
            "starts_on": "2020-11-26",
            "ends_on": "2020-11-27",
        },
        headers=admin.headers,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["mode"] == "in_person" and body["is_provisional"] is True
    assert created.headers["location"] == f"/api/v1/residentials/{body['id']}"

    confirmed = await client.patch(
        f"/api/v1/residentials/{body['id']}",
        json={"mode": "online", "is_provisional": False, "location": "Online"},
        headers=admin.headers | {"If-Match": created.headers["etag"]},
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["mode"] == "online" and confirmed.json()["is_provisional"] is False
    stale = await client.patch(
        f"/api/v1/residentials/{body['id']}",
        json={"title": "Lost"},
        headers=admin.headers | {"If-Match": created.headers["etag"]},
    )
    assert stale.status_code == 412

    staff = await factory.caller(Role.HUB_STAFF)
    listed = await client.get(url, headers=staff.headers)
    assert [r["title"] for r in listed.json()["items"]] == [body["title"]]
    cohort = await client.get(f"{COHORTS}/{cohort_id}", headers=staff.headers)
    assert cohort.json()["residentials"][0]["mode"] == "online"
    refused = await client.post(
        url,
        json={"title": "Mine", "starts_on": "2021-01-28", "ends_on": "2021-01-29"},
        headers=staff.headers,
    )
    assert refused.status_code == 403


async def test_a_residential_cannot_end_before_it_starts(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    url = f"{COHORTS}/{(await create(client, admin)).json()['id']}/residentials"

    backwards = await client.post(
        url,
        json={"title": "Residential", "starts_on": "2021-06-11", "ends_on": "2021-06-10"},
        headers=admin.headers,
    )
    assert fields(backwards) == {"ends_on"}
    one_day = await client.post(
        url,
        json={"title": "Residential", "starts_on": "2021-06-10", "ends_on": "2021-06-10"},
        headers=admin.headers,
    )
    assert one_day.status_code == 201
    moved = await client.patch(
        f"/api/v1/residentials/{one_day.json()['id']}",
        json={"starts_on": "2021-06-12", "mode": "by_carrier_pigeon"},
        headers=admin.headers,
    )
    assert fields(moved) == {"mode"}
    moved = await client.patch(
        f"/api/v1/residentials/{one_day.json()['id']}",
        json={"starts_on": "2021-06-12"},
        headers=admin.headers,
    )
    assert fields(moved) == {"ends_on"}
