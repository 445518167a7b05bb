"""One hierarchy of application errors, rendered as RFC 9457 problem details.

Every error a client can see has a stable machine ``code``; validation errors list every bad
field and never echo the submitted input; an unexpected exception is a bare 500 problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://masteryhub.test/problems/"


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `applicant.email`.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str | None = None
    code: str = Field(description="Stable machine-readable error code.")
    instance: str | None = None
    errors: list[FieldError] | None = None


class AppError(Exception):
    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    title: ClassVar[str] = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: Sequence[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = list(errors) if errors else None
        self.headers = headers or {}
        self.extra = extra or {}


class ValidationFailed(AppError):
    status = 422
    code = "validation_failed"
    title = "The request is not valid"


class BadRequest(AppError):
    status = 400
    code = "bad_request"
    title = "Bad request"


class InvalidCursor(AppError):
    status = 400
    code = "invalid_cursor"
    title = "The pagination cursor is not valid"


class NotAuthenticated(AppError):
    status = 401
    code = "not_authenticated"
    title = "Authentication required"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="masteryhub"'})


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    title = "You may not do this"


class NotFound(AppError):
    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(AppError):
    status = 409
    code = "conflict"
    title = "Conflict"


class InvalidTransition(Conflict):
    code = "invalid_transition"
    title = "That change of status is not allowed"


class AlreadyExists(Conflict):
    code = "already_exists"
    title = "It already exists"


class PreconditionFailed(AppError):
    status = 412
    code = "precondition_failed"
    title = "The resource has changed since you read it"


class PreconditionRequired(AppError):
    status = 428
    code = "precondition_required"
    title = "If-Match is required"


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"
    title = "The request body is too large"


class RateLimited(AppError):
    status = 429
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, retry_after: int, detail: str | None = None) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class ServiceBusy(AppError):
    status = 503
    code = "service_busy"
    title = "The service is busy"

    def __init__(self, retry_after: int, detail: str | None = None) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


def problem_response(
    status: int,
    code: str,
    title: str,
    *,
    detail: str | None = None,
    errors: Sequence[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    body = Problem(
        type=PROBLEM_TYPE_BASE + code,
        title=title,
        status=status,
        detail=detail,
        code=code,
        instance=instance,
        errors=list(errors) if errors else None,
    ).model_dump(exclude_none=True)
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _field_path(loc: Sequence[int | str]) -> str:
    # Drop the location prefix FastAPI adds ("body", "query", ...) for body fields only, so a
    # form tool sees "applicant.email"; query and header parameters keep their own name.
    parts = list(loc)
    if (parts and parts[0] == "body") or (
        parts and parts[0] in {"query", "path", "header", "cookie"}
    ):
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or "body"


# Pydantic's wording for these names types or lists enum values ("Input should be 'a', 'b'"):
# a person reads a sentence instead (style.md: no field names or codes in messages).
_PLAIN_MESSAGES = {
    "missing": "This field is required.",
    "enum": "Choose one of the options offered.",
    "literal_error": "Choose one of the options offered.",
    "float_parsing": "Enter a number.",
    "float_type": "Enter a number.",
    "int_parsing": "Enter a whole number.",
    "int_type": "Enter a whole number.",
    "int_from_float": "Enter a whole number.",
    "date_parsing": "Enter a real date.",
    "date_type": "Enter a real date.",
    "date_from_datetime_parsing": "Enter a real date.",
    "date_from_datetime_inexact": "Enter a date without a time.",
    "uuid_parsing": "Choose an item from the list: this one is not recognised.",
    "uuid_type": "Choose an item from the list: this one is not recognised.",
    "bool_parsing": "Answer yes or no.",
    "bool_type": "Answer yes or no.",
}


def _message(error: dict[str, Any]) -> str:
    # Pydantic's messages never include the input; we never add `input` or `ctx` either.
    msg = str(error.get("msg", "is not valid"))
    kind = str(error.get("type"))
    plain = _PLAIN_MESSAGES.get(kind)
    if plain is not None:
        return plain
    # "String should have at least 1 character": the limits are ours, said as a sentence.
    limits = error.get("ctx") or {}
    if kind == "string_too_short":
        least = int(limits.get("min_length", 1))
        return "Enter an answer here." if least <= 1 else f"Enter at least {least:,} characters."
    if kind == "string_too_long" and "max_length" in limits:
        return f"Enter no more than {int(limits['max_length']):,} characters."
    return msg.removeprefix("Value error, ")


def answers_to_correct(count: int) -> str:
    """A validation problem's detail, for people: the fields themselves are in `errors`."""
    return "1 answer needs correcting." if count == 1 else f"{count} answers need correcting."


def field_errors_from_pydantic(errors: Sequence[Any]) -> list[FieldError]:
    return [FieldError(field=_field_path(e.get("loc", ())), message=_message(e)) for e in errors]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (Starlette's 405 names only the first
    route's), for the `Allow` header of a 405."""
    allowed = []
    for method in _METHODS:
        scope = dict(request.scope, method=method)
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        detail = exc.detail
        if detail is None and isinstance(exc, ValidationFailed) and exc.errors:
            detail = answers_to_correct(len(exc.errors))
        return problem_response(
            exc.status,
            exc.code,
            exc.title,
            detail=detail,
            errors=exc.errors,
            headers=exc.headers,
            extra=exc.extra,
            instance=request.url.path,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(
            e.get("type") == "missing" and tuple(e.get("loc", ())) == ("header", "Idempotency-Key")
            for e in exc.errors()
        ):
            # A required Idempotency-Key that is missing is a 400 (the IETF draft's answer).
            return problem_response(
                400,
                "idempotency_key_missing",
                "This endpoint needs an Idempotency-Key header",
                detail="Send an Idempotency-Key header, e.g. the form response id.",
                errors=[FieldError(field="Idempotency-Key", message="This header is required.")],
                instance=request.url.path,
            )
        errors = field_errors_from_pydantic(exc.errors())
        return problem_response(
            422,
            ValidationFailed.code,
            ValidationFailed.title,
            detail=answers_to_correct(len(errors)),
            errors=errors,
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = HTTPStatus(exc.status_code)
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(
            exc.status_code, status.phrase.lower().replace(" ", "_").replace("-", "_")
        )
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(
            exc.status_code,
            code,
            status.phrase,
            detail=str(exc.detail) if exc.detail and exc.detail != status.phrase else None,
            headers=headers,
            instance=request.url.path,
        )

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        # Normally answered by RequestContextMiddleware (so the 500 carries the request id);
        # this is the last resort should anything outside it fail.
        from masteryhub.db import DATABASE_RETRY_AFTER_SECONDS, database_unavailable

        if database_unavailable(exc):
            return service_unavailable_response(DATABASE_RETRY_AFTER_SECONDS)
        return internal_error_response()


def internal_error_response() -> JSONResponse:
    """A bug's answer: a bare problem, nothing internal (the traceback is in the logs)."""
    return problem_response(
        500,
        "internal_error",
        "Internal server error",
        detail="Something went wrong on our side. It has been logged.",
    )


def service_unavailable_response(retry_after: int) -> JSONResponse:
    """The database cannot be reached just now (restarting, stopped, pool exhausted): a 503
    the client may retry after ``retry_after`` seconds, never a 500."""
    return problem_response(
        503,
        "service_unavailable",
        "Service unavailable",
        detail="The service cannot reach its database just now. Try again shortly.",
        headers={"Retry-After": str(retry_after)},
    )


def problem_responses(
    *statuses: int, errors: Sequence[type[AppError]] = ()
) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry declaring problem+json error bodies for an operation.

    ``errors`` declares the stable codes a client can branch on: each is listed under its
    status (added if not among ``statuses``) in the description and as a named example.
    """
    by_status: dict[int, list[type[AppError]]] = {status: [] for status in statuses}
    for error in errors:
        by_status.setdefault(error.status, []).append(error)
    described: dict[int | str, dict[str, Any]] = {}
    for status, declared in sorted(by_status.items()):
        content: dict[str, Any] = {"schema": {"$ref": "#/components/schemas/Problem"}}
        description = HTTPStatus(status).phrase
        if declared:
            description += ". `code`: " + ", ".join(f"`{e.code}` ({e.title})" for e in declared)
            content["examples"] = {
                e.code: {
                    "summary": e.title,
                    "value": {
                        "type": PROBLEM_TYPE_BASE + e.code,
                        "title": e.title,
                        "status": status,
                        "code": e.code,
                    },
                }
                for e in declared
            }
        described[status] = {
            "model": Problem,
            "description": description,
            "content": {PROBLEM_JSON: content},
        }
    return described
