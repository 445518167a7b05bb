"""Inputs refused for every operation by construction: NUL in any text, null for a field
that cannot be emptied, numbers beyond their declared bounds — each a 422 naming the field,
never a 500 (PostgreSQL cannot store NUL; NOT NULL and integer columns have limits)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from httpx import AsyncClient, Response
from pydantic import BaseModel

from masteryhub.contract import generate
from masteryhub.kit.patch import PatchModel
from masteryhub.kit.routing import AppRoute, require_app_routes
from masteryhub.main import API_PREFIX
from masteryhub.models.user import Role
from tests.applications.conftest import payload
from tests.cohorts.test_cohorts import COHORTS, create
from tests.factories import Factory

PROBLEM_JSON = "application/problem+json"


def assert_422(response: Response, *fields: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert {error["field"] for error in response.json()["errors"]} >= set(fields)


# --- NUL, in one place for every string input -------------------------------------------------


async def test_nul_in_a_query_parameter(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    response = await client.get(f"{API_PREFIX}/schools?q=a%00b", headers=admin.headers)
    assert_422(response, "q")
    assert "\x00" not in response.text and "U+0000" in response.text


async def test_nul_in_a_path_parameter(client: AsyncClient) -> None:
    assert_422(await client.get(f"{API_PREFIX}/references/abc%00def"), "token")


async def test_nul_anywhere_in_the_intake_json(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    form_tool = await factory.api_client(hub, ["applications:submit"])
    body = payload(applicant__first_name="Am\u0000ira", statement="ok\x00")
    body["criteria_evidence"] = {"collaboration": ["fine", "bad\u0000"]}
    response = await client.post(
        f"{API_PREFIX}/applications",
        json=body,
        headers=form_tool.headers | {"Idempotency-Key": "nul-1"},
    )
    assert_422(response, "applicant.first_name", "statement", "criteria_evidence.collaboration.1")


async def test_nul_in_a_form_field(client: AsyncClient) -> None:
    response = await client.post(
        f"{API_PREFIX}/auth/token",
        data={"grant_type": "password", "username": "a\x00@b.org", "password": "x" * 12},
    )
    assert_422(response, "username")


async def test_an_escaped_backslash_u0000_is_ordinary_text(
    client: AsyncClient, factory: Factory
) -> None:
    # The six characters \u0000 written in JSON as "\\u0000" are text, not a NUL.
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    hub = await factory.hub()
    current = await client.get(f"{API_PREFIX}/hubs/{hub.id}", headers=admin.headers)
    response = await client.patch(
        f"{API_PREFIX}/hubs/{hub.id}",
        content=b'{"name": "Hub \\\\u0000 North"}',
        headers=admin.headers
        | {"If-Match": current.headers["etag"], "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Hub \\u0000 North"


# --- null in a PATCH ---------------------------------------------------------------------------


async def test_null_for_a_field_that_cannot_be_emptied(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    hub = await factory.hub()
    url = f"{API_PREFIX}/hubs/{hub.id}"
    etag = (await client.get(url, headers=admin.headers)).headers["etag"]
    refused = await client.patch(
        url, json={"name": None}, headers=admin.headers | {"If-Match": etag}
    )
    assert_422(refused, "name")
    # A clearable field is cleared by null.
    cleared = await client.patch(
        url, json={"region": None}, headers=admin.headers | {"If-Match": etag}
    )
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["region"] is None

    lead = await factory.caller(Role.HUB_LEAD, hub)
    user_url = f"{API_PREFIX}/users/{lead.id}"
    etag = (await client.get(user_url, headers=admin.headers)).headers["etag"]
    response = await client.patch(
        user_url,
        json={"name": None, "role": None, "is_active": None},
        headers=admin.headers | {"If-Match": etag},
    )
    assert_422(response, "name", "role", "is_active")


def test_every_patch_body_is_a_patch_model_and_says_which_fields_take_null() -> None:
    document = generate()
    schemas = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        patch = operations.get("patch")
        if patch is None:
            continue
        ref = patch["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        properties = schemas[ref.rsplit("/", 1)[-1]]["properties"]
        assert properties, path
    assert schemas["HubUpdate"]["properties"]["name"]["type"] == "string"
    assert {"type": "null"} in schemas["HubUpdate"]["properties"]["region"]["anyOf"]


class Loose(BaseModel):
    name: str | None = None


class Strict(PatchModel):
    name: str | None = None


def test_a_patch_body_that_is_not_a_patch_model_fails_at_start_up() -> None:
    router = APIRouter(route_class=AppRoute)

    @router.patch("/loose", operation_id="loose")
    async def loose(data: Loose) -> dict[str, Any]:
        return {}

    with pytest.raises(TypeError, match="PatchModel"):
        require_app_routes(router)

    strict = APIRouter(route_class=AppRoute)

    @strict.patch("/strict", operation_id="strict")
    async def strict_patch(data: Strict) -> dict[str, Any]:
        return {}

    require_app_routes(strict)
    assert all(isinstance(r, APIRoute) for r in strict.routes)


# --- numeric bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"release_days": 1e30}, "release_days"),
        ({"release_days": 1e10}, "release_days"),
        ({"release_days": 366.5}, "release_days"),
        ({"release_days": 15, "day_rates_pence": {"default": 10**12}}, "day_rates_pence.default"),
        (
            {
                "release_days": 15,
                "grants": [{"code": "big", "description": "Big", "amount_pence": 10**19}],
            },
            "grants.0.amount_pence",
        ),
    ],
)
async def test_numbers_beyond_their_bounds(
    client: AsyncClient, factory: Factory, rule: dict[str, Any], field: str
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    cohort_id = (await create(client, admin)).json()["id"]
    url = f"{COHORTS}/{cohort_id}/year-rules/3"
    etag = (await client.get(url, headers=admin.headers)).headers["etag"]
    response = await client.put(url, json=rule, headers=admin.headers | {"If-Match": etag})
    assert_422(response, field)


def _unbounded(schema: dict[str, Any], schemas: dict[str, Any], seen: frozenset[str]) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _unbounded(schemas[name], schemas, seen | {name})
    found = []
    if schema.get("type") in ("integer", "number"):
        low = "minimum" in schema or "exclusiveMinimum" in schema
        high = "maximum" in schema or "exclusiveMaximum" in schema
        if not (low and high):
            found.append(str(schema.get("title", "number")))
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            found += _unbounded(option, schemas, seen)
    for value in schema.get("properties", {}).values():
        found += _unbounded(value, schemas, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _unbounded(schema[key], schemas, seen)
    return found


def test_every_numeric_input_declares_both_bounds() -> None:
    """Walks the contract: a number added later without bounds fails here."""
    document = generate()
    schemas = document["components"]["schemas"]
    unbounded = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            inputs = [p.get("schema", {}) for p in operation.get("parameters", [])]
            inputs += [
                content.get("schema", {})
                for content in operation.get("requestBody", {}).get("content", {}).values()
            ]
            for schema in inputs:
                names = _unbounded(schema, schemas, frozenset())
                unbounded += [f"{method.upper()} {path}: {name}" for name in names]
    assert unbounded == []


# --- dates and instants are read only in their documented form --------------------------------


async def test_numbers_are_not_read_as_dates_or_instants(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    cohort_id = (await create(client, admin)).json()["id"]
    body = {"title": "Residential", "starts_on": 0, "ends_on": "2020-01-02"}
    response = await client.post(
        f"{COHORTS}/{cohort_id}/residentials", json=body, headers=admin.headers
    )
    assert_422(response, "starts_on")
    listed = await client.get(f"{API_PREFIX}/hubs?updated_after=0.5", headers=admin.headers)
    assert_422(listed, "updated_after")


async def test_strings_and_numbers_are_not_read_as_booleans(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    cohort_id = (await create(client, admin)).json()["id"]
    for flag in ("yes", 0, "true"):
        body = {"title": "Residential", "starts_on": "2020-01-01", "ends_on": "2020-01-02"}
        response = await client.post(
            f"{COHORTS}/{cohort_id}/residentials",
            json=body | {"is_provisional": flag},
            headers=admin.headers,
        )
        assert_422(response, "is_provisional")
