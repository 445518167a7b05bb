"""Keyset pagination with opaque, signed cursors and RFC 8288 `Link` headers.

A cursor holds the sort-key values of the last row served, signed with the service key so a
client cannot forge or edit one (a tampered cursor is a 400). Walking a list while rows are
inserted never repeats or skips a row, because each page starts strictly after the last key.
Descending, "after" means smaller keys: a row inserted during the walk sorts before the
cursor (ids and timestamps only grow), so it is never served and never shifts a page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import BindParameter, Integer, Select, and_, bindparam, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from masteryhub.config import Settings
from masteryhub.domain.fields import Instant
from masteryhub.errors import InvalidCursor
from masteryhub.kit.prepared import PreparedRead, ReadRow
from masteryhub.kit.responses import serialised

T = TypeVar("T")
R = TypeVar("R")
ItemT = TypeVar("ItemT")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class Sort:
    """A list's sort as a client asks for it: `name` ascending, `-name` descending."""

    key: str
    order: SortOrder

    @classmethod
    def parse(cls, value: str) -> Sort:
        if value.startswith("-"):
            return cls(value[1:], SortOrder.DESC)
        return cls(value, SortOrder.ASC)


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None
    updated_after: datetime | None
    request: Request
    response: Response
    settings: Settings


async def page_params(
    request: Request,
    response: Response,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1–200.")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(description="Opaque cursor from the previous page's `next_cursor`.")
    ] = None,
    updated_after: Annotated[
        Instant | None,
        Query(description="Only rows changed after this instant (RFC 3339), for incremental sync."),
    ] = None,
) -> PageParams:
    return PageParams(limit, cursor, updated_after, request, response, request.app.state.settings)


Pagination = Annotated[PageParams, Depends(page_params)]


def page_response(
    params: PageParams, items: list[dict[str, Any]], next_cursor: str | None
) -> Response:
    """A page of plain items serialised once (kit.responses.serialised), for a hot list whose
    items are built field by field for its declared ``Page[...]`` response model."""
    response = serialised({"items": items, "next_cursor": next_cursor})
    # Headers set on the request's response (the `Link` to the next page) go with it.
    for name, value in params.response.raw_headers:
        if name not in (b"content-length", b"content-type"):
            response.raw_headers.append((name, value))
    return response


def next_page_url(params: PageParams, cursor: str) -> str:
    """The next page's URL on the configured public base URL — never the request's `Host`
    header, which a client chooses (and a proxy may pass through)."""
    # As Starlette's URL.include_query_params writes it, from the request's scope (without
    # building the request's whole URL first).
    scope = params.request.scope
    path = scope["path"].replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
    received = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    query = urlencode([*((k, v) for k, v in received if k != "cursor"), ("cursor", cursor)])
    return f"{params.settings.base_url.rstrip('/')}{path}?{query}"


def _encode_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return {"u": str(value)}
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "u" in value:
            return uuid.UUID(value["u"])
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return date.fromisoformat(value["d"])
    return value


def _signature(settings: Settings, payload: bytes, descending: bool, sort_key: str) -> bytes:
    # The direction and the sort are signed too, so a cursor from one order is refused by
    # another (its keys would otherwise silently select the wrong rows). Cursors of a list's
    # default ascending order are unchanged.
    key = next(iter(settings.signing_keys.values())).encode()
    domain = b"cursor:desc:" if descending else b"cursor:"
    if sort_key:
        domain += sort_key.encode() + b":"
    return hmac.new(key, domain + payload, hashlib.sha256).digest()[:16]


def encode_cursor(
    settings: Settings, values: Sequence[Any], *, descending: bool = False, sort_key: str = ""
) -> str:
    payload = json.dumps([_encode_value(v) for v in values], separators=(",", ":")).encode()
    token = payload + _signature(settings, payload, descending, sort_key)
    return base64.urlsafe_b64encode(token).decode().rstrip("=")


def decode_cursor(
    settings: Settings,
    cursor: str,
    width: int,
    *,
    descending: bool = False,
    sort_key: str = "",
) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload, signature = raw[:-16], raw[-16:]
        expected = _signature(settings, payload, descending, sort_key)
        if not hmac.compare_digest(signature, expected):
            raise ValueError("bad signature")
        values = [_decode_value(v) for v in json.loads(payload)]
        if len(values) != width:
            raise ValueError("wrong width")
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InvalidCursor("Start again from the first page.") from exc
    return values


def _after(
    columns: Sequence[InstrumentedAttribute[Any]], values: Sequence[Any], descending: bool
) -> Any:
    # (a, b, c) > (x, y, z) spelled out (< when descending), which every database plans as an
    # index range; descending scans the same index backwards.
    clauses = []
    for i, column in enumerate(columns):
        equal_prefix = [columns[j] == values[j] for j in range(i)]
        beyond = column < values[i] if descending else column > values[i]
        clauses.append(and_(*equal_prefix, beyond))
    return or_(*clauses)


async def paginate(
    session: AsyncSession,
    statement: Select[T],
    params: PageParams,
    *,
    order_by: Sequence[InstrumentedAttribute[Any]],
    updated_at: InstrumentedAttribute[Any] | None = None,
    order: SortOrder = SortOrder.ASC,
    sort_key: str = "",
) -> tuple[list[T], str | None]:
    """One page of ``statement`` in ``order_by`` order (the last key must be unique), every
    key ascending or, with ``order=DESC``, every key descending. ``sort_key`` names a list's
    non-default sort, so its cursors only work with that sort.

    With ``updated_after`` the list is ordered by (updated_at, id) instead, so an integrator
    can sync incrementally and resume from the last cursor.
    """
    descending = order is SortOrder.DESC
    if params.updated_after is not None and updated_at is not None:
        statement = statement.where(updated_at > params.updated_after)
        order_by = [updated_at, order_by[-1]]
    if params.cursor:
        values = decode_cursor(
            params.settings, params.cursor, len(order_by), descending=descending, sort_key=sort_key
        )
        statement = statement.where(_after(order_by, values, descending))
    sort = [column.desc() for column in order_by] if descending else list(order_by)
    result = await session.execute(statement.order_by(*sort).limit(params.limit + 1))
    # An entity (with joined eager loads: unique()), or rows of columns (read as they come).
    rows: list[Any] = list(
        result.scalars().unique() if len(statement.column_descriptions) == 1 else result.all()
    )
    return _page_of(
        rows, params, lambda last: [getattr(last, c.key) for c in order_by], descending, sort_key
    )


def _page_of(
    rows: Sequence[R],
    params: PageParams,
    keys_of: Callable[[R], list[Any]],
    descending: bool,
    sort_key: str,
) -> tuple[list[R], str | None]:
    """The page from up to ``limit + 1`` rows, and the next page's cursor (also sent as the
    `Link` header) when there is a next page."""
    if len(rows) <= params.limit:
        return list(rows), None
    page = list(rows[: params.limit])
    next_cursor = encode_cursor(
        params.settings, keys_of(page[-1]), descending=descending, sort_key=sort_key
    )
    params.response.headers["Link"] = f'<{next_page_url(params, next_cursor)}>; rel="next"'
    return page, next_cursor


def keyset_page(
    statement: Select[Any],
    order_by: Sequence[InstrumentedAttribute[Any]],
    *,
    descending: bool,
    after: bool,
    updated_at: InstrumentedAttribute[Any] | None = None,
) -> Select[Any]:
    """``statement`` as one keyset page, as ``paginate`` pages it, with the page's values as
    bind parameters, for a list prepared once per shape (kit.prepared): the cursor's keys
    (``after_0``, ``after_1``, …) when ``after``, ``updated_after`` when ``updated_at`` is given
    (then ordered by it and the last key), and ``page_size``."""
    if updated_at is not None:
        statement = statement.where(updated_at > bindparam("updated_after"))
        order_by = [updated_at, order_by[-1]]
    if after:
        after_keys: list[BindParameter[Any]] = [
            bindparam(f"after_{i}") for i in range(len(order_by))
        ]
        statement = statement.where(_after(order_by, after_keys, descending))
    sort = [column.desc() for column in order_by] if descending else list(order_by)
    return statement.order_by(*sort).limit(bindparam("page_size", type_=Integer))


async def prepared_page(
    session: AsyncSession,
    prepare: Callable[[bool, bool], PreparedRead],
    values: dict[str, Any],
    params: PageParams,
    *,
    order_by: Sequence[InstrumentedAttribute[Any]],
    updated_at: InstrumentedAttribute[Any],
    order: SortOrder = SortOrder.ASC,
    sort_key: str = "",
) -> tuple[list[ReadRow], str | None]:
    """``paginate`` for a list prepared once per shape: ``prepare(after, since)`` gives the
    ``keyset_page`` of the list's filters (``values`` fill them), with or without a cursor
    and ``updated_after``. The same pages, cursors and ``Link`` as ``paginate``."""
    descending = order is SortOrder.DESC
    since = params.updated_after is not None
    if since:
        values["updated_after"] = params.updated_after
        order_by = [updated_at, order_by[-1]]
    if params.cursor:
        decoded = decode_cursor(
            params.settings, params.cursor, len(order_by), descending=descending, sort_key=sort_key
        )
        values.update({f"after_{i}": key for i, key in enumerate(decoded)})
    rows = await prepare(bool(params.cursor), since).rows(
        session, page_size=params.limit + 1, **values
    )
    return _page_of(
        rows, params, lambda last: [last[c.key] for c in order_by], descending, sort_key
    )
