"""Academic years (1 September – 31 August, written "2020/21") and programme years.

Programme year 1 is the cohort's development year, then 2, 3 and on (product.md).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ACADEMIC_YEAR_PATTERN = r"^\d{4}/\d{2}$"
_ACADEMIC_YEAR = re.compile(ACADEMIC_YEAR_PATTERN)


def academic_year_of(day: date) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def current_academic_year() -> str:
    return academic_year_of(datetime.now(LONDON).date())


def start_year(academic_year: str) -> int:
    """2020 for "2020/21"; ValueError for anything that is not a well-formed academic year."""
    if not _ACADEMIC_YEAR.match(academic_year):
        raise ValueError(f"{academic_year!r} is not an academic year like 2020/21")
    first = int(academic_year[:4])
    if int(academic_year[5:]) != (first + 1) % 100:
        raise ValueError(f"{academic_year!r} is not an academic year like 2020/21")
    return first


def academic_year_bounds(academic_year: str) -> tuple[date, date]:
    first = start_year(academic_year)
    return date(first, 9, 1), date(first + 1, 8, 31)


def programme_year(development_year: str, academic_year: str) -> int | None:
    """1 in the development year, 2 the year after, ...; None before the development year."""
    year = start_year(academic_year) - start_year(development_year) + 1
    return year if year >= 1 else None
