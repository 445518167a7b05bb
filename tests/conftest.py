"""Test harness: a real database built by `alembic upgrade head`, the ASGI app over httpx.

SQLite by default; set MASTERYHUB_TEST_DATABASE_URL to a PostgreSQL server URL (without a
database name, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432) to run the whole suite on a
fresh PostgreSQL database created for this run and dropped after it.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from masteryhub.config import Settings
from masteryhub.db import begin_write
from masteryhub.main import create_app
from masteryhub.models.base import Base
from tests.factories import Factory

ROOT = Path(__file__).resolve().parents[1]
TEST_SECRET = "k1:test-signing-key-one,k0:test-signing-key-previous"
# Reference data inserted by migrations (every database has it): kept between tests.
REFERENCE_TABLES = frozenset(
    {"programmes", "criteria", "programme_year_rules", "outcome_reasons", "early_warning_rules"}
)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    server = os.environ.get("MASTERYHUB_TEST_DATABASE_URL")
    if not server:
        with tempfile.TemporaryDirectory(prefix="masteryhub-test-") as directory:
            yield f"sqlite+aiosqlite:///{directory}/test.sqlite3"
        return
    name = f"masteryhub_test_{uuid.uuid4().hex[:10]}"
    admin_url = server.rstrip("/") + "/postgres"
    yield from _postgres_database(admin_url, server.rstrip("/") + f"/{name}", name)


def _postgres_database(admin_url: str, url: str, name: str) -> Iterator[str]:
    import asyncio

    from sqlalchemy.ext.asyncio import create_async_engine

    async def execute(statement: str) -> None:
        engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(statement))
        await engine.dispose()

    asyncio.run(execute(f'CREATE DATABASE "{name}"'))
    try:
        yield url
    finally:
        asyncio.run(execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        secret_key=TEST_SECRET,  # type: ignore[arg-type]
        base_url="http://testserver",
        spa_dir=None,  # hermetic: a built frontend/dist must not change what tests see
        login_attempts_per_account_address="5/15 minutes",
        login_attempts_per_account="12/15 minutes",
        login_attempts_per_ip="1000/15 minutes",
        password_reset_per_ip="1000/hour",
    )


@pytest.fixture(scope="session")
def migrated(database_url: str, settings: Settings) -> str:
    command.upgrade(alembic_config(database_url), "head")
    return database_url


@pytest.fixture(scope="session")
async def app(migrated: str, settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    yield application
    await application.state.engine.dispose()


@pytest.fixture(autouse=True)
async def _isolated_database(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Each test that uses the app runs inside one transaction, rolled back when it ends.

    Every session the app and the test open (``app.state.sessionmaker``: requests, factories,
    the mail dispatcher, background tasks) is bound to one connection whose outer transaction
    began here; their commits release a SAVEPOINT instead of committing, and their rollbacks
    roll back to it, so a request still keeps or loses its writes as a whole. Nothing reaches
    the database file, so no table needs emptying afterwards.

    A test that needs real commits — concurrent requests or workers, a second app or process on
    the same database, SKIP LOCKED, advisory locks between transactions — is marked
    ``@pytest.mark.real_commits``: it runs on the real engine and every table is emptied after it.
    """
    if "app" not in request.fixturenames:
        yield
        return
    application: FastAPI = request.getfixturevalue("app")
    if request.node.get_closest_marker("real_commits") is not None:
        try:
            yield
        finally:
            await application.state.rate_limits.reset()
            await _empty_tables(application.state.engine)
        return
    shared = application.state.sessionmaker
    async with application.state.engine.connect() as connection:
        outer = await connection.begin()
        application.state.sessionmaker = async_sessionmaker(
            **{**shared.kw, "bind": connection, "join_transaction_mode": "create_savepoint"}
        )
        # GET requests too (in production they read in autocommit on PostgreSQL: see
        # db.create_reader_sessionmaker and tests/test_reader_sessions.py).
        readers = application.state.reader_sessionmaker
        application.state.reader_sessionmaker = application.state.sessionmaker
        try:
            yield
        finally:
            application.state.sessionmaker = shared
            application.state.reader_sessionmaker = readers
            await outer.rollback()
            await application.state.rate_limits.reset()


async def _empty_tables(engine: AsyncEngine) -> None:
    tables = [
        t.name for t in reversed(Base.metadata.sorted_tables) if t.name not in REFERENCE_TABLES
    ]
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        else:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def session(app: FastAPI) -> AsyncIterator[AsyncSession]:
    """A session for arranging data directly; commits (releases its savepoint) when the
    test's block ends."""
    async with app.state.sessionmaker() as db:
        await begin_write(db)
        yield db
        await db.commit()


@pytest.fixture
def factory(app: FastAPI, client: AsyncClient) -> Factory:
    return Factory(app, client)
