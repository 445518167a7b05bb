from __future__ import annotations

import uuid
from datetime import datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from masteryhub.domain.fields import IsoDate, LocalTime
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind

MAX_ATTENDEES = 200


def check_local_times(starts_at: LocalTime | None, ends_at: LocalTime | None) -> None:
    for value in (starts_at, ends_at):
        if value is not None and value.tzinfo is not None:
            raise ValueError("Times are local to Europe/London: send them without an offset.")
    if ends_at is not None and starts_at is None:
        raise ValueError("Give starts_at with ends_at.")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise ValueError("ends_at must be after starts_at.")


class ResearchLesson(BaseModel):
    year_group: str | None = Field(None, max_length=32, description="e.g. `Year 4`.")
    topic: str | None = Field(None, max_length=200)


class Attendee(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str = Field(min_length=1, max_length=200)
    role: str | None = Field(None, max_length=200)
    school_id: uuid.UUID | None = None
    attended: StrictBool = True


class TrgMeetingCreate(BaseModel):
    kind: TrgMeetingKind
    lead_specialist_id: uuid.UUID | None = Field(
        None, description="Required for hub staff; a specialist leads their own (may omit it)."
    )
    held_on: IsoDate
    starts_at: LocalTime | None = Field(None, description="Local time in Europe/London, `HH:MM`.")
    ends_at: LocalTime | None = Field(None, description="Local time in Europe/London, `HH:MM`.")
    mode: DeliveryMode
    school_id: uuid.UUID | None = Field(None, description="The host school.")
    focus: str | None = Field(None, max_length=500)
    research_lesson: ResearchLesson | None = None
    attendees: list[Attendee] = Field(default_factory=list, max_length=MAX_ATTENDEES)
    notes: str | None = Field(None, max_length=20_000)
    work_group_id: uuid.UUID | None = Field(None, description="Only for kind `work_group`.")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_local_times(self.starts_at, self.ends_at)
        if self.work_group_id is not None and self.kind is not TrgMeetingKind.WORK_GROUP:
            raise ValueError("work_group_id is only for TRG meetings of kind work_group.")
        return self


class TrgMeetingUpdate(PatchModel):
    """Fields sent replace the stored ones; `attendees` replaces the whole list."""

    kind: TrgMeetingKind | None = None
    lead_specialist_id: uuid.UUID | None = None
    held_on: IsoDate | None = None
    starts_at: Clearable[LocalTime] = None
    ends_at: Clearable[LocalTime] = None
    mode: DeliveryMode | None = None
    school_id: Clearable[uuid.UUID] = None
    focus: Clearable[str] = Field(None, max_length=500)
    research_lesson: Clearable[ResearchLesson] = None
    attendees: list[Attendee] | None = Field(None, max_length=MAX_ATTENDEES)
    notes: Clearable[str] = Field(None, max_length=20_000)
    work_group_id: Clearable[uuid.UUID] = None


class SpecialistSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    first_name: str
    last_name: str


class SchoolSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    urn: str
    name: str


class AttendeeRead(Attendee):
    school: SchoolSummary | None = Field(description="The school `school_id` names.")


class TrgMeetingRead(BaseModel):
    id: uuid.UUID
    hub_id: uuid.UUID
    kind: TrgMeetingKind
    lead_specialist: SpecialistSummary
    held_on: IsoDate
    starts_at: LocalTime | None
    ends_at: LocalTime | None
    mode: DeliveryMode
    school: SchoolSummary | None
    focus: str | None
    research_lesson: ResearchLesson | None
    attendees: list[AttendeeRead]
    notes: str | None
    work_group_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, meeting: TrgMeeting) -> TrgMeetingRead:
        lesson = None
        if meeting.research_lesson_year_group or meeting.research_lesson_topic:
            lesson = ResearchLesson(
                year_group=meeting.research_lesson_year_group,
                topic=meeting.research_lesson_topic,
            )
        return cls(
            id=meeting.id,
            hub_id=meeting.hub_id,
            kind=meeting.kind,
            lead_specialist=SpecialistSummary.model_validate(meeting.lead_specialist),
            held_on=meeting.held_on,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            mode=meeting.mode,
            school=SchoolSummary.model_validate(meeting.school) if meeting.school else None,
            focus=meeting.focus,
            research_lesson=lesson,
            attendees=[AttendeeRead.model_validate(a) for a in meeting.attendees],
            notes=meeting.notes,
            work_group_id=meeting.work_group_id,
            created_at=meeting.created_at,
            updated_at=meeting.updated_at,
        )
