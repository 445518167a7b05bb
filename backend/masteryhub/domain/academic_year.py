"""Academic years, programme years, Europe/London wall time and half days.

An English academic year runs 1 September to 31 August and is written ``2020/21`` (product.md,
api.md). Programme year 1 is the cohort's development year. Times people type (a closing time
of "Monday 15 June 2020 at 5pm") are Europe/London wall time; the database and the API answer
in UTC. Release days are counted in half days so that arithmetic is exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ACADEMIC_YEAR_PATTERN = r"^\d{4}/\d{2}$"
_ACADEMIC_YEAR = re.compile(ACADEMIC_YEAR_PATTERN)
HALF = Decimal("0.5")


class InvalidAcademicYear(ValueError):
    pass


class NonExistentLondonTime(ValueError):
    """A wall time skipped when the clocks go forward (e.g. 01:30 on the last Sunday of March)."""


class AmbiguousLondonTime(ValueError):
    """A wall time that happens twice when the clocks go back (01:00–01:59 in late October)."""


class InvalidHalfDays(ValueError):
    pass


# ── academic years ───────────────────────────────────────────────────────────────────────────


def _format(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def academic_year_of(day: date) -> str:
    """The academic year a day falls in: 31 Aug 2021 → "2020/21", 1 Sep 2021 → "2021/22".

    An aware datetime is taken on its London calendar day; a naive one as London wall time.
    """
    if isinstance(day, datetime):
        day = day.astimezone(LONDON).date() if day.tzinfo is not None else day.date()
    return _format(day.year if day.month >= 9 else day.year - 1)


def current_academic_year(now: datetime | None = None) -> str:
    """The academic year it is now in London (it turns at midnight on 1 September there)."""
    return academic_year_of((now or datetime.now(UTC)).astimezone(LONDON).date())


def academic_year_start_year(academic_year: str) -> int:
    """2020 for "2020/21". Raises InvalidAcademicYear for anything not of the form YYYY/YY
    whose second part is the following year (so "2020/22" and "2020-21" are refused)."""
    if not isinstance(academic_year, str) or not _ACADEMIC_YEAR.fullmatch(academic_year):
        raise InvalidAcademicYear("An academic year is written YYYY/YY, e.g. 2020/21.")
    start = int(academic_year[:4])
    if int(academic_year[5:]) != (start + 1) % 100:
        raise InvalidAcademicYear(
            f"An academic year spans two consecutive years: {_format(start)}, not {academic_year}."
        )
    return start


def validate_academic_year(academic_year: str) -> str:
    """Returns the academic year unchanged, or raises InvalidAcademicYear."""
    academic_year_start_year(academic_year)
    return academic_year


def is_academic_year(text: str) -> bool:
    try:
        academic_year_start_year(text)
    except InvalidAcademicYear:
        return False
    return True


def academic_year_bounds(academic_year: str) -> tuple[date, date]:
    """First and last day: "2020/21" → (1 Sep 2020, 31 Aug 2021)."""
    start = academic_year_start_year(academic_year)
    return date(start, 9, 1), date(start + 1, 8, 31)


def shift_academic_year(academic_year: str, years: int) -> str:
    """ "2020/21" shifted by 1 is "2021/22"; by -1, "2019/20"."""
    return _format(academic_year_start_year(academic_year) + years)


def programme_year(development_year: str, academic_year: str) -> int:
    """Programme year of a participant in ``academic_year``: 1 in the development year, then
    2, 3, … Raises ValueError for an academic year before the development year."""
    offset = academic_year_start_year(academic_year) - academic_year_start_year(development_year)
    if offset < 0:
        raise ValueError(
            f"{academic_year} is before the development year {development_year}: "
            "there is no programme year then."
        )
    return offset + 1


def programme_year_if_begun(development_year: str, academic_year: str) -> int | None:
    """As programme_year, but None for an academic year before the development year: a ledger,
    report or progress view asked about such a year has nothing in it, which is not an error."""
    if academic_year_start_year(academic_year) < academic_year_start_year(development_year):
        return None
    return programme_year(development_year, academic_year)


def academic_year_of_programme_year(development_year: str, year: int) -> str:
    """The inverse of programme_year: year 2 of a 2020/21 cohort is "2021/22"."""
    if year < 1:
        raise ValueError("Programme years start at 1 (the development year).")
    return shift_academic_year(development_year, year - 1)


def default_academic_year(
    development_year: str, entitled_programme_years: Iterable[int], current: str
) -> str:
    """The academic year a participant's pages open on: ``current`` if a programme year with
    an entitlement falls in it, else the nearest one that has one (a specialist appointed to a
    cohort whose development year has not begun opens on the development year; one whose
    funded years are over, on the last). Equally near either way, the earlier. ``current``
    when no programme year has an entitlement."""
    now = academic_year_start_year(current)
    first = academic_year_start_year(development_year)
    starts = sorted(first + year - 1 for year in set(entitled_programme_years) if year >= 1)
    if not starts:
        return current
    return _format(min(starts, key=lambda start: (abs(start - now), start)))


# ── Europe/London wall time ──────────────────────────────────────────────────────────────────

Ambiguity = Literal["raise", "earlier", "later"]


def london_wall_time_to_utc(wall_time: datetime, *, ambiguous: Ambiguity = "raise") -> datetime:
    """The UTC instant of a naive Europe/London wall time.

    2020-06-15 17:00 (BST) → 16:00Z; 2020-12-01 17:00 (GMT) → 17:00Z. A wall time skipped
    when the clocks go forward always raises NonExistentLondonTime. One that happens twice
    when they go back raises AmbiguousLondonTime unless ``ambiguous`` picks the "earlier"
    (BST) or "later" (GMT) instant: a deadline should never be guessed silently.
    """
    if wall_time.tzinfo is not None:
        raise ValueError("Give a naive London wall time; an aware datetime is already an instant.")
    first = wall_time.replace(tzinfo=LONDON, fold=0)
    second = wall_time.replace(tzinfo=LONDON, fold=1)
    first_utc, second_utc = first.astimezone(UTC), second.astimezone(UTC)
    if first_utc.astimezone(LONDON).replace(tzinfo=None) != wall_time:
        raise NonExistentLondonTime(
            f"{wall_time:%Y-%m-%d %H:%M} does not exist in London (the clocks go forward); "
            "give a time outside 01:00–02:00 or an explicit UTC offset."
        )
    if first_utc != second_utc:
        if ambiguous == "raise":
            raise AmbiguousLondonTime(
                f"{wall_time:%Y-%m-%d %H:%M} happens twice in London (the clocks go back); "
                "give an explicit UTC offset (+01:00 or +00:00)."
            )
        return first_utc if ambiguous == "earlier" else second_utc
    return first_utc


def utc_to_london_wall_time(instant: datetime) -> datetime:
    """The naive Europe/London wall time of an aware instant (16:00Z in June → 17:00)."""
    if instant.tzinfo is None:
        raise ValueError("Give an aware datetime (UTC or with an offset).")
    return instant.astimezone(LONDON).replace(tzinfo=None)


def to_utc(value: datetime) -> datetime:
    """An instant in UTC from what a person sent: naive = London wall time, aware = as given."""
    if value.tzinfo is None:
        return london_wall_time_to_utc(value)
    return value.astimezone(UTC)


def london_date(instant: datetime) -> date:
    """The calendar day in London at an aware instant."""
    return instant.astimezone(LONDON).date()


# ── half days ────────────────────────────────────────────────────────────────────────────────


def days_to_half_days(days: Decimal | int | str | float) -> int:
    """7.5 days → 15 half days. Refuses anything that is not a multiple of 0.5 (e.g. 0.25).

    Floats are read through their shortest decimal form (7.5 → "7.5"), so JSON numbers work.
    """
    if isinstance(days, bool):
        raise InvalidHalfDays("Days must be a number.")
    try:
        value = Decimal(str(days)) if isinstance(days, float) else Decimal(days)
    except (InvalidOperation, ValueError):
        raise InvalidHalfDays("Days must be a number.") from None
    if not value.is_finite():
        raise InvalidHalfDays("Days must be a finite number.")
    doubled = value * 2
    if doubled != doubled.to_integral_value():
        raise InvalidHalfDays("Days are counted in half days: use steps of 0.5 (e.g. 7.5).")
    return int(doubled)


def half_days_to_days(half_days: int) -> Decimal:
    """15 half days → Decimal("7.5"); 30 → Decimal("15")."""
    days = Decimal(half_days) / 2
    return days.quantize(Decimal(1)) if half_days % 2 == 0 else days.quantize(HALF)


def days_as_json_number(days: Decimal) -> int | float:
    """A day count for a JSON body: 15 stays 15, 7.5 stays 7.5 (exact in binary)."""
    days_to_half_days(days)  # never serialise anything finer than a half day
    return int(days) if days == days.to_integral_value() else float(days)
