"""The personal-data export writes an audit event, so it takes the write path every writer
takes: on SQLite it queues behind writers and begins BEGIN IMMEDIATE, rather than reading in
a deferred transaction that SQLite refuses to turn into a write ("database is locked")."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient

from masteryhub.auth.dependencies import SignedIn
from masteryhub.config import Settings
from masteryhub.db import DbSession
from masteryhub.kit import audit
from masteryhub.kit.routing import AppRoute
from masteryhub.main import API_PREFIX, create_app
from masteryhub.models.user import Role
from tests.factories import Factory

# Concurrent requests, the writer queue and a second app: real commits.
pytestmark = pytest.mark.real_commits

EXPORT = "/api/v1/people/export"


async def test_exports_interleaved_with_writes_all_succeed(
    client: AsyncClient, factory: Factory
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN, email="subject@example.org")

    async def export() -> int:
        response = await client.get(
            EXPORT, params={"email": "subject@example.org"}, headers=admin.headers
        )
        return response.status_code

    async def write(n: int) -> int:
        response = await client.post(
            f"{API_PREFIX}/hubs",
            json={"code": f"busy-{n}", "name": f"Busy Hub {n}"},
            headers=admin.headers,
        )
        return response.status_code

    statuses = await asyncio.gather(*(f for n in range(12) for f in (export(), write(n))))
    assert statuses == [200, 201] * 12


async def test_the_export_waits_in_the_writer_queue(
    app: FastAPI, client: AsyncClient, factory: Factory, settings: Settings
) -> None:
    if not settings.is_sqlite:
        pytest.skip("the writer queue serialises SQLite's writers")
    admin = await factory.caller(Role.NATIONAL_ADMIN, email="queued@example.org")
    queue = app.state.sqlite_writer_queue = (
        getattr(app.state, "sqlite_writer_queue", None) or asyncio.Lock()
    )
    async with queue:  # a writer is in
        export = asyncio.ensure_future(
            client.get(EXPORT, params={"email": "queued@example.org"}, headers=admin.headers)
        )
        await asyncio.sleep(0.3)
        assert not export.done()  # queued behind the writer, as a POST would be
    assert (await export).status_code == 200


async def test_a_get_that_audits_without_declaring_it_is_refused(
    settings: Settings, factory: Factory
) -> None:
    application = create_app(settings)
    router = APIRouter(prefix=API_PREFIX, route_class=AppRoute)

    @router.get("/test-only/sneaky-write", operation_id="test-sneaky-write")
    async def sneaky(session: DbSession, principal: SignedIn) -> dict[str, str]:
        audit.record_action(session, principal, "sneaky", entity_type="x", entity_id=None)
        return {}

    application.include_router(router)
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.get(f"{API_PREFIX}/test-only/sneaky-write", headers=admin.headers)
        assert response.status_code == 500  # a bug, caught by the first test that runs it
    finally:
        await application.state.engine.dispose()
