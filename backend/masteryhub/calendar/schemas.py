from __future__ import annotations

import uuid
from datetime import datetime, time

from pydantic import BaseModel, Field

from masteryhub.calendar.repository import CalendarEntry, CalendarEventKind
from masteryhub.domain.fields import IsoDate
from masteryhub.models.cohort import DeliveryMode

LOCAL_TIME = Field(
    pattern=r"^\d{2}:\d{2}$", description="Local time in Europe/London, `HH:MM`; null all day."
)


class CalendarFeedIssued(BaseModel):
    url: str = Field(description="Subscribe to this URL; it is shown once, keep it secret.")
    token: str
    issued_at: datetime


def _local(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


class CalendarEvent(BaseModel):
    kind: CalendarEventKind
    id: uuid.UUID = Field(description="The residential's, TRG meeting's or session's id.")
    title: str = Field(description="As the calendar feed's summary.")
    starts_on: IsoDate
    ends_on: IsoDate = Field(description="Inclusive; residentials span several days.")
    starts_at: str | None = LOCAL_TIME
    ends_at: str | None = LOCAL_TIME
    mode: DeliveryMode
    location: str | None
    cohort_id: uuid.UUID | None = Field(description="Residentials: their cohort.")
    work_group_id: uuid.UUID | None = Field(
        description="Work-group sessions, and TRG meetings of a work group: the work group."
    )
    trg_meeting_id: uuid.UUID | None = Field(description="TRG meetings: the meeting.")

    @classmethod
    def of(cls, entry: CalendarEntry) -> CalendarEvent:
        return cls(
            kind=entry.kind,
            id=entry.id,
            title=entry.title,
            starts_on=entry.starts_on,
            ends_on=entry.ends_on,
            starts_at=_local(entry.starts_at),
            ends_at=_local(entry.ends_at),
            mode=entry.mode,
            location=entry.location,
            cohort_id=entry.cohort_id,
            work_group_id=entry.work_group_id,
            trg_meeting_id=entry.trg_meeting_id,
        )


class CalendarAgenda(BaseModel):
    """Every event on or overlapping the window's days, by date then time (all-day first)."""

    items: list[CalendarEvent]
