"""Pydantic field types for request and response schemas, built on the domain rules.

development_year: AcademicYear              # "2020/21", validated
closes_at: LondonDateTime                   # naive = Europe/London wall time; stored UTC
release_days: Days                          # JSON number in half-day steps, Decimal inside
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


def _days_in(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValueError("Days must be a number.")
    return half_days_to_days(days_to_half_days(value))


Days = Annotated[
    Decimal,
    BeforeValidator(_days_in),
    Field(ge=0),
    PlainSerializer(days_as_json_number, return_type=float),
    WithJsonSchema({"type": "number", "multipleOf": 0.5, "minimum": 0, "examples": [15, 7.5]}),
]
