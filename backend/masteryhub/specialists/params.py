"""The `academic_year` query parameter shared by specialists, ledgers, progress and reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.specialists.academic_years import (
    ACADEMIC_YEAR_PATTERN,
    current_academic_year,
    start_year,
)


def academic_year_param(
    academic_year: Annotated[
        str | None,
        Query(
            pattern=ACADEMIC_YEAR_PATTERN,
            description="Academic year (1 September – 31 August), e.g. `2020/21`; "
            "the current one when absent.",
        ),
    ] = None,
) -> str:
    if academic_year is None:
        return current_academic_year()
    try:
        start_year(academic_year)
    except ValueError:
        raise ValidationFailed(
            errors=[
                FieldError(
                    field="academic_year",
                    message="Give consecutive years, e.g. 2020/21.",
                )
            ]
        ) from None
    return academic_year


AcademicYear = Annotated[str, Depends(academic_year_param)]
