"""The academic-year vocabulary specialists, ledgers, progress and reports use, on top of the
domain helpers: programme year as ``None`` before the development year (rather than an
error), and the current academic year in London."""

from __future__ import annotations

from datetime import datetime

from masteryhub.domain.academic_year import (
    ACADEMIC_YEAR_PATTERN,
    LONDON,
    academic_year_bounds,
    academic_year_of,
    academic_year_start_year,
)
from masteryhub.domain.academic_year import programme_year as _programme_year

__all__ = [
    "ACADEMIC_YEAR_PATTERN",
    "academic_year_bounds",
    "academic_year_of",
    "current_academic_year",
    "programme_year",
    "start_year",
]

start_year = academic_year_start_year


def current_academic_year() -> str:
    return academic_year_of(datetime.now(LONDON).date())


def programme_year(development_year: str, academic_year: str) -> int | None:
    """1 in the development year, 2 the year after, ...; None before the development year."""
    if start_year(academic_year) < start_year(development_year):
        return None
    return _programme_year(development_year, academic_year)
