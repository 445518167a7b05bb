"""Cohorts through HTTP: London wall time in, UTC out; national admins write, everyone reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient, Response

from masteryhub.domain.academic_year import academic_year_of
from masteryhub.models.user import Role
from tests.factories import Caller, Factory

COHORTS = "/api/v1/cohorts"


def cohort_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "primary-6",
        "name": "Primary Mastery Specialists Cohort 6 (2020/21)",
        "programme": "primary",
        "development_year": "2020/21",
        "opens_at": "2020-05-01T09:00",
        "closes_at": "2020-06-15T17:00",
        "reference_prefix": "PMS6",
        "places_per_hub": 4,
    }
    return body | overrides


def open_cohort_body(n: int = 1, **overrides: Any) -> dict[str, Any]:
    """A cohort whose window is open now."""
    now = datetime.now(UTC)
    return cohort_body(
        code=f"open-{n}",
        name=f"Open cohort {n}",
        reference_prefix=f"OPEN{n}",
        development_year=academic_year_of(now + timedelta(days=365)),
        opens_at=(now - timedelta(days=10)).isoformat(),
        closes_at=(now + timedelta(days=30)).isoformat(),
        **overrides,
    )


async def create(client: AsyncClient, admin: Caller, **overrides: Any) -> Response:
    return await client.post(COHORTS, json=cohort_body(**overrides), headers=admin.headers)


def fields(response: Response) -> set[str]:
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "validation_failed"
    return {e["field"] for e in response.json()["errors"]}


async def test_create_takes_london_wall_time_and_answers_utc(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await create(client, admin)

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/api/v1/cohorts/{body['id']}"
    assert response.headers["etag"]
    assert body["closes_at"] == "2020-06-15T16:00:00Z"  # 17:00 BST
    assert body["opens_at"] == "2020-05-01T08:00:00Z"
    assert body["programme"]["code"] == "primary" and body["programme"]["id"]
    assert body["development_year"] == "2020/21"
    assert body["reference_link_days"] == 14 and body["reference_reminder_days"] == 7
    assert body["is_open"] is False and body["days_to_close"] is None
    assert [r["programme_year"] for r in body["year_rules"]] == [1, 2, 3]
    assert [r["release_days"] for r in body["year_rules"]] == [15, 33, 33]
    assert body["residentials"] == []

    fetched = await client.get(f"{COHORTS}/{body['id']}", headers=admin.headers)
    assert fetched.status_code == 200
    assert fetched.json() == body
    assert fetched.headers["etag"] == response.headers["etag"]


async def test_winter_wall_time_is_gmt_and_an_explicit_offset_is_honoured(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await create(
        client,
        admin,
        opens_at="2020-11-02T09:00:00+02:00",
        closes_at="2020-12-01T17:00",
    )

    assert response.status_code == 201, response.text
    assert response.json()["opens_at"] == "2020-11-02T07:00:00Z"
    assert response.json()["closes_at"] == "2020-12-01T17:00:00Z"


async def test_secondary_cohort_copies_the_secondary_money(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await create(
        client, admin, code="secondary-2020", programme="secondary", reference_prefix="SMS20"
    )

    rules = {r["programme_year"]: r for r in response.json()["year_rules"]}
    assert rules[1]["release_days"] == 15 and rules[1]["day_rates_pence"] == {"default": 20000}
    assert rules[2]["day_rates_pence"] == {"default": 35000}
    assert rules[2]["grants"][0]["amount_pence"] == 200000


async def test_an_open_cohort_says_so(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    response = await client.post(COHORTS, json=open_cohort_body(), headers=admin.headers)

    assert response.status_code == 201, response.text
    assert response.json()["is_open"] is True
    assert response.json()["days_to_close"] in (29, 30, 31)  # London calendar days


async def test_validation_names_every_field(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)

    malformed = await create(
        client,
        admin,
        code="Primary 6",
        development_year="2020/22",
        opens_at="2020-03-29T01:30",  # skipped when the clocks go forward
        reference_prefix="pms6",
        places_per_hub=0,
    )
    assert fields(malformed) == {
        "code",
        "development_year",
        "opens_at",
        "reference_prefix",
        "places_per_hub",
    }
    messages = {e["field"]: e["message"] for e in malformed.json()["errors"]}
    assert "2020/21" in messages["development_year"]
    assert "does not exist in London" in messages["opens_at"]

    backwards = await create(client, admin, closes_at="2020-04-30T17:00")
    assert fields(backwards) == {"closes_at"}
    repeated = await create(client, admin, closes_at="2020-10-25T01:30")
    assert fields(repeated) == {"closes_at"}
    assert "twice" in repeated.json()["errors"][0]["message"]
    reminder = await create(client, admin, reference_link_days=5, reference_reminder_days=5)
    assert fields(reminder) == {"reference_reminder_days"}
    unknown = await create(client, admin, programme="tertiary")
    assert fields(unknown) == {"programme"}


async def test_code_and_reference_prefix_are_unique(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    assert (await create(client, admin)).status_code == 201

    same_code = await create(client, admin, reference_prefix="PMS7")
    same_prefix = await create(client, admin, code="primary-7")

    assert same_code.status_code == 409 and same_code.json()["code"] == "already_exists"
    assert same_code.json()["field"] == "code"
    assert same_prefix.status_code == 409 and same_prefix.json()["field"] == "reference_prefix"


async def test_only_national_admins_write(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    created = (await create(client, admin)).json()
    lead = await factory.caller(Role.HUB_LEAD)
    staff = await factory.caller(Role.HUB_STAFF)
    specialist = await factory.caller(Role.SPECIALIST)
    reader = await factory.api_client(await factory.hub(), ["cohorts:read"])

    for caller in (lead, staff, specialist, reader):
        attempt = await client.post(
            COHORTS, json=cohort_body(code="other", reference_prefix="OTH"), headers=caller.headers
        )
        assert attempt.status_code == 403, caller
        assert attempt.json()["code"] == "forbidden"
        patch = await client.patch(
            f"{COHORTS}/{created['id']}", json={"name": "Renamed"}, headers=caller.headers
        )
        assert patch.status_code == 403
        read = await client.get(f"{COHORTS}/{created['id']}", headers=caller.headers)
        assert read.status_code == 200


async def test_patch_honours_if_match(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    created = await create(client, admin)
    url = f"{COHORTS}/{created.json()['id']}"
    first_etag = created.headers["etag"]

    updated = await client.patch(
        url,
        json={"closes_at": "2020-06-22T17:00", "places_per_hub": 5},
        headers=admin.headers | {"If-Match": first_etag},
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["closes_at"] == "2020-06-22T16:00:00Z"
    assert updated.json()["places_per_hub"] == 5
    assert updated.headers["etag"] != first_etag

    stale = await client.patch(
        url, json={"name": "Lost update"}, headers=admin.headers | {"If-Match": first_etag}
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    assert (await client.get(url, headers=admin.headers)).json()["name"] == created.json()["name"]


async def test_patch_validates_against_the_stored_window(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    url = f"{COHORTS}/{(await create(client, admin)).json()['id']}"

    backwards = await client.patch(
        url, json={"opens_at": "2020-07-01T09:00"}, headers=admin.headers
    )
    immutable = await client.patch(url, json={"code": "primary-7"}, headers=admin.headers)
    nulled = await client.patch(url, json={"name": None}, headers=admin.headers)

    assert fields(backwards) == {"closes_at"}
    assert fields(immutable) == {"code"}
    assert fields(nulled) == {"name"}


async def test_creation_is_idempotent(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    headers = admin.headers | {"Idempotency-Key": "cohort-6"}

    first = await client.post(COHORTS, json=cohort_body(), headers=headers)
    again = await client.post(COHORTS, json=cohort_body(), headers=headers)

    assert first.status_code == again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    listed = await client.get(COHORTS, headers=admin.headers)
    assert len(listed.json()["items"]) == 1


async def test_list_filters(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await create(client, admin)
    await create(
        client,
        admin,
        code="secondary-2020",
        name="Secondary Mastery Specialists (2020/21)",
        programme="secondary",
        reference_prefix="SMS20",
    )
    await client.post(COHORTS, json=open_cohort_body(), headers=admin.headers)
    staff = await factory.caller(Role.HUB_STAFF)

    async def codes(**params: Any) -> list[str]:
        response = await client.get(COHORTS, params=params, headers=staff.headers)
        assert response.status_code == 200, response.text
        return [c["code"] for c in response.json()["items"]]

    assert await codes() == ["primary-6", "secondary-2020", "open-1"]  # by opening time
    assert await codes(programme="secondary") == ["secondary-2020"]
    assert await codes(is_open=True) == ["open-1"]
    assert await codes(is_open=False) == ["primary-6", "secondary-2020"]
    assert await codes(q="COHORT 6") == ["primary-6"]
    assert await codes(q="secondary") == ["secondary-2020"]

    page = await client.get(COHORTS, params={"limit": 2}, headers=staff.headers)
    assert [c["code"] for c in page.json()["items"]] == ["primary-6", "secondary-2020"]
    assert 'rel="next"' in page.headers["link"]
    rest = await client.get(
        COHORTS, params={"limit": 2, "cursor": page.json()["next_cursor"]}, headers=staff.headers
    )
    assert [c["code"] for c in rest.json()["items"]] == ["open-1"]
    assert rest.json()["next_cursor"] is None


async def test_updated_after_sees_residential_changes(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    first = (await create(client, admin)).json()
    second = await create(
        client, admin, code="secondary-2020", programme="secondary", reference_prefix="SMS20"
    )
    assert second.status_code == 201

    async def changed_since(mark: str) -> list[str]:
        response = await client.get(COHORTS, params={"updated_after": mark}, headers=admin.headers)
        return [c["code"] for c in response.json()["items"]]

    assert await changed_since(first["updated_at"]) == ["secondary-2020"]
    await client.post(
        f"{COHORTS}/{first['id']}/residentials",
        json={"title": "Residential 1", "starts_on": "2020-11-26", "ends_on": "2020-11-27"},
        headers=admin.headers,
    )
    assert await changed_since(first["updated_at"]) == ["secondary-2020", "primary-6"]


async def test_unknown_cohort_is_404(client: AsyncClient, factory: Factory) -> None:
    staff = await factory.caller(Role.HUB_STAFF)

    response = await client.get(
        f"{COHORTS}/018f0000-0000-7000-8000-000000000000", headers=staff.headers
    )

    assert response.status_code == 404 and response.json()["code"] == "not_found"
