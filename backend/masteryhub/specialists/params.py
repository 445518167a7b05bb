"""The `academic_year` query parameter shared by specialists, ledgers, progress and reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from masteryhub.domain.academic_year import (
    ACADEMIC_YEAR_PATTERN,
    academic_year_start_year,
    current_academic_year,
)
from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.kit.clock import Now


async def academic_year_param(
    now: Now,
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
        return current_academic_year(now)
    try:
        academic_year_start_year(academic_year)
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


async def current_academic_year_param(now: Now) -> str:
    return current_academic_year(now)


CurrentAcademicYear = Annotated[str, Depends(current_academic_year_param)]
