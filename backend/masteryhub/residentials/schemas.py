from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from masteryhub.domain.fields import IsoDate
from masteryhub.models.residential_attendance import AttendanceStatus
from masteryhub.trg_meetings.schemas import SpecialistSummary


class AttendanceRecordIn(BaseModel):
    specialist_id: uuid.UUID
    status: AttendanceStatus
    note: str | None = Field(None, max_length=1000)


class ResidentialSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    cohort_id: uuid.UUID
    title: str
    starts_on: IsoDate
    ends_on: IsoDate


class AttendanceRow(BaseModel):
    specialist: SpecialistSummary
    status: AttendanceStatus | None = Field(description="Null until recorded.")
    note: str | None
    recorded_at: datetime | None


class ResidentialAttendanceRead(BaseModel):
    """The register: every specialist of the residential's cohort you can see, recorded or not."""

    residential: ResidentialSummary
    items: list[AttendanceRow]
