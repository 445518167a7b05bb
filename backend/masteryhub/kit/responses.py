"""Answering: one place flushes a write and sets the headers a client relies on, and one
serialises a hot read once.

    await respond(session, response, hub, location=f"/api/v1/hubs/{hub.id}")
    return HubRead.model_validate(hub)

The flush comes first, so the row's version (and so the `ETag`) is the one being committed.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

import orjson
from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.kit.etags import set_etag
from masteryhub.models.base import Entity

EntityT = TypeVar("EntityT", bound=Entity)


async def respond(
    session: AsyncSession,
    response: Response,
    entity: EntityT,
    *,
    location: str | None = None,
    etag: bool = True,
) -> EntityT:
    """Flush the write, then set ``ETag`` (unless ``etag`` is False) and ``Location``."""
    await session.flush()
    if etag:
        set_etag(response, entity)
    if location is not None:
        response.headers["Location"] = location
    return entity


def _json_default(value: Any) -> Any:
    # asyncpg's own UUID type (a uuid.UUID subclass orjson does not take as one).
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def serialised(content: Any) -> Response:
    """``content`` — plain data built field by field for the route's declared response model
    (the contract) — serialised once with orjson, skipping a re-validation of data typed by
    construction (the route's tests validate what it sends against the model). Instants are
    written as pydantic writes them (UTC with ``Z``)."""
    body = orjson.dumps(content, default=_json_default, option=orjson.OPT_UTC_Z)
    return Response(body, media_type="application/json")
