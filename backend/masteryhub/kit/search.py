"""The `q` text search every list offers: a part of any of some columns, any case.

What a person types is matched literally: `%` and `_` (SQL LIKE wildcards) and the escape
character itself are escaped, so searching for "50%" finds "50%", not everything starting "50".
"""

from __future__ import annotations

from sqlalchemy import BindParameter, ColumnElement, func, or_
from sqlalchemy.orm import QueryableAttribute

ESCAPE = "\\"


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (pair with ``escape=ESCAPE``)."""
    return text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")


def search_pattern(q: str | None) -> str | None:
    """The LIKE pattern for what a person typed, or None when ``q`` is blank."""
    text = (q or "").strip()
    return f"%{escape_like(text.lower())}%" if text else None


def text_search_of(
    pattern: str | BindParameter[str], *columns: ColumnElement[str] | QueryableAttribute[str]
) -> ColumnElement[bool]:
    """The condition "``pattern`` (``search_pattern``) matches one of ``columns``", compared on
    ``lower(column)``, which an expression index can serve; the pattern may be a bind parameter
    (a statement prepared once)."""
    return or_(*(func.lower(column).like(pattern, escape=ESCAPE) for column in columns))


def text_search(
    q: str | None, *columns: ColumnElement[str] | QueryableAttribute[str]
) -> ColumnElement[bool] | None:
    """The condition "``q`` appears in one of ``columns``" (case-insensitive), or None when
    ``q`` is blank."""
    pattern = search_pattern(q)
    return None if pattern is None else text_search_of(pattern, *columns)
