"""GET requests' sessions (db.create_reader_sessionmaker): on PostgreSQL they read in
autocommit, with no BEGIN/COMMIT round trips, and a reader's session refuses to write; and a
pooled connection is pinged only after sitting idle (db.IDLE_PING_SECONDS), which still finds
a database restart before a request uses the dead connection."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from masteryhub import db
from masteryhub.config import Settings
from masteryhub.models.hub import Hub
from masteryhub.models.user import Role
from tests.factories import Factory
from tests.test_database_unavailable import _admin_token, _client_of, _Proxy

HUBS = "/api/v1/hubs"


async def test_a_readers_session_refuses_to_write(app: Any) -> None:
    async with app.state.reader_sessionmaker() as session:
        session.info[db.READER] = True
        session.add(Hub(code="nope", name="Never written"))
        with pytest.raises(RuntimeError, match="WritesOnRead"):
            await session.flush()


@pytest.mark.real_commits
async def test_get_reads_in_autocommit_on_postgresql(settings: Settings, factory: Factory) -> None:
    if make_url(settings.database_url).get_backend_name() != "postgresql":
        pytest.skip("autocommit readers are PostgreSQL's (SQLite keeps its transactions)")
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    await factory.hub(code="north", name="North Maths Hub")
    async with _client_of(settings) as (application, http):
        seen: list[tuple[str, bool]] = []

        @event.listens_for(application.state.engine.sync_engine, "before_cursor_execute")
        def _record(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            adapted = conn.connection.dbapi_connection
            # asyncpg's adapter holds the server transaction it began, if any.
            seen.append((statement.split()[0], adapted._transaction is not None))

        listed = await http.get(HUBS, headers=admin.headers)
        assert listed.status_code == 200, listed.text
        assert "North Maths Hub" in {hub["name"] for hub in listed.json()["items"]}
        assert seen and all(not in_transaction for _, in_transaction in seen), seen

        seen.clear()
        created = await http.post(
            HUBS, json={"code": "south", "name": "South Maths Hub"}, headers=admin.headers
        )
        assert created.status_code == 201, created.text
        # A writer still runs in one transaction (all or nothing).
        assert any(verb == "INSERT" and in_transaction for verb, in_transaction in seen), seen


@pytest.mark.real_commits
async def test_an_idle_connection_is_pinged_before_use(
    settings: Settings, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = make_url(settings.database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("a PostgreSQL server to restart (MASTERYHUB_TEST_DATABASE_URL)")
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    proxy = _Proxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    proxied = settings.model_copy(
        update={
            "database_url": url.set(host="127.0.0.1", port=proxy.port).render_as_string(
                hide_password=False
            )
        }
    )
    headers = _admin_token(proxied, admin.id)
    try:
        async with _client_of(proxied) as (_, http):
            assert (await http.get(HUBS, headers=headers)).status_code == 200
            # A restart while the pooled connection sat idle: it is dead, but the pool does not
            # know yet.
            await proxy.stop()
            await proxy.start()
            monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
            recovered = await http.get(HUBS, headers=headers)
            assert recovered.status_code == 200, recovered.text
    finally:
        if proxy.server is not None:
            await proxy.stop()
