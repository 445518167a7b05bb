"""ETags, `If-Match` and `If-None-Match` for optimistic concurrency on single resources."""

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

IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        description="`*` to create it only: answered 412 when it already exists.",
    ),
]

STALE = "Someone else changed this since you read it. Reload it and apply your change again."


def etag_of(entity: Entity) -> str:
    digest = hashlib.sha256(f"{entity.id}:{entity.version}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def set_etag(response: Response, entity: Entity) -> None:
    response.headers["ETag"] = etag_of(entity)


def check_if_match(if_match: str | None, entity: Entity) -> None:
    """Refuse the write when the client's copy is stale. Absent `If-Match` means "any"."""
    if if_match is None:
        return
    candidates = _tags(if_match)
    if "*" not in candidates and etag_of(entity) not in candidates:
        raise PreconditionFailed(STALE)


def check_if_none_match(
    if_none_match: str | None, entity: Entity | None, detail: str = STALE
) -> None:
    """Refuse a write made on the understanding that the resource is not there (`*`), or is
    not at one of the versions named, when it is (RFC 9110 §13.1.2). Absent: no condition."""
    if if_none_match is None or entity is None:
        return
    candidates = _tags(if_none_match)
    if "*" in candidates or etag_of(entity) in candidates:
        raise PreconditionFailed(detail)


def _tags(header: str) -> set[str]:
    """The entity tags a condition header names, weak ones compared as strong (`W/` dropped)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",")}
