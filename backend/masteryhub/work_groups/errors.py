"""The problems the work groups area answers with besides the shared ones (masteryhub.errors;
a delete refused while something points at the record is kit.references.StillReferenced)."""

from __future__ import annotations

from masteryhub.errors import AppError, Conflict


class LeadInDevelopmentYear(AppError):
    status = 422
    code = "work_group_lead_in_development_year"
    title = "Specialists lead work groups from their second programme year"


class ParticipantHasAttendance(Conflict):
    code = "participant_has_attendance"
    title = "A participant with recorded attendance cannot be removed"


class WorkGroupCancelled(Conflict):
    code = "work_group_cancelled"
    title = "The work group is cancelled"
