"""Engine, the one-session-per-request dependency, and SQLite's connection settings.

Services only ``flush()``; the request's session commits when the endpoint returns and rolls
back when it raises, so a request's writes (business rows, audit events, idempotency records,
queued emails) land together or not at all.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Annotated, Any

import asyncpg  # type: ignore[import-untyped]
import orjson
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from masteryhub.config import Settings
from masteryhub.kit.cancellation import to_completion

SQLITE_BUSY_TIMEOUT_MS = 30_000
# On SQLite, a request that writes takes the write lock when its transaction begins
# (BEGIN IMMEDIATE): writers queue one after another instead of failing mid-transaction with
# "database is locked", and read-then-write rules (ledger caps, reference counters) are
# serialised. PostgreSQL gets row locks instead (see the services).
IMMEDIATE = "masteryhub_begin_immediate"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READER = "masteryhub_reader"
# A pooled connection idle for longer than this is pinged before it is handed out (a database
# restart is found before a request uses the dead connection); one in steady use is not: under
# load a ping on every checkout cost three round trips a request (asyncpg pings inside its own
# BEGIN/ROLLBACK). A connection that dies while in use fails that request with a 503 and
# invalidates the pool, so the next request connects afresh.
IDLE_PING_SECONDS = 1.0
_IDLE_SINCE = "masteryhub_idle_since"
# Seconds a client is asked to wait when the database cannot be reached (503).
DATABASE_RETRY_AFTER_SECONDS = 5
# asyncpg's errors for a server that is gone, stopping, starting or full (SQLSTATE 08, 57P).
_ASYNCPG_UNAVAILABLE: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.ConnectionFailureError,
)
_SQLITE_UNAVAILABLE = ("database is locked", "unable to open database file", "disk i/o error")


def create_engine(settings: Settings, **kwargs: Any) -> AsyncEngine:
    if settings.is_sqlite:
        engine = create_async_engine(
            settings.database_url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            json_deserializer=orjson.loads,
            pool_size=20,
            max_overflow=20,
            **kwargs,
        )
        _configure_sqlite(engine)
        return engine
    engine = create_async_engine(
        settings.database_url,
        pool_size=10,
        max_overflow=20,
        # JSON columns (screening flags, evidence) read with orjson: several per row of a list.
        json_deserializer=orjson.loads,
        **kwargs,
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: AsyncEngine) -> None:
    """``pool_pre_ping``, for connections that sat idle in the pool (see IDLE_PING_SECONDS)."""

    @event.listens_for(engine.sync_engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine.pool, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_SECONDS:
            return
        try:
            dbapi_connection.ping()
        except Exception as exc:
            # The pool replaces the connection and tries again.
            raise sa_exc.DisconnectionError(f"{type(exc).__name__}: {exc}") from exc


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling is broken for
        # SAVEPOINT and for choosing IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def create_reader_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """The sessions of requests that only read (see ``is_writer``).

    On PostgreSQL they read in autocommit: no ``BEGIN`` and ``COMMIT``, two round trips fewer
    on every GET. Nothing is lost: under READ COMMITTED (PostgreSQL's default, used here) each
    statement of a transaction takes its own snapshot anyway, and a reader's session refuses to
    write (``_readers_do_not_write``), so there is nothing to commit or roll back. SQLite keeps
    its deferred transactions (its readers see one snapshot, and share the writers' file lock).
    """
    if engine.dialect.name != "postgresql":
        return create_sessionmaker(engine)
    return create_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))


@event.listens_for(Session, "before_flush")
def _readers_do_not_write(session: Session, _context: Any, _instances: Any) -> None:
    # A reader's session has no transaction to make its writes all-or-nothing (on PostgreSQL
    # it runs in autocommit), and on SQLite it cannot take the write lock safely under load.
    if session.info.get(READER) and (
        session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    ):
        raise RuntimeError("This route writes: declare it with dependencies=[WritesOnRead]")


async def begin_write(session: AsyncSession) -> None:
    """Start the session's transaction as a writer (BEGIN IMMEDIATE on SQLite)."""
    if not session.in_transaction() and dialect_name(session) == "sqlite":
        await session.connection(execution_options={IMMEDIATE: True})


def dialect_name(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def writes_on_read() -> None:
    """Declares that a GET writes (an audited read, e.g. the personal-data export):
    ``@router.get(..., dependencies=[WritesOnRead])``. Its session then takes the write path
    every POST/PATCH/PUT/DELETE takes (the writer queue and BEGIN IMMEDIATE on SQLite), instead
    of reading in a deferred transaction that SQLite cannot upgrade to a write while another
    writer is in ("database is locked")."""


WritesOnRead = Depends(writes_on_read)


def is_writer(request: Request) -> bool:
    if request.method not in SAFE_METHODS:
        return True
    dependant = getattr(request.scope.get("route"), "dependant", None)
    return dependant is not None and any(
        dependency.call is writes_on_read for dependency in dependant.dependencies
    )


def _writer_queue(request: Request) -> asyncio.Lock | None:
    """On SQLite, a process-wide FIFO queue for writing requests.

    SQLite lets one writer in at a time and makes the others poll (busy_timeout) with growing
    sleeps, which is unfair: under a burst of concurrent writes some requests starve past the
    timeout ("database is locked"). Queueing them here first makes the wait fair and cheap.
    """
    if not request.app.state.settings.is_sqlite:
        return None
    lock: asyncio.Lock | None = getattr(request.app.state, "sqlite_writer_queue", None)
    if lock is None:
        lock = request.app.state.sqlite_writer_queue = asyncio.Lock()
    return lock


async def get_session(request: Request) -> AsyncSession:
    """The request's session: a writer's (after its turn in the SQLite writer queue) or a
    reader's. The API's route class (kit.routing.AppRoute) ends it with ``end_session`` once
    the response is ready — committed before the response is sent, so a failed commit is
    never a 2xx — or rolled back when the request fails. (A plain function rather than a
    dependency with ``yield``: FastAPI's exit stack for those costs more than the rest of a
    small read.)"""
    writer = is_writer(request)
    queue = _writer_queue(request) if writer else None
    if queue is not None:
        await queue.acquire()
        request.state.db_writer_queue = queue
    sessionmaker: async_sessionmaker[AsyncSession] = (
        request.app.state.sessionmaker if writer else request.app.state.reader_sessionmaker
    )
    session = sessionmaker()
    request.state.db_session = session
    # kit/audit.py refuses to write an audit event on a reader's session (see WritesOnRead).
    session.info[READER] = not writer
    if writer:
        await begin_write(session)
    return session


async def end_session(request: Request, *, commit: bool) -> None:
    """Commit (or roll back) and close the request's session, if it opened one, and give up
    its place in the writer queue."""
    session: AsyncSession | None = getattr(request.state, "db_session", None)
    queue: asyncio.Lock | None = getattr(request.state, "db_writer_queue", None)
    request.state.db_session = request.state.db_writer_queue = None
    if (
        session is not None
        and session.info.get(READER)
        and session.sync_session.get_transaction() is None
    ):
        # Nothing to commit or give back (a reader whose reads went straight to the driver,
        # kit.prepared, never took a connection through its session): closed without a trip
        # through SQLAlchemy's greenlet.
        session.sync_session.close()
        return
    # To its end even if the request is cancelled: the transaction ends and the connection
    # (on SQLite, the write lock) goes back.
    await to_completion(_end(session, queue, commit=commit))


async def _end(session: AsyncSession | None, queue: asyncio.Lock | None, *, commit: bool) -> None:
    try:
        if session is not None:
            try:
                # A reader's session has nothing to commit (it refuses to write). Closing a
                # session rolls back whatever it has not committed.
                if commit and not session.info.get(READER):
                    await session.commit()
            finally:
                await session.close()
    finally:
        if queue is not None:
            queue.release()


DbSession = Annotated[AsyncSession, Depends(get_session)]


def database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the database cannot be reached just now —
    refused or dropped connections, a server shutting down or starting up, an exhausted pool,
    a locked SQLite file — rather than a bug. Answered 503 with Retry-After (kit/middleware.py).
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sa_exc.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, (ConnectionError, sa_exc.TimeoutError, *_ASYNCPG_UNAVAILABLE)):
            return True
        if isinstance(current, sqlite3.OperationalError) and str(current).lower().startswith(
            _SQLITE_UNAVAILABLE
        ):
            return True
        if isinstance(current, sa_exc.InterfaceError) and "connection" in str(current).lower():
            return True
        orig = getattr(current, "orig", None)
        current = (
            orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
        )
    return False
