"""Refusals that hold for every string input of every operation, checked once per request by
the API's route class (kit/routing.py) before anything is parsed into a schema or reaches the
database.

NUL (U+0000): PostgreSQL cannot store it in text, and no person types it, so a NUL anywhere —
a path segment, a query parameter, a JSON string (or key), a form field — is a 422 naming the
field, on SQLite as on PostgreSQL. HTTP headers cannot carry it (the server refuses them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request

from masteryhub.errors import FieldError, ValidationFailed

NUL = "\x00"
NUL_MESSAGE = "Text cannot contain the NUL character (U+0000)."
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _json_nul_fields(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if NUL in value:
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                yield path or "body"  # the key itself is not echoed back
                continue
            yield from _json_nul_fields(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _json_nul_fields(item, f"{path}.{position}" if path else str(position))


async def _body_nul_fields(request: Request) -> Iterator[str]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        body = await request.body()  # cached: FastAPI reads the same bytes afterwards
        if b"\\u0000" not in body and b"\x00" not in body:
            return iter(())
        try:
            data = json.loads(body)
        except ValueError:
            return iter(())  # malformed: FastAPI answers it
        return _json_nul_fields(data, "")
    if content_type == "application/x-www-form-urlencoded":
        body = await request.body()
        fields = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
        return iter([name if NUL not in name else "body" for name, v in fields if NUL in name + v])
    if content_type == "multipart/form-data":
        try:
            form = await request.form()  # cached by Starlette for FastAPI
        except Exception:
            return iter(())  # malformed: FastAPI answers it
        return iter(
            [name for name, v in form.multi_items() if isinstance(v, str) and NUL in name + v]
        )
    return iter(())


async def refuse_nul(request: Request) -> None:
    """Raise a 422 listing every input field that contains a NUL character."""
    fields = [name for name, value in request.path_params.items() if NUL in str(value)]
    fields += [
        name if NUL not in name else "query"
        for name, value in request.query_params.multi_items()
        if NUL in name + value
    ]
    if request.method in _BODY_METHODS:
        fields += list(await _body_nul_fields(request))
    if fields:
        unique = list(dict.fromkeys(fields))
        raise ValidationFailed(
            f"{len(unique)} field(s) are not valid.",
            errors=[FieldError(field=name, message=NUL_MESSAGE) for name in unique],
        )
