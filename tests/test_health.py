"""Liveness and readiness, as an orchestrator probing a replica sees them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from alembic import command
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from masteryhub.config import Settings
from masteryhub.main import create_app
from tests.conftest import alembic_config
from tests.databases import fresh_database


async def test_healthz_answers_while_the_process_is_up(client: AsyncClient) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_200_on_a_migrated_database(client: AsyncClient) -> None:
    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def fresh_url(database_url: str) -> Iterator[str]:
    with fresh_database(database_url) as url:
        yield url


@asynccontextmanager
async def _app_on(settings: Settings, url: str) -> AsyncIterator[AsyncClient]:
    application: FastAPI = create_app(settings.model_copy(update={"database_url": url}))
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        await application.state.engine.dispose()


async def test_readyz_is_503_until_the_database_is_at_head(
    settings: Settings, fresh_url: str
) -> None:
    config = alembic_config(fresh_url)
    async with _app_on(settings, fresh_url) as http:
        never_migrated = await http.get("/readyz")
        assert never_migrated.status_code == 503
        assert never_migrated.json() == {"status": "unavailable", "database": "migrations pending"}
        assert (await http.get("/healthz")).status_code == 200  # alive, just not ready

        # Alembic runs its own event loop, so it gets a thread of its own here.
        await asyncio.to_thread(command.upgrade, config, "head")
        assert (await http.get("/readyz")).status_code == 200

        await asyncio.to_thread(command.downgrade, config, "base")
        behind = await http.get("/readyz")
        assert behind.status_code == 503
        assert behind.json()["database"] == "migrations pending"


async def test_readyz_is_503_when_the_database_is_unreachable(
    settings: Settings, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        unreachable = "sqlite+aiosqlite:////nonexistent-directory/masteryhub.sqlite3"
    else:
        unreachable = "postgresql+asyncpg://postgres@127.0.0.1:1/masteryhub"
    async with _app_on(settings, unreachable) as http:
        response = await http.get("/readyz")

        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "unreachable"}
