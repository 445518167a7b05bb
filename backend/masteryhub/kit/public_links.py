"""The shared machinery of links emailed to people without a sign-in (a headteacher's
reference, their termly confirmation of release days): the token is the credential.

- ``new_token()``: 256 random bits for the email; only its SHA-256 (``hash_token``) is stored,
  so the database never holds a working link.
- ``throttle_per_address(bucket, rule)``: a dependency counting every call of the link's
  routes against the caller's address (enough for a person, not for guessing).
- ``claim_once(session, model, values, unique)``: insert a row unless one with the same unique
  key exists, and say whether this call inserted it. A chaser log or a termly request whose
  unique constraint is the claim: a second worker's insert waits for the first's transaction,
  then does nothing, so the same email never goes twice.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from fastapi import Request
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.db import dialect_name
from masteryhub.models.base import Entity


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """(the raw token for the email, its hash for the database)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def throttle_per_address(
    bucket: str, rule: str, detail: str = "Try again in a minute."
) -> Callable[[Request], Awaitable[None]]:
    async def throttle(request: Request) -> None:
        address = request.client.host if request.client else "unknown"
        await request.app.state.rate_limits.hit(rule, bucket, address, detail=detail)

    return throttle


async def claim_once(
    session: AsyncSession,
    model: type[Entity],
    values: Mapping[str, Any],
    unique: Sequence[str],
) -> bool:
    """Insert ``values`` as a row of ``model`` (its ``id`` given) unless the unique key
    ``unique`` is taken; True when this call inserted it."""
    insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
    table: Any = model.__table__
    claimed = await session.execute(
        insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(unique))
        .returning(table.c.id)
    )
    return claimed.scalar_one_or_none() is not None
