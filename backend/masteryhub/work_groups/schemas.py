from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StrictBool, model_validator

from masteryhub.domain.fields import AcademicYear, IsoDate, LocalTime
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupPhase,
    WorkGroupSession,
    WorkGroupStatus,
)
from masteryhub.trg_meetings.schemas import SchoolSummary, SpecialistSummary, check_local_times

WORK_GROUP_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$"
MAX_SCHOOLS = 50
MAX_PARTICIPANTS = 30


class ParticipantIn(BaseModel):
    id: uuid.UUID | None = Field(
        None, description="Keep an existing participant (and their attendance) on update."
    )
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    role: str | None = Field(None, max_length=200)


class WorkGroupSchoolIn(BaseModel):
    school_id: uuid.UUID
    participants: list[ParticipantIn] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    completed: StrictBool | None = Field(
        None, description="The evaluation: did the school complete the work group?"
    )
    withdrawn_on: IsoDate | None = Field(
        None,
        description="The day the school withdrew from the work group. Left out, the school's "
        "current value is kept; `null` says it takes part again.",
    )


def _distinct_schools(schools: list[WorkGroupSchoolIn] | None) -> None:
    if schools is not None and len({s.school_id for s in schools}) != len(schools):
        raise ValueError("Each school takes part once.")


class WorkGroupCreate(BaseModel):
    code: str = Field(pattern=WORK_GROUP_CODE_PATTERN, description="Unique in the hub.")
    title: str = Field(min_length=1, max_length=200)
    phase: WorkGroupPhase
    programme: ProgrammeCode
    academic_year: AcademicYear
    lead_specialist_ids: list[uuid.UUID] = Field(min_length=1, max_length=10)
    schools: list[WorkGroupSchoolIn] = Field(default_factory=list, max_length=MAX_SCHOOLS)
    status: WorkGroupStatus = WorkGroupStatus.PLANNED
    outcomes: str | None = Field(None, max_length=20_000)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _distinct_schools(self.schools)
        return self


class WorkGroupUpdate(PatchModel):
    """Fields sent replace the stored ones. `schools` replaces the list: schools and
    participants not sent are removed (refused while they have recorded attendance)."""

    code: str | None = Field(None, pattern=WORK_GROUP_CODE_PATTERN)
    title: str | None = Field(None, min_length=1, max_length=200)
    phase: WorkGroupPhase | None = None
    programme: ProgrammeCode | None = None
    academic_year: AcademicYear | None = None
    lead_specialist_ids: list[uuid.UUID] | None = Field(None, min_length=1, max_length=10)
    schools: list[WorkGroupSchoolIn] | None = Field(None, max_length=MAX_SCHOOLS)
    status: WorkGroupStatus | None = None
    outcomes: Clearable[str] = Field(None, max_length=20_000)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _distinct_schools(self.schools)
        return self


class ParticipantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    email: str | None
    role: str | None


class WorkGroupSchoolRead(BaseModel):
    school: SchoolSummary
    participants: list[ParticipantRead]
    completed: bool | None
    withdrawn_on: date | None


class AttendanceIn(BaseModel):
    participant_id: uuid.UUID
    attended: StrictBool


class AttendanceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    participant_id: uuid.UUID
    attended: bool


class WorkGroupSessionCreate(BaseModel):
    held_on: IsoDate
    starts_at: LocalTime | None = Field(None, description="Local time in Europe/London, `HH:MM`.")
    ends_at: LocalTime | None = Field(None, description="Local time in Europe/London, `HH:MM`.")
    mode: DeliveryMode
    location: str | None = Field(None, max_length=200)
    notes: str | None = Field(None, max_length=20_000)
    attendance: list[AttendanceIn] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_local_times(self.starts_at, self.ends_at)
        if len({a.participant_id for a in self.attendance}) != len(self.attendance):
            raise ValueError("Each participant appears once in attendance.")
        return self


class WorkGroupSessionUpdate(PatchModel):
    """Fields sent replace the stored ones; `attendance` replaces the whole register
    (participants left out have no attendance recorded for this session)."""

    held_on: IsoDate | None = None
    starts_at: Clearable[LocalTime] = Field(
        None, description="Local time in Europe/London, `HH:MM`."
    )
    ends_at: Clearable[LocalTime] = None
    mode: DeliveryMode | None = None
    location: Clearable[str] = Field(None, max_length=200)
    notes: Clearable[str] = Field(None, max_length=20_000)
    attendance: list[AttendanceIn] | None = Field(None, max_length=500)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for value in (self.starts_at, self.ends_at):
            if value is not None and value.tzinfo is not None:
                raise ValueError("Times are local to Europe/London: send them without an offset.")
        if self.attendance is not None and len({a.participant_id for a in self.attendance}) != len(
            self.attendance
        ):
            raise ValueError("Each participant appears once in attendance.")
        return self


class WorkGroupSessionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    work_group_id: uuid.UUID
    held_on: IsoDate
    starts_at: LocalTime | None
    ends_at: LocalTime | None
    mode: DeliveryMode
    location: str | None
    notes: str | None
    attendance: list[AttendanceRead]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, session: WorkGroupSession) -> WorkGroupSessionRead:
        return cls.model_validate(session)


class WorkGroupRead(BaseModel):
    id: uuid.UUID
    hub_id: uuid.UUID
    code: str
    title: str
    phase: WorkGroupPhase
    programme: ProgrammeCode
    academic_year: str
    status: WorkGroupStatus
    leads: list[SpecialistSummary]
    schools: list[WorkGroupSchoolRead]
    sessions: list[WorkGroupSessionRead]
    outcomes: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, work_group: WorkGroup) -> WorkGroupRead:
        return cls(
            id=work_group.id,
            hub_id=work_group.hub_id,
            code=work_group.code,
            title=work_group.title,
            phase=work_group.phase,
            programme=work_group.programme,
            academic_year=work_group.academic_year,
            status=work_group.status,
            leads=sorted(
                (SpecialistSummary.model_validate(lead.specialist) for lead in work_group.leads),
                key=lambda s: (s.last_name, s.first_name, s.id),
            ),
            schools=sorted(
                (
                    WorkGroupSchoolRead(
                        school=SchoolSummary.model_validate(s.school),
                        participants=[ParticipantRead.model_validate(p) for p in s.participants],
                        completed=s.completed,
                        withdrawn_on=s.withdrawn_on,
                    )
                    for s in work_group.schools
                ),
                key=lambda s: s.school.urn,
            ),
            sessions=[WorkGroupSessionRead.of(s) for s in work_group.sessions],
            outcomes=work_group.outcomes,
            created_at=work_group.created_at,
            updated_at=work_group.updated_at,
        )
