"""Pydantic field types for request and response schemas, built on the domain rules.

development_year: AcademicYear              # "2020/21", validated
closes_at: LondonDateTime                   # naive = Europe/London wall time; stored UTC
release_days: Days                          # JSON number in half-day steps, Decimal inside
amount_pence: Pence                         # integer pence, 0 to £10,000,000
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

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
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
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
    Field(ge=0, le=MAX_PENCE, description="Integer pence, GBP (at most £10,000,000)."),
]
