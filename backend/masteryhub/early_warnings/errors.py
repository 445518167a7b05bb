"""Problems the early warnings answer with: only malformed filters (see the endpoints)."""

from __future__ import annotations

from masteryhub.errors import FieldError, ValidationFailed


def invalid_academic_year(message: str) -> ValidationFailed:
    return ValidationFailed(errors=[FieldError(field="academic_year", message=message)])
