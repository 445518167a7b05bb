"""Answering a write: one place flushes and sets the headers a client relies on.

    await respond(session, response, hub, location=f"/api/v1/hubs/{hub.id}")
    return HubRead.model_validate(hub)

The flush comes first, so the row's version (and so the `ETag`) is the one being committed.
"""

from __future__ import annotations

from typing import TypeVar

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
