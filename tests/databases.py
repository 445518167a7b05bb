"""Fresh, empty databases on the test run's dialect, for tests that build a schema themselves
(migrations, readiness). The shared test database is never touched by them."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine


@contextmanager
def fresh_database(like_url: str) -> Iterator[str]:
    """A new empty database on the same server (or a new SQLite file), dropped afterwards."""
    url = make_url(like_url)
    if url.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory(prefix="masteryhub-fresh-") as directory:
            yield url.set(database=f"{directory}/fresh.sqlite3").render_as_string(
                hide_password=False
            )
        return
    name = f"masteryhub_fresh_{uuid.uuid4().hex[:10]}"
    admin = url.set(database="postgres").render_as_string(hide_password=False)

    async def execute(statement: str) -> None:
        engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(statement))
        await engine.dispose()

    asyncio.run(execute(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
