"""Counting the SQL a request sends, for the query-count assertions on every list; and reading
through SQLAlchemy's execution rather than straight to the driver (kit.prepared)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event

SAVEPOINT_STATEMENTS = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


@contextmanager
def count_queries(app: FastAPI) -> Iterator[list[str]]:
    """Collects every statement the app's engine executes inside the block, less savepoints
    (each request's transaction is a SAVEPOINT inside the test's own: tests/conftest.py)."""
    statements: list[str] = []
    engine = app.state.engine.sync_engine

    def before_cursor_execute(*args: Any) -> None:
        if not args[2].startswith(SAVEPOINT_STATEMENTS):
            statements.append(args[2])

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)


@contextmanager
def through_sqlalchemy(app: FastAPI) -> Iterator[None]:
    """GET requests in the block read in a transaction, so their prepared reads run through
    SQLAlchemy's execution rather than straight to asyncpg (kit.prepared.DirectStatement): for
    comparing the two paths' answers in a ``real_commits`` test on PostgreSQL."""
    readers = app.state.reader_sessionmaker
    app.state.reader_sessionmaker = app.state.sessionmaker
    try:
        yield
    finally:
        app.state.reader_sessionmaker = readers
