"""Pydantic field types for request and response schemas, built on the domain rules.

development_year: AcademicYear              # "2020/21", validated
closes_at: LondonDateTime                   # naive = Europe/London wall time; stored UTC
release_days: Days                          # JSON number in half-day steps, Decimal inside
amount_pence: Pence                         # integer pence, 0 to £10,000,000
starts_at: LocalTime                        # "15:45", Europe/London wall clock
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    PlainSerializer,
    Strict,
    WithJsonSchema,
)

from masteryhub.domain.academic_year import (
    ACADEMIC_YEAR_PATTERN,
    days_as_json_number,
    days_to_half_days,
    half_days_to_days,
    to_utc,
    validate_academic_year,
)

AcademicYear = Annotated[
    str,
    AfterValidator(validate_academic_year),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": ACADEMIC_YEAR_PATTERN,
            "examples": ["2020/21"],
            "description": "Academic year, 1 September to 31 August, written YYYY/YY.",
        }
    ),
]

LondonDateTime = Annotated[
    datetime,
    BeforeValidator(lambda value: _rfc3339_in(value)),
    AfterValidator(to_utc),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "examples": ["2020-06-15T17:00"],
            "description": "Europe/London wall time when no offset is given "
            "(`2020-06-15T17:00` is 16:00 UTC in summer); an explicit offset is honoured. "
            "Answered in UTC.",
        },
        mode="validation",
    ),
]


# Bounds every numeric input declares (a test walks the contract to keep it so): a year's
# release days cannot exceed the days in a year; a sum of money in this domain (a day rate, a
# grant, a claim) is far below £10,000,000, and integer pence stay well inside 64 bits.
MAX_DAYS_PER_YEAR = 366
MAX_PENCE = 1_000_000_000


def _days_in(value: Any) -> Decimal:
    # A JSON number (or a Decimal from the database); "15" is not a number.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError("Days must be a number.")
    half_days = days_to_half_days(value)
    # Checked before anything else is done with the number (1e30 days cannot be quantised).
    if not 0 <= half_days <= 2 * MAX_DAYS_PER_YEAR:
        raise ValueError(f"Days must be between 0 and {MAX_DAYS_PER_YEAR}.")
    return half_days_to_days(half_days)


Days = Annotated[
    Decimal,
    BeforeValidator(_days_in),
    Field(ge=0, le=MAX_DAYS_PER_YEAR),
    PlainSerializer(days_as_json_number, return_type=float),
    WithJsonSchema(
        {
            "type": "number",
            "multipleOf": 0.5,
            "minimum": 0,
            "maximum": MAX_DAYS_PER_YEAR,
            "examples": [15, 7.5],
        }
    ),
]

Pence = Annotated[
    int,
    Strict(),
    Field(ge=0, le=MAX_PENCE, description="Integer pence, GBP (at most £10,000,000)."),
]


CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_CLOCK = re.compile(CLOCK_PATTERN)


def _clock_in(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if not isinstance(value, str) or not _CLOCK.match(value):
        raise ValueError("Give a time of day as HH:MM, e.g. 15:45 (London time).")
    return time.fromisoformat(value)


# A time of day on the Europe/London wall clock, written and answered `HH:MM` (README, schema
# and code agree; no seconds, no offset).
LocalTime = Annotated[
    time,
    BeforeValidator(_clock_in),
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CLOCK_PATTERN,
            "examples": ["15:45"],
            "description": "Time of day in Europe/London, `HH:MM`.",
        }
    ),
]


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _rfc3339_in(value: Any) -> Any:
    # Pydantic would read "0.5" or 1700000000 as a Unix time; the contract says RFC 3339.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError("Give an RFC 3339 date and time, e.g. 2020-06-15T16:00:00Z.")
    return value


def _iso_date_in(value: Any) -> Any:
    # Pydantic would read 0 or "0" as 1970-01-01 (a Unix time); the contract says YYYY-MM-DD.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("Give a date as YYYY-MM-DD, e.g. 2020-06-15.")
    return value


# Filters (query parameters) that are instants or dates, read only in their documented form.
Instant = Annotated[AwareDatetime, BeforeValidator(_rfc3339_in)]
IsoDate = Annotated[date, BeforeValidator(_iso_date_in)]
