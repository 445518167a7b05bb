"""Academic years (1 September – 31 August, written "2020/21") and programme years.

A local copy of the functions this branch uses from masteryhub.domain.academic_year (branch
`cohorts`), with the same names and behaviour; once both are merged, import from there.
"""

from __future__ import annotations

import re
from datetime import date

ACADEMIC_YEAR_PATTERN = r"^\d{4}/\d{2}$"
_ACADEMIC_YEAR = re.compile(ACADEMIC_YEAR_PATTERN)


def academic_year_of(day: date) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


class InvalidAcademicYear(ValueError):
    pass


def academic_year_start_year(academic_year: str) -> int:
    """2020 for "2020/21"; InvalidAcademicYear for anything that is not a real academic year."""
    if not _ACADEMIC_YEAR.fullmatch(academic_year):
        raise InvalidAcademicYear("An academic year is written YYYY/YY, e.g. 2020/21.")
    start = int(academic_year[:4])
    if int(academic_year[5:]) != (start + 1) % 100:
        raise InvalidAcademicYear("An academic year spans two consecutive years, e.g. 2020/21.")
    return start


def academic_year_bounds(academic_year: str) -> tuple[date, date]:
    start = academic_year_start_year(academic_year)
    return date(start, 9, 1), date(start + 1, 8, 31)


def programme_year(development_year: str, academic_year: str) -> int:
    """1 in the cohort's development year, then 2, 3, …; ValueError before it."""
    offset = academic_year_start_year(academic_year) - academic_year_start_year(development_year)
    if offset < 0:
        raise ValueError(f"{academic_year} is before the development year {development_year}.")
    return offset + 1
