"""Prepared reads: the hot read path's statements, built once and run without the ORM layer.

Building a SQLAlchemy statement and running it through the session costs more CPU than the
database spends answering it (the expression tree is rebuilt, its cache key recomputed and the
ORM's execution hooks run on every request). A ``PreparedRead`` is built once, with every
value a named bind parameter, and runs on the session's connection: the compiled form is found
by the statement's memoised cache key and the rows come back typed by SQLAlchemy as usual.

The scoping every ORM query gets from kit.tenancy and kit.ownership is compiled in rather than
added per request, so a prepared read cannot skip it either:

- the statement is prepared for the whole country and for one hub, the latter with the same
  ``hub_id = :hub`` criteria on every HubScoped table (joins and subqueries included) that
  kit.tenancy adds; the session's hub scope picks the form and supplies the hub;
- given ``owned_by`` (the repository's ``Repository.owned_by``), a session that carries a
  specialist caller's own ids gets a form narrowed to them as well.

On PostgreSQL, a read outside a transaction (the reader sessions of GET requests run in
autocommit, see ``masteryhub.db.create_reader_sessionmaker``) goes straight to asyncpg on the
session's connection: the form is compiled once and its rows typed by the same SQLAlchemy
result processors (enums) — SQLAlchemy's execution path (its greenlet, cursor adaptation and
result metadata) cost more CPU than the rest of a small read. The answers are the same: the
report's, the ledgers' and the applications pages' tests compare the two paths byte for byte
(``tests.queries.through_sqlalchemy``), and ``tests/kit/test_prepared.py`` their rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.util import greenlet_spawn

from masteryhub.db import database_unavailable
from masteryhub.kit.ownership import session_own_specialists
from masteryhub.kit.tenancy import HUB_PARAMETER, hub_scoped, session_hub_scope

OWN_PARAMETER = "own_specialist_ids"

OwnedBy = Callable[[Any], ColumnElement[bool] | None]
Form = tuple[bool, bool]  # (narrowed to a hub?, narrowed to a specialist's own records?)
ReadRow = Mapping[str, Any]  # a prepared read's row: row["column"]
Rows = Sequence[ReadRow]


class DirectStatement:
    """A form compiled for asyncpg: the SQL text with its positional parameters, the bind
    processors SQLAlchemy would apply to the values and the result processors it would apply
    to the columns, read from SQLAlchemy's own compiled statement."""

    def __init__(self, compiled: SQLCompiler, dialect: Dialect) -> None:
        self._compiled = compiled
        self._dialect = dialect
        self.sql = compiled.string
        # Each positional parameter: the key a caller's value comes under, the value compiled
        # into the statement (a constant's), and SQLAlchemy's bind processor for its type.
        defaults = compiled.construct_params(_check=False)
        processors: Mapping[str, Callable[[Any], Any]] = compiled._bind_processors  # type: ignore[assignment]
        self._parameters = tuple(
            (compiled.binds[name].key, defaults[name], processors.get(name))
            for name in compiled.positiontup or ()
        )
        self.keys = tuple(column[0] for column in compiled._result_columns)
        # Set on the first run: some processors depend on the type the server answers with.
        self._processors: tuple[tuple[int, Callable[[Any], Any]], ...] | None = None

    def _result_processors(self, type_ids: Sequence[int]) -> None:
        columns = self._compiled._result_columns
        self._processors = tuple(
            (index, processor)
            for index, (column, type_id) in enumerate(zip(columns, type_ids, strict=True))
            if (processor := column[3]._cached_result_processor(self._dialect, type_id)) is not None
        )

    @classmethod
    def of(cls, statement: Select[*tuple[Any, ...]], dialect: Dialect) -> DirectStatement | None:
        """The statement compiled for asyncpg, or None where its SQL depends on the values
        (an expanding ``IN``, rendered per number of values): those run through SQLAlchemy."""
        compiled = statement.compile(dialect=dialect)
        if not isinstance(compiled, SQLCompiler) or any(
            parameter.expanding for parameter in compiled.binds.values()
        ):
            return None
        return cls(compiled, dialect)

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        """The positional parameters for ``values`` (what ``construct_params`` and the bind
        processors would give, without rebuilding every parameter's dict on each run)."""
        arguments = []
        for key, default, processor in self._parameters:
            value = values.get(key, default)
            arguments.append(value if processor is None else processor(value))
        return arguments

    async def rows(self, driver: Any, values: Mapping[str, Any]) -> Rows:
        """The rows for ``values``, read on ``driver`` (an asyncpg connection)."""
        if self._processors is None:
            prepared = await driver.prepare(self.sql)
            self._result_processors([a.type.oid for a in prepared.get_attributes()])
        records = await driver.fetch(self.sql, *self.arguments(values))
        keys, processors = self.keys, self._processors or ()
        if not processors:
            return [dict(zip(keys, record, strict=True)) for record in records]
        rows = []
        for record in records:
            values_ = list(record)
            for index, processor in processors:
                values_[index] = processor(values_[index])
            rows.append(dict(zip(keys, values_, strict=True)))
        return rows

    async def rows_on(self, connection: AsyncConnection, values: Mapping[str, Any]) -> Rows:
        """The rows, read on the connection a session holds."""
        sync = connection.sync_connection
        # The pooled connection in hand (read without a trip through SQLAlchemy's greenlet),
        # unless it was invalidated and has to be revalidated first.
        pooled = (
            sync.connection
            if sync is not None and not sync.invalidated
            else await connection.get_raw_connection()
        )
        try:
            return await self.rows(pooled.driver_connection, values)
        except Exception as exc:
            if database_unavailable(exc):
                # As SQLAlchemy does for a lost connection: the pool discards it rather than
                # hand it to the next request (which connects afresh). The request is a 503.
                await connection.invalidate(exc)
            raise

    async def rows_checked_out(self, engine: AsyncEngine, values: Mapping[str, Any]) -> Rows:
        """The rows, read on a connection taken from ``engine``'s pool for this statement
        only and given back at once: a reader's session that holds no connection need not
        open one (SQLAlchemy's session, transaction and connection objects cost several times
        a bare checkout), and a request never holds two pooled connections at once."""
        pooled = await engine.raw_connection()
        try:
            return await self.rows(pooled.driver_connection, values)
        except Exception as exc:
            if database_unavailable(exc):
                await greenlet_spawn(pooled.invalidate, exc)
            raise
        finally:
            if pooled.is_valid:
                # In the greenlet: a full pool closes the connection rather than keep it.
                await greenlet_spawn(pooled.close)


class PreparedRead:
    """One read statement in its scoped forms, run with the session's scope."""

    def __init__(
        self, statement: Select[*tuple[Any, ...]], *, owned_by: OwnedBy | None = None
    ) -> None:
        own = owned_by(bindparam(OWN_PARAMETER, expanding=True)) if owned_by else None
        self._forms: dict[Form, Select[*tuple[Any, ...]]] = {
            (False, False): statement,
            (True, False): hub_scoped(statement),
        }
        if own is not None:
            self._forms[False, True] = statement.where(own)
            self._forms[True, True] = hub_scoped(statement.where(own))
        self._direct: dict[Form, DirectStatement | None] = {}

    async def rows(self, session: AsyncSession, **values: Any) -> Rows:
        """The statement's rows for ``values`` (its bind parameters), in the session's scope
        and transaction, as mappings (``row["name"]``: several times quicker to read than a
        row's attributes). Pending ORM changes are flushed first, as a session query would."""
        sync = session.sync_session
        if sync.new or sync.dirty or sync.deleted:
            await session.flush()
        hub = session_hub_scope(sync)
        own = session_own_specialists(sync)
        narrowed = own is not None and (False, True) in self._forms
        if hub is not None:
            values[HUB_PARAMETER] = hub
        if narrowed:
            values[OWN_PARAMETER] = sorted(own or ())
        form = (hub is not None, narrowed)
        engine = _direct_engine(session) if sync.get_transaction() is None else None
        if engine is not None:
            direct = self.direct(form, engine.dialect)
            if direct is not None:
                return await direct.rows_checked_out(engine, values)
        connection = await _connection_of(session)
        if autocommit_asyncpg(connection):
            direct = self.direct(form, connection.dialect)
            if direct is not None:
                return await direct.rows_on(connection, values)
        result = await connection.execute(self._forms[form], values)
        # RowMappings, read by column name like the driver's rows.
        return cast(Rows, result.mappings().all())

    def direct(self, form: Form, dialect: Dialect) -> DirectStatement | None:
        """The form compiled for asyncpg (once), if it can run that way."""
        if form not in self._direct:
            self._direct[form] = DirectStatement.of(self._forms[form], dialect)
        return self._direct[form]


_HELD = "masteryhub_held_connection"


async def _connection_of(session: AsyncSession) -> AsyncConnection:
    """The session's connection, kept for the rest of its transaction: each call of
    ``AsyncSession.connection()`` is a trip through SQLAlchemy's greenlet, even for the
    connection it already holds."""
    transaction = session.sync_session.get_transaction()
    held = session.info.get(_HELD)
    if (
        held is not None
        and transaction is not None
        and held[0] is transaction
        and transaction.is_active
        and not held[1].invalidated
    ):
        connection: AsyncConnection = held[1]
        return connection
    connection = await session.connection()
    session.info[_HELD] = (session.sync_session.get_transaction(), connection)
    return connection


def _direct_engine(session: AsyncSession) -> AsyncEngine | None:
    """The reader's engine (autocommit on asyncpg) of a session, if it is one."""
    bind = session.bind
    if (
        isinstance(bind, AsyncEngine)
        and bind.dialect.driver == "asyncpg"
        and bind.sync_engine.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
    ):
        return bind
    return None


def autocommit_asyncpg(connection: AsyncConnection) -> bool:
    """Whether statements on ``connection`` run outside a transaction on asyncpg, so that one
    sent straight to the driver is in the same state as one sent through SQLAlchemy (inside a
    transaction, SQLAlchemy's adapter begins asyncpg's transaction on its first statement)."""
    return (
        connection.dialect.driver == "asyncpg"
        and connection.sync_connection is not None
        and connection.sync_connection.get_execution_options().get("isolation_level")
        == "AUTOCOMMIT"
    )
