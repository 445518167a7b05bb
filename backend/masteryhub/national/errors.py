"""Problems the national reports answer with (stable codes; see api.md)."""

from __future__ import annotations

from masteryhub.errors import FieldError, ValidationFailed


def invalid_academic_year(message: str) -> ValidationFailed:
    return ValidationFailed(errors=[FieldError(field="academic_year", message=message)])
