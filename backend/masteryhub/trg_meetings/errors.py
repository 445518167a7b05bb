"""The problems the TRG meetings area answers with besides the shared ones (masteryhub.errors;
a delete refused while a claim points at the meeting is kit.references.StillReferenced)."""

from __future__ import annotations

from masteryhub.errors import AppError


class PilotOutsideDevelopmentYear(AppError):
    status = 422
    code = "pilot_trg_outside_development_year"
    title = "A pilot TRG is held in the specialist's development year"
