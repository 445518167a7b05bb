"""School terms: autumn, spring and summer, as data, on London calendar days.

One documented source for the whole app (the headteacher's termly confirmation of release
days counts by it). Schools' own term dates differ by a few days between local authorities, so
the terms here are contiguous buckets that cover the whole academic year — every day belongs
to exactly one term, holidays included — and each says on which day the headteachers are asked
(the last teaching fortnight, when heads are still in school):

| term | from | to | heads asked from |
| --- | --- | --- | --- |
| autumn | 1 September | 31 December | 10 December |
| spring | 1 January | 31 March | 20 March |
| summer | 1 April | 31 August | 10 July |

Release days worked in a term after its heads were asked go into a follow-up request.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from masteryhub.domain.academic_year import (
    LONDON,
    academic_year_of,
    academic_year_start_year,
    current_academic_year,
)


class TermName(enum.StrEnum):
    AUTUMN = "autumn"
    SPRING = "spring"
    SUMMER = "summer"


@dataclass(frozen=True)
class TermPattern:
    name: TermName
    starts: tuple[int, int]  # (month, day)
    ends: tuple[int, int]
    asks: tuple[int, int]


# The data: in academic-year order. Autumn falls in the year the academic year starts.
TERM_PATTERNS: tuple[TermPattern, ...] = (
    TermPattern(TermName.AUTUMN, (9, 1), (12, 31), (12, 10)),
    TermPattern(TermName.SPRING, (1, 1), (3, 31), (3, 20)),
    TermPattern(TermName.SUMMER, (4, 1), (8, 31), (7, 10)),
)


@dataclass(frozen=True)
class Term:
    academic_year: str
    name: TermName
    starts_on: date
    ends_on: date
    asks_on: date

    @property
    def label(self) -> str:
        """ "Autumn term 2020", "Summer term 2021" (the calendar year the term is in)."""
        return f"{self.name.value.capitalize()} term {self.starts_on.year}"

    @property
    def asks_at(self) -> datetime:
        """Midnight in London at the start of the asking day, in UTC."""
        return datetime.combine(self.asks_on, time(0), tzinfo=LONDON).astimezone(UTC)

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _term(academic_year: str, pattern: TermPattern) -> Term:
    first = academic_year_start_year(academic_year)
    year = first if pattern.name is TermName.AUTUMN else first + 1
    return Term(
        academic_year=academic_year,
        name=pattern.name,
        starts_on=date(year, *pattern.starts),
        ends_on=date(year, *pattern.ends),
        asks_on=date(year, *pattern.asks),
    )


def terms_of(academic_year: str) -> list[Term]:
    return [_term(academic_year, pattern) for pattern in TERM_PATTERNS]


def term(academic_year: str, name: TermName) -> Term:
    return next(t for t in terms_of(academic_year) if t.name is name)


def term_of(day: date) -> Term:
    return next(t for t in terms_of(academic_year_of(day)) if t.contains(day))


def previous_academic_year(academic_year: str) -> str:
    start = academic_year_start_year(academic_year) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def terms_to_ask(now: datetime) -> list[Term]:
    """The terms whose heads may be asked now: those of this academic year and the last whose
    asking day has come (older release days are settled; nobody is asked about them)."""
    this_year = current_academic_year(now)
    candidates = terms_of(previous_academic_year(this_year)) + terms_of(this_year)
    return [t for t in candidates if t.asks_at <= now]
