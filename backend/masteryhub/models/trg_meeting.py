from __future__ import annotations

import enum
import uuid
from datetime import date, time

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from masteryhub.models.base import Entity, HubOwned
from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.programme import str_enum
from masteryhub.models.school import School
from masteryhub.models.specialist import Specialist


class TrgMeetingKind(enum.StrEnum):
    SCHOOL = "school"  # a regular TRG in the specialist's own school
    PILOT = "pilot"  # the pilot TRG with interested local schools (development year)
    WORK_GROUP = "work_group"


class TrgMeeting(HubOwned, Entity):
    """A Teacher Research Group meeting led by a specialist: release-day evidence."""

    __tablename__ = "trg_meetings"
    __table_args__ = (Index(None, "hub_id", "held_on"),)

    kind: Mapped[TrgMeetingKind] = mapped_column(str_enum(TrgMeetingKind, 16), index=True)
    lead_specialist_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("specialists.id", ondelete="RESTRICT"), index=True
    )
    held_on: Mapped[date]
    # Local wall-clock times in Europe/London on ``held_on`` (what the TRG was planned as).
    starts_at: Mapped[time | None]
    ends_at: Mapped[time | None]
    mode: Mapped[DeliveryMode] = mapped_column(str_enum(DeliveryMode, 16))
    school_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("schools.id", ondelete="RESTRICT"), index=True
    )  # the host school
    focus: Mapped[str | None] = mapped_column(String(500))
    research_lesson_year_group: Mapped[str | None] = mapped_column(String(32))
    research_lesson_topic: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    work_group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("work_groups.id", ondelete="RESTRICT"), index=True
    )
    lead_specialist: Mapped[Specialist] = relationship(lazy="raise")
    school: Mapped[School | None] = relationship(lazy="raise")
    attendees: Mapped[list[TrgMeetingAttendee]] = relationship(
        lazy="raise",
        order_by="TrgMeetingAttendee.position",
        cascade="all, delete-orphan",
        back_populates="trg_meeting",
    )


class TrgMeetingAttendee(HubOwned, Entity):
    """Someone invited to a TRG meeting, and whether they came."""

    __tablename__ = "trg_meeting_attendees"

    trg_meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("trg_meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    school_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("schools.id", ondelete="RESTRICT"), index=True
    )
    attended: Mapped[bool] = mapped_column(default=True)
    trg_meeting: Mapped[TrgMeeting] = relationship(lazy="raise", back_populates="attendees")
    school: Mapped[School | None] = relationship(lazy="raise")
