"""Error conventions as a client sees them: problem+json, If-Match, 413, no leaks, request ids."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient
from pydantic import BaseModel, Field, ValidationError

from masteryhub.config import Settings
from masteryhub.errors import field_errors_from_pydantic
from masteryhub.kit.routing import AppRoute
from masteryhub.main import API_PREFIX, create_app
from masteryhub.models.user import Role
from tests.factories import Factory

PROBLEM_JSON = "application/problem+json"
LEAKY_MESSAGE = "SELECT password_hash FROM users WHERE email = 'secret@example.org'"


def _explode() -> None:
    raise RuntimeError(LEAKY_MESSAGE)


@pytest.fixture(scope="module")
async def buggy_app(app: FastAPI, settings: Settings) -> AsyncIterator[FastAPI]:
    """The real app plus one route with a bug in it (an unhandled exception)."""
    application = create_app(settings)
    router = APIRouter(prefix=API_PREFIX, route_class=AppRoute)

    @router.get("/test-only/explode", operation_id="test-explode")
    async def explode() -> dict[str, str]:
        _explode()
        return {}

    application.include_router(router)
    yield application
    await application.state.engine.dispose()


@pytest.fixture
async def buggy_client(buggy_app: FastAPI) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=buggy_app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


def assert_problem(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith(code) and body["title"]
    return body  # type: ignore[no-any-return]


# --- If-Match --------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", ["users", "hubs"])
async def test_stale_if_match_is_412_and_a_fresh_one_works(
    client: AsyncClient, factory: Factory, resource: str
) -> None:
    hub = await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    target = hub.id if resource == "hubs" else (await factory.user(Role.HUB_STAFF, hub)).id
    url = f"/api/v1/{resource}/{target}"

    read = await client.get(url, headers=admin.headers)
    assert read.status_code == 200
    first_etag = read.headers["etag"]

    # Someone else edits it (with the ETag they read: also fine).
    edit = await client.patch(
        url,
        json={"name": "Edited by someone else"},
        headers={**admin.headers, "If-Match": first_etag},
    )
    assert edit.status_code == 200
    second_etag = edit.headers["etag"]
    assert second_etag != first_etag

    stale = await client.patch(
        url, json={"name": "My stale edit"}, headers={**admin.headers, "If-Match": first_etag}
    )
    assert_problem(stale, 412, "precondition_failed")
    assert (await client.get(url, headers=admin.headers)).json()["name"] == "Edited by someone else"

    fresh = await client.patch(
        url, json={"name": "My fresh edit"}, headers={**admin.headers, "If-Match": second_etag}
    )
    assert fresh.status_code == 200
    assert fresh.json()["name"] == "My fresh edit"
    assert fresh.headers["etag"] not in {first_etag, second_etag}
    reread = await client.get(url, headers=admin.headers)
    assert reread.headers["etag"] == fresh.headers["etag"]


async def test_weak_and_listed_etags_match(client: AsyncClient, factory: Factory) -> None:
    hub = await factory.hub()
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    url = f"/api/v1/hubs/{hub.id}"
    etag = (await client.get(url, headers=admin.headers)).headers["etag"]

    listed = await client.patch(
        url, json={"region": "North West"}, headers={**admin.headers, "If-Match": f'"x", W/{etag}'}
    )

    assert listed.status_code == 200


# --- 413 -------------------------------------------------------------------------------------


async def test_body_over_one_mebibyte_is_413_with_content_length(
    client: AsyncClient, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD)
    body = json.dumps({"name": "x" * (1024 * 1024)}).encode()

    response = await client.post(
        "/api/v1/users",
        content=body,
        headers={**lead.headers, "Content-Type": "application/json"},
    )

    assert_problem(response, 413, "payload_too_large")


async def test_body_over_one_mebibyte_is_413_when_streamed(
    client: AsyncClient, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD)
    chunks_sent = 0

    async def chunked() -> AsyncIterator[bytes]:
        nonlocal chunks_sent
        for _ in range(40):  # 40 x 64 KiB = 2.5 MiB, no Content-Length
            chunks_sent += 1
            yield b" " * (64 * 1024)

    response = await client.post(
        "/api/v1/users",
        content=chunked(),
        headers={**lead.headers, "Content-Type": "application/json"},
    )

    assert "content-length" not in response.request.headers
    assert_problem(response, 413, "payload_too_large")


async def test_a_body_just_under_the_limit_is_read(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)
    body = json.dumps({"name": "x" * (1024 * 1024 - 100)}).encode()
    assert len(body) < 1024 * 1024

    response = await client.post(
        "/api/v1/users", content=body, headers={**lead.headers, "Content-Type": "application/json"}
    )

    # Parsed and validated (so not refused for its size).
    assert_problem(response, 422, "validation_failed")


# --- validation never echoes input -----------------------------------------------------------


async def test_validation_error_lists_fields_and_never_echoes_the_password(
    client: AsyncClient, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD)
    password = "Tr0ub4dor&3-very-secret-passphrase"

    response = await client.post(
        "/api/v1/users",
        json={"email": "not-an-email", "name": "", "role": "wizard", "password": password},
        headers=lead.headers,
    )

    body = assert_problem(response, 422, "validation_failed")
    fields = {error["field"] for error in body["errors"]}
    assert {"email", "name", "role"} <= fields
    assert password not in response.text
    assert "not-an-email" not in response.text
    assert "wizard" not in response.text
    assert all(set(error) == {"field", "message"} for error in body["errors"])


async def test_a_too_short_password_is_named_but_not_echoed(
    client: AsyncClient, factory: Factory
) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    response = await client.post(
        "/api/v1/me/password",
        json={"current_password": "correct horse battery staple", "new_password": "s3cr"},
        headers=lead.headers,
    )

    body = assert_problem(response, 422, "validation_failed")
    assert [error["field"] for error in body["errors"]] == ["new_password"]
    assert "s3cr" not in response.text


async def test_malformed_json_is_a_422_problem(client: AsyncClient, factory: Factory) -> None:
    lead = await factory.caller(Role.HUB_LEAD)

    response = await client.post(
        "/api/v1/users",
        content=b'{"email": "a@example.org", "password": "hunter2hunter2',
        headers={**lead.headers, "Content-Type": "application/json"},
    )

    assert_problem(response, 422, "validation_failed")
    assert "hunter2" not in response.text


# --- unhandled errors ------------------------------------------------------------------------


async def test_an_unhandled_exception_is_a_bare_500_problem(buggy_client: AsyncClient) -> None:
    response = await buggy_client.get(
        "/api/v1/test-only/explode", headers={"X-Request-ID": "support-ticket-42"}
    )

    body = assert_problem(response, 500, "internal_error")
    assert set(body) <= {"type", "title", "status", "detail", "code", "instance"}
    for leak in ("password_hash", "SELECT", "RuntimeError", "Traceback", "explode", ".py"):
        assert leak not in response.text, leak
    # The request id lets support find the logged traceback.
    assert response.headers["x-request-id"] == "support-ticket-42"


# --- every response --------------------------------------------------------------------------


async def test_every_problem_is_problem_json(client: AsyncClient, factory: Factory) -> None:
    staff = await factory.caller(Role.HUB_STAFF)
    problems = {
        401: await client.get("/api/v1/me"),
        403: await client.get("/api/v1/users", headers=staff.headers),
        404: await client.get(
            "/api/v1/hubs/00000000-0000-0000-0000-000000000000", headers=staff.headers
        ),
        405: await client.put("/api/v1/hubs", headers=staff.headers),
        422: await client.get("/api/v1/hubs?limit=0", headers=staff.headers),
    }
    unknown_path = await client.get("/api/v1/no-such-thing", headers=staff.headers)

    for status, response in problems.items():
        assert response.status_code == status
        assert response.headers["content-type"] == PROBLEM_JSON, status
        assert response.json()["status"] == status
    assert unknown_path.status_code == 404
    assert unknown_path.headers["content-type"] == PROBLEM_JSON
    assert problems[401].headers["www-authenticate"].startswith("Bearer")


async def test_every_response_carries_a_request_id(client: AsyncClient, factory: Factory) -> None:
    staff = await factory.caller(Role.HUB_STAFF)
    responses = [
        await client.get("/healthz"),
        await client.get("/api/v1/me", headers=staff.headers),
        await client.get("/api/v1/me"),
        await client.post("/api/v1/auth/token", data={"grant_type": "password"}),
    ]
    ids = [response.headers["x-request-id"] for response in responses]
    assert all(ids) and len(set(ids)) == len(ids)

    echoed = await client.get("/healthz", headers={"X-Request-ID": "form-tool.abc-123:7"})
    assert echoed.headers["x-request-id"] == "form-tool.abc-123:7"

    for insane in ("has spaces in it", "x" * 65, "<script>"):
        replaced = await client.get("/healthz", headers={"X-Request-ID": insane})
        assert replaced.headers["x-request-id"] not in {insane, ""}


def test_string_lengths_are_refused_in_sentences() -> None:
    class Answer(BaseModel):
        name: str = Field(min_length=1, max_length=5)
        code: str = Field(min_length=3)

    with pytest.raises(ValidationError) as short:
        Answer(name="", code="ab")
    with pytest.raises(ValidationError) as long:
        Answer(name="abcdef", code="abc")

    assert [(e.field, e.message) for e in field_errors_from_pydantic(short.value.errors())] == [
        ("name", "Enter an answer here."),
        ("code", "Enter at least 3 characters."),
    ]
    assert [(e.field, e.message) for e in field_errors_from_pydantic(long.value.errors())] == [
        ("name", "Enter no more than 5 characters.")
    ]
