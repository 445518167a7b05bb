"""ETags and `If-Match` for optimistic concurrency on single resources."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import Header, Response

from masteryhub.errors import PreconditionFailed
from masteryhub.models.base import Entity

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The `ETag` you last read; a stale one is answered 412.",
    ),
]


def etag_of(entity: Entity) -> str:
    digest = hashlib.sha256(f"{entity.id}:{entity.version}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def set_etag(response: Response, entity: Entity) -> None:
    response.headers["ETag"] = etag_of(entity)


def check_if_match(if_match: str | None, entity: Entity) -> None:
    """Refuse the write when the client's copy is stale. Absent `If-Match` means "any"."""
    if if_match is None:
        return
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in candidates:
        return
    if etag_of(entity) not in candidates:
        raise PreconditionFailed(
            "Someone else changed this since you read it. Reload it and apply your change again."
        )
