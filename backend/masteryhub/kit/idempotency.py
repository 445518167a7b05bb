"""`Idempotency-Key` for POSTs (api.md): replay, reuse detection, in-flight refusal.

The first successful response is stored in the same transaction as the write it made, so a
replay can never report a write that was rolled back, and a write can never happen twice.
Keys are per caller and per route. A validation failure (422) or any other error is not
stored: the client may correct the request and retry with the same key.

In flight: a repeat that arrives while the first is still being handled is answered 409 at
once on PostgreSQL — by the process-local set below on the same replica, by a transaction-scoped
advisory lock on the key across replicas. On SQLite writers are serialised (BEGIN IMMEDIATE is
taken when the session opens, before the key is looked at), so a concurrent repeat waits for the
first to commit and then gets the replay. Either way the write happens once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select, text

from masteryhub.auth.dependencies import CurrentPrincipal
from masteryhub.db import DbSession, dialect_name
from masteryhub.errors import AppError, Conflict
from masteryhub.models.base import utcnow
from masteryhub.models.idempotency_record import IdempotencyRecord

REPLAY_HEADER = "Idempotent-Replayed"
TTL = timedelta(hours=24)
MAX_KEY_LENGTH = 255
_REPLAYED_HEADERS = ("location", "etag")
_in_flight: set[tuple[str, str, str]] = set()


class IdempotencyKeyReused(AppError):
    status = 422
    code = "idempotency_key_reused"
    title = "This Idempotency-Key was used with a different request"


class IdempotencyInFlight(Conflict):
    code = "idempotency_request_in_flight"
    title = "A request with this Idempotency-Key is still being processed"


class Replay(Exception):
    """Raised to answer with the stored response; rendered by ``replay_handler``."""

    def __init__(self, record: IdempotencyRecord) -> None:
        self.record = record


@dataclass
class IdempotencyContext:
    caller: str
    route: str
    key: str
    request_hash: str


def _canonical(body: bytes) -> bytes:
    # Canonical JSON when it parses, so key order and whitespace do not make a "different" body.
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        return body


async def _request_hash(request: Request) -> str:
    """Hash of what was sent and where to. The records are keyed by route template, so the
    target (path and query) is hashed too: the same key and body sent for another record (another
    specialist, another hub's entry) is a different request, never a replay of the first answer.

    A form (e.g. a file upload) has already been parsed by FastAPI, which consumes the body
    stream, so it is hashed field by field, files in chunks."""
    digest = hashlib.sha256()
    digest.update(request.url.path.encode() + b"?" + request.url.query.encode() + b"\0")
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        digest.update(_canonical(await request.body()))
        return digest.hexdigest()
    form = await request.form()  # cached by Starlette: no second parse
    for name, value in sorted(form.multi_items(), key=lambda item: item[0]):
        digest.update(name.encode() + b"\0")
        if isinstance(value, str):
            digest.update(value.encode() + b"\0")
            continue
        while chunk := await value.read(1 << 16):
            digest.update(chunk)
        await value.seek(0)
        digest.update(b"\0")
    return digest.hexdigest()


def _route_of(request: Request) -> str:
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    return f"{request.method} {path}"


def advisory_lock_name(caller: str, route: str, key: str) -> str:
    """The PostgreSQL advisory lock held while a request with this key is in flight, which
    answers a repeat on another replica (the in-process set cannot see it) with 409."""
    return "\x1f".join((caller, route, key))


KEY_DESCRIPTION = (
    "Unique per logical request (e.g. the form response id); repeats within 24 h replay the "
    "first response."
)


def idempotency(required: bool = False) -> Any:
    """The dependency for an idempotent POST. ``required``: the header is declared required in
    the contract, and a request without it is answered 400 ``idempotency_key_missing`` (the
    IETF Idempotency-Key draft's answer; see errors.py), before the endpoint runs."""

    async def optional_key(
        request: Request,
        session: DbSession,
        principal: CurrentPrincipal,
        idempotency_key: Annotated[
            str | None,
            Header(
                alias="Idempotency-Key",
                description=KEY_DESCRIPTION,
                min_length=1,
                max_length=MAX_KEY_LENGTH,
            ),
        ] = None,
    ) -> AsyncIterator[IdempotencyContext | None]:
        async with _idempotent(request, session, principal, idempotency_key) as context:
            yield context

    async def required_key(
        request: Request,
        session: DbSession,
        principal: CurrentPrincipal,
        idempotency_key: Annotated[
            str,
            Header(
                alias="Idempotency-Key",
                description=KEY_DESCRIPTION,
                min_length=1,
                max_length=MAX_KEY_LENGTH,
            ),
        ],
    ) -> AsyncIterator[IdempotencyContext | None]:
        async with _idempotent(request, session, principal, idempotency_key) as context:
            yield context

    return Depends(required_key if required else optional_key, scope="function")


@contextlib.asynccontextmanager
async def _idempotent(
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    idempotency_key: str | None,
) -> AsyncIterator[IdempotencyContext | None]:
    if not idempotency_key:
        yield None
        return
    context = IdempotencyContext(
        caller=principal.caller_key,
        route=_route_of(request),
        key=idempotency_key,
        request_hash=await _request_hash(request),
    )
    flight = (context.caller, context.route, context.key)
    if flight in _in_flight:
        raise IdempotencyInFlight("Wait for the first request to finish, then retry.")
    _in_flight.add(flight)
    try:
        if dialect_name(session) == "postgresql":
            locked = await session.scalar(
                text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"),
                {"k": advisory_lock_name(*flight)},
            )
            if not locked:
                raise IdempotencyInFlight("Wait for the first request to finish, then retry.")
        stored = await session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.caller == context.caller,
                IdempotencyRecord.route == context.route,
                IdempotencyRecord.key == context.key,
            )
        )
        if stored is not None and stored.expires_at > utcnow():
            if stored.request_hash != context.request_hash:
                raise IdempotencyKeyReused(
                    "Use a new Idempotency-Key for a different request (another body, "
                    "or another record)."
                )
            raise Replay(stored)
        if stored is not None:  # expired: the key may be used afresh
            await session.delete(stored)
            await session.flush()
        request.state.idempotency = context
        yield context
    finally:
        _in_flight.discard(flight)


async def store_response(request: Request, response: Response) -> None:
    """Called by the API route class after a successful handler, before the commit."""
    context: IdempotencyContext | None = getattr(request.state, "idempotency", None)
    if context is None or response.status_code >= 300:
        return
    # FastAPI serialises a returned model straight to a plain `Response`, so any response with
    # a JSON (or empty) body is stored, whatever its class.
    body = getattr(response, "body", None)
    media_type = response.headers.get("content-type", "")
    if not isinstance(body, bytes) or (body and not media_type.startswith("application/json")):
        raise TypeError(f"{context.route}: idempotent endpoints must answer with a JSON body")
    session = request.state.db_session
    session.add(
        IdempotencyRecord(
            caller=context.caller,
            route=context.route,
            key=context.key,
            request_hash=context.request_hash,
            status_code=response.status_code,
            response_body=json.loads(body) if body else None,
            response_headers={
                k: v for k, v in response.headers.items() if k.lower() in _REPLAYED_HEADERS
            },
            expires_at=utcnow() + TTL,
        )
    )
    await session.flush()


def replay_response(replay: Replay) -> Response:
    record = replay.record
    headers = dict(record.response_headers or {})
    headers[REPLAY_HEADER] = "true"
    if record.response_body is None:
        return Response(status_code=record.status_code, headers=headers)
    return JSONResponse(record.response_body, status_code=record.status_code, headers=headers)


# The one way an endpoint declares an idempotent POST: a parameter after its authorisation (so a
# refused caller is refused first):
#     _idempotency: Idempotency            # the header is optional
#     _idempotency: IdempotencyRequired    # the header is required (400 without it)
Idempotency = Annotated[IdempotencyContext | None, idempotency()]
IdempotencyRequired = Annotated[IdempotencyContext | None, idempotency(required=True)]
