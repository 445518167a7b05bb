"""Prepared reads (kit/prepared.py) keep the scoping every ORM query gets: the caller's hub
(kit.tenancy) and a specialist's own records (kit.ownership), compiled into the statement."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.kit.ownership import OwnedIds, scope_session_to_specialists
from masteryhub.kit.prepared import PreparedRead, autocommit_asyncpg
from masteryhub.kit.tenancy import scope_session_to_hub
from masteryhub.models.user import Role, User
from tests.factories import Factory


def _own_users(ids: OwnedIds) -> Any:
    return User.id.in_(ids)


EMAILS = select(User.email).where(User.role == bindparam("role")).order_by(User.email)
PREPARED = PreparedRead(EMAILS, owned_by=_own_users)


@pytest.fixture
async def arranged(factory: Factory) -> dict[str, User]:
    north, south = await factory.hub("north"), await factory.hub("south")
    return {
        "north": await factory.user(Role.HUB_STAFF, north, email="staff@north.example.org"),
        "north-2": await factory.user(Role.HUB_STAFF, north, email="other@north.example.org"),
        "south": await factory.user(Role.HUB_STAFF, south, email="staff@south.example.org"),
    }


async def _emails(app: FastAPI, arrange: Any) -> tuple[list[str], list[str]]:
    """The prepared read's answer and the same statement's answer through the session (where
    kit.tenancy's hook scopes it), in one scope."""
    async with app.state.sessionmaker() as session:
        arrange(session)
        prepared = [row["email"] for row in await PREPARED.rows(session, role=Role.HUB_STAFF)]
        plain = list((await session.scalars(EMAILS, {"role": Role.HUB_STAFF})).all())
        return prepared, plain


async def test_a_hub_sees_its_own_rows_only(app: FastAPI, arranged: dict[str, User]) -> None:
    def north(session: AsyncSession) -> None:
        scope_session_to_hub(session.sync_session, arranged["north"].hub_id)

    prepared, plain = await _emails(app, north)
    assert prepared == ["other@north.example.org", "staff@north.example.org"]
    assert prepared == plain


async def test_the_national_team_sees_every_hub(app: FastAPI, arranged: dict[str, User]) -> None:
    prepared, plain = await _emails(app, lambda session: None)
    assert prepared == [
        "other@north.example.org",
        "staff@north.example.org",
        "staff@south.example.org",
    ]
    assert prepared == plain


async def test_own_records_narrow_within_the_hub(app: FastAPI, arranged: dict[str, User]) -> None:
    def own(session: AsyncSession) -> None:
        scope_session_to_hub(session.sync_session, arranged["north"].hub_id)
        # Another hub's id among the own ids still shows nothing of that hub.
        ids = frozenset({arranged["north"].id, arranged["south"].id})
        scope_session_to_specialists(session.sync_session, ids)

    prepared, _ = await _emails(app, own)
    assert prepared == ["staff@north.example.org"]


async def test_no_own_records_shows_nothing(app: FastAPI, arranged: dict[str, User]) -> None:
    def nobody(session: AsyncSession) -> None:
        scope_session_to_hub(session.sync_session, arranged["north"].hub_id)
        scope_session_to_specialists(session.sync_session, frozenset())

    prepared, _ = await _emails(app, nobody)
    assert prepared == []


async def test_pending_changes_are_read(app: FastAPI, arranged: dict[str, User]) -> None:
    async with app.state.sessionmaker() as session:
        user = await session.get(User, arranged["south"].id)
        assert user is not None
        user.email = "renamed@south.example.org"
        rows = await PREPARED.rows(session, role=Role.HUB_STAFF)
        assert "renamed@south.example.org" in [row["email"] for row in rows]
        await session.rollback()


DETAILS = select(User.id, User.role, User.email, User.created_at).order_by(User.email)
DETAILED = PreparedRead(DETAILS, owned_by=_own_users)


@pytest.mark.real_commits  # a reader's own session, as deployed (not the test's transaction)
async def test_a_read_sent_straight_to_the_driver_is_typed_as_sqlalchemy_types_it(
    app: FastAPI, arranged: dict[str, User]
) -> None:
    """On PostgreSQL a reader's prepared read (autocommit) goes straight to asyncpg: its rows
    are the ones SQLAlchemy's execution gives, enums and UTC instants included."""
    if app.state.engine.dialect.name != "postgresql":
        pytest.skip("Reads go straight to the driver on PostgreSQL (asyncpg) only.")
    async with app.state.reader_sessionmaker() as session:
        scope_session_to_hub(session.sync_session, arranged["north"].hub_id)
        connection = await session.connection()
        assert autocommit_asyncpg(connection)
        assert DETAILED.direct((True, False), connection.dialect) is not None
        direct = await DETAILED.rows(session)
        through_sqlalchemy = await session.execute(DETAILS)
        assert [dict(row) for row in direct] == [dict(row) for row in through_sqlalchemy.mappings()]
        assert [row["role"] for row in direct] == [Role.HUB_STAFF, Role.HUB_STAFF]
        assert all(row["created_at"].tzinfo is not None for row in direct)


async def test_a_read_whose_sql_depends_on_its_values_runs_through_sqlalchemy(
    app: FastAPI, arranged: dict[str, User]
) -> None:
    """A specialist's own ids are an expanding IN, rendered per number of ids: that form is
    not prepared for the driver, and still reads the right rows."""
    async with app.state.reader_sessionmaker() as session:
        scope_session_to_hub(session.sync_session, arranged["north"].hub_id)
        scope_session_to_specialists(session.sync_session, frozenset({arranged["north"].id}))
        connection = await session.connection()
        assert DETAILED.direct((True, True), connection.dialect) is None
        rows = await DETAILED.rows(session)
        assert [row["email"] for row in rows] == ["staff@north.example.org"]


@pytest.mark.real_commits
async def test_a_reader_holding_no_connection_borrows_one_per_statement(
    app: FastAPI, arranged: dict[str, User]
) -> None:
    """A reader's session that has read nothing through SQLAlchemy takes a pooled connection
    for each direct read and gives it back at once: the session never opens a transaction, and
    no connection stays checked out (a request never holds two)."""
    if app.state.engine.dialect.name != "postgresql":
        pytest.skip("Reads go straight to the driver on PostgreSQL (asyncpg) only.")
    pool = app.state.engine.sync_engine.pool
    async with app.state.reader_sessionmaker() as session:
        scope_session_to_hub(session.sync_session, arranged["north"].hub_id)
        direct = await DETAILED.rows(session)
        assert session.sync_session.get_transaction() is None
        assert pool.checkedout() == 0
        through_sqlalchemy = await session.execute(DETAILS)
        assert [dict(row) for row in direct] == [dict(row) for row in through_sqlalchemy.mappings()]
        # Once the session holds a connection, its direct reads use that one.
        again = await DETAILED.rows(session)
        assert pool.checkedout() == 1
        assert again == direct
