"""Problems the data cuts answer with (stable codes; see api.md)."""

from __future__ import annotations

from masteryhub.errors import FieldError, NotFound, ValidationFailed


class DataCutNotFound(NotFound):
    code = "data_cut_not_found"
    title = "No such data cut"


def reason_required() -> ValidationFailed:
    return ValidationFailed(
        errors=[
            FieldError(
                field="reason",
                message="Say why the year is cut again: a re-cut changes published figures.",
            )
        ]
    )


def invalid_academic_year(message: str) -> ValidationFailed:
    return ValidationFailed(errors=[FieldError(field="academic_year", message=message)])
