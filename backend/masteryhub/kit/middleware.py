"""ASGI middleware: request ids and access logs, and the request body size limit."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Mapping

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from masteryhub.db import DATABASE_RETRY_AFTER_SECONDS, database_unavailable
from masteryhub.errors import (
    PROBLEM_JSON,
    PROBLEM_TYPE_BASE,
    internal_error_response,
    service_unavailable_response,
)
from masteryhub.kit.context import request_id_var

log = structlog.get_logger("masteryhub.http")
REQUEST_ID_HEADER = b"x-request-id"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestContextMiddleware:
    """Gives every request an id (the caller's `X-Request-ID` if sane), echoes it on the
    response, binds it to every log line, and logs one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(REQUEST_ID_HEADER, b"").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            unavailable = database_unavailable(exc)
            if unavailable:
                log.warning(
                    "request.database_unavailable",
                    method=scope["method"],
                    path=scope["path"],
                    error=f"{type(exc).__name__}: {exc}"[:300],
                )
            else:
                log.exception("request.failed", method=scope["method"], path=scope["path"])
            if response_started:
                raise
            # Answered here rather than by Starlette's outermost error middleware, so that the
            # bare 500 (or the 503) still carries the request id the failure was logged under.
            answer = (
                service_unavailable_response(DATABASE_RETRY_AFTER_SECONDS)
                if unavailable
                else internal_error_response()
            )
            await answer(scope, receive, send_with_id)
        finally:
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )
            structlog.contextvars.unbind_contextvars("request_id")
            request_id_var.reset(token)


class _BodyTooLarge(HTTPException):
    # An HTTPException so that FastAPI's body parsing passes it through (it turns any other
    # error while reading the body into a 400) and the problem handler renders it.
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Send at most {limit} bytes.")


class BodySizeLimitMiddleware:
    """Answers 413 for bodies over the limit, whether announced by Content-Length or streamed.
    Paths in ``overrides`` (e.g. the schools file import) get their own larger limit."""

    def __init__(self, app: ASGIApp, max_bytes: int, overrides: Mapping[str, int]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.overrides = dict(overrides)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.overrides.get(scope["path"].rstrip("/"), self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(send, limit)
            return
        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not response_started:
                await self._reject(send, limit)

    @staticmethod
    async def _reject(send: Send, limit: int) -> None:
        body = json.dumps(
            {
                "type": PROBLEM_TYPE_BASE + "payload_too_large",
                "title": "The request body is too large",
                "status": 413,
                "detail": f"Send at most {limit} bytes.",
                "code": "payload_too_large",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class ApiResponseHeadersMiddleware:
    """Every API response carries personal data or may: `Cache-Control: no-store` (unless the
    endpoint chose its own caching) and `X-Content-Type-Options: nosniff`, whatever serves it
    (nginx adds them only for the SPA)."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
